"""The display vocabulary: every word the TUI, the summary and the reports use for a tier, a
role, a FRIA status, a plan status and an answer, and the one count of what is left to do.

Each label comes in the forms the project needs: ``short`` fits a column at 80x24, ``prose``
reads in a sentence or a report; the dictionary keys are the ids written to JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from aicharter.content.checklist import Checklist
from aicharter.content.conditions import UNDETERMINED
from aicharter.files.assessment import Answer, Assessment
from aicharter.rules.engine import Outcome
from aicharter.rules.evaluate import organisation_answers, organisation_questions, system_open
from aicharter.rules.plan import open_count, organisation_steps, system_plan


@dataclass(frozen=True)
class Label:
    short: str
    """For a narrow column or the outcome bar."""
    prose: str
    """For a sentence, the summary and the reports."""


TIERS = {
    "not_ai": Label("Not an AI system", "Not an AI system"),
    "prohibited": Label("PROHIBITED", "PROHIBITED"),
    "high": Label("High-risk", "High-risk"),
    "transparency": Label("Transparency", "Transparency duties"),
    "minimal": Label("Minimal risk", "Minimal risk"),
    "out_of_scope": Label("Out of scope", "Outside the AI Act (Art. 2)"),
    "undetermined": Label("Undetermined", "Undetermined (answers missing)"),
}
FRIA = {
    "mandatory": Label("FRIA mandatory", "mandatory (Art. 27)"),
    "recommended": Label("FRIA recommended", "recommended by the Charter"),
    "not_applicable": Label("no FRIA", "not applicable"),
    "undetermined": Label("FRIA ?", "undetermined"),
}
STATUS = {
    "not_started": Label("○", "not started"),
    "in_progress": Label("◐", "in progress"),
    "done": Label("●", "done"),
    "not_applicable": Label("–", "not applicable"),
}
"""Plan item statuses: ``short`` is the glyph shown in tables."""
DEFAULTED = "taken from your organisation's answers"
"""Said of an answer the system takes from the organisation's (see ``Question.default``)."""


def tier_label(tier: str, short: bool = False) -> str:
    label = TIERS.get(tier)
    return tier if label is None else (label.short if short else label.prose)


def fria_label(fria: str, short: bool = False) -> str:
    label = FRIA.get(fria)
    return fria if label is None else (label.short if short else label.prose)


def fria_applies(outcome: Outcome) -> bool:
    """Whether the system has a FRIA worksheet: a FRIA is mandatory (Art. 27) or the Charter
    recommends one (Ch. III §III.7)."""
    return outcome.fria in ("mandatory", "recommended")


def roles_text(outcome: Outcome) -> str:
    """The roles the firm holds for a system, for a line of text."""
    if outcome.roles:
        return ", ".join(outcome.roles)
    return "none (the Act's roles do not apply)" if outcome.role == "none" else outcome.role


def roles_short(outcome: Outcome) -> str:
    """The primary role, with a + when the firm holds more: fits a narrow column."""
    if not outcome.roles:
        return "–" if outcome.role == "none" else "?"
    return outcome.roles[0] + ("+" if len(outcome.roles) > 1 else "")


REVIEW_MARK = "⚑"
"""Marks what needs review (the stricter reading is applied meanwhile)."""

WARNING_MARK = "⚠"
"""Marks the system's headline warning wherever it is shown."""

CHANGED_MARK = "≠"
"""Marks a system whose verdict differs from the one recorded when it was reviewed."""


def decisive_line(outcome: Outcome) -> str:
    """The decisive point of a verdict in one line: its basis and the system's most important
    warning, e.g. "Basis: Annex III 1(a) · ⚠ Art. 5(1)(h) bans only..."; empty when
    there is neither (minimal risk, nothing to warn of)."""
    parts = []
    if outcome.basis:
        parts.append(f"Basis: {outcome.basis}")
    if outcome.headline:
        parts.append(f"{WARNING_MARK} {outcome.headline}")
    return " · ".join(parts)


def verdict_parts(outcome: Outcome) -> dict[str, str | None]:
    """The parts of a verdict a person watches, by name, with their label; None while a part
    is undetermined. A change that moves a part from one label to another is announced as
    "Tier: High-risk → Minimal risk" (reaching a first verdict, or losing one to a new open
    question, is the walk-through's progress, shown on the bar itself)."""
    return {
        "Tier": None if outcome.tier == UNDETERMINED else tier_label(outcome.tier, short=True),
        "Role": None if outcome.role == UNDETERMINED else roles_text(outcome),
        "FRIA": None if outcome.fria == UNDETERMINED else fria_label(outcome.fria, short=True),
    }


def actor_text(actor: tuple[str, ...]) -> str:
    """Whom a duty binds, in words: ``binds the deployer``, ``binds everyone concerned``."""
    if actor == ("everyone",):
        return "binds everyone concerned"
    return "binds the " + " and the ".join(actor)


@dataclass(frozen=True)
class Progress:
    """How far a system (or the organisation) is: the one count the overview, the
    walk-through, the plan, the outcome bar and the reports show."""

    answered: int
    """Required questions visible now that have an answer (confirmed, where kept)."""
    questions_left: int
    """Required questions visible now still to answer or to confirm."""
    items_left: int
    """Plan items not started or in progress."""
    optional_left: int = 0
    """Optional questions visible now with no answer (counted apart: nothing waits for them)."""

    def __add__(self, other: Progress) -> Progress:
        """Two counts together (e.g. every system and the organisation)."""
        return Progress(
            self.answered + other.answered,
            self.questions_left + other.questions_left,
            self.items_left + other.items_left,
            self.optional_left + other.optional_left,
        )

    @property
    def questions(self) -> int:
        return self.answered + self.questions_left

    @property
    def left(self) -> int:
        """Questions and plan items left."""
        return self.questions_left + self.items_left

    def short(self) -> str:
        """For the outcome bar: the questions to answer while any are left, then the plan
        items to do."""
        if self.questions_left:
            return f"{self.questions_left} to answer"
        if self.items_left:
            return f"{self.items_left} to do"
        return "all done"

    def questions_text(self) -> str:
        """Where the walk-through stands: ``12 answered · 3 left · 2 optional``. The count of
        questions left is of those visible now, so it can grow when an answer opens a branch,
        but "answered" never goes down by answering."""
        text = f"{self.answered} answered · {self.questions_left} left"
        return text + (f" · {self.optional_left} optional" if self.optional_left else "")

    def text(self) -> str:
        """``3 questions, 2 plan items left``; ``all answered, nothing left``."""
        if not self.left:
            return "all answered, nothing left"
        parts = []
        if self.questions_left:
            parts.append(f"{self.questions_left} question{'s' * (self.questions_left != 1)}")
        if self.items_left:
            parts.append(f"{self.items_left} plan item{'s' * (self.items_left != 1)}")
        return " and ".join(parts) + " left"


def system_progress(
    checklist: Checklist, assessment: Assessment, system_id: str, outcome: Outcome
) -> Progress:
    own, left = system_open(checklist, outcome)
    required = sum(1 for q in own if checklist.question_map[q].is_required)
    items = open_count(system_plan(checklist, assessment, system_id, outcome))
    optional = _optional_left(checklist, own, assessment.system(system_id).answers)
    return Progress(max(required - len(left), 0), len(left), items, optional)


def _optional_left(checklist: Checklist, visible: list[str], answers: Mapping[str, Answer]) -> int:
    return sum(
        1
        for q in visible
        if not checklist.question_map[q].is_required
        and (q not in answers or answers[q].value == "")
    )


def organisation_progress(checklist: Checklist, assessment: Assessment) -> Progress:
    questions = organisation_questions(checklist, assessment)
    left = questions.left
    required = sum(1 for q in questions.visible if checklist.question_map[q].is_required)
    items = open_count(organisation_steps(checklist, assessment))
    answers = organisation_answers(checklist, assessment)
    optional = _optional_left(checklist, questions.visible, answers)
    return Progress(max(required - len(left), 0), len(left), items, optional)
