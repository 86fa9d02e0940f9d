"""A system's verdict as a record, and what changed between two of them, with the cause.

Marking a system reviewed keeps its verdict (tier, roles, FRIA, the obligations with their
dates) with the checklist version, the timeline and the answers it rested on. Later the
verdict now is compared with that record. Evaluating the recorded answers again under the
current checklist splits every change into its cause: what the *checklist* changed (a rule,
a date: the recorded answers now give another verdict) and what the *answers* changed (the
answers that differ, among those the changed conclusion rests on). ``aicharter diff``
compares two files the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from aicharter.content.checklist import ROLE_FACTS, Checklist
from aicharter.files.assessment import AISystem, Assessment, Reviewed, now
from aicharter.outputs.vocabulary import CHANGED_MARK, fria_label, tier_label
from aicharter.rules.engine import AnswerValue, ObligationResult, Outcome, evaluate
from aicharter.rules.evaluate import engine_answers, timeline_of


@dataclass(frozen=True)
class Verdict:
    tier: str
    roles: tuple[str, ...]
    fria: str
    obligations: Mapping[str, str]
    """Obligation id -> the date a legal duty applies from (ISO), ``legal`` for one without a
    date, ``recommended`` for a recommendation."""


def verdict_of(outcome: Outcome) -> Verdict:
    return Verdict(
        outcome.tier,
        tuple(outcome.roles),
        outcome.fria,
        {o.id: _standing(o) for o in outcome.obligations},
    )


def _standing(obligation: ObligationResult) -> str:
    if obligation.kind != "legal":
        return RECOMMENDED
    return obligation.applies_from.isoformat() if obligation.applies_from else LEGAL


LEGAL = "legal"
RECOMMENDED = "recommended"


def recorded(record: Reviewed) -> Verdict:
    return Verdict(record.tier, tuple(record.roles), record.fria, dict(record.obligations))


def review_record(
    checklist: Checklist, assessment: Assessment, system: AISystem, outcome: Outcome
) -> Reviewed:
    """The record that marks ``system`` reviewed now."""
    verdict = verdict_of(outcome)
    return Reviewed(
        on=now(),
        checklist_version=checklist.meta.version,
        timeline=timeline_of(checklist, assessment),
        tier=verdict.tier,
        roles=list(verdict.roles),
        fria=verdict.fria,
        obligations=dict(verdict.obligations),
        answers=_plain(engine_answers(system.answers)),
        organisation=_plain(engine_answers(assessment.organisation.answers)),
    )


def _engine(answers: Mapping[str, str | list[str]]) -> dict[str, AnswerValue]:
    """Recorded answers as the rules read them."""
    return {k: tuple(v) if isinstance(v, list) else v for k, v in answers.items()}


def _plain(answers: Mapping[str, AnswerValue]) -> dict[str, str | list[str]]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in answers.items()}


@dataclass(frozen=True)
class Difference:
    """One part of a verdict that changed, and why."""

    what: str
    """``Tier``, ``Roles``, ``FRIA``, or the title of an obligation."""
    before: str
    after: str
    causes: tuple[str, ...]


@dataclass(frozen=True)
class Comparison:
    """What changed in a system's verdict since a record (or between two files)."""

    since: str
    """What the verdict is compared with, e.g. "the review of 2026-11-02"."""
    differences: tuple[Difference, ...]

    @property
    def changed(self) -> bool:
        return bool(self.differences)


def _label(part: str, value: str) -> str:
    if part == "Tier":
        return tier_label(value, short=True)
    if part == "FRIA":
        return fria_label(value, short=True)
    return value


def _parts(verdict: Verdict) -> dict[str, str]:
    return {
        "Tier": verdict.tier,
        "Roles": ", ".join(verdict.roles) or "none",
        "FRIA": verdict.fria,
    }


_SUBJECTS = {"Tier": ("tier",), "Roles": tuple(ROLE_FACTS.values()), "FRIA": ("fria",)}
"""The facts whose reasons name the answers each part of a verdict rests on."""


def _answer_changes(
    checklist: Checklist,
    before: Mapping[str, AnswerValue],
    after: Mapping[str, AnswerValue],
    relevant: set[str] | None,
    whose: str,
) -> list[str]:
    out = []
    for qid in dict.fromkeys([*before, *after]):
        old, new = before.get(qid), after.get(qid)
        if _norm(old) == _norm(new) or qid not in checklist.question_map:
            continue
        if relevant is not None and qid not in relevant:
            continue
        q = checklist.question_map[qid]
        old_text = q.answer_label(old) if old is not None else "not answered"
        new_text = q.answer_label(new) if new is not None else "not answered"
        out.append(f"{whose}answer to '{q.short}': {old_text} → {new_text}")
    return out


def _norm(value: AnswerValue | list[str] | None) -> object:
    return tuple(value) if isinstance(value, list) else value


def _trail(
    checklist: Checklist, outcomes: Iterable[Outcome], subject_ids: Iterable[str]
) -> set[str]:
    """The questions a conclusion rests on: those its reasons name, and those whose answers
    decide whether these are asked at all (saying a system generates content is what brings
    the deep-fake question that a disclosure duty names)."""
    ids = set(subject_ids)
    found = {
        ref.question
        for out in outcomes
        for reason in out.reasons
        if reason.subject.id in ids
        for ref in reason.answers
    }
    todo = list(found)
    while todo:
        question = checklist.question_map.get(todo.pop())
        if question is None:
            continue
        section = checklist.section_map[question.section]
        for condition in (question.show_if, section.show_if):
            for node in condition.walk() if condition is not None else ():
                if node.answer is not None and node.answer not in found:
                    found.add(node.answer)
                    todo.append(node.answer)
    return found


def compare(
    checklist: Checklist,
    before: Verdict,
    after: Verdict,
    outcome_after: Outcome,
    *,
    since: str,
    answers: tuple[Mapping[str, AnswerValue], Mapping[str, AnswerValue]] = ({}, {}),
    org_answers: tuple[Mapping[str, AnswerValue], Mapping[str, AnswerValue]] = ({}, {}),
    replayed: Outcome | None = None,
    checklist_change: str = "",
) -> Comparison:
    """The differences from ``before`` to ``after``, each with its causes.

    ``replayed`` is the outcome of the earlier answers under the current checklist: where it
    already differs from ``before``, the checklist (``checklist_change`` says how) caused the
    change; where it differs from ``after``, the answers did."""
    middle = verdict_of(replayed) if replayed is not None else before
    outcomes = [outcome_after] + ([replayed] if replayed is not None else [])
    titles = {o.id: o.title for out in outcomes for o in out.obligations}
    diffs: list[Difference] = []

    def causes(subjects: Iterable[str], rule_moved: bool, answers_moved: bool) -> tuple[str, ...]:
        subjects = tuple(subjects)
        found: list[str] = []
        if rule_moved:
            found.append(checklist_change or "the checklist's rules or dates changed")
            found += _rule_detail(checklist, outcome_after, subjects)
        if answers_moved:
            relevant = _trail(checklist, outcomes, subjects)
            changed = _answer_changes(checklist, *answers, relevant, "") + _answer_changes(
                checklist, *org_answers, relevant, "the organisation's "
            )
            if not changed:  # rests on an answer that no reason names: show every change
                changed = _answer_changes(checklist, *answers, None, "") + _answer_changes(
                    checklist, *org_answers, None, "the organisation's "
                )
            found += changed or ["the answers changed"]
        return tuple(found)

    old_parts, mid_parts, new_parts = _parts(before), _parts(middle), _parts(after)
    for part, old in old_parts.items():
        new = new_parts[part]
        if old != new:
            diffs.append(
                Difference(
                    part,
                    _label(part, old),
                    _label(part, new),
                    causes(_SUBJECTS[part], old != mid_parts[part], mid_parts[part] != new),
                )
            )
    ids = dict.fromkeys([*before.obligations, *after.obligations])
    for oid in ids:
        old_date, new_date = before.obligations.get(oid), after.obligations.get(oid)
        if old_date == new_date:
            continue
        title = titles.get(oid) or _obligation_title(checklist, oid)
        mid_date = middle.obligations.get(oid)
        moved = causes((oid,), old_date != mid_date, mid_date != new_date)
        if old_date is None:
            diffs.append(Difference(title, "not listed", _dated(new_date), moved))
        elif new_date is None:
            diffs.append(Difference(title, _dated(old_date), "no longer listed", moved))
        else:
            diffs.append(Difference(title, _dated(old_date), _dated(new_date), moved))
    return Comparison(since, tuple(diffs))


def _rule_detail(checklist: Checklist, outcome: Outcome, subjects: tuple[str, ...]) -> list[str]:
    """Which rule or date of the current checklist gives the new value: the date's milestone
    for a duty, the articles of the rule for a part of the verdict."""
    for obligation in outcome.obligations:
        if obligation.id in subjects and obligation.milestone:
            milestone = checklist.milestone_map[obligation.milestone]
            return [f"its date is now that of “{milestone.title}” ({milestone.basis})"]
    for reason in outcome.reasons:
        if reason.subject.id in subjects and reason.subject.kind == "fact" and reason.basis:
            return [f"the rule now rests on {'; '.join(reason.basis)}"]
    return []


def _obligation_title(checklist: Checklist, oid: str) -> str:
    for obligation in checklist.obligations:
        if obligation.id == oid:
            return obligation.title
    return oid


def _dated(standing: str | None) -> str:
    if standing == RECOMMENDED:
        return "recommended"
    if standing == LEGAL or not standing:
        return "legal duty"
    return f"legal duty from {standing}"


def since_review(
    checklist: Checklist, assessment: Assessment, system: AISystem, outcome: Outcome
) -> Comparison | None:
    """What changed in the system's verdict since it was marked reviewed (None: never)."""
    record = system.reviewed
    if record is None:
        return None
    now_timeline = timeline_of(checklist, assessment)
    old_org, old_answers = _engine(record.organisation), _engine(record.answers)
    replayed = evaluate(checklist, old_org, old_answers, now_timeline)
    change = ""
    if record.checklist_version != checklist.meta.version:
        change = f"the checklist changed ({record.checklist_version} → {checklist.meta.version})"
    if record.timeline != now_timeline:
        change = (change + "; " if change else "") + (
            f"the timeline changed ({record.timeline} → {now_timeline})"
        )
    return compare(
        checklist,
        recorded(record),
        verdict_of(outcome),
        outcome,
        since=f"the review of {record.on.date().isoformat()}",
        answers=(old_answers, engine_answers(system.answers)),
        org_answers=(old_org, engine_answers(assessment.organisation.answers)),
        replayed=replayed,
        checklist_change=change or "the checklist's rules or dates changed",
    )


def compare_files(
    checklist: Checklist,
    old: Assessment,
    old_outcomes: Mapping[str, Outcome],
    new: Assessment,
    new_outcomes: Mapping[str, Outcome],
) -> list[tuple[str, str, Comparison | None]]:
    """System by system (matched by id): (name, status, comparison), status ``added``,
    ``removed``, ``changed`` or ``same``."""
    out: list[tuple[str, str, Comparison | None]] = []
    old_ids = {s.id: s for s in old.systems}
    for system in new.systems:
        before = old_ids.get(system.id)
        if before is None:
            out.append((system.name, "added", None))
            continue
        comparison = compare(
            checklist,
            verdict_of(old_outcomes[system.id]),
            verdict_of(new_outcomes[system.id]),
            new_outcomes[system.id],
            since="the earlier file",
            answers=(engine_answers(before.answers), engine_answers(system.answers)),
            org_answers=(
                engine_answers(old.organisation.answers),
                engine_answers(new.organisation.answers),
            ),
            replayed=old_outcomes[system.id],
        )
        out.append((system.name, "changed" if comparison.changed else "same", comparison))
    new_ids = {s.id for s in new.systems}
    out += [(s.name, "removed", None) for s in old.systems if s.id not in new_ids]
    return out


VERDICT_PARTS = ("Tier", "Roles", "FRIA")


def comparison_lines(comparison: Comparison, limit: int | None = None) -> list[str]:
    """The differences as lines of text: each part of the verdict "before → after" with its
    causes under it (left out when the same as the line before's); then the duties, those
    that moved the same way (and for the same causes) in one group, naming at most
    ``limit`` of them (all when None)."""
    lines: list[str] = []
    last: tuple[str, ...] = ()
    groups: dict[tuple[str, str, tuple[str, ...]], list[str]] = {}
    for diff in comparison.differences:
        if diff.what not in VERDICT_PARTS:
            groups.setdefault((diff.before, diff.after, diff.causes), []).append(diff.what)
            continue
        lines.append(f"{diff.what}: {diff.before} → {diff.after}")
        if diff.causes and diff.causes != last:
            lines.append("  because " + "; ".join(diff.causes))
        last = diff.causes
    for (before, after, causes), titles in groups.items():
        n = len(titles)
        lines.append(f"{n} dut{'y' if n == 1 else 'ies'}: {before} → {after}")
        if causes and causes != last:
            lines.append("  because " + "; ".join(causes))
        last = causes
        shown = titles if limit is None else titles[:limit]
        lines += [f"  • {title}" for title in shown]
        if len(shown) < n:
            lines.append(f"  • and {n - len(shown)} more (the plan lists them)")
    return lines


def change_line(comparison: Comparison) -> str:
    """One short line for the overview and the dashboard: the parts of the verdict that
    moved, and how many duties did (Why? says how and why)."""
    parts = [
        f"{d.what}: {d.before} → {d.after}"
        for d in comparison.differences
        if d.what in VERDICT_PARTS
    ]
    duties = sum(1 for d in comparison.differences if d.what not in VERDICT_PARTS)
    if duties:
        parts.append(f"{duties} dut{'y' if duties == 1 else 'ies'} changed")
    if not parts:
        return ""
    return f"{CHANGED_MARK} Since {comparison.since}: {', '.join(parts)}"


def since_heading(comparison: Comparison) -> str:
    """The heading of Why?'s first section about a reviewed system."""
    if comparison.changed:
        return f"{CHANGED_MARK} What changed since {comparison.since}"
    return f"No change since {comparison.since}"
