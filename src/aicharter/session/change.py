"""What a change is about: one system, the organisation, or everything."""

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
class Change:
    """What a change touched, as announced to ``Session.on_change``: one system (its id), the
    organisation, or everything (systems added, removed or linked)."""

    scope: str | Scope
    outcomes: bool = True
    """Whether outcomes can change (False for a note, a task, a name): only then are they
    evaluated again."""
