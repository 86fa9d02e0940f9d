"""The README's keys table stays in step with the screens' bindings, and its commands exist."""

from __future__ import annotations

import re
from pathlib import Path

from textual.binding import Binding

from aicharter.tui.app import AICharterApp
from aicharter.tui.screens.dialogs import ConfirmScreen, ConflictScreen, FormScreen, UnsavedScreen
from aicharter.tui.screens.overview import OverviewScreen
from aicharter.tui.screens.plan import PlanScreen
from aicharter.tui.screens.start import StartScreen
from aicharter.tui.screens.team import TeamScreen
from aicharter.tui.screens.walk import WalkScreen

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
SHOWN = {"right": "→", "left": "←", "escape": "esc"}


def keys_table() -> str:
    return README[README.index("### Keys") : README.index("The recent-files list")]


def test_every_key_is_in_the_readme():
    table = keys_table()
    cells = set(re.findall(r"[^\s|/,]+", table))
    owners = (AICharterApp, StartScreen, OverviewScreen, WalkScreen, PlanScreen, TeamScreen)
    dialogs = (FormScreen, ConflictScreen, UnsavedScreen, ConfirmScreen)
    for owner in owners + dialogs:
        for binding in owner.BINDINGS:
            assert isinstance(binding, Binding)
            if binding.action.startswith("pick("):
                assert "1-9" in cells
                continue
            for key in binding.key.split(","):
                assert SHOWN.get(key, key) in cells, f"{owner.__name__}: {key} missing"


def test_readme_starts_with_the_two_commands():
    block = README.split("```sh", 1)[1].split("```", 1)[0].strip().splitlines()
    assert block[0].endswith("aicharter --demo")
    assert block[1] == "bash scripts/test"
    ci = (Path(__file__).parent.parent / ".ci" / "run").read_text()
    assert "scripts/test" in ci
