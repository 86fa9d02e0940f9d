"""The walk-through's sidebar: the questions visible now, grouped under their sections, each
with a mark for where it stands."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from aicharter.tui.text import plain

MARKS = {
    "confirm": "!",
    "open": "·",
    "defaulted": "⌂",
    "skipped": "○",
    "unsure": "?",
    "answered": "✓",
}
"""What each mark in front of a question means (F1 and the README explain them)."""


@dataclass(frozen=True)
class NavEntry:
    question_id: str
    section_title: str
    """The section's short title."""
    text: str
    """The question's short title."""
    state: str
    """One of :data:`MARKS`' keys."""


class QuestionNav(OptionList):
    """Shows entries; selecting one posts ``OptionSelected`` with the question's id."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._signature: list[tuple[str | None, str]] = []

    def show(self, entries: list[NavEntry], current: str | None) -> None:
        # Entries are the checklist's short titles, written to fit the 80-column sidebar
        # (SHORT_TITLE, checked when the checklist loads), so none is cut.
        options: list[Option] = []
        section = None
        for entry in entries:
            if entry.section_title != section:
                section = entry.section_title
                options.append(Option(plain(section), disabled=True))
            line = f"{MARKS[entry.state]} {entry.text}"
            options.append(Option(plain(line), id=entry.question_id))
        signature = [(o.id, str(o.prompt)) for o in options]
        if [i for i, _ in signature] == [i for i, _ in self._signature]:
            # the same questions: only change the lines whose mark changed (rebuilding the
            # whole list is the slow part of a redraw)
            for index, (old, new) in enumerate(zip(self._signature, signature, strict=True)):
                if old != new:
                    self.replace_option_prompt_at_index(index, options[index].prompt)
        else:
            self.clear_options()
            self.add_options(options)
        self._signature = signature
        if current is not None:
            with contextlib.suppress(OptionDoesNotExist):  # it may have disappeared
                self.highlighted = self.get_option_index(current)
