"""The timeline, the calendar file (RFC 5545) and the plan as CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io

from aicharter.files import storage
from aicharter.files.assessment import Task
from aicharter.files.paths import demo_assessment
from aicharter.outputs.ics import LINE_OCTETS, to_ics
from aicharter.outputs.plan_csv import HEADER, NEUTRALISER, plan_rows, to_csv
from aicharter.outputs.timeline import ORGANISATION, event_line, timeline
from aicharter.rules.evaluate import evaluate_all
from aicharter.sanitize import visible
from helpers import charter

TODAY = dt.date(2026, 12, 5)
FORMULA = '=HYPERLINK("http://evil","click"),;\\'


def _demo():
    c = charter()
    demo = storage.read(demo_assessment(), c)
    return c, demo


def test_timeline_has_every_legal_date_and_due_date_in_order():
    """Art. 113 dates (as amended: Annex III duties from 2 Dec 2027) sit beside the plan's
    due dates, organisation steps included; days are in date order."""
    c, demo = _demo()
    demo.system("shift-planner").items["keep_logs"] = Task(due=dt.date(2027, 6, 1), owner="Ana")
    days = timeline(c, demo, evaluate_all(c, demo), TODAY)
    dates = [d.date for d in days]
    assert dates == sorted(dates) and len(dates) == len(set(dates))
    annex3 = next(d for d in days if d.date == dt.date(2027, 12, 2))
    assert any("Shift planner" in e.systems for e in annex3.laws)
    due = next(d for d in days if d.date == dt.date(2027, 6, 1))
    assert [e.systems for e in due.dues] == [("Shift planner",)]
    assert "Ana" in due.dues[0].detail
    org = next(d for d in days if d.date == dt.date(2027, 3, 31))  # the code of conduct step
    assert org.dues[0].systems == (ORGANISATION,)
    assert all(d.past == (d.date <= TODAY) for d in days)


def _unfold(text: str) -> list[str]:
    """RFC 5545 §3.1: a CRLF followed by a space or tab continues the line."""
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    return text.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")[:-1]


def test_ics_follows_the_line_rules_and_has_one_event_per_date():
    c, demo = _demo()
    demo.system("web-chatbot").name = FORMULA + " é" * 60 + "\x1b]52;c;SGk=\x07"
    outcomes = evaluate_all(c, demo)
    days = timeline(c, demo, outcomes, TODAY)
    text = to_ics(days, demo, "/tmp/demo.toml")
    raw_lines = text.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= LINE_OCTETS for line in raw_lines)
    lines = _unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(x.startswith("PRODID:") for x in lines)
    starts = [x.split(":", 1)[1] for x in lines if x.startswith("DTSTART;VALUE=DATE:")]
    assert starts == [f"{d.date:%Y%m%d}" for d in days]
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == len(days)
    uids = [x for x in lines if x.startswith("UID:")]
    assert len(set(uids)) == len(uids)
    assert all(x.startswith("DTSTAMP:") for x in lines if x.startswith("DTSTAMP"))
    description = next(x for x in lines if x.startswith("DESCRIPTION:") and "é" in x)
    assert "\\," in description and "\\;" in description and "\\\\" in description
    assert "\x1b" not in text and "\x07" not in text and "␛]52" in description
    assert "SUMMARY:Due: #6 Build an internal code of conduct from the Charter (Organisation)" in (
        lines
    )
    assert to_ics(days, demo, "/tmp/demo.toml") == text  # stable: same file, same calendar


def test_csv_round_trips_and_neutralises_formulas():
    """Every plan item, one row each, read back by ``csv`` as written; a cell starting with
    = + - @ gets a leading apostrophe, so that a spreadsheet shows it instead of running it."""
    c, demo = _demo()
    task = demo.system("shift-planner").items.setdefault("keep_logs", Task())
    task.notes = FORMULA
    task.owner = "+32 2 555 01 01"
    task.evidence = "line one\nline two, with a comma \x1b[2J"
    outcomes = evaluate_all(c, demo)
    text = to_csv(c, demo, outcomes)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    expected = plan_rows(c, demo, outcomes)
    assert rows[0] == list(HEADER)
    assert len(rows) == len(expected) > 100
    neutralised = [
        [cell.removeprefix(NEUTRALISER) if cell.startswith("'") else cell for cell in row]
        for row in rows
    ]
    assert neutralised == [[visible(cell) for cell in row] for row in expected]
    logs = next(r for r in rows if r[0] == "Shift planner" and r[1].startswith("Keep the auto"))
    assert logs[8] == "'" + FORMULA and logs[6] == "'+32 2 555 01 01"
    assert logs[9] == "line one\nline two, with a comma ␛[2J"  # no control character passes
    assert logs[2] == "legal" and logs[4] == "2027-12-02"
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_a_duty_in_force_not_marked_done_is_said_so():
    """The ban of emotion recognition at work (Art. 5(1)(f)) has applied since 2 February
    2025: while the stress monitor's plan does not mark "Stop any current use" done, the
    timeline says the duty is in force and not done for it; marked done, it no longer does."""
    c, demo = _demo()
    days = timeline(c, demo, evaluate_all(c, demo), TODAY)
    ban = next(e for d in days for e in d.laws if e.title.startswith("Stop any current use"))
    assert ban.undone == ("Control-room stress detection",)
    day = next(d for d in days if ban in d.laws)
    assert day.past and "in force, not marked done for Control-room" in event_line(ban, True)
    demo.system("stress-monitor").items["prohibited_discontinue"] = Task(status="done")
    days = timeline(c, demo, evaluate_all(c, demo), TODAY)
    ban = next(e for d in days for e in d.laws if e.title.startswith("Stop any current use"))
    assert ban.undone == () and "not marked done" not in event_line(ban, True)
