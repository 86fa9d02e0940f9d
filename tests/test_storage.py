"""The assessment file: exact round-trips, atomic saves with a backup, owner-only files, and
clear errors that leave a bad file untouched."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest

from aicharter.files import storage
from aicharter.files.assessment import AISystem, Answer, Assessment, Task, TeamMember
from aicharter.files.paths import demo_assessment
from aicharter.problems import FileProblem
from helpers import charter

TRICKY = [
    "plain",
    'quotes " and \' and """ triple',
    "back\\slash and \\n literal",
    "line one\nline two\n\nline four",
    "windows\r\nline end",
    "tab\tand unicode: é ü ß 中文 🚨 \u200b zero-width",
    "[x] looks like markup [/] and [@click=app.quit]",
    "ends with newline\n",
    "  leading and trailing spaces  ",
    "control \x01 char",
    "x" * 20_000,
]


def sample(note: str = "note") -> Assessment:
    system = AISystem(
        id="cam-1",
        name="Camera analytics",
        vendor="Vendor",
        answers={
            "infers": Answer(value="yes", note=note, evidence="Contract §4"),
            "annex3_areas": Answer(value=["employment", "education"]),
        },
        steps={"assess_risk": Task(status="in_progress", owner="Ann", due=dt.date(2027, 1, 5))},
        items={"keep_logs": Task(status="done", notes=note)},
    )
    return Assessment(
        organisation={"name": "Org", "answers": {"org_public_body": Answer(value="no")}},
        team=[TeamMember(name="Ann", role="dpo", contact="ann@example.org")],
        systems=[system, AISystem(id="cam-2", name=note or "n")],
    )


@pytest.mark.parametrize("text", TRICKY)
def test_round_trip_is_exact(tmp_path: Path, text: str):
    path = tmp_path / "a.toml"
    original = sample(text)
    storage.write(path, original)
    first = path.read_bytes()
    loaded = storage.read(path, charter())
    assert loaded == original
    assert loaded.systems[0].answers["infers"].note == text
    storage.write(path, loaded)
    assert path.read_bytes() == first


def test_file_is_stable_and_sorted():
    data = storage.dumps(sample()).decode()
    assert data.startswith("schema_version = 1\n")
    assert data.index("[systems.answers.annex3_areas]") < data.index("[systems.answers.infers]")
    assert storage.dumps(sample()) == storage.dumps(sample())


def test_new_file_is_owner_only_and_backup_kept(tmp_path: Path):
    path = tmp_path / "a.toml"
    storage.write(path, sample("first"))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not storage.backup_path(path).exists()
    storage.write(path, sample("second"))
    backup = storage.backup_path(path)
    assert storage.read(backup).systems[0].answers["infers"].note == "first"
    assert storage.read(path).systems[0].answers["infers"].note == "second"
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.toml", "a.toml.bak"]


def test_existing_mode_is_kept(tmp_path: Path):
    path = tmp_path / "a.toml"
    storage.write(path, sample())
    path.chmod(0o640)
    storage.write(path, sample("again"))
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_failed_replace_leaves_previous_file_and_no_temp(tmp_path: Path, monkeypatch):
    path = tmp_path / "a.toml"
    storage.write(path, sample("kept"))
    before = path.read_bytes()
    real_replace = os.replace

    def failing_replace(src, dst):
        if Path(dst) == path:
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(storage.os, "replace", failing_replace)
    with pytest.raises(FileProblem) as error:
        storage.write(path, sample("lost"))
    assert "No space left on device" in error.value.message
    assert "previous version" in error.value.message
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.toml", "a.toml.bak"]


def test_read_only_folder_gives_clear_error(tmp_path: Path, monkeypatch):
    """Simulated, since the tests may run as root, who can write anywhere."""
    path = tmp_path / "a.toml"
    storage.write(path, sample())
    before = path.read_bytes()
    real_open = os.open

    def refuse(file, flags, mode=0o777):
        if flags & os.O_CREAT:
            raise PermissionError(13, "Permission denied")
        return real_open(file, flags, mode)

    monkeypatch.setattr(storage.os, "open", refuse)
    with pytest.raises(FileProblem, match=r"could not be saved \(Permission denied\)"):
        storage.write(path, sample("x"))
    assert path.read_bytes() == before


def test_folder_or_symlink_in_the_way(tmp_path: Path):
    (tmp_path / "dir.toml").mkdir()
    with pytest.raises(FileProblem, match="folder"):
        storage.write(tmp_path / "dir.toml", sample())
    target = tmp_path / "elsewhere.toml"
    storage.write(target, sample())
    link = tmp_path / "link.toml"
    link.symlink_to(target)
    with pytest.raises(FileProblem, match="symbolic link"):
        storage.write(link, sample("x"))
    assert link.is_symlink()


def _bad(tmp_path: Path, text: str | bytes) -> tuple[Path, FileProblem, bytes]:
    path = tmp_path / "bad.toml"
    data = text.encode() if isinstance(text, str) else text
    path.write_bytes(data)
    with pytest.raises(FileProblem) as error:
        storage.read(path, charter())
    assert path.read_bytes() == data  # untouched
    return path, error.value, data


def test_corrupt_toml_names_file_and_line(tmp_path: Path):
    path, problem, _ = _bad(
        tmp_path, 'schema_version = 1\n\n[organisation]\nname = "unterminated\n'
    )
    assert problem.line == 4
    assert str(path) in problem.message and "line 4" in problem.message
    assert "not valid TOML" in problem.message
    assert "Traceback" not in problem.message


def test_not_utf8(tmp_path: Path):
    _, problem, _ = _bad(tmp_path, b'schema_version = 1\nx = "\xff"\n')
    assert problem.line == 2 and "UTF-8" in problem.message


def test_newer_version_is_refused(tmp_path: Path):
    _, problem, _ = _bad(tmp_path, "schema_version = 7\n")
    assert "newer aicharter" in problem.message and "Upgrade" in problem.message
    assert problem.line == 1


def test_missing_version(tmp_path: Path):
    _, problem, _ = _bad(tmp_path, 'title = "something else"\n')
    assert "no schema_version" in problem.message


def test_schema_error_names_field_and_line(tmp_path: Path):
    text = storage.dumps(sample()).decode().replace('status = "in_progress"', 'status = "finished"')
    _, problem, _ = _bad(tmp_path, text)
    assert "the status of 'assess_risk' in the steps of system 1 must be one of" in problem.message
    assert problem.line == text.splitlines().index('status = "finished"') + 1


def test_unknown_question_and_option_are_refused(tmp_path: Path):
    text = storage.dumps(sample()).decode()
    _, problem, _ = _bad(tmp_path, text.replace("answers.infers]", "answers.no_such_question]"))
    assert "'no_such_question' is not a system question" in problem.message
    _, problem, _ = _bad(tmp_path, text.replace('value = "yes"', 'value = "perhaps"'))
    assert "'perhaps' is not an option of 'infers'" in problem.message
    assert problem.line is not None


def test_duplicate_system_ids_and_dangling_links(tmp_path: Path):
    text = storage.dumps(sample()).decode()
    _, problem, _ = _bad(tmp_path, text.replace('id = "cam-2"', 'id = "cam-1"'))
    assert "share the id 'cam-1'" in problem.message
    broken = text.replace('id = "cam-1"\n', 'id = "cam-1"\ncombined_with = ["ghost"]\n', 1)
    _, problem, _ = _bad(tmp_path, broken)
    assert "'ghost'" in problem.message


def test_missing_file_and_folder(tmp_path: Path):
    with pytest.raises(FileProblem, match="no such file"):
        storage.read(tmp_path / "nope.toml")
    with pytest.raises(FileProblem, match="folder"):
        storage.read(tmp_path)


def test_demo_loads_and_round_trips():
    data = demo_assessment().read_bytes()
    assessment = storage.loads(data, demo_assessment(), charter())
    assert len(assessment.systems) >= 5
    assert storage.dumps(assessment) == data


def test_every_system_is_its_own_table_however_small():
    """tomli_w's public API would write a small system inline (`systems = [{ id = ... }]`);
    the file keeps one `[[systems]]` table per system, with its sub-tables under it."""
    assessment = Assessment(checklist="coess_charter")
    tiny = AISystem(id="a", name="A")
    tiny.items["keep_logs"] = Task(status="done")
    assessment.systems += [tiny, AISystem(id="b", name="B")]
    text = storage.dumps(assessment).decode()
    assert text.count("[[systems]]") == 2 and "[systems.items.keep_logs]" in text
    assert "systems = [" not in text
    assert storage.loads(text.encode()) == assessment


def test_the_bak_file_is_offered_only_where_there_is_one(tmp_path: Path):
    """Issue 12: an HTML report opened by mistake is not told to restore a .bak file; a broken
    assessment that has one is."""
    report = tmp_path / "assessment-report.html"
    report.write_text("<!DOCTYPE html><html><body>report</body></html>", encoding="utf-8")
    with pytest.raises(FileProblem) as caught:
        storage.read(report)
    assert ".bak" not in caught.value.message and ".toml" in caught.value.message
    broken = tmp_path / "a.toml"
    storage.write(broken, Assessment(checklist="coess_charter"))
    storage.write(broken, Assessment(checklist="coess_charter"))  # (a .bak beside it now)
    broken.write_text("schema_version = [", encoding="utf-8")
    with pytest.raises(FileProblem) as caught:
        storage.read(broken)
    assert ".bak file beside it" in caught.value.message
