"""Declarative conditions: all / any / not over answers and derived facts.

A condition is plain data read from a checklist file. It is evaluated by the engine with
three-valued (Kleene) logic: ``True``, ``False`` or ``None`` for "cannot tell yet" (a question
that is visible but not answered, or a fact that is still undetermined). Nothing here is ever
passed to ``eval``.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

UNDETERMINED = "undetermined"


class Condition(BaseModel):
    """One node of a condition tree.

    Exactly one of ``all``, ``any``, ``not``, ``answer`` or ``fact`` is set. A leaf (``answer``
    or ``fact``) compares with exactly one of ``is``, ``in``, ``includes`` or ``includes_any``;
    the two ``includes`` forms are for multiple-choice answers.
    """

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)

    all_: tuple[Condition, ...] | None = Field(default=None, alias="all")
    """True when every child is true."""
    any_: tuple[Condition, ...] | None = Field(default=None, alias="any")
    """True when at least one child is true."""
    not_: Condition | None = Field(default=None, alias="not")
    """True when the child is false."""
    answer: str | None = None
    """Id of the question whose answer is compared."""
    fact: str | None = None
    """Id of the derived fact whose value is compared."""
    is_: str | None = Field(default=None, alias="is")
    """The answer or fact equals this value."""
    in_: tuple[str, ...] | None = Field(default=None, alias="in")
    """The answer or fact is one of these values."""
    includes: str | None = None
    """A multiple-choice answer contains this option."""
    includes_any: tuple[str, ...] | None = None
    """A multiple-choice answer contains at least one of these options."""

    @model_validator(mode="after")
    def _one_form(self) -> Condition:
        forms = [
            name
            for name, value in (
                ("all", self.all_),
                ("any", self.any_),
                ("not", self.not_),
                ("answer", self.answer),
                ("fact", self.fact),
            )
            if value is not None
        ]
        if len(forms) != 1:
            raise ValueError(
                "a condition needs exactly one of all / any / not / answer / fact, "
                f"found {forms or 'none'}"
            )
        tests = [t for t in self.tests() if t[1] is not None]
        if self.answer is not None or self.fact is not None:
            if len(tests) != 1:
                raise ValueError(
                    "a leaf condition needs exactly one of is / in / includes / includes_any"
                )
            if self.fact is not None and self.includes is not None:
                raise ValueError("'includes' compares multiple-choice answers, not facts")
            if self.fact is not None and self.includes_any is not None:
                raise ValueError("'includes_any' compares multiple-choice answers, not facts")
        elif tests:
            raise ValueError("is / in / includes belong on an answer or fact leaf")
        if self.all_ is not None and not self.all_:
            raise ValueError("'all' needs at least one condition")
        if self.any_ is not None and not self.any_:
            raise ValueError("'any' needs at least one condition")
        return self

    def tests(self) -> tuple[tuple[str, Any], ...]:
        """The comparison slots of a leaf, in a fixed order."""
        return (
            ("is", self.is_),
            ("in", self.in_),
            ("includes", self.includes),
            ("includes_any", self.includes_any),
        )

    def compared_values(self) -> tuple[str, ...]:
        """Every value or option this leaf mentions."""
        values: list[str] = []
        if self.is_ is not None:
            values.append(self.is_)
        if self.includes is not None:
            values.append(self.includes)
        values.extend(self.in_ or ())
        values.extend(self.includes_any or ())
        return tuple(values)

    def children(self) -> tuple[Condition, ...]:
        if self.all_ is not None:
            return self.all_
        if self.any_ is not None:
            return self.any_
        if self.not_ is not None:
            return (self.not_,)
        return ()

    def walk(self) -> list[Condition]:
        """This node and every node below it, depth first."""
        out = [self]
        for child in self.children():
            out.extend(child.walk())
        return out

    def matches(self, value: str | tuple[str, ...]) -> bool:
        """Compare a leaf with a known answer or fact value."""
        if isinstance(value, tuple):
            if self.includes is not None:
                return self.includes in value
            if self.includes_any is not None:
                return any(v in value for v in self.includes_any)
            # ``is`` / ``in`` on a multiple answer: equal to the single chosen option.
            chosen = value[0] if len(value) == 1 else None
            if self.is_ is not None:
                return chosen == self.is_
            return chosen is not None and chosen in (self.in_ or ())
        if self.is_ is not None:
            return value == self.is_
        if self.in_ is not None:
            return value in self.in_
        if self.includes is not None:
            return value == self.includes
        return value in (self.includes_any or ())


Condition.model_rebuild()
