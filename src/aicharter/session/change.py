"""What a change is about: one system, the organisation, or everything; and what it did to
the verdicts, so that a front end can say so where the eye is."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Final, Literal


class Scope(Enum):
    """Who a change or an answer belongs to, besides one system (named by its id)."""

    ORGANISATION = "organisation"
    EVERYTHING = "everything"


ORGANISATION: Final = Scope.ORGANISATION
EVERYTHING: Final = Scope.EVERYTHING
Owner = str | Literal[Scope.ORGANISATION]
"""Whose answers, steps or plan items: a system's id, or ``ORGANISATION``."""


@dataclass(frozen=True)
class Shift:
    """One part of a system's verdict that a change moved, e.g. its tier from "High-risk" to
    "Minimal risk"."""

    system_id: str
    system: str
    """The system's name."""
    aspect: str
    """What moved: "Tier", "Role" or "FRIA"."""
    before: str
    after: str

    def text(self) -> str:
        """E.g. "Tier: High-risk → Minimal risk"; without the aspect where the labels name
        it already ("FRIA recommended → no FRIA")."""
        named = self.aspect in self.before or self.aspect in self.after
        return f"{'' if named else self.aspect + ': '}{self.before} → {self.after}"


@dataclass(frozen=True)
class Change:
    """What a change touched, as announced to ``Session.on_change``: one system (its id), the
    organisation, or everything (systems added, removed or linked)."""

    scope: str | Scope
    outcomes: bool = True
    """Whether outcomes can change (False for a note, a task, a name): only then are they
    evaluated again."""
    what: str = "change"
    """What changed, as a person would name it ("the answer to 'Biometric data'"): the undo
    and redo messages name it."""
    question: str = ""
    """The question whose answer (or note) changed, if any: an undo goes back to it."""
    merge: str = ""
    """Changes in a row with the same non-empty key are undone as one (typing in a text box
    is saved at each pause, and undone as a whole)."""
    shifts: tuple[Shift, ...] = ()
    """Filled in by the session: the verdicts the change moved."""
    undone: Literal["", "undo", "redo"] = ""
    """Filled in by the session: set when the change is an undo or a redo."""
