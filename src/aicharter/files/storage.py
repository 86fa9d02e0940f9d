"""Reading and writing assessment files (TOML), safely.

Writes are atomic: the new text goes to a temporary file in the same folder, is flushed and
fsynced, and replaces the file with ``os.replace``; the previous version is kept as
``FILE.bak``. New files are created owner-only (0600). A file that cannot be read is never
written over: loading fails with one clear paragraph (:class:`~aicharter.problems.FileProblem`).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
import tomllib
from datetime import datetime
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import ValidationError

from aicharter.content.checklist import Checklist
from aicharter.files import parsed_cache
from aicharter.files.assessment import SCHEMA_VERSION, AISystem, Assessment
from aicharter.files.fileio import PRIVATE_FILE, read_regular, remove_orphans, write_atomic
from aicharter.files.migrate import migrate
from aicharter.problems import (
    FileProblem,
    check_entries,
    check_shape,
    decode_text,
    line_of,
    toml_problem,
    validation_problems,
)
from aicharter.sanitize import quote

UNCHANGED = "The file has not been changed."


def _broken_todo(path: Path | str) -> str:
    """What to do about a file that cannot be read as an assessment: the .bak file is named
    only where there is one (an HTML report or another file opened by mistake has none)."""
    if backup_path(Path(path)).is_file():
        return (
            "Fix it in a text editor, or restore the previous version from the .bak file "
            "beside it. " + UNCHANGED
        )
    return (
        "Open the .toml file of an assessment (aicharter's reports are .html, .md or .json), "
        "or fix this one in a text editor. " + UNCHANGED
    )


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


# -- reading -----------------------------------------------------------------------------------


SYSTEM_HEADER = "\n[[systems]]\n"


def split_systems(text: str) -> tuple[str, list[str]]:
    """The text before the first ``[[systems]]`` table and each system's table, split where a
    line is exactly ``[[systems]]``; ``"\\n".join([head, *blocks]) == text``."""
    head, *rest = text.split(SYSTEM_HEADER)
    return head, ["[[systems]]\n" + part for part in rest]


def _parse_by_system(text: str) -> tuple[dict[str, Any], list[str]] | None:
    """Parse the file one ``[[systems]]`` table at a time, keeping each one's text so that a
    save can reuse it while the system is unchanged. None unless every piece parses on its own
    into exactly what it is in the whole file: a head without systems, then one system per
    piece (a split inside a multi-line string leaves that string unclosed, so it fails)."""
    head, blocks = split_systems(text)
    try:
        raw = tomllib.loads(head)
        if "systems" in raw:
            return None
        systems = []
        for block in blocks:
            part = tomllib.loads(block)
            if list(part) != ["systems"] or len(part["systems"]) != 1:
                return None
            systems.append(part["systems"][0])
    except tomllib.TOMLDecodeError:
        return None
    if systems:
        raw["systems"] = systems
    return raw, blocks


def loads(
    data: bytes, path: Path | str = "<assessment>", checklist: Checklist | None = None
) -> Assessment:
    """Parse an assessment file's bytes; raise :class:`FileProblem` on any defect."""
    return _loads(data, path, checklist)[0]


def _loads(
    data: bytes, path: Path | str, checklist: Checklist | None
) -> tuple[Assessment, list[str] | None]:
    """The assessment, and each system's text when the file could be parsed system by system."""
    todo = _broken_todo(path)
    text = decode_text(path, data, todo)
    check_shape(path, text, todo)
    blocks = None
    try:
        parsed = _parse_by_system(text)
        if parsed is None:
            raw = tomllib.loads(text)  # the whole file at once, for the exact error and line
        else:
            raw, blocks = parsed
    except tomllib.TOMLDecodeError as error:
        raise toml_problem(path, error, todo) from None
    except RecursionError:
        raise FileProblem(
            path,
            "the file nests tables or lists too deeply to be an assessment.",
            todo=_broken_todo(path),
        ) from None
    check_entries(path, raw, text, todo)
    _check_version(path, raw, text)
    try:
        assessment = Assessment.model_validate(raw)
    except RecursionError:
        raise FileProblem(
            path, "the file nests values too deeply to be an assessment.", todo=_broken_todo(path)
        ) from None
    except ValidationError as error:
        problems = validation_problems(error, text, limit=2)
        line, first = problems[0]
        more = " (There are more problems after this one.)" if len(problems) > 1 else ""
        raise FileProblem(
            path, f"this is not a valid assessment: {first}.{more}", line=line, todo=todo
        ) from None
    if checklist is not None:
        if migrate(assessment, checklist):
            blocks = None  # the file's text no longer matches the answers: write it anew
        check_answers(assessment, checklist, path, text)
    return assessment, blocks


def _check_version(path: Path | str, raw: dict[str, Any], text: str) -> None:
    version = raw.get("schema_version")
    line = line_of(text, ("schema_version",))
    if version is None:
        raise FileProblem(
            path,
            "this is not an aicharter assessment: it has no schema_version.",
            todo="Open an assessment file written by aicharter. " + UNCHANGED,
        )
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise FileProblem(
            path,
            f"schema_version must be a whole number, not {quote(repr(version))}.",
            line=line,
            todo=_broken_todo(path),
        )
    if version > SCHEMA_VERSION:
        raise FileProblem(
            path,
            f"this file was written by a newer aicharter (file format {version}); this version "
            f"reads format {SCHEMA_VERSION} and older.",
            line=line,
            todo="Upgrade aicharter to open it. " + UNCHANGED,
        )


def check_answers(
    assessment: Assessment, checklist: Checklist, path: Path | str, text: str
) -> None:
    """Every answer must belong to a question of the checklist and use its options."""
    if assessment.checklist != checklist.meta.id:
        raise FileProblem(
            path,
            f"the answers belong to checklist '{quote(assessment.checklist)}', not "
            f"'{checklist.meta.id}'.",
            line=line_of(text, ("checklist",)),
            todo="Open it with the checklist it was made for. " + UNCHANGED,
        )
    if assessment.timeline is not None and assessment.timeline not in checklist.timeline_map:
        known = ", ".join(checklist.timeline_map)
        raise FileProblem(
            path,
            f"timeline '{quote(assessment.timeline)}' is unknown (known: {known}).",
            line=line_of(text, ("timeline",)),
            todo=_broken_todo(path),
        )
    scopes: list[tuple[tuple[str | int, ...], dict[str, Any], str]] = [
        (("organisation", "answers"), dict(assessment.organisation.answers), "organisation")
    ]
    for i, system in enumerate(assessment.systems):
        scopes.append((("systems", i, "answers"), dict(system.answers), "system"))
    fria_ids = {item.id for item in checklist.fria_elements}
    for i, system in enumerate(assessment.systems):
        for element in system.fria:
            if element not in fria_ids:
                raise FileProblem(
                    path,
                    f"'{quote(element)}' is not an element of the FRIA worksheet "
                    f"(elements: {', '.join(sorted(fria_ids))}).",
                    line=line_of(text, ("systems", i, "fria", element)),
                    todo=_broken_todo(path),
                )
    questions = checklist.question_map
    for loc, answers, scope in scopes:
        for qid, answer in answers.items():
            question = questions.get(qid)
            where = (*loc, qid)
            if question is None and answer.stale and qid in checklist.retired_questions:
                continue  # an earlier version's answer that could not be carried: kept
            if question is None or checklist.question_scopes[qid] != scope:
                raise FileProblem(
                    path,
                    f"'{quote(qid)}' is not a{'n' if scope == 'organisation' else ''} {scope} "
                    "question of "
                    f"checklist '{checklist.meta.id}' {checklist.meta.version}.",
                    line=line_of(text, where),
                    todo=_broken_todo(path),
                )
            value = answer.value
            if question.kind == "text":
                if not isinstance(value, str):
                    raise FileProblem(
                        path,
                        f"the answer to '{qid}' must be text.",
                        line=line_of(text, (*where, "value")),
                        todo=_broken_todo(path),
                    )
                continue
            if value == "":
                continue  # a note or evidence kept without an answer yet
            chosen = value if isinstance(value, list) else [value]
            if question.kind != "multi" and isinstance(value, list):
                raise FileProblem(
                    path,
                    f"'{qid}' takes one option, not a list.",
                    line=line_of(text, (*where, "value")),
                    todo=_broken_todo(path),
                )
            bad = [c for c in chosen if c not in question.option_ids]
            if bad:
                allowed = ", ".join(sorted(question.option_ids))
                raise FileProblem(
                    path,
                    f"'{quote(bad[0])}' is not an option of '{qid}' (options: {allowed}).",
                    line=line_of(text, (*where, "value")),
                    todo=_broken_todo(path),
                )


def read(path: Path | str, checklist: Checklist | None = None) -> Assessment:
    """Load an assessment file; raise :class:`FileProblem` if it cannot be used.

    A file read before with exactly these bytes comes from :mod:`.parsed_cache`."""
    return read_file(path, checklist)[0]


def read_file(
    path: Path | str, checklist: Checklist | None = None
) -> tuple[Assessment, list[str] | None, Stamp]:
    """:func:`read`, each system's text in the file (see :meth:`DumpCache.prime`) when it
    could be parsed system by system, and the version of the file that was read."""
    path = Path(path)
    data, info = read_regular(path)
    version = stamp_of(info, data)
    assessment, blocks = _read_bytes(path, data, checklist)
    return assessment, blocks, version


def _read_bytes(
    path: Path, data: bytes, checklist: Checklist | None
) -> tuple[Assessment, list[str] | None]:
    kept = parsed_cache.get(path, data)
    if kept is not None:
        assessment, by_system = kept
        try:
            if checklist is not None:
                check_answers(assessment, checklist, path, "")
        except FileProblem:
            pass  # (e.g. another checklist version) parse it again: the message has the line
        else:
            # the copy was made from these very bytes, which then split cleanly
            blocks = (
                split_systems(data.decode("utf-8").removeprefix("\ufeff"))[1] if by_system else None
            )
            if blocks is not None and len(blocks) != len(assessment.systems):
                blocks = None
            return assessment, blocks
    assessment, blocks = _loads(data, path, checklist)
    parsed_cache.put(path, data, assessment, by_system=blocks is not None)
    return assessment, blocks


# -- writing -----------------------------------------------------------------------------------


def _head_data(assessment: Assessment) -> dict[str, Any]:
    data = assessment.model_dump(mode="python", exclude_none=True, exclude={"systems"})
    organisation = data["organisation"]
    organisation["answers"] = dict(sorted(organisation["answers"].items()))
    data["steps"] = dict(sorted(data["steps"].items()))
    return _drop_empty(data)


def _system_data(system: AISystem) -> dict[str, Any]:
    data = system.model_dump(mode="python", exclude_none=True)
    for key in ("answers", "steps", "items", "fria"):
        data[key] = dict(sorted(data[key].items()))
    return _drop_empty(data)


class DumpCache:
    """The TOML text of each AI system as last written, so that a save after one answer
    serialises that system again and reuses the others' text (see :func:`dumps`)."""

    def __init__(self) -> None:
        self.blocks: dict[str, tuple[str, str]] = {}

    def prime(self, systems: list[AISystem], blocks: list[str]) -> None:
        """Start from the text the systems have in the file just read (as :func:`read_file`
        gives it), so that the first save does not write every system again. Call it before
        anything changes: each text is paired with the system as it is now."""
        for system, block in zip(systems, blocks, strict=True):
            self.blocks[system.id] = (_fingerprint(system), block)


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty tables and lists: they come back as the model's defaults."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            value = _drop_empty(value)
        elif isinstance(value, list):
            value = [_drop_empty(v) if isinstance(v, dict) else v for v in value]
        if value == {} or value == []:
            continue
        out[key] = value
    return out


def _fingerprint(system: AISystem) -> str:
    return system.model_dump_json(exclude_none=True)


_TABLE_HEADER = re.compile(r"^\[(\[?)", re.MULTILINE)
"""A table header at the start of a line (values are on one line or indented, never there)."""


def _system_table(system: AISystem) -> str:
    """One ``[[systems]]`` table, through tomli_w's public API: the system is written as a
    document of its own and its sub-tables renamed into ``systems.``, which is the text
    tomli_w gives the system inside the whole file (asked for ``{"systems": [...]}`` it would
    put a small system on one inline line instead)."""
    body = tomli_w.dumps(_system_data(system))
    return "[[systems]]\n" + _TABLE_HEADER.sub(lambda m: f"[{m.group(1)}systems.", body)


def dumps(assessment: Assessment, cache: DumpCache | None = None) -> bytes:
    """The file's bytes. Each AI system is an ``[[systems]]`` table, written the way
    ``tomli_w`` writes one; with ``cache``, unchanged systems reuse their text.

    Strings are written escaped on one line: tomli_w's multi-line strings would turn
    "\r\n" into "\n", and one value per line keeps diffs clean.
    """
    parts = [tomli_w.dumps(_head_data(assessment))]
    seen: set[str] = set()
    for system in assessment.systems:
        seen.add(system.id)
        fingerprint = _fingerprint(system)
        hit = cache.blocks.get(system.id) if cache is not None else None
        if hit is not None and hit[0] == fingerprint:
            block = hit[1]
        else:
            block = _system_table(system)
            if cache is not None:
                cache.blocks[system.id] = (fingerprint, block)
        parts.append(block)
    if cache is not None:
        for stale_id in set(cache.blocks) - seen:
            del cache.blocks[stale_id]
    return "\n".join(parts).encode("utf-8")


Stamp = tuple[int, int, int, str]
"""What identifies one version of a file on disk: inode, size, modification time and the
SHA-256 of its bytes (an edit that keeps the size and restores the time is still seen)."""


class ConflictProblem(FileProblem):
    """The file changed on disk since it was read: another window or program wrote it."""


def stamp_of(info: os.stat_result, data: bytes) -> Stamp:
    return (info.st_ino, info.st_size, info.st_mtime_ns, hashlib.sha256(data).hexdigest())


def stamp(path: Path | str) -> Stamp | None:
    """The version of the file on disk now, or None when there is none (something that is
    not a readable regular file gets a version no read file can have)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    try:
        data, opened = read_regular(path)
    except FileProblem:
        return (info.st_ino, info.st_size, info.st_mtime_ns, "not a readable file")
    return stamp_of(opened, data)


def _still(path: Path, expected: Stamp | None) -> bytes | None:
    """The bytes on disk, when the file is still the version ``expected`` (None: no file, as
    expected); :class:`ConflictProblem` otherwise. The cheap facts are compared first, the
    content only when they agree."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if expected is None:
            return None
        raise _conflict(path) from None
    if expected is None or (info.st_ino, info.st_size, info.st_mtime_ns) != expected[:3]:
        raise _conflict(path)
    try:
        data, opened = read_regular(path)
    except FileProblem:
        raise _conflict(path) from None
    if stamp_of(opened, data) != expected:
        raise _conflict(path)
    return data


def _conflict(path: Path) -> ConflictProblem:
    return ConflictProblem(
        path,
        "the file was changed on disk since it was opened (another window or program saved "
        "it), so it was not overwritten.",
        todo="Keep your version (theirs is then kept beside it as a copy) or reload theirs.",
    )


_UNCHECKED = object()


def write(
    path: Path | str,
    assessment: Assessment,
    expected: object = _UNCHECKED,
    cache: DumpCache | None = None,
) -> Stamp:
    """Save atomically, keeping the previous version as ``FILE.bak``; return the new stamp.

    With ``expected`` (a :func:`stamp`, or None for "no file yet"), refuse with
    :class:`ConflictProblem` when the file on disk is no longer that version, so that another
    window's work is never silently overwritten. Raises :class:`FileProblem` when the file
    cannot be written; the previous file is then intact.
    """
    path = Path(path)
    data = dumps(assessment, cache)
    previous = None
    if expected is not _UNCHECKED:
        previous = _still(path, expected)  # type: ignore[arg-type]
    try:
        _write_atomic(path, data, previous)
        return stamp_of(os.stat(path), data)
    except OSError as error:
        reason = error.strerror or str(error)
        if not path.parent.is_dir():
            raise FileProblem(
                path.parent,
                f"this folder does not exist, so {quote(path.name)} cannot be written in it.",
                todo="Create the folder first, or choose one that exists.",
            ) from None
        if previous is None and not path.exists():
            raise FileProblem(
                path,
                f"the assessment could not be created ({reason}).",
                todo="Choose a folder you can write to.",
            ) from None
        raise FileProblem(
            path,
            f"the assessment could not be saved ({reason}).",
            todo="The previous version of the file is intact. Free some space, or save to a "
            "folder you can write to.",
        ) from None


def _write_atomic(path: Path, data: bytes, previous: bytes | None = None) -> None:
    """The new version, written atomically; the version it replaces (``previous``, when the
    caller has just read it) becomes ``FILE.bak``."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_symlink():
        raise IsADirectoryError(0, "the file is a symbolic link; open the file it points to")
    if path.is_dir():
        raise IsADirectoryError(0, "a folder has the file's name")
    if backup_path(path).is_dir() and not backup_path(path).is_symlink():
        raise IsADirectoryError(0, f"a folder is where the backup {backup_path(path).name} goes")
    existing = None
    with contextlib.suppress(FileNotFoundError):
        existing = os.lstat(path)
    # an existing file keeps its mode; anything but a regular file is replaced, never read
    regular = existing is not None and stat.S_ISREG(existing.st_mode)
    mode = stat.S_IMODE(existing.st_mode) if regular and existing else PRIVATE_FILE
    remove_orphans(folder, path.name)
    remove_orphans(folder, backup_path(path).name)
    if regular:
        _keep_backup(path, previous)
    write_atomic(path, data, mode)


def dated_copy(folder: Path, stem: str, data: bytes, suffix: str = ".toml") -> Path:
    """Write ``data`` to ``folder/STEM-YYYYMMDD-HHMMSS.toml`` (owner-only; a number is added
    when that name is taken: nothing is written over) and return its path. Raises
    :class:`OSError` when it cannot be written."""
    moment = datetime.now().strftime("%Y%m%d-%H%M%S")
    copy = folder / f"{stem}-{moment}{suffix}"
    number = 1
    while copy.exists() or copy.is_symlink():
        number += 1
        copy = folder / f"{stem}-{moment}-{number}{suffix}"
    write_atomic(copy, data, PRIVATE_FILE)
    return copy


def keep_theirs(path: Path) -> Path | None:
    """Copy the version on disk to ``STEM.theirs-YYYYMMDD-HHMMSS.toml`` beside it before it is
    overwritten on the user's choice; the copy's path, or None when there is no regular file to
    keep. Raises :class:`OSError` when the copy cannot be written."""
    try:
        data, _ = read_regular(path)
    except FileProblem:
        return None
    return dated_copy(path.parent, f"{path.stem}.theirs", data)


def _keep_backup(path: Path, data: bytes | None = None) -> None:
    """Make ``FILE.bak`` a copy of the current file (owner-only), atomically, before the file is
    replaced. A file that cannot be read as a regular file keeps no backup."""
    if data is None:
        try:
            data, _ = read_regular(path)
        except FileProblem:
            return
    write_atomic(backup_path(path), data, PRIVATE_FILE)
