"""The ``/`` dialog (used by the walk-through, like the dialogs of dialogs.py): find a question
of the system in view or of the organisation by words in its text, help, options or
references, and go to it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from aicharter.content.checklist import Question
from aicharter.session import Owner
from aicharter.tui.keys import bindings, hint, keymap_of
from aicharter.tui.text import hanging, plain

LIMIT = 30
"""At most this many matches are listed."""


@dataclass(frozen=True)
class Findable:
    """A question that ``/`` can find: whose it is, and where it is shown."""

    owner: Owner
    where: str
    """The sidebar group it is in, e.g. "Your organisation" or "2.3 · High-risk?"."""
    question: Question


def _has(text: str, words: list[str]) -> bool:
    low = text.lower()
    return all(word in low for word in words)


class SearchScreen(ModalScreen[Findable | None]):
    """Type words; Enter (or a click) goes to the highlighted question, Esc closes."""

    CSS_PATH = "search.tcss"
    AUTO_FOCUS = "#words"
    BINDINGS = bindings("search")
    KEY_SCOPE = "search"

    def __init__(self, findable: Sequence[Findable]) -> None:
        super().__init__()
        self.findable = list(findable)
        self.found: list[Findable] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Find a question", classes="title")
            yield Input(placeholder="words from the question or its help", id="words")
            yield OptionList(id="found")
            yield Static(
                plain(hint(keymap_of(self.app), "search.go", "search.down", "search.close")),
                classes="hint",
            )

    def on_mount(self) -> None:
        self.show("")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.show(event.value)

    def show(self, text: str) -> None:
        words = text.lower().split()
        matches = [f for f in self.findable if f.question.mentions(words)]

        def rank(f: Findable) -> int:  # a match in the short title, then in the question
            q = f.question
            return next((i for i, where in enumerate((q.short, q.text)) if _has(where, words)), 2)

        self.found = sorted(matches, key=rank)[:LIMIT]
        listed = self.query_one("#found", OptionList)
        listed.clear_options()
        listed.add_options(
            Option(hanging(f"{f.where} ·", f.question.short + " — " + f.question.text))
            for f in self.found
        )
        if self.found:
            listed.highlighted = 0

    def on_input_submitted(self) -> None:
        self.action_go()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.found[event.option_index])

    def action_go(self) -> None:
        index = self.query_one("#found", OptionList).highlighted
        if index is None or not self.found:
            self.app.bell()
            return
        self.dismiss(self.found[index])

    def action_down(self) -> None:
        # no wrapping round: one press too many must not land on the first match
        listed = self.query_one("#found", OptionList)
        if listed.highlighted is not None and listed.highlighted < listed.option_count - 1:
            listed.action_cursor_down()

    def action_up(self) -> None:
        listed = self.query_one("#found", OptionList)
        if listed.highlighted:
            listed.action_cursor_up()

    def action_close(self) -> None:
        self.dismiss(None)
