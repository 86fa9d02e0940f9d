"""The messages the app sends its screens."""

from __future__ import annotations

from textual.message import Message

from aicharter.session import Change


class AssessmentChanged(Message):
    """The open assessment changed: the screen in front redraws from the session. Screens
    below it redraw when they come back to the front."""

    def __init__(self, change: Change) -> None:
        super().__init__()
        self.change = change
