"""The date a duty applies from, with where it comes from.

The checklist keeps the Act's application dates in two timelines (the original Art. 113 and as
amended by Reg. (EU) 2026/1744), each with its provenance and whether it was checked against the
published text. Wherever a date is shown, it says which timeline it comes from, whether that
timeline was checked, and the other timeline's date where the two differ.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from aicharter.content.checklist import Checklist, Milestone, Timeline


@dataclass(frozen=True)
class DateNote:
    """The date of one milestone in the assessment's timeline, with its provenance."""

    date: dt.date | None
    """None: the milestone does not exist in this timeline (e.g. a ban the original text lacks)."""
    timeline: Timeline
    every: tuple[tuple[Timeline, dt.date | None], ...]
    """The milestone's date in every timeline of the checklist."""
    milestone: Milestone

    @property
    def others(self) -> tuple[tuple[Timeline, dt.date | None], ...]:
        """The other timelines, where their date differs."""
        return tuple((t, d) for t, d in self.every if t.id != self.timeline.id and d != self.date)

    @property
    def verified(self) -> bool:
        return self.timeline.verified

    def provenance(self) -> str:
        """E.g. ``as amended, verified; original text: 2026-08-02``: the timeline, whether it
        was checked against the published text, and the other timeline's date where it differs.
        A date set by other law than the AI Act gives that law instead."""
        if not self.milestone.ai_act:
            return self.milestone.basis
        checked = "verified" if self.timeline.verified else "not verified"
        parts = [f"{self.timeline.short}, {checked}"]
        for other, date in self.others:
            parts.append(
                f"{other.short}: {date.isoformat()}" if date else f"not in the {other.short}"
            )
        return "; ".join(parts)

    def text(self) -> str:
        """The date with its provenance, for a line of text."""
        if self.date is None:
            text = f"not in the {self.timeline.short} ({self.provenance()})"
        else:
            text = f"{self.date.isoformat()} ({self.provenance()})"
        return f"{text}. {self.milestone.note}" if self.milestone.note else text

    def data(self) -> dict[str, object]:
        """For JSON: the date, its timeline, whether it was checked, and every timeline's date."""
        return {
            "applies_from": self.date.isoformat() if self.date else None,
            "timeline": self.timeline.id,
            "verified": self.timeline.verified,
            "dates": {t.id: _iso(d) for t, d in self.every},
            "note": self.milestone.note,
        }


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def date_note(checklist: Checklist, milestone: str | None, timeline: str) -> DateNote | None:
    """The date of ``milestone`` in ``timeline`` with its provenance; None for no milestone."""
    if milestone is None:
        return None
    found = checklist.milestone_map[milestone]
    every = tuple((t, found.dates.get(t.id)) for t in checklist.timelines)
    return DateNote(found.dates.get(timeline), checklist.timeline_map[timeline], every, found)
