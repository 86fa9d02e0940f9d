"""The timeline: every date that matters, in order. When each legal duty applies (with the
systems it binds the firm for) and when each plan item is due, of every system and of the
organisation. The report and the calendar file show the same days."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Static

from aicharter.outputs.report import CALENDAR
from aicharter.outputs.timeline import OVERDUE, Day, day_heading, event_line, timeline
from aicharter.sanitize import visible
from aicharter.tui.keys import bindings
from aicharter.tui.screens.base import SessionScreen

NOTHING = "No dates yet: answer a system's questions, or give a plan item a due date."


def timeline_content(days: tuple[Day, ...]) -> Content:
    """The days as one plain-text document (names are never read as markup). A passed date
    takes one dimmed line for the duties in force since (the report lists them), and lists
    its plan items, the overdue ones in the warning colour; a date to come lists all."""
    if not days:
        return Content(NOTHING)
    blocks: list[Content | str | tuple[str, str]] = []
    for day in days:
        if day.past:
            n = len(day.laws)
            bases = "; ".join(dict.fromkeys(e.basis for e in day.laws))
            laws = f": {n} dut{'y' if n == 1 else 'ies'} in force ({bases})" if n else ""
            date = day.date.isoformat() if n and day.date else day_heading(day)
            blocks += [(visible(date + laws), "$text-muted"), "\n"]
        else:
            blocks += [(visible(day_heading(day)), "bold $accent"), "\n"]
        for event in day.events:
            if day.past and event.kind == "law":
                continue
            bullet = "• " if event.kind == "law" else "◦ "
            line = visible("  " + bullet + event_line(event, day.past))
            late = event.kind == "due" and day.past and not event.done
            style = "$warning" if late else "$text-muted" if day.past else ""
            blocks += [(line, style), "\n"]
        if not day.past:
            blocks.append("\n")
    return Content.assemble(*blocks)


class TimelineScreen(SessionScreen):
    CSS_PATH = "timeline.tcss"
    BINDINGS = bindings("timeline")
    KEY_SCOPE = "timeline"

    def compose(self) -> ComposeResult:
        yield Header(icon="§")
        with VerticalScroll(id="days"):
            yield Static(id="timeline")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Timeline"
        self.refresh_view()
        self.query_one("#days").focus()

    def refresh_view(self) -> None:
        session = self.session
        days = timeline(
            session.checklist, session.assessment, session.outcomes, self.charter_app.today
        )
        coming = sum(1 for d in days if not d.past)
        overdue = sum(1 for d in days if d.past for e in d.dues if not e.done)
        self.sub_title = f"{coming} to come" + (f" · {overdue} {OVERDUE}" if overdue else "")
        self.query_one("#timeline", Static).update(timeline_content(days))

    def action_calendar(self) -> None:
        """The dates as an iCalendar file next to the assessment, for any calendar."""
        path = self.charter_app.export_report(CALENDAR, None, None)
        if path is not None:
            self.charter_app.show_exported(path)

    def action_back(self) -> None:
        self.dismiss(None)
