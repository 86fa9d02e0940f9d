"""What a person reads names things by the checklist's titles, never by ids: the Why? trail,
the summary and the reports of every demo system."""

from __future__ import annotations

import datetime as dt
import re

from aicharter.files import storage
from aicharter.files.paths import default_checklist, demo_assessment
from aicharter.outputs.report import render
from aicharter.outputs.report.data import report_data
from aicharter.outputs.summary import summary_text
from aicharter.rules.evaluate import evaluate_all
from aicharter.rules.validate import load_checklist
from aicharter.tui.screens.why import why_content


def _demo():
    checklist = load_checklist(default_checklist())
    assessment = storage.read(demo_assessment())
    return checklist, assessment, evaluate_all(checklist, assessment)


def _ids(checklist) -> set[str]:
    """Ids of several words as written, and those of three words or more with spaces for
    underscores (two-word ones such as "input data" are ordinary prose)."""
    ids = {
        item.id
        for items in (
            checklist.safeguards,
            checklist.obligations,
            checklist.notices,
            checklist.facts,
        )
        for item in items
        if "_" in item.id
    }
    return ids | {i.replace("_", " ") for i in ids if i.count("_") >= 2}


def _leaks(text: str, ids: set[str]) -> set[str]:
    found = {i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)}
    found |= set(re.findall(r"\b(?:obligation|safeguard|notice):\w+", text))
    return found


def test_why_summary_and_reports_show_titles_not_ids():
    checklist, assessment, outcomes = _demo()
    ids = _ids(checklist)
    for system in assessment.systems:
        why = why_content(checklist, outcomes[system.id]).plain
        assert not _leaks(why, ids), (system.id, _leaks(why, ids))
    summary = summary_text(checklist, assessment, outcomes)
    assert not _leaks(summary, ids)
    data = report_data(checklist, assessment, outcomes, dt.date(2026, 12, 4))
    markdown = render(data, "md")
    assert not _leaks(markdown, ids), _leaks(markdown, ids)
    assert "Safeguard: Two-person verification" in markdown or "Safeguard:" in markdown


def test_why_explains_the_charters_indicators_and_where_the_charter_differs():
    """Ch. I §II: the cross-cutting criteria are indicators; the tier follows the Act
    (Arts. 5, 6, 50). A "Charter differs" entry is named by where the Charter says it."""
    checklist, assessment, outcomes = _demo()
    with_indicators = next(s for s in assessment.systems if outcomes[s.id].indicators)
    why = why_content(checklist, outcomes[with_indicators.id]).plain
    assert "Indicators" in why and checklist.meta.indicators in why
    differing = next(s for s in assessment.systems if outcomes[s.id].charter_differs)
    why = why_content(checklist, outcomes[differing.id]).plain
    first = checklist.differs_map[outcomes[differing.id].charter_differs[0]]
    assert first.where in why and not re.search(r"\bC\d+\b", why)
