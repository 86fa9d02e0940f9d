"""An open assessment: every change goes through here and is saved at once.

The TUI (and any other front end) reads outcomes from a :class:`Session` and sends it answers;
no rule logic lives outside the core. A save that fails leaves the change in memory, reports the
problem, and is retried on the next change or on :meth:`Session.save`.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Literal

from aicharter.content.checklist import Status
from aicharter.files.assessment import AISystem, Answer, Assessment, Task, TeamMember
from aicharter.outputs.changes import Comparison, review_record, since_review
from aicharter.outputs.vocabulary import (
    Progress,
    organisation_progress,
    system_progress,
    verdict_parts,
)
from aicharter.rules.engine import AnswerValue, Outcome
from aicharter.rules.evaluate import (
    OrganisationQuestions,
    evaluate_all,
    evaluate_some,
    organisation_questions,
    system_open,
)
from aicharter.session.change import EVERYTHING, ORGANISATION, Change, Owner, Scope, Shift
from aicharter.session.saving import SavedFile

STATUSES: tuple[Status, ...] = ("not_started", "in_progress", "done", "not_applicable")

UNDO_DEPTH = 200
"""How many changes can be undone; older ones are forgotten."""


ORGANISATION_PARTS = ("organisation", "team", "steps")
"""What an organisation-wide change can touch, besides systems' stale marks."""


@dataclass
class _Step:
    """A change that can be undone: the parts of the assessment it touched, as they were
    before it (``"all"``: the whole assessment; ``"org"``: the organisation's parts; a system's
    id: that system). Undoing swaps them with the live ones, which the redo keeps."""

    change: Change
    parts: dict[str, object]


@dataclass
class Session(SavedFile):
    """An open assessment: its outcomes, and every change, each saved at once and announced."""

    on_change: Callable[[Change], None] | None = None
    """Told of every change once it is recorded (the TUI redraws on it)."""
    _outcomes: dict[str, Outcome] | None = None
    _undo: list[_Step] = field(default_factory=list)
    _redo: list[_Step] = field(default_factory=list)
    _before_change: dict[str, object] = field(default_factory=dict)
    """The parts the change being made touches, copied before it touched them."""
    _since: dict[str, tuple[Outcome, object, Comparison | None]] = field(default_factory=dict)
    """Each system's comparison with its review, with the outcome and record it was made
    from (held, so that they are the same objects while they are in use)."""

    def changed(self, change: Change) -> bool:
        """Record a change: timestamps, fresh outcomes, stale marks, an immediate save (or one
        asked for through ``save_soon``), the undo history, and the announcement to
        ``on_change`` with the verdicts it moved.

        Only the outcomes the change can alter are evaluated again: one system's for its own
        answers, every system's for an organisation answer (every system reads them) or for
        systems added, removed or linked, none for a note, a task or a name."""
        return self._record(change, remember=True)

    def _record(self, change: Change, remember: bool) -> bool:
        self.assessment.touch()
        before = dict(self._outcomes) if self._outcomes is not None else None
        if change.outcomes:
            if isinstance(change.scope, str) and self._outcomes is not None:
                self._outcomes.update(
                    evaluate_some(self.checklist, self.assessment, self._outcomes, change.scope)
                )
            elif not isinstance(change.scope, str):
                self._outcomes = None
            self._mark_stale(change.scope)
        parts, self._before_change = self._before_change, {}
        if remember:
            self._remember(change, parts)
        ok = self.save_after_change()
        if self.on_change is not None:
            shifts = self._shifts(before) if change.outcomes and before is not None else ()
            self.on_change(replace(change, shifts=shifts))
        return ok

    def _shifts(self, before: dict[str, Outcome]) -> tuple[Shift, ...]:
        """What the change just recorded did to the verdicts that were known before it."""
        shifts = []
        for system in self.assessment.systems:
            if system.id not in before:
                continue
            old, new = verdict_parts(before[system.id]), verdict_parts(self.outcome(system.id))
            for aspect, value in new.items():
                was = old[aspect]
                if was is not None and value is not None and was != value:
                    shifts.append(Shift(system.id, system.name, aspect, was, value))
        return tuple(shifts)

    # -- undo and redo -----------------------------------------------------------------------

    def _keep(self, scope: str | Scope) -> None:
        """Copy what a change to ``scope`` is about to touch, once per change: one system
        (a fraction of a millisecond), the organisation's parts, or for systems added, removed
        or linked the whole assessment. Every change method calls it first."""
        key = scope if isinstance(scope, str) else "org" if scope is ORGANISATION else "all"
        if key in self._before_change or "all" in self._before_change:
            return
        if key == "all":
            self._before_change[key] = self.assessment.model_copy(deep=True)
        elif key == "org":
            self._before_change[key] = {
                name: copy.deepcopy(getattr(self.assessment, name)) for name in ORGANISATION_PARTS
            }
        else:
            self._before_change[key] = self.assessment.system(key).model_copy(deep=True)

    def _remember(self, change: Change, parts: dict[str, object]) -> None:
        """Keep ``parts`` (as they were before ``change``) for an undo, unless the change goes
        on with the same text box as the last one: then the older copies stand."""
        self._redo.clear()
        if not parts:
            return  # (a change made without _keep, e.g. by a test: nothing to go back to)
        last = self._undo[-1] if self._undo else None
        if change.merge and last and last.change.merge == change.merge:
            for key, part in parts.items():
                last.parts.setdefault(key, part)
            return
        self._undo.append(_Step(change, parts))
        del self._undo[:-UNDO_DEPTH]

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo(self) -> Change | None:
        """Go back to before the last change (saved at once, like any change); the change
        undone, or None when there is nothing to undo."""
        return self._travel(self._undo, self._redo, "undo")

    def redo(self) -> Change | None:
        """Make the last undone change again; the change, or None when there is none."""
        return self._travel(self._redo, self._undo, "redo")

    def _travel(
        self, source: list[_Step], target: list[_Step], way: Literal["undo", "redo"]
    ) -> Change | None:
        if not source:
            return None
        step = source.pop()
        target.append(_Step(step.change, self._swap(step.parts)))
        change = replace(step.change, undone=way)
        self._record(change, remember=False)
        return change

    def _swap(self, parts: dict[str, object]) -> dict[str, object]:
        """Put ``parts`` in place of the live ones; the live ones, to swap back later."""
        live: dict[str, object] = {}
        for key, part in parts.items():
            if key == "all":
                assert isinstance(part, Assessment)
                live[key], self.assessment = self.assessment, part
            elif key == "org":
                assert isinstance(part, dict)
                live[key] = {name: getattr(self.assessment, name) for name in ORGANISATION_PARTS}
                for name, value in part.items():
                    setattr(self.assessment, name, value)
            else:
                assert isinstance(part, AISystem)
                systems = self.assessment.systems
                index = next(i for i, s in enumerate(systems) if s.id == key)
                live[key], systems[index] = systems[index], part
        return live

    def reloaded(self) -> None:
        self._outcomes = None
        # the other version replaced this one: there is no going back past it
        self._undo.clear()
        self._redo.clear()

    def _mark_stale(self, scope: str | Scope) -> None:
        """Answers whose question is hidden now are marked stale, for good: they will need a
        confirmation if their branch comes back. A change to one system's answers can only
        hide that system's questions."""
        systems = self.assessment.systems
        if not isinstance(scope, str):
            organisation = self.assessment.organisation.answers
            shown = set(self.organisation_questions().visible)
            for qid, answer in organisation.items():
                if qid not in shown and answer.value != "" and not answer.stale:
                    self._keep(ORGANISATION)
                    answer.stale = True
        else:
            systems = [self.assessment.system(scope)]
        for system in systems:
            for qid in self.outcomes[system.id].stale:
                kept = system.answers.get(qid)
                if kept is not None and not kept.stale:
                    self._keep(system.id)
                    kept.stale = True

    def confirm(self, owner: Owner, question_id: str) -> bool:
        """Accept a kept answer again after its branch came back."""
        answer = self.answer(owner, question_id)
        if answer is None or not answer.stale:
            return True
        self._keep(owner)
        answer.stale = None
        what = "confirming " + self._answer_to(question_id)
        return self.changed(Change(owner, what=what, question=question_id))

    # -- outcomes --------------------------------------------------------------------------

    @property
    def outcomes(self) -> dict[str, Outcome]:
        if self._outcomes is None:
            self._outcomes = evaluate_all(self.checklist, self.assessment)
        return self._outcomes

    def outcome(self, system_id: str) -> Outcome:
        return self.outcomes[system_id]

    def system_questions(self, system_id: str) -> list[str]:
        """The system's own questions visible now (organisation questions are asked once)."""
        return system_open(self.checklist, self.outcome(system_id))[0]

    def system_left(self, system_id: str) -> list[str]:
        """The system's own questions still to answer or to confirm."""
        return system_open(self.checklist, self.outcome(system_id))[1]

    def organisation_questions(self) -> OrganisationQuestions:
        """The organisation's questions: visible, unanswered, to confirm."""
        return organisation_questions(self.checklist, self.assessment)

    def system_progress(self, system_id: str) -> Progress:
        return system_progress(self.checklist, self.assessment, system_id, self.outcome(system_id))

    def organisation_progress(self) -> Progress:
        return organisation_progress(self.checklist, self.assessment)

    # -- answers -----------------------------------------------------------------------------

    def _answers(self, owner: Owner) -> dict[str, Answer]:
        if owner is ORGANISATION:
            return self.assessment.organisation.answers
        return self.assessment.system(owner).answers

    def _answer_to(self, question_id: str) -> str:
        question = self.checklist.question_map.get(question_id)
        return f"the answer to “{question.short if question else question_id}”"

    def _field(self, owner: Owner, question_id: str) -> str | None:
        """The organisation field a question's answer is kept in (its name, its country)."""
        question = self.checklist.question_map.get(question_id)
        return question.field if owner is ORGANISATION and question else None

    def answer(self, owner: Owner, question_id: str) -> Answer | None:
        field = self._field(owner, question_id)
        if field is not None:
            value = getattr(self.assessment.organisation, field)
            return Answer(value=value) if value else None
        return self._answers(owner).get(question_id)

    def default(self, owner: Owner, question_id: str) -> AnswerValue | None:
        """The answer a system question takes from the organisation's answers while the user
        has given none (None for the organisation's own questions)."""
        if owner is ORGANISATION:
            return None
        return self.outcome(owner).defaulted.get(question_id)

    def set_answer(self, owner: Owner, question_id: str, value: AnswerValue) -> bool:
        """Answer a question (keeping any note and evidence already attached)."""
        field = self._field(owner, question_id)
        if field is not None:
            return self._set_field(field, " ".join(str(value).split()), question_id)
        self._keep(owner)
        answers = self._answers(owner)
        stored: str | list[str] = list(value) if isinstance(value, tuple) else value
        existing = answers.get(question_id)
        if existing is not None:
            existing.value = stored
            existing.stale = None
        else:
            answers[question_id] = Answer(value=stored)
        question = self.checklist.question_map.get(question_id)
        merge = f"text:{owner}:{question_id}" if question and question.kind == "text" else ""
        what = self._answer_to(question_id)
        return self.changed(Change(owner, what=what, merge=merge, question=question_id))

    def clear_answer(self, owner: Owner, question_id: str) -> bool:
        field = self._field(owner, question_id)
        if field is not None:
            return self._set_field(field, "", question_id)
        answers = self._answers(owner)
        existing = answers.get(question_id)
        if existing is None:
            return True
        self._keep(owner)
        if existing.note or existing.evidence:
            # Keep what the user wrote; an empty value is not allowed, so keep the text only.
            existing.value = ""
        else:
            del answers[question_id]
        return self.changed(Change(owner, what=self._answer_to(question_id), question=question_id))

    def set_note(self, owner: Owner, question_id: str, note: str, evidence: str) -> bool:
        self._keep(owner)
        answers = self._answers(owner)
        existing = answers.get(question_id)
        if existing is None:
            answers[question_id] = Answer(value="", note=note or None, evidence=evidence or None)
        else:
            existing.note = note or None
            existing.evidence = evidence or None
        what = "the note on " + self._answer_to(question_id)
        return self.changed(Change(owner, outcomes=False, what=what, question=question_id))

    # -- organisation and team ----------------------------------------------------------------

    def _set_field(self, field: str, value: str, question_id: str) -> bool:
        """The organisation's name or country, typed as the answer to its question (one line:
        line breaks become spaces)."""
        self._keep(ORGANISATION)
        organisation = self.assessment.organisation
        if field == "name":
            organisation.name = value
        else:
            organisation.country = value or None
        what = self._answer_to(question_id)
        merge = f"text:{ORGANISATION}:{question_id}"
        return self.changed(
            Change(ORGANISATION, outcomes=False, what=what, merge=merge, question=question_id)
        )

    def set_organisation(self, name: str, country: str) -> bool:
        self._keep(ORGANISATION)
        self.assessment.organisation.name = name
        self.assessment.organisation.country = country or None
        return self.changed(Change(ORGANISATION, outcomes=False, what="the organisation's details"))

    def add_member(self, name: str, role: str, contact: str) -> bool:
        self._keep(ORGANISATION)
        self.assessment.team.append(TeamMember(name=name, role=role, contact=contact or None))
        return self.changed(Change(ORGANISATION, outcomes=False, what=f"adding {name} to the team"))

    def update_member(self, index: int, name: str, role: str, contact: str) -> bool:
        self._keep(ORGANISATION)
        self.assessment.team[index] = TeamMember(name=name, role=role, contact=contact or None)
        return self.changed(Change(ORGANISATION, outcomes=False, what=f"the team entry of {name}"))

    def remove_member(self, index: int) -> bool:
        self._keep(ORGANISATION)
        member = self.assessment.team.pop(index)
        what = f"removing {member.name} from the team"
        return self.changed(Change(ORGANISATION, outcomes=False, what=what))

    # -- systems -----------------------------------------------------------------------------

    def new_system_id(self, name: str) -> str:
        base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40] or "system"
        if not base[0].isalnum():
            base = "s-" + base
        taken = {s.id for s in self.assessment.systems}
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        return candidate

    def add_system(self, name: str) -> AISystem:
        system = AISystem(id=self.new_system_id(name), name=name)
        self._keep(EVERYTHING)
        self.assessment.systems.append(system)
        self.changed(Change(EVERYTHING, what=f"adding the system “{name}”"))
        return system

    def update_system(
        self, system_id: str, name: str, vendor: str, description: str, purpose: str
    ) -> bool:
        self._keep(system_id)
        system = self.assessment.system(system_id)
        system.name = name
        system.vendor = vendor or None
        system.description = description or None
        system.intended_purpose = purpose or None
        return self.changed(Change(system_id, outcomes=False, what=f"the details of “{name}”"))

    def duplicate_system(self, system_id: str) -> AISystem:
        original = self.assessment.system(system_id)
        twin = original.model_copy(deep=True)
        twin.name = f"{original.name} (copy)"
        twin.id = self.new_system_id(twin.name)
        twin.combined_with = []
        index = self.assessment.systems.index(original)
        self._keep(EVERYTHING)
        self.assessment.systems.insert(index + 1, twin)
        self.changed(Change(EVERYTHING, what=f"the copy of “{original.name}”"))
        return twin

    def delete_system(self, system_id: str) -> bool:
        name = self.assessment.system(system_id).name
        self._keep(EVERYTHING)
        for system in self.assessment.systems:
            if system_id in system.combined_with:
                system.combined_with = [c for c in system.combined_with if c != system_id]
        self.assessment.systems = [s for s in self.assessment.systems if s.id != system_id]
        return self.changed(Change(EVERYTHING, what=f"deleting “{name}”"))

    def set_combined(self, system_id: str, others: list[str]) -> bool:
        self._keep(EVERYTHING)
        system = self.assessment.system(system_id)
        system.combined_with = [o for o in others if o != system_id]
        return self.changed(Change(EVERYTHING, what=f"the systems linked to “{system.name}”"))

    # -- reviews --------------------------------------------------------------------------------

    def mark_reviewed(self, system_id: str) -> bool:
        """Record the system's verdict now, to compare with later (see :meth:`since_review`)."""
        self._keep(system_id)
        system = self.assessment.system(system_id)
        system.reviewed = review_record(
            self.checklist, self.assessment, system, self.outcome(system_id)
        )
        what = f"marking “{system.name}” reviewed"
        return self.changed(Change(system_id, outcomes=False, what=what))

    def since_review(self, system_id: str) -> Comparison | None:
        """What changed in the system's verdict since it was marked reviewed (None: never
        marked); worked out again only when its outcome or its record changed."""
        system = self.assessment.system(system_id)
        outcome = self.outcome(system_id)
        known = self._since.get(system_id)
        if known is None or known[0] is not outcome or known[1] is not system.reviewed:
            found = since_review(self.checklist, self.assessment, system, outcome)
            known = (outcome, system.reviewed, found)
            self._since[system_id] = known
        return known[2]

    # -- the FRIA worksheet ------------------------------------------------------------------------

    def set_fria(self, system_id: str, element: str, text: str) -> bool:
        self._keep(system_id)
        worksheet = self.assessment.system(system_id).fria
        if text.strip():
            worksheet[element] = text
        else:
            worksheet.pop(element, None)
        what = "the FRIA worksheet"
        return self.changed(
            Change(system_id, outcomes=False, what=what, merge=f"fria:{system_id}:{element}")
        )

    # -- checklist steps and plan items -------------------------------------------------------

    def task(self, owner: Owner, kind: str, task_id: str) -> Task:
        """A step (``kind="steps"``) or plan item (``"items"``); a fresh one when never set."""
        holder = self.assessment if owner is ORGANISATION else self.assessment.system(owner)
        table: dict[str, Task] = holder.steps if kind == "steps" else holder.items  # type: ignore[union-attr]
        return table.get(task_id) or Task()

    def set_task(self, owner: Owner, kind: str, task_id: str, task: Task) -> bool:
        self._keep(owner)
        if owner is ORGANISATION:
            if kind != "steps":
                raise ValueError("the organisation has steps, not items")
            self.assessment.steps[task_id] = task
        else:
            system = self.assessment.system(owner)
            (system.steps if kind == "steps" else system.items)[task_id] = task
        what = "a checklist step" if kind == "steps" else "a plan item"
        return self.changed(Change(owner, outcomes=False, what=what))

    def cycle_status(self, owner: Owner, kind: str, task_id: str) -> Status:
        task = self.task(owner, kind, task_id).model_copy()
        task.status = STATUSES[(STATUSES.index(task.status) + 1) % len(STATUSES)]
        self.set_task(owner, kind, task_id, task)
        return task.status
