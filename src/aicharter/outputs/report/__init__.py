"""Reports: the handout at the end of a workshop, as JSON, Markdown or self-contained HTML.

One data structure (:func:`report_data`) feeds the three formats, in a stable order so that two
reports of the same file diff cleanly. Everything a user typed is escaped for the format.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal, get_args

from aicharter.sanitize import json_text, visible

if TYPE_CHECKING:
    from aicharter.outputs.report.data import ReportData

Format = Literal["html", "md", "json"]

FORMATS: tuple[Format, ...] = get_args(Format)
"""The report formats, the CLI's ``--format`` choices among them."""


SPREADSHEET = "csv"
"""The plan of every system, as CSV (:mod:`aicharter.outputs.plan_csv`)."""
CALENDAR = "ics"
"""The timeline, as an iCalendar file (:mod:`aicharter.outputs.ics`)."""
_NAMES = {SPREADSHEET: "plan", CALENDAR: "dates"}


def default_output(path: Path, fmt: str, system_id: str | None = None) -> Path:
    """``assessment.toml`` -> ``assessment-report.html`` beside it (``-plan.csv`` for the
    plan, ``-dates.ics`` for the calendar, which are always of every system)."""
    if fmt in _NAMES:
        return path.with_name(f"{path.stem}-{_NAMES[fmt]}.{fmt}")
    stem = path.stem + (f"-{system_id}" if system_id else "") + "-report"
    return path.with_name(f"{stem}.{fmt}")


def write_report(path: Path, text: str) -> None:
    """Write a report atomically and owner-only (it holds what the assessment holds); raise
    :class:`FileProblem` when it cannot be written."""
    from aicharter.files.fileio import PRIVATE_FILE, write_atomic
    from aicharter.problems import FileProblem

    try:
        write_atomic(path, text.encode("utf-8"), PRIVATE_FILE)
    except OSError as error:
        reason = error.strerror or str(error)
        raise FileProblem(path, f"the file could not be written ({reason}).") from None


def render(data: ReportData, fmt: str) -> str:
    """The report as text: JSON escapes control characters, Markdown and HTML show them
    visibly (no control character of a file or a user reaches whoever prints the report)."""
    if fmt == "json":
        return json_text(data) + "\n"
    if fmt == "md":
        from aicharter.outputs.report.markdown import to_markdown

        return visible(to_markdown(data))
    if fmt == "html":
        from aicharter.outputs.report.html import to_html

        return visible(to_html(data), html=True)
    raise ValueError(f"unknown format {fmt!r}")
