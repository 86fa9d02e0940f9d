"""Reading answers written for an earlier version of the checklist.

When a question is reworded, split or merged, or its options change, the checklist says how the
old answers are read now (its ``[[migrations]]``). Nothing is lost: an answer is carried to the
new question with its note and evidence, and an answer that cannot be carried (the new question
is already answered, or the old option has no counterpart) stays in the file, marked stale, and
is never used by the rules.
"""

from __future__ import annotations

from collections import defaultdict

from aicharter.content.checklist import Checklist, Migration, Question
from aicharter.files.assessment import Answer, Assessment


def migrate(assessment: Assessment, checklist: Checklist) -> bool:
    """Rewrite, in place, the answers of ``assessment`` that an earlier checklist version
    wrote; True when anything changed."""
    if not checklist.migrations:
        return False
    by_source: dict[str, list[Migration]] = defaultdict(list)
    for migration in checklist.migrations:
        by_source[migration.from_].append(migration)
    changed = _migrate_answers(assessment.organisation.answers, checklist, by_source)
    for system in assessment.systems:
        changed = _migrate_answers(system.answers, checklist, by_source) or changed
    return changed


def _migrate_answers(
    answers: dict[str, Answer], checklist: Checklist, by_source: dict[str, list[Migration]]
) -> bool:
    changed = False
    carried: dict[str, list[tuple[str | tuple[str, ...], Answer]]] = defaultdict(list)
    used: set[str] = set()
    for qid, answer in list(answers.items()):
        migrations = by_source.get(qid)
        if not migrations or answer.value == "":
            continue
        current = checklist.question_map.get(qid)
        if current is not None:  # options renamed in place
            renamed = _rename_in_place(current, answer, migrations)
            if renamed is not None:
                answers[qid] = renamed
                changed = True
            continue
        if answer.stale or not isinstance(answer.value, str):
            continue  # (a kept answer stays kept; retired questions took one option)
        for migration in migrations:
            target = answers.get(migration.to)
            new = migration.values.get(answer.value)
            if new is None or (target is not None and target.value != ""):
                continue
            carried[migration.to].append((new, answer))
            used.add(qid)
    for target_id, parts in carried.items():
        answers[target_id] = _combine(checklist.question_map[target_id], parts)
        changed = True
    for qid, answer in list(answers.items()):
        if qid in checklist.retired_questions and not answer.stale:
            if qid in used:
                del answers[qid]
            else:
                answers[qid] = answer.model_copy(update={"stale": True})
            changed = True
    return changed


def _rename_in_place(
    question: Question, answer: Answer, migrations: list[Migration]
) -> Answer | None:
    mapping = {old: new for m in migrations if m.to == question.id for old, new in m.values.items()}
    values = answer.value if isinstance(answer.value, list) else [answer.value]
    if all(v in question.option_ids for v in values):
        return None
    renamed: list[str] = []
    for old in values:
        new = mapping.get(old, old)
        renamed.extend([new] if isinstance(new, str) else new)
    if question.kind == "multi":
        return answer.model_copy(update={"value": list(dict.fromkeys(renamed))})
    return answer.model_copy(update={"value": renamed[0]})


def _combine(question: Question, parts: list[tuple[str | tuple[str, ...], Answer]]) -> Answer:
    """One answer from the old answers carried to ``question``: for multiple choice the options
    add up, in the question's order; otherwise the first carried value holds."""
    if question.kind == "multi":
        chosen = {v for value, _ in parts for v in ((value,) if isinstance(value, str) else value)}
        value: str | list[str] = [o.id for o in question.all_options if o.id in chosen]
    else:
        first = parts[0][0]
        value = first if isinstance(first, str) else first[0]
    notes = [a.note for _, a in parts if a.note]
    evidence = [a.evidence for _, a in parts if a.evidence]
    return Answer(
        value=value,
        note="\n".join(dict.fromkeys(notes)) or None,
        evidence="\n".join(dict.fromkeys(evidence)) or None,
    )
