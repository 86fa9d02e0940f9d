"""The organisation dashboard: what a client keeps from a workshop, on one page.

Every system with its tier and basis, roles, FRIA, the step-3 decision, what needs review and
the next legal date; below, the legal duties of all systems by the date they apply from. The
TUI's dashboard and the report's first page are both drawn from :func:`dashboard`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from aicharter.content.checklist import Checklist
from aicharter.files.assessment import Assessment
from aicharter.outputs.vocabulary import actor_text, fria_label, roles_text, tier_label
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


@dataclass(frozen=True)
class Duty:
    """A legal duty, with the systems it binds the firm for."""

    title: str
    basis: str
    actor: str
    """Whom it binds, in words."""
    systems: tuple[str, ...]


@dataclass(frozen=True)
class DutyDate:
    """The legal duties that apply from one date (None: a date the timeline does not set)."""

    date: dt.date | None
    in_force: bool
    duties: tuple[Duty, ...]


@dataclass(frozen=True)
class Dashboard:
    systems: tuple[SystemLine, ...]
    dates: tuple[DutyDate, ...]


def dashboard(
    checklist: Checklist,
    assessment: Assessment,
    outcomes: dict[str, Outcome],
    today: dt.date,
) -> Dashboard:
    decision = checklist.question_map.get(DECISION)
    lines = []
    by_date: dict[dt.date | None, dict[str, tuple[Duty, list[str]]]] = {}
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
            )
        )
        for obligation in legal:
            on_date = by_date.setdefault(obligation.applies_from, {})
            duty, names = on_date.get(
                obligation.id,
                (Duty(obligation.title, obligation.basis, actor_text(obligation.actor), ()), []),
            )
            on_date[obligation.id] = (duty, [*names, system.name])
    dates = []
    for date in sorted(by_date, key=lambda d: (d is None, d or today)):
        duties = tuple(
            Duty(duty.title, duty.basis, duty.actor, tuple(names))
            for duty, names in by_date[date].values()
        )
        dates.append(DutyDate(date, date is not None and date <= today, duties))
    return Dashboard(tuple(lines), tuple(dates))
