"""Reading and writing files without being led astray.

Assessment files are exchanged with clients and kept in shared folders, so a file or a folder
may be something other than it seems: a FIFO or a device that blocks a read for ever, a file of
gigabytes, a symbolic link planted where aicharter writes a temporary file. Every file the app
reads goes through :func:`read_regular`, and every file it writes through :func:`write_atomic`.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from pathlib import Path

from aicharter.problems import FileProblem

MAX_FILE_BYTES = 64 * 1024 * 1024
"""The largest assessment or checklist file read (an assessment of 200 AI systems with long
notes on every answer is about 7 MiB)."""

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def _not_regular(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    return next((kind for test, kind in _KINDS if test(mode)), "not an ordinary file")


def read_regular(
    path: Path | str, limit: int = MAX_FILE_BYTES, what: str = "file"
) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file, and its status as opened. A folder, a FIFO, a device or a
    socket is refused at once (checked before opening, opened without blocking, checked again
    once open), and so is a file over ``limit`` bytes; each with a :class:`FileProblem`."""
    path = Path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise FileProblem(path, "there is no such file.") from None
    except OSError as error:
        raise FileProblem(path, f"the {what} cannot be read ({error.strerror}).") from None
    _check_kind(path, info, what, limit)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise FileProblem(path, f"the {what} cannot be read ({error.strerror}).") from None
    try:
        info = os.fstat(fd)  # what was opened, which may not be what was looked at
        _check_kind(path, info, what, limit)
        chunks = []
        size = 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                _too_large(path, what, limit)
        return b"".join(chunks), info
    except OSError as error:
        raise FileProblem(path, f"the {what} cannot be read ({error.strerror}).") from None
    finally:
        os.close(fd)


def _check_kind(path: Path, info: os.stat_result, what: str, limit: int) -> None:
    kind = _not_regular(info.st_mode)
    if kind == "a folder":
        raise FileProblem(path, f"this is a folder, not an assessment {what}.")
    if kind is not None:
        raise FileProblem(
            path,
            f"this is {kind}, not an ordinary file: aicharter reads only regular files.",
            todo="Open the assessment file itself.",
        )
    if info.st_size > limit:
        _too_large(path, what, limit)


def _too_large(path: Path, what: str, limit: int) -> None:
    raise FileProblem(
        path,
        f"the {what} is larger than {limit // (1024 * 1024)} MiB, the most aicharter reads "
        "(an assessment of 200 AI systems is about 7 MiB).",
        todo="Check that this is an assessment file.",
    )


def write_atomic(path: Path | str, data: bytes, mode: int = PRIVATE_FILE) -> None:
    """Replace ``path`` with ``data`` atomically: a temporary file with an unpredictable name is
    created beside it (exclusively, never following a link), written, flushed, synced and
    moved over the file; the folder is synced after. A link at ``path`` itself is replaced,
    never followed. The file ends with ``mode`` whatever the umask. Raises :class:`OSError`."""
    path = Path(path)
    folder = path.parent
    fd, tmp = tempfile.mkstemp(
        prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=folder or None
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            os.fchmod(handle.fileno(), mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_folder(folder)


def remove_orphans(folder: Path, name: str) -> None:
    """Delete the temporary files of ``name`` left by a write whose process was killed."""
    prefix = f".{name}."
    try:
        entries = [e for e in os.listdir(folder) if e.startswith(prefix) and e.endswith(".tmp")]
    except OSError:
        return
    for entry in entries:
        pid_text = entry[len(prefix) :].split(".", 1)[0]
        # only a name we could have made: ASCII digits ('²' is a digit too) of a real pid
        if not _PID.fullmatch(pid_text) or int(pid_text) == os.getpid():
            continue
        try:
            os.kill(int(pid_text), 0)
        except ProcessLookupError:
            with contextlib.suppress(OSError):
                os.unlink(folder / entry)  # (a link is removed, never followed)
        except (OSError, OverflowError):
            pass  # alive but not ours to signal, or no pid at all: leave it


_PID = re.compile(r"[1-9][0-9]{0,9}")


def fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder if str(folder) else ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def private_dir(path: Path) -> Path:
    """Create ``path`` and any missing parents owner-only (0700, whatever the umask); an
    existing folder is left as it is. Raises :class:`OSError`."""
    missing: list[Path] = []
    current = path
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=PRIVATE_DIR)
            os.chmod(folder, PRIVATE_DIR)
    return path


def is_private_dir(path: Path) -> bool:
    """Whether ``path`` is a real folder (not a link) that only this user owns and can
    change: the condition for trusting what is in it, or deleting from it."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return (
        stat.S_ISDIR(info.st_mode)
        and info.st_uid == os.getuid()
        and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    )
