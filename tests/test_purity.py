"""The core never imports Textual: only ``aicharter.tui`` may.

The static rule (and the layering) is import-linter's contract in ``pyproject.toml``, run by
the test command; this test checks what running the CLI's core commands actually loads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import aicharter

PACKAGE = Path(aicharter.__file__).parent


def core_modules() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if "tui" not in p.relative_to(PACKAGE).parts]


def test_importing_and_running_the_core_loads_no_textual():
    modules = sorted(
        "aicharter." + ".".join(p.relative_to(PACKAGE).with_suffix("").parts)
        for p in core_modules()
        if p.name not in ("__init__.py", "__main__.py")
    )
    code = (
        "import sys, importlib\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "from aicharter.cli import main\n"
        "main(['summary', '--demo', '--json'])\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'textual')\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
