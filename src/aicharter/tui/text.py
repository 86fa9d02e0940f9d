"""Turning core values into plain, markup-free display text."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual.content import Content

from aicharter.rules.engine import Outcome
from aicharter.sanitize import visible

TIER_LABELS = {
    "not_ai": "Not an AI system",
    "prohibited": "PROHIBITED",
    "high": "High-risk",
    "transparency": "Transparency",
    "minimal": "Minimal risk",
    "out_of_scope": "Out of scope",
    "undetermined": "Undetermined",
}
FRIA_LABELS = {
    "mandatory": "FRIA mandatory",
    "recommended": "FRIA recommended",
    "not_applicable": "no FRIA",
    "undetermined": "FRIA ?",
}
STATUS_GLYPHS = {"not_started": "○", "in_progress": "◐", "done": "●", "not_applicable": "–"}


def plain(text: str) -> Content:
    """User or content text shown as written: never read as markup, and with its control
    characters shown visibly (see :func:`~aicharter.sanitize.visible`)."""
    return Content(visible(text))


def cell(text: str, **style: Any) -> Text:
    """A table cell of user or content text: no markup, control characters visible."""
    return Text(visible(text), **style)


def roles_short(outcome: Outcome) -> str:
    """The primary role, with a + when the firm holds more: fits a narrow column."""
    if not outcome.roles:
        return "–" if outcome.role == "none" else "?"
    return outcome.roles[0] + ("+" if len(outcome.roles) > 1 else "")


def progress_bar(done: int, total: int, width: int = 8) -> str:
    """A bar and a percentage, e.g. ``██░░ 50%``; at most ``width + 5`` characters."""
    if total <= 0:
        return "░" * width + "   –"
    filled = round(width * done / total)
    return "█" * filled + "░" * (width - filled) + f"{round(100 * done / total):4d}%"


def date_text(value: dt.date | None) -> str:
    return value.isoformat() if value else ""
