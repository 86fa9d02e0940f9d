"""Why? The reasons trail of one system: each conclusion, the rule and articles behind it, the
answers it rests on, what needs review and where the Charter reads otherwise."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Static

from aicharter.content.checklist import Checklist
from aicharter.outputs.changes import Comparison, comparison_lines, since_heading
from aicharter.outputs.summary import fact_reasons
from aicharter.outputs.vocabulary import (
    WARNING_MARK,
    decisive_line,
    fria_label,
    roles_text,
    tier_label,
)
from aicharter.rules.engine import Outcome, Reason
from aicharter.sanitize import visible
from aicharter.tui.keys import bindings
from aicharter.tui.screens.base import SessionScreen

WHY_TITLES = 4
"""How many duties of a group that moved together Why? names (the plan lists them all)."""


def _heading(text: str) -> Content:
    return Content.assemble((text, "bold underline"), "\n")


def _reason(checklist: Checklist, title: str, reason: Reason) -> Content:
    parts: list[Content | str | tuple[str, str]] = [
        (visible(f"{title} → {reason.value.replace('_', ' ')}"), "bold"),
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
    for differs_id in reason.differs:
        where = checklist.differs_map[differs_id].where
        parts += [
            (visible(f"  The Charter reads otherwise: {where} (see the end)"), "italic"),
            "\n",
        ]
    if reason.review:
        parts += [("  ⚑ " + reason.review, "bold"), "\n"]
    return Content.assemble(*parts)


def why_content(checklist: Checklist, outcome: Outcome, since: Comparison | None = None) -> Content:
    """The whole trail as one plain-text document (user text is never read as markup). Every
    title comes from the checklist. ``since``: what changed since the system was reviewed,
    with the answer, rule or date that caused it, shown first."""
    blocks: list[Content | str | tuple[str, str]] = []
    headline = [
        tier_label(outcome.tier, short=True),
        roles_text(outcome),
        fria_label(outcome.fria, short=True),
    ]
    if outcome.safeguards:
        n = len(outcome.safeguards)
        headline.append(f"{n} safeguard{'s' * (n != 1)} (below)")
    blocks += [(visible(" · ".join(headline)), "bold"), "\n"]
    decisive = decisive_line(outcome)
    if decisive:  # the decisive point first: the basis and the warning that matters most
        blocks += [(visible(decisive), "bold $warning"), "\n"]
    blocks.append("\n")
    if since is not None:
        style = "bold underline $warning" if since.changed else "bold underline"
        blocks += [(since_heading(since), style), "\n"]
        blocks += [visible(line) + "\n" for line in comparison_lines(since, WHY_TITLES)]
        blocks.append("\n")
    if outcome.needs_review:
        blocks.append(_heading("To review (the stricter reading is applied meanwhile)"))
        for review in outcome.needs_review:
            about = ", ".join(s.title or "a note" for s in review.about[:4])
            blocks.append(visible(f"⚑ {review.text}\n   affects: {about}\n"))
        blocks.append("\n")
    blocks.append(_heading("How the outcome was reached"))
    for reason in fact_reasons(outcome.reasons):
        blocks += [_reason(checklist, reason.subject.title, reason), "\n"]
    safeguards = [r for r in outcome.reasons if r.subject.kind == "safeguard"]
    if safeguards:
        blocks.append(_heading("Safeguards"))
        for reason in safeguards:
            blocks += [_reason(checklist, reason.subject.title, reason), "\n"]
    obligations = [r for r in outcome.reasons if r.subject.kind == "obligation"]
    if obligations:
        blocks.append(_heading("Obligations"))
        for reason in obligations:
            kind = "legal duty" if reason.value == "legal" else "Charter recommendation"
            blocks += [_reason(checklist, f"{reason.subject.title} ({kind})", reason), "\n"]
    if outcome.notices:
        blocks.append(_heading("Notes"))
        for notice in outcome.notices:
            severe = checklist.notice_map[notice.subject.id].severity != "info"
            mark = WARNING_MARK if severe else "•"
            blocks.append(visible(f"{mark} {notice.text}  [{'; '.join(notice.basis)}]\n"))
        blocks.append("\n")
    if outcome.indicators:
        blocks.append(_heading("Indicators (the Charter's cross-cutting criteria)"))
        if checklist.meta.indicators:
            blocks.append(visible(checklist.meta.indicators + "\n"))
        for question_id, answer in outcome.indicators:
            text = checklist.question_map[question_id].text
            blocks.append(visible(f"• {text} → {answer}\n"))
        blocks.append("\n")
    if outcome.charter_differs:
        blocks.append(_heading("Where the Charter or guide reads otherwise (the Act is followed)"))
        for differs_id in outcome.charter_differs:
            d = checklist.differs_map[differs_id]
            blocks.append(visible(f"{d.where}: {d.says} The Act: {d.act}\n"))
    return Content.assemble(*blocks)


class WhyScreen(SessionScreen):
    CSS_PATH = "why.tcss"
    BINDINGS = bindings("why")
    KEY_SCOPE = "why"

    def __init__(self, system_id: str) -> None:
        super().__init__()
        self.system_id = system_id

    @property
    def system_here(self) -> str | None:
        return self.system_id

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
        self.query_one("#trail", Static).update(
            why_content(
                self.session.checklist,
                self.session.outcome(self.system_id),
                self.session.since_review(self.system_id),
            )
        )

    def action_top(self) -> None:
        self.query_one("#why", VerticalScroll).scroll_home()

    def action_back(self) -> None:
        self.dismiss(None)
