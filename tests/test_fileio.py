"""No symlink or planted file can redirect a write; reports, the recent list and the folders the
app creates are owner-only whatever the umask; only regular files are read, and not huge ones."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from aicharter.files import fileio, paths, recent, storage
from aicharter.outputs.report import write_report
from aicharter.problems import FileProblem
from aicharter.session import Session
from helpers import charter
from test_storage import sample


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    path = tmp_path / "victim.txt"
    path.write_text("precious")
    return path


@pytest.fixture
def open_umask() -> Iterator[None]:
    """A umask that would leave files world-readable and folders world-writable."""
    old = os.umask(0)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def plant(folder: Path, names: list[str], target: Path) -> None:
    for name in names:
        (folder / name).symlink_to(target)


def test_links_planted_at_the_old_temporary_names_are_never_followed(tmp_path: Path, victim: Path):
    """The names the 0.1 writers used were predictable: a link planted there redirected the
    write. Every writer now makes an unpredictable, exclusive temporary file."""
    pid = os.getpid()
    path = tmp_path / "a.toml"
    storage.write(path, sample("first"))
    plant(
        tmp_path,
        [f".a.toml.{pid}.tmp", f".a.toml.bak.{pid}.tmp", ".a-report.html.tmp"],
        victim,
    )
    storage.write(path, sample("second"))  # (a save and its backup)
    write_report(tmp_path / "a-report.html", "<p>report</p>")
    assert victim.read_text() == "precious"
    assert storage.read(path).systems[0].answers["infers"].note == "second"


def test_a_link_at_the_random_name_is_not_followed(
    tmp_path: Path, victim: Path, monkeypatch: pytest.MonkeyPatch
):
    """Were the random name guessed and a link planted there, the exclusive, no-follow create
    fails and another name is drawn."""
    guessed = "guessed"
    names = iter([guessed, "fresh"])
    monkeypatch.setattr(tempfile, "_get_candidate_names", lambda: names)
    plant(tmp_path, [f".r.html.{os.getpid()}.{guessed}.tmp"], victim)
    write_report(tmp_path / "r.html", "<p>x</p>")
    assert victim.read_text() == "precious"
    assert (tmp_path / "r.html").read_text() == "<p>x</p>"


def test_a_link_at_the_report_itself_is_replaced_not_written_through(tmp_path: Path, victim: Path):
    (tmp_path / "r.html").symlink_to(victim)
    write_report(tmp_path / "r.html", "<p>x</p>")
    assert victim.read_text() == "precious"
    assert not (tmp_path / "r.html").is_symlink()


def test_reports_recent_list_and_created_folders_are_owner_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, open_umask: None
):
    write_report(tmp_path / "r.html", "<p>x</p>")
    assert mode(tmp_path / "r.html") == 0o600
    data = tmp_path / "deep" / "data"
    monkeypatch.setenv("AICHARTER_DATA_DIR", str(data))
    recent.remember(tmp_path / "a.toml")
    assert mode(data / "recent.toml") == 0o600
    assert mode(data) == 0o700 and mode(data.parent) == 0o700
    recent.forget(tmp_path / "a.toml")
    assert mode(data / "recent.toml") == 0o600
    path = tmp_path / "a.toml"
    storage.write(path, sample("x"))
    storage.write(path, sample("y"))
    assert mode(path) == 0o600 and mode(storage.backup_path(path)) == 0o600
    cache = tmp_path / "cache"
    monkeypatch.setenv("AICHARTER_CACHE_DIR", str(cache))
    storage.read(path)
    assert mode(cache) == 0o700 and mode(cache / "parsed") == 0o700
    assert {mode(p) for p in cache.rglob("*") if p.is_file()} == {0o600}


def test_the_demo_copy_is_owner_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, open_umask):
    from aicharter.tui.app import AICharterApp

    monkeypatch.setenv("AICHARTER_DATA_DIR", str(tmp_path / "data"))
    app = AICharterApp()
    app.show_message = lambda *a: None  # type: ignore[method-assign]
    app.open_file = lambda path, create=True: True  # type: ignore[method-assign]
    assert app.open_demo()
    assert mode(tmp_path / "data") == 0o700
    assert mode(tmp_path / "data" / "demo.toml") == 0o600
    assert (tmp_path / "data" / "demo.toml").read_bytes() == paths.demo_assessment().read_bytes()


# -- only regular files, and not huge ones -----------------------------------------------------


def aicharter(*args: str, timeout: float = 20) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aicharter", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_a_fifo_a_device_a_socket_and_a_folder_get_a_clear_message_at_once(tmp_path: Path):
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    sock_path = tmp_path / "s.toml"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock_path))
    try:
        for target, kind in (
            (fifo, "named pipe"),
            (Path("/dev/zero"), "device"),
            (sock_path, "socket"),
            (tmp_path, "folder"),
        ):
            start = time.monotonic()
            result = aicharter("summary", str(target))
            assert time.monotonic() - start < 10
            assert result.returncode == 2, result.stderr
            assert kind in result.stderr and "Traceback" not in result.stderr
    finally:
        server.close()


def test_a_file_over_the_size_limit_is_refused_without_reading_it(tmp_path: Path):
    huge = tmp_path / "huge.toml"
    with open(huge, "wb") as handle:
        handle.truncate(fileio.MAX_FILE_BYTES + 1)  # sparse: nothing is really written
    start = time.monotonic()
    with pytest.raises(FileProblem, match="larger than 64 MiB"):
        storage.read(huge)
    assert time.monotonic() - start < 2


def test_keep_mine_after_the_file_became_a_fifo_does_not_hang(tmp_path: Path):
    """Another program replaced the file with a FIFO: 'keep mine' writes this version and
    keeps no copy of a thing that is not a file (a blocking read of it would hang)."""
    script = f"""
import os, sys
sys.path.insert(0, {str(Path(__file__).parent)!r})
from helpers import charter
from aicharter.session import Session
path = {str(tmp_path / "a.toml")!r}
session = Session.open(path, charter())
session.add_system("Cam")
os.unlink(path)
os.mkfifo(path)
assert not session.save()
assert session.keep_mine()
print("kept")
"""
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=20
    )
    assert result.returncode == 0, result.stderr
    assert "kept" in result.stdout
    assert storage.read(tmp_path / "a.toml", charter()).systems[0].name == "Cam"


def test_session_reads_through_the_same_checks(tmp_path: Path):
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    with pytest.raises(FileProblem, match="folder"):
        Session.open(folder, charter())


@pytest.mark.parametrize("pid", ["²", "99999999999999999999", "0", "-1", "1e3"])
def test_a_planted_temporary_name_does_not_stop_the_saves(tmp_path: Path, pid: str):
    """Names that look like a killed writer's leftovers but hold no pid we could have written
    (a superscript digit, a number too large for a pid) are left alone, and the save works."""
    session = Session.open(tmp_path / "a.toml", charter())
    planted = tmp_path / f".a.toml.{pid}.x.tmp"
    planted.write_text("not ours")
    assert session.add_system("Drone")
    assert storage.read(session.path).systems[0].name == "Drone"
    assert planted.read_text() == "not ours"


def test_a_folder_at_the_backup_name_is_named_in_the_message(tmp_path: Path):
    session = Session.open(tmp_path / "a.toml", charter())
    (tmp_path / "a.toml.bak").mkdir()
    session.add_system("Drone")
    assert not session.state.saved
    assert "a folder is where the backup a.toml.bak goes" in (session.state.problem or "")


@pytest.mark.parametrize("kind", ["fifo", "device", "huge"])
def test_a_planted_recent_list_is_ignored_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
):
    """Start-up reads the recent-files list: a FIFO there used to hang it, a link to
    /dev/zero to exhaust memory."""
    monkeypatch.setenv("AICHARTER_DATA_DIR", str(tmp_path))
    target = tmp_path / "recent.toml"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "device":
        target.symlink_to("/dev/zero")
    else:
        target.write_text('files = ["' + "x" * (2 * 1024 * 1024) + '"]\n')
    start = time.monotonic()
    assert recent.load() == []
    assert time.monotonic() - start < 1


def test_the_viewer_is_a_local_program_on_a_local_file(tmp_path: Path, monkeypatch):
    """After an export, o opens the report with the computer's own viewer: xdg-open on Linux,
    open on macOS, never a shell or the network; without one, a plain message says so."""
    import subprocess

    from aicharter.files import viewer

    report = tmp_path / "a-report.html"
    report.write_text("<p>x</p>")
    assert viewer.viewer_command(report, "darwin") == ["open", str(report)]
    started: list[list[str]] = []
    monkeypatch.setattr(viewer.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(viewer.sys, "platform", "linux")
    monkeypatch.setattr(subprocess, "Popen", lambda command, **kw: started.append(command))
    assert viewer.open_with_viewer(report) is None
    assert started == [["/usr/bin/xdg-open", str(report.resolve())]]
    monkeypatch.setattr(viewer.shutil, "which", lambda name: None)
    problem = viewer.open_with_viewer(report)
    assert problem is not None and "no program set to open" in problem
    assert "not there any more" in (viewer.open_with_viewer(tmp_path / "gone.html") or "")
