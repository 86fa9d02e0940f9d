"""The display vocabulary: one label per id in each form, and one count of what is left."""

from __future__ import annotations

from aicharter.files import storage
from aicharter.files.paths import default_checklist, demo_assessment
from aicharter.outputs.vocabulary import (
    FRIA,
    STATUS,
    TIERS,
    Progress,
    organisation_progress,
    system_progress,
)
from aicharter.rules.evaluate import evaluate_all
from aicharter.rules.validate import load_checklist


def test_every_tier_and_fria_value_of_the_checklist_has_a_label():
    checklist = load_checklist(default_checklist())
    facts = checklist.fact_map
    assert set(facts["tier"].values) | {"undetermined"} == set(TIERS)
    assert set(facts["fria"].values) | {"undetermined"} == set(FRIA)
    assert set(STATUS) == {"not_started", "in_progress", "done", "not_applicable"}


def test_progress_counts_questions_and_plan_items_once():
    assert Progress(3, 2, 4).left == 6 and Progress(3, 2, 4).questions == 5
    assert Progress(3, 2, 4).text() == "2 questions and 4 plan items left"
    assert Progress(5, 0, 1).short() == "1 to do"
    assert Progress(5, 1, 1).short() == "1 to answer"
    assert Progress(5, 0, 0).text() == "all answered, nothing left"


def test_progress_of_the_demo_adds_up():
    """A fully answered demo system: nothing to answer, its plan items open; answering
    nothing more never makes 'answered' exceed the questions shown."""
    checklist = load_checklist(default_checklist())
    assessment = storage.read(demo_assessment())
    outcomes = evaluate_all(checklist, assessment)
    for system in assessment.systems:
        p = system_progress(checklist, assessment, system.id, outcomes[system.id])
        assert 0 <= p.answered <= p.questions
        assert p.left == p.questions_left + p.items_left
    org = organisation_progress(checklist, assessment)
    assert org.questions_left == 0 and org.answered == org.questions > 0


def test_progress_adds_up_and_says_where_the_walk_through_stands():
    """The walk-through says answered and left (optional questions apart), never a total that
    grows as questions appear; the overview's total is the sum of its rows."""
    a, b = Progress(3, 2, 4, 1), Progress(5, 0, 1, 0)
    assert a + b == Progress(8, 2, 5, 1)
    assert a.questions_text() == "3 answered · 2 left · 1 optional"
    assert b.questions_text() == "5 answered · 0 left"
