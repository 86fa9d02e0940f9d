"""An open assessment: every change goes through here and is saved at once.

The TUI (and any other front end) reads outcomes from a :class:`Session` and sends it answers;
no rule logic lives outside the core. A save that fails leaves the change in memory, reports the
problem, and is retried on the next change or on :meth:`Session.save`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Final, Literal

from aicharter.content.checklist import Checklist, Status
from aicharter.files import parsed_cache, storage
from aicharter.files.assessment import AISystem, Answer, Assessment, Task, TeamMember
from aicharter.files.fileio import private_dir, read_regular
from aicharter.outputs.vocabulary import Progress, organisation_progress, system_progress
from aicharter.problems import FileProblem
from aicharter.rules.engine import AnswerValue, Outcome
from aicharter.rules.evaluate import (
    OrganisationQuestions,
    evaluate_all,
    evaluate_some,
    organisation_questions,
    system_open,
)

STATUSES: tuple[Status, ...] = ("not_started", "in_progress", "done", "not_applicable")


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


@dataclass
class SaveState:
    """What the header shows: saved, or the last save's problem."""

    saved: bool = True
    problem: str | None = None
    conflict: bool = False
    """The file changed on disk since we read or wrote it: the user must choose."""


@dataclass
class Session:
    path: Path
    checklist: Checklist
    assessment: Assessment
    state: SaveState = field(default_factory=SaveState)
    stamp: storage.Stamp | None = None
    """The version of the file this session last read or wrote."""
    save_soon: Callable[[], None] | None = None
    """When set, a change asks for its save through this callback and returns at once, so that a
    front end can redraw before it writes the file; it must then call :meth:`flush` straight
    away (the TUI does so as soon as the screen is painted). Unset, every change saves before
    it returns."""
    kept_theirs: Path | None = None
    """Where the last "keep mine" put the other version, if there was one to keep."""
    on_change: Callable[[Change], None] | None = None
    """Told of every change once it is recorded (the TUI redraws on it)."""
    _pending: bool = False
    _unsaved: bool = False
    """A change is in memory that no save has written yet (whatever went wrong)."""
    _copy_kept: storage.Stamp | None = None
    _outcomes: dict[str, Outcome] | None = None
    _dump_cache: storage.DumpCache = field(default_factory=storage.DumpCache)

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, checklist: Checklist, create: bool = True) -> Session:
        """Open ``path``, creating a new assessment there when it does not exist.

        Raises :class:`FileProblem` for a file that cannot be used; it is left untouched.
        """
        path = Path(path)
        if not path.exists() and not path.is_symlink():
            if not create:
                raise FileProblem(path, "there is no such file.")
            session = cls(path, checklist, Assessment(checklist=checklist.meta.id))
            session.save()
            if session.state.problem:
                raise FileProblem(path, session.state.problem)
            return session
        assessment, blocks, before = storage.read_file(path, checklist)  # (keeps a parsed copy)
        session = cls(path, checklist, assessment, stamp=before, _copy_kept=before)
        if blocks is not None:
            session._dump_cache.prime(assessment.systems, blocks)
        return session

    # -- saving ------------------------------------------------------------------------------

    def save(self, force: bool = False) -> bool:
        """Write the assessment now, unless the file changed on disk since we last read or
        wrote it (then :attr:`state` says so and nothing is written, until the user chooses
        :meth:`keep_mine` or :meth:`reload`). False when nothing was written."""
        self._pending = False
        try:
            if force:
                self.stamp = storage.write(self.path, self.assessment, cache=self._dump_cache)
            else:
                self.stamp = storage.write(
                    self.path, self.assessment, self.stamp, cache=self._dump_cache
                )
        except storage.ConflictProblem as problem:
            self.state = SaveState(saved=False, problem=problem.message, conflict=True)
            return False
        except FileProblem as problem:
            self.state = SaveState(saved=False, problem=problem.message)
            return False
        self.state = SaveState(saved=True)
        self._unsaved = False
        return True

    def keep_parsed_copy(self) -> None:
        """Keep the assessment as last saved in :mod:`.parsed_cache` (when closing it), so that
        the next opening skips the TOML parser; only if the file on disk is still the version
        this session wrote and nothing is waiting to be saved."""
        if self._unsaved or not self.state.saved or self.stamp == self._copy_kept:
            return  # (the copy made when the file was read still holds)
        try:
            data, info = read_regular(self.path)
        except FileProblem:
            return
        if storage.stamp_of(info, data) == self.stamp:
            # written by us: one [[systems]] table per system, strings on one line
            tables = data.count(storage.SYSTEM_HEADER.encode())
            by_system = tables == len(self.assessment.systems)
            parsed_cache.put(self.path, data, self.assessment, by_system=by_system)

    def keep_mine(self) -> bool:
        """Resolve a conflict by writing this version. The other one is first kept beside the
        file as a named copy (:attr:`kept_theirs`), where later saves do not overwrite it; if
        that copy cannot be written, nothing is overwritten either."""
        try:
            self.kept_theirs = storage.keep_theirs(self.path)
        except OSError as error:
            reason = error.strerror or str(error)
            self.state = SaveState(
                saved=False,
                problem=f"the other version could not be kept as a copy ({reason}), so the "
                "file was not overwritten.",
                conflict=True,
            )
            return False
        return self.save(force=True)

    def save_as(self, path: Path | str) -> bool:
        """Write the assessment to a new file ``path`` and carry on there (after a save that
        failed, or to keep a version aside). Raises :class:`FileProblem` when a file of that
        name exists: nothing is ever written over it. False when the new file could not be
        written; the session then stays with its old file."""
        path = Path(path).expanduser()
        if path.exists() or path.is_symlink():
            raise FileProblem(
                path,
                "a file of that name already exists, so nothing was written over it.",
                todo="Choose a name that is not taken.",
            )
        before = (self.path, self.stamp, self._copy_kept)
        self.path, self.stamp, self._copy_kept = path, None, None
        if self.save():
            return True
        self.path, self.stamp, self._copy_kept = before
        return False

    def rescue(self, folder: Path) -> Path:
        """Write the assessment as it is in memory to a dated copy in ``folder`` (created
        owner-only), when the app must stop and its file cannot be saved; the copy's path.
        Raises :class:`OSError` when that fails too."""
        data = storage.dumps(self.assessment, self._dump_cache)
        return storage.dated_copy(private_dir(folder), f"{self.path.stem}.rescued", data)

    def reload(self) -> None:
        """Resolve a conflict by reading the file on disk (this session's unsaved change is
        dropped). Raises :class:`FileProblem` if the other version cannot be read."""
        self.assessment, blocks, before = storage.read_file(self.path, self.checklist)
        self.stamp = self._copy_kept = before
        self._dump_cache = storage.DumpCache()
        if blocks is not None:
            self._dump_cache.prime(self.assessment.systems, blocks)
        self._outcomes = None
        self.state = SaveState(saved=True)
        self._unsaved = False

    def changed(self, change: Change) -> bool:
        """Record a change: timestamps, fresh outcomes, stale marks, an immediate save (or one
        asked for through ``save_soon``), and the announcement to ``on_change``.

        Only the outcomes the change can alter are evaluated again: one system's for its own
        answers, every system's for an organisation answer (every system reads them) or for
        systems added, removed or linked, none for a note, a task or a name."""
        self.assessment.touch()
        self._unsaved = True
        if change.outcomes:
            if isinstance(change.scope, str) and self._outcomes is not None:
                self._outcomes.update(
                    evaluate_some(self.checklist, self.assessment, self._outcomes, change.scope)
                )
            elif not isinstance(change.scope, str):
                self._outcomes = None
            self._mark_stale(change.scope)
        if self.save_soon is None:
            ok = self.save()
        else:
            ok = True
            if not self._pending:
                self._pending = True
                self.save_soon()
        if self.on_change is not None:
            self.on_change(change)
        return ok

    @property
    def pending(self) -> bool:
        """A change is waiting for :meth:`flush`."""
        return self._pending

    def flush(self) -> bool | None:
        """Write the change waiting since ``save_soon`` was called: the result of
        :meth:`save`, or None when nothing was waiting."""
        if not self._pending:
            return None
        return self.save()

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
