"""The start screen: recent assessment files, and new / open / demo."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from aicharter.files import recent
from aicharter.tui.keys import bindings
from aicharter.tui.screens.dialogs import (
    ConfirmScreen,
    Field,
    FormScreen,
    MessageScreen,
    new_file_problem,
)
from aicharter.tui.text import plain

if TYPE_CHECKING:
    from aicharter.tui.app import AICharterApp


def _check_new(values: dict[str, str]) -> str | None:
    return new_file_problem(values["path"])


class StartScreen(Screen[None]):
    CSS_PATH = "start.tcss"
    TITLE = "Start"
    AUTO_FOCUS = "#recent"
    BINDINGS = bindings("start")
    KEY_SCOPE = "start"

    def __init__(self, message: tuple[str, str] | None = None) -> None:
        super().__init__()
        self.message = message
        """A problem to explain (title, text) once the screen is up."""

    @property
    def charter_app(self) -> AICharterApp:
        return cast("AICharterApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header(icon="§")
        yield Static(
            plain(
                "Walk through the CoESS Charter on the ethical and responsible use of AI, read "
                "against the EU AI Act, for each AI system your organisation uses or plans to "
                "buy. Every answer is saved to the file at once."
            ),
            classes="intro",
        )
        yield Static(plain("Recent assessments"), classes="heading")
        yield OptionList(id="recent")
        yield Static(plain(self.charter_app.checklist.meta.disclaimer), classes="disclaimer")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_recent()
        if self.message is not None:
            self.app.push_screen(MessageScreen(*self.message))

    def on_screen_resume(self) -> None:
        self.refresh_recent()

    def refresh_recent(self) -> None:
        options = self.query_one("#recent", OptionList)
        options.clear_options()
        files = recent.load()
        if not files:
            options.add_option(
                Option(
                    plain(
                        f"No recent files: press {self.charter_app.key_text('start.new')} for a "
                        f"new one, {self.charter_app.key_text('start.demo')} for the demo."
                    ),
                    disabled=True,
                )
            )
        for path in files:
            label = str(path) if path.exists() else f"{path}   (missing)"
            options.add_option(Option(plain(label), id=str(path)))
        if files:  # Enter opens the most recent file straight away
            options.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_id:
            self.charter_app.open_file(Path(event.option_id), create=False)

    def action_new(self) -> None:
        def done(values: dict[str, str] | None) -> None:
            if not values:
                return
            path = Path(values["path"]).expanduser()
            if not (path.exists() or path.is_symlink()):
                self.charter_app.open_file(path)
                return

            def confirmed(yes: bool | None) -> None:
                if yes:
                    self.charter_app.open_file(path, create=False)
                else:
                    self.action_new()  # (choose another name)

            self.app.push_screen(
                ConfirmScreen(f"{path} exists already. Open it instead of starting a new one?"),
                confirmed,
            )

        self.app.push_screen(
            FormScreen(
                "New assessment: where should the file go?",
                [Field("path", "File", str(Path.cwd() / "assessment.toml"), "path")],
                _check_new,
                holds_work=False,
            ),
            done,
        )

    def action_open(self) -> None:
        def done(values: dict[str, str] | None) -> None:
            if values and values["path"].strip():
                self.charter_app.open_file(Path(values["path"]).expanduser(), create=False)

        self.app.push_screen(
            FormScreen(
                "Open an assessment file",
                [Field("path", "File", str(Path.cwd()) + "/", "path")],
                holds_work=False,
            ),
            done,
        )

    def action_demo(self) -> None:
        self.charter_app.open_demo()

    def action_forget(self) -> None:
        options = self.query_one("#recent", OptionList)
        if options.highlighted is None:
            return
        option = options.get_option_at_index(options.highlighted)
        if option.id:
            recent.forget(Path(option.id))
            self.refresh_recent()
