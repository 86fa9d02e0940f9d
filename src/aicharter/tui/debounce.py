"""Saving typed text once per pause in the typing, not once per key."""

from __future__ import annotations

from collections.abc import Callable

from textual.message_pump import MessagePump
from textual.timer import Timer

TYPING_PAUSE = 0.6
"""Seconds without a key after which typed text is saved."""


class Debouncer:
    """Calls ``callback`` once calls to :meth:`poke` have paused for ``delay`` seconds. One
    timer, restarted by each poke: a timer per key piled up, and typing twenty characters
    wrote the file (and its backup) sixteen times."""

    def __init__(
        self, owner: MessagePump, callback: Callable[[], object], delay: float = TYPING_PAUSE
    ) -> None:
        self._owner = owner
        self._callback = callback
        self._delay = delay
        self._timer: Timer | None = None

    def poke(self) -> None:
        """Something was typed: wait for the next pause."""
        self.cancel()
        self._timer = self._owner.set_timer(self._delay, self._fire, name="typing-pause")

    def cancel(self) -> None:
        """Nothing is waiting any more (the text was saved another way)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _fire(self) -> None:
        self._timer = None
        self._callback()
