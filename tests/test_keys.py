"""Every key is defined once, in the registry: the screens' bindings, the README's table and
the key map all come from it."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding

from aicharter.files.keymap import read_keymap
from aicharter.tui.app import AICharterApp
from aicharter.tui.keys import KEYS, KEYS_END, KEYS_START, REMAPPABLE, keys_markdown
from aicharter.tui.screens import dialogs, fria, help, overview, plan, start, team, walk, why

ROOT = Path(__file__).resolve().parent.parent
SCREENS = {
    "app": AICharterApp,
    "start": start.StartScreen,
    "overview": overview.OverviewScreen,
    "walk": walk.WalkScreen,
    "plan": plan.PlanScreen,
    "why": why.WhyScreen,
    "fria": fria.FriaScreen,
    "team": team.TeamScreen,
    "help": help.HelpScreen,
    "form": dialogs.FormScreen,
    "confirm": dialogs.ConfirmScreen,
    "message": dialogs.MessageScreen,
    "conflict": dialogs.ConflictScreen,
    "unsaved": dialogs.UnsavedScreen,
}


def test_ids_are_unique_and_name_their_scope():
    ids = [k.id for keys in KEYS.values() for k in keys]
    assert len(ids) == len(set(ids))
    assert all(k.id.startswith(scope + ".") for scope, keys in KEYS.items() for k in keys)


def test_every_binding_of_every_screen_comes_from_the_registry():
    for scope, cls in SCREENS.items():
        own = [b for b in cls.BINDINGS if isinstance(b, Binding)]
        assert own and len(own) == len(cls.BINDINGS), scope
        assert all(b.id and b.id.split(".")[0] == scope for b in own), scope
    assert dialogs.PickScreen.BINDINGS == dialogs.FormScreen.BINDINGS


def test_the_readme_keys_table_is_in_step_with_the_registry():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert KEYS_START in readme and KEYS_END in readme
    assert keys_markdown() in readme + "\n", "run: .venv/bin/python scripts/docs.py"


def test_keymap_file_is_read_safely(tmp_path: Path):
    path = tmp_path / "keymap.toml"
    assert read_keymap(REMAPPABLE, path) == ({}, [])  # no file: nothing to say
    path.write_text(
        '"walk.next" = "right, l"\n"walk.choose" = "k"\n"nope" = "x"\n"walk.yes" = 3\n'
        '"walk.no" = "[b]x[/b]"\n',
        encoding="utf-8",
    )
    keymap, problems = read_keymap(REMAPPABLE, path)
    assert keymap == {"walk.next": "right,l"}
    assert len(problems) == 4 and all(str(path) in p for p in problems)
    path.write_text("not toml =", encoding="utf-8")
    assert "not valid TOML" in read_keymap(REMAPPABLE, path)[1][0]
    path.unlink()
    path.mkdir()
    keymap, problems = read_keymap(REMAPPABLE, path)
    assert keymap == {} and "folder" in problems[0]
