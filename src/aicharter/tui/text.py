"""Turning core values into plain, markup-free display text."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.table import Table
from rich.text import Text
from textual.content import Content

from aicharter.sanitize import visible


def plain(text: str) -> Content:
    """User or content text shown as written: never read as markup, and with its control
    characters shown visibly (see :func:`~aicharter.sanitize.visible`)."""
    return Content(visible(text))


def hanging(mark: str, text: str) -> Table:
    """An option's ``mark`` (box, number) with ``text`` beside it: wrapped lines start under
    the text, not under the mark, so a long option reads as one block."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text(mark), Text(visible(text)))
    return grid


def cell(text: str, **style: Any) -> Text:
    """A table cell of user or content text: no markup, control characters visible."""
    return Text(visible(text), **style)


def progress_bar(done: int, total: int, width: int = 8) -> str:
    """A bar and a percentage, e.g. ``██░░ 50%``; at most ``width + 5`` characters."""
    if total <= 0:
        return "░" * width + "   –"
    filled = round(width * done / total)
    return "█" * filled + "░" * (width - filled) + f"{round(100 * done / total):4d}%"


def date_text(value: dt.date | None) -> str:
    return value.isoformat() if value else ""
