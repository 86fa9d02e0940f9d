"""The session: every change saved at once; stale answers kept, never silently used."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from aicharter import storage
from aicharter.problems import FileProblem
from aicharter.session import Session
from helpers import charter


def open_new(tmp_path: Path) -> Session:
    return Session.open(tmp_path / "a.toml", charter())


def test_new_file_is_created_and_every_answer_saved(tmp_path: Path):
    session = open_new(tmp_path)
    assert session.path.exists()
    system = session.add_system("Alarm triage")
    assert system.id == "alarm-triage"
    session.set_answer(system.id, "infers", "yes")
    on_disk = storage.read(session.path, charter())
    assert on_disk.systems[0].answers["infers"].value == "yes"
    assert session.state.saved


def test_branch_hidden_then_restored_needs_confirmation(tmp_path: Path):
    session = open_new(tmp_path)
    sid = session.add_system("Crime tool").id
    session.set_answer(sid, "infers", "yes")
    session.set_answer(sid, "scope_exclusion", "none")
    session.set_answer(sid, "p_crime_risk", "yes")
    session.set_answer(sid, "p_crime_solely_profiling", "yes")
    assert session.outcome(sid).tier == "prohibited"
    session.set_answer(sid, "p_crime_risk", "no")  # hides the follow-up
    out = session.outcome(sid)
    assert "p_crime_solely_profiling" in out.stale
    assert out.tier != "prohibited"
    assert storage.read(session.path).systems[0].answers["p_crime_solely_profiling"].stale
    session.set_answer(sid, "p_crime_risk", "yes")  # the branch comes back
    out = session.outcome(sid)
    assert out.to_confirm == ["p_crime_solely_profiling"]
    assert "p_crime_solely_profiling" in out.unanswered
    assert out.tier == "undetermined"  # not silently used
    session.confirm(sid, "p_crime_solely_profiling")
    assert session.outcome(sid).tier == "prohibited"
    assert not storage.read(session.path).systems[0].answers["p_crime_solely_profiling"].stale


def test_save_failure_keeps_the_change_and_retries(tmp_path: Path, monkeypatch):
    session = open_new(tmp_path)
    sid = session.add_system("X").id
    real = os.replace

    def full(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage.os, "replace", full)
    assert session.set_answer(sid, "infers", "no") is False
    assert not session.state.saved and "No space left" in session.state.problem
    assert session.answer(sid, "infers").value == "no"  # nothing typed is lost
    monkeypatch.setattr(storage.os, "replace", real)
    assert session.save()
    assert storage.read(session.path).systems[0].answers["infers"].value == "no"


def test_systems_add_duplicate_delete(tmp_path: Path):
    session = open_new(tmp_path)
    a = session.add_system("Drone")
    b = session.add_system("Drone")
    assert (a.id, b.id) == ("drone", "drone-2")
    session.set_answer(a.id, "infers", "yes")
    session.set_combined(a.id, [b.id])
    copy = session.duplicate_system(a.id)
    assert copy.answers["infers"].value == "yes" and copy.combined_with == []
    session.delete_system(b.id)
    assert [s.id for s in session.assessment.systems] == ["drone", copy.id]
    assert session.assessment.system("drone").combined_with == []


def test_tasks_cycle_and_persist(tmp_path: Path):
    session = open_new(tmp_path)
    sid = session.add_system("X").id
    assert session.cycle_status(sid, "items", "keep_logs") == "in_progress"
    assert session.cycle_status(None, "steps", "governance_team") == "in_progress"
    saved = storage.read(session.path)
    assert saved.systems[0].items["keep_logs"].status == "in_progress"
    assert saved.steps["governance_team"].status == "in_progress"


def test_note_without_answer_round_trips(tmp_path: Path):
    session = open_new(tmp_path)
    sid = session.add_system("X").id
    session.set_note(sid, "infers", "ask vendor [x] a [/] b", "mail of 3 May")
    loaded = storage.read(session.path, charter())
    assert loaded.systems[0].answers["infers"].note == "ask vendor [x] a [/] b"
    assert "infers" in Session.open(session.path, charter()).outcome(sid).unanswered


def test_opening_a_bad_file_raises_and_leaves_it(tmp_path: Path):
    bad = tmp_path / "bad.toml"
    bad.write_text("schema_version = 5\n")
    with pytest.raises(FileProblem):
        Session.open(bad, charter())
    assert bad.read_text() == "schema_version = 5\n"


def test_two_windows_never_overwrite_each_other(tmp_path: Path):
    path = tmp_path / "a.toml"
    first = Session.open(path, charter())
    sid = first.add_system("Cam").id
    second = Session.open(path, charter())  # another window on the same file
    assert second.set_answer(sid, "infers", "yes")
    assert first.set_answer(sid, "infers", "no") is False  # stale: refused
    assert first.state.conflict and "changed on disk" in first.state.problem
    assert storage.read(path).systems[0].answers["infers"].value == "yes"
    assert first.keep_mine()  # the user chooses to keep theirs: the other goes to .bak
    assert storage.read(path).systems[0].answers["infers"].value == "no"
    assert storage.read(storage.backup_path(path)).systems[0].answers["infers"].value == "yes"
    assert second.set_answer(sid, "personal_data", "yes") is False
    second.reload()  # ... or reload what is on disk
    assert second.answer(sid, "infers").value == "no"
    assert second.set_answer(sid, "personal_data", "yes")


def test_change_by_another_program_is_detected(tmp_path: Path):
    path = tmp_path / "a.toml"
    session = Session.open(path, charter())
    text = path.read_text().replace('name = ""', 'name = "Edited elsewhere"')
    path.write_text(text if "Edited" in text else text + "\n")
    assert session.add_system("X") and not session.state.saved
    assert session.state.conflict
    assert "X" not in path.read_text()


def test_backup_is_owner_only_even_for_a_shared_file(tmp_path: Path):
    path = tmp_path / "a.toml"
    session = Session.open(path, charter())
    path.chmod(0o644)
    session.stamp = storage.stamp(path)
    session.add_system("X")
    assert oct(storage.backup_path(path).stat().st_mode & 0o777) == "0o600"
    assert oct(path.stat().st_mode & 0o777) == "0o644"


def test_incremental_outcomes_and_cached_text_match_a_full_recomputation(tmp_path: Path):
    import random

    from aicharter.assess import evaluate_all
    from aicharter.summary import summary_data

    checklist = charter()
    session = Session.open(tmp_path / "a.toml", checklist)
    ids = [session.add_system(f"S{i}").id for i in range(4)]
    session.set_combined(ids[0], [ids[1], ids[2]])
    rng = random.Random(7)
    questions = [q for q in checklist.questions if q.kind != "text"]
    for _ in range(150):
        q = rng.choice(questions)
        scope = checklist.section_map[q.section].scope
        target = None if scope == "organisation" else rng.choice(ids)
        options = [o.id for o in q.all_options]
        value = (rng.choice(options),) if q.kind == "multi" else rng.choice(options)
        session.set_answer(target, q.id, value)
        fresh = evaluate_all(checklist, session.assessment)
        assert summary_data(checklist, session.assessment, session.outcomes) == summary_data(
            checklist, session.assessment, fresh
        )
    assert session.path.read_bytes() == storage.dumps(session.assessment)
