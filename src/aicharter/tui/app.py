"""The aicharter application: opens an assessment and routes between screens.

Keys are defined once, in :mod:`aicharter.tui.keys`: each screen's ``BINDINGS``, the footer,
F1 help and the command palette (ctrl+p) are built from it, with the user's key map applied.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import os
import signal
from collections.abc import Iterable
from functools import partial
from pathlib import Path

from rich.console import RenderableType
from textual.app import SystemCommand
from textual.content import Content
from textual.screen import Screen

from aicharter.content.checklist import TIERS, Checklist
from aicharter.files import paths, recent, storage
from aicharter.files.fileio import private_dir, read_regular, write_atomic
from aicharter.files.keymap import read_keymap
from aicharter.files.viewer import open_with_viewer
from aicharter.problems import FileProblem
from aicharter.rules.validate import load_checklist
from aicharter.sanitize import visible
from aicharter.session import Change, Session
from aicharter.tui.keys import BY_ID, KEYS, REMAPPABLE, bindings, display
from aicharter.tui.messages import AssessmentChanged
from aicharter.tui.navigation import NavigatingApp
from aicharter.tui.screens.base import SessionScreen
from aicharter.tui.screens.dialogs import (
    ConfirmScreen,
    ConflictScreen,
    ExportedScreen,
    Field,
    FormScreen,
    MessageScreen,
    UnsavedScreen,
    new_file_problem,
)
from aicharter.tui.screens.help import HelpScreen, KeyRow

THEMES = ("textual-dark", "textual-light")
SAVE_WITHIN = 0.03
"""Seconds: the longest a change waits for the screen to show it before it is written."""
STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
"""The terminal closed, the machine shutting down: save what is pending, then exit."""


class AICharterApp(NavigatingApp):
    """Walk through the CoESS Charter for each AI system of an organisation."""

    CSS_PATH = "app.tcss"
    TITLE = "aicharter"
    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (60, "-narrow"), (110, "-wide")]
    BINDINGS = bindings("app")

    def __init__(
        self,
        path: Path | None = None,
        *,
        demo: bool = False,
        checklist: Checklist | None = None,
        today: dt.date | None = None,
        theme: str = "textual-dark",
    ) -> None:
        super().__init__()
        self.checklist = checklist or load_checklist(paths.default_checklist())
        self.start_path = path
        self.demo = demo
        self.today = today or dt.date.today()
        self.initial_theme = theme
        self.session: Session | None = None
        self._stopping = False
        self.kept_forms: list[Path] = []
        """Where the text of forms that could not be applied on the way out was kept."""
        self.user_keymap: dict[str, str] = {}
        """The keys the person remapped in ``keymap.toml`` (binding id to keys)."""

    # -- start-up ------------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.theme = self.initial_theme
        self._watch_signals(True)
        self._load_keymap()
        # A file given on the command line opens straight away: its overview is the first
        # screen painted. The start screen is built when asked for, or under the explanation
        # when the file cannot be opened.
        if self.demo:
            self.open_demo()
        elif self.start_path is not None:
            self.open_file(self.start_path)
        else:
            self.show_start()

    def open_file(self, path: Path, create: bool = True) -> bool:
        """Open (or create) an assessment and show its overview; explain a failure."""
        try:
            session = Session.open(path, self.checklist, create=create)
        except FileProblem as problem:
            self.show_message("This file cannot be opened", problem.message)
            return False
        self.close_session()  # the file open until now keeps its last change
        session.save_soon = self._save_soon
        session.on_change = self._announce
        self.session = session
        recent.remember(path)
        self.refresh_save_state()
        if sum(1 for out in session.outcomes.values() if out.tier in TIERS) > 1:
            # a file of several verdicts opens on what the client keeps; the overview is
            # built when it is left (not behind it: that doubled the time to the first frame)
            self._clear_stack()
            self.open_dashboard(then=lambda _: self.show_overview())
        else:
            self.show_overview()
        return True

    def _clear_stack(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def show_overview(self) -> None:
        """The open assessment's overview, with its screens above it."""
        from aicharter.tui.screens.overview import OverviewScreen

        self._clear_stack()
        self.push_screen(OverviewScreen())

    def show_start(self, message: tuple[str, str] | None = None) -> None:
        """The start screen (recent files, new, open, demo), with a message above it."""
        from aicharter.tui.screens.start import StartScreen

        self._clear_stack()
        self.push_screen(StartScreen(message))

    def show_message(self, title: str, text: str) -> None:
        """Explain a problem; a problem met before anything is shown leaves the start screen
        under the message."""
        if len(self.screen_stack) <= 1:
            self.show_start(message=(title, text))
            return
        self.push_screen(MessageScreen(title, text))

    @staticmethod
    def demo_copy() -> Path:
        """Where the writable copy of the demo lives (the data folder)."""
        return paths.data_dir() / "demo.toml"

    def open_demo(self, fresh: bool = False) -> bool:
        """Open the writable copy of the bundled demo: a fresh one, unless the copy there holds
        changes (then it is reopened, never overwritten silently; ``fresh`` replaces it, the old
        one kept as a dated copy beside it)."""
        target = self.demo_copy()
        bundled = paths.demo_assessment().read_bytes()
        try:
            current: bytes | None = read_regular(target)[0] if target.exists() else None
        except FileProblem:
            current = b""  # (not readable as it is: left for open_file to explain)
        edited = current is not None and current != bundled
        kept: Path | None = None
        try:
            private_dir(target.parent)
            if fresh and edited and current:
                kept = storage.dated_copy(target.parent, "demo.kept", current)
            if fresh or not edited:
                write_atomic(target, bundled)
        except OSError as error:
            self.show_message("The demo cannot be copied", f"{target}: {error.strerror}.")
            return False
        opened = self.open_file(target)
        if opened and kept is not None:
            self.notify(visible(f"A fresh demo. Yours is kept as {kept.name}."), timeout=8)
        if opened and edited and not fresh:
            self.notify(
                "Your demo copy, with your changes. For a fresh one: "
                f"{self.key_text('app.palette')}, then '{BY_ID['app.fresh_demo'].title}'.",
                timeout=8,
            )
        return opened

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "fresh_demo":
            return self.session is not None and self.session.path == self.demo_copy()
        if action in ("undo", "redo"):
            return self.session is not None
        return True

    def action_undo(self) -> None:
        self._travel("undo")

    def action_redo(self) -> None:
        self._travel("redo")

    def _travel(self, way: str) -> None:
        """Undo or redo one change; the screen in front shows what (see ``change_note``)."""
        session = self.session
        if session is None:
            return
        for screen in self.screen_stack:
            if isinstance(screen, SessionScreen):
                screen.flush_typing()  # text still waiting is a change of its own
        change = session.undo() if way == "undo" else session.redo()
        if change is None:
            self.notify(f"Nothing to {way}.", timeout=2)
            return
        self.show_save_result(session.state.saved)

    def action_fresh_demo(self) -> None:
        def done(yes: bool | None) -> None:
            if yes:
                self.open_demo(fresh=True)

        self.push_screen(
            ConfirmScreen("Replace your demo copy with a fresh one? Yours is kept beside it."),
            done,
        )

    def format_title(self, title: str, sub_title: str) -> Content:
        """The saved state first, so a narrow terminal never hides it."""
        title, sub_title = visible(title), visible(sub_title)  # names come from the file
        if not sub_title:
            return Content(title)
        style = "bold" if "NOT SAVED" in sub_title else "dim"
        return Content.assemble((sub_title, style), "  │  ", title)

    # -- saving ----------------------------------------------------------------------------------

    def _save_soon(self) -> None:
        # The change is shown first and the file written straight after: once the screen is
        # refreshed, or after one or two frames if a redraw is still running (moving to the
        # next question takes several), whichever comes first.
        self.call_after_refresh(self.flush_save)
        self.set_timer(SAVE_WITHIN, self.flush_save, name="save")

    def flush_save(self) -> None:
        """Write the change waiting to be saved, if any, and show how that went."""
        if self.session is not None and (ok := self.session.flush()) is not None:
            self.show_save_result(ok)

    def exit(
        self,
        result: None = None,
        return_code: int = 0,
        message: RenderableType | None = None,
    ) -> None:
        self.close_session()  # nothing typed is lost on the way out
        super().exit(result, return_code, message)

    def _handle_exception(self, error: Exception) -> None:
        # An unexpected error ends the app (Textual, pinned): save what is waiting first,
        # open forms included, while the screens still exist; by on_unmount they are gone.
        with contextlib.suppress(Exception):
            self.close_session()
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        """After an unexpected error, the traceback without the values of local variables
        (Textual shows them, and they hold the client's answers, which would stay in the
        terminal's scrollback), and a non-zero exit status."""
        import rich
        from rich.segment import Segments
        from rich.traceback import Traceback

        self.bell()
        traceback = Traceback(show_locals=False, width=None, suppress=[rich])
        self._exit_renderables.append(
            Segments(self.console.render(traceback, self.console.options))
        )
        self._return_code = self._return_code or 1
        self._close_messages_no_wait()

    def on_unmount(self) -> None:
        self.close_session()  # (what a last message may still have changed)
        self._watch_signals(False)

    def close_session(self) -> None:
        """Save what is waiting (text still being typed included) and keep a parsed copy for
        a quick next start."""
        from aicharter.tui.screens.base import SessionScreen

        for screen in self.screen_stack:
            if isinstance(screen, SessionScreen) and screen.is_mounted:
                screen.flush_typing()
        self._apply_forms(ask=False)
        self.flush_save()
        if self.session is not None:
            self.session.keep_parsed_copy()

    # -- quitting: never silently with unsaved work ---------------------------------------------

    async def action_quit(self) -> None:
        """Quit. Text typed in an open form is saved first; after a failed save the user
        chooses: retry, save as another file, or quit and lose the change."""
        if self._apply_forms(ask=True) is None:
            return  # the form says what is missing
        self.close_session()
        session = self.session
        if session is None or session.state.saved:
            self.exit()
        elif not isinstance(self.screen, UnsavedScreen):
            self.clear_notifications()  # the dialog says it all; a toast would cover it
            problem = session.state.problem or ""
            self.push_screen(UnsavedScreen(session.path.name, problem), self._unsaved_choice)

    def _apply_forms(self, ask: bool) -> bool | None:
        """Put what every open form holds into the session, topmost form first: True if
        there was one. When one cannot be applied (its check fails): with ``ask`` it stays
        open, says what is missing, and None is returned; without (on the way out) what it
        holds is kept as text in the data folder's ``rescued`` folder (:attr:`kept_forms`)."""
        forms = [
            screen
            for screen in reversed(self.screen_stack)
            if isinstance(screen, FormScreen) and screen.is_mounted and screen.holds_work
        ]
        applied = False
        for form in forms:
            try:
                if not form.changed():
                    continue
                while self.screen is not form:  # (help or a message above the form)
                    self.pop_screen()
                if form.apply():
                    applied = True
                    continue
            except Exception:  # (stopping on an error: the screens may be half gone)
                if ask:
                    raise
            if ask:
                self.notify(
                    f"Finish this form ({self.key_text('form.save')}) or cancel it "
                    f"({self.key_text('form.cancel')}), then quit.",
                    title="Not quitting yet",
                    severity="warning",
                )
                return None
            self._keep_form_text(form)
            form.holds_work = False  # (kept once)
        return applied

    def _keep_form_text(self, form: FormScreen) -> None:
        stem = self.session.path.stem if self.session else "aicharter"
        with contextlib.suppress(Exception):  # (on the way out: nothing more can be done)
            text = form.as_text()
            folder = private_dir(paths.data_dir() / "rescued")
            self.kept_forms.append(
                storage.dated_copy(folder, f"{stem}.form", text.encode(), suffix=".txt")
            )

    def _unsaved_choice(self, choice: str | None) -> None:
        session = self.session
        if session is None or choice is None:
            return
        if choice == "lose":
            self.exit()
        elif choice == "retry":
            ok = session.save()
            self.show_save_result(ok)
            if ok:
                self.exit()
        elif choice == "save_as":
            self.save_as(then_quit=True)

    def save_as(self, then_quit: bool = False) -> None:
        """Ask for a new file name, write the assessment there and carry on with it."""
        session = self.session
        if session is None:
            return
        home = Path.home()
        suggestion = home / session.path.name
        if suggestion == session.path or suggestion.exists():
            suggestion = home / f"{session.path.stem}-copy.toml"

        def done(values: dict[str, str] | None) -> None:
            if not values:
                return
            target = Path(values["path"]).expanduser()
            try:
                ok = session.save_as(target)
            except FileProblem as problem:
                self.push_screen(MessageScreen("Not saved", problem.message))
                return
            self.show_save_result(ok)
            if ok:
                recent.remember(target)
                if then_quit:
                    self.exit()

        self.push_screen(
            FormScreen(
                "Save as another file",
                [
                    Field(
                        "path", "File (a new one: nothing is written over)", str(suggestion), "path"
                    )
                ],
                lambda values: new_file_problem(values["path"], may_exist=False),
                holds_work=False,
            ),
            done,
        )

    def _watch_signals(self, on: bool) -> None:
        """Handle :data:`STOP_SIGNALS` while the app runs (only possible in the main thread)."""
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop = asyncio.get_running_loop()
            for signum in STOP_SIGNALS:
                if on:
                    loop.add_signal_handler(signum, self._stopped, signum)
                else:
                    loop.remove_signal_handler(signum)

    def _stopped(self, signum: int) -> None:
        """SIGTERM or SIGHUP: save at once what is pending, text being typed and open forms
        included, and exit. When the file cannot be saved, the work goes to a dated copy in
        the data folder and the exit message says where."""
        if self._stopping:
            return  # (a closed terminal may send SIGHUP and SIGTERM together)
        self._stopping = True
        self.close_session()
        session = self.session
        notes = []
        if session is not None and not session.state.saved:
            try:
                copy = session.rescue(paths.data_dir() / "rescued")
                recent.remember(copy)  # offered first at the next start
                notes.append(
                    f"{session.state.problem} Your work is in {copy}: open it with aicharter, "
                    "or copy it over the file once the problem is fixed."
                )
            except OSError as error:
                notes.append(
                    f"{session.state.problem} No copy could be written either "
                    f"({error.strerror or error})."
                )
        if self.kept_forms:
            notes.append(f"What a form held, as typed, is in {self.kept_forms[-1]}.")
        name = signal.Signals(signum).name
        message = visible(f"aicharter was stopped ({name}). " + " ".join(notes)) if notes else None
        if signum == signal.SIGHUP:
            # The terminal is gone: restoring it could block for ever on output nobody
            # reads, and everything is on disk already.
            os._exit(128 + signum)
        self.exit(return_code=128 + signum, message=message)

    def refresh_save_state(self) -> None:
        session = self.session
        if session is None:
            self.sub_title = ""
            return
        name = session.path.name
        if session.state.saved:
            self.sub_title = f"{name} · saved"
        else:
            self.sub_title = f"{name} · NOT SAVED ({self.key_text('app.save')} retries)"

    def _announce(self, change: Change) -> None:
        """The session recorded a change: the screen in front redraws (the others when they
        come back), and the header shows that a save is on its way."""
        self.refresh_save_state()
        for screen in reversed(self.screen_stack):
            if isinstance(screen, SessionScreen):
                screen.post_message(AssessmentChanged(change))
                break

    def show_save_result(self, ok: bool) -> None:
        """After a save: shows the saved state or the problem (a conflict asks what to do)."""
        self.refresh_save_state()
        session = self.session
        if not ok and session and session.state.conflict:
            if not isinstance(self.screen, ConflictScreen):
                self.push_screen(ConflictScreen(session.state.problem or ""), self._resolve)
            return
        if not ok and self.session and self.session.state.problem:
            self.notify(
                visible(self.session.state.problem)
                + " Your changes are kept on screen and saved with the next change or "
                f"{self.key_text('app.save')} (or save them as another file: "
                f"{self.key_text('app.palette')}).",
                title="Not saved",
                severity="error",
                timeout=12,
                markup=False,
            )

    def _resolve(self, choice: str | None) -> None:
        session = self.session
        if session is None or choice is None:
            return
        if choice == "keep":
            ok = session.keep_mine()
            self.show_save_result(ok)
            if ok and session.kept_theirs:
                self.notify(
                    visible(f"Saved yours. Theirs is kept in {session.kept_theirs.name}."),
                    timeout=8,
                    markup=False,
                )
            return
        try:
            session.reload()
        except FileProblem as problem:
            self.push_screen(MessageScreen("The other version cannot be read", problem.message))
            return
        self.refresh_save_state()
        self.notify("Reloaded the version on disk.", timeout=4)
        self.show_overview()  # the screens open may show systems that no longer exist

    def action_save(self) -> None:
        if self.session is not None:
            ok = self.session.save()
            self.show_save_result(ok)
            if ok:
                self.notify("Saved.", timeout=2)

    # -- reports ---------------------------------------------------------------------------------

    def export_report(self, fmt: str, system_id: str | None, path: str | None) -> Path | None:
        """Write a report of the open assessment (or the plan as CSV, or the timeline as an
        iCalendar file); explain a failure and return None."""
        from aicharter.outputs.report import CALENDAR, SPREADSHEET, default_output, render
        from aicharter.outputs.report.data import report_data

        session = self.session
        if session is None:
            return None
        target = Path(path).expanduser() if path else default_output(session.path, fmt, system_id)
        outcomes = session.outcomes
        if fmt == SPREADSHEET:
            from aicharter.outputs.plan_csv import to_csv

            text = to_csv(session.checklist, session.assessment, outcomes)
        elif fmt == CALENDAR:
            from aicharter.outputs.ics import to_ics
            from aicharter.outputs.timeline import timeline

            days = timeline(session.checklist, session.assessment, outcomes, self.today)
            text = to_ics(days, session.assessment, str(session.path.resolve()))
        else:
            data = report_data(
                session.checklist, session.assessment, outcomes, self.today, system_id
            )
            text = render(data, fmt)
        return self.write_output(target, text)

    def write_document(
        self, kind: str, system_id: str | None, fmt: str, path: str | None
    ) -> Path | None:
        """Write the vendor questionnaire (``kind="vendor"``) or a draft; explain a failure
        and return None."""
        from aicharter.outputs.documents.drafts import draft_document
        from aicharter.outputs.documents.render import default_document_path, render_document
        from aicharter.outputs.documents.vendor import vendor_questionnaire

        session = self.session
        if session is None:
            return None
        if kind == "vendor":
            assert system_id is not None
            doc = vendor_questionnaire(
                session.checklist,
                session.assessment,
                session.outcome(system_id),
                system_id,
                self.today,
            )
        else:
            doc = draft_document(
                session.checklist, session.assessment, session.outcomes, kind, system_id, self.today
            )
        default = default_document_path(session.path, kind, fmt, system_id)
        target = Path(path).expanduser() if path else default
        return self.write_output(target, render_document(doc, fmt))

    def write_output(self, target: Path, text: str) -> Path | None:
        from aicharter.outputs.report import write_report

        try:
            write_report(target, text)
        except FileProblem as problem:
            self.push_screen(MessageScreen("The file could not be written", problem.message))
            return None
        return target

    def show_exported(self, path: Path, title: str = "Report written") -> None:
        """Where the report went, and one key to open it with the computer's own viewer."""

        def chosen(choice: str | None) -> None:
            if choice == "open":
                problem = open_with_viewer(path)
                if problem:
                    self.push_screen(MessageScreen("The file could not be opened", problem))

        self.push_screen(ExportedScreen(str(path.resolve()), title), chosen)

    # -- keys: help and command palette from the registry ----------------------------------------

    def _load_keymap(self) -> None:
        keymap, problems = read_keymap(REMAPPABLE)
        self.user_keymap = keymap
        if keymap:
            self.set_keymap(keymap)
        if problems:
            self.notify(
                visible(" ".join(problems)) + " The other keys work as usual.",
                title="Key map",
                severity="warning",
                timeout=10,
                markup=False,
            )

    def key_text(self, key_id: str) -> str:
        """How a key is named in a message or a hint, with the key map applied."""
        return display(key_id, self.user_keymap)

    def key_rows(self, screen: Screen[object]) -> list[KeyRow]:
        """The keys that work on ``screen`` now: its own, then the app's, as F1 and the
        command palette show them (a key the screen cannot use at the moment is left out)."""
        rows: list[KeyRow] = []
        scope = getattr(screen, "KEY_SCOPE", None)
        for node, scope_name in ((screen, scope), (self, "app")):
            if scope_name is None:
                continue
            for key in KEYS[scope_name]:
                action = key.action.removeprefix("app.")
                target = self if key.action.startswith("app.") else node
                if key.action and target.check_action(action, ()) is False:
                    continue
                shown = display(key.id, self.user_keymap, show=(key.id,)) if key.key else ""
                rows.append(KeyRow(shown, key.title, key.tooltip, action, target))
        return rows

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """This app's commands only, named as in F1 help: each action once."""
        seen: set[str] = set()
        for row in self.key_rows(screen):
            if not row.action or row.action.startswith(("pick", "key(")) or row.title in seen:
                continue
            seen.add(row.title)
            # the palette reads help as markup: no square brackets around the key
            help_text = f"{row.help} (key: {row.key})" if row.key else row.help
            yield SystemCommand(
                row.title, help_text, partial(self.run_action, row.action, row.node)
            )

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return
        self.push_screen(
            HelpScreen(
                self.screen.title or "aicharter",
                self.key_rows(self.screen),
                self.key_text("app.palette"),
            )
        )

    def action_toggle_theme(self) -> None:
        self.theme = THEMES[1] if self.theme == THEMES[0] else THEMES[0]
