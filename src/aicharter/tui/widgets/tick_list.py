"""The answers of a multi-choice question.

An OptionList, not a SelectionList: Textual's SelectionList keeps only the first line of a prompt
and draws its box per screen line, so a long option was cut with "…". Here every option wraps
like a single-choice one, and its box is text at the start of the prompt, so ticked and unticked
boxes differ in shape, not only in colour (a projector, a monochrome terminal, a colour-blind
reader sees which are ticked).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from aicharter.tui.text import hanging

TICKED = "[x]"
UNTICKED = "[ ]"


class TickList(OptionList):
    """Options ``(number, label, id)`` with the ids in ``ticked`` ticked; Enter or space ticks."""

    BINDINGS = [Binding("space", "select", "Tick", show=False)]

    class Changed(Message):
        """The user ticked or unticked an option."""

        def __init__(self, tick_list: TickList) -> None:
            super().__init__()
            self.tick_list = tick_list

        @property
        def control(self) -> TickList:
            return self.tick_list

    def __init__(
        self, options: Iterable[tuple[str, str, str]], ticked: Iterable[str], id: str
    ) -> None:
        self._labels = {option_id: (number, label) for number, label, option_id in options}
        self._ticked = set(ticked) & set(self._labels)
        super().__init__(*(self._option(i) for i in self._labels), id=id)

    def _option(self, option_id: str) -> Option:
        box = TICKED if option_id in self._ticked else UNTICKED
        number, label = self._labels[option_id]
        return Option(hanging(f"{box} {number}", label), id=option_id)

    @property
    def selected(self) -> list[str]:
        """The ticked ids, in the order of the options."""
        return [i for i in self._labels if i in self._ticked]

    def set_ticked(self, ids: Iterable[str]) -> None:
        """Tick exactly ``ids``, without telling anyone (the caller knows)."""
        ids = set(ids) & set(self._labels)
        for option_id in ids ^ self._ticked:
            self._ticked ^= {option_id}
            self.replace_option_prompt(option_id, self._option(option_id).prompt)

    def toggle(self, option_id: str) -> None:
        """Tick or untick ``option_id`` as the user would."""
        if option_id in self._labels:
            self.set_ticked(self._ticked ^ {option_id})
            self.post_message(self.Changed(self))

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_id is not None:
            self.toggle(event.option_id)
