"""The parsed copy kept beside the user's cache: used only for the same bytes, and harmless
when missing, damaged, foreign or stale."""

from __future__ import annotations

import json
import os
import stat
import time
import tomllib
from pathlib import Path

import pytest

from aicharter.files import parsed_cache, storage
from aicharter.problems import FileProblem
from aicharter.session import Session
from helpers import charter
from test_storage import TRICKY, sample


def written(tmp_path: Path, note: str = "note") -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "a.toml"
    storage.write(path, sample(note))
    return path


def test_a_read_keeps_a_copy_and_the_next_read_uses_it(tmp_path: Path, monkeypatch):
    path = written(tmp_path)
    first = storage.read(path, charter())
    entry = parsed_cache.entry_path(path)
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    assert stat.S_IMODE(entry.parent.stat().st_mode) == 0o700

    def no_parser(*args, **kwargs):
        raise AssertionError("the TOML parser ran")

    monkeypatch.setattr(storage.tomllib, "loads", no_parser)
    assert storage.read(path, charter()) == first


@pytest.mark.parametrize("text", TRICKY)
def test_the_copy_equals_a_fresh_parse(tmp_path: Path, text: str):
    path = written(tmp_path, text)
    data = path.read_bytes()
    parsed_cache.put(path, data, storage.loads(data, path, charter()))
    assert parsed_cache.get(path, data) == (storage.loads(data, path, charter()), False)


def test_changed_bytes_are_parsed_again(tmp_path: Path):
    path = written(tmp_path)
    storage.read(path, charter())
    text = path.read_text().replace('name = "Org"', 'name = "Other org"')
    path.write_text(text)
    assert storage.read(path, charter()).organisation.name == "Other org"


@pytest.mark.parametrize(
    "damage",
    [
        lambda e: e.write_bytes(b""),
        lambda e: e.write_bytes(e.read_bytes()[:-40]),
        lambda e: e.write_bytes(b"\xff\xfe garbage"),
        lambda e: e.write_bytes(e.read_bytes().replace(b'"Org"', b"42")),
        lambda e: e.write_text(e.read_text().replace('"model": "', '"model": "0/', 1)),
        lambda e: e.chmod(0o666),
        lambda e: (e.unlink(), e.mkdir()),
    ],
    ids=["empty", "truncated", "garbage", "invalid", "other-version", "writable", "folder"],
)
def test_a_damaged_or_foreign_copy_is_ignored(tmp_path: Path, damage):
    path = written(tmp_path)
    expected = storage.read(path, charter())
    damage(parsed_cache.entry_path(path))
    assert parsed_cache.get(path, path.read_bytes()) is None
    assert storage.read(path, charter()) == expected


def test_a_copy_with_a_lying_digest_is_not_enough_to_fool_it(tmp_path: Path):
    """Even a well-formed entry is only used for the bytes it was made from."""
    path = written(tmp_path)
    storage.read(path, charter())
    entry = parsed_cache.entry_path(path)
    mac, head, body = entry.read_bytes().split(b"\n", 2)
    fields = json.loads(head)
    fields["digest"] = parsed_cache.digest(b"something else")
    entry.write_bytes(mac + b"\n" + json.dumps(fields).encode() + b"\n" + body)
    entry.chmod(0o600)
    assert parsed_cache.get(path, path.read_bytes()) is None


def test_a_checklist_problem_still_gets_its_line(tmp_path: Path):
    """A copy that the checklist refuses falls back to the parser, for the message's line."""
    path = written(tmp_path)
    storage.read(path, charter())
    kept = parsed_cache.get(path, path.read_bytes())
    assert kept is not None
    assessment, _ = kept
    assessment.systems[0].answers["infers"].value = "perhaps"
    parsed_cache.put(path, path.read_bytes(), assessment)
    text = path.read_text().replace('value = "yes"', 'value = "perhaps"', 1)
    path.write_text(text)
    with pytest.raises(FileProblem, match="perhaps") as raised:
        storage.read(path, charter())
    assert raised.value.line is not None


def test_an_unwritable_cache_changes_nothing(tmp_path: Path, monkeypatch):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be")
    monkeypatch.setenv("AICHARTER_CACHE_DIR", str(blocked))
    path = written(tmp_path)
    assert storage.read(path, charter()) == storage.read(path, charter())


def test_closing_a_session_keeps_the_saved_version(tmp_path: Path, monkeypatch):
    path = written(tmp_path)
    session = Session.open(path, charter())
    session.set_answer("cam-1", "personal_data", "yes")
    session.keep_parsed_copy()
    monkeypatch.setattr(storage.tomllib, "loads", lambda *a, **k: pytest.fail("parsed"))
    again = storage.read(path, charter())
    assert again == session.assessment
    assert again.systems[0].answers["personal_data"].value == "yes"


def test_no_copy_of_a_version_that_is_not_on_disk(tmp_path: Path):
    path = written(tmp_path)
    session = Session.open(path, charter())
    session.save_soon = lambda: None  # a change waiting to be written
    session.set_answer("cam-1", "personal_data", "yes")
    parsed_cache.entry_path(path).unlink()
    session.keep_parsed_copy()
    assert not parsed_cache.entry_path(path).exists()
    os.utime(path, ns=(0, 0))  # and one that another program changed
    session.flush()
    session.keep_parsed_copy()
    assert not parsed_cache.entry_path(path).exists()


def test_no_copy_after_a_save_that_failed_in_an_unexpected_way(tmp_path: Path, monkeypatch):
    """The copy is of what was written, not of what is in memory: a save that raised (not the
    usual OSError) must not leave the unsaved change to be shown as the file's content."""
    path = written(tmp_path)
    session = Session.open(path, charter())
    session.add_system("Gate")  # saved
    names = [s.name for s in session.assessment.systems]

    def broken(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr(storage, "_write_atomic", broken)
    with pytest.raises(ValueError):
        session.add_system("Drone")
    monkeypatch.undo()
    session.keep_parsed_copy()
    assert [s.name for s in storage.read(path, charter()).systems] == names


# -- parsing system by system, and reusing each system's text -------------------------------


@pytest.mark.parametrize("text", TRICKY)
def test_parsing_by_system_gives_the_whole_file_parse(tmp_path: Path, text: str):
    path = written(tmp_path, text)
    source = path.read_text(encoding="utf-8")
    parsed = storage._parse_by_system(source)
    assert parsed is not None
    raw, blocks = parsed
    assert raw == tomllib.loads(source)
    head, _ = storage.split_systems(source)
    assert "\n".join([head, *blocks]) == source
    assert len(blocks) == len(sample().systems)


def test_a_file_that_does_not_split_cleanly_is_parsed_whole(tmp_path: Path):
    source = storage.dumps(sample()).decode()
    inline = source.replace("[organisation]", "systems = []\n[organisation]", 1)
    assert storage._parse_by_system(inline) is None  # (and the whole parse refuses it)
    path = tmp_path / "crlf.toml"
    path.write_bytes(source.replace("\n", "\r\n").encode())
    assessment, blocks, _ = storage.read_file(path, charter())
    assert blocks is None and assessment == sample()


def test_a_string_that_hides_a_header_is_not_split_there():
    source = (
        "schema_version = 1\n"
        'checklist = "coess_charter"\n'
        "[organisation]\n"
        'name = """first line\n[[systems]]\nid = "ghost"\nname = "not a system"\n"""\n'
        "\n[[systems]]\n"
        'id = "real"\n'
        'name = "Real"\n'
    )
    assert storage._parse_by_system(source) is None
    assessment = storage.loads(source.encode(), "x.toml", charter())
    assert [s.id for s in assessment.systems] == ["real"]
    assert "ghost" in assessment.organisation.name


def test_first_save_writes_only_the_changed_system_and_keeps_the_others_text(
    tmp_path: Path, monkeypatch
):
    path = written(tmp_path)
    # a hand edit in the second system: a comment and an odd spacing
    text = path.read_text().replace(
        '[[systems]]\nid = "cam-2"', '[[systems]]\n# checked by Ann\nid   =   "cam-2"'
    )
    path.write_text(text)
    calls: list[str] = []
    real = storage._system_table

    def spy(system):
        calls.append(system.id)
        return real(system)

    for _ in range(2):  # the first opening parses the TOML, the second uses the copy
        session = Session.open(path, charter())
        calls.clear()
        with monkeypatch.context() as patch:
            patch.setattr(storage, "_system_table", spy)
            session.set_answer("cam-1", "personal_data", "yes")
        assert calls == ["cam-1"]  # one [[systems]] table written again, not both
        saved = path.read_text()
        assert '# checked by Ann\nid   =   "cam-2"' in saved
        again = storage.read(path, charter())
        assert again == session.assessment
        session.clear_answer("cam-1", "personal_data")
        session.keep_parsed_copy()


def test_only_the_copies_of_the_files_used_last_are_kept(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(parsed_cache, "KEEP", 3)
    paths = [tmp_path / f"a{i}.toml" for i in range(4)]
    for path in paths:
        storage.write(path, sample())
    long_ago = time.time_ns() - 100 * 10**9
    for i, path in enumerate(paths[:3]):
        storage.read(path, charter())
        stamp = long_ago + i * 10**9
        os.utime(parsed_cache.entry_path(path), ns=(stamp, stamp))
    storage.read(paths[0], charter())  # a copy used again becomes the newest
    storage.read(paths[3], charter())  # a fourth copy: the least recently used one goes
    kept = [p.name for p in paths if parsed_cache.entry_path(p).exists()]
    assert kept == ["a0.toml", "a2.toml", "a3.toml"]


# -- the copy cannot change the guidance ----------------------------------------------------------


def prohibited_file(tmp_path: Path) -> Path:
    """A file whose system is prohibited (untargeted face scraping, Art. 5(1)(e))."""
    from aicharter.files.assessment import AISystem, Answer, Assessment
    from helpers import complete

    full, org = complete(
        {
            "infers": "yes",
            "scope_exclusion": "none",
            "activities": ("use",),
            "p_face_scraping": "yes",
        }
    )
    answers = {k: Answer(value=list(v) if isinstance(v, tuple) else v) for k, v in full.items()}
    assessment = Assessment(
        organisation={"answers": {k: {"value": v} for k, v in org.items()}},
        systems=[AISystem(id="scraper", name="Scraper", answers=answers)],
    )
    path = tmp_path / "scraper.toml"
    storage.write(path, assessment)
    return path


def tier(path: Path) -> str:
    return Session.open(path, charter()).outcome("scraper").tier


def forged_body(path: Path) -> bytes:
    """The entry's body with the system turned into 'not an AI system'."""
    data = json.loads(parsed_cache.entry_path(path).read_bytes().split(b"\n", 2)[2])
    data["systems"][0]["answers"]["infers"]["value"] = "no"
    return json.dumps(data).encode()


def test_a_tampered_entry_gives_the_files_true_verdict(tmp_path: Path):
    path = prohibited_file(tmp_path)
    assert tier(path) == "prohibited"  # (and the copy is kept)
    entry = parsed_cache.entry_path(path)
    mac, head, _ = entry.read_bytes().split(b"\n", 2)
    entry.write_bytes(mac + b"\n" + head + b"\n" + forged_body(path))
    assert tier(path) == "prohibited"


def test_a_planted_entry_gives_the_files_true_verdict(tmp_path: Path):
    """Someone writes a well-formed entry for the file's bytes, without the user's key."""
    path = prohibited_file(tmp_path)
    tier(path)
    entry = parsed_cache.entry_path(path)
    head = json.dumps(
        {
            "model": parsed_cache._model_version(),
            "digest": parsed_cache.digest(path.read_bytes()),
            "by_system": False,
        }
    ).encode()
    body = forged_body(path)
    wrong_key = parsed_cache._mac(b"k" * 32, entry, head, body).encode()
    entry.write_bytes(wrong_key + b"\n" + head + b"\n" + body)
    assert tier(path) == "prohibited"


def test_a_symlinked_entry_gives_the_files_true_verdict(tmp_path: Path):
    """An entry that is a link to a valid entry (made for other content) is not followed."""
    path = prohibited_file(tmp_path)
    tier(path)
    entry = parsed_cache.entry_path(path)
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_bytes(entry.read_bytes())
    elsewhere.chmod(0o600)
    entry.unlink()
    entry.symlink_to(elsewhere)
    assert parsed_cache.get(path, path.read_bytes()) is None
    assert tier(path) == "prohibited"


def test_pruning_never_deletes_outside_a_private_cache(tmp_path: Path, monkeypatch):
    """A cache folder that is a link, or that others can write, is neither used nor pruned."""
    victims = tmp_path / "victims"
    victims.mkdir(mode=0o700)
    for i in range(parsed_cache.KEEP + 5):
        (victims / f"precious-{i}.json").write_text("{}")
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    (cache / "parsed").symlink_to(victims)
    monkeypatch.setenv("AICHARTER_CACHE_DIR", str(cache))
    for i in range(3):
        path = written(tmp_path / f"f{i}")
        storage.read(path, charter())
    assert len(list(victims.iterdir())) == parsed_cache.KEEP + 5
    (cache / "parsed").unlink()
    (cache / "parsed").mkdir(mode=0o777)
    os.chmod(cache / "parsed", 0o777)  # group- and world-writable: not trusted
    path = written(tmp_path / "g")
    storage.read(path, charter())
    assert list((cache / "parsed").iterdir()) == []
