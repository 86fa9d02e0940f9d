"""Where the bundled files live, installed or in a source checkout."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent
"""The installed ``aicharter`` package (this module lives in its ``files`` folder)."""


def checklists_dir() -> Path:
    """The bundled checklists: inside the installed package, or ``checklists/`` at the top of a
    source checkout (an editable install runs from there)."""
    installed = _PACKAGE / "checklists"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent.parent / "checklists"


def bundled_checklists() -> list[Path]:
    return sorted(checklists_dir().glob("*.toml"))


def default_checklist() -> Path:
    return checklists_dir() / "coess-charter.toml"


def demo_assessment() -> Path:
    """The bundled demo assessment (read-only: copy it before changing it)."""
    return _PACKAGE / "data" / "demo.toml"


def _user_dir(override: str, inside_data: str | None, kind: str) -> Path:
    """The folder named by the environment variable ``override``; with ``AICHARTER_DATA_DIR``
    set, its ``inside_data`` folder (the tests set that one variable); otherwise the platform's
    user folder of ``kind`` (``data``, ``config`` or ``cache``)."""
    if value := os.environ.get(override):
        return Path(value)
    if inside_data and (data := os.environ.get("AICHARTER_DATA_DIR")):
        return Path(data) / inside_data
    import platformdirs

    return Path(getattr(platformdirs, f"user_{kind}_dir")("aicharter", appauthor=False))


def data_dir() -> Path:
    """Where aicharter keeps its own small state (the recent files list): the user data
    folder, or ``AICHARTER_DATA_DIR``."""
    return _user_dir("AICHARTER_DATA_DIR", None, "data")


def config_dir() -> Path:
    """Where a person keeps settings for aicharter (the key map): the user config folder,
    ``AICHARTER_CONFIG_DIR``, or ``config`` inside ``AICHARTER_DATA_DIR``."""
    return _user_dir("AICHARTER_CONFIG_DIR", "config", "config")


def cache_dir() -> Path:
    """Where aicharter keeps copies it can always rebuild (the parsed assessments): the user
    cache folder, ``AICHARTER_CACHE_DIR``, or ``cache`` inside ``AICHARTER_DATA_DIR``."""
    return _user_dir("AICHARTER_CACHE_DIR", "cache", "cache")


def complete_path(text: str, suffix: str = ".toml") -> str | None:
    """How ``text``, a path being typed, goes on: the first folder or ``suffix`` file (in
    name order, hidden ones only when asked for with a leading dot) whose name starts with
    what follows the last ``/``, as the whole path (a folder ends in ``/``). None when nothing
    matches or the folder cannot be read. ``~`` is kept as typed."""
    head, sep, stem = text.rpartition("/")
    prefix = head + sep  # what stays as typed
    folder = Path(prefix or ".").expanduser()
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return None
    for entry in entries:
        if not entry.name.startswith(stem) or entry.name == stem:
            continue
        if entry.name.startswith(".") and not stem.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            continue
        if is_dir or entry.name.endswith(suffix):
            return prefix + entry.name + ("/" if is_dir else "")
    return None
