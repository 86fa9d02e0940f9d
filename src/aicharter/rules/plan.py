"""The plan of one AI system: the ten-step checklist and the obligations under the Charter's ten
requirements, each with its progress. Shared by the TUI and the reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from aicharter.content.checklist import Checklist
from aicharter.files.assessment import Assessment, Task
from aicharter.rules.engine import ObligationResult, Outcome
from aicharter.rules.evaluate import requirements_for

RowKind = Literal["step", "requirement", "obligation", "item"]
OPEN = ("not_started", "in_progress")


@dataclass(frozen=True)
class PlanRow:
    kind: RowKind
    id: str
    title: str
    task: Task | None = None
    """Progress; None for a requirement heading."""
    obligation: ObligationResult | None = None
    legal: bool = False
    """A legal duty (obligation) or a requirement that is one for this system."""
    basis: str = ""
    applies_from: dt.date | None = None

    @property
    def is_open(self) -> bool:
        """A step or obligation still to do (requirement sub-items are detail, not counted)."""
        return (
            self.kind in ("step", "obligation")
            and self.task is not None
            and (self.task.status in OPEN)
        )

    def in_force(self, today: dt.date) -> bool | None:
        if self.applies_from is None:
            return None
        return self.applies_from <= today


def _task(table: dict[str, Task], key: str) -> Task:
    return table.get(key) or Task()


def system_plan(
    checklist: Checklist, assessment: Assessment, system_id: str, outcome: Outcome
) -> list[PlanRow]:
    """Steps first (the per-system ones), then each requirement that applies with its
    obligations and sub-items; obligations outside any requirement come last."""
    system = assessment.system(system_id)
    rows: list[PlanRow] = []
    for step in checklist.steps:
        if step.scope == "system":
            title = f"#{step.number} {step.title}"
            rows.append(PlanRow("step", step.id, title, _task(system.steps, step.id)))
    placed: set[str] = set()
    for result in requirements_for(checklist, outcome):
        requirement = checklist.requirement_map[result.id]
        basis = "; ".join(result.basis) if result.basis else requirement.charter
        rows.append(
            PlanRow(
                "requirement",
                requirement.id,
                f"{requirement.number}. {requirement.title}",
                legal=result.kind == "legal",
                basis=basis,
            )
        )
        for obligation in outcome.obligations:
            if obligation.requirement == requirement.id:
                rows.append(_obligation_row(system.items, obligation))
                placed.add(obligation.id)
        for item in requirement.items:
            rows.append(PlanRow("item", item.id, item.text, _task(system.items, item.id)))
    for obligation in outcome.obligations:
        if obligation.id not in placed:
            rows.append(_obligation_row(system.items, obligation))
    return rows


def _obligation_row(items: dict[str, Task], obligation: ObligationResult) -> PlanRow:
    return PlanRow(
        "obligation",
        obligation.id,
        obligation.title,
        _task(items, obligation.id),
        obligation=obligation,
        legal=obligation.kind == "legal",
        basis=obligation.basis,
        applies_from=obligation.applies_from,
    )


def organisation_steps(checklist: Checklist, assessment: Assessment) -> list[PlanRow]:
    return [
        PlanRow("step", s.id, f"#{s.number} {s.title}", _task(assessment.steps, s.id))
        for s in checklist.steps
        if s.scope == "organisation"
    ]


def open_count(rows: list[PlanRow]) -> int:
    return sum(1 for row in rows if row.is_open)
