"""A document as data: parts of paragraphs, numbered points and tables, where every piece of
text says whether it came from the checklist or from the assessment (a file or a user), so
that each renderer escapes exactly the latter."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

TO_COMPLETE = "[to complete]"
"""What a draft says where a fact it needs is missing."""

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_GAP = re.compile(r"\[to complete[^\]]*\]")
"""A gap the checklist's own text leaves, e.g. ``[to complete: how to reach a person]``."""


@dataclass(frozen=True)
class Span:
    text: str
    user: bool = False
    """Text from the assessment (escaped by every renderer) rather than from the checklist."""
    missing: bool = False
    """A ``[to complete]`` mark."""


Text = tuple[Span, ...]


def plain(text: Text) -> str:
    return "".join(span.text for span in text)


def checklist_text(text: str) -> Text:
    return (Span(text),)


def user_text(text: str | None) -> Text:
    return (Span(text, user=True),) if text else (Span(TO_COMPLETE, missing=True),)


@dataclass(frozen=True)
class Point:
    """A numbered point: a question to answer, or an answer given, with its lines of detail."""

    text: Text
    ref: str = ""
    """The point's handle, e.g. ``Q1`` or the question's short title."""
    details: tuple[tuple[str, Text], ...] = ()
    """Labelled lines under it: why, the basis, the answer so far."""
    reply_space: bool = False
    """Leave room to write the reply (the printed questionnaire)."""


@dataclass(frozen=True)
class Part:
    heading: str
    paragraphs: tuple[Text, ...] = ()
    points: tuple[Point, ...] = ()
    table: tuple[tuple[str, ...], tuple[tuple[Text, ...], ...]] | None = None
    """A table: its header and rows of cells."""


@dataclass(frozen=True)
class Document:
    kind: str
    """``vendor`` or a draft's id."""
    title: Text
    audience: Text
    organisation: str
    date: dt.date
    basis: tuple[str, ...]
    draft: bool
    """A draft to complete and check, marked as such on every output."""
    parts: tuple[Part, ...]
    filled_from: tuple[tuple[str, Text], ...] = ()
    """The facts the document was filled from: (what, value)."""
    missing: tuple[str, ...] = ()
    """The facts missing from the assessment (each shown as ``[to complete]``)."""
    disclaimer: str = ""

    @property
    def text(self) -> str:
        """Everything it says, as plain text (for tests and searching)."""
        out = [plain(self.title), plain(self.audience)]
        for part in self.parts:
            out.append(part.heading)
            out += [plain(p) for p in part.paragraphs]
            for point in part.points:
                out.append(plain(point.text))
                out += [f"{label}: {plain(value)}" for label, value in point.details]
            if part.table:
                out += [" | ".join(plain(c) for c in row) for row in part.table[1]]
        out += [f"{label}: {plain(value)}" for label, value in self.filled_from]
        return "\n".join(out)


@dataclass
class Filler:
    """Fills ``{placeholders}`` of checklist text with facts of the assessment, and
    remembers which it used and which were missing."""

    values: Mapping[str, tuple[str, str | None]]
    """Placeholder -> (what it is, its value or None when missing)."""
    derived: frozenset[str] = frozenset()
    """Placeholders whose value the tool wrote (a tier, a basis, a date), not a user."""
    used: dict[str, None] = field(default_factory=dict)

    def fill(self, text: str) -> Text:
        spans: list[Span] = []
        at = 0
        for match in _PLACEHOLDER.finditer(text):
            if match.start() > at:
                spans += _gaps(text[at : match.start()])
            name = match.group(1)
            self.used[name] = None
            _, value = self.values[name]
            if not value:
                spans.append(Span(TO_COMPLETE, missing=True))
            else:
                spans.append(Span(value, user=name not in self.derived))
            at = match.end()
        if at < len(text):
            spans += _gaps(text[at:])
        return tuple(spans)

    def paragraphs(self, text: str) -> tuple[Text, ...]:
        return tuple(self.fill(p.strip()) for p in text.split("\n\n") if p.strip())

    def filled_from(self) -> tuple[tuple[str, Text], ...]:
        return tuple((self.values[n][0], self.fill("{" + n + "}")) for n in self.used)

    def missing(self) -> tuple[str, ...]:
        return tuple(self.values[n][0] for n in self.used if not self.values[n][1])


def _gaps(text: str) -> list[Span]:
    """Checklist text, with its own ``[to complete...]`` gaps marked as missing."""
    spans: list[Span] = []
    at = 0
    for match in _GAP.finditer(text):
        if match.start() > at:
            spans.append(Span(text[at : match.start()]))
        spans.append(Span(match.group(), missing=True))
        at = match.end()
    if at < len(text):
        spans.append(Span(text[at:]))
    return spans


Escape = Callable[[str], str]


def render_text(text: Text, user: Escape, checklist: Escape, missing: Escape) -> str:
    """A piece of text for one format: each span escaped as where it came from asks."""
    out = []
    for span in text:
        if span.missing:
            out.append(missing(span.text))
        elif span.user:
            out.append(user(span.text))
        else:
            out.append(checklist(span.text))
    return "".join(out)
