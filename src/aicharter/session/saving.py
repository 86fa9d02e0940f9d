"""The file behind an open assessment: opening it, saving every change at once (or as soon as
the front end has shown it), conflicts with another program, and the ways out when a save
fails (save as, keep mine, reload, rescue)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self

from aicharter.content.checklist import Checklist
from aicharter.files import parsed_cache, storage
from aicharter.files.assessment import Assessment
from aicharter.files.fileio import private_dir, read_regular
from aicharter.problems import FileProblem


@dataclass
class SaveState:
    """What the header shows: saved, or the last save's problem."""

    saved: bool = True
    problem: str | None = None
    conflict: bool = False
    """The file changed on disk since we read or wrote it: the user must choose."""


@dataclass
class SavedFile:
    """An assessment and the file it is saved to."""

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
    _pending: bool = False
    _unsaved: bool = False
    """A change is in memory that no save has written yet (whatever went wrong)."""
    _copy_kept: storage.Stamp | None = None
    _dump_cache: storage.DumpCache = field(default_factory=storage.DumpCache)

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, checklist: Checklist, create: bool = True) -> Self:
        """Open ``path``, creating a new assessment there when it does not exist.

        Raises :class:`FileProblem` for a file that cannot be used; it is left untouched.
        """
        path = Path(path)
        if not path.exists() and not path.is_symlink():
            if not create:
                raise FileProblem(path, "there is no such file.")
            session = cls(path, checklist, Assessment(checklist=checklist.meta.id))
            # (the problem as storage words it: the file named once)
            session.stamp = storage.write(path, session.assessment, None, session._dump_cache)
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
        self.state = SaveState(saved=True)
        self._unsaved = False
        self.reloaded()

    def save_after_change(self) -> bool:
        """Save a change just made: now, or through ``save_soon`` once it is shown."""
        self._unsaved = True
        if self.save_soon is None:
            return self.save()
        if not self._pending:
            self._pending = True
            self.save_soon()
        return True

    def reloaded(self) -> None:
        """Called after :meth:`reload` read the other version; subclasses drop what they
        derived from the assessment."""

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
