"""The report data: everything a report shows, as plain data in a stable order (also the JSON
format), built once for the three formats."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any, NotRequired, TypedDict

from aicharter.content.checklist import Checklist
from aicharter.files.assessment import Assessment
from aicharter.outputs.dashboard import Dashboard, dashboard
from aicharter.outputs.report.common import DEFAULTED_MARK
from aicharter.outputs.summary import (
    fact_reasons,
    obligation_data,
    obligation_date,
    reason_data,
    requirements_data,
    review_data,
)
from aicharter.outputs.timeline import day_heading, event_line
from aicharter.outputs.vocabulary import Progress, fria_applies, roles_text, system_progress
from aicharter.rules.engine import Outcome
from aicharter.rules.evaluate import timeline_of
from aicharter.rules.plan import PlanRow, organisation_steps, system_plan


class AnswerRow(TypedDict):
    question: str
    text: str
    answer: str
    note: NotRequired[str]
    evidence: NotRequired[str]


class TaskRow(TypedDict):
    """A checklist step or a plan item with its progress."""

    id: str
    title: str
    status: str
    owner: str | None
    due: str | None
    notes: str | None
    evidence: str | None


class ObligationRow(TaskRow):
    """A duty or recommendation with its progress, whom it binds and from when."""

    kind: str
    actor: list[str]
    basis: str
    applies_from: str | None
    timeline: str
    verified: bool | None
    dates: dict[str, str | None]
    note: str
    date_text: str
    in_force: bool | None
    requirement: str | None


class FriaElement(TypedDict):
    id: str
    label: str
    text: str


class FriaSheet(TypedDict):
    status: str
    basis: str
    notify: str
    elements: list[FriaElement]


class Meta(TypedDict):
    generated: str
    checklist: dict[str, str]
    disclaimer: str


class Member(TypedDict):
    name: str
    role: str
    contact: str | None


class OrganisationReport(TypedDict):
    name: str
    country: str | None
    answers: list[AnswerRow]
    team: list[Member]
    steps: list[TaskRow]


class TimelineReport(TypedDict):
    active: str
    timelines: list[dict[str, Any]]
    milestones: list[dict[str, Any]]


class ProgressData(TypedDict):
    answered: int
    questions_left: int
    items_left: int
    text: str


def progress_data(progress: Progress) -> ProgressData:
    return {
        "answered": progress.answered,
        "questions_left": progress.questions_left,
        "items_left": progress.items_left,
        "text": progress.text(),
    }


class SystemReport(TypedDict):
    id: str
    name: str
    vendor: str | None
    description: str | None
    intended_purpose: str | None
    ai_system: bool | None
    tier: str
    basis: str
    """The point of law the tier rests on, e.g. "Annex III 1(a)"."""
    warning: str
    """The system's headline warning (the first critical or warning notice), or ""."""
    use_case_tier: str
    components: list[dict[str, str]]
    role: str
    roles: list[str]
    roles_text: str
    fria: str
    safeguards: list[dict[str, str]]
    obligations: list[ObligationRow]
    requirements: list[dict[str, Any]]
    steps: list[TaskRow]
    open_items: list[str]
    progress: ProgressData
    """The same count the app shows (outputs.vocabulary.Progress)."""
    unanswered: list[str]
    needs_review: list[dict[str, Any]]
    reasons: list[dict[str, Any]]
    """Each as :func:`~aicharter.outputs.summary.reason_data` gives it."""
    safeguard_reasons: list[dict[str, Any]]
    notices: list[dict[str, Any]]
    charter_differs: list[dict[str, str]]
    answers: list[AnswerRow]
    fria_worksheet: FriaSheet | None


class ReportData(TypedDict):
    """Everything a report shows; the JSON format is exactly this."""

    report: Meta
    dashboard: dict[str, Any]
    """The first page: each system's verdict, basis, decision, review and next legal date,
    and the legal duties by date (outputs.dashboard, as the app's dashboard shows it)."""
    organisation: OrganisationReport
    timeline: TimelineReport
    systems: list[SystemReport]


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _answers(
    checklist: Checklist,
    answers: dict[str, Any],
    visible: list[str],
    defaulted: dict[str, Any] | None = None,
) -> list[AnswerRow]:
    out: list[AnswerRow] = []
    for qid in visible:
        answer = answers.get(qid)
        if answer is None and defaulted and qid in defaulted:
            question = checklist.question_map[qid]
            label = question.answer_label(defaulted[qid])
            out.append({"question": qid, "text": question.text, "answer": label + DEFAULTED_MARK})
            continue
        if answer is None:
            continue
        question = checklist.question_map[qid]
        label = question.answer_label(answer.value)
        item: AnswerRow = {"question": qid, "text": question.text, "answer": label}
        if answer.note:
            item["note"] = answer.note
        if answer.evidence:
            item["evidence"] = answer.evidence
        out.append(item)
    return out


def fria_worksheet(
    checklist: Checklist, assessment: Assessment, system_id: str, outcome: Outcome
) -> FriaSheet | None:
    """The FRIA worksheet of a system where a FRIA is mandatory or recommended."""
    if not fria_applies(outcome):
        return None
    sheet = checklist.fria
    requirement = checklist.requirement_map[sheet.requirement]
    texts = assessment.system(system_id).fria
    mandatory = outcome.fria == "mandatory"
    return {
        "status": outcome.fria,
        "basis": sheet.mandatory_basis if mandatory else requirement.charter,
        "notify": sheet.mandatory_next if mandatory else sheet.recommended_next,
        "elements": [
            {"id": item.id, "label": item.text, "text": texts.get(item.id, "")}
            for item in checklist.fria_elements
        ],
    }


def report_data(
    checklist: Checklist,
    assessment: Assessment,
    outcomes: dict[str, Outcome],
    today: dt.date,
    system_id: str | None = None,
) -> ReportData:
    """Everything a report shows, as plain data (also the JSON format)."""
    timeline_id = timeline_of(checklist, assessment)
    roles = {r.id: r.title for r in checklist.team_roles}
    org = assessment.organisation
    org_visible = [q.id for q in checklist.questions_in("organisation") if not q.field]
    data: ReportData = {
        "report": {
            "generated": today.isoformat(),
            "checklist": {
                "id": checklist.meta.id,
                "version": checklist.meta.version,
                "reviewed": checklist.meta.reviewed.isoformat(),
            },
            "disclaimer": checklist.meta.disclaimer,
        },
        "organisation": {
            "name": org.name,
            "country": org.country,
            "answers": _answers(checklist, dict(org.answers), org_visible),
            "team": [
                {"name": m.name, "role": roles.get(m.role, m.role), "contact": m.contact}
                for m in assessment.team
            ],
            "steps": [_task_row(row) for row in organisation_steps(checklist, assessment)],
        },
        "timeline": {
            "active": timeline_id,
            "timelines": [
                {
                    "id": t.id,
                    "title": t.title,
                    "provenance": t.provenance,
                    "verified": t.verified,
                    "reviewed": t.reviewed.isoformat(),
                }
                for t in checklist.timelines
            ],
            "milestones": [
                {
                    "id": m.id,
                    "title": m.title,
                    "basis": m.basis,
                    "dates": {t.id: _date(m.dates.get(t.id)) for t in checklist.timelines},
                }
                for m in checklist.milestones
            ],
        },
        "dashboard": {},
        "systems": [],
    }
    shown = [s for s in assessment.systems if system_id is None or s.id == system_id]
    board = dashboard(checklist, assessment.model_copy(update={"systems": shown}), outcomes, today)
    data["dashboard"] = _dashboard_data(board)
    for system in shown:
        out = outcomes[system.id]
        rows = system_plan(checklist, assessment, system.id, out)
        obligations: list[ObligationRow] = []
        for row in rows:
            if row.kind != "obligation" or row.obligation is None or row.task is None:
                continue
            o = obligation_data(checklist, assessment, row.obligation)
            entry: ObligationRow = {
                **_task_row(row),
                "kind": o["kind"],
                "actor": o["actor"],
                "basis": o["basis"],
                "applies_from": o["applies_from"],
                "timeline": o["timeline"],
                "verified": o["verified"],
                "dates": o["dates"],
                "note": o["note"],
                "date_text": obligation_date(checklist, assessment, row.obligation),
                "in_force": row.in_force(today),
                "requirement": row.obligation.requirement,
            }
            obligations.append(entry)
        steps = [_task_row(row) for row in rows if row.kind == "step"]
        data["systems"].append(
            {
                "id": system.id,
                "name": system.name,
                "vendor": system.vendor,
                "description": system.description,
                "intended_purpose": system.intended_purpose,
                "ai_system": out.ai_system,
                "tier": out.tier,
                "basis": out.basis,
                "warning": out.headline,
                "use_case_tier": out.use_case_tier,
                "components": [{"id": c, "tier": t} for c, t in out.components],
                "role": out.role,
                "roles": out.roles,
                "roles_text": roles_text(out),
                "fria": out.fria,
                "safeguards": [
                    {"id": s, "title": checklist.safeguard_map[s].title} for s in out.safeguards
                ],
                "obligations": obligations,
                "requirements": requirements_data(checklist, out),
                "steps": steps,
                "open_items": [
                    o["title"]
                    for o in steps + obligations
                    if o["status"] in ("not_started", "in_progress")
                ],
                "progress": progress_data(system_progress(checklist, assessment, system.id, out)),
                "unanswered": [checklist.question_map[q].text for q in out.unanswered],
                "needs_review": [review_data(r) for r in out.needs_review],
                "reasons": [reason_data(r) for r in fact_reasons(out.reasons)],
                "safeguard_reasons": [
                    reason_data(r) for r in out.reasons if r.subject.kind == "safeguard"
                ],
                "notices": [{"text": n.text, "basis": list(n.basis)} for n in out.notices],
                "charter_differs": [
                    {
                        "id": d,
                        "where": checklist.differs_map[d].where,
                        "says": checklist.differs_map[d].says,
                        "act": checklist.differs_map[d].act,
                    }
                    for d in out.charter_differs
                ],
                "answers": _answers(checklist, dict(system.answers), out.visible, out.defaulted),
                "fria_worksheet": fria_worksheet(checklist, assessment, system.id, out),
            }
        )
    return data


def _dashboard_data(board: Dashboard) -> dict[str, Any]:
    return {
        "systems": [{**asdict(line), "next_date": _date(line.next_date)} for line in board.systems],
        "days": [
            {
                "date": _date(day.date),
                "heading": day_heading(day),
                "laws": [event_line(ev, day.past) for ev in day.laws],
                "dues": [event_line(ev, day.past) for ev in day.dues],
            }
            for day in board.days
        ],
    }


def _task_row(row: PlanRow) -> TaskRow:
    task = row.task
    assert task is not None, "a step or an obligation always has its task"
    return {
        "id": row.id,
        "title": row.title,
        "status": task.status,
        "owner": task.owner,
        "due": _date(task.due),
        "notes": task.notes,
        "evidence": task.evidence,
    }
