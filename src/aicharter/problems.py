"""Clear, one-paragraph messages for files that cannot be read, with the line at fault."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from aicharter.sanitize import quote, visible

_KEY = re.compile(r"[A-Za-z0-9_\-.\"' ]+")
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")

Loc = tuple[str | int, ...]


class FileProblem(Exception):
    """A file that cannot be used, explained in one paragraph: which file, where, what is wrong
    and what to do. Never shown as a traceback."""

    def __init__(self, path: Path | str, what: str, *, line: int | None = None, todo: str = ""):
        self.path = Path(path)
        self.line = line
        self.what = visible(what)
        self.todo = visible(todo)
        where = f"{visible(str(self.path))}, line {line}" if line else visible(str(self.path))
        text = f"{where}: {self.what}"
        if todo:
            text += f" {self.todo}"
        super().__init__(text)

    @property
    def message(self) -> str:
        return str(self)


def _split_keys(dotted: str) -> list[str]:
    keys: list[str] = []
    for part in re.findall(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'|[^.]+', dotted):
        part = part.strip()
        if part[:1] == '"':
            part = _basic_string(part)
        elif part[:1] == "'":
            part = part[1:-1]
        keys.append(part)
    return keys


def _basic_string(quoted: str) -> str:
    """A quoted TOML key as the parser reads it (escapes such as \\u001b decoded)."""
    if "\\" not in quoted:
        return quoted[1:-1]
    try:
        return str(tomllib.loads(f"k = {quoted}")["k"])
    except (tomllib.TOMLDecodeError, RecursionError):
        return quoted[1:-1]


class _Table:
    """A table met while indexing: its sub-tables, and for an array of tables the number of
    its last element (-1 for a plain table)."""

    __slots__ = ("children", "count")

    def __init__(self) -> None:
        self.children: dict[str | int, _Table] = {}
        self.count = -1


def line_index(text: str) -> dict[Loc, int]:
    """Map the path of every table and key in a TOML text to the line it starts on.

    Good enough to point a user at the right place: it follows ``[table]``, ``[[array]]`` and
    ``key = value`` lines, and skips multi-line strings and the insides of multi-line arrays.
    Linear in the size of the text, however deep its keys.
    """
    index: dict[Loc, int] = {}
    root = _Table()
    current: Loc = ()
    in_string = False

    def resolve(keys: Sequence[str]) -> tuple[list[str | int], _Table]:
        node = root
        path: list[str | int] = []
        for key in keys:
            node = node.children.setdefault(key, _Table())
            path.append(key)
            if node.count >= 0:  # an array of tables: its last element
                path.append(node.count)
                node = node.children.setdefault(node.count, _Table())
        return path, node

    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if in_string:
            if stripped.count('"""') % 2 == 1:
                in_string = False
            continue
        if stripped.startswith("[[") and "]]" in stripped:
            keys = _split_keys(stripped[2 : stripped.index("]]")])
            parent, node = resolve(keys[:-1])
            array = node.children.setdefault(keys[-1], _Table())
            array.count += 1
            array.children[array.count] = _Table()
            current = (*parent, keys[-1], array.count)
            index.setdefault(current, number)
        elif stripped.startswith("[") and "]" in stripped:
            current = tuple(resolve(_split_keys(stripped[1 : stripped.index("]")]))[0])
            index.setdefault(current, number)
        elif "=" in stripped and not stripped.startswith("#"):
            key = stripped.split("=", 1)[0].strip()
            if _KEY.fullmatch(key):
                index.setdefault((*current, *_split_keys(key)), number)
            if stripped.split("=", 1)[1].count('"""') % 2 == 1:
                in_string = True
    return index


MAX_KEY_PARTS = 64
"""The most dotted parts a line may hold: the deepest key of an aicharter file has five, and
the TOML parser slows down with the square of a key's parts."""
MAX_LINE_CHARS = 4 * 1024 * 1024

MAX_ENTRIES = 10_000
"""The most entries an array or a table may hold (systems, answers of a system, team members,
options...): far above any real file, and it keeps the cost of a wrong file's errors bounded."""

MAX_TABLES = 50 * MAX_ENTRIES
"""The most table headers a file may have (a system with every answer noted has about 150)."""
_HEADER = re.compile(r"^[ \t]*\[", re.M)
_ARRAY_HEADER = re.compile(r"^[ \t]*\[\[", re.M)
_TOKEN = re.compile(r"\"\"\"|'''|[\"'#\n]")
"""What changes the state of the scan: a string's or a comment's start, a line's end."""
_ENDS = {  # from just after the opening mark to just after its end (or the line's end)
    '"': re.compile(r'(?:[^"\\\n]++|\\.)*+(?:"|(?=\n)|\Z)'),
    "'": re.compile(r"[^'\n]*+(?:'|(?=\n)|\Z)"),
    '"""': re.compile(r'(?:[^"\\]++|\\.|"(?!""))*+(?:"""|\Z)', re.S),
    "'''": re.compile(r"(?:[^']++|'(?!''))*+(?:'''|\Z)", re.S),
    "#": re.compile(r"[^\n]*+"),
}


def check_shape(path: Path | str, text: str, todo: str) -> None:
    """Refuse, before parsing, a text the TOML parser would take minutes over: a key of
    thousands of dotted parts (outside strings and comments, which a tokenizer skips as TOML
    does), or a line of more than 4 MiB. Linear in the text."""
    lines = text.split("\n")
    for number, line in enumerate(lines, 1):
        if len(line) > MAX_LINE_CHARS:
            raise FileProblem(
                path,
                f"line {number} is longer than {MAX_LINE_CHARS // (1024 * 1024)} MiB, longer "
                "than any aicharter file needs.",
                line=number,
                todo=todo,
            )
    for header, most, what in (
        (_ARRAY_HEADER, MAX_ENTRIES, "array-of-tables headers ([[...]])"),
        (_HEADER, MAX_TABLES, "table headers"),
    ):
        count = sum(1 for _ in header.finditer(text))
        if count > most:
            raise FileProblem(
                path,
                f"the file has {count:,} {what}, more than the {most:,} aicharter accepts.",
                todo=todo,
            )
    if all(line.count(".") < MAX_KEY_PARTS for line in lines):
        return  # (the usual case, found fast: no line has that many dots even in its text)
    del lines
    number, dots, pos = 1, 0, 0
    while True:
        token = _TOKEN.search(text, pos)
        end = token.start() if token else len(text)
        dots += text.count(".", pos, end)
        if dots >= MAX_KEY_PARTS:
            raise FileProblem(
                path,
                f"line {number} holds a key of more than {MAX_KEY_PARTS} dotted parts; no "
                "aicharter file nests keys that deep.",
                line=number,
                todo=todo,
            )
        if token is None:
            return
        mark = token.group()
        if mark == "\n":
            number, dots, pos = number + 1, 0, token.end()
            continue
        skipped = _ENDS[mark].match(text, token.end())
        assert skipped is not None  # (each pattern matches the empty string)
        number += text.count("\n", token.end(), skipped.end())
        pos = skipped.end()


def check_entries(path: Path | str, raw: object, text: str, todo: str) -> None:
    """Refuse, before validating, an array or a table of more than :data:`MAX_ENTRIES`
    entries: a wrong value in each would give as many errors, gigabytes of them."""
    stack: list[tuple[Loc, object]] = [((), raw)]
    while stack:
        loc, node = stack.pop()
        entries: Iterable[tuple[str | int, object]]
        if isinstance(node, dict):
            entries = node.items()
        elif isinstance(node, list):
            entries = enumerate(node)
        else:
            continue
        if len(node) > MAX_ENTRIES:
            place = f"'{quote('.'.join(map(str, loc)), 80)}'" if loc else "the file"
            raise FileProblem(
                path,
                f"{place} holds {len(node):,} entries, more than the {MAX_ENTRIES:,} "
                "aicharter accepts in one list or table.",
                line=line_of(text, loc) if loc else None,
                todo=todo,
            )
        stack.extend(
            ((*loc, key), value) for key, value in entries if isinstance(value, (dict, list))
        )


def decode_text(path: Path | str, data: bytes, todo: str) -> str:
    """A file's bytes as text: UTF-8, with a byte-order mark at the start accepted."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise decode_problem(path, data, error, todo) from None
    return text.removeprefix("\ufeff")


def find_line(index: dict[Loc, int], loc: Sequence[str | int]) -> int | None:
    """The line of ``loc`` in a :func:`line_index`, or of its closest enclosing key or table."""
    for end in range(len(loc), 0, -1):
        found = index.get(tuple(loc[:end]))
        if found is not None:
            return found
    return None


def line_of(text: str, loc: Loc) -> int | None:
    """The line of the closest enclosing key or table of ``loc`` in a TOML text."""
    return find_line(line_index(text), loc)


def toml_problem(path: Path | str, error: tomllib.TOMLDecodeError, todo: str) -> FileProblem:
    text = str(error)
    match = _TOML_POSITION.search(text)
    line = int(match.group(1)) if match else None
    what = _TOML_POSITION.sub("", text).strip().rstrip(".")
    return FileProblem(path, f"this is not valid TOML ({what}).", line=line, todo=todo)


def decode_problem(
    path: Path | str, data: bytes, error: UnicodeDecodeError, todo: str
) -> FileProblem:
    line = data[: error.start].count(b"\n") + 1
    return FileProblem(path, "the file is not UTF-8 text.", line=line, todo=todo)


def format_loc(loc: Sequence[Any]) -> str:
    """A location in a file, for a message: each key visible and shortened."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + quote(str(part), 60)
    return out


_TYPE_TAG = re.compile(r"^(str|int|float|bool|list\[.*\]|dict\[.*\]|tuple\[.*\]|function-.*)$")
"""The parts pydantic adds to a location to name the branch of a union it tried."""

_FIELD_WORDS = {
    "due": "the due date",
    "id": "the id",
    "name": "the name",
    "role": "the role",
    "status": "the status",
    "value": "the value",
}
_SECTION_WORDS = {"steps": "the steps", "items": "the plan items", "fria": "the FRIA worksheet"}

_WHAT = {
    "missing": "is missing",
    "extra_forbidden": "is not part of {kind}",
    "string_type": "must be text",
    "string_too_short": "must not be empty",
    "list_type": "must be a list",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "dict_type": "must be a table",
    "model_type": "must be a table",
    "date_type": "must be a date (YYYY-MM-DD)",
    "date_parsing": "must be a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "must be a date (YYYY-MM-DD)",
    "datetime_type": "must be a date and time (YYYY-MM-DD HH:MM:SS+00:00)",
    "datetime_parsing": "must be a date and time (YYYY-MM-DD HH:MM:SS+00:00)",
    "datetime_from_date_parsing": "must be a date and time (YYYY-MM-DD HH:MM:SS+00:00)",
}
_PATTERNS = {
    "^[a-z0-9][a-z0-9_-]*$": "may hold only lowercase letters, digits, '-' and '_', "
    "starting with a letter or a digit",
    "^[a-z][a-z0-9_]*$": "may hold only lowercase letters, digits and '_', starting with a letter",
}


def _where(loc: Sequence[str | int]) -> str:
    """A location in an assessment, in words: "the answer to 'infers' of system 1"."""
    parts = list(loc)
    if parts[:1] == ["systems"] and len(parts) >= 2 and isinstance(parts[1], int):
        owner = f"system {parts[1] + 1}"
        rest = parts[2:]
    elif parts[:1] == ["team"] and len(parts) >= 2 and isinstance(parts[1], int):
        owner = f"team member {parts[1] + 1}"
        rest = parts[2:]
    elif parts[:1] == ["organisation"]:
        owner, rest = "the organisation", parts[1:]
    else:
        return f"'{format_loc(parts)}'" if parts else "the file"
    if not rest:
        return owner
    if rest[0] == "answers" and len(rest) >= 2:
        whose = "the organisation's answer" if owner == "the organisation" else "the answer"
        field = "" if rest[2:] in ([], ["value"]) else f" ({format_loc(rest[2:])})"
        suffix = "" if owner == "the organisation" else f" of {owner}"
        return f"{whose} to '{quote(str(rest[1]), 60)}'{field}{suffix}"
    if rest[0] in _SECTION_WORDS and len(rest) >= 2:
        field = (
            _FIELD_WORDS.get(str(rest[2]), f"'{format_loc(rest[2:])}'")
            if len(rest) >= 3
            else "the entry"
        )
        return f"{field} of '{quote(str(rest[1]), 60)}' in {_SECTION_WORDS[rest[0]]} of {owner}"
    if len(rest) == 1 and isinstance(rest[0], str):
        return f"{_FIELD_WORDS.get(rest[0], repr(quote(rest[0], 60)))} of {owner}"
    return f"'{format_loc(rest)}' of {owner}"


def _what(item: ErrorDetails, kind: str) -> str:
    kind_of_error = item["type"]
    ctx = item.get("ctx") or {}
    if kind_of_error == "literal_error":
        return f"must be one of {ctx.get('expected', 'the listed values')}"
    if kind_of_error == "string_pattern_mismatch":
        return _PATTERNS.get(str(ctx.get("pattern")), "has a form that is not allowed")
    if kind_of_error == "value_error":
        return str(item["msg"]).removeprefix("Value error, ")
    template = _WHAT.get(kind_of_error)
    if template is None:
        return str(item["msg"]).rstrip(".").lower()
    return template.format(kind=kind)


def validation_problems(
    error: ValidationError, text: str, kind: str = "an assessment", limit: int | None = None
) -> list[tuple[int | None, str]]:
    """Each pydantic error (the first ``limit`` of them) as (line, message in the user's words),
    e.g. "the answer to 'infers' of system 1 must be an option id, a list of them, or text".
    The errors pydantic gives for each branch of a union are one message."""
    index = line_index(text)
    out: list[tuple[int | None, str]] = []
    seen: dict[tuple[str | int, ...], int] = {}
    for item in error.errors(include_url=False):
        if limit is not None and len(out) >= limit:
            break
        raw = tuple(item["loc"])
        loc = tuple(p for p in raw if not (isinstance(p, str) and _TYPE_TAG.match(p)))
        if loc != raw:  # a union: an answer is one option, a list of them, or text
            if loc in seen:
                continue
            seen[loc] = len(out)
            message = f"{_where(loc)} must be an option id, a list of them, or text"
        elif item["type"] == "value_error" and not loc:
            message = _what(item, kind)
        elif item["type"] == "extra_forbidden" and len(loc) == 1:
            message = f"'{quote(str(loc[0]), 60)}' is not part of {kind}"
        else:
            message = f"{_where(loc)} {_what(item, kind)}"
        out.append((find_line(index, loc) if loc else None, message))
    return out
