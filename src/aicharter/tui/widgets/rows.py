"""Lines of text shown one widget each, so that a long one wraps under its own text: a date,
a system's name, an item with its mark (• ◦ ⚠ ≠) beside it. Names and titles are never read
as markup, and their control characters are shown visibly."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.widgets import Static

from aicharter.tui.text import hanging, plain


@dataclass(frozen=True)
class Row:
    text: str | Content
    """Plain text (from a file or the checklist), or content the screen styled itself."""
    mark: str = ""
    """Shown before the text; wrapped lines start under the text, not under the mark."""
    classes: str = ""

    @property
    def plain(self) -> str:
        return self.text if isinstance(self.text, str) else self.text.plain


def row_widget(row: Row) -> Static:
    if row.mark:
        return Static(hanging(row.mark, row.plain), classes=row.classes)
    body = plain(row.text) if isinstance(row.text, str) else row.text
    return Static(body, classes=row.classes)
