"""The overview: every AI system with its outcome and progress, and the organisation beside."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Footer, Header, Static

from aicharter.outputs.changes import change_line
from aicharter.outputs.report import CALENDAR, SPREADSHEET
from aicharter.outputs.vocabulary import (
    CHANGED_MARK,
    STATUS,
    Progress,
    decisive_line,
    fria_applies,
    fria_label,
    roles_short,
    tier_label,
)
from aicharter.rules.plan import organisation_steps
from aicharter.sanitize import visible
from aicharter.session import ORGANISATION
from aicharter.tui.keys import bindings
from aicharter.tui.screens.base import SessionScreen, name_check, system_fields
from aicharter.tui.screens.dialogs import ConfirmScreen, Field, FormScreen, PickScreen
from aicharter.tui.text import cell, plain, progress_bar
from aicharter.tui.widgets.fit import fit_column

NAME_MIN = 17

DOCUMENT_FORMATS = [("HTML (prints on A4)", "html"), ("Markdown", "md")]


class OverviewScreen(SessionScreen):
    CSS_PATH = "overview.tcss"
    TITLE = "Overview"
    AUTO_FOCUS = "#systems"
    BINDINGS = bindings("overview")
    KEY_SCOPE = "overview"

    def __init__(self) -> None:
        super().__init__()
        self.highlight_next: str | None = None
        """A system just added or copied: the row to highlight when the table is redrawn."""

    def compose(self) -> ComposeResult:
        yield Header(icon="§")
        with Vertical(id="body"):
            with Vertical(id="main"):
                table: DataTable[object] = DataTable(id="systems", cursor_type="row")
                yield table
                yield Static(id="decisive")
                yield Static(id="totals")
            yield Static(id="organisation")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#systems", DataTable)
        table.add_column("AI system", key="name", width=NAME_MIN)
        table.add_column("Tier", key="tier", width=16)
        table.add_column("Role", key="role", width=9)
        table.add_column("FRIA", key="fria", width=11)
        table.add_column("Answered", key="progress", width=9)
        table.add_column("Plan", key="left", width=4)  # plan items still to do
        # (drawn by the screen-resume that follows, like every time the overview comes back)

    def on_resize(self) -> None:
        fit_column(self.query_one("#systems", DataTable), "name", NAME_MIN)

    # -- drawing -------------------------------------------------------------------------------

    def selected_id(self) -> str | None:
        table = self.query_one("#systems", DataTable)
        if not self.session.assessment.systems or table.row_count == 0:
            return None
        row = min(table.cursor_row, table.row_count - 1)
        return str(table.coordinate_to_cell_key(Coordinate(row, 0)).row_key.value)

    def refresh_view(self) -> None:
        session = self.session
        table = self.query_one("#systems", DataTable)
        keep, self.highlight_next = self.highlight_next or self.selected_id(), None
        table.clear()
        total = Progress(0, 0, 0)
        changed = 0
        for system in session.assessment.systems:
            out = session.outcome(system.id)
            progress = session.system_progress(system.id)
            total = total + progress
            tier = tier_label(out.tier, short=True)
            if out.needs_review:
                tier += " ⚑"
            since = session.since_review(system.id)
            if since is not None and since.changed:
                tier += " " + CHANGED_MARK
                changed += 1
            style = {"prohibited": "bold red", "high": "bold yellow"}.get(out.tier, "")
            table.add_row(
                cell(system.name, overflow="ellipsis", no_wrap=True),
                Text(tier, style=style),
                Text(roles_short(out)),
                Text(fria_label(out.fria, short=True).replace("FRIA ", "")),
                Text(progress_bar(progress.answered, progress.questions, 4)),
                Text(str(progress.items_left)),
                key=system.id,
            )
        if keep is not None:
            ids = [s.id for s in session.assessment.systems]
            if keep in ids:
                table.move_cursor(row=ids.index(keep))
        self.show_decisive()
        org = session.organisation_progress()
        steps = organisation_steps(session.checklist, session.assessment)
        total = total + org
        count = len(session.assessment.systems)
        self.query_one("#totals", Static).update(
            plain(
                f"{count} AI system{'s' if count != 1 else ''} · in all {total.text()} · "
                "⚑ to review" + (f" · {CHANGED_MARK} changed" if changed else "")
                if count
                else f"No AI systems yet: press {self.charter_app.key_text('overview.add')} to add "
                "the first one."
            )
        )
        name = session.assessment.organisation.name or (
            f"(not named yet: press {self.charter_app.key_text('overview.organisation')})"
        )
        lines = [
            f"{name} · team of {len(session.assessment.team)}",
            f"Organisation: {org.text()} · its steps:",
        ]
        for row in steps:
            assert row.task is not None
            status = STATUS[row.task.status]
            lines.append(f"{status.short} {row.title} ({status.prose})")
        self.query_one("#organisation", Static).update(plain("\n".join(lines)))
        self.refresh_bindings()

    # -- actions ---------------------------------------------------------------------------------

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.refresh_bindings()  # the FRIA key depends on the system highlighted
        self.show_decisive()

    def show_decisive(self) -> None:
        """Under the table: the highlighted system's basis and headline warning."""
        system_id = self.selected_id()
        line = decisive_line(self.session.outcome(system_id)) if system_id else ""
        since = self.session.since_review(system_id) if system_id else None
        if since is not None and since.changed:
            why = self.charter_app.key_text("overview.why")
            line = "\n".join(filter(None, [f"{change_line(since)} ({why}: why)", line]))
        decisive = self.query_one("#decisive", Static)
        decisive.update(plain(line))
        decisive.display = bool(line)

    NEEDS_SYSTEM = (
        "open",
        "plan",
        "why",
        "fria",
        "details",
        "duplicate",
        "delete",
        "link",
        "vendor",
        "draft",
        "review",
    )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only the keys that work here now are in the footer, F1 and the palette."""
        if action not in self.NEEDS_SYSTEM or not self.is_mounted:
            return True
        system_id = self.selected_id()
        if system_id is None:
            return False
        if action == "fria":
            return fria_applies(self.session.outcome(system_id))
        if action == "link":
            return len(self.session.assessment.systems) > 1
        return True

    def _with_system(self) -> str | None:
        system_id = self.selected_id()
        if system_id is None:
            self.notify(
                f"Add an AI system first ({self.charter_app.key_text('overview.add')}).", timeout=3
            )
        return system_id

    def action_open(self) -> None:
        if system_id := self._with_system():
            self.charter_app.open_walk(system_id)

    def action_plan(self) -> None:
        if system_id := self._with_system():
            self.charter_app.open_plan(system_id)

    def action_why(self) -> None:
        if system_id := self._with_system():
            self.charter_app.open_why(system_id)

    def action_organisation(self) -> None:
        self.charter_app.open_walk(ORGANISATION)

    def action_dashboard(self) -> None:
        self.charter_app.open_dashboard()

    def action_team(self) -> None:
        self.charter_app.open_team()

    def action_org_steps(self) -> None:
        self.charter_app.open_plan(ORGANISATION)

    def action_fria(self) -> None:
        if system_id := self._with_system():
            self.charter_app.open_fria(system_id)

    def action_timeline(self) -> None:
        self.charter_app.open_timeline()

    def action_review(self) -> None:
        if system_id := self._with_system():
            self.session.mark_reviewed(system_id)
            name = self.session.assessment.system(system_id).name
            self.notify(
                visible(
                    f"Recorded the verdict of “{name}”. When it changes (new answers, a newer "
                    f"checklist) the overview marks it {CHANGED_MARK} and Why? says what did it."
                ),
                timeout=6,
                markup=False,
            )

    def action_vendor(self) -> None:
        from aicharter.outputs.documents.vendor import open_questions, provider_facts

        system_id = self._with_system()
        if system_id is None:
            return
        session = self.session
        system = session.assessment.system(system_id)
        outcome = session.outcome(system_id)
        asked = open_questions(session.checklist, system, outcome)
        facts = provider_facts(session.checklist, outcome)
        if session.checklist.vendor is None:
            self.notify("This checklist has no questionnaire for providers.", timeout=4)
            return
        if not asked and not facts:
            self.notify(
                "Nothing to ask this system's provider: no open question it can settle, and no "
                "legal duty that depends on its information.",
                timeout=5,
            )
            return
        points = len(asked) + len(facts)
        to = f"to {system.vendor}" if system.vendor else "to the provider"
        self._write_document(
            f"Questionnaire {to} about “{system.name}”: {points} point{'s' * (points != 1)}",
            system_id,
            [],
        )

    def action_draft(self) -> None:
        from aicharter.outputs.documents.drafts import drafts_for

        system_id = self._with_system()
        if system_id is None:
            return
        session = self.session
        offered = drafts_for(session.checklist, session.outcomes, system_id)
        offered += drafts_for(session.checklist, session.outcomes, None)
        if not offered:
            self.notify("No draft applies: none of this system's duties asks for one.", timeout=5)
            return
        kinds = [(f"{d.label} ({d.basis[0]})", d.id) for d in offered]
        name = session.assessment.system(system_id).name
        self._write_document(f"Draft a document for “{name}”", system_id, kinds)

    def _write_document(self, title: str, system_id: str, kinds: list[tuple[str, str]]) -> None:
        """The questionnaire (no ``kinds``) or a draft: its format and file, then the file."""
        fields = [Field("kind", "Document", kinds[0][1], "select", kinds)] if kinds else []
        fields += [
            Field("format", "Format", "html", "select", DOCUMENT_FORMATS),
            Field("path", "File (empty: next to the assessment)", "", "path"),
        ]

        def done(values: dict[str, str] | None) -> None:
            if values is None:
                return
            kind = values.get("kind", "vendor")
            scope = self.session.checklist.draft_map[kind].scope if kinds else "system"
            path = self.charter_app.write_document(
                kind,
                system_id if scope == "system" else None,
                values["format"],
                values["path"].strip() or None,
            )
            if path is not None:
                self.charter_app.show_exported(path, "Draft written" if kinds else title_written)

        title_written = "Questionnaire written"
        self.app.push_screen(FormScreen(title, fields, holds_work=False), done)

    def action_export(self) -> None:
        session = self.session
        systems = [("All systems", "")] + [(s.name, s.id) for s in session.assessment.systems]
        formats = [
            *DOCUMENT_FORMATS,
            ("JSON", "json"),
            ("The plan as CSV, for a spreadsheet (all systems)", SPREADSHEET),
            ("The dates as an iCalendar file (all systems)", CALENDAR),
        ]

        def check(values: dict[str, str]) -> str | None:
            if not values["format"]:
                return "Choose a format."
            return None

        def done(values: dict[str, str] | None) -> None:
            if values is None:
                return
            path = self.charter_app.export_report(
                values["format"], values["system"] or None, values["path"].strip() or None
            )
            if path is not None:
                self.charter_app.show_exported(path)

        self.app.push_screen(
            FormScreen(
                "Export the report",
                [
                    Field("format", "Format", "html", "select", formats),
                    Field("system", "AI system", "", "select", systems),
                    Field("path", "File (empty: next to the assessment)", ""),
                ],
                check,
                holds_work=False,
            ),
            done,
        )

    def action_files(self) -> None:
        self.charter_app.show_start()

    def action_add(self) -> None:
        def add(values: dict[str, str]) -> None:
            system = self.session.add_system(values["name"].strip())
            self.session.update_system(
                system.id,
                system.name,
                values["vendor"],
                values["description"],
                values["purpose"],
            )
            self.highlight_next = system.id  # (the table is redrawn on the announcement)

        def done(values: dict[str, str] | None) -> None:
            if not values:
                return
            name = values["name"].strip()
            taken = {s.name.strip().casefold() for s in self.session.assessment.systems}
            if name.casefold() not in taken:
                add(values)
                return
            self.app.push_screen(
                ConfirmScreen(f"'{name}' is already in this assessment. Add a second one?"),
                lambda yes: add(values) if yes else None,
            )

        self.app.push_screen(
            FormScreen("Add an AI system", system_fields(), name_check),
            done,
        )

    def action_details(self) -> None:
        system_id = self._with_system()
        if system_id is not None:
            self.edit_system_details(system_id)

    def action_duplicate(self) -> None:
        system_id = self._with_system()
        if system_id:
            self.highlight_next = self.session.duplicate_system(system_id).id

    def action_delete(self) -> None:
        system_id = self._with_system()
        if system_id is None:
            return
        name = self.session.assessment.system(system_id).name

        def done(yes: bool | None) -> None:
            if yes:
                self.session.delete_system(system_id)

        self.app.push_screen(
            ConfirmScreen(
                f"Delete '{name}' and all its answers? The .bak file keeps the last version."
            ),
            done,
        )

    def action_link(self) -> None:
        system_id = self._with_system()
        if system_id is None:
            return
        system = self.session.assessment.system(system_id)
        others = [(s.id, s.name) for s in self.session.assessment.systems if s.id != system_id]
        if not others:
            self.notify("Add the other systems of the use case first.", timeout=4)
            return

        def done(chosen: list[str] | None) -> None:
            if chosen is not None:
                self.session.set_combined(system_id, chosen)

        self.app.push_screen(
            PickScreen(
                f"Combined use case: which systems work together with '{system.name}'?",
                others,
                system.combined_with,
            ),
            done,
        )
