"""What the Markdown and HTML reports share: which answers to print under a reason, the
marks beside them, titles and the note columns."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from aicharter.outputs.vocabulary import DEFAULTED, REVIEW_MARK, WARNING_MARK, tier_label

DEFAULTED_MARK = f" ({DEFAULTED})"
"""Said beside an answer a system takes from the organisation's."""

UNSURE = " (unsure: the stricter reading applied)"


NOTE_FIELDS = (("note", "Note"), ("notes", "Notes"), ("evidence", "Evidence"))
"""The free-text fields of an answer (note), a step or a plan item (notes), and both
(evidence), with their labels in a report."""


def notes_cell(item: Mapping[str, Any], text: Callable[[str], str]) -> str:
    """The notes and evidence of an answer, a step or a plan item, in one table cell, each
    made safe by ``text`` for the format (both formats break lines with ``<br>``)."""
    return "<br>".join(f"{label}: {text(item[key])}" for key, label in NOTE_FIELDS if item.get(key))


def decisive(reason: dict[str, Any]) -> list[dict[str, Any]]:
    """The answers to print under a reason. A conclusion that holds lists what made it hold;
    one that was reached by ruling everything else out (a "no" or a default) would list every
    answer, so only those read "unsure" are repeated: the Answers table has the rest."""
    answers: list[dict[str, Any]] = reason["answers"]
    if len(answers) <= 4:
        return answers
    return [a for a in answers if a["assumed"]]


def flag(answer: Mapping[str, Any]) -> str:
    """What to say beside an answer a conclusion rests on."""
    if answer["assumed"]:
        return UNSURE
    return DEFAULTED_MARK if answer.get("defaulted") else ""


def title_of(reason: dict[str, Any]) -> str:
    """The checklist's title of what a reason concludes; a safeguard says it is one."""
    title: str = reason["title"]
    return "Safeguard: " + title if reason["kind"] == "safeguard" else title


DASHBOARD_HEAD = [
    "AI system",
    "Tier and basis",
    "Roles",
    "FRIA",
    "Decision",
    "To review",
    "Next legal date",
]
"""The columns of the dashboard, the report's first page."""


TIMELINE_INTRO = (
    "Every date that matters: when each legal duty applies, with the systems it binds the firm "
    "for, and when each plan item is due."
)


def dashboard_cells(line: Mapping[str, Any]) -> list[str]:
    """A dashboard row after its name, as plain text: the format escapes it."""
    tier = tier_label(line["tier"]) + (f" ({line['basis']})" if line["basis"] else "")
    n = line["next_count"]
    coming = f"{line['next_date']} ({n} dut{'ies' if n != 1 else 'y'})" if line["next_date"] else ""
    review = f"{REVIEW_MARK} {line['review']}" if line["review"] else ""
    return [tier, line["roles"], line["fria"], line["decision"], review, coming or "none to come"]


def decisive_facts(s: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The basis of the verdict and the headline warning, as label and text, right under the
    tier (left out where empty): the format escapes the text."""
    facts = [("Basis", s["basis"])] if s["basis"] else []
    if s["warning"]:
        facts.append(("Warning", f"{WARNING_MARK} {s['warning']}"))
    return facts


def described(s: Mapping[str, Any]) -> list[tuple[str, str]]:
    """A system's own description (vendor, what it does, its purpose) as label and user text,
    left out where empty: the format escapes the text."""
    return [
        (label, s[key])
        for label, key in (
            ("Provider or vendor", "vendor"),
            ("What it does", "description"),
            ("Intended purpose", "intended_purpose"),
        )
        if s[key]
    ]


def checked(timeline: Mapping[str, Any]) -> str:
    return (
        "verified against the published text"
        if timeline["verified"]
        else "NOT verified against the published text"
    )
