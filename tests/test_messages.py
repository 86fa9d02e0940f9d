"""Nothing hangs, nothing explodes: pathological TOML ends fast with the clear error, a BOM is
accepted, and messages speak the user's language with the line they are about."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from aicharter.files import storage
from aicharter.problems import FileProblem, line_index
from aicharter.rules.validate import validate_file
from helpers import charter

HEAD = 'schema_version = 1\nchecklist = "coess_charter"\n'


DEEP = {
    "dotted-key": ".".join(["a"] * 20_000) + " = 1\n",  # a dotted key of 20,000 parts
    "table-header": "[" + ".".join(["a"] * 100_000) + "]\n",  # a header of 100,000 parts
    "array-header": "[[" + ".".join(["a"] * 20_000) + "]]\n",
    "inline-table": "x = { " + ".".join(["b"] * 20_000) + " = 1 }\n",
    "comment": '# """\n' + ".".join(["a"] * 20_000) + " = 1\n",  # a comment like a string
    "after-ml": "x = '''\n'''\n" + ".".join(["a"] * 20_000) + " = 1\n",
}
READ_DEEP = """
import json, sys, time
from aicharter.files import storage
from aicharter.problems import FileProblem
from aicharter.rules.validate import validate_file
for path in sys.argv[1:]:
    start = time.monotonic()
    try:
        storage.read(path)
        problem = None
    except FileProblem as error:
        problem = [error.line, error.message]
    checklist = [str(p) for p in validate_file(path)]  # the checklist reader too
    print(json.dumps([time.monotonic() - start, problem, checklist[:1]]))
"""


def test_pathological_keys_end_fast_with_the_clear_error(tmp_path: Path):
    """Before the pre-check, tomllib took minutes and gigabytes over each (a child process,
    so that a regression ends in a timeout, not in a stuck test run)."""
    paths = []
    for name, body in DEEP.items():
        paths.append(tmp_path / f"{name}.toml")
        paths[-1].write_text(HEAD + body, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", READ_DEEP, *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-1500:]
    for (name, body), line in zip(DEEP.items(), result.stdout.splitlines(), strict=True):
        took, (number, message), checklist = json.loads(line)
        assert took < 1, (name, took)
        assert number == (HEAD + body).count("\n") and "parts" in message, name
        assert len(message) < 700
        assert checklist and "parts" in checklist[0], name


def test_dots_in_strings_and_comments_are_not_a_deep_key(tmp_path: Path):
    dots = "." * 100
    path = tmp_path / "dots.toml"
    path.write_text(
        f'{HEAD}# {dots}\n[organisation]\nname = "{dots}"\ncountry = """\n{dots}\n"""\n',
        encoding="utf-8",
    )
    assert storage.read(path).organisation.name == dots


COUNTLESS = {
    "long-array": "team = [" + "1," * 300_000 + "]\n",  # a wrong value, 300,000 times
    "many-systems": '[[systems]]\nid = "a"\n' * 30_000,  # far more systems than anyone has
    "big-table": "[organisation.answers]\n" + "".join(f"q{i} = 1\n" for i in range(30_000)),
    "wrong-lists": '[[systems]]\nid = "a"\nname = "A"\n'
    + "".join(f"[systems.answers.q{i}]\nvalue = [{'1,' * 9_000}]\n" for i in range(40)),
}
READ_ALL = """
import sys
from aicharter.files import storage
from aicharter.problems import FileProblem
for path in sys.argv[1:]:
    try:
        storage.read(path)
    except FileProblem as problem:
        print(len(problem.message))
# the peak of this process since it started (ru_maxrss would also count the forked parent's)
status = open("/proc/self/status").read()
print(int(status.split("VmHWM:")[1].split()[0]) // 1024)
"""


def test_files_of_countless_wrong_entries_end_fast_and_small(tmp_path: Path):
    """Before: every wrong entry became an error, about 1.6 KB of memory each, so a 10 MB file
    took a minute and 8 GB. Now a list or table of more than 10,000 entries is refused before
    it is validated, and a list stops at its first wrong item."""
    paths = []
    for name, body in COUNTLESS.items():
        paths.append(tmp_path / f"{name}.toml")
        paths[-1].write_text(HEAD + body, encoding="utf-8")
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", READ_ALL, *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    took = time.monotonic() - start
    assert result.returncode == 0, result.stderr[-1500:]
    *lengths, peak_mb = map(int, result.stdout.split())
    assert len(lengths) == len(COUNTLESS) and max(lengths) < 700
    assert peak_mb < 200, peak_mb  # (before: 680 MB; now about 45)
    assert took < 10, took


def test_line_index_is_linear():
    text = "[" + ".".join(["a"] * 100_000) + "]\nb = 1\n"
    start = time.monotonic()
    index = line_index(text)
    assert time.monotonic() - start < 1
    assert index[(*["a"] * 100_000, "b")] == 2


def test_line_index_still_finds_every_table_of_a_real_file():
    text = (Path(__file__).parent.parent / "src/aicharter/data/demo.toml").read_text()
    index = line_index(text)
    assert index[("systems", 0)] == text.splitlines().index("[[systems]]") + 1
    assert index[("systems", 3, "answers", "activities", "value")] > index[("systems", 3)]
    assert index[("organisation", "answers", "org_sme", "value")] > 0


def test_a_long_key_is_quoted_short(tmp_path: Path):
    path = tmp_path / "long.toml"
    path.write_text(HEAD + "[organisation.answers." + "k" * 20_000_00 + "]\nvalue = 'x'\n")
    with pytest.raises(FileProblem) as raised:
        storage.read(path, charter())
    assert len(raised.value.message) < 800
    assert raised.value.line == 3


def test_a_utf8_bom_is_accepted(tmp_path: Path):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + (HEAD + '[organisation]\nname = "Org"\n').encode())
    assert storage.read(path, charter()).organisation.name == "Org"
    checklist = tmp_path / "c.toml"
    source = (Path(__file__).parent.parent / "checklists" / "coess-charter.toml").read_bytes()
    checklist.write_bytes(b"\xef\xbb\xbf" + source)
    assert validate_file(checklist) == []


@pytest.mark.parametrize(
    ("body", "says", "line"),
    [
        (
            '[[systems]]\nid = "a"\nname = "A"\n[systems.answers.infers]\nvalue = 3\n',
            "the answer to 'infers' of system 1 must be an option id, a list of them, or text",
            7,
        ),
        (
            '[[systems]]\nid = "Camera 1"\nname = "A"\n',
            "the id of system 1 may hold only lowercase letters, digits, '-' and '_'",
            4,
        ),
        (
            '[[systems]]\nid = "a"\nname = ""\n',
            "the name of system 1 must not be empty",
            5,
        ),
        (
            '[[systems]]\nid = "a"\nname = "A"\n[systems.steps.assess_risk]\nstatus = "finished"\n',
            "the status of 'assess_risk' in the steps of system 1 must be one of 'not_started', "
            "'in_progress', 'done' or 'not_applicable'",
            7,
        ),
        (
            '[[systems]]\nid = "a"\nname = "A"\n[systems.items.keep_logs]\ndue = "soon"\n',
            "the due date of 'keep_logs' in the plan items of system 1 must be a date (YYYY-MM-DD)",
            7,
        ),
        ("[[team]]\nname = 'Ann'\n", "the role of team member 1 is missing", 3),
        ("colour = 'blue'\n", "'colour' is not part of an assessment", 3),
        (
            '[[systems]]\nid = "a"\nname = "A"\n[[systems]]\nid = "a"\nname = "B"\n',
            "two AI systems share the id 'a'",
            None,
        ),
    ],
)
def test_messages_speak_the_users_language(tmp_path: Path, body: str, says: str, line: int):
    path = tmp_path / "a.toml"
    path.write_text(HEAD + body, encoding="utf-8")
    with pytest.raises(FileProblem) as raised:
        storage.read(path, charter())
    message = raised.value.message
    assert says in message, message
    assert "Input should" not in message and "valid string" not in message
    assert raised.value.line == line
