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


def data_dir() -> Path:
    """Where aicharter keeps its own small state (the recent files list).

    ``AICHARTER_DATA_DIR`` overrides it (the tests use this); otherwise the platform's user data
    folder.
    """
    override = os.environ.get("AICHARTER_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("aicharter", appauthor=False))


def config_dir() -> Path:
    """Where a person keeps settings for aicharter (the key map).

    ``AICHARTER_CONFIG_DIR`` overrides it; with ``AICHARTER_DATA_DIR`` set it is the ``config``
    folder inside that; otherwise the platform's user config folder.
    """
    override = os.environ.get("AICHARTER_CONFIG_DIR")
    if override:
        return Path(override)
    if os.environ.get("AICHARTER_DATA_DIR"):
        return data_dir() / "config"
    from platformdirs import user_config_dir

    return Path(user_config_dir("aicharter", appauthor=False))


def cache_dir() -> Path:
    """Where aicharter keeps copies it can always rebuild (the parsed assessments).

    ``AICHARTER_CACHE_DIR`` overrides it; with ``AICHARTER_DATA_DIR`` set it is the ``cache``
    folder inside that; otherwise the platform's user cache folder.
    """
    override = os.environ.get("AICHARTER_CACHE_DIR")
    if override:
        return Path(override)
    if os.environ.get("AICHARTER_DATA_DIR"):
        return data_dir() / "cache"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("aicharter", appauthor=False))
