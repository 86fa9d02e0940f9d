"""The list of recently opened assessment files, kept in the user's data folder."""

from __future__ import annotations

import contextlib
import tomllib
from pathlib import Path

import tomli_w

from aicharter.files.fileio import private_dir, read_regular, write_atomic
from aicharter.files.paths import data_dir
from aicharter.problems import FileProblem

LIMIT = 12
LIST_BYTES = 1024 * 1024
"""The most the recent-files list is read of (twelve paths are a few kilobytes)."""


def _file() -> Path:
    return data_dir() / "recent.toml"


def load() -> list[Path]:
    """Recent files, most recent first; a damaged list is ignored, never fatal."""
    try:
        data, _ = read_regular(_file(), limit=LIST_BYTES, what="recent-files list")
        raw = tomllib.loads(data.decode("utf-8"))
    except (FileProblem, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return []  # (missing, a FIFO or a device planted there, too large, damaged)
    files = raw.get("files", [])
    if not isinstance(files, list):
        return []
    return [Path(f) for f in files if isinstance(f, str)]


def remember(path: Path) -> None:
    """Put ``path`` at the top of the list. Failing to write the list is not worth an error."""
    path = path.resolve()
    _save([path, *(p for p in load() if p != path)][:LIMIT])


def forget(path: Path) -> None:
    path = path.resolve()
    _save([p for p in load() if p != path])


def _save(files: list[Path]) -> None:
    """The list, owner-only in an owner-only folder, written atomically (best effort)."""
    target = _file()
    with contextlib.suppress(OSError):
        private_dir(target.parent)
        write_atomic(target, tomli_w.dumps({"files": [str(p) for p in files]}).encode("utf-8"))
