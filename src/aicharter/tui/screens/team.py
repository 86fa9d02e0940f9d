"""The governance team (checklist step #1): name, role, contact."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import DataTable, Footer, Header, Static

from aicharter.tui.keys import bindings
from aicharter.tui.screens.base import SessionScreen
from aicharter.tui.screens.dialogs import ConfirmScreen, Field, FormScreen
from aicharter.tui.text import cell, plain


def _check(values: dict[str, str]) -> str | None:
    if not values["name"].strip():
        return "A name is needed."
    if not values["role"]:
        return "Choose a role."
    return None


class TeamScreen(SessionScreen):
    CSS_PATH = "team.tcss"
    TITLE = "Governance team"
    AUTO_FOCUS = "#team"
    BINDINGS = bindings("team")
    KEY_SCOPE = "team"

    def compose(self) -> ComposeResult:
        yield Header(icon="§")
        yield Static(id="advice")
        yield DataTable(id="team", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#team", DataTable)
        table.add_columns("Name", "Role", "Contact")
        self.refresh_view()

    def refresh_view(self) -> None:
        checklist = self.session.checklist
        roles = {r.id: r.title for r in checklist.team_roles}
        team = self.session.assessment.team
        covered = {m.role for m in team}
        missing = [r.title for r in checklist.team_roles if r.id not in covered and r.recommended]
        advice = "The Charter recommends a multi-stakeholder team (checklist #1)."
        if missing:
            advice += " Not yet covered: " + ", ".join(missing) + "."
        self.query_one("#advice", Static).update(plain(advice))
        table = self.query_one("#team", DataTable)
        cursor = table.cursor_row
        table.clear()
        for member in team:
            table.add_row(
                cell(member.name),
                cell(roles.get(member.role, member.role)),
                cell(member.contact or ""),
            )
        if team:
            table.move_cursor(row=min(cursor, len(team) - 1))

    def _form(self, title: str, name: str = "", role: str = "", contact: str = "") -> FormScreen:
        roles = [(r.title, r.id) for r in self.session.checklist.team_roles]
        return FormScreen(
            title,
            [
                Field("name", "Name", name),
                Field("role", "Role", role, "select", roles),
                Field("contact", "Contact", contact),
            ],
            _check,
        )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def action_add(self) -> None:
        def done(values: dict[str, str] | None) -> None:
            if values:
                self.session.add_member(values["name"].strip(), values["role"], values["contact"])

        self.app.push_screen(self._form("Add a team member"), done)

    def action_edit(self) -> None:
        team = self.session.assessment.team
        if not team:
            return
        index = min(self.query_one("#team", DataTable).cursor_row, len(team) - 1)
        member = team[index]

        def done(values: dict[str, str] | None) -> None:
            if values:
                self.session.update_member(
                    index, values["name"].strip(), values["role"], values["contact"]
                )

        self.app.push_screen(
            self._form("Team member", member.name, member.role, member.contact or ""), done
        )

    def action_remove(self) -> None:
        team = self.session.assessment.team
        if not team:
            return
        index = min(self.query_one("#team", DataTable).cursor_row, len(team) - 1)

        def done(yes: bool | None) -> None:
            if yes:
                self.session.remove_member(index)

        self.app.push_screen(ConfirmScreen(f"Remove {team[index].name} from the team?"), done)

    def action_back(self) -> None:
        self.dismiss(None)
