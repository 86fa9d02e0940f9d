"""A parsed copy of each assessment file, so that opening it again skips the TOML parser.

Python's TOML parser is pure Python: it needs most of a second for an assessment of 200 AI
systems with long notes, while pydantic's compiled core validates the same content from JSON in
a few tens of milliseconds. So once a file has been read, or written and closed, its validated
content is kept as JSON in the user's cache folder, one entry per assessment file, labelled with
the SHA-256 of the file's exact bytes. The copy is used only when the file's bytes still have
that digest and it was written by this same version of aicharter's data model; anything else
(no entry, another version, a different digest, an unreadable or damaged entry) just means the
file is parsed again. The assessment file stays the only record: deleting the cache loses
nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from functools import cache
from pathlib import Path

from . import __version__, assessment, paths
from .assessment import Assessment

FORMAT = 1
KEEP = 20
"""Copies kept at most: those of the files used least recently go first."""


@cache
def _model_version() -> str:
    """What the cached JSON depends on: aicharter, pydantic and the data model's source."""
    from pydantic.version import VERSION

    source = Path(assessment.__file__).read_bytes()
    model = hashlib.sha256(source).hexdigest()[:16]
    return f"{FORMAT}/{__version__}/{VERSION}/{model}"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def entry_path(path: Path | str) -> Path:
    """The cache entry of one assessment file (by its absolute path)."""
    key = hashlib.sha256(os.fsencode(Path(path).resolve())).hexdigest()[:32]
    return paths.cache_dir() / "parsed" / f"{key}.json"


def get(path: Path | str, data: bytes) -> tuple[Assessment, bool] | None:
    """The parsed assessment kept for exactly these bytes of ``path``, and whether they could
    be parsed system by system; None when there is no usable copy."""
    try:
        entry = entry_path(path)
        with open(entry, "rb") as handle:
            info = os.fstat(handle.fileno())
            if info.st_uid != os.getuid() or info.st_mode & 0o022:
                return None  # only a copy that nobody else can have written
            head = json.loads(handle.readline())
            if (
                not isinstance(head, dict)
                or head.get("model") != _model_version()
                or head.get("digest") != digest(data)
            ):
                return None
            parsed = Assessment.model_validate_json(handle.read())
        with contextlib.suppress(OSError):
            os.utime(entry)  # used now: the last to be pruned
        return parsed, head.get("by_system") is True
    except (OSError, ValueError, RecursionError):
        return None  # ValueError covers bad JSON and a failed validation


def put(path: Path | str, data: bytes, parsed: Assessment, by_system: bool = False) -> None:
    """Keep ``parsed`` as the content of these bytes of ``path`` (``by_system``: they were
    parsed system by system). Best effort: a cache that cannot be written only means a slower
    next start."""
    fields = {"model": _model_version(), "digest": digest(data), "by_system": by_system}
    head = json.dumps(fields).encode()
    body = parsed.model_dump_json().encode()
    with contextlib.suppress(OSError):
        entry = entry_path(path)
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(head + b"\n" + body)
            os.replace(tmp, entry)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        _prune(entry.parent)


def _prune(folder: Path) -> None:
    entries = []
    for name in os.listdir(folder):
        if name.endswith(".json"):
            with contextlib.suppress(OSError):
                entries.append((os.stat(folder / name).st_mtime_ns, name))
    for _, name in sorted(entries, reverse=True)[KEEP:]:
        with contextlib.suppress(OSError):
            os.unlink(folder / name)
