"""After the verdict: the vendor questionnaire and the drafts, on their content, their
escaping and their HTML (self-contained, printable)."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest

from aicharter.files import storage
from aicharter.files.assessment import AISystem, Answer, Assessment, TeamMember
from aicharter.files.paths import demo_assessment
from aicharter.outputs.documents.drafts import draft_document, drafts_for
from aicharter.outputs.documents.model import TO_COMPLETE
from aicharter.outputs.documents.render import DRAFT_MARK, render_document
from aicharter.outputs.documents.vendor import (
    open_questions,
    provider_facts,
    vendor_questionnaire,
)
from aicharter.rules.evaluate import evaluate_all
from helpers import charter

TODAY = dt.date(2026, 12, 5)
HOSTILE = "Vendor <script>alert(1)</script> \x1b]52;c;SGk=\x07 [x](http://evil)\n# Owned *"

WATCH_LIST = {
    "infers": "yes",
    "scope_exclusion": "none",
    "activities": ["use"],
    "bio_uses": "yes",
    "bio_identification": "identification",
}


def _assessment(answers: dict[str, object], **details: str) -> Assessment:
    system = AISystem(
        id="cam",
        name=details.get("name", "Entrance cameras"),
        vendor=details.get("vendor", "Acme Vision"),
        intended_purpose=details.get("purpose"),
        answers={k: Answer(value=v) for k, v in answers.items()},  # type: ignore[arg-type]
    )
    assessment = Assessment(systems=[system])
    assessment.organisation.name = "Guard & Co"
    assessment.organisation.country = "Belgium"
    assessment.team = [TeamMember(name="Ana", role="dpo", contact="ana@example.org")]
    return assessment


def test_questionnaire_asks_exactly_what_the_answers_leave_open():
    """The provider is asked the questions it can settle that the firm answered "unsure" or
    not at all, among those shown for the system (Art. 3(1): whether it infers is the
    provider's to say; where it is deployed is not)."""
    c = charter()
    answers = {**WATCH_LIST, "infers": "unsure", "bio_emotion": "unsure"}
    assessment = _assessment(answers)
    system = assessment.systems[0]
    out = evaluate_all(c, assessment)["cam"]
    asked = [q.id for q in open_questions(c, system, out)]
    expected = [
        qid
        for qid in out.visible
        if c.question_map[qid].vendor is not None
        and (qid not in answers or answers[qid] == "unsure")
    ]
    assert asked == expected
    assert {"infers", "bio_emotion"} <= set(asked)
    assert "bio_identification" not in asked  # answered: the firm knows
    assert all(c.question_map[q].vendor for q in asked)
    # once the vendor's reply is entered as the answer, the question is no longer asked
    system.answers["infers"] = Answer(value="yes", evidence="Acme letter of 2 Dec")
    out = evaluate_all(c, assessment)["cam"]
    assert "infers" not in [q.id for q in open_questions(c, system, out)]


def test_questionnaire_lists_provider_facts_for_legal_duties_only():
    """A high-risk deployer needs the logs (Art. 12, 26(6)), the oversight measures (Art. 14,
    26(2)) and the instructions (Art. 13, 26(1)); a minimal-risk system has no such duty, so
    nothing is asked of its provider."""
    c = charter()
    demo = storage.read(demo_assessment(), c)
    outcomes = evaluate_all(c, demo)
    high = {f.id for f in provider_facts(c, outcomes["retail-watchlist"])}
    assert {"logs", "oversight", "instructions", "conformity"} <= high
    assert provider_facts(c, outcomes["alarm-triage"]) == []
    doc = vendor_questionnaire(c, demo, outcomes["retail-watchlist"], "retail-watchlist", TODAY)
    text = doc.text
    assert "Art. 26(6)" in text and "Art. 12" in text
    assert "Keep the automatically generated logs for at least six months" in text  # the duty
    assert not doc.draft


def test_questionnaire_is_addressed_to_the_vendor_or_says_to_complete():
    c = charter()
    assessment = _assessment({**WATCH_LIST, "infers": "unsure"}, vendor="")
    assessment.systems[0].vendor = None
    out = evaluate_all(c, assessment)["cam"]
    doc = vendor_questionnaire(c, assessment, out, "cam", TODAY)
    assert doc.text.splitlines()[1] == TO_COMPLETE
    assert "Provider (vendor)" in doc.missing
    md = render_document(doc, "md")
    assert f"For: **{TO_COMPLETE}**" in md


def _demo():
    c = charter()
    demo = storage.read(demo_assessment(), c)
    return c, demo, evaluate_all(c, demo)


@pytest.mark.parametrize(
    ("kind", "system", "basis"),
    [
        ("notice", "retail-watchlist", "Art. 26(11)"),
        ("workers", "shift-planner", "Art. 26(7)"),
        ("chatbot", "web-chatbot", "Art. 50(1)"),
        ("fria_notification", "police-footage", "Art. 27(3)"),
        ("literacy", None, "Art. 4"),
    ],
)
def test_each_draft_is_marked_cites_its_basis_and_what_it_was_filled_from(kind, system, basis):
    """Each draft is offered where its duty applies, says DRAFT, names its basis and lists
    the facts it was filled from."""
    c, demo, outcomes = _demo()
    assert kind in {d.id for d in drafts_for(c, outcomes, system)}
    doc = draft_document(c, demo, outcomes, kind, system, TODAY)
    assert doc.draft and basis in doc.basis
    for fmt in ("md", "html"):
        text = render_document(doc, fmt)
        assert DRAFT_MARK in text and basis in text
        assert "Filled from the assessment" in text
        assert demo.organisation.name.split(" ")[0] in text


def test_drafts_follow_the_duties():
    """No notice for a minimal-risk system; the information to workers only where Art. 26(7)
    or the client's workers call for it; the Art. 6(4) record only for a provider relying
    on Art. 6(3)."""
    c, _, outcomes = _demo()
    assert drafts_for(c, outcomes, "alarm-triage") == []
    assert "workers" not in {d.id for d in drafts_for(c, outcomes, "police-footage")}
    derogation = {
        **WATCH_LIST,
        "bio_uses": "no",
        "activities": ["develop"],
        "annex3_areas": ["employment"],
        "annex3_p4": ["recruitment"],
        "annex3_derogation": ["preparatory"],
        "annex3_profiling": "no",
    }
    assessment = _assessment(derogation)
    outs = evaluate_all(c, assessment)
    if outs["cam"].facts.get("derogation") == "applies":
        kinds = {d.id for d in drafts_for(c, outs, "cam")}
        assert "derogation" in kinds
        doc = draft_document(c, assessment, outs, "derogation", "cam", TODAY)
        assert "Art. 6(4)" in doc.basis and TO_COMPLETE in doc.text
    else:
        pytest.fail(f"expected the Art. 6(3) derogation, got {outs['cam'].facts}")


def test_missing_facts_read_to_complete():
    c = charter()
    assessment = _assessment(WATCH_LIST)
    outcomes = evaluate_all(c, assessment)
    doc = draft_document(c, assessment, outcomes, "notice", "cam", TODAY)
    assert "Intended purpose" in doc.missing
    assert TO_COMPLETE in doc.text
    html = render_document(doc, "html")
    assert f'<span class="missing">{TO_COMPLETE}</span>' in html


class _Resources(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.external: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        if tag == "script":
            self.scripts += 1
        for name, value in attrs:
            if name in ("src", "href") and value and not value.startswith("#"):
                self.external.append(value)


def test_hostile_text_is_escaped_and_html_is_self_contained_and_printable():
    c, assessment, _ = _demo()
    system = assessment.system("retail-watchlist")
    system.name = system.vendor = system.intended_purpose = system.description = HOSTILE
    system.answers["infers"] = Answer(value="unsure", note=HOSTILE)
    assessment.organisation.name = HOSTILE
    outcomes = evaluate_all(c, assessment)
    docs = [vendor_questionnaire(c, assessment, outcomes[system.id], system.id, TODAY)]
    docs += [
        draft_document(c, assessment, outcomes, d.id, system.id, TODAY)
        for d in drafts_for(c, outcomes, system.id) + drafts_for(c, outcomes, None)
    ]
    assert len(docs) == 4
    for doc in docs:
        html = render_document(doc, "html")
        parser = _Resources()
        parser.feed(html)
        assert parser.scripts == 0 and parser.external == []
        assert "@page" in html and "@media print" in html
        md = render_document(doc, "md")
        for text in (html, md):
            assert "\x1b" not in text and "\x07" not in text
            assert "<script>" not in text
        assert "[x](http" not in md and "\\[x\\](http\\://evil)" in md
        assert not re.search(r"^ *#+ *Owned", md, re.M)  # no heading from user text


def test_a_notice_promises_an_explanation_only_where_art_86_gives_one():
    """The right to an explanation (Art. 86) covers decisions based on an Annex III high-risk
    system's output; the sentence about what the system does to people covers Art. 50(3)
    (emotion recognition, biometric categorisation). Each shows only where its duty applies."""
    c, demo, outcomes = _demo()
    seen = set()
    for system in demo.systems:
        if "notice" not in {d.id for d in drafts_for(c, outcomes, system.id)}:
            continue
        duties = {o.id for o in outcomes[system.id].obligations}
        text = draft_document(c, demo, outcomes, "notice", system.id, TODAY).text
        explains = "Art. 86" in text.split("Before you put it up")[0]
        assert explains == ("inform_affected_people" in duties), system.id
        observes = "What the system does to the people it observes" in text
        assert observes == ("emotion_categorisation_notice" in duties), system.id
        seen.add((explains, observes))
    assert (True, False) in seen


def test_a_system_the_firm_made_its_own_asks_the_first_provider_to_cooperate():
    """The demo's shift planner carries the firm's name (Art. 25(1)(a)): the firm is now its
    provider, and the letter cites Art. 25(2), the first provider's duty to cooperate. The
    firm's own product, and a system it only uses, get no such paragraph."""
    c, demo, outcomes = _demo()

    def letter(system_id: str) -> str:
        return vendor_questionnaire(c, demo, outcomes[system_id], system_id, TODAY).text

    assert "Art. 25(2)" in letter("shift-planner")
    assert (
        "Art. 25"
        in vendor_questionnaire(c, demo, outcomes["shift-planner"], "shift-planner", TODAY).basis
    )
    assert "Art. 25(2)" not in letter("recruit-screen")
    assert "Art. 25(2)" not in letter("retail-watchlist")


def test_the_notice_cites_only_the_articles_of_the_parts_it_holds():
    """A watch list that decides about people but recognises no emotions: its notice rests
    on Art. 26(11) and Art. 86, not on Art. 50(3)."""
    c, demo, outcomes = _demo()
    doc = draft_document(c, demo, outcomes, "notice", "retail-watchlist", TODAY)
    assert "Art. 26(11)" in doc.basis and "Art. 86" in doc.basis
    assert "Art. 50(3)" not in doc.basis and "Art. 50(3)" not in doc.text
