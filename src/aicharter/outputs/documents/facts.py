"""The facts of an assessment a document is filled from, by placeholder name, with what each
is called where the document lists them."""

from __future__ import annotations

import datetime as dt

from aicharter.content.checklist import PLACEHOLDERS, Checklist
from aicharter.files.assessment import AISystem, Assessment
from aicharter.outputs.documents.model import Filler, Point, Text, checklist_text, user_text
from aicharter.outputs.vocabulary import tier_label
from aicharter.rules.engine import Outcome

LABELS = {
    "organisation": "Organisation",
    "country": "Country",
    "system": "AI system",
    "vendor": "Provider (vendor)",
    "purpose": "Intended purpose",
    "description": "What the system does",
    "contact": "Contact",
    "tier": "Risk tier",
    "basis": "Basis of the tier",
    "today": "Date",
}
assert set(LABELS) == set(PLACEHOLDERS)

DERIVED = frozenset({"tier", "basis", "today"})
"""Facts the tool writes itself, not a user."""

CONTACT_ROLES = ("project_lead", "compliance", "dpo")
"""Whose contact a document gives, in this order of preference: the team member leading the
project, then compliance, then the data protection officer."""


def contact(assessment: Assessment) -> str | None:
    """The team's contact person, as "name, contact"; None when no member has a contact."""
    reachable = [m for m in assessment.team if m.contact]
    for role in CONTACT_ROLES:
        for member in reachable:
            if member.role == role:
                return f"{member.name}, {member.contact}"
    return f"{reachable[0].name}, {reachable[0].contact}" if reachable else None


def filler(
    assessment: Assessment,
    today: dt.date,
    system: AISystem | None = None,
    outcome: Outcome | None = None,
) -> Filler:
    org = assessment.organisation
    tier = outcome.tier if outcome is not None else None
    values: dict[str, str | None] = {
        "organisation": org.name or None,
        "country": org.country,
        "system": system.name if system else None,
        "vendor": system.vendor if system else None,
        "purpose": system.intended_purpose if system else None,
        "description": system.description if system else None,
        "contact": contact(assessment),
        "tier": tier_label(tier) if tier and tier != "undetermined" else None,
        "basis": (outcome.basis or None) if outcome is not None else None,
        "today": today.isoformat(),
    }
    return Filler({name: (LABELS[name], value) for name, value in values.items()}, DERIVED)


def answer_points(
    checklist: Checklist, system: AISystem, question_ids: tuple[str, ...]
) -> tuple[Point, ...]:
    """The firm's answers to some questions, each under the question's short title (missing
    answers read ``[to complete]``)."""
    points = []
    for qid in question_ids:
        question = checklist.question_map[qid]
        answer = system.answers.get(qid)
        value: Text = user_text(question.answer_label(answer.value) if answer else None)
        details = [("Question", checklist_text(question.text))]
        if answer and answer.note:
            details.append(("Note", user_text(answer.note)))
        points.append(Point(value, ref=question.short, details=tuple(details)))
    return tuple(points)
