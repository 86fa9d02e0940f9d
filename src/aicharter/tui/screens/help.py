"""F1: the keys of the screen underneath, from its own bindings."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from aicharter.tui.text import plain
from aicharter.tui.widgets.fit import fit_column


@dataclass(frozen=True)
class KeyRow:
    key: str
    description: str
    help: str
    action: str
    node: DOMNode


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,q", "close", "Close")]

    def __init__(self, title: str, rows: list[KeyRow]) -> None:
        super().__init__()
        self.help_title = title
        self.rows = rows

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain(f"Keys: {self.help_title}"), classes="title")
            table: DataTable[object] = DataTable(cursor_type="row", zebra_stripes=True)
            table.add_column("Key", width=9)
            table.add_column("Action", width=16)
            table.add_column("What it does", key="help", width=40)
            for row in self.rows:
                table.add_row(plain(row.key), plain(row.description), plain(row.help))
            yield table
            yield Static(
                plain(
                    "ctrl+p opens the command palette with the same actions. Every answer is "
                    "saved the moment you give it."
                ),
                classes="footnote",
            )

    def on_resize(self) -> None:
        fit_column(self.query_one(DataTable), "help", 20)

    def action_close(self) -> None:
        self.dismiss(None)
