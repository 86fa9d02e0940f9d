"""The answers of a multi-choice question: a SelectionList whose boxes differ in shape, not
only in colour, so that a projector, a monochrome terminal or a colour-blind reader sees which
are ticked."""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import SelectionList
from textual.widgets.option_list import OptionDoesNotExist

TICKED = "X"
UNTICKED = " "


class TickList(SelectionList[str]):
    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        segments = list(strip)
        if len(segments) < 3:
            return strip
        mark = TICKED if selection.value in self._selected else UNTICKED
        inner = segments[1]
        segments[1] = Segment(mark, inner.style, inner.control)
        return Strip(segments, strip.cell_length)
