"""The rule engine's mechanics: three-valued logic, visibility, stale answers, unsure answers,
reasons, combined systems."""

from __future__ import annotations

import pytest

from aicharter.content.checklist import Checklist
from aicharter.content.conditions import Condition
from aicharter.files.assessment import AISystem, Answer, Assessment
from aicharter.rules.engine import Evaluator, Subject, evaluate, strictest
from aicharter.rules.evaluate import evaluate_all
from helpers import charter, complete, outcome


def tiny(**extra: object) -> Checklist:
    """A small checklist to exercise the logic on its own."""
    data: dict[str, object] = {
        "meta": {
            "id": "tiny",
            "title": "t",
            "version": "1",
            "reviewed": "2026-01-01",
            "disclaimer": "d",
            "default_timeline": "t1",
        },
        "timelines": [
            {
                "id": "t1",
                "title": "t",
                "short": "t",
                "provenance": "p",
                "verified": True,
                "reviewed": "2026-01-01",
            }
        ],
        "milestones": [],
        "sections": [
            {"id": "s", "title": "S", "short": "S", "scope": "system", "step": 1, "charter": "x"}
        ],
        "questions": [
            {
                "id": "a",
                "section": "s",
                "kind": "yes_no",
                "text": "A?",
                "short": "A",
                "conservative": "yes",
            },
            {
                "id": "b",
                "section": "s",
                "kind": "yes_no",
                "text": "B?",
                "short": "B",
                "conservative": "no",
                "show_if": {"answer": "a", "is": "yes"},
            },
        ],
        "facts": [
            {
                "id": "both",
                "title": "both",
                "values": ["yes", "no"],
                "rules": [
                    {
                        "when": {
                            "all": [{"answer": "a", "is": "yes"}, {"answer": "b", "is": "yes"}]
                        },
                        "value": "yes",
                        "reason": "both yes",
                    },
                    {"value": "no", "reason": "default"},
                ],
            }
        ],
    }
    data["use_case"] = {"title": "U", "reason": "{tier}: {parts}", "waiting": "w", "unlinked": "u"}
    data["fria"] = {
        "requirement": "fria",
        "mandatory_basis": "b",
        "mandatory_next": "m",
        "recommended_next": "r",
    }
    data.update(extra)
    return Checklist.model_validate(data)


def cond(data: dict[str, object]) -> Condition:
    return Condition.model_validate(data)


def test_missing_answer_is_unknown_not_false():
    ev = Evaluator(tiny(), {}, {})
    assert ev.cond(cond({"answer": "a", "is": "yes"}))[0] is None
    assert ev.fact("both").value == "undetermined"


def test_false_dominates_all_and_true_dominates_any():
    ev = Evaluator(tiny(), {}, {"a": "no"})
    # b is hidden (a = no), a is no: all(...) is False even though b was never answered
    assert ev.fact("both").value == "no"
    ev = Evaluator(tiny(), {}, {})
    any_cond = cond({"any": [{"answer": "a", "is": "yes"}, {"not": {"answer": "a", "is": "yes"}}]})
    assert ev.cond(any_cond)[0] is None
    assert Evaluator(tiny(), {}, {"a": "yes"}).cond(any_cond)[0] is True


def test_hidden_answers_are_stale_and_never_used():
    checklist = tiny()
    out = evaluate(checklist, {}, {"a": "no", "b": "yes"})
    assert out.stale == ["b"]
    assert out.facts["both"] == "no"
    # the branch comes back: the kept answer counts again
    out = evaluate(checklist, {}, {"a": "yes", "b": "yes"})
    assert out.stale == []
    assert out.facts["both"] == "yes"


def test_unsure_takes_conservative_value_and_is_marked():
    ev = Evaluator(tiny(), {}, {"a": "unsure", "b": "yes"})
    result = ev.fact("both")
    assert result.value == "yes"
    assert any(leaf.assumed == ("a",) for leaf in result.trail)


def test_unknown_fact_compared_with_undetermined_is_definite():
    ev = Evaluator(tiny(), {}, {})
    assert ev.cond(cond({"fact": "both", "in": ["no", "undetermined"]}))[0] is True
    assert ev.cond(cond({"fact": "both", "is": "no"}))[0] is None


def test_condition_needs_exactly_one_form():
    with pytest.raises(ValueError):
        cond({"answer": "a"})
    with pytest.raises(ValueError):
        cond({"answer": "a", "fact": "b", "is": "yes"})
    with pytest.raises(ValueError):
        cond({"all": []})
    with pytest.raises(ValueError):
        cond({"fact": "f", "includes": "x"})
    with pytest.raises(ValueError):
        cond({"all": [{"answer": "a", "is": "yes"}], "is": "yes"})


def test_multi_answers_match_includes():
    c = cond({"answer": "x", "includes_any": ["p", "q"]})
    assert c.matches(("r", "q"))
    assert not c.matches(("r",))
    assert cond({"answer": "x", "includes": "r"}).matches(("r",))


def test_tier_undetermined_until_required_answers_given():
    checklist = charter()
    out = evaluate(checklist, {}, {"infers": "yes"})
    assert out.tier == "undetermined"
    assert "scope_exclusion" in out.unanswered
    assert "p_manipulation" not in out.visible  # waits for the scope
    out = evaluate(checklist, {}, {"infers": "yes", "scope_exclusion": "none"})
    assert out.tier == "undetermined"
    assert {"activities", "p_manipulation"} <= set(out.unanswered)


def test_prohibited_settles_tier_before_other_answers():
    out = evaluate(
        charter(), {}, {"infers": "yes", "scope_exclusion": "none", "p_manipulation": "yes"}
    )
    assert out.tier == "prohibited"


def test_prohibited_hides_later_sections_but_keeps_their_answers():
    system, org = complete(
        {"infers": "yes", "scope_exclusion": "none", "activities": ("use",), "t_interacts": "yes"}
    )
    assert "t_interacts" in evaluate(charter(), org, system).visible
    system["p_social_scoring"] = "yes"
    out = evaluate(charter(), org, system)
    assert out.tier == "prohibited"
    assert "t_interacts" in out.stale
    assert "t_interacts" not in out.visible


def test_every_conclusion_has_reasons_with_answers_and_articles():
    out = outcome(
        {
            "infers": "yes",
            "scope_exclusion": "none",
            "activities": ("use",),
            "p_face_scraping": "yes",
        }
    )
    tier = next(r for r in out.reasons if r.subject.id == "tier")
    assert "Art. 5" in tier.basis
    assert ("prohibited", "yes") in tier.facts
    prohibited = next(r for r in out.reasons if r.subject.id == "prohibited")
    assert [a.question for a in prohibited.answers] == ["p_face_scraping"]
    assert prohibited.basis[0] == "Art. 5(1)(e)"
    assert {o.id for o in out.obligations} >= {"prohibited_do_not_buy"}
    for obligation in out.obligations:
        assert any(
            r.subject == Subject("obligation", obligation.id, obligation.title) for r in out.reasons
        )


def test_minimal_reasons_explain_what_ruled_out_stricter_tiers():
    out = outcome(
        {"infers": "yes", "scope_exclusion": "none", "activities": ("use",), "personal_data": "no"}
    )
    tier = next(r for r in out.reasons if r.subject.id == "tier")
    assert tier.value == "minimal"
    assert ("hr_route", "none") in tier.facts


def test_unsure_marks_for_review_once_per_question():
    out = outcome({"infers": "unsure", "scope_exclusion": "none", "activities": ("use",)})
    assert out.ai_system is True
    reviews = [r for r in out.needs_review if r.question == "infers"]
    assert len(reviews) == 1
    assert {"ai_system", "tier"} <= {s.id for s in reviews[0].about}


def test_unsure_realtime_identification_for_unsure_purpose_is_prohibited_pending_review():
    """The conservative reading of an unsure law-enforcement purpose is the stricter one."""
    out = outcome(
        {
            "infers": "yes",
            "scope_exclusion": "none",
            "activities": ("use",),
            "law_enforcement": "unsure",
            "bio_uses": "yes",
            "bio_identification": "identification",
            "bio_watchlist": "other",
            "bio_realtime": "real_time",
            "bio_public_space": "yes",
            "rbi_objective": "none",
        }
    )
    assert out.tier == "prohibited"
    assert any(r.question == "law_enforcement" for r in out.needs_review)


def test_strictest_tier():
    assert strictest(["minimal", "high", "transparency"]) == "high"
    assert strictest(["minimal", "undetermined"]) == "undetermined"
    assert strictest(["undetermined", "prohibited"]) == "prohibited"
    assert strictest(["not_ai", "minimal"]) == "minimal"


def _system(system_id: str, answers: dict[str, object], **kw: object) -> AISystem:
    full, _ = complete(answers, {"org_public_body": "no"})
    values = {k: Answer(value=list(v) if isinstance(v, tuple) else v) for k, v in full.items()}
    return AISystem(id=system_id, name=system_id, answers=values, **kw)


def test_combined_use_case_takes_the_strictest_tier():
    """The Charter's example: crowd analytics on a drone, with face matching."""
    drone = _system(
        "drone",
        {
            "infers": "yes",
            "scope_exclusion": "none",
            "activities": ("use",),
            "annex1_product": "drone",
            "annex1_third_party": "yes",
            "combined": "yes",
        },
        combined_with=["crowd", "faces"],
    )
    crowd = _system("crowd", {"infers": "yes", "scope_exclusion": "none", "activities": ("use",)})
    faces = _system(
        "faces",
        {
            "infers": "yes",
            "scope_exclusion": "none",
            "activities": ("use",),
            "bio_uses": "yes",
            "bio_identification": "identification",
            "bio_watchlist": "other",
            "bio_realtime": "real_time",
            "bio_public_space": "yes",
            "law_enforcement": "yes",
            "rbi_objective": "none",
        },
    )
    org = {"org_public_body": Answer(value="no")}
    assessment = Assessment(systems=[drone, crowd, faces])
    assessment.organisation.answers.update(org)
    outcomes = evaluate_all(charter(), assessment)
    assert outcomes["drone"].tier == "high"
    assert outcomes["drone"].components == [("crowd", "minimal"), ("faces", "prohibited")]
    assert outcomes["drone"].use_case_tier == "prohibited"
    assert any(r.subject.id == "use_case_tier" for r in outcomes["drone"].reasons)
    assert outcomes["crowd"].use_case_tier == "minimal"


def test_combined_without_links_asks_for_them():
    lone = _system(
        "lone",
        {"infers": "yes", "scope_exclusion": "none", "activities": ("use",), "combined": "yes"},
    )
    assessment = Assessment(systems=[lone])
    out = evaluate_all(charter(), assessment)["lone"]
    assert any("linked none" in r.text for r in out.needs_review)


def test_obligation_dates_follow_the_timeline():
    checklist = charter()
    system, org = complete(
        {
            "infers": "yes",
            "scope_exclusion": "none",
            "activities": ("use",),
            "annex3_areas": ("employment",),
            "annex3_p4": ("recruitment",),
        }
    )
    amended = evaluate(checklist, org, system, "amended")
    original = evaluate(checklist, org, system, "original")

    def logs(o):
        return next(x for x in o.obligations if x.id == "keep_logs").applies_from.isoformat()

    assert logs(amended) == "2027-12-02"
    assert logs(original) == "2026-08-02"


def test_requirements_are_legal_or_recommended_per_outcome():
    from aicharter.rules.evaluate import requirements_for

    checklist = charter()
    high = outcome(
        {
            "infers": "yes",
            "scope_exclusion": "none",
            "activities": ("use",),
            "workers_affected": ("own_staff",),
            "annex3_areas": ("employment",),
            "annex3_p4": ("tasks_traits",),
        }
    )
    kinds = {r.id: r.kind for r in requirements_for(checklist, high)}
    assert kinds["human_oversight"] == "legal"
    assert kinds["workers"] == "legal"
    assert kinds["resilience"] == "recommended"  # Art. 15 binds providers (LEGAL C16)
    oversight = next(r for r in requirements_for(checklist, high) if r.id == "human_oversight")
    assert "Art. 26(2)" in oversight.basis
    minimal = outcome(
        {"infers": "yes", "scope_exclusion": "none", "activities": ("use",), "personal_data": "no"}
    )
    kinds = {r.id: r.kind for r in requirements_for(checklist, minimal)}
    assert kinds["human_oversight"] == "legal"  # AI literacy, Art. 4
    assert kinds["workers"] == "recommended"
    assert "fria" not in kinds
    assert [r.number for r in requirements_for(checklist, minimal)] == sorted(
        r.number for r in requirements_for(checklist, minimal)
    )


def test_any_one_prohibition_settles_it_while_others_are_unanswered():
    """Rules giving the same value need not wait for earlier undecided ones."""
    base = {"infers": "yes", "scope_exclusion": "none"}
    out = evaluate(charter(), {}, {**base, "p_face_scraping": "yes"})
    assert out.facts["prohibited"] == "yes"
    assert out.tier == "prohibited"
    out = evaluate(charter(), {}, {**base, "p_face_scraping": "no"})
    assert out.facts["prohibited"] == "undetermined"
