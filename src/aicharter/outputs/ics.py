"""The timeline as an iCalendar file (RFC 5545), written with the standard library: one
all-day event per date, listing the duties that apply from it and the plan items due on it.
Importable in any calendar; the same assessment gives the same file (stable UIDs, and the
assessment's own last-change time as the stamp)."""

from __future__ import annotations

import datetime as dt
import hashlib

from aicharter.files.assessment import Assessment
from aicharter.outputs.timeline import Day
from aicharter.sanitize import visible

PRODID = "-//aicharter//CoESS Charter assessment//EN"
LINE_OCTETS = 75
"""RFC 5545 §3.1: lines longer than 75 octets are folded."""


def escape_text(text: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks escaped;
    other control characters shown, never passed on."""
    text = visible(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\n", "\\n")


def fold(line: str) -> str:
    """A content line folded at 75 octets, never inside a UTF-8 character (§3.1)."""
    out: list[str] = []
    current = ""
    size = 0
    limit = LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = "", 0, LINE_OCTETS - 1  # continuation lines start with a space
        current += char
        size += width
    out.append(current)
    return "\r\n ".join(out)


def summary(day: Day) -> str:
    """The event's title: the one item of the day by name, else how many of each."""
    if len(day.events) == 1:
        event = day.events[0]
        if event.kind == "law":
            return f"Applies from today: {event.title}"
        return f"Due: {event.title} ({', '.join(event.systems)})"
    parts = []
    if day.laws:
        n = len(day.laws)
        parts.append(f"{n} legal dut{'y applies' if n == 1 else 'ies apply'}")
    if day.dues:
        n = len(day.dues)
        parts.append(f"{n} plan item{'' if n == 1 else 's'} due")
    return " · ".join(parts)


def description(day: Day) -> str:
    lines = []
    for event in day.laws:
        systems = ", ".join(event.systems)
        lines.append(
            f"Applies from this date: {event.title} ({event.basis}; {event.detail}): " + systems
        )
    for event in day.dues:
        lines.append(f"Due: {event.title} ({event.detail}): {', '.join(event.systems)}")
    return "\n".join(lines)


def to_ics(days: tuple[Day, ...], assessment: Assessment, source: str) -> str:
    """The calendar; ``source`` (the assessment's path) makes the events' UIDs its own."""
    key = hashlib.sha256(source.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    stamp = assessment.updated.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    name = assessment.organisation.name or "AI assessment"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{escape_text('AI Act dates: ' + name)}",
    ]
    for day in days:
        if day.date is None:
            continue
        lines += [
            "BEGIN:VEVENT",
            f"UID:{day.date:%Y%m%d}-{key}@aicharter",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{day.date:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day.date + dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{escape_text(summary(day))}",
            f"DESCRIPTION:{escape_text(description(day))}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
