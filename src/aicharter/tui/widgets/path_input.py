"""A one-line field for a file's path: it suggests how the path goes on (a folder, or an
assessment file) and Tab takes the suggestion, as a shell does; with none, Tab moves on."""

from __future__ import annotations

from textual.binding import Binding
from textual.suggester import Suggester
from textual.widgets import Input

from aicharter.files.paths import complete_path


class PathSuggester(Suggester):
    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)  # the folders change

    async def get_suggestion(self, value: str) -> str | None:
        return complete_path(value)


class PathInput(Input):
    BINDINGS = [Binding("tab", "complete", "Complete the path", show=False)]

    def __init__(self, value: str, **kwargs: object) -> None:
        super().__init__(value, suggester=PathSuggester(), **kwargs)  # type: ignore[arg-type]

    def action_complete(self) -> None:
        if self._suggestion and self._suggestion != self.value:
            self.value = self._suggestion
            self.cursor_position = len(self.value)
        else:
            self.screen.focus_next()
