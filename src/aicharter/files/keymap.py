"""The user's key map: ``keymap.toml`` in the config folder remaps keys by binding id.

    # ~/.config/aicharter/keymap.toml
    "walk.next" = "right,l"
    "overview.export" = "ctrl+e"

The file is read like every other file (a regular file, at most 64 KiB); what cannot be used
is reported, never raised, and the rest applies.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection
from pathlib import Path

from aicharter.files.fileio import read_regular
from aicharter.files.paths import config_dir
from aicharter.problems import FileProblem
from aicharter.sanitize import quote

KEYMAP_BYTES = 64 * 1024
KEYS_PATTERN = re.compile(r"[A-Za-z0-9_+\-]+(,[A-Za-z0-9_+\-]+)*")
"""One or more Textual key names, comma-separated: ``ctrl+e``, ``right,l``, ``f5``."""


def keymap_file() -> Path:
    return config_dir() / "keymap.toml"


def read_keymap(
    known: Collection[str], path: Path | None = None
) -> tuple[dict[str, str], list[str]]:
    """The key map (binding id to keys) and what in it cannot be used, as one line each. A
    missing file is an empty key map."""
    path = path or keymap_file()
    if not path.exists() and not path.is_symlink():
        return {}, []
    try:
        data, _ = read_regular(path, limit=KEYMAP_BYTES, what="key map")
        raw = tomllib.loads(data.decode("utf-8"))
    except FileProblem as problem:
        return {}, [problem.message]
    except UnicodeDecodeError:
        return {}, [f"{path}: not UTF-8 text."]
    except (tomllib.TOMLDecodeError, RecursionError) as error:
        return {}, [f"{path}: not valid TOML ({error})."]
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, keys in raw.items():
        if binding_id not in known:
            problems.append(f"{path}: no key has the id '{quote(binding_id)}'.")
        elif not isinstance(keys, str) or not KEYS_PATTERN.fullmatch(keys.replace(" ", "")):
            problems.append(
                f"{path}: '{quote(binding_id)}' needs key names, e.g. 'ctrl+e' or 'right,l'."
            )
        else:
            keymap[binding_id] = keys.replace(" ", "")
    return keymap, problems
