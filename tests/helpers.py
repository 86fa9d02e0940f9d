"""Shared helpers for the tests: build answers the way a user would give them."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from aicharter.content.checklist import Checklist, Question
from aicharter.files.paths import default_checklist, demo_assessment
from aicharter.rules.engine import AnswerValue, Outcome, evaluate
from aicharter.rules.validate import load_checklist


def charter() -> Checklist:
    return load_checklist(default_checklist())


def negative(question: Question) -> AnswerValue:
    """The 'nothing special' answer a user gives when a question does not apply."""
    if question.kind == "yes_no":
        return "no"
    ids = [o.id for o in question.all_options]
    if "none" in ids:
        return ("none",) if question.kind == "multi" else "none"
    if "no" in ids:
        return "no"
    raise AssertionError(f"the test must answer '{question.id}' explicitly")


def complete(
    answers: Mapping[str, AnswerValue],
    org: Mapping[str, AnswerValue] | None = None,
    checklist: Checklist | None = None,
) -> tuple[dict[str, AnswerValue], dict[str, AnswerValue]]:
    """Fill every visible, required, unanswered question with its negative answer, one at a
    time in checklist order, as a user walking through would."""
    checklist = checklist or charter()
    system = dict(answers)
    organisation = dict(org or {})
    scope = {s.id: s.scope for s in checklist.sections}
    for _ in range(200):
        out = evaluate(checklist, organisation, system)
        org_missing = [
            q
            for q in checklist.questions_in("organisation")
            if q.is_required and q.id not in organisation
        ]
        missing = [checklist.question_map[q] for q in out.unanswered] + org_missing
        if not missing:
            return system, organisation
        question = missing[0]
        target = organisation if scope[question.section] == "organisation" else system
        target[question.id] = negative(question)
    raise AssertionError("walk-through did not finish")


def outcome(
    answers: Mapping[str, AnswerValue], org: Mapping[str, AnswerValue] | None = None
) -> Outcome:
    checklist = charter()
    system, organisation = complete(answers, org, checklist)
    return evaluate(checklist, organisation, system)


async def open_seeded(pilot, question: str):  # type: ignore[no-untyped-def]
    """From the overview of a file seeded through the session, open the first system's
    walk-through at ``question`` (the keys that lead there are proven elsewhere)."""
    from aicharter.tui.screens.walk import WalkScreen

    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, WalkScreen)
    await screen.go(question)
    await pilot.pause()
    return screen


WATCH_LIST: dict[str, AnswerValue] = {
    "law_enforcement": "no",
    "personal_data": "yes",
    "bio_uses": "yes",
    "bio_identification": "identification",
    "bio_watchlist": "other",
    "bio_realtime": "real_time",
    "bio_public_space": "yes",
}
"""A venue's own watch list matched in real time: high-risk under Annex III 1(a), not
prohibited (Art. 5(1)(h) covers law enforcement only)."""


def demo_copy(folder: Path, name: str = "a.toml") -> Path:
    """A writable copy of the bundled demo assessment in ``folder``."""
    path = folder / name
    path.write_bytes(demo_assessment().read_bytes())
    return path
