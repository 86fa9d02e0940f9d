"""What every assessment screen shares: the session, and saving after each change."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

from aicharter.session import Session
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

    def on_assessment_changed(self, message: AssessmentChanged) -> None:
        """The session announced a change: redraw from it."""
        self.refresh_view()

    def refresh_view(self) -> None:
        """Redraw from the session; screens override it."""

    def flush_typing(self) -> None:
        """Hand the session any text still waiting for a pause in the typing; screens with
        text boxes override it. The app calls it before it closes the file."""

    def on_screen_resume(self) -> None:
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
