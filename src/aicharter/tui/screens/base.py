"""What every assessment screen shares: the session, and saving after each change."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

from ...session import Session

if TYPE_CHECKING:
    from ..app import AICharterApp


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

    def saved(self, ok: bool) -> None:
        """Report the save that followed a change, then redraw."""
        self.charter_app.after_change(ok)
        self.refresh_view()

    def refresh_view(self) -> None:
        """Redraw from the session; screens override it."""

    def on_screen_resume(self) -> None:
        self.refresh_view()
