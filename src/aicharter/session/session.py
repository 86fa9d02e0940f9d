"""An open assessment: every change goes through here and is saved at once.

The TUI (and any other front end) reads outcomes from a :class:`Session` and sends it answers;
no rule logic lives outside the core. A save that fails leaves the change in memory, reports the
problem, and is retried on the next change or on :meth:`Session.save`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from aicharter.content.checklist import Status
from aicharter.files.assessment import AISystem, Answer, Task, TeamMember
from aicharter.outputs.vocabulary import Progress, organisation_progress, system_progress
from aicharter.rules.engine import AnswerValue, Outcome
from aicharter.rules.evaluate import (
    OrganisationQuestions,
    evaluate_all,
    evaluate_some,
    organisation_questions,
    system_open,
)
from aicharter.session.change import EVERYTHING, ORGANISATION, Change, Owner, Scope
from aicharter.session.saving import SavedFile

STATUSES: tuple[Status, ...] = ("not_started", "in_progress", "done", "not_applicable")


@dataclass
class Session(SavedFile):
    """An open assessment: its outcomes, and every change, each saved at once and announced."""

    on_change: Callable[[Change], None] | None = None
    """Told of every change once it is recorded (the TUI redraws on it)."""
    _outcomes: dict[str, Outcome] | None = None

    def changed(self, change: Change) -> bool:
        """Record a change: timestamps, fresh outcomes, stale marks, an immediate save (or one
        asked for through ``save_soon``), and the announcement to ``on_change``.

        Only the outcomes the change can alter are evaluated again: one system's for its own
        answers, every system's for an organisation answer (every system reads them) or for
        systems added, removed or linked, none for a note, a task or a name."""
        self.assessment.touch()
        if change.outcomes:
            if isinstance(change.scope, str) and self._outcomes is not None:
                self._outcomes.update(
                    evaluate_some(self.checklist, self.assessment, self._outcomes, change.scope)
                )
            elif not isinstance(change.scope, str):
                self._outcomes = None
            self._mark_stale(change.scope)
        ok = self.save_after_change()
        if self.on_change is not None:
            self.on_change(change)
        return ok

    def reloaded(self) -> None:
        self._outcomes = None

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
                    answer.stale = True
        else:
            systems = [self.assessment.system(scope)]
        for system in systems:
            for qid in self.outcomes[system.id].stale:
                kept = system.answers.get(qid)
                if kept is not None and not kept.stale:
                    kept.stale = True

    def confirm(self, owner: Owner, question_id: str) -> bool:
        """Accept a kept answer again after its branch came back."""
        answer = self.answer(owner, question_id)
        if answer is None or not answer.stale:
            return True
        answer.stale = None
        return self.changed(Change(owner))

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

    def answer(self, owner: Owner, question_id: str) -> Answer | None:
        return self._answers(owner).get(question_id)

    def default(self, owner: Owner, question_id: str) -> AnswerValue | None:
        """The answer a system question takes from the organisation's answers while the user
        has given none (None for the organisation's own questions)."""
        if owner is ORGANISATION:
            return None
        return self.outcome(owner).defaulted.get(question_id)

    def set_answer(self, owner: Owner, question_id: str, value: AnswerValue) -> bool:
        """Answer a question (keeping any note and evidence already attached)."""
        answers = self._answers(owner)
        stored: str | list[str] = list(value) if isinstance(value, tuple) else value
        existing = answers.get(question_id)
        if existing is not None:
            existing.value = stored
            existing.stale = None
        else:
            answers[question_id] = Answer(value=stored)
        return self.changed(Change(owner))

    def clear_answer(self, owner: Owner, question_id: str) -> bool:
        answers = self._answers(owner)
        existing = answers.get(question_id)
        if existing is None:
            return True
        if existing.note or existing.evidence:
            # Keep what the user wrote; an empty value is not allowed, so keep the text only.
            existing.value = ""
        else:
            del answers[question_id]
        return self.changed(Change(owner))

    def set_note(self, owner: Owner, question_id: str, note: str, evidence: str) -> bool:
        answers = self._answers(owner)
        existing = answers.get(question_id)
        if existing is None:
            answers[question_id] = Answer(value="", note=note or None, evidence=evidence or None)
        else:
            existing.note = note or None
            existing.evidence = evidence or None
        return self.changed(Change(owner, outcomes=False))

    # -- organisation and team ----------------------------------------------------------------

    def set_organisation(self, name: str, country: str) -> bool:
        self.assessment.organisation.name = name
        self.assessment.organisation.country = country or None
        return self.changed(Change(ORGANISATION, outcomes=False))

    def add_member(self, name: str, role: str, contact: str) -> bool:
        self.assessment.team.append(TeamMember(name=name, role=role, contact=contact or None))
        return self.changed(Change(ORGANISATION, outcomes=False))

    def update_member(self, index: int, name: str, role: str, contact: str) -> bool:
        self.assessment.team[index] = TeamMember(name=name, role=role, contact=contact or None)
        return self.changed(Change(ORGANISATION, outcomes=False))

    def remove_member(self, index: int) -> bool:
        del self.assessment.team[index]
        return self.changed(Change(ORGANISATION, outcomes=False))

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
        self.assessment.systems.append(system)
        self.changed(Change(EVERYTHING))
        return system

    def update_system(
        self, system_id: str, name: str, vendor: str, description: str, purpose: str
    ) -> bool:
        system = self.assessment.system(system_id)
        system.name = name
        system.vendor = vendor or None
        system.description = description or None
        system.intended_purpose = purpose or None
        return self.changed(Change(system_id, outcomes=False))

    def duplicate_system(self, system_id: str) -> AISystem:
        original = self.assessment.system(system_id)
        copy = original.model_copy(deep=True)
        copy.name = f"{original.name} (copy)"
        copy.id = self.new_system_id(copy.name)
        copy.combined_with = []
        index = self.assessment.systems.index(original)
        self.assessment.systems.insert(index + 1, copy)
        self.changed(Change(EVERYTHING))
        return copy

    def delete_system(self, system_id: str) -> bool:
        for system in self.assessment.systems:
            if system_id in system.combined_with:
                system.combined_with = [c for c in system.combined_with if c != system_id]
        self.assessment.systems = [s for s in self.assessment.systems if s.id != system_id]
        return self.changed(Change(EVERYTHING))

    def set_combined(self, system_id: str, others: list[str]) -> bool:
        self.assessment.system(system_id).combined_with = [o for o in others if o != system_id]
        return self.changed(Change(EVERYTHING))

    # -- the FRIA worksheet ------------------------------------------------------------------------

    def set_fria(self, system_id: str, element: str, text: str) -> bool:
        worksheet = self.assessment.system(system_id).fria
        if text.strip():
            worksheet[element] = text
        else:
            worksheet.pop(element, None)
        return self.changed(Change(system_id, outcomes=False))

    # -- checklist steps and plan items -------------------------------------------------------

    def task(self, owner: Owner, kind: str, task_id: str) -> Task:
        """A step (``kind="steps"``) or plan item (``"items"``); a fresh one when never set."""
        holder = self.assessment if owner is ORGANISATION else self.assessment.system(owner)
        table: dict[str, Task] = holder.steps if kind == "steps" else holder.items  # type: ignore[union-attr]
        return table.get(task_id) or Task()

    def set_task(self, owner: Owner, kind: str, task_id: str, task: Task) -> bool:
        if owner is ORGANISATION:
            if kind != "steps":
                raise ValueError("the organisation has steps, not items")
            self.assessment.steps[task_id] = task
        else:
            system = self.assessment.system(owner)
            (system.steps if kind == "steps" else system.items)[task_id] = task
        return self.changed(Change(owner, outcomes=False))

    def cycle_status(self, owner: Owner, kind: str, task_id: str) -> Status:
        task = self.task(owner, kind, task_id).model_copy()
        task.status = STATUSES[(STATUSES.index(task.status) + 1) % len(STATUSES)]
        self.set_task(owner, kind, task_id, task)
        return task.status
