"""``aicharter summary``: each system's outcome, as text for people or JSON for scripts."""

from __future__ import annotations

import textwrap
from typing import Any

from aicharter.content.checklist import ROLE_FACTS, Checklist
from aicharter.files.assessment import Assessment
from aicharter.outputs.vocabulary import (
    actor_text,
    decisive_line,
    fria_label,
    roles_text,
    tier_label,
)
from aicharter.rules.dates import date_note
from aicharter.rules.engine import ObligationResult, Outcome, Reason, Review, Subject
from aicharter.rules.evaluate import requirements_for, timeline_of

HEADLINE = ("tier", "use_case_tier", *ROLE_FACTS.values(), "fria")


def fact_reasons(reasons: list[Reason]) -> list[Reason]:
    """The reasons for the outcome itself (not safeguards or obligations): the headline
    conclusions first, then the facts that led to them, in checklist order. Roles the firm
    does not hold are left out: the roles it holds say enough."""
    facts = [
        r
        for r in reasons
        if r.subject.kind == "fact"
        and not (r.subject.id in ROLE_FACTS.values() and r.value == "no")
    ]
    rank = {name: i for i, name in enumerate(HEADLINE)}
    return sorted(facts, key=lambda r: rank.get(r.subject.id, len(rank)))


def subject_data(subject: Subject) -> dict[str, str]:
    return {"kind": subject.kind, "id": subject.id, "title": subject.title}


def review_data(review: Review) -> dict[str, Any]:
    return {"text": review.text, "about": [subject_data(s) for s in review.about]}


def safeguard_titles(checklist: Checklist, outcome: Outcome) -> list[str]:
    """The safeguards that apply, by their titles in the checklist."""
    return [checklist.safeguard_map[s].title for s in outcome.safeguards]


def requirements_data(checklist: Checklist, outcome: Outcome) -> list[dict[str, Any]]:
    """The Charter requirements that apply to a system, legal or recommended, for JSON."""
    return [
        {"id": r.id, "number": r.number, "title": r.title, "kind": r.kind, "basis": list(r.basis)}
        for r in requirements_for(checklist, outcome)
    ]


def reason_data(reason: Reason) -> dict[str, Any]:
    data: dict[str, Any] = {
        **subject_data(reason.subject),
        "value": reason.value,
        "text": reason.text,
        "basis": list(reason.basis),
        "answers": [
            {
                "question": a.question,
                "text": a.text,
                "answer": a.answer,
                "assumed": a.assumed,
                "defaulted": a.defaulted,
            }
            for a in reason.answers
        ],
    }
    if reason.facts:
        data["facts"] = {k: v for k, v in reason.facts}
    if reason.differs:
        data["charter_differs"] = list(reason.differs)
    if reason.review:
        data["review"] = reason.review
    return data


def obligation_data(
    checklist: Checklist, assessment: Assessment, obligation: ObligationResult
) -> dict[str, Any]:
    """One obligation for JSON: whom it binds, and its date with the timeline it comes from."""
    data: dict[str, Any] = {
        "id": obligation.id,
        "title": obligation.title,
        "kind": obligation.kind,
        "actor": list(obligation.actor),
        "basis": obligation.basis,
    }
    timeline = timeline_of(checklist, assessment)
    note = date_note(checklist, obligation.milestone, timeline)
    if note is None:  # a recommendation with no date
        data.update(applies_from=None, timeline=timeline, verified=None, dates={}, note="")
    else:
        data.update(note.data())
    return data


def obligation_date(
    checklist: Checklist, assessment: Assessment, obligation: ObligationResult
) -> str:
    """``from 2027-12-02 (as amended, verified; original text: 2026-08-02)``, or ""."""
    note = date_note(checklist, obligation.milestone, timeline_of(checklist, assessment))
    if note is None:
        return ""
    return f"from {note.text()}" if note.date else note.text()


def summary_data(
    checklist: Checklist, assessment: Assessment, outcomes: dict[str, Outcome]
) -> dict[str, Any]:
    """The ``--json`` document: stable keys, file order."""
    systems = []
    for system in assessment.systems:
        out = outcomes[system.id]
        systems.append(
            {
                "id": system.id,
                "name": system.name,
                "ai_system": out.ai_system,
                "tier": out.tier,
                "use_case_tier": out.use_case_tier,
                "role": out.role,
                "roles": out.roles,
                "fria": out.fria,
                "safeguards": out.safeguards,
                "obligations": [obligation_data(checklist, assessment, o) for o in out.obligations],
                "requirements": requirements_data(checklist, out),
                "needs_review": [review_data(r) for r in out.needs_review],
                "reasons": [reason_data(r) for r in out.reasons + out.notices],
                "charter_differs": out.charter_differs,
                "unanswered": out.unanswered,
                "stale": out.stale,
            }
        )
    timeline = checklist.timeline_map[timeline_of(checklist, assessment)]
    return {
        "organisation": assessment.organisation.name,
        "checklist": {"id": checklist.meta.id, "version": checklist.meta.version},
        "timeline": {
            "id": timeline.id,
            "title": timeline.title,
            "provenance": timeline.provenance,
            "verified": timeline.verified,
            "reviewed": timeline.reviewed.isoformat(),
        },
        "systems": systems,
    }


def _wrap(text: str, indent: str, hang: str = "") -> str:
    return textwrap.fill(text, width=78, initial_indent=indent, subsequent_indent=indent + hang)


def summary_text(checklist: Checklist, assessment: Assessment, outcomes: dict[str, Outcome]) -> str:
    """A plain-text summary for a terminal, one block per system."""
    lines = [f"{assessment.organisation.name or '(organisation not named)'}"]
    timeline = checklist.timeline_map[timeline_of(checklist, assessment)]
    checked = "verified" if timeline.verified else "NOT verified"
    lines.append(_wrap(f"Dates: {timeline.title}; {checked} against the published text.", ""))
    lines.append("")
    for system in assessment.systems:
        out = outcomes[system.id]
        lines.append(f"{system.name}  [{system.id}]")
        tier = tier_label(out.tier)
        if out.use_case_tier != out.tier:
            tier += f"; the combined use case is {tier_label(out.use_case_tier)}"
        lines.append(f"  Tier: {tier}")
        if decisive_line(out):
            lines.append(_wrap(decisive_line(out), "  "))
        lines.append(f"  Roles: {roles_text(out)}    FRIA: {fria_label(out.fria)}")
        if out.safeguards:
            lines.append("  Safeguards: " + "; ".join(safeguard_titles(checklist, out)))
        tier_reason = next((r for r in out.reasons if r.subject.id == "tier"), None)
        if tier_reason:
            lines.append(_wrap("Why: " + tier_reason.text, "  "))
        legal = [o for o in out.obligations if o.kind == "legal"]
        recommended = len(out.obligations) - len(legal)
        if out.obligations:
            lines.append(f"  Obligations: {len(legal)} legal, {recommended} recommended")
        for o in legal:
            date = obligation_date(checklist, assessment, o)
            whom = f" ({actor_text(o.actor)})" if len(out.roles) > 1 else ""
            lines.append(_wrap(f"- {o.title}{whom} [{o.basis}] {date}".rstrip(), "    ", "  "))
        if out.needs_review:
            lines.append(f"  Needs review ({len(out.needs_review)}):")
            for review in out.needs_review:
                lines.append(_wrap("- " + review.text, "    ", "  "))
        for notice in out.notices:
            lines.append(_wrap("Note: " + notice.text, "  ", "  "))
        if out.charter_differs:
            lines.append("  Where the Charter or guide reads otherwise (the Act is followed):")
            for differs_id in out.charter_differs:
                d = checklist.differs_map[differs_id]
                text = f"- {differs_id}, {d.where}: {d.says} The Act: {d.act}"
                lines.append(_wrap(text, "    ", "  "))
        if out.unanswered:
            lines.append(f"  Still to answer: {len(out.unanswered)} question(s)")
        lines.append("")
    lines.append(_wrap(checklist.meta.disclaimer, ""))
    return "\n".join(lines)
