"""The assessment: one organisation, its team, and any number of AI systems with their answers.

This is what the assessment file holds. Fields that are unset are left out of the file (TOML has
no null), so every optional field defaults to ``None`` and is dropped on save.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, FailFast, Field, field_validator, model_validator

from aicharter.content.checklist import ID_PATTERN, Status
from aicharter.sanitize import quote

SCHEMA_VERSION = 1
"""The newest assessment file format this version reads and writes."""

SYSTEM_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"


def now() -> dt.datetime:
    """The current time in UTC, to the second (what the file stores)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


class _FailFast(FailFast):
    """Stop at a list's first wrong item (a wrong file's errors stay few), usable inside a
    union: typing hashes a union's members, and pydantic's marker is not hashable."""

    def __hash__(self) -> int:
        return hash(FailFast)


_OptionIds = Annotated[list[str], _FailFast()]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Answer(_Model):
    """An answer to one question, with the user's note and evidence reference."""

    value: str | _OptionIds
    """An option id, a list of option ids (multiple choice), or free text."""
    note: str | None = None
    evidence: str | None = None
    """Where the proof is: a document, a contract clause, a ticket."""
    stale: bool | None = None
    """Set when the question was hidden by a later answer. A stale answer is kept but never
    used: when its question shows again the user confirms or changes it."""

    @field_validator("value")
    @classmethod
    def _not_empty_list(cls, value: str | list[str]) -> str | list[str]:
        if isinstance(value, list) and not value:
            raise ValueError("a multiple-choice answer needs at least one option")
        return value

    def as_engine_value(self) -> str | tuple[str, ...]:
        return tuple(self.value) if isinstance(self.value, list) else self.value


class Task(_Model):
    """Progress on a checklist step or a plan item."""

    status: Status = "not_started"
    owner: str | None = None
    """A team member's name."""
    due: dt.date | None = None
    notes: str | None = None
    evidence: str | None = None


class TeamMember(_Model):
    name: str = Field(min_length=1)
    role: str = Field(pattern=ID_PATTERN)
    """A team role id from the checklist (``project_lead``, ``dpo``...)."""
    contact: str | None = None


class Organisation(_Model):
    name: str = ""
    country: str | None = None
    answers: dict[str, Answer] = Field(default_factory=dict)


_Value = str | _OptionIds


class Reviewed(_Model):
    """A system's verdict as it stood when someone marked the system reviewed, with what it
    rested on: opened later (with a newer checklist, or after answers changed), the verdict
    now is compared with it."""

    on: dt.datetime
    """When it was marked reviewed (UTC)."""
    checklist_version: str
    """The version of the checklist that gave the verdict."""
    timeline: str
    """The timeline of application dates then in force."""
    tier: str
    roles: Annotated[list[str], _FailFast()] = Field(default_factory=list)
    fria: str
    obligations: dict[str, str] = Field(default_factory=dict)
    """Every obligation id then listed: the date a legal duty applies from, ``legal`` for one
    without a date, ``recommended`` for a recommendation."""
    answers: dict[str, _Value] = Field(default_factory=dict)
    """The system's answers the verdict rested on."""
    organisation: dict[str, _Value] = Field(default_factory=dict)
    """The organisation's answers it rested on."""


class AISystem(_Model):
    id: str = Field(pattern=SYSTEM_ID_PATTERN)
    name: str = Field(min_length=1)
    vendor: str | None = None
    description: str | None = None
    intended_purpose: str | None = None
    combined_with: Annotated[list[str], _FailFast()] = Field(default_factory=list)
    """Ids of the other systems of the same use case (Charter step 2, question 4)."""
    answers: dict[str, Answer] = Field(default_factory=dict)
    steps: dict[str, Task] = Field(default_factory=dict)
    """Per-system checklist steps, by step id."""
    items: dict[str, Task] = Field(default_factory=dict)
    """Plan items (obligations and requirement sub-items), by id."""
    fria: dict[str, str] = Field(default_factory=dict)
    """The fundamental rights impact assessment worksheet: the Art. 27(1)(a)-(f) elements, by
    the id of the FRIA requirement's sub-item (``fr_processes``...)."""
    reviewed: Reviewed | None = None
    """The verdict when the system was last marked reviewed."""


class Assessment(_Model):
    schema_version: Literal[1] = 1
    checklist: str = "coess_charter"
    """Id of the checklist the answers belong to."""
    timeline: str | None = None
    """Which timeline of application dates to use; the checklist's default when unset."""
    created: dt.datetime = Field(default_factory=now)
    updated: dt.datetime = Field(default_factory=now)
    organisation: Organisation = Field(default_factory=Organisation)
    team: Annotated[list[TeamMember], _FailFast()] = Field(default_factory=list)
    steps: dict[str, Task] = Field(default_factory=dict)
    """Organisation-wide checklist steps (#1, #6, #10), by step id."""
    systems: Annotated[list[AISystem], _FailFast()] = Field(default_factory=list)

    @model_validator(mode="after")
    def _links(self) -> Assessment:
        ids = [s.id for s in self.systems]
        seen: set[str] = set()
        for system_id in ids:
            if system_id in seen:
                raise ValueError(f"two AI systems share the id '{quote(system_id, 60)}'")
            seen.add(system_id)
        for system in self.systems:
            name = quote(system.id, 60)
            for other in system.combined_with:
                if other == system.id:
                    raise ValueError(f"system '{name}' is combined with itself")
                if other not in seen:
                    raise ValueError(
                        f"system '{name}' is combined with '{quote(other, 60)}', which is not "
                        "in this assessment"
                    )
        return self

    def touch(self) -> None:
        """Record that the assessment changed now."""
        self.updated = now()

    def system(self, system_id: str) -> AISystem:
        for system in self.systems:
            if system.id == system_id:
                return system
        raise KeyError(system_id)
