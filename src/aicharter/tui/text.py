"""Turning core values into plain, markup-free display text."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
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


def hang(text: str, width: int | None, first: str = "  ", rest: str | None = None) -> str:
    """``text`` after ``first`` (an indent, a mark), wrapped at ``width`` columns with its
    further lines under the text (``rest``, spaces as wide as ``first`` by default): in one
    block of text, where a widget per line would cost too much (None: not wrapped)."""
    rest = " " * len(first) if rest is None else rest
    if not width or width < len(first) + 20:
        return first + text
    lines = textwrap.wrap(
        text,
        width,
        initial_indent=first,
        subsequent_indent=rest,
        break_on_hyphens=False,
        break_long_words=True,
    )
    return "\n".join(lines) if lines else first


_PREFIX = re.compile(r"^( *(?:[•◦⚑⚠≠] )?)")


def hang_line(line: str, width: int | None) -> str:
    """One line of a list wrapped at ``width`` under its own text: after its indent and its
    mark (•, ⚑, ⚠...) when it has them; a line with neither is left to wrap as it will."""
    prefix = _PREFIX.match(line)
    first = prefix.group(1) if prefix else ""
    if not first:
        return line
    return hang(line[len(first) :], width, first)


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
