"""The questionnaire to a system's provider: every question the firm could not answer that
the provider can settle (answered "unsure", or not yet), and every provider fact the firm's
duties for the system depend on, each with its article and why the firm asks."""

from __future__ import annotations

import datetime as dt
import re

from aicharter.content.checklist import ROLE_FACTS, Checklist, Question, VendorFact
from aicharter.files.assessment import AISystem, Assessment
from aicharter.outputs.documents.facts import filler
from aicharter.outputs.documents.model import (
    Document,
    Part,
    Point,
    Text,
    checklist_text,
    user_text,
)
from aicharter.rules.engine import Outcome

NOT_ANSWERED = "not answered yet"


def open_questions(checklist: Checklist, system: AISystem, outcome: Outcome) -> list[Question]:
    """The questions shown for the system, that the provider can settle, and that the firm
    answered "unsure" or not at all: what its answers leave open."""
    out = []
    for qid in outcome.visible:
        question = checklist.question_map[qid]
        if question.vendor is None:
            continue
        answer = system.answers.get(qid)
        if answer is None or answer.stale:
            out.append(question)
            continue
        chosen = answer.value if isinstance(answer.value, list) else [answer.value]
        if any(c in question.unsure_ids for c in chosen):
            out.append(question)
    return out


def provider_facts(checklist: Checklist, outcome: Outcome) -> list[VendorFact]:
    """The provider facts that a legal duty of the firm for the system depends on (or a
    recommended one, where the fact says so)."""
    if checklist.vendor is None:
        return []
    legal = {o.id for o in outcome.obligations if o.kind == "legal"}
    every = {o.id for o in outcome.obligations}
    return [
        f
        for f in checklist.vendor.facts
        if (every if f.recommended else legal).intersection(f.duties)
        and (not f.tiers or outcome.tier in f.tiers)
    ]


def vendor_questionnaire(
    checklist: Checklist,
    assessment: Assessment,
    outcome: Outcome,
    system_id: str,
    today: dt.date,
) -> Document:
    letter = checklist.vendor
    if letter is None:
        raise ValueError("this checklist has no vendor questionnaire")
    system = assessment.system(system_id)
    fill = filler(assessment, today, system, outcome)
    asked = open_questions(checklist, system, outcome)
    facts = provider_facts(checklist, outcome)
    titles = {o.id: o.title for o in outcome.obligations}
    parts = [Part("", paragraphs=fill.paragraphs(letter.intro))]
    made_own = bool(letter.flip) and _made_own(outcome, letter.flip_basis)
    if made_own:
        parts.append(Part("", paragraphs=fill.paragraphs(letter.flip)))
    if asked:
        parts.append(Part(letter.open_heading, points=tuple(_ask(q, system) for q in asked)))
    if facts:
        points = tuple(_fact(f, titles) for f in facts)
        parts.append(Part(letter.facts_heading, points=points))
    parts.append(Part("Replies", paragraphs=fill.paragraphs(letter.reply)))
    return Document(
        kind="vendor",
        title=fill.fill(letter.title),
        audience=fill.fill("{vendor}"),
        organisation=assessment.organisation.name,
        date=today,
        basis=_articles(
            [
                *(b for q in asked for b in q.refs),
                *(b for f in facts for b in f.basis),
                *([letter.flip_basis] if made_own else []),
            ]
        ),
        draft=False,
        parts=tuple(parts),
        filled_from=fill.filled_from(),
        missing=fill.missing(),
        disclaimer=checklist.meta.disclaimer,
    )


def _is_law(ref: str) -> bool:
    """A reference to law (an article, a recital, an annex), not to the Charter, which means
    nothing to a provider."""
    return not ref.startswith("Charter")


def _made_own(outcome: Outcome, flip_basis: str) -> bool:
    """Whether the firm is the provider because it made someone else's system its own."""
    return bool(flip_basis) and any(
        reason.subject.id == ROLE_FACTS["provider"]
        and reason.value == "yes"
        and any(b.startswith(flip_basis) for b in reason.basis)
        for reason in outcome.reasons
    )


def _articles(refs: list[str]) -> tuple[str, ...]:
    """The acts and articles the questionnaire rests on, each once: ``Art. 26(6)`` and
    ``Art. 26(1)`` give ``Art. 26`` (the points are named at each question)."""
    out = []
    for ref in refs:
        match = _ARTICLE.match(ref)
        if match:
            out.append(match.group(0))
    return tuple(sorted(dict.fromkeys(out), key=_article_order))


def _article_order(ref: str) -> tuple[int, int, str]:
    """The AI Act's articles in number order, then its annexes, then other acts."""
    number = re.search(r"\d+", ref)
    kind = 2 if not ref.startswith(("Art.", "Annex")) else 1 if ref.startswith("Annex") else 0
    return kind, int(number.group()) if number else 0, ref


_ARTICLE = re.compile(r"^(?:GDPR )?(?:Art\. \d+|Annex [IVX]+)")


def _ask(question: Question, system: AISystem) -> Point:
    assert question.vendor is not None
    answer = system.answers.get(question.id)
    so_far: Text = (
        user_text(question.answer_label(answer.value))
        if answer is not None and not answer.stale
        else checklist_text(NOT_ANSWERED)
    )
    details = [
        ("Why we ask", checklist_text(question.vendor.why)),
        ("Basis", checklist_text("; ".join(r for r in question.refs if _is_law(r)))),
        ("Our answer", so_far),
    ]
    return Point(
        checklist_text(question.vendor.ask),
        ref=question.short,
        details=tuple(details),
        reply_space=True,
    )


def _fact(fact: VendorFact, titles: dict[str, str]) -> Point:
    serves = "; ".join(titles[d] for d in fact.duties if d in titles)
    return Point(
        checklist_text(fact.ask),
        details=(
            ("Why we ask", checklist_text(fact.why)),
            ("Basis", checklist_text("; ".join(fact.basis))),
            ("For our duty", checklist_text(serves)),
        ),
        reply_space=True,
    )
