"""Evaluate a whole assessment: every system, then the combined use cases."""

from __future__ import annotations

from dataclasses import dataclass

from aicharter.content.checklist import Checklist
from aicharter.content.conditions import UNDETERMINED
from aicharter.files.assessment import AISystem, Answer, Assessment
from aicharter.rules.engine import (
    Answers,
    Outcome,
    Reason,
    Review,
    Subject,
    evaluate,
    evaluate_organisation,
    strictest,
)


def engine_answers(answers: dict[str, Answer]) -> Answers:
    """What the rules may read: answers that are given and not stale."""
    return {
        qid: answer.as_engine_value()
        for qid, answer in answers.items()
        if not answer.stale and answer.value != ""
    }


def kept_stale(answers: dict[str, Answer]) -> list[str]:
    return [qid for qid, answer in answers.items() if answer.stale and answer.value != ""]


def timeline_of(checklist: Checklist, assessment: Assessment) -> str:
    """The timeline in force: the file's choice, else the checklist's default."""
    return assessment.timeline or checklist.meta.default_timeline


def system_open(checklist: Checklist, outcome: Outcome) -> tuple[list[str], list[str]]:
    """A system's own questions visible now (organisation questions are asked once), and
    those still to answer or to confirm."""
    scopes = checklist.question_scopes
    own = [q for q in outcome.visible if scopes[q] == "system"]
    mine = set(own)
    return own, [q for q in outcome.unanswered if q in mine]


@dataclass(frozen=True)
class OrganisationQuestions:
    visible: list[str]
    """The organisation's questions visible now, in checklist order."""
    unanswered: list[str]
    """Required ones with no answer."""
    to_confirm: list[str]
    """Answers kept from before their question was hidden, waiting for a confirmation."""

    @property
    def left(self) -> list[str]:
        return self.unanswered + [q for q in self.to_confirm if q not in self.unanswered]


def organisation_answers(checklist: Checklist, assessment: Assessment) -> dict[str, Answer]:
    """The organisation's answers, with those kept in its own fields (its name and country,
    see ``Question.field``) as answers to their questions."""
    org = assessment.organisation
    answers = dict(org.answers)
    for question in checklist.questions_in("organisation"):
        value = getattr(org, question.field) if question.field else None
        if value:
            answers[question.id] = Answer(value=value)
    return answers


def organisation_questions(checklist: Checklist, assessment: Assessment) -> OrganisationQuestions:
    answers = assessment.organisation.answers
    visible, unanswered = evaluate_organisation(checklist, engine_answers(answers))
    shown = set(visible)
    confirm = [q for q, a in answers.items() if q in shown and a.stale and a.value != ""]
    return OrganisationQuestions(visible, unanswered, confirm)


def evaluate_system(checklist: Checklist, assessment: Assessment, system: AISystem) -> Outcome:
    """One system on its own (no combined use case).

    An answer marked stale is left out of the rules: while its question is hidden it is listed
    in ``stale``; once the question shows again it is listed in ``to_confirm`` (and the question
    counts as unanswered until the user confirms or changes it).
    """
    outcome = evaluate(
        checklist,
        engine_answers(assessment.organisation.answers),
        engine_answers(system.answers),
        timeline_of(checklist, assessment),
    )
    for qid in kept_stale(system.answers):
        if qid not in checklist.question_map:
            continue
        if qid in outcome.visible:
            outcome.to_confirm.append(qid)
        elif qid not in outcome.stale:
            outcome.stale.append(qid)
    order = {q.id: i for i, q in enumerate(checklist.questions)}
    outcome.stale.sort(key=order.__getitem__)
    outcome.to_confirm.sort(key=order.__getitem__)
    return outcome


def evaluate_all(checklist: Checklist, assessment: Assessment) -> dict[str, Outcome]:
    """Every system's outcome, in file order, with combined use cases resolved."""
    outcomes = {s.id: evaluate_system(checklist, assessment, s) for s in assessment.systems}
    for system in assessment.systems:
        _combine(checklist, outcomes, system)
    return outcomes


def evaluate_some(
    checklist: Checklist, assessment: Assessment, outcomes: dict[str, Outcome], changed: str
) -> dict[str, Outcome]:
    """Fresh outcomes for a changed system and for the systems combined with it (their use
    case may change with it); the others in ``outcomes`` still hold."""
    affected = [s for s in assessment.systems if s.id == changed or changed in s.combined_with]
    fresh = {s.id: evaluate_system(checklist, assessment, s) for s in affected}
    merged = {**outcomes, **fresh}
    for system in affected:
        _combine(checklist, merged, system)
    return fresh


def _combine(checklist: Checklist, outcomes: dict[str, Outcome], system: AISystem) -> None:
    """A use case of combined systems takes the strictest tier of its parts."""
    outcome = outcomes[system.id]
    if "combined" not in outcome.visible:
        return
    combined = system.answers.get("combined")
    if combined is None or combined.value == "no":
        return
    content = checklist.use_case
    subject = Subject("fact", "use_case_tier", content.title)
    if not system.combined_with:
        outcome.needs_review.append(Review(content.unlinked, [subject]))
        return
    outcome.components = [(other, outcomes[other].tier) for other in system.combined_with]
    outcome.use_case_tier = strictest([outcome.tier, *(t for _, t in outcome.components)])
    parts = ", ".join(f"{other}: {tier}" for other, tier in outcome.components)
    # plain replacement, not str.format: the text comes from a file
    text = content.reason.replace("{tier}", outcome.tier).replace("{parts}", parts)
    if outcome.use_case_tier == UNDETERMINED:
        text += " " + content.waiting
    outcome.reasons.append(Reason(subject, outcome.use_case_tier, text, content.basis))


@dataclass(frozen=True)
class RequirementResult:
    """One of the Charter's ten requirements as it applies to a system: a legal obligation when
    any duty under it is legal for this system, otherwise a Charter recommendation."""

    id: str
    number: int
    title: str
    kind: str
    basis: tuple[str, ...]
    """The articles that make it legal (empty for a recommendation)."""
    obligations: tuple[str, ...]


def requirements_for(checklist: Checklist, outcome: Outcome) -> list[RequirementResult]:
    """The requirements that apply to a system, in the Charter's order."""
    results = []
    for requirement in sorted(checklist.requirements, key=lambda r: r.number):
        duties = [o for o in outcome.obligations if o.requirement == requirement.id]
        if not duties:
            continue
        legal = [o for o in duties if o.kind == "legal"]
        basis = tuple(dict.fromkeys(b.strip() for o in legal for b in o.basis.split(";")))
        results.append(
            RequirementResult(
                requirement.id,
                requirement.number,
                requirement.title,
                "legal" if legal else "recommended",
                basis,
                tuple(o.id for o in duties),
            )
        )
    return results
