"""The organisation dashboard: every system's verdict with its basis, decision, what needs
review and the next legal date; under it, where the timeline stands."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Static

from aicharter.outputs.dashboard import Dashboard, dashboard
from aicharter.outputs.timeline import day_heading
from aicharter.outputs.vocabulary import WARNING_MARK
from aicharter.sanitize import visible
from aicharter.tui.keys import bindings
from aicharter.tui.screens.base import SessionScreen

TIER_STYLE = {"prohibited": "bold $error", "high": "bold $warning"}


def dashboard_content(board: Dashboard, organisation: str, timeline_key: str = "i") -> Content:
    """The dashboard as one plain-text document (names are never read as markup)."""
    count = len(board.systems)
    head = f"{organisation} · {count} AI system{'s' * (count != 1)}"
    blocks: list[Content | str | tuple[str, str]] = [(visible(head), "bold underline"), "\n\n"]
    for line in board.systems:
        blocks += [(visible(line.name), "bold"), "\n  "]
        blocks.append((visible(line.tier_text), TIER_STYLE.get(line.tier, "bold")))
        verdict = [line.basis, line.roles, line.fria]
        blocks.append(visible("".join(f" · {p}" for p in verdict if p)) + "\n")
        facts = [f"Decision: {line.decision}"]
        if line.review:
            facts.append(f"⚑ {line.review} to review")
        if line.next_date:
            n = line.next_count
            facts.append(
                f"next legal date {line.next_date.isoformat()} ({n} dut{'ies' if n != 1 else 'y'})"
            )
        blocks.append(visible("  " + " · ".join(facts)) + "\n")
        if line.warning:
            blocks.append((visible(f"  {WARNING_MARK} {line.warning}"), "$warning"))
            blocks.append("\n")
        if line.changed:
            blocks += [(visible(f"  {line.changed}"), "$accent"), "\n"]
        blocks.append("\n")
    coming = [d for d in board.days if d.date is not None and not d.past]
    if coming:
        first = coming[0]
        blocks.append(
            visible(
                f"Timeline: {len(coming)} date{'s' * (len(coming) != 1)} to come, the next "
                f"{day_heading(first)} ({len(first.events)} item"
                f"{'s' * (len(first.events) != 1)}); {timeline_key} shows them all.\n"
            )
        )
    return Content.assemble(*blocks)


class DashboardScreen(SessionScreen):
    CSS_PATH = "dashboard.tcss"
    BINDINGS = bindings("dashboard")
    KEY_SCOPE = "dashboard"

    def compose(self) -> ComposeResult:
        yield Header(icon="§")
        with VerticalScroll(id="board"):
            yield Static(id="systems")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Dashboard"
        self.refresh_view()
        self.query_one("#board").focus()

    def refresh_view(self) -> None:
        session = self.session
        board = dashboard(
            session.checklist, session.assessment, session.outcomes, self.charter_app.today
        )
        name = session.assessment.organisation.name or "Your organisation"
        key = self.charter_app.key_text("dashboard.timeline")
        self.query_one("#systems", Static).update(dashboard_content(board, name, key))

    def action_timeline(self) -> None:
        self.charter_app.open_timeline()

    def action_back(self) -> None:
        self.dismiss(None)
