"""The FRIA worksheet: the six Art. 27(1)(a)-(f) elements for a high-risk system, each saved as
it is typed."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static, TextArea

from aicharter.outputs.report.data import fria_worksheet
from aicharter.sanitize import restore, visible
from aicharter.tui.debounce import Debouncer
from aicharter.tui.keys import bindings
from aicharter.tui.screens.base import SessionScreen
from aicharter.tui.text import plain


class FriaScreen(SessionScreen):
    CSS_PATH = "fria.tcss"
    BINDINGS = bindings("fria")
    KEY_SCOPE = "fria"

    def __init__(self, system_id: str) -> None:
        super().__init__()
        self.system_id = system_id
        self._pending: dict[str, str] = {}
        self._typing = Debouncer(self, self.flush_typing)

    @property
    def system_here(self) -> str | None:
        return self.system_id

    def compose(self) -> ComposeResult:
        session = self.session
        outcome = session.outcome(self.system_id)
        worksheet = fria_worksheet(session.checklist, session.assessment, self.system_id, outcome)
        assert worksheet is not None
        yield Header(icon="§")
        with VerticalScroll(id="fria"):
            status = "Mandatory" if worksheet["status"] == "mandatory" else "Recommended"
            yield Static(
                plain(f"{status} ({worksheet['basis']}). {worksheet['notify']}"), classes="status"
            )
            items = session.checklist.fria_elements
            guidance = {item.id: item.help for item in items}
            for element in worksheet["elements"]:
                yield Static(plain(element["label"]), classes="label")
                yield Static(plain(guidance.get(element["id"], "")), classes="guidance")
                yield TextArea(visible(element["text"]), id=element["id"], soft_wrap=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "FRIA: " + self.session.assessment.system(self.system_id).name
        first = (
            self.session.checklist.requirement_map[self.session.checklist.fria.requirement]
            .items[0]
            .id
        )
        self.query_one(f"#{first}", TextArea).focus()

    @on(TextArea.Changed)
    def _typed(self, event: TextArea.Changed) -> None:
        element = event.text_area.id
        if element:
            was = self.session.assessment.system(self.system_id).fria.get(element, "")
            self._pending[element] = restore(event.text_area.text, was)
            self._typing.poke()

    def flush_typing(self) -> None:
        self._typing.cancel()
        pending, self._pending = self._pending, {}
        for element, text in pending.items():
            self.session.set_fria(self.system_id, element, text)

    def action_back(self) -> None:
        self.flush_typing()
        self.dismiss(None)
