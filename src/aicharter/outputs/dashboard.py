"""The organisation dashboard: what a client keeps from a workshop, on one page.

Every system with its tier and basis, roles, FRIA, the step-3 decision, what needs review and
the next legal date; with it, the timeline of legal and due dates (:mod:`.timeline`). The TUI's
dashboard and the report's first page are both drawn from :func:`dashboard`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from aicharter.content.checklist import Checklist
from aicharter.files.assessment import AISystem, Assessment
from aicharter.outputs.changes import change_line, since_review
from aicharter.outputs.timeline import Day, timeline
from aicharter.outputs.vocabulary import fria_label, roles_text, tier_label
from aicharter.rules.engine import Outcome

DECISION = "v_decision"
"""The step-3 question whose answer is the firm's decision on the system."""

NO_DECISION = "not decided"


@dataclass(frozen=True)
class SystemLine:
    """One system on the dashboard."""

    id: str
    name: str
    tier: str
    """The tier's id (for colour); ``tier_text`` is its label."""
    tier_text: str
    basis: str
    warning: str
    roles: str
    fria: str
    decision: str
    review: int
    """How many points need review (the stricter reading is applied meanwhile)."""
    next_date: dt.date | None
    """The next date from which a legal duty of the system applies (after today)."""
    next_count: int
    """How many of its legal duties apply from ``next_date``."""
    changed: str = ""
    """What changed in its verdict since it was marked reviewed (empty: nothing, or never
    reviewed)."""


@dataclass(frozen=True)
class Dashboard:
    systems: tuple[SystemLine, ...]
    days: tuple[Day, ...]
    """The timeline: legal dates and due dates (see :mod:`.timeline`)."""


def dashboard(
    checklist: Checklist,
    assessment: Assessment,
    outcomes: dict[str, Outcome],
    today: dt.date,
) -> Dashboard:
    decision = checklist.question_map.get(DECISION)
    lines = []
    for system in assessment.systems:
        out = outcomes[system.id]
        legal = [o for o in out.obligations if o.kind == "legal"]
        coming = sorted(
            (o for o in legal if o.applies_from is not None and o.applies_from > today),
            key=lambda o: o.applies_from or today,
        )
        answer = system.answers.get(DECISION)
        chosen = answer.value if answer is not None and answer.value else None
        lines.append(
            SystemLine(
                id=system.id,
                name=system.name,
                tier=out.tier,
                tier_text=tier_label(out.tier, short=True),
                basis=out.basis,
                warning=out.headline,
                roles=roles_text(out),
                fria=fria_label(out.fria, short=True),
                decision=decision.answer_label(chosen) if decision and chosen else NO_DECISION,
                review=len(out.needs_review),
                next_date=coming[0].applies_from if coming else None,
                next_count=sum(1 for o in coming if o.applies_from == coming[0].applies_from),
                changed=_changed(checklist, assessment, system, out),
            )
        )
    return Dashboard(tuple(lines), timeline(checklist, assessment, outcomes, today))


def _changed(checklist: Checklist, assessment: Assessment, system: AISystem, out: Outcome) -> str:
    comparison = since_review(checklist, assessment, system, out)
    return change_line(comparison) if comparison is not None else ""
