"""F1: the keys of the screen underneath, from its own bindings."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from aicharter.tui.keys import bindings
from aicharter.tui.text import plain
from aicharter.tui.widgets.fit import fit_column


@dataclass(frozen=True)
class KeyRow:
    key: str
    """The key or keys, as shown (empty for a command with no key)."""
    title: str
    help: str
    action: str
    """Empty for a key a widget handles itself."""
    node: DOMNode
    """Where the action runs."""


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = bindings("help")
    KEY_SCOPE = "help"

    def __init__(self, title: str, rows: list[KeyRow], palette_key: str) -> None:
        super().__init__()
        self.help_title = title
        self.rows = rows
        self.palette_key = palette_key

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain(f"Keys: {self.help_title}"), classes="title")
            table: DataTable[object] = DataTable(cursor_type="row", zebra_stripes=True)
            table.add_column("Key", width=9)
            widest = max((len(row.title) for row in self.rows), default=6)
            table.add_column("Action", width=min(widest, 24))
            table.add_column("What it does", key="help", width=40)
            for row in self.rows:
                table.add_row(plain(row.key), plain(row.title), plain(row.help))
            yield table
            yield Static(
                plain(
                    f"{self.palette_key} opens the command palette with the same actions. Every "
                    "answer is saved the moment you give it."
                ),
                classes="footnote",
            )

    def on_resize(self) -> None:
        fit_column(self.query_one(DataTable), "help", 20)

    def action_close(self) -> None:
        self.dismiss(None)
