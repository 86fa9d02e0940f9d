"""What every assessment screen shares: the session, and saving after each change."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, cast

from textual.screen import Screen

from aicharter.session import Change, Session
from aicharter.tui.keys import display, keymap_of
from aicharter.tui.messages import AssessmentChanged
from aicharter.tui.screens.dialogs import Field, FormScreen

if TYPE_CHECKING:
    from aicharter.tui.app import AICharterApp


class SessionScreen(Screen[None]):
    """A screen that shows part of the open assessment."""

    @property
    def charter_app(self) -> AICharterApp:
        return cast("AICharterApp", self.app)

    @property
    def session(self) -> Session:
        session = self.charter_app.session
        assert session is not None, "no assessment is open"
        return session

    @property
    def system_here(self) -> str | None:
        """The id of the system this screen is about, if it is about one."""
        return None

    def _gone(self) -> bool:
        """The system shown here no longer exists (an undo took it away): leave, and say so."""
        here = self.system_here
        if here is None or any(s.id == here for s in self.session.assessment.systems):
            return False
        if self.app.screen is self:
            self.app.pop_screen()
        return True

    def on_assessment_changed(self, message: AssessmentChanged) -> None:
        """The session announced a change: redraw from it, and say what an undo did or what
        a change did to a verdict."""
        note = change_note(message.change, self.system_here, keymap_of(self.app))
        if self._gone():
            if note:
                self.app.notify(note, timeout=6)
            return
        self.refresh_view()
        if note:
            self.tell(note)
        self.after_change(message.change)

    def after_change(self, change: Change) -> None:
        """What a screen does after its redraw for ``change`` (the walk-through goes back to
        the question an undo restored). Textual calls every class's message handler, so
        screens override this rather than the handler."""

    def tell(self, note: str) -> None:
        """Show ``note`` where the eye is: a notification here; screens with an outcome bar
        put it on the bar."""
        self.notify(note, timeout=6)

    def refresh_view(self) -> None:
        """Redraw from the session; screens override it."""

    def flush_typing(self) -> None:
        """Hand the session any text still waiting for a pause in the typing; screens with
        text boxes override it. The app calls it before it closes the file."""

    def on_screen_resume(self) -> None:
        if not self._gone():
            self.refresh_view()

    def edit_system_details(self, system_id: str) -> None:
        """The form for a system's name, vendor, description and intended purpose."""
        system = self.session.assessment.system(system_id)

        def done(values: dict[str, str] | None) -> None:
            if values is not None:
                self.session.update_system(
                    system_id,
                    values["name"].strip(),
                    values["vendor"],
                    values["description"],
                    values["purpose"],
                )

        self.app.push_screen(
            FormScreen(
                "AI system details",
                system_fields(
                    system.name, system.vendor, system.description, system.intended_purpose
                ),
                name_check,
            ),
            done,
        )


def change_note(change: Change, here: str | None, keymap: Mapping[str, str]) -> str:
    """What to tell the user about ``change``: what an undo or redo did, and each part of a
    verdict it moved ("Tier: High-risk → Minimal risk"), with the key that reverts it. Names
    the system unless it is the one shown (``here``). Empty when there is nothing to say."""
    parts = []
    if change.undone:
        parts.append(f"{'Undone' if change.undone == 'undo' else 'Redone'}: {change.what}")
    for shift in change.shifts:
        name = "" if shift.system_id == here else f"{shift.system}: "
        parts.append(name + shift.text())
    if not parts:
        return ""
    key = "app.redo" if change.undone == "undo" else "app.undo"
    verb = "redoes" if change.undone == "undo" else "undoes"
    return f"{' · '.join(parts)} ({display(key, keymap)} {verb})"


def system_fields(
    name: str = "",
    vendor: str | None = "",
    description: str | None = "",
    purpose: str | None = "",
) -> list[Field]:
    return [
        Field("name", "Name", name),
        Field("vendor", "Provider or vendor", vendor or ""),
        Field("description", "What it does", description or "", "text"),
        Field("purpose", "Intended purpose", purpose or ""),
    ]


def name_check(values: dict[str, str]) -> str | None:
    return None if values["name"].strip() else "A name is needed."


class WrappingScreen(SessionScreen):
    """A screen of one long text that wraps its own lines (so that a wrapped line goes on
    under its text, with one widget for hundreds of lines) at the width of its scroll area,
    ``WRAP_AREA``, and again when that width changes."""

    WRAP_AREA = ""
    """The id selector of the scroll area the text fills."""

    def wrap_width(self) -> int | None:
        """The columns the text has now; None before the first layout."""
        return self.query_one(self.WRAP_AREA).scrollable_content_region.width or None

    def draw(self) -> None:
        """Draw the text at :meth:`wrap_width`."""
        raise NotImplementedError

    def draw_when_sized(self) -> None:
        """Draw now, or once the width is known (not twice)."""
        if self.wrap_width():
            self.draw()
        else:
            self.call_after_refresh(self.draw)

    def on_resize(self) -> None:
        self.call_after_refresh(self.draw)
