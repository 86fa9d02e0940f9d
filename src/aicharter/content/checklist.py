"""The checklist schema: what a file in ``checklists/`` may hold.

The content (questions, help, references, rules, obligations, dates) is data; these models
only say its shape. Cross-references (unknown ids, unreachable questions, rules that can end in
no outcome) are checked by :mod:`aicharter.validate`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from aicharter.content.conditions import Condition

Scope = Literal["organisation", "system"]
QuestionKind = Literal["yes_no", "choice", "multi", "text"]
Kind = Literal["legal", "recommended"]
Actor = Literal["deployer", "provider", "importer", "distributor", "everyone"]
"""Whom a duty binds: the role the firm must hold for the system, or everyone."""
Status = Literal["not_started", "in_progress", "done", "not_applicable"]

ID_PATTERN = r"^[a-z][a-z0-9_]*$"

NoticeSeverity = Literal["critical", "warning", "info"]
SEVERITIES: tuple[NoticeSeverity, ...] = ("critical", "warning", "info")
"""Notice severities, most severe first."""

SHORT_TITLE = 20
"""The characters a line of the walk-through's sidebar holds at 80 columns: short titles are
written to fit, so none is cut."""

TIERS = ("not_ai", "out_of_scope", "prohibited", "high", "transparency", "minimal")
"""The outcome tiers: see :data:`TIER_STRICTNESS` for their order."""
TIER_STRICTNESS = {
    "not_ai": 0,
    "out_of_scope": 0,
    "minimal": 1,
    "transparency": 2,
    "high": 3,
    "prohibited": 4,
}
ROLES = ("provider", "deployer", "importer", "distributor")
"""The roles a firm can hold for one system (several at once), the primary one first: a firm
that is a provider in any way is reported as the provider."""
ROLE_FACTS = {role: f"is_{role}" for role in ROLES}
"""The yes/no fact that says whether the firm holds each role for the system."""
FRIA_VALUES = ("mandatory", "recommended", "not_applicable")
OUTCOME_FACTS = {
    "ai_system": ("yes", "no"),
    "tier": TIERS,
    "fria": FRIA_VALUES,
    **{fact: ("yes", "no") for fact in ROLE_FACTS.values()},
}
"""Facts every checklist must derive, with the values each may take."""

YES_NO_OPTIONS = (("yes", "Yes"), ("no", "No"), ("unsure", "Unsure"))


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Meta(_Model):
    """What the checklist is and when its legal content was last checked."""

    id: str = Field(pattern=ID_PATTERN)
    """The checklist's id, written into each assessment file that uses it."""
    title: str
    """Its full title, shown on the start screen and in the reports."""
    version: str
    """Its version (x.y.z): an assessment file records the version it was answered with, and
    ``[[migrations]]`` carry answers across versions."""
    reviewed: dt.date
    """The day the legal content was last compared with the law."""
    disclaimer: str
    """The one plain not-legal-advice statement."""
    default_timeline: str = "amended"
    """The timeline whose dates apply unless the assessment file picks another."""
    indicators: str = ""
    """Shown in Why? above the answers to the questions marked ``indicator``: why those
    criteria are recorded and do not decide the tier."""


class Timeline(_Model):
    """One reading of the Act's application dates, with where it comes from."""

    id: str = Field(pattern=ID_PATTERN)
    """The timeline's id (``original``, ``amended``): an assessment picks one with ``timeline``."""
    title: str
    """Its full name, shown in the summary and reports."""
    short: str
    """A few words naming it beside a date, e.g. "as amended"."""
    provenance: str
    """Where its dates come from: the act, its publication, how they were checked."""
    verified: bool
    """Whether the dates were checked against the published text."""
    reviewed: dt.date
    """The day the dates were last compared with the published text."""


class Milestone(_Model):
    """A date from which a group of provisions applies, in each timeline."""

    id: str = Field(pattern=ID_PATTERN)
    """The milestone's id, referred to by ``applies_from`` in rules and obligation cases."""
    title: str
    """What applies from this date, in a few words."""
    basis: str
    """The provision that sets the date, e.g. ``Art. 113(a)``."""
    dates: dict[str, dt.date]
    """Timeline id to the date in that timeline; a timeline may leave it out (not in force)."""
    note: str = ""
    """Shown beside the date wherever it appears: an exception or a reading to keep in mind."""
    ai_act: bool = True
    """False for a date set by other law (the GDPR): the AI Act's timelines do not apply to
    it, and it is shown with its own basis."""


class Differs(_Model):
    """A place where the Charter (or the law-enforcement guide) reads otherwise than the Act."""

    id: str = Field(pattern=r"^[CL][0-9]+$")
    """``C`` + a number for the Charter, ``L`` + a number for the law-enforcement guide; cited by
    ``differs`` lists."""
    source: Literal["charter", "guide"] = "charter"
    """Which seed document reads otherwise: ``charter`` or ``guide``."""
    where: str
    """Where the seed says it (chapter and section)."""
    says: str
    """What the seed says, in our words."""
    act: str
    """What the Act says instead, in our words, with articles."""


class Option(_Model):
    """One answer to choose from in a ``choice`` or ``multi`` question."""

    id: str = Field(pattern=ID_PATTERN)
    """The option's id, stored in the assessment file as the answer."""
    label: str
    """What the user reads and picks."""
    help: str = ""
    """One line under the question explaining this option (shown numbered with its label)."""
    unsure: bool = False
    """The honest "I don't know" option: the question's conservative value is assumed."""
    exclusive: bool = False
    """In a multi-choice question, an option chosen alone (e.g. "None of these"): ticking it
    clears the others, and ticking another clears it. The unsure option always stands alone."""
    unsettled: str = ""
    """Set when this answer rests on a reading of the law that is not settled: every
    conclusion that rests on it is marked for review with this text."""
    means: Literal["yes", "no"] | None = None
    """In a choice question that is a qualified yes or no ("Yes: a change the provider did not
    foresee"), which of the two this option is: the keys y and n choose it, and the yes option
    must come first."""

    @property
    def alone(self) -> bool:
        """Whether the option is chosen alone in a multi-choice question."""
        return self.exclusive or self.unsure


class Section(_Model):
    """A group of related questions, shown together as one page."""

    id: str = Field(pattern=ID_PATTERN)
    """The section's id, named by each of its questions' ``section``."""
    title: str
    """Its title, shown above each of its questions and in the reports."""
    short: str = Field(min_length=1, max_length=SHORT_TITLE)
    """The sidebar's header for its group of questions: what the group is, in at most
    20 characters (the sidebar's width at 80 columns), e.g. "2.3 · High-risk?"."""
    scope: Scope
    """Whose answers its questions ask for: the ``organisation`` (once) or each ``system``."""
    step: int = Field(ge=0, le=3)
    """The Charter's preparatory step (1-3), or 0 for organisation facts."""
    charter: str
    """Where in the Charter this comes from."""
    intro: str = ""
    """Shown under each of its questions' help: what the section is about and why it is asked."""
    show_if: Condition | None = None
    """The section's questions are asked only while this holds (and each question's own
    ``show_if``)."""


class VendorAsk(_Model):
    """How a question is put to the system's provider when the firm answered it "unsure" or
    not at all: only questions about what the system is or does have one."""

    ask: str
    """The question, addressed to the provider."""
    why: str
    """Why the firm needs the answer: the conclusion it decides."""


class DefaultRule(_Model):
    """Where an answer is taken from when the user has not given one: the first rule whose
    condition (on the organisation's answers only) holds gives the value."""

    when: Condition | None = None
    """A condition on the organisation's answers only; no condition: always."""
    value: str | tuple[str, ...]
    """The answer taken: an option id, or a list of them for a multi-choice question."""


class Question(_Model):
    """One question, asked of the organisation or of each AI system (its section's scope)."""

    id: str = Field(pattern=ID_PATTERN)
    """The question's id: the key of its answer in the assessment file."""
    section: str
    """The id of the section it belongs to (which also gives its scope)."""
    kind: QuestionKind
    """``yes_no`` (options yes / no / unsure built in), ``choice`` (one option), ``multi``
    (several) or ``text``."""
    text: str
    """The question, as one plain sentence."""
    short: str = Field(min_length=1, max_length=SHORT_TITLE - 2)
    """The question's entry in the sidebar, in at most 18 characters (20 less its mark),
    unique within its section, so that two entries never read the same, e.g. "Real time or
    post"."""
    help: str = ""
    """What it means and how to answer, in a few lines."""
    refs: tuple[str, ...] = ()
    """Where it comes from: Charter chapter and section, AI Act articles."""
    options: tuple[Option, ...] = ()
    """The answers to choose from (``choice`` and ``multi``); the common one first."""
    show_if: Condition | None = None
    """Ask it only while this holds, i.e. where its answer can change a conclusion."""
    required: bool | None = None
    """Whether the outcome waits for it. Defaults to True, and to False for text."""
    conservative: str | tuple[str, ...] | None = None
    """The answer assumed when the user is unsure: the stricter reading."""
    indicator: bool = False
    """A cross-cutting criterion: recorded as an indicator, never the verdict."""
    differs: tuple[str, ...] = ()
    """Ids of ``[[differs]]`` entries shown under it: where the Charter reads otherwise."""
    unsettled: str = ""
    """Set when the question turns on a reading of the law that is not settled: every
    conclusion resting on its answer, whichever it is, is marked for review with this text."""
    vendor: VendorAsk | None = None
    """How to ask the provider, when the provider can settle the question (the vendor
    questionnaire lists it while the firm's answer is "unsure" or missing)."""
    field: Literal["name", "country"] | None = None
    """For an organisation ``text`` question: its answer is the organisation's name or
    country, kept in the file's ``[organisation]`` table (where the reports read it), not among
    the answers."""
    default: tuple[DefaultRule, ...] = ()
    """A system question may take its answer from the organisation's answers until the user
    gives one (e.g. whether the system is used for a public authority)."""

    def mentions(self, words: Sequence[str]) -> bool:
        """Whether every one of ``words`` (lower case) is in the question's text, short
        title, help, options or references: how ``/`` finds a question."""
        haystack = " ".join(
            [self.text, self.short, self.help, *self.refs, *(o.label for o in self.options)]
        ).lower()
        return all(word in haystack for word in words)

    @model_validator(mode="after")
    def _shape(self) -> Question:
        if self.kind == "yes_no" and self.options:
            raise ValueError("a yes_no question gets its options (yes / no / unsure) built in")
        if self.field is not None and self.kind != "text":
            raise ValueError("only a text question can hold the organisation's name or country")
        if self.kind in ("choice", "multi") and len(self.options) < 2:
            raise ValueError(f"a {self.kind} question needs at least two options")
        if self.kind == "text" and (self.options or self.conservative is not None):
            raise ValueError("a text question has no options")
        ids = [o.id for o in self.options]
        if len(ids) != len(set(ids)):
            raise ValueError("option ids must be unique")
        means = [o.means for o in self.options if o.means]
        if len(means) != len(set(means)):
            raise ValueError("one option at most may mean yes, and one no")
        if means == ["no", "yes"]:
            raise ValueError("the option that means yes comes before the one that means no")
        return self

    @property
    def is_required(self) -> bool:
        if self.required is None:
            return self.kind != "text"
        return self.required

    @cached_property
    def all_options(self) -> tuple[Option, ...]:
        if self.kind == "yes_no":
            return tuple(
                Option(id=i, label=label, unsure=(i == "unsure")) for i, label in YES_NO_OPTIONS
            )
        return self.options

    @cached_property
    def option_ids(self) -> frozenset[str]:
        return frozenset(o.id for o in self.all_options)

    @cached_property
    def unsure_ids(self) -> frozenset[str]:
        return frozenset(o.id for o in self.all_options if o.unsure)

    def option_for_key(self, key: str) -> str | None:
        """The option the keys y (``yes``), n (``no``) and u (``unsure``) choose, if any: an
        option of that id, or the one that ``means`` it; for n, else a multi-choice question's
        one ``exclusive`` option ("None of these")."""
        if key in self.option_ids:
            return key
        if key == "unsure":
            return next(iter(self.unsure_ids), None)
        meant = next((o.id for o in self.all_options if o.means == key), None)
        if meant is None and key == "no":
            exclusive = [o.id for o in self.options if o.exclusive]
            return exclusive[0] if len(exclusive) == 1 else None
        return meant

    def label_of(self, option_id: str) -> str:
        for option in self.all_options:
            if option.id == option_id:
                return option.label
        return option_id

    def answer_label(self, value: str | tuple[str, ...] | list[str] | None) -> str:
        """An answer as a person reads it: option labels, or the text typed."""
        if value is None or value == "":
            return ""
        if self.kind == "text":
            return str(value)
        values = value if isinstance(value, (tuple, list)) else (value,)
        return ", ".join(self.label_of(v) for v in values)


class Rule(_Model):
    """One way a fact can take a value. A fact's rules are tried in order; the first that
    holds decides. The last rule of every fact has no ``when``: it is the default."""

    when: Condition | None = None
    """When the rule holds; the last rule of a fact has none and is its default."""
    value: str
    """The fact's value when the rule holds: one of the fact's ``values``."""
    reason: str
    """Why, in plain words: shown in the "why?" trail."""
    basis: tuple[str, ...] = ()
    """The articles or Charter sections that decide it."""
    differs: tuple[str, ...] = ()
    """Ids of ``[[differs]]`` entries: where the Charter reads otherwise on this point."""
    review: str = ""
    """Set when the point is unsettled in law: the conclusion is then marked for review."""
    applies_from: str | None = None
    """Milestone id: the date from which this conclusion holds (e.g. which ban, which
    high-risk regime). Obligations can take their date from it (``applies_from_fact``)."""
    decisive: tuple[str, ...] = ()
    """For the ``tier`` fact: facts whose reason names the exact point of law behind this
    value (e.g. ``annex3_listed``, whose rules start their basis with the Annex III point).
    The first of them decided by a rule with a condition (not by its default) gives the first
    item of its basis as the verdict's basis, shown first on the outcome bar, the overview,
    Why? and the report; without any, the rule's own first basis."""
    point: bool = True
    """False where no single article decides the value (minimal risk: nothing listed applies):
    no basis is shown for it."""


class Fact(_Model):
    """A value derived from answers and other facts."""

    id: str = Field(pattern=ID_PATTERN)
    """The fact's id, read by conditions as ``{ fact = "id", ... }``."""
    title: str
    """Its title in Why? and the reports."""
    values: tuple[str, ...]
    """The values it can take; besides these it is ``undetermined`` while answers are missing."""
    rules: tuple[Rule, ...]
    """How it is derived: tried in order, the first that holds decides."""


class Case(_Model):
    """When a safeguard or obligation applies, and on what basis."""

    when: Condition | None = None
    """When this case applies; none: always (as a last case)."""
    reason: str = ""
    """Why it applies, in one or two sentences: shown in Why? and the reports."""
    basis: tuple[str, ...] = ()
    """Articles and Charter sections it rests on, e.g. ``Art. 26(7)``."""
    differs: tuple[str, ...] = ()
    """Ids of ``[[differs]]`` entries: where the Charter reads otherwise on this point."""
    review: str = ""
    """Set when the case rests on an unsettled reading: it is marked for review with this text."""


class SafeguardCase(Case):
    """When a safeguard applies, for which role, and on what basis."""

    actor: Actor
    """The role the firm must hold for this case to apply."""


class Safeguard(_Model):
    """A specific safeguard attached to some uses (e.g. two-person verification), with when
    it applies."""

    id: str = Field(pattern=ID_PATTERN)
    """The safeguard's id (listed in the summary's JSON)."""
    title: str
    """What the safeguard is, as a short imperative: its name everywhere it is shown."""
    help: str = ""
    """More on what it takes."""
    cases: tuple[SafeguardCase, ...]
    """When it applies: each case names the role the firm must hold."""


class ObligationCase(Case):
    """When an obligation applies, whether it is a legal duty or a recommendation, and from
    when."""

    kind: Kind
    """``legal`` (the Act or other law requires it: needs an article and a date) or ``recommended``
    (the Charter asks it)."""
    applies_from: str | None = None
    """Milestone id: the date the duty applies from, in each timeline."""
    applies_from_fact: str | None = None
    """Instead of ``applies_from``: take the milestone of the rule that decided this fact
    (e.g. the high-risk regime, which may be the Annex III, Annex I or legacy date)."""


class Obligation(_Model):
    """A duty (legal) or a Charter recommendation. The first case that holds decides its kind;
    when none holds the obligation does not apply to the system. It is listed only when the
    firm holds one of the roles in ``actor`` for the system."""

    id: str = Field(pattern=ID_PATTERN)
    """The obligation's id: the key of its plan item in the assessment file."""
    title: str
    """What to do, as a short imperative: its name in the plan, Why? and the reports."""
    actor: tuple[Actor, ...] = Field(min_length=1)
    """Whom it binds: one role, several (e.g. Art. 4 binds providers and deployers), or
    ``everyone`` who deals with the system."""
    help: str = ""
    """How to go about it."""
    requirement: str | None = None
    """The Charter requirement (Chapter III section III) it belongs to."""
    step: int | None = Field(default=None, ge=1, le=10)
    """The Chapter IV checklist step it belongs to."""
    cases: tuple[ObligationCase, ...]
    """When it applies and on what basis: tried in order, the first that holds decides; none: it
    does not apply."""

    @field_validator("actor", mode="before")
    @classmethod
    def _one_or_more(cls, value: object) -> object:
        return (value,) if isinstance(value, str) else value

    @model_validator(mode="after")
    def _everyone_alone(self) -> Obligation:
        if "everyone" in self.actor and len(self.actor) > 1:
            raise ValueError("'everyone' already covers every role: name it alone")
        return self


class Migration(_Model):
    """How answers written for an earlier version of the checklist are read now: an answer to
    question ``from`` (one that no longer exists, or whose options changed) becomes an answer
    to ``to``. Several migrations may feed one multiple-choice question; their options add up.
    An answer no migration can carry is kept in the file, marked stale, and never used."""

    from_: str = Field(alias="from", pattern=ID_PATTERN)
    """The question id (or option value) as the earlier version had it."""
    to: str = Field(pattern=ID_PATTERN)
    """The question that replaced it."""
    since: str
    """The checklist version that made the change."""
    values: dict[str, str | tuple[str, ...]]
    """Old option id to the new option (or options, for a multiple-choice question)."""


class Notice(_Model):
    """Something to tell the user when it applies; it changes no outcome."""

    id: str = Field(pattern=ID_PATTERN)
    """The notice's id."""
    severity: NoticeSeverity = "info"
    """``critical`` (the use may be unlawful whatever the tier says), ``warning`` (a duty or
    limit easy to miss) or ``info``. Notices are shown most severe first; the first critical
    or warning notice is the system's headline warning, shown beside the verdict."""
    headline: str = Field(default="", max_length=120)
    """The notice in one short line (at most 120 characters), for the outcome bar and the
    overview; required for critical and warning notices."""
    when: Condition
    """When to show it."""
    text: str
    """What to tell the user: it changes no outcome."""
    basis: tuple[str, ...] = ()
    """Articles and Charter sections it rests on."""
    differs: tuple[str, ...] = ()
    """Ids of ``[[differs]]`` entries it relates to."""
    review: str = ""
    """Set when it rests on an unsettled reading: the system is marked for review with this text."""

    @model_validator(mode="after")
    def _headline(self) -> Notice:
        if self.severity != "info" and not self.headline:
            raise ValueError(f"a {self.severity} notice needs a headline")
        return self


class Item(_Model):
    """A sub-item of a requirement: a checklist line, or an element of the FRIA worksheet."""

    id: str = Field(pattern=ID_PATTERN)
    """The item's id (for the FRIA, the key of its text in the assessment file)."""
    text: str
    """The item, as one line."""
    help: str = ""
    """Guidance shown where the item is filled in (e.g. the FRIA worksheet)."""


class Requirement(_Model):
    """One of the Charter's ten requirements, with its sub-items."""

    id: str = Field(pattern=ID_PATTERN)
    """The requirement's id, named by obligations' ``requirement``."""
    number: int = Field(ge=1, le=10)
    """Its number in the Charter (1-10)."""
    title: str
    """Its title."""
    charter: str
    """Where the Charter sets it out."""
    summary: str
    """What it asks, in one sentence."""
    items: tuple[Item, ...] = ()
    """Its sub-items, as a checklist (the FRIA's are the worksheet's elements)."""


class Step(_Model):
    """One step of the Charter's ten-step checklist (Chapter IV)."""

    id: str = Field(pattern=ID_PATTERN)
    """The step's id: the key of its plan item in the assessment file."""
    number: int = Field(ge=1, le=10)
    """Its number in the Charter's ten-step checklist."""
    title: str
    """Its title."""
    scope: Scope
    """Whether the step is done once for the ``organisation`` or per ``system``."""
    help: str = ""
    """What doing it involves."""
    refs: tuple[str, ...] = ()
    """Charter sections and articles."""
    requirements: tuple[str, ...] = ()
    """Steps 8 and 9 expand into the ten requirements."""


class TeamRole(_Model):
    """A role in the multi-stakeholder team the Charter recommends (checklist step 1)."""

    id: str = Field(pattern=ID_PATTERN)
    """The role's id, stored with each team member."""
    title: str
    """Its name."""
    help: str = ""
    """What the role brings to the team."""
    recommended: bool = True
    """Whether the team should cover this role; ``false`` for a catch-all such as "Other",
    which the team screen does not ask for."""


class UseCase(_Model):
    """How a use case of several linked AI systems is classified: the strictest tier of its
    parts (Charter Ch. III §III question 4; the Act classifies each system, Art. 6)."""

    title: str
    """The title of the combined-use-case conclusion in Why? and the reports."""
    reason: str
    """Its reason; ``{tier}`` is replaced by this system's tier, ``{parts}`` by the other
    systems with theirs."""
    waiting: str
    """Added to the reason while a part is undetermined."""
    unlinked: str
    """The review item when the system is said to be combined but no system is linked."""
    basis: tuple[str, ...] = ()
    """Articles and Charter sections the reason rests on."""


class VendorFact(_Model):
    """A fact only the provider can give, on which some of the firm's duties depend."""

    id: str = Field(pattern=ID_PATTERN)
    """The fact's id."""
    ask: str
    """The request to the provider."""
    why: str
    """Why the firm needs it: the duty it serves."""
    basis: tuple[str, ...] = Field(min_length=1)
    """The articles that give the provider's duty to supply it, or the firm's duty to hold it."""
    duties: tuple[str, ...] = Field(min_length=1)
    """Obligation ids: the fact is asked for when any of them is a legal duty for the system."""
    recommended: bool = False
    """Ask for it also when such a duty is only a recommendation (e.g. checking the
    provider's Art. 6(4) record, which the Charter asks for)."""
    tiers: tuple[str, ...] = ()
    """Ask for it only for a system of these tiers (empty: any), e.g. the CE marking, which
    only a high-risk system carries under the Act."""


class VendorLetter(_Model):
    """The questionnaire to a system's provider: what the firm's answers leave open that the
    provider can settle, and the provider facts its duties depend on."""

    title: str
    """Its title; ``{system}`` is the system's name."""
    intro: str
    """The opening paragraph (placeholders as in a draft)."""
    open_heading: str
    """The heading of the questions the firm could not answer."""
    facts_heading: str
    """The heading of the facts the firm's duties depend on."""
    reply: str
    """How to reply, and what happens to the replies."""
    flip_basis: str = ""
    """The article that makes the firm the provider of a system someone else first supplied
    (the basis of the provider role starts with it): the questionnaire then adds ``flip``."""
    flip: str = ""
    """The paragraph for a provider whose system the firm has made its own (Art. 25(2))."""
    facts: tuple[VendorFact, ...] = ()
    """The provider facts."""


DraftBlock = Literal["fria", "literacy"]
"""Parts of a draft built from the assessment rather than written: the FRIA worksheet's
elements, the AI-literacy table of staff and systems."""

PLACEHOLDERS = (
    "organisation",
    "country",
    "system",
    "vendor",
    "purpose",
    "description",
    "contact",
    "tier",
    "basis",
    "today",
)
"""What ``{name}`` in a draft's text may name; a missing fact reads ``[to complete]``."""


class DraftPart(_Model):
    """A part of a draft document: a heading, text, the firm's answers to some questions, or
    a block built from the assessment."""

    heading: str = ""
    """Its heading (none: it continues the part before)."""
    text: str = ""
    """Paragraphs (a blank line between them); ``{system}`` and the other
    :data:`PLACEHOLDERS` are filled from the assessment."""
    questions: tuple[str, ...] = ()
    """Question ids whose answers the part lists (the question's short title and the answer,
    or ``[to complete]``)."""
    block: DraftBlock | None = None
    """A part built from the assessment."""
    duties: tuple[str, ...] = ()
    """Obligation ids: the part is in the draft only when one of them applies to the system
    (empty: always), e.g. the right to an explanation, which only some notices give."""
    basis: tuple[str, ...] = ()
    """Articles the part rests on, added to the draft's basis when the part is in it."""


class Draft(_Model):
    """A document one of the firm's duties asks for, drafted from the answers."""

    id: str = Field(pattern=ID_PATTERN)
    """The draft's kind, as ``aicharter draft --kind`` names it."""
    label: str = Field(max_length=60)
    """What the document is, in a few words, to offer it in a list."""
    title: str
    """Its title; placeholders as in the text."""
    audience: str
    """Whom it is for."""
    basis: tuple[str, ...] = Field(min_length=1)
    """The articles that ask for the document (its parts may add more)."""
    scope: Scope = "system"
    """Drafted for one system, or for the organisation (all its systems)."""
    duties: tuple[str, ...] = ()
    """Obligation ids: offered for a system when any of them applies to it (for the
    organisation: to any system); empty: always offered."""
    parts: tuple[DraftPart, ...] = Field(min_length=1)
    """Its parts, in order."""


class FriaWorksheet(_Model):
    """The fundamental rights impact assessment worksheet."""

    requirement: str = Field(pattern=ID_PATTERN)
    """The requirement whose items are the worksheet's elements (Art. 27(1)(a)-(f))."""
    mandatory_basis: str
    """The basis shown when a FRIA is mandatory."""
    mandatory_next: str
    """What to do with the results when a FRIA is mandatory."""
    recommended_next: str
    """What the worksheet says when a FRIA is only recommended by the Charter."""


class Checklist(_Model):
    """A whole checklist file."""

    meta: Meta
    """What the checklist is."""
    timelines: tuple[Timeline, ...]
    """The readings of the Act's application dates (as published, as amended)."""
    milestones: tuple[Milestone, ...]
    """The dates provisions apply from, in each timeline."""
    differs: tuple[Differs, ...] = ()
    """Places where the Charter or guide reads otherwise than the Act."""
    team_roles: tuple[TeamRole, ...] = ()
    """The roles of the multi-stakeholder team (checklist step 1)."""
    sections: tuple[Section, ...]
    """Groups of questions, each a page."""
    questions: tuple[Question, ...]
    """Every question, in the order asked."""
    facts: tuple[Fact, ...]
    """Values derived from answers and other facts, by rules."""
    safeguards: tuple[Safeguard, ...] = ()
    """Specific safeguards that attach to some uses."""
    obligations: tuple[Obligation, ...] = ()
    """Duties and recommendations, each with the actor it binds."""
    notices: tuple[Notice, ...] = ()
    """Things to tell the user when they apply."""
    requirements: tuple[Requirement, ...] = ()
    """The Charter's ten requirements."""
    steps: tuple[Step, ...] = ()
    """The Charter's ten-step checklist."""
    migrations: tuple[Migration, ...] = ()
    """How answers written for earlier versions carry over."""
    use_case: UseCase
    """How a use case of several linked systems is classified."""
    fria: FriaWorksheet
    """The fundamental rights impact assessment worksheet."""
    vendor: VendorLetter | None = None
    """The questionnaire to a system's provider."""
    drafts: tuple[Draft, ...] = ()
    """The documents the duties ask for, drafted from the answers."""

    @cached_property
    def question_map(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    @cached_property
    def section_map(self) -> dict[str, Section]:
        return {s.id: s for s in self.sections}

    @cached_property
    def question_scopes(self) -> dict[str, Scope]:
        """Whose answer each question reads: the organisation's or the system's."""
        return {q.id: self.section_map[q.section].scope for q in self.questions}

    @cached_property
    def fact_map(self) -> dict[str, Fact]:
        return {f.id: f for f in self.facts}

    @cached_property
    def milestone_map(self) -> dict[str, Milestone]:
        return {m.id: m for m in self.milestones}

    @cached_property
    def differs_map(self) -> dict[str, Differs]:
        return {d.id: d for d in self.differs}

    @cached_property
    def requirement_map(self) -> dict[str, Requirement]:
        return {r.id: r for r in self.requirements}

    @cached_property
    def notice_map(self) -> dict[str, Notice]:
        return {n.id: n for n in self.notices}

    @cached_property
    def safeguard_map(self) -> dict[str, Safeguard]:
        return {s.id: s for s in self.safeguards}

    @cached_property
    def draft_map(self) -> dict[str, Draft]:
        return {d.id: d for d in self.drafts}

    @cached_property
    def timeline_map(self) -> dict[str, Timeline]:
        return {t.id: t for t in self.timelines}

    @property
    def fria_elements(self) -> tuple[Item, ...]:
        """The elements of the FRIA worksheet (the items of its requirement)."""
        return self.requirement_map[self.fria.requirement].items

    @cached_property
    def retired_questions(self) -> frozenset[str]:
        """Question ids that earlier versions had and this one no longer asks."""
        return frozenset(m.from_ for m in self.migrations if m.from_ not in self.question_map)

    def questions_in(self, scope: Scope) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if self.question_scopes[q.id] == scope)
