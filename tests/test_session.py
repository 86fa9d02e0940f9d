"""The session: every change saved at once; stale answers kept, never silently used."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest

from aicharter.files import storage
from aicharter.problems import FileProblem
from aicharter.session import EVERYTHING, ORGANISATION, Change, Session
from helpers import charter, demo_copy


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
    assert session.cycle_status(ORGANISATION, "steps", "governance_team") == "in_progress"
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

    from aicharter.outputs.summary import summary_data
    from aicharter.rules.evaluate import evaluate_all

    checklist = charter()
    session = Session.open(tmp_path / "a.toml", checklist)
    ids = [session.add_system(f"S{i}").id for i in range(4)]
    session.set_combined(ids[0], [ids[1], ids[2]])
    rng = random.Random(7)
    questions = [q for q in checklist.questions if q.kind != "text"]
    for _ in range(150):
        q = rng.choice(questions)
        scope = checklist.section_map[q.section].scope
        target = ORGANISATION if scope == "organisation" else rng.choice(ids)
        options = [o.id for o in q.all_options]
        value = (rng.choice(options),) if q.kind == "multi" else rng.choice(options)
        session.set_answer(target, q.id, value)
        fresh = evaluate_all(checklist, session.assessment)
        assert summary_data(checklist, session.assessment, session.outcomes) == summary_data(
            checklist, session.assessment, fresh
        )
    assert session.path.read_bytes() == storage.dumps(session.assessment)


def test_an_edit_that_keeps_size_and_time_is_still_seen(tmp_path: Path):
    """The external-change check compares the bytes too, not only size and time."""
    session = open_new(tmp_path)
    sid = session.add_system("Cam").id
    path = session.path
    info = path.stat()
    text = path.read_text()
    forged = text.replace('name = "Cam"', 'name = "Cat"')
    assert len(forged) == len(text)
    path.write_text(forged)
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))  # the time put back
    assert not session.set_answer(sid, "infers", "yes")
    assert session.state.conflict
    assert storage.read(path).systems[0].name == "Cat"  # theirs untouched


def test_keep_mine_keeps_theirs_as_a_named_copy(tmp_path: Path):
    """Not only in .bak, which the next save overwrites."""
    session = open_new(tmp_path)
    sid = session.add_system("Cam").id
    other = Session.open(session.path, charter())
    other.set_answer(sid, "infers", "no")
    assert not session.set_answer(sid, "infers", "yes")
    assert session.keep_mine()
    copies = sorted(tmp_path.glob(f"{session.path.stem}.theirs-*.toml"))
    assert len(copies) == 1 and session.kept_theirs == copies[0]
    assert re.fullmatch(r".+\.theirs-\d{8}-\d{6}\.toml", copies[0].name)
    assert stat.S_IMODE(copies[0].stat().st_mode) == 0o600
    assert storage.read(copies[0]).systems[0].answers["infers"].value == "no"
    session.set_answer(sid, "personal_data", "no")  # a later save keeps the copy
    assert storage.read(copies[0]).systems[0].answers["infers"].value == "no"


def test_save_as_writes_another_file_and_continues_there(tmp_path: Path):
    session = open_new(tmp_path)
    sid = session.add_system("Cam").id
    target = tmp_path / "elsewhere.toml"
    assert session.save_as(target)
    assert session.path == target and storage.read(target).systems[0].id == sid
    session.set_answer(sid, "infers", "yes")
    assert storage.read(target).systems[0].answers["infers"].value == "yes"
    with pytest.raises(FileProblem, match="already exists"):  # never over an existing file
        session.save_as(tmp_path / "elsewhere.toml")
    assert session.path == target


def test_rescue_writes_what_is_in_memory_when_the_file_cannot_be_saved(tmp_path: Path, monkeypatch):
    """The last resort when the app must stop (SIGTERM) and the save fails."""
    session = open_new(tmp_path)
    sid = session.add_system("Cam").id

    def full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage, "_write_atomic", full)  # that disk is full
    assert not session.set_answer(sid, "infers", "yes")
    copy = session.rescue(tmp_path / "rescued")
    assert copy.parent == tmp_path / "rescued" and copy.name.startswith("a.rescued-")
    assert stat.S_IMODE(copy.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert storage.read(copy).systems[0].answers["infers"].value == "yes"
    assert session.rescue(tmp_path / "rescued") != copy  # never written over


def test_every_change_is_announced_with_its_scope(tmp_path: Path):
    """The TUI redraws on these announcements (no call site reports its own change), and
    only the outcomes a change can alter are evaluated again."""
    session = open_new(tmp_path)
    heard: list[Change] = []
    session.on_change = heard.append
    system = session.add_system("Camera")
    session.set_answer(system.id, "infers", "yes")
    session.set_answer(ORGANISATION, "org_sme", "no")
    session.set_note(system.id, "infers", "from the datasheet", "")
    session.update_system(system.id, "Camera 2", "", "", "")
    session.add_member("Ann", "management", "")
    session.cycle_status(ORGANISATION, "steps", "governance_team")
    session.delete_system(system.id)
    assert [(c.scope, c.outcomes) for c in heard] == [
        (EVERYTHING, True),
        (system.id, True),
        (ORGANISATION, True),
        (system.id, False),
        (system.id, False),
        (ORGANISATION, False),
        (ORGANISATION, False),
        (EVERYTHING, True),
    ]
    assert [c.what for c in heard] == [
        "adding the system “Camera”",
        "the answer to “Infers outputs”",
        "the answer to “SME”",
        "the note on the answer to “Infers outputs”",
        "the details of “Camera 2”",
        "adding Ann to the team",
        "a checklist step",
        "deleting “Camera 2”",
    ]


def test_a_new_file_in_a_missing_folder_is_explained_plainly(tmp_path: Path):
    """The message names the folder once and says what to do; it does not talk about a
    previous version or free space (there is neither)."""
    missing = tmp_path / "clients" / "northgate"
    with pytest.raises(FileProblem) as caught:
        Session.open(missing / "assessment.toml", charter())
    message = caught.value.message
    assert message.count(str(missing)) == 1 and "does not exist" in message
    assert "previous version" not in message and "space" not in message
    assert not missing.exists()


def watch_list(tmp_path: Path) -> tuple[Session, str]:
    """A private retail watch list matched in real time: high-risk (Annex III 1(a))."""
    from helpers import WATCH_LIST, complete

    session = open_new(tmp_path)
    sid = session.add_system("Watch list").id
    answers, org = complete(
        {
            "infers": "yes",
            "scope_exclusion": "none",
            "activities": ("use",),
            **WATCH_LIST,
        }
    )
    for qid, value in org.items():
        session.set_answer(ORGANISATION, qid, value)
    for qid, value in answers.items():
        session.set_answer(sid, qid, value)
    return session, sid


def test_a_change_that_moves_a_verdict_says_so(tmp_path: Path):
    """One n on "does it process biometric data" turns the watch list from high-risk into a
    minimal-risk system: the change announces "Tier: High-risk → Minimal risk"."""
    session, sid = watch_list(tmp_path)
    assert session.outcome(sid).tier == "high"
    heard: list[Change] = []
    session.on_change = heard.append
    session.set_answer(sid, "bio_uses", "no")
    assert session.outcome(sid).tier == "minimal"
    shifts = heard[-1].shifts
    assert [s.text() for s in shifts if s.aspect == "Tier"] == ["Tier: High-risk → Minimal risk"]
    assert {s.system for s in shifts} == {"Watch list"}
    heard.clear()
    session.set_note(sid, "bio_uses", "checked with the vendor", "")
    assert heard[-1].shifts == ()


def test_undo_and_redo_every_kind_of_change(tmp_path: Path):
    """ctrl+z goes back one change, saved at once; ctrl+y makes it again; a new change after
    an undo forgets what could be redone."""
    session, sid = watch_list(tmp_path)
    session.set_answer(sid, "bio_uses", "no")
    change = session.undo()
    assert change is not None and change.what == "the answer to “Biometric data”"
    assert change.undone == "undo"
    assert session.answer(sid, "bio_uses").value == "yes"
    assert session.outcome(sid).tier == "high"
    assert storage.read(session.path).systems[0].answers["bio_uses"].value == "yes"
    redone = session.redo()
    assert redone is not None and redone.undone == "redo"
    assert session.outcome(sid).tier == "minimal"
    assert storage.read(session.path).systems[0].answers["bio_uses"].value == "no"

    session.delete_system(sid)
    assert session.assessment.systems == []
    session.undo()
    assert [s.id for s in session.assessment.systems] == [sid]
    assert storage.read(session.path).systems[0].answers["bio_uses"].value == "no"

    session.add_member("Ana", "compliance", "")
    session.clear_answer(sid, "bio_uses")
    session.undo()
    assert session.answer(sid, "bio_uses").value == "no"
    session.undo()
    assert session.assessment.team == []
    assert session.can_redo
    session.set_organisation("Northgate", "BE")  # a new change: nothing left to redo
    assert not session.can_redo and session.redo() is None


def test_typing_in_one_box_is_undone_as_one_change(tmp_path: Path):
    session = open_new(tmp_path)
    sid = session.add_system("X").id
    session.set_answer(sid, "v_purpose", "Fewer")
    session.set_answer(sid, "v_purpose", "Fewer false")
    session.set_answer(sid, "v_purpose", "Fewer false alarms")
    session.undo()
    assert session.answer(sid, "v_purpose") is None
    assert [s.name for s in session.assessment.systems] == ["X"]
    session.undo()
    assert session.assessment.systems == []
    assert not session.can_undo and session.undo() is None


def test_undoing_an_organisation_answer_reports_every_verdict_it_moves(tmp_path: Path):
    """An organisation answer is read by every system: undoing it moves their verdicts back,
    and the undo says so (here the FRIA: Art. 27(1) binds public bodies)."""
    session, sid = watch_list(tmp_path)
    before = session.outcome(sid).fria
    session.set_answer(ORGANISATION, "org_public_body", "yes")
    after = session.outcome(sid).fria
    assert before != after
    heard: list[Change] = []
    session.on_change = heard.append
    session.undo()
    assert session.outcome(sid).fria == before
    assert [s.aspect for s in heard[-1].shifts] == ["FRIA"]


def test_reaching_a_first_verdict_is_not_announced_as_a_change(tmp_path: Path):
    """Undetermined → deployer is the walk-through's progress, not a change of verdict."""
    session = open_new(tmp_path)
    sid = session.add_system("X").id
    heard: list[Change] = []
    session.on_change = heard.append
    for qid, value in (("infers", "yes"), ("personal_data", "yes")):
        session.set_answer(sid, qid, value)
    session.set_answer(sid, "scope_exclusion", "none")
    session.set_answer(sid, "activities", ("use",))
    assert session.outcome(sid).role == "deployer"
    assert all(c.shifts == () for c in heard)


def test_an_answer_whose_question_is_only_undetermined_for_a_moment_is_not_set_aside(
    tmp_path: Path,
):
    """Saying the watch list generates content opens a question on its use for intimate
    images (Art. 5(1)(ba)); until it is answered the tier is undetermined and later questions
    cannot tell whether they show. Their answers stay as they are: once the open question is
    answered, the verdict is back with nothing to confirm."""

    session = Session.open(demo_copy(tmp_path), charter())
    sid = "retail-watchlist"
    session.set_answer(sid, "t_generates", "yes")
    assert session.outcome(sid).tier == "undetermined"
    assert not any(a.stale for a in session.assessment.system(sid).answers.values())
    session.set_answer(sid, "p_intimate_use", "no")
    out = session.outcome(sid)
    assert out.tier == "high" and out.to_confirm == [] and out.stale == []
