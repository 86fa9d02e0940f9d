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

Nothing in the cache can change the guidance: each entry carries an HMAC of its head and body,
keyed with a per-user secret kept owner-only in the cache folder, so an entry edited, planted
or swapped for a link is not trusted (it is ignored and the file parsed). The folder itself is
used, and pruned, only when it is a real folder of this user's that nobody else can write.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
import stat
from functools import cache
from pathlib import Path

from aicharter import __version__
from aicharter.files import assessment, paths
from aicharter.files.assessment import Assessment
from aicharter.files.fileio import PRIVATE_FILE, is_private_dir, private_dir, write_atomic

FORMAT = 2
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


def _folder_ok(folder: Path) -> bool:
    """The cache folder and its ``parsed`` folder are real folders only this user can write."""
    return is_private_dir(folder.parent) and is_private_dir(folder)


def _open_private(path: Path, flags: int) -> int:
    """A file of the cache, opened without following a link, and only if it is a regular file
    of this user's that nobody else can write (:class:`OSError` otherwise)."""
    fd = os.open(path, flags | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    info = os.fstat(fd)
    if (
        not stat.S_ISREG(info.st_mode)
        or info.st_uid != os.getuid()
        or info.st_mode & (stat.S_IRWXG | stat.S_IRWXO)
    ):
        os.close(fd)
        raise PermissionError(0, "not a private file")
    return fd


def _secret(create: bool) -> bytes | None:
    """This user's key for the cache entries' HMACs: 32 random bytes in ``secret`` in the cache
    folder, created owner-only on first use; None when it is missing or not trustworthy."""
    path = paths.cache_dir() / "secret"
    try:
        fd = _open_private(path, os.O_RDONLY)
    except FileNotFoundError:
        if not create:
            return None
        key = secrets.token_bytes(32)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, PRIVATE_FILE)
        except OSError:
            return None  # (created meanwhile by another window: used next time)
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
        return key
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        key = handle.read(64)
    return key if len(key) == 32 else None


def _mac(key: bytes, entry: Path, head: bytes, body: bytes) -> str:
    """Binds the entry's body to its head (which names the file's digest) and to its place."""
    message = entry.name.encode() + b"\n" + head + b"\n" + body
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def get(path: Path | str, data: bytes) -> tuple[Assessment, bool] | None:
    """The parsed assessment kept for exactly these bytes of ``path``, and whether they could
    be parsed system by system; None when there is no usable copy."""
    try:
        entry = entry_path(path)
        if not _folder_ok(entry.parent):
            return None
        key = _secret(create=False)
        if key is None:
            return None
        with os.fdopen(_open_private(entry, os.O_RDONLY), "rb") as handle:
            mac = handle.readline().strip().decode("ascii")
            head_line = handle.readline().rstrip(b"\n")
            body = handle.read()
        if not hmac.compare_digest(mac, _mac(key, entry, head_line, body)):
            return None  # edited, planted or swapped: not ours
        head = json.loads(head_line)
        if (
            not isinstance(head, dict)
            or head.get("model") != _model_version()
            or head.get("digest") != digest(data)
        ):
            return None
        parsed = Assessment.model_validate_json(body)
        with contextlib.suppress(OSError):
            os.utime(entry, follow_symlinks=False)  # used now: the last to be pruned
        return parsed, head.get("by_system") is True
    except (OSError, ValueError, RecursionError):
        return None  # ValueError covers bad JSON, a bad MAC line and a failed validation


def put(path: Path | str, data: bytes, parsed: Assessment, by_system: bool = False) -> None:
    """Keep ``parsed`` as the content of these bytes of ``path`` (``by_system``: they were
    parsed system by system). Best effort: a cache that cannot be written only means a slower
    next start."""
    fields = {"model": _model_version(), "digest": digest(data), "by_system": by_system}
    head = json.dumps(fields).encode()
    body = parsed.model_dump_json().encode()
    with contextlib.suppress(OSError):
        entry = entry_path(path)
        private_dir(entry.parent)
        if not _folder_ok(entry.parent):
            return  # a folder someone else controls: keep nothing there, delete nothing
        key = _secret(create=True)
        if key is None:
            return
        mac = _mac(key, entry, head, body).encode()
        write_atomic(entry, mac + b"\n" + head + b"\n" + body)
        _prune(entry.parent)


def _prune(folder: Path) -> None:
    """Keep the :data:`KEEP` entries used last (only ever inside the checked cache folder)."""
    entries = []
    for name in os.listdir(folder):
        if name.endswith(".json"):
            with contextlib.suppress(OSError):
                entries.append((os.lstat(folder / name).st_mtime_ns, name))
    for _, name in sorted(entries, reverse=True)[KEEP:]:
        with contextlib.suppress(OSError):
            os.unlink(folder / name)
