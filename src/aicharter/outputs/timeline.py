"""The timeline: every date that matters across the assessment, in order. The dates legal
duties apply from (with the systems they bind the firm for) and the due date of every plan
item and step, of every system and of the organisation. The TUI's timeline, the report and
the calendar file are all drawn from :func:`timeline`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from aicharter.content.checklist import Checklist
from aicharter.files.assessment import Assessment
from aicharter.outputs.vocabulary import STATUS, actor_text
from aicharter.rules.engine import ObligationResult, Outcome
from aicharter.rules.plan import OPEN, organisation_steps, system_plan

ORGANISATION = "Organisation"
"""What the timeline names for an organisation-wide step."""

EventKind = Literal["law", "due"]


@dataclass(frozen=True)
class Event:
    kind: EventKind
    """``law``: a legal duty applies from the date; ``due``: a plan item is due."""
    title: str
    basis: str
    """The article (a duty), or the step or obligation's basis (a plan item)."""
    detail: str
    """Whom a duty binds; a plan item's status and owner."""
    systems: tuple[str, ...]
    """The systems (names) it is about; :data:`ORGANISATION` for an organisation step."""
    done: bool = False
    """A plan item already done (or not applicable)."""
    undone: tuple[str, ...] = ()
    """For a duty: the systems whose plan does not mark it done (or not applicable)."""


@dataclass(frozen=True)
class Day:
    date: dt.date | None
    """None: legal duties whose date the timeline in force does not set."""
    past: bool
    """The date is today or before (a duty in force, a due date passed)."""
    events: tuple[Event, ...]

    @property
    def laws(self) -> tuple[Event, ...]:
        return tuple(e for e in self.events if e.kind == "law")

    @property
    def dues(self) -> tuple[Event, ...]:
        return tuple(e for e in self.events if e.kind == "due")


def timeline(
    checklist: Checklist,
    assessment: Assessment,
    outcomes: dict[str, Outcome],
    today: dt.date,
) -> tuple[Day, ...]:
    days: dict[dt.date | None, list[Event]] = {}
    laws: dict[tuple[dt.date | None, str], tuple[ObligationResult, list[str], list[str]]] = {}
    for system in assessment.systems:
        for obligation in outcomes[system.id].obligations:
            if obligation.kind == "legal":
                key = (obligation.applies_from, obligation.id)
                _, names, undone = laws.setdefault(key, (obligation, [], []))
                names.append(system.name)
                task = system.items.get(obligation.id)
                if task is None or task.status in OPEN:
                    undone.append(system.name)
    for (date, _), (obligation, names, undone) in laws.items():
        actor = actor_text(obligation.actor)
        event = Event(
            "law", obligation.title, obligation.basis, actor, tuple(names), undone=tuple(undone)
        )
        days.setdefault(date, []).append(event)
    rows = [(ORGANISATION, row) for row in organisation_steps(checklist, assessment)]
    for system in assessment.systems:
        plan = system_plan(checklist, assessment, system.id, outcomes[system.id])
        rows += [(system.name, row) for row in plan]
    for owner, row in rows:
        task = row.task
        if task is None or task.due is None:
            continue
        detail = STATUS[task.status].prose + (f", {task.owner}" if task.owner else "")
        event = Event(
            "due",
            row.title,
            row.basis,
            detail,
            (owner,),
            done=task.status in ("done", "not_applicable"),
        )
        days.setdefault(task.due, []).append(event)
    return tuple(
        Day(date, date is not None and date <= today, tuple(sorted(events, key=_law_first)))
        for date, events in sorted(days.items(), key=lambda d: (d[0] is None, d[0] or today))
    )


def _law_first(event: Event) -> bool:
    return event.kind != "law"


def day_heading(day: Day) -> str:
    """A day's heading: the date, and whether its duties are in force."""
    if day.date is None:
        return "date not set in this timeline"
    if not day.past:
        return day.date.isoformat()
    return day.date.isoformat() + (" (in force)" if day.laws else " (passed)")


OVERDUE = "overdue"
NOT_DONE = "in force, not marked done"


def event_line(event: Event, past: bool) -> str:
    """One event as plain text (the format escapes it): a duty with its basis, whom it binds
    and the systems; a plan item with its status, owner and system."""
    systems = ", ".join(event.systems)
    if event.kind == "law":
        line = f"{event.title} [{event.basis}; {event.detail}]: {systems}"
        if past and event.undone:
            line += f" · {NOT_DONE} for {', '.join(event.undone)}"
        return line
    late = f" · {OVERDUE}" if past and not event.done else ""
    return f"Due: {event.title} ({event.detail}{late}): {systems}"
