"""What changed since a system was reviewed, and between two files, with the cause."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from aicharter.files import storage
from aicharter.files.assessment import Answer
from aicharter.files.paths import demo_assessment
from aicharter.outputs.changes import comparison_lines, review_record, since_review
from aicharter.rules.evaluate import evaluate_all
from helpers import charter, demo_copy


def _reviewed_demo():
    c = charter()
    demo = storage.read(demo_assessment(), c)
    outcomes = evaluate_all(c, demo)
    system = demo.system("shift-planner")
    system.reviewed = review_record(c, demo, system, outcomes[system.id])
    return c, demo, system


def test_no_change_right_after_the_review():
    c, demo, system = _reviewed_demo()
    comparison = since_review(c, demo, system, evaluate_all(c, demo)[system.id])
    assert comparison is not None and not comparison.changed


def test_a_changed_answer_is_named_as_the_cause():
    """Shift rostering is high-risk under Annex III 4(b); answering that its area is none of
    Annex III's makes it minimal risk, and Why? says which answer did it."""
    c, demo, system = _reviewed_demo()
    system.answers["annex3_areas"] = Answer(value=["none"])
    comparison = since_review(c, demo, system, evaluate_all(c, demo)[system.id])
    assert comparison is not None and comparison.changed
    tier = comparison.differences[0]
    assert (tier.what, tier.before, tier.after) == ("Tier", "High-risk", "Minimal risk")
    assert tier.causes == (
        "answer to 'Annex III areas': Employment and workers' management → None of these",
    )
    lines = comparison_lines(comparison)
    assert lines[0] == "Tier: High-risk → Minimal risk"
    assert sum(line.startswith("  because") for line in lines) == 1  # said once, not per line


def test_a_moved_date_is_put_down_to_the_checklist():
    """The record says the Annex III duties applied from 2 August 2026 (the original Art.
    113 date) under checklist 1.0.0; with the same answers the current checklist gives 2
    December 2027 (Art. 113(c)(i) as amended): the checklist, not an answer, moved it."""
    c, demo, system = _reviewed_demo()
    assert system.reviewed is not None
    system.reviewed.checklist_version = "1.0.0"
    system.reviewed.obligations["keep_logs"] = "2026-08-02"
    comparison = since_review(c, demo, system, evaluate_all(c, demo)[system.id])
    assert comparison is not None
    (diff,) = comparison.differences
    assert diff.before == "legal duty from 2026-08-02"
    assert diff.after == "legal duty from 2027-12-02"
    assert diff.causes[0] == f"the checklist changed (1.0.0 → {c.meta.version})"
    assert diff.causes[1].startswith("its date is now that of “High-risk rules for Annex III")
    assert "Art. 113(c)(i)" in diff.causes[1]  # the rule that moved it, with its article


def test_the_record_is_saved_and_read_back(tmp_path: Path):
    c, demo, system = _reviewed_demo()
    path = tmp_path / "a.toml"
    storage.write(path, demo)
    again = storage.read(path, c).system("shift-planner")
    assert again.reviewed == system.reviewed
    assert "[systems.reviewed]" in path.read_text(encoding="utf-8")


def _diff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aicharter", "diff", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_diff_compares_two_files_system_by_system(tmp_path: Path):
    c = charter()
    demo = storage.read(demo_assessment(), c)
    old = tmp_path / "before.toml"
    storage.write(old, demo)
    same = _diff(str(old), str(old))
    assert same.returncode == 0 and "≠" not in same.stdout
    demo.system("shift-planner").answers["annex3_areas"] = Answer(value=["none"])
    demo.systems = [s for s in demo.systems if s.id != "alarm-triage"]
    new = tmp_path / "after.toml"
    storage.write(new, demo)
    result = _diff(str(old), str(new))
    assert result.returncode == 1, result.stderr
    out = result.stdout
    assert "≠ Shift planner:" in out
    assert "Tier: High-risk → Minimal risk" in out
    assert "because answer to 'Annex III areas'" in out
    assert "- Alarm triage in the monitoring centre: not in after.toml" in out
    assert "= Crowd density analytics: no change" in out
    bad = tmp_path / "bad.toml"
    bad.write_text("not toml [", encoding="utf-8")
    assert _diff(str(old), str(bad)).returncode == 2


def test_marking_reviewed_is_saved_and_undone_like_any_change(tmp_path: Path):
    from aicharter.session import Session

    path = demo_copy(tmp_path)
    session = Session.open(path, charter())
    assert session.since_review("alarm-triage") is None
    assert session.mark_reviewed("alarm-triage")
    assert storage.read(path, charter()).system("alarm-triage").reviewed is not None
    comparison = session.since_review("alarm-triage")
    assert comparison is not None and not comparison.changed
    session.set_answer("alarm-triage", "infers", "no")
    comparison = session.since_review("alarm-triage")
    assert comparison is not None and comparison.differences[0].after == "Not an AI system"
    session.undo()
    session.undo()
    assert storage.read(path, charter()).system("alarm-triage").reviewed is None
    assert session.since_review("alarm-triage") is None


def test_a_tier_moved_by_a_rule_names_the_rule_not_an_answer():
    """Same answers, another checklist: if version 1.0.0 had found the shift planner of
    minimal risk, today's rules (Art. 6(2) with Annex III 4(b)) make it high-risk, and Why?
    says the rule did it, naming its articles, and names no answer."""
    c, demo, system = _reviewed_demo()
    assert system.reviewed is not None
    system.reviewed.checklist_version = "1.0.0"
    system.reviewed.tier = "minimal"
    comparison = since_review(c, demo, system, evaluate_all(c, demo)[system.id])
    assert comparison is not None
    tier = comparison.differences[0]
    assert (tier.what, tier.before, tier.after) == ("Tier", "Minimal risk", "High-risk")
    assert tier.causes[0] == f"the checklist changed (1.0.0 → {c.meta.version})"
    assert tier.causes[1].startswith("the rule now rests on ") and "Annex III" in tier.causes[1]
    assert not any("answer to" in cause for cause in tier.causes)


def test_the_answer_that_brought_a_question_is_named_with_it(tmp_path: Path):
    """Saying the watch list generates content brings the deep-fake question; answering it
    yes adds the Art. 50(4) disclosure. Both answers are named as the cause, the one that was
    changed first included."""
    c = charter()
    demo = storage.read(demo_assessment(), c)
    system = demo.system("retail-watchlist")
    system.reviewed = review_record(c, demo, system, evaluate_all(c, demo)[system.id])
    system.answers["t_generates"] = Answer(value="yes")
    system.answers["p_intimate_use"] = Answer(value="no")
    system.answers["t_deepfake"] = Answer(value="yes")
    comparison = since_review(c, demo, system, evaluate_all(c, demo)[system.id])
    assert comparison is not None
    disclosure = next(d for d in comparison.differences if d.after.startswith("legal duty"))
    assert "answer to 'Generates content': No → Yes" in disclosure.causes
    assert any(cause.startswith("answer to 'Deep fakes'") for cause in disclosure.causes)


def test_a_hostile_record_gives_a_comparison_not_a_crash():
    """A record edited by hand (or by someone else) may hold answers of the wrong shape,
    questions that do not exist, tiers and dates that mean nothing, control characters: it
    is compared all the same, and what it says reaches the screen only through ``visible``."""
    import datetime as dt

    from aicharter.files.assessment import Reviewed
    from aicharter.sanitize import visible

    c, demo, system = _reviewed_demo()
    system.reviewed = Reviewed(
        on=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        checklist_version="\x1b]0;pwned\x07",
        timeline="nope",
        tier="zzz",
        roles=["x"],
        fria="q",
        obligations={"no_such_duty": "not a date", "keep_logs": "x"},
        answers={"annex3_areas": "employment", "infers": ["yes", "no"], "nosuch": "x"},
        organisation={"org_public_body": ["a"], "org_name": "\x1b[2J"},
    )
    comparison = since_review(c, demo, system, evaluate_all(c, demo)[system.id])
    assert comparison is not None and comparison.changed
    shown = visible("\n".join(comparison_lines(comparison)))
    assert "\x1b" not in shown and "\x07" not in shown and "␛]0;pwned␇" in shown
