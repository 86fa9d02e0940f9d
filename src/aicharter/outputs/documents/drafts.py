"""Drafts of the documents the duties ask for, filled from the assessment: each marked as a
draft, with its legal basis, the facts it was filled from and ``[to complete]`` where a fact
is missing. The text is the checklist's (``[[drafts]]``); two parts are built here: the FRIA
results and the AI-literacy table."""

from __future__ import annotations

import datetime as dt

from aicharter.content.checklist import Checklist, Draft, DraftPart
from aicharter.files.assessment import AISystem, Assessment
from aicharter.outputs.documents.facts import answer_points, filler
from aicharter.outputs.documents.model import (
    Document,
    Filler,
    Part,
    Point,
    Text,
    checklist_text,
    user_text,
)
from aicharter.outputs.vocabulary import roles_text, tier_label
from aicharter.rules.engine import Outcome

LITERACY = "ai_literacy"
"""The AI-literacy duty (Art. 4): the systems it covers are the literacy plan's."""


def drafts_for(
    checklist: Checklist, outcomes: dict[str, Outcome], system_id: str | None
) -> list[Draft]:
    """The drafts a system's duties ask for (``system_id``), or the organisation's drafts
    that a duty of any system asks for (None)."""
    if system_id is None:
        duties = {o.id for out in outcomes.values() for o in out.obligations}
        scope = "organisation"
    else:
        duties = {o.id for o in outcomes[system_id].obligations}
        scope = "system"
    return [
        d
        for d in checklist.drafts
        if d.scope == scope and (not d.duties or duties.intersection(d.duties))
    ]


def draft_document(
    checklist: Checklist,
    assessment: Assessment,
    outcomes: dict[str, Outcome],
    kind: str,
    system_id: str | None,
    today: dt.date,
) -> Document:
    """The draft ``kind`` for a system, or for the organisation when its scope is that."""
    draft = checklist.draft_map[kind]
    system = assessment.system(system_id) if system_id and draft.scope == "system" else None
    outcome = outcomes[system.id] if system else None
    fill = filler(assessment, today, system, outcome)
    concerned = [outcomes[system.id]] if system else list(outcomes.values())
    duties = {o.id for out in concerned for o in out.obligations}
    included = [p for p in draft.parts if not p.duties or duties.intersection(p.duties)]
    parts = tuple(_part(checklist, assessment, outcomes, fill, p, system) for p in included)
    basis = tuple(dict.fromkeys([*(b for p in included for b in p.basis), *draft.basis]))
    return Document(
        kind=draft.id,
        title=fill.fill(draft.title),
        audience=fill.fill(draft.audience),
        organisation=assessment.organisation.name,
        date=today,
        basis=basis,
        draft=True,
        parts=parts,
        filled_from=fill.filled_from(),
        missing=fill.missing(),
        disclaimer=checklist.meta.disclaimer,
    )


def _part(
    checklist: Checklist,
    assessment: Assessment,
    outcomes: dict[str, Outcome],
    fill: Filler,
    part: DraftPart,
    system: AISystem | None,
) -> Part:
    points: tuple[Point, ...] = ()
    if part.questions and system is not None:
        points = answer_points(checklist, system, part.questions)
    table = None
    if part.block == "fria" and system is not None:
        points += tuple(
            Point(checklist_text(item.text), details=(("Result", _fria(system, item.id)),))
            for item in checklist.fria_elements
        )
    if part.block == "literacy":
        table = _literacy(assessment, outcomes, checklist)
    return Part(part.heading, fill.paragraphs(part.text), points, table)


def _fria(system: AISystem, element: str) -> Text:
    return user_text(system.fria.get(element))


def _literacy(
    assessment: Assessment, outcomes: dict[str, Outcome], checklist: Checklist
) -> tuple[tuple[str, ...], tuple[tuple[Text, ...], ...]]:
    """Each system the AI-literacy duty covers, with its tier and roles, and the team."""
    roles = {r.id: r.title for r in checklist.team_roles}
    rows: list[tuple[Text, ...]] = []
    for system in assessment.systems:
        out = outcomes[system.id]
        if not any(o.id == LITERACY for o in out.obligations):
            continue
        rows.append(
            (
                user_text(system.name),
                checklist_text(tier_label(out.tier, short=True)),
                checklist_text(roles_text(out)),
                _people(system, out),
            )
        )
    team = "; ".join(f"{m.name} ({roles.get(m.role, m.role)})" for m in assessment.team)
    rows.append((checklist_text("Governance team"), (), (), user_text(team or None)))
    return ("AI system", "Tier", "Your role", "Who works with it"), tuple(rows)


def _people(system: AISystem, outcome: Outcome) -> Text:
    """Who operates or oversees the system: the owner of its oversight duty, if set."""
    for obligation in ("human_oversight_assign", LITERACY):
        task = system.items.get(obligation)
        if task is not None and task.owner:
            return user_text(task.owner)
    return user_text(None)
