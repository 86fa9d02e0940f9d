"""The organisation dashboard: every system's verdict with its basis, decision, what needs
review and the next legal date; under it, where the timeline stands."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Static

from aicharter.outputs.dashboard import Dashboard, dashboard
from aicharter.outputs.timeline import day_heading
from aicharter.outputs.vocabulary import CHANGED_MARK, WARNING_MARK
from aicharter.sanitize import visible
from aicharter.tui.keys import bindings
from aicharter.tui.screens.base import WrappingScreen
from aicharter.tui.text import hang

TIER_STYLE = {"prohibited": "bold $error", "high": "bold $warning"}


def dashboard_content(
    board: Dashboard, organisation: str, timeline_key: str = "i", width: int | None = None
) -> Content:
    """The dashboard as one plain-text document (names are never read as markup), its
    indented lines wrapped at ``width`` under their own text (one widget for the whole
    board: a file of 200 systems opens on it)."""
    count = len(board.systems)
    head = f"{organisation} · {count} AI system{'s' * (count != 1)}"
    blocks: list[Content | str | tuple[str, str]] = [(visible(head), "bold underline"), "\n\n"]
    for line in board.systems:
        blocks += [(visible(line.name), "bold"), "\n"]
        tier = visible(line.tier_text)
        verdict = visible("".join(f" · {p}" for p in (line.basis, line.roles, line.fria) if p))
        wrapped = hang(tier + verdict, width)
        start = wrapped.index(tier)
        blocks.append(
            Content(wrapped + "\n").stylize(
                TIER_STYLE.get(line.tier, "bold"), start, start + len(tier)
            )
        )
        facts = [f"Decision: {line.decision}"]
        if line.review:
            facts.append(f"⚑ {line.review} to review")
        if line.next_date:
            n = line.next_count
            facts.append(
                f"next legal date {line.next_date.isoformat()} ({n} dut{'ies' if n != 1 else 'y'})"
            )
        blocks.append(hang(visible(" · ".join(facts)), width) + "\n")
        if line.warning:
            warning = hang(visible(line.warning), width, f"  {WARNING_MARK} ")
            blocks += [(warning, "$warning"), "\n"]
        if line.changed:
            changed = line.changed.removeprefix(CHANGED_MARK + " ")
            blocks += [(hang(visible(changed), width, f"  {CHANGED_MARK} "), "$accent"), "\n"]
        blocks.append("\n")
    coming = [d for d in board.days if d.date is not None and not d.past]
    if coming:
        first = coming[0]
        n = len(first.events)
        text = (
            f"Timeline: {len(coming)} date{'s' * (len(coming) != 1)} to come, the next "
            f"{day_heading(first)} ({n} item{'s' * (n != 1)}); {timeline_key} shows them all."
        )
        blocks.append(hang(visible(text), width, "") + "\n")
    return Content.assemble(*blocks)


class DashboardScreen(WrappingScreen):
    CSS_PATH = "dashboard.tcss"
    BINDINGS = bindings("dashboard")
    KEY_SCOPE = "dashboard"
    WRAP_AREA = "#board"

    def compose(self) -> ComposeResult:
        yield Header(icon="§")
        with VerticalScroll(id="board"):
            yield Static(id="systems")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Dashboard"
        self.refresh_view()
        self.query_one("#board").focus()

    board: Dashboard | None = None

    def refresh_view(self) -> None:
        session = self.session
        self.board = dashboard(
            session.checklist, session.assessment, session.outcomes, self.charter_app.today
        )
        self.draw_when_sized()

    def draw(self) -> None:
        """The board at the width there is now (wrapped lines keep their indent)."""
        if self.board is None:
            return
        name = self.session.assessment.organisation.name or "Your organisation"
        key = self.charter_app.key_text("dashboard.timeline")
        systems = self.query_one("#systems", Static)
        width = self.wrap_width()
        systems.update(dashboard_content(self.board, name, key, width))

    def action_timeline(self) -> None:
        self.charter_app.open_timeline()

    def action_back(self) -> None:
        self.dismiss(None)
