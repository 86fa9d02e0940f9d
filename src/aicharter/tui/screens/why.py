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
from aicharter.tui.screens.base import WrappingScreen
from aicharter.tui.text import hang_line

WHY_TITLES = 4
"""How many duties of a group that moved together Why? names (the plan lists them all)."""


def _heading(text: str) -> Content:
    return Content.assemble((text, "bold underline"), "\n")


def _reason(checklist: Checklist, title: str, reason: Reason, width: int | None) -> Content:
    parts: list[Content | str | tuple[str, str]] = [
        (visible(f"{title} → {reason.value.replace('_', ' ')}"), "bold"),
        "\n",
        visible(reason.text),
        "\n",
    ]
    if reason.basis:
        parts += [(hang_line("  Basis: " + "; ".join(reason.basis), width), "italic"), "\n"]
    for answer in reason.answers:
        mark = "  (unsure: stricter reading assumed)" if answer.assumed else ""
        if answer.defaulted:
            mark = "  (from your organisation's answers)"
        line = visible(f"  • {answer.text} → {answer.answer}{mark}")
        parts.append(hang_line(line, width) + "\n")
    for differs_id in reason.differs:
        where = checklist.differs_map[differs_id].where
        parts += [
            (
                hang_line(visible(f"  The Charter reads otherwise: {where} (see the end)"), width),
                "italic",
            ),
            "\n",
        ]
    if reason.review:
        parts += [(hang_line("  ⚑ " + visible(reason.review), width), "bold"), "\n"]
    return Content.assemble(*parts)


def why_content(
    checklist: Checklist,
    outcome: Outcome,
    since: Comparison | None = None,
    width: int | None = None,
) -> Content:
    """The whole trail as one plain-text document (user text is never read as markup). Every
    title comes from the checklist. ``since``: what changed since the system was reviewed,
    with the answer, rule or date that caused it, shown first. Lists wrap at ``width`` under
    their own text."""
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
        lines = comparison_lines(since, WHY_TITLES)
        blocks += [hang_line(visible(line), width) + "\n" for line in lines]
        blocks.append("\n")
    if outcome.needs_review:
        blocks.append(_heading("To review (the stricter reading is applied meanwhile)"))
        for review in outcome.needs_review:
            about = ", ".join(s.title or "a note" for s in review.about[:4])
            blocks.append(hang_line(visible(f"⚑ {review.text}"), width) + "\n")
            blocks.append(hang_line(visible(f"  affects: {about}"), width) + "\n")
        blocks.append("\n")
    blocks.append(_heading("How the outcome was reached"))
    for reason in fact_reasons(outcome.reasons):
        blocks += [_reason(checklist, reason.subject.title, reason, width), "\n"]
    safeguards = [r for r in outcome.reasons if r.subject.kind == "safeguard"]
    if safeguards:
        blocks.append(_heading("Safeguards"))
        for reason in safeguards:
            blocks += [_reason(checklist, reason.subject.title, reason, width), "\n"]
    obligations = [r for r in outcome.reasons if r.subject.kind == "obligation"]
    if obligations:
        blocks.append(_heading("Obligations"))
        for reason in obligations:
            kind = "legal duty" if reason.value == "legal" else "Charter recommendation"
            title = f"{reason.subject.title} ({kind})"
            blocks += [_reason(checklist, title, reason, width), "\n"]
    if outcome.notices:
        blocks.append(_heading("Notes"))
        for notice in outcome.notices:
            severe = checklist.notice_map[notice.subject.id].severity != "info"
            mark = WARNING_MARK if severe else "•"
            line = visible(f"{mark} {notice.text}  [{'; '.join(notice.basis)}]")
            blocks.append(hang_line(line, width) + "\n")
        blocks.append("\n")
    if outcome.indicators:
        blocks.append(_heading("Indicators (the Charter's cross-cutting criteria)"))
        if checklist.meta.indicators:
            blocks.append(visible(checklist.meta.indicators + "\n"))
        for question_id, answer in outcome.indicators:
            text = checklist.question_map[question_id].text
            blocks.append(hang_line(visible(f"• {text} → {answer}"), width) + "\n")
        blocks.append("\n")
    if outcome.charter_differs:
        blocks.append(_heading("Where the Charter or guide reads otherwise (the Act is followed)"))
        for differs_id in outcome.charter_differs:
            d = checklist.differs_map[differs_id]
            blocks.append(visible(f"{d.where}: {d.says} The Act: {d.act}\n"))
    return Content.assemble(*blocks)


class WhyScreen(WrappingScreen):
    CSS_PATH = "why.tcss"
    BINDINGS = bindings("why")
    KEY_SCOPE = "why"
    WRAP_AREA = "#why"

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
        self.draw_when_sized()

    def draw(self) -> None:
        if self.system_id not in self.session.outcomes:
            return  # an undo took the system away; the screen is leaving
        self.query_one("#trail", Static).update(
            why_content(
                self.session.checklist,
                self.session.outcome(self.system_id),
                self.session.since_review(self.system_id),
                self.wrap_width(),
            )
        )

    def action_top(self) -> None:
        self.query_one("#why", VerticalScroll).scroll_home()

    def action_back(self) -> None:
        self.dismiss(None)
