"""Why? The reasons trail of one system: each conclusion, the rule and articles behind it, the
answers it rests on, what needs review and where the Charter reads otherwise."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Static

from aicharter.outputs.summary import conclusion_title, fact_reasons
from aicharter.outputs.vocabulary import fria_label, roles_text, tier_label
from aicharter.rules.engine import Outcome, Reason
from aicharter.sanitize import visible
from aicharter.tui.screens.base import SessionScreen


def _heading(text: str) -> Content:
    return Content.assemble((text, "bold underline"), "\n")


def _reason(checklist_title: str, reason: Reason) -> Content:
    parts: list[Content | str | tuple[str, str]] = [
        (visible(f"{checklist_title} → {reason.value.replace('_', ' ')}"), "bold"),
        "\n",
        visible(reason.text),
        "\n",
    ]
    if reason.basis:
        parts += [("  Basis: " + "; ".join(reason.basis), "italic"), "\n"]
    for answer in reason.answers:
        mark = "  (unsure: stricter reading assumed)" if answer.assumed else ""
        if answer.defaulted:
            mark = "  (from your organisation's answers)"
        parts.append(visible(f"  • {answer.text} → {answer.answer}{mark}\n"))
    if reason.differs:
        parts += [("  The Charter differs: " + ", ".join(reason.differs), "italic"), "\n"]
    if reason.review:
        parts += [("  ⚑ " + reason.review, "bold"), "\n"]
    return Content.assemble(*parts)


def why_content(outcome: Outcome, title_of: dict[str, str], differs: dict[str, str]) -> Content:
    """The whole trail as one plain-text document (user text is never read as markup)."""
    blocks: list[Content | str | tuple[str, str]] = []
    tier = tier_label(outcome.tier, short=True)
    blocks.append(
        (
            f"{tier} · {roles_text(outcome)} · {fria_label(outcome.fria, short=True)}"
            + (
                f" · safeguards: {', '.join(s.replace('_', ' ') for s in outcome.safeguards)}"
                if outcome.safeguards
                else ""
            ),
            "bold",
        )
    )
    blocks.append("\n\n")
    if outcome.needs_review:
        blocks.append(_heading("To review (the stricter reading is applied meanwhile)"))
        for review in outcome.needs_review:
            about = ", ".join(conclusion_title(c) for c in review.conclusions[:4])
            blocks.append(visible(f"⚑ {review.text}\n   affects: {about}\n"))
        blocks.append("\n")
    blocks.append(_heading("How the outcome was reached"))
    for reason in fact_reasons(outcome.reasons):
        blocks += [_reason(conclusion_title(reason.conclusion), reason), "\n"]
    safeguards = [r for r in outcome.reasons if r.conclusion.startswith("safeguard:")]
    if safeguards:
        blocks.append(_heading("Safeguards"))
        for reason in safeguards:
            name = reason.conclusion.split(":", 1)[1].replace("_", " ")
            blocks += [_reason(name, reason), "\n"]
    obligations = [r for r in outcome.reasons if r.conclusion.startswith("obligation:")]
    if obligations:
        blocks.append(_heading("Obligations"))
        for reason in obligations:
            oid = reason.conclusion.split(":", 1)[1]
            kind = "legal duty" if reason.value == "legal" else "Charter recommendation"
            blocks += [_reason(f"{title_of.get(oid, oid)} ({kind})", reason), "\n"]
    if outcome.notices:
        blocks.append(_heading("Notes"))
        for notice in outcome.notices:
            blocks.append(visible(f"• {notice.text}  [{'; '.join(notice.basis)}]\n"))
        blocks.append("\n")
    if outcome.charter_differs:
        blocks.append(_heading("Where the Charter or guide reads otherwise (the Act is followed)"))
        for differs_id in outcome.charter_differs:
            blocks.append(visible(f"{differs_id}: {differs[differs_id]}\n"))
    return Content.assemble(*blocks)


class WhyScreen(SessionScreen):
    CSS_PATH = "why.tcss"
    BINDINGS = [
        Binding("escape,w", "back", "Back", tooltip="Close the reasons"),
        Binding("home", "top", "Top", show=False, tooltip="Scroll to the top"),
    ]

    def __init__(self, system_id: str) -> None:
        super().__init__()
        self.system_id = system_id

    def compose(self) -> ComposeResult:
        yield Header(icon="§")
        with VerticalScroll(id="why"):
            yield Static(id="trail")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Why? " + self.session.assessment.system(self.system_id).name
        self.refresh_view()
        self.query_one("#why").focus()

    def refresh_view(self) -> None:
        checklist = self.session.checklist
        differs = {d.id: f"{d.where}: {d.says} The Act: {d.act}" for d in checklist.differs}
        titles = {o.id: o.title for o in checklist.obligations}
        self.query_one("#trail", Static).update(
            why_content(self.session.outcome(self.system_id), titles, differs)
        )

    def action_top(self) -> None:
        self.query_one("#why", VerticalScroll).scroll_home()

    def action_back(self) -> None:
        self.dismiss(None)
