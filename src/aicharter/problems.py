"""Clear, one-paragraph messages for files that cannot be read, with the line at fault."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .sanitize import quote, visible

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
    for part in re.findall(r'"[^"]*"|\'[^\']*\'|[^.]+', dotted):
        part = part.strip()
        if part[:1] in "\"'":
            part = part[1:-1]
        keys.append(part)
    return keys


def line_index(text: str) -> dict[Loc, int]:
    """Map the path of every table and key in a TOML text to the line it starts on.

    Good enough to point a user at the right place: it follows ``[table]``, ``[[array]]`` and
    ``key = value`` lines, and skips multi-line strings and the insides of multi-line arrays.
    """
    index: dict[Loc, int] = {}
    counters: dict[Loc, int] = {}
    current: Loc = ()
    in_string = False

    def resolve(keys: Sequence[str]) -> Loc:
        path: Loc = ()
        for key in keys:
            path = (*path, key)
            if path in counters:
                path = (*path, counters[path])
        return path

    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if in_string:
            if stripped.count('"""') % 2 == 1:
                in_string = False
            continue
        if stripped.startswith("[[") and "]]" in stripped:
            keys = _split_keys(stripped[2 : stripped.index("]]")])
            parent = resolve(keys[:-1])
            path = (*parent, keys[-1])
            counters[path] = counters.get(path, -1) + 1
            current = (*path, counters[path])
            index.setdefault(current, number)
        elif stripped.startswith("[") and "]" in stripped:
            current = resolve(_split_keys(stripped[1 : stripped.index("]")]))
            index.setdefault(current, number)
        elif "=" in stripped and not stripped.startswith("#"):
            key = stripped.split("=", 1)[0].strip()
            if _KEY.fullmatch(key):
                index.setdefault((*current, *_split_keys(key)), number)
            if stripped.split("=", 1)[1].count('"""') % 2 == 1:
                in_string = True
    return index


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


def validation_problems(error: ValidationError, text: str) -> list[tuple[int | None, str]]:
    """Each pydantic error as (line, "field: message")."""
    index = line_index(text)
    out: list[tuple[int | None, str]] = []
    for item in error.errors(include_url=False):
        loc = tuple(
            p for p in item["loc"] if not (isinstance(p, str) and p.startswith("function-"))
        )
        field = format_loc(loc) or "(top level)"
        out.append((find_line(index, loc), f"{field}: {item['msg']}"))
    return out
