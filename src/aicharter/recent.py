"""The list of recently opened assessment files, kept in the user's data folder."""

from __future__ import annotations

import contextlib
import tomllib
from pathlib import Path

import tomli_w

from .fileio import private_dir, write_atomic
from .paths import data_dir

LIMIT = 12


def _file() -> Path:
    return data_dir() / "recent.toml"


def load() -> list[Path]:
    """Recent files, most recent first; a damaged list is ignored, never fatal."""
    try:
        raw = tomllib.loads(_file().read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return []
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
