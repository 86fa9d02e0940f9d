"""The rule engine: from a checklist and the answers to each AI system's outcome.

Pure functions of their inputs. Conditions are evaluated with three-valued logic: ``True``,
``False`` and ``None`` ("cannot tell yet", when a visible question is unanswered). Every result
carries its *trail*: the answers and facts that decided it, which is the "why?" a user can ask
for anywhere. An "unsure" answer takes the question's conservative value and marks everything
resting on it for review.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from aicharter.content.checklist import (
    ROLE_FACTS,
    ROLES,
    SEVERITIES,
    TIER_STRICTNESS,
    Case,
    Checklist,
    ObligationCase,
    Question,
    Rule,
)
from aicharter.content.conditions import UNDETERMINED, Condition

AnswerValue = str | tuple[str, ...]
Answers = Mapping[str, AnswerValue]
Tri = bool | None


class CycleError(Exception):
    """A fact or a question's visibility depends on itself."""

    def __init__(self, path: list[str]) -> None:
        super().__init__(" -> ".join(path))
        self.path = path


@dataclass(frozen=True, slots=True)
class Leaf:
    """One answer or fact the engine read on the way to a result."""

    kind: Literal["answer", "hidden", "unanswered", "fact"]
    ref: str
    value: AnswerValue | None = None
    assumed: tuple[str, ...] = ()
    """The questions answered "unsure" whose stricter reading this rests on (for an answer, the
    question itself; for a fact, those its own result rests on)."""
    defaulted: bool = False
    """An answer the user has not given, taken from the organisation's answers."""


Trail = tuple[Leaf, ...]


@dataclass(frozen=True, slots=True)
class FactResult:
    value: str
    rule: Rule | None
    trail: Trail


def _merge(trails: Iterable[Trail]) -> Trail:
    seen: dict[Leaf, None] = {}
    for trail in trails:
        for leaf in trail:
            seen.setdefault(leaf, None)
    return tuple(seen)


class Evaluator:
    """Evaluates one AI system (or the organisation alone, with no system answers).

    Results are memoised for the lifetime of the evaluator, so build a new one whenever an
    answer changes.
    """

    def __init__(self, checklist: Checklist, org: Answers, system: Answers | None = None):
        self.checklist = checklist
        self._answers: dict[str, Answers] = {"organisation": org, "system": system or {}}
        self._facts: dict[str, FactResult] = {}
        self._fact_leaves: dict[str, Leaf] = {}
        self._answer_states: dict[str, tuple[AnswerValue | Literal[False] | None, Trail]] = {}
        self._visible: dict[str, tuple[Tri, Trail]] = {}
        self._section_visible: dict[str, tuple[Tri, Trail]] = {}
        self._defaults: dict[str, tuple[AnswerValue | None, tuple[str, ...]]] = {}
        self._scopes = checklist.question_scopes
        self._stack: list[str] = []

    # -- answers ------------------------------------------------------------------------

    def raw_answer(self, question: Question) -> AnswerValue | None:
        value = self._answers[self._scopes[question.id]].get(question.id)
        if isinstance(value, list):  # tolerate lists straight from a parsed file
            value = tuple(value)
        if value is None or value == "" or value == ():
            return None
        return value

    def resolved_answer(self, question: Question) -> tuple[AnswerValue | None, bool]:
        """The answer as the rules read it, and whether the conservative value was assumed."""
        raw = self.raw_answer(question)
        if raw is None or question.kind == "text":
            return raw, False
        chosen = raw if isinstance(raw, tuple) else (raw,)
        if question.conservative is not None and any(c in question.unsure_ids for c in chosen):
            return question.conservative, True
        return raw, False

    def default_of(self, question: Question) -> AnswerValue | None:
        """The answer a question takes from the organisation's answers while the user has
        given none (None when it has no default, or the organisation's answers are missing)."""
        return self._default(question)[0]

    def _default(self, question: Question) -> tuple[AnswerValue | None, tuple[str, ...]]:
        """The default and the organisation's "unsure" answers it rests on."""
        if not question.default:
            return None, ()
        known = self._defaults.get(question.id)
        if known is None:
            known = (None, ())
            for rule in question.default:
                held, trail = (True, ()) if rule.when is None else self.cond(rule.when)
                if held is None:
                    break
                if held:
                    assumed = tuple(dict.fromkeys(q for leaf in trail for q in leaf.assumed))
                    known = (rule.value, assumed)
                    break
            self._defaults[question.id] = known
        return known

    # -- visibility -----------------------------------------------------------------------

    def _enter(self, key: str) -> None:
        if key in self._stack:
            raise CycleError([*self._stack[self._stack.index(key) :], key])
        self._stack.append(key)

    def section_visible(self, section_id: str) -> tuple[Tri, Trail]:
        result = self._section_visible.get(section_id)
        if result is None:
            section = self.checklist.section_map[section_id]
            self._enter("section:" + section_id)
            try:
                result = (True, ()) if section.show_if is None else self.cond(section.show_if)
            finally:
                self._stack.pop()
            self._section_visible[section_id] = result
        return result

    def visible(self, question_id: str) -> tuple[Tri, Trail]:
        """Whether a question is shown: True, False, or None while an earlier answer is missing."""
        result = self._visible.get(question_id)
        if result is None:
            question = self.checklist.question_map[question_id]
            self._enter("question:" + question_id)
            try:
                result = self.section_visible(question.section)
                if result[0] is True and question.show_if is not None:
                    result = self.cond(question.show_if)
            finally:
                self._stack.pop()
            self._visible[question_id] = result
        return result

    # -- conditions -----------------------------------------------------------------------

    def cond(self, c: Condition) -> tuple[Tri, Trail]:
        """Evaluate a condition; the trail explains the result (for True: what made it hold;
        for False: what broke it; for None: what is missing)."""
        if c.answer is not None:  # the leaves first: most nodes are leaves
            return self._answer_leaf(c, c.answer)
        if c.fact is not None:
            result = self.fact(c.fact)
            if result.value == UNDETERMINED and UNDETERMINED not in c.compared_values():
                return None, result.trail
            return c.matches(result.value), (self._fact_leaf(c.fact, result),)
        if c.all_ is not None:
            held: list[Trail] = []
            missing: list[Trail] = []
            for child in c.all_:
                value, trail = self.cond(child)
                if value is False:
                    return False, trail
                (missing if value is None else held).append(trail)
            return (None, _merge(missing)) if missing else (True, _merge(held))
        if c.any_ is not None:
            broken: list[Trail] = []
            missing = []
            for child in c.any_:
                value, trail = self.cond(child)
                if value is True:
                    return True, trail
                (missing if value is None else broken).append(trail)
            return (None, _merge(missing)) if missing else (False, _merge(broken))
        assert c.not_ is not None
        value, trail = self.cond(c.not_)
        return (None if value is None else not value), trail

    def _fact_leaf(self, fact_id: str, result: FactResult) -> Leaf:
        leaf = self._fact_leaves.get(fact_id)
        if leaf is None:
            assumed = tuple(dict.fromkeys(q for x in result.trail for q in x.assumed))
            leaf = self._fact_leaves[fact_id] = Leaf("fact", fact_id, result.value, assumed)
        return leaf

    def _answer_leaf(self, c: Condition, question_id: str) -> tuple[Tri, Trail]:
        known = self._answer_states.get(question_id)
        if known is None:
            known = self._answer_states[question_id] = self._answer_state(question_id)
        value, trail = known
        if value is None or value is False:
            return value, trail
        return c.matches(value), trail

    def _answer_state(self, question_id: str) -> tuple[AnswerValue | Literal[False] | None, Trail]:
        """What any condition on this answer starts from: False (hidden) or None (cannot
        tell yet) with the trail saying why, or the value the rules read with its leaf."""
        question = self.checklist.question_map[question_id]
        shown, why = self.visible(question_id)
        if shown is False:
            return False, (Leaf("hidden", question_id), *why)
        if shown is None:
            return None, why
        value, assumed = self.resolved_answer(question)
        if value is None:
            default, from_unsure = self._default(question)
            if default is None:
                return None, (Leaf("unanswered", question_id),)
            return default, (Leaf("answer", question_id, default, from_unsure, defaulted=True),)
        raw = self.raw_answer(question)
        return value, (Leaf("answer", question_id, raw, (question_id,) if assumed else ()),)

    # -- facts ----------------------------------------------------------------------------

    def fact(self, fact_id: str) -> FactResult:
        if fact_id in self._facts:
            return self._facts[fact_id]
        fact = self.checklist.fact_map[fact_id]
        self._enter("fact:" + fact_id)
        try:
            result = self._derive(fact.rules)
        finally:
            self._stack.pop()
        self._facts[fact_id] = result
        return result

    def _derive(self, rules: Iterable[Rule]) -> FactResult:
        """The first rule that holds decides. A rule that cannot be decided yet leaves the fact
        undetermined, unless every way it could go gives the same value (e.g. any one of
        several prohibitions settles "prohibited" while the others are unanswered)."""
        ruled_out: list[Trail] = []
        pending: list[tuple[Rule, Trail]] = []
        for rule in rules:
            value: Tri = True
            if rule.when is None:
                trail = _merge(ruled_out)
            else:
                value, trail = self.cond(rule.when)
            if value is True:
                if all(p.value == rule.value for p, _ in pending):
                    return FactResult(rule.value, rule, trail)
                return FactResult(UNDETERMINED, None, _merge(t for _, t in pending))
            if value is None:
                pending.append((rule, trail))
            else:
                ruled_out.append(trail)
        return FactResult(UNDETERMINED, None, _merge([*ruled_out, *(t for _, t in pending)]))

    def case(self, case: Case) -> tuple[Tri, Trail]:
        return (True, ()) if case.when is None else self.cond(case.when)

    def holds_role(self, actors: Iterable[str]) -> tuple[Tri, Trail]:
        """Whether the firm holds one of these roles for the system (``everyone`` always)."""
        missing: list[Trail] = []
        for actor in actors:
            if actor == "everyone":
                return True, ()
            fact_id = ROLE_FACTS[actor]
            result = self.fact(fact_id)
            if result.value == "yes":
                return True, (self._fact_leaf(fact_id, result),)
            if result.value == UNDETERMINED:
                missing.append(result.trail)
        return (None, _merge(missing)) if missing else (False, ())


# -- the outcome of a system -------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerRef:
    """An answer a conclusion rests on, ready to show."""

    question: str
    text: str
    answer: str
    assumed: bool
    """Answered "unsure": the stricter reading was applied."""
    defaulted: bool = False
    """Not answered: taken from the organisation's answers."""


ReasonKind = Literal["fact", "safeguard", "obligation", "notice"]


@dataclass(frozen=True)
class Subject:
    """What a reason or a review item is about: a fact, safeguard, obligation or notice of the
    checklist, with its title as the checklist gives it (a notice has none: its text is it)."""

    kind: ReasonKind
    id: str
    title: str


@dataclass(frozen=True)
class Reason:
    """One step of the "why?" trail: a conclusion, the rule behind it, and the answers."""

    subject: Subject
    value: str
    text: str
    basis: tuple[str, ...] = ()
    answers: tuple[AnswerRef, ...] = ()
    facts: tuple[tuple[str, str], ...] = ()
    differs: tuple[str, ...] = ()
    review: str = ""


@dataclass
class Review:
    """Something to confirm: an "unsure" answer or an unsettled point of law, with the
    conclusions that rest on it (the stricter reading is applied meanwhile)."""

    text: str
    about: list[Subject] = field(default_factory=list)
    """The conclusions that rest on it."""
    question: str | None = None
    """The question answered "unsure", when that is what this is about."""


@dataclass(frozen=True)
class ObligationResult:
    id: str
    title: str
    kind: str
    basis: str
    applies_from: dt.date | None
    """The date it applies from in the assessment's timeline (None: not in that timeline)."""
    requirement: str | None
    step: int | None
    reason: str
    actor: tuple[str, ...] = ("everyone",)
    """Whom it binds (see :data:`~aicharter.content.checklist.ROLES`)."""
    milestone: str | None = None
    """The milestone its date comes from, in every timeline (see :mod:`aicharter.dates`)."""


@dataclass
class Outcome:
    """Everything the engine concludes about one AI system."""

    ai_system: bool | None
    tier: str
    role: str
    """The primary role (provider when the firm is a provider in any way); ``none`` when the
    Act's roles do not apply, ``undetermined`` while answers are missing."""
    fria: str
    roles: list[str] = field(default_factory=list)
    """Every role the firm holds for the system, in ``ROLES`` order (content.checklist)."""
    safeguards: list[str] = field(default_factory=list)
    obligations: list[ObligationResult] = field(default_factory=list)
    needs_review: list[Review] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)
    notices: list[Reason] = field(default_factory=list)
    charter_differs: list[str] = field(default_factory=list)
    facts: dict[str, str] = field(default_factory=dict)
    visible: list[str] = field(default_factory=list)
    unanswered: list[str] = field(default_factory=list)
    """Visible required questions still to answer."""
    stale: list[str] = field(default_factory=list)
    """Answers kept for questions that are hidden now: never used by the rules."""
    defaulted: dict[str, AnswerValue] = field(default_factory=dict)
    """Visible questions the user has not answered that take the organisation's answer."""
    to_confirm: list[str] = field(default_factory=list)
    """Visible questions whose kept answer went stale while hidden: shown, not yet used."""
    indicators: list[tuple[str, str]] = field(default_factory=list)
    use_case_tier: str = UNDETERMINED
    components: list[tuple[str, str]] = field(default_factory=list)
    """For a combined use case: each other system's id and tier."""
    basis: str = ""
    """The point of law the tier rests on, e.g. "Annex III 1(a)" or "Art. 5(1)(f)"."""
    headline: str = ""
    """The system's most important warning in one line (the first critical or warning
    notice's headline), shown beside the verdict."""


class _Collector:
    """Turns trails into reasons and review items, without duplicates."""

    def __init__(self, evaluator: Evaluator, outcome: Outcome):
        self.ev = evaluator
        self.out = outcome
        self._reviews: dict[str, Review] = {}
        self._differs: dict[str, None] = {}

    def reason(
        self,
        subject: Subject,
        value: str,
        text: str,
        trail: Trail,
        basis: tuple[str, ...] = (),
        differs: tuple[str, ...] = (),
        review: str = "",
    ) -> Reason:
        questions = self.ev.checklist.question_map
        answers = []
        facts = []
        for leaf in trail:
            if leaf.kind == "answer":
                q = questions[leaf.ref]
                answer = q.answer_label(leaf.value)
                answers.append(AnswerRef(q.id, q.text, answer, bool(leaf.assumed), leaf.defaulted))
                for text_ in _unsettled(q, leaf.value):
                    self._review(text_, subject, q.id)
            elif leaf.kind == "fact":
                facts.append((leaf.ref, str(leaf.value)))
            for qid in leaf.assumed:
                q = questions[qid]
                stricter = q.answer_label(q.conservative)
                text_ = f"'Unsure' to: {q.text} The stricter reading is applied: {stricter}."
                self._review(text_, subject, qid)
        if review:
            self._review(review, subject)
        for d in differs:
            self._differs.setdefault(d, None)
        return Reason(subject, value, text, basis, tuple(answers), tuple(facts), differs, review)

    def _review(self, text: str, subject: Subject, question: str | None = None) -> None:
        item = self._reviews.setdefault(text, Review(text, [], question))
        if subject not in item.about:
            item.about.append(subject)

    def finish(self) -> None:
        self.out.needs_review = list(self._reviews.values())
        self.out.charter_differs = list(self._differs)


def _unsettled(question: Question, value: AnswerValue | None) -> list[str]:
    """The review texts an answer raises because it rests on an unsettled reading."""
    out = [question.unsettled] if question.unsettled else []
    chosen = value if isinstance(value, tuple) else (value,)
    out += [o.unsettled for o in question.all_options if o.unsettled and o.id in chosen]
    return out


def _verdict_basis(facts: Mapping[str, FactResult]) -> str:
    """The point of law the tier rests on, e.g. "Annex III 1(a)" (see ``Rule.decisive``)."""
    tier = facts.get("tier")
    if tier is None or tier.rule is None or not tier.rule.point:
        return ""
    for fact_id in tier.rule.decisive:
        rule = facts[fact_id].rule if fact_id in facts else None
        if rule is not None and rule.when is not None and rule.basis:  # (not a default)
            return rule.basis[0]
    return tier.rule.basis[0] if tier.rule.basis else ""


def _bool(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def evaluate(
    checklist: Checklist,
    org: Answers,
    system: Answers,
    timeline: str | None = None,
) -> Outcome:
    """The outcome of one AI system, with every conclusion's reasons."""
    ev = Evaluator(checklist, org, system)
    timeline = timeline or checklist.meta.default_timeline
    facts = {f.id: ev.fact(f.id) for f in checklist.facts}
    values = {k: v.value for k, v in facts.items()}
    roles = [r for r in ROLES if values.get(ROLE_FACTS[r]) == "yes"]
    if roles:
        role = roles[0]
    elif any(values.get(ROLE_FACTS[r]) == UNDETERMINED for r in ROLES):
        role = UNDETERMINED
    else:
        role = "none"
    out = Outcome(
        ai_system=_bool(values.get("ai_system", UNDETERMINED)),
        tier=values.get("tier", UNDETERMINED),
        role=role,
        roles=roles,
        fria=values.get("fria", UNDETERMINED),
        facts=values,
        basis=_verdict_basis(facts),
    )
    col = _Collector(ev, out)

    for fact in checklist.facts:
        result = facts[fact.id]
        if result.rule is not None:
            r = result.rule
            out.reasons.append(
                col.reason(
                    Subject("fact", fact.id, fact.title),
                    result.value,
                    r.reason,
                    result.trail,
                    r.basis,
                    r.differs,
                    r.review,
                )
            )

    for safeguard in checklist.safeguards:
        held = []
        for case in safeguard.cases:
            value, trail = ev.case(case)
            if value is True:
                has_role, role_trail = ev.holds_role((case.actor,))
                if has_role is True:
                    held.append((case, trail + role_trail))
        if held:
            out.safeguards.append(safeguard.id)
        for case, trail in held:
            out.reasons.append(
                col.reason(
                    Subject("safeguard", safeguard.id, safeguard.title),
                    "applies",
                    case.reason or safeguard.title,
                    trail,
                    case.basis,
                    case.differs,
                    case.review,
                )
            )

    for obligation in checklist.obligations:
        has_role, role_trail = ev.holds_role(obligation.actor)
        if has_role is not True:
            continue
        for ocase in obligation.cases:
            value, trail = ev.case(ocase)
            if value is None:
                break
            if value is False:
                continue
            milestone = _milestone(ev, ocase)
            dates = checklist.milestone_map[milestone].dates if milestone else {}
            out.obligations.append(
                ObligationResult(
                    obligation.id,
                    obligation.title,
                    ocase.kind,
                    "; ".join(ocase.basis),
                    dates.get(timeline),
                    obligation.requirement,
                    obligation.step,
                    ocase.reason,
                    obligation.actor,
                    milestone,
                )
            )
            out.reasons.append(
                col.reason(
                    Subject("obligation", obligation.id, obligation.title),
                    ocase.kind,
                    ocase.reason or obligation.title,
                    trail + role_trail,
                    ocase.basis,
                    ocase.differs,
                    ocase.review,
                )
            )
            break

    for notice in checklist.notices:
        value, trail = ev.cond(notice.when)
        if value is True:
            out.notices.append(
                col.reason(
                    Subject("notice", notice.id, ""),
                    "applies",
                    notice.text,
                    trail,
                    notice.basis,
                    notice.differs,
                    notice.review,
                )
            )

    severity = {n.id: SEVERITIES.index(n.severity) for n in checklist.notices}
    out.notices.sort(key=lambda n: severity[n.subject.id])  # most severe first, else in order
    headlines = [
        n.headline
        for n in (checklist.notice_map[r.subject.id] for r in out.notices)
        if n.severity != "info"
    ]
    out.headline = headlines[0] if headlines else ""

    for question in checklist.questions:
        shown, _ = ev.visible(question.id)
        raw = ev.raw_answer(question)
        if shown is True:
            out.visible.append(question.id)
            default = ev.default_of(question) if raw is None else None
            if default is not None:
                out.defaulted[question.id] = default
            elif raw is None and question.is_required:
                out.unanswered.append(question.id)
            if question.indicator and raw is not None:
                out.indicators.append((question.id, question.answer_label(raw)))
        elif shown is False and raw is not None:
            # hidden for good; while an open question leaves its visibility undetermined
            # (None), an answer is neither shown nor set aside
            out.stale.append(question.id)
    col.finish()
    out.use_case_tier = out.tier
    return out


def _milestone(ev: Evaluator, case: ObligationCase) -> str | None:
    """The milestone an obligation's date comes from: named, or the one carried by the rule
    that decided a fact."""
    if case.applies_from_fact is None:
        return case.applies_from
    rule = ev.fact(case.applies_from_fact).rule
    return rule.applies_from if rule is not None else None


def evaluate_organisation(checklist: Checklist, org: Answers) -> tuple[list[str], list[str]]:
    """Visible and still-unanswered organisation questions."""
    ev = Evaluator(checklist, org)
    visible: list[str] = []
    unanswered: list[str] = []
    for question in checklist.questions_in("organisation"):
        if ev.visible(question.id)[0] is True:
            visible.append(question.id)
            if ev.raw_answer(question) is None and question.is_required:
                unanswered.append(question.id)
    return visible, unanswered


def strictest(tiers: Iterable[str]) -> str:
    """The strictest of several tiers; undetermined unless a prohibited one settles it."""
    tiers = list(tiers)
    if "prohibited" in tiers:
        return "prohibited"
    if UNDETERMINED in tiers or not tiers:
        return UNDETERMINED
    return max(tiers, key=lambda t: TIER_STRICTNESS[t])
