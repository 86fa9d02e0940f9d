"""Where each screen leads: screens ask the app to open another and never import it, and
each rule about opening one (a FRIA worksheet only where a FRIA applies) is made here once."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App

from aicharter.outputs.vocabulary import fria_applies
from aicharter.session import ORGANISATION, Owner, Session
from aicharter.tui.keys import display, keymap_of


class NavigatingApp(App[None]):
    """The routes between the assessment's screens."""

    session: Session | None

    def _session(self) -> Session:
        assert self.session is not None, "no assessment is open"
        return self.session

    def open_walk(self, owner: Owner, start: str | None = None) -> None:
        """The walk-through of one system's questions, or the organisation's (at ``start``,
        else at the first question still open)."""
        from aicharter.tui.screens.walk import WalkScreen

        self.push_screen(WalkScreen(owner, start))

    def open_dashboard(self, then: Callable[[None], None] | None = None) -> None:
        """The organisation dashboard: every system's verdict, decision and dates (``then``
        is called when it is closed)."""
        from aicharter.tui.screens.dashboard import DashboardScreen

        self.push_screen(DashboardScreen(), then)

    def open_timeline(self) -> None:
        """Every legal date and due date, of every system and the organisation."""
        from aicharter.tui.screens.timeline import TimelineScreen

        self.push_screen(TimelineScreen())

    def open_plan(self, owner: Owner) -> None:
        """A system's plan, or the organisation-wide steps."""
        from aicharter.tui.screens.plan import PlanScreen

        self.push_screen(PlanScreen(owner))

    def open_why(self, owner: Owner) -> None:
        """The reasons behind a system's outcome (the organisation has none of its own)."""
        from aicharter.tui.screens.why import WhyScreen

        if owner is ORGANISATION:
            self.notify("The reasons are per AI system: open one from the overview.", timeout=4)
            return
        self.push_screen(WhyScreen(owner))

    def open_fria(self, owner: Owner) -> None:
        """A system's FRIA worksheet, where a FRIA is mandatory or recommended."""
        from aicharter.tui.screens.fria import FriaScreen

        if owner is ORGANISATION:
            self.notify("The FRIA is per AI system: open one from the overview.", timeout=4)
            return
        if not fria_applies(self._session().outcome(owner)):
            self.notify(
                "No FRIA for this system: it concerns high-risk systems (see "
                f"{display('overview.why', keymap_of(self))} for why).",
                timeout=4,
            )
            return
        self.push_screen(FriaScreen(owner))

    def open_team(self) -> None:
        """The multi-stakeholder team (checklist step 1)."""
        from aicharter.tui.screens.team import TeamScreen

        self.push_screen(TeamScreen())
