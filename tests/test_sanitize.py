"""A file from someone else must not drive your terminal: every path that shows user or file
text (summary, reports, validate, error messages, the TUI) shows control characters visibly and
never passes them on; JSON escapes them."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from aicharter import cli
from aicharter.files import storage
from aicharter.files.assessment import AISystem, Answer, Assessment, Task, TeamMember
from aicharter.sanitize import json_text, quote, restore, visible
from aicharter.session import Session
from helpers import charter, complete, open_seeded

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""What must never reach a terminal (tab and line feed are fine)."""

OSC52 = "\x1b]52;c;aGVsbG8=\x07"  # writes the clipboard
OSC8 = "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\"  # plants a link
CLEAR = "\x1b[2J\x1b[H"  # clears the screen
C1 = "\x9b31m\x9d0;title\x9c"  # CSI and OSC as C1 controls
BIDI = "\u202egnp.exe"
HOSTILE = f"A{OSC52}B{OSC8}C{CLEAR}D{C1}E{BIDI}"


def hostile_assessment() -> Assessment:
    full, org = complete({"infers": "yes", "scope_exclusion": "none", "activities": ("use",)})
    answers = {k: Answer(value=list(v) if isinstance(v, tuple) else v) for k, v in full.items()}
    answers["personal_data"].note = HOSTILE
    answers["personal_data"].evidence = HOSTILE
    answers["v_purpose"] = Answer(value=HOSTILE)
    system = AISystem(
        id="cam",
        name="Cam " + HOSTILE,
        vendor=HOSTILE,
        description=HOSTILE,
        intended_purpose=HOSTILE,
        answers=answers,
        steps={"identify_systems": Task(notes=HOSTILE, evidence=HOSTILE, owner=HOSTILE)},
        items={"ai_literacy": Task(notes=HOSTILE, evidence=HOSTILE)},
        fria={"fr_processes": HOSTILE},
    )
    return Assessment(
        organisation={
            "name": "Org " + HOSTILE,
            "country": HOSTILE,
            "answers": {k: {"value": v} for k, v in org.items()},
        },
        team=[TeamMember(name="Ann " + HOSTILE, role="dpo", contact=HOSTILE)],
        steps={"governance_team": Task(notes=HOSTILE, evidence=HOSTILE)},
        systems=[system],
    )


@pytest.fixture
def hostile_file(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.toml"
    storage.write(path, hostile_assessment())
    return path


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The command line, in this process (a child per call cost a second each): what it
    prints to stdout and stderr, and its exit status."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(list(args))
        except SystemExit as stop:
            code = int(stop.code or 0)
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())


def test_visible_shows_every_control_and_keeps_line_breaks():
    shown = visible(HOSTILE + "\nnext\r\nline\ttab\rCR")
    assert not RAW.search(shown)
    assert "␛]52;c;aGVsbG8=␇" in shown
    assert "<U+009B>31m" in shown and "<U+202E>gnp.exe" in shown
    assert "\nnext\nline\ttab␍CR" in shown
    assert visible("plain text, ünïcödé, 中文") == "plain text, ünïcödé, 中文"


def test_quote_is_visible_and_short():
    quoted = quote("\x1b" + "k" * 20_000)
    assert quoted.startswith("␛k") and len(quoted) == 200 and quoted.endswith("…")


def test_json_escapes_c1_and_bidi_controls():
    text = json_text({"name": HOSTILE})
    assert not RAW.search(text)
    assert json.loads(text) == {"name": HOSTILE}  # nothing lost


def test_summary_text_and_json_are_inert(hostile_file: Path):
    text = run("summary", str(hostile_file))
    assert text.returncode == 0, text.stderr
    assert not RAW.search(text.stdout)
    assert "Cam A␛]52;c;aGVsbG8=␇B" in text.stdout
    data = run("summary", str(hostile_file), "--json")
    assert data.returncode == 0 and not RAW.search(data.stdout)
    assert json.loads(data.stdout)["systems"][0]["name"] == "Cam " + HOSTILE


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_reports_are_inert(hostile_file: Path, fmt: str):
    result = run("report", str(hostile_file), "--format", fmt, "-o", "-")
    assert result.returncode == 0, result.stderr
    assert not RAW.search(result.stdout)
    if fmt == "md":
        assert "␛" in result.stdout and "\\<U\\+009B\\>" in result.stdout
    if fmt == "html":  # the stand-in is text, not an unknown tag the browser hides
        assert "␛" in result.stdout and "&lt;U+009B&gt;" in result.stdout
        assert "<U+" not in result.stdout
    written = run("report", str(hostile_file), "--format", fmt)
    assert written.returncode == 0 and not RAW.search(written.stdout)
    report = Path(written.stdout.strip().splitlines()[-1])
    assert not RAW.search(report.read_text(encoding="utf-8"))


def test_error_messages_are_inert(tmp_path: Path):
    """A hostile TOML key, and a hostile file name, in the one-paragraph error on stderr."""
    path = tmp_path / f"bad{CLEAR}.toml"
    key = json.dumps(OSC52 + "x" * 5000)  # a TOML basic string, controls escaped
    path.write_text(
        f'schema_version = 1\n[organisation]\nname = "x"\n[organisation.answers.{key}]\n'
        'value = "yes"\n',
        encoding="utf-8",
    )
    result = run("summary", str(path))
    assert result.returncode == 2
    assert not RAW.search(result.stderr)
    assert "␛]52;c;" in result.stderr and "␛[2J" in result.stderr
    assert len(result.stderr) < 1200  # the 5000-character key is not repeated in full


def test_validate_output_is_inert(tmp_path: Path):
    source = (Path(__file__).parent.parent / "checklists" / "coess-charter.toml").read_text(
        encoding="utf-8"
    )
    path = tmp_path / "c.toml"
    path.write_text(
        source.replace(
            'when = { answer = "p_manipulation", is = "yes" }',
            f'when = {{ answer = {json.dumps(OSC8)}, is = "yes" }}',
            1,
        ),
        encoding="utf-8",
    )
    result = run("validate", str(path))
    assert result.returncode == 1
    assert not RAW.search(result.stdout + result.stderr)
    assert "␛]8;;https://evil.example" in result.stdout


def test_the_checklist_is_read_as_a_hostile_file_too():
    """The bundled checklist's own text passes unchanged: visible() is the identity on it."""
    c = charter()
    for q in c.questions:
        assert visible(q.text) == q.text and visible(q.help) == q.help


def test_names_that_are_not_utf8_and_stray_arguments_are_inert(tmp_path: Path):
    """A byte of a file name that is not UTF-8 (0x9b: a C1 CSI) goes back out as that raw byte
    unless it is shown visibly; argparse repeats stray arguments (a shell glob over hostile
    names). Bytes are checked, under a strict UTF-8 output as on a desktop."""
    folder = tmp_path / os.fsdecode(b"v\x9b2J")
    folder.mkdir()
    path = folder / os.fsdecode(b"ok\x9b2J.toml")
    storage.write(path, hostile_assessment())
    (folder / "x.toml").write_text("not = [valid", encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"}
    for args in (
        ["report", str(path), "--format", "md", "-o", "-"],
        ["summary", str(path)],
        ["validate", str(folder / "x.toml")],
        [str(path), "\x1b]0;PWN\x07"],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "aicharter", *args], capture_output=True, timeout=60, env=env
        )
        out = result.stdout + result.stderr
        assert b"Traceback" not in out, out[-800:]
        text = out.decode("utf-8")  # (also proves it is valid UTF-8: no raw byte)
        assert not RAW.search(text), (args[0], RAW.search(text))


def test_editing_keeps_the_control_characters_the_text_came_with():
    """A box shows ``visible(text)``; what is saved after an edit puts the original characters
    back, so a right-to-left mark stays a mark instead of becoming the text ``<U+200F>``."""
    original = "\u0645\u0631\u0643\u0632\u200f A\x1b[2J"
    shown = visible(original)
    assert "<U+200F>" in shown and "␛" in shown
    assert restore(shown + " more", original) == original + " more"
    assert restore("typed <U+200F> ␛", "plain") == "typed <U+200F> ␛"  # nothing to put back


async def test_editing_a_form_or_a_text_answer_keeps_a_right_to_left_mark(tmp_path: Path):
    from aicharter.tui.app import AICharterApp
    from aicharter.tui.screens.dialogs import FormScreen

    name = "\u0645\u0631\u0643\u0632\u200f"
    path = tmp_path / "a.toml"
    session = Session.open(path, charter())
    sid = session.add_system("Cam").id
    session.set_answer(sid, "v_purpose", name)
    session.update_system(sid, "Cam", name, "", "")
    app = AICharterApp(path, today=dt.date(2026, 12, 4))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_seeded(pilot, "v_purpose")
        await pilot.press("end", "x")
        await pilot.press("escape", "d")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#f-vendor").value += "y"
        await pilot.press("ctrl+s")
        await pilot.pause()
    system = storage.read(path).systems[0]
    assert system.answers["v_purpose"].value == name + "x"
    assert system.vendor == name + "y"
