"""Every plan item of every system and of the organisation as CSV, for the spreadsheet the
firm already runs: UTF-8 (with a byte-order mark, so that spreadsheets read the accents),
a header row, one row per item.

A cell a spreadsheet would take for a formula (starting with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return) is neutralised with a leading apostrophe, as OWASP recommends:
quoting the cell, as CSV does for commas, does not stop a spreadsheet from evaluating it."""

from __future__ import annotations

import csv
import io

from aicharter.content.checklist import Checklist
from aicharter.files.assessment import Assessment
from aicharter.outputs.timeline import ORGANISATION
from aicharter.rules.engine import Outcome
from aicharter.rules.plan import PlanRow, organisation_steps, system_plan
from aicharter.sanitize import visible

HEADER = (
    "system",
    "item",
    "kind",
    "basis",
    "applies_from",
    "status",
    "owner",
    "due",
    "notes",
    "evidence",
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NEUTRALISER = "'"


def neutralise(cell: str) -> str:
    """A cell made inert for spreadsheets, and every control character shown (line breaks
    and tabs inside the cell are kept)."""
    cell = visible(cell)
    return NEUTRALISER + cell if cell.startswith(FORMULA_START) else cell


def _row(owner: str, row: PlanRow) -> list[str]:
    task = row.task
    assert task is not None
    return [
        owner,
        row.title,
        "legal" if row.legal else "recommended",
        row.basis,
        row.applies_from.isoformat() if row.applies_from else "",
        task.status,
        task.owner or "",
        task.due.isoformat() if task.due else "",
        task.notes or "",
        task.evidence or "",
    ]


def plan_rows(
    checklist: Checklist, assessment: Assessment, outcomes: dict[str, Outcome]
) -> list[list[str]]:
    """The rows, header first, not yet neutralised."""
    rows = [list(HEADER)]
    rows += [_row(ORGANISATION, r) for r in organisation_steps(checklist, assessment)]
    for system in assessment.systems:
        plan = system_plan(checklist, assessment, system.id, outcomes[system.id])
        rows += [_row(system.name, r) for r in plan if r.task is not None]
    return rows


def to_csv(checklist: Checklist, assessment: Assessment, outcomes: dict[str, Outcome]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in plan_rows(checklist, assessment, outcomes):
        writer.writerow([neutralise(cell) for cell in row])
    return "\ufeff" + buffer.getvalue()
