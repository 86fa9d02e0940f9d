"""Hostile files: whatever the bytes, loading gives a clean assessment or the one-paragraph
error, never a traceback, and never touches the file. The same for checklists."""

from __future__ import annotations

import tomllib
from pathlib import Path

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aicharter.files import storage
from aicharter.files.paths import default_checklist, demo_assessment
from aicharter.problems import FileProblem
from aicharter.rules.validate import validate_file
from helpers import charter

DEMO = demo_assessment().read_bytes()
CHECKLIST = default_checklist().read_bytes()
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def load_safely(tmp: Path, data: bytes) -> None:
    path = tmp / "x.toml"
    path.write_bytes(data)
    try:
        storage.read(path, charter())
    except FileProblem as problem:
        assert str(path) in problem.message
        assert "\n" not in problem.message.strip()
    assert path.read_bytes() == data  # never modified


@SETTINGS
@given(st.binary(max_size=2000))
def test_random_bytes(tmp_path_factory, data):
    load_safely(tmp_path_factory.mktemp("b"), data)


@SETTINGS
@given(st.integers(min_value=0, max_value=len(DEMO)))
def test_truncated(tmp_path_factory, cut):
    load_safely(tmp_path_factory.mktemp("t"), DEMO[:cut])


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, len(DEMO) - 1), st.integers(0, 255)), max_size=8))
def test_mutated(tmp_path_factory, changes):
    data = bytearray(DEMO)
    for position, value in changes:
        data[position] = value
    load_safely(tmp_path_factory.mktemp("m"), bytes(data))


toml_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=30)
    | st.dates(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


def _drop_none(value):
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_none(v) for v in value if v is not None]
    return value


@SETTINGS
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "schema_version",
                "checklist",
                "organisation",
                "systems",
                "team",
                "steps",
                "timeline",
                "created",
                "unknown",
            ]
        ),
        toml_values,
        max_size=6,
    )
)
def test_wrong_types_and_unknown_keys(tmp_path_factory, document):
    data = tomli_w.dumps(_drop_none(document)).encode()
    load_safely(tmp_path_factory.mktemp("w"), data)


def test_deep_nesting_huge_strings_duplicates_unknown_answers(tmp_path):
    load_safely(tmp_path, b"schema_version = 1\nx = " + b"[" * 5000 + b"]" * 5000 + b"\n")
    load_safely(
        tmp_path, b'schema_version = 1\n[organisation]\nname = "' + b"x" * 5_000_000 + b'"\n'
    )
    duplicate = DEMO.replace(b'id = "web-chatbot"', b'id = "alarm-triage"')
    load_safely(tmp_path, duplicate)
    unknown = DEMO.replace(b"[systems.answers.infers]", b"[systems.answers.no_such]", 1)
    load_safely(tmp_path, unknown)
    with_key = DEMO.replace(b'name = "Northgate', b'colour = "red"\nname = "Northgate', 1)
    load_safely(tmp_path, with_key)


def check_checklist(tmp: Path, data: bytes) -> None:
    path = tmp / "c.toml"
    path.write_bytes(data)
    problems = validate_file(path)
    assert isinstance(problems, list)
    assert path.read_bytes() == data


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=len(CHECKLIST)))
def test_truncated_checklists(tmp_path_factory, cut):
    check_checklist(tmp_path_factory.mktemp("c"), CHECKLIST[:cut])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(CHECKLIST) - 1), st.integers(32, 126)), max_size=4))
def test_mutated_checklists(tmp_path_factory, changes):
    data = bytearray(CHECKLIST)
    for position, value in changes:
        data[position] = value
    check_checklist(tmp_path_factory.mktemp("c"), bytes(data))


def test_deep_checklist(tmp_path):
    check_checklist(tmp_path, b"x = " + b"[" * 5000 + b"]" * 5000)


SNIPPETS = [
    "[[systems]]",
    "\n[[systems]]\n",
    '"""',
    "'''",
    "\n[organisation]\n",
    "\n[systems.answers.x]\n",
    "\nsystems = []\n",
    '\nid = "dup"\n',
    "\\",
    "\n",
    "#",
]


@SETTINGS
@given(
    st.lists(
        st.tuples(st.integers(0, len(DEMO)), st.sampled_from(SNIPPETS) | st.text(max_size=3)),
        min_size=1,
        max_size=4,
    )
)
def test_parsing_by_system_never_differs_from_the_whole_file(edits):
    """When the file is parsed one [[systems]] table at a time, the result is exactly the
    whole-file parse; whenever the two could differ, the piecewise parse declines."""
    text = DEMO.decode()
    for position, snippet in sorted(edits, reverse=True):
        text = text[:position] + snippet + text[position:]
    parsed = storage._parse_by_system(text)
    if parsed is None:
        return
    raw, blocks = parsed
    assert raw == tomllib.loads(text)  # (raises if the whole file is not valid TOML)
    head, _ = storage.split_systems(text)
    assert "\n".join([head, *blocks]) == text
