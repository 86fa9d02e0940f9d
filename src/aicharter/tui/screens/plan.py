"""The plan: the ten-step checklist and the obligations under the ten requirements, each with
status, owner, due date, notes and evidence. For the organisation: steps #1, #6 and #10."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Footer, Header, Static
from textual.widgets.data_table import ColumnKey

from aicharter.files.assessment import Task
from aicharter.outputs.summary import obligation_date
from aicharter.outputs.vocabulary import STATUS, actor_text, fria_applies
from aicharter.rules.evaluate import timeline_of
from aicharter.rules.plan import PlanRow, organisation_steps, system_plan
from aicharter.session import ORGANISATION, Owner
from aicharter.tui.keys import bindings
from aicharter.tui.screens.base import SessionScreen
from aicharter.tui.screens.dialogs import Field, FormScreen
from aicharter.tui.text import cell, date_text, plain
from aicharter.tui.widgets.fit import fit_column
from aicharter.tui.widgets.outcome_bar import OutcomeBar


def _check_task(values: dict[str, str]) -> str | None:
    if values["due"].strip():
        try:
            dt.date.fromisoformat(values["due"].strip())
        except ValueError:
            return "Give the due date as YYYY-MM-DD, e.g. 2027-03-31."
    return None


class PlanScreen(SessionScreen):
    CSS_PATH = "plan.tcss"
    AUTO_FOCUS = "#plan"
    BINDINGS = bindings("plan")
    KEY_SCOPE = "plan"

    def __init__(self, owner: Owner) -> None:
        super().__init__()
        self.owner = owner
        self.rows: list[PlanRow] = []

    @property
    def system_here(self) -> str | None:
        return self.owner if isinstance(self.owner, str) else None

    def compose(self) -> ComposeResult:
        yield Header(icon="§")
        yield OutcomeBar(id="outcome")
        table: DataTable[object] = DataTable(id="plan", cursor_type="row")
        yield table
        yield Static(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        if self.owner is ORGANISATION:
            self.title = "Organisation-wide steps"
        else:
            self.title = "Plan: " + self.session.assessment.system(self.owner).name
        table = self.query_one("#plan", DataTable)
        table.add_column("", key="status", width=1)
        table.add_column("What to do", key="title", width=30)
        table.add_column("Kind", key="kind", width=5)
        # the dates of the assessment's timeline; the detail below gives the other one and
        # whether it was checked against the published text
        timeline = self.session.checklist.timeline_map[
            timeline_of(self.session.checklist, self.session.assessment)
        ]
        table.add_column(timeline.short.capitalize(), key="from", width=10)
        table.add_column("Owner", key="owner", width=12)
        table.add_column("Due", key="due", width=10)
        self.refresh_view()

    def on_resize(self) -> None:
        fit_column(self.query_one("#plan", DataTable), "title", 24)

    # -- drawing ---------------------------------------------------------------------------------

    def build_rows(self) -> list[PlanRow]:
        session = self.session
        if self.owner is ORGANISATION:
            return organisation_steps(session.checklist, session.assessment)
        outcome = session.outcome(self.owner)
        return system_plan(session.checklist, session.assessment, self.owner, outcome)

    def tell(self, note: str) -> None:
        self.query_one(OutcomeBar).show_note(note)

    def refresh_view(self) -> None:
        if not self.is_mounted:
            return
        today = self.charter_app.today
        self.rows = self.build_rows()
        bar = self.query_one(OutcomeBar)
        if self.owner is ORGANISATION:
            progress = self.session.organisation_progress()
            bar.show_text(f"Organisation-wide steps  │  {progress.text()}")
        else:
            outcome = self.session.outcome(self.owner)
            bar.show_outcome(outcome, self.session.system_progress(self.owner))
        table = self.query_one("#plan", DataTable)
        cursor = table.cursor_row
        table.clear()
        for index, row in enumerate(self.rows):
            task = row.task
            if row.kind == "requirement":
                kind = "legal" if row.legal else "rec."
                table.add_row(
                    Text(""),
                    cell(row.title, style="bold"),
                    Text(kind, style="bold"),
                    Text(""),
                    Text(""),
                    Text(""),
                    key=str(index),
                )
                continue
            assert task is not None
            indent = "    " if row.kind == "item" else ("  " if row.kind == "obligation" else "")
            kind = ""
            if row.kind == "obligation":
                kind = "legal" if row.legal else "rec."
            when = ""
            if row.applies_from is not None:
                when = date_text(row.applies_from)
            style = "dim" if task.status in ("done", "not_applicable") else ""
            from_style = "" if row.in_force(today) is not False else "italic"
            table.add_row(
                Text(STATUS[task.status].short),
                cell(indent + row.title, style=style, overflow="ellipsis", no_wrap=True),
                Text(kind, style="bold red" if kind == "legal" else ""),
                Text(when, style=from_style),
                cell(task.owner or "", overflow="ellipsis", no_wrap=True),
                Text(date_text(task.due)),
                key=str(index),
            )
        self._fit_columns(table)
        if self.rows:
            table.move_cursor(row=min(cursor, len(self.rows) - 1))
        self.show_detail()

    def _fit_columns(self, table: DataTable[object]) -> None:
        """Owner and due date take the room their contents need (their header's, while
        none is set), so that the titles get the rest."""
        tasks = [row.task for row in self.rows if row.task is not None]
        owners = [len(t.owner) for t in tasks if t.owner]
        widths = {
            "owner": min(max([len("Owner"), *owners]), 14),
            "due": 10 if any(t.due for t in tasks) else len("Due"),
        }
        for key, width in widths.items():
            column = table.columns[ColumnKey(key)]
            if column.width != width:
                column.width = width
        fit_column(table, "title", 24)

    def current(self) -> PlanRow | None:
        table = self.query_one("#plan", DataTable)
        if not self.rows:
            return None
        return self.rows[min(table.cursor_row, len(self.rows) - 1)]

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def show_detail(self) -> None:
        row = self.current()
        detail = self.query_one("#detail", Static)
        if row is None:
            detail.update(plain("Nothing to plan yet."))
            return
        today = self.charter_app.today
        lines = [row.title]
        if row.kind == "requirement":
            requirement = self.session.checklist.requirement_map[row.id]
            kind = "A legal obligation here" if row.legal else "A Charter recommendation here"
            lines.append(f"{kind} ({row.basis}). {requirement.summary}")
        elif row.kind == "obligation" and row.obligation is not None:
            kind = "Legal duty" if row.legal else "Charter recommendation"
            text = f"{kind} ({actor_text(row.obligation.actor)}): {row.basis}."
            date = obligation_date(self.session.checklist, self.session.assessment, row.obligation)
            if date:
                state = "in force" if row.in_force(today) else "not yet in force"
                text += f" Applies {date}; {state} on {today}."
            if row.obligation is not None and row.obligation.reason:
                text += " " + row.obligation.reason
            lines.append(text)
        elif row.kind == "step":
            step = next(s for s in self.session.checklist.steps if s.id == row.id)
            if step.help:
                lines.append(step.help)
        # what the user wrote comes right under the title, so the panel never hides it
        lines[1:1] = self._task_lines(row)
        detail.update(plain("\n".join(lines)))

    @staticmethod
    def _task_lines(row: PlanRow) -> list[str]:
        task = row.task
        if task is None:
            return []
        state = STATUS[task.status].prose
        owner = f", owner {task.owner}" if task.owner else ""
        due = f", due {date_text(task.due)}" if task.due else ""
        lines = [f"Status: {state}{owner}{due}"]
        if task.notes:
            lines.append("Notes: " + task.notes)
        if task.evidence:
            lines.append("Evidence: " + task.evidence)
        return lines

    # -- actions ---------------------------------------------------------------------------------

    def _kind(self, row: PlanRow) -> str:
        return "steps" if row.kind == "step" else "items"

    def action_cycle(self) -> None:
        row = self.current()
        if row is None or row.task is None:
            return
        self.session.cycle_status(self.owner, self._kind(row), row.id)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def action_edit(self) -> None:
        row = self.current()
        if row is None or row.task is None:
            return
        task = row.task
        team = [(m.name, m.name) for m in self.session.assessment.team]
        if task.owner and task.owner not in [name for name, _ in team]:
            team.append((task.owner, task.owner))

        def done(values: dict[str, str] | None) -> None:
            if values is None:
                return
            due = values["due"].strip()
            updated = Task(
                status=values["status"] or "not_started",
                owner=values["owner"] or None,
                due=dt.date.fromisoformat(due) if due else None,
                notes=values["notes"] or None,
                evidence=values["evidence"] or None,
            )
            self.session.set_task(self.owner, self._kind(row), row.id, updated)

        self.app.push_screen(
            FormScreen(
                row.title,
                [
                    Field(
                        "status",
                        "Status",
                        task.status,
                        "select",
                        [(label.prose, key) for key, label in STATUS.items()],
                    ),
                    Field("owner", "Owner (from the team)", task.owner or "", "select", team),
                    Field("due", "Due date (YYYY-MM-DD)", date_text(task.due)),
                    Field("notes", "Notes", task.notes or "", "text"),
                    Field("evidence", "Evidence", task.evidence or ""),
                ],
                _check_task,
            ),
            done,
        )

    def action_next_open(self) -> None:
        table = self.query_one("#plan", DataTable)
        start = table.cursor_row + 1
        order = list(range(start, len(self.rows))) + list(range(0, start))
        for index in order:
            if self.rows[index].is_open:
                table.move_cursor(row=index)
                return
        self.notify("Nothing open: every step and obligation is done or not applicable.", timeout=4)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only the keys that work here now are in the footer, F1 and the palette."""
        if action in ("why", "fria") and self.owner is ORGANISATION:
            return False
        if action == "fria" and self.owner is not ORGANISATION:
            return fria_applies(self.session.outcome(self.owner))
        return True

    def action_why(self) -> None:
        self.charter_app.open_why(self.owner)

    def action_fria(self) -> None:
        self.charter_app.open_fria(self.owner)

    def action_back(self) -> None:
        self.dismiss(None)
