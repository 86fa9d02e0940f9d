"""The timeline: every date that matters, in order. When each legal duty applies (with the
systems it binds the firm for) and when each plan item is due, of every system and of the
organisation. The report and the calendar file show the same days."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Static

from aicharter.outputs.report import CALENDAR
from aicharter.outputs.timeline import NOT_DONE, OVERDUE, Day, day_heading, event_line, timeline
from aicharter.outputs.vocabulary import WARNING_MARK
from aicharter.sanitize import visible
from aicharter.tui.keys import bindings
from aicharter.tui.screens.base import WrappingScreen
from aicharter.tui.text import hang

NOTHING = "No dates yet: answer a system's questions, or give a plan item a due date."


@dataclass(frozen=True)
class Row:
    """A line of the timeline: a date, or an item with its mark (• ◦ ⚠)."""

    text: str
    mark: str = ""
    classes: str = ""


def timeline_rows(days: tuple[Day, ...], plan_key: str = "p") -> list[Row]:
    """The days as rows. A passed date takes one dimmed row for the duties in force since
    (the report lists them), then one warning row counts the plan items of duties in force
    not marked done; a passed date lists its plan items due, the overdue ones in the warning
    colour; a date to come lists everything."""
    rows: list[Row] = []
    undone = 0
    for day in days:
        if day.past:
            n = len(day.laws)
            bases = "; ".join(dict.fromkeys(e.basis for e in day.laws))
            laws = f": {n} dut{'y' if n == 1 else 'ies'} in force ({bases})" if n else ""
            date = day.date.isoformat() if n and day.date else day_heading(day)
            rows.append(Row(date + laws, classes="date past"))
            undone += sum(len(e.undone) for e in day.laws)
        else:
            if undone:
                rows.append(_undone_row(undone, plan_key))
                undone = 0
            rows.append(Row(day_heading(day), classes="date"))
        for event in day.events:
            if day.past and event.kind == "law":
                continue
            late = event.kind == "due" and day.past and not event.done
            classes = "late" if late else "past" if day.past else ""
            mark = "•" if event.kind == "law" else "◦"
            rows.append(Row(event_line(event, day.past), mark, f"item {classes}".strip()))
    if undone:
        rows.append(_undone_row(undone, plan_key))
    return rows


def _undone_row(undone: int, plan_key: str) -> Row:
    items = f"{undone} plan item{'s' * (undone != 1)} of these duties"
    text = f"{items} {NOT_DONE}: {plan_key} on the overview shows a system's plan"
    return Row(text, WARNING_MARK, "late")


ROW_STYLE = {
    "date": "bold $accent",
    "date past": "$text-muted",
    "item past": "$text-muted",
    "item late": "$warning",
    "late": "$warning",
}
"""How each kind of row looks."""


def rows_content(rows: list[Row], width: int | None) -> Content:
    """The rows as one plain-text document (never read as markup): a passed date in one
    dimmed line, an item indented with its mark, its wrapped lines under its text, and a
    blank line before each date to come."""
    blocks: list[Content | str | tuple[str, str]] = []
    for i, row in enumerate(rows):
        if row.classes == "date" and i:
            blocks.append("\n")
        indent = "  " if row.classes.startswith("item") else ""
        first = f"{indent}{row.mark} " if row.mark else indent
        rest = None if first else "  "  # a long date line goes on indented
        text = hang(visible(row.text), width, first, rest)
        blocks += [(text, ROW_STYLE.get(row.classes, "")), "\n"]
    return Content.assemble(*blocks)


class TimelineScreen(WrappingScreen):
    CSS_PATH = "timeline.tcss"
    BINDINGS = bindings("timeline")
    KEY_SCOPE = "timeline"
    WRAP_AREA = "#days"

    rows: list[Row]
    """What the screen shows now, row by row."""

    def compose(self) -> ComposeResult:
        yield Header(icon="§")
        with VerticalScroll(id="days"):
            yield Static(id="timeline")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_view()
        self.query_one("#days").focus()

    def refresh_view(self) -> None:
        session = self.session
        days = timeline(
            session.checklist, session.assessment, session.outcomes, self.charter_app.today
        )
        coming = sum(1 for d in days if not d.past)
        overdue = sum(1 for d in days if d.past for e in d.dues if not e.done)
        late = f" · {overdue} {OVERDUE}" if overdue else ""
        self.title = f"Timeline · {coming} date{'s' * (coming != 1)} to come{late}"
        plan_key = self.charter_app.key_text("overview.plan")
        self.rows = timeline_rows(days, plan_key) or [Row(NOTHING)]
        self.draw_when_sized()

    def draw(self) -> None:
        """The rows as one text (a file of 200 systems can have hundreds of due dates, too
        many for a widget each), wrapped at the width there is now under their own text."""
        width = self.wrap_width()
        self.query_one("#timeline", Static).update(rows_content(self.rows, width))

    def action_calendar(self) -> None:
        """The dates as an iCalendar file next to the assessment, for any calendar."""
        path = self.charter_app.export_report(CALENDAR, None, None)
        if path is not None:
            self.charter_app.show_exported(path, "Calendar written")

    def action_back(self) -> None:
        self.dismiss(None)
