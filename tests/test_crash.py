"""Crash safety: a writer killed with SIGKILL at random moments never leaves a broken file."""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import pytest

from aicharter.files import storage
from aicharter.files.assessment import AISystem, Answer, Assessment
from helpers import demo_copy

KILLS = 200
STARTED = b"\xff\xff\xff\xff"
"""The child is about to write: the kill's random moment is counted from here, so that a busy
machine (the suite runs on every core) slows the fork down without taking the kills out of the
writes."""


def version_of(assessment: Assessment) -> int:
    return int(assessment.organisation.name.removeprefix("v"))


def build(version: int) -> Assessment:
    """Version N of a growing assessment: more systems and longer notes as it goes."""
    systems = [
        AISystem(
            id=f"s{i}",
            name=f"System {i}",
            answers={"infers": Answer(value="yes", note=f"v{version} " + "é" * (version % 500))},
        )
        for i in range(1 + version % 40)
    ]
    return Assessment(organisation={"name": f"v{version}"}, systems=systems)


def writer(path: Path, progress: int) -> None:  # pragma: no cover - runs in the child
    version = version_of(storage.read(path)) if path.exists() else 0
    os.write(progress, STARTED)
    while True:
        version += 1
        storage.write(path, build(version))
        os.write(progress, version.to_bytes(4, "big"))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_sigkill_at_random_moments(tmp_path: Path):
    path = tmp_path / "a.toml"
    rng = random.Random(5)
    completed = 0
    for _ in range(KILLS):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - child
            os.close(read_end)
            try:
                writer(path, write_end)
            finally:
                os._exit(1)
        os.close(write_end)
        assert os.read(read_end, len(STARTED)) == STARTED
        time.sleep(rng.uniform(0, 0.03))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        data = b""
        while chunk := os.read(read_end, 4096):
            data += chunk
        os.close(read_end)
        if len(data) >= 4:
            completed = int.from_bytes(data[len(data) // 4 * 4 - 4 : len(data) // 4 * 4], "big")
        if not path.exists():
            assert completed == 0
            continue
        current = version_of(storage.read(path))  # always loads
        assert current in (completed, completed + 1), (current, completed)
        completed = current
        on_disk = storage.read(path)
        expected = build(current)
        assert (on_disk.organisation, on_disk.systems) == (expected.organisation, expected.systems)
        backup = storage.backup_path(path)
        if current > 1:
            # killed between refreshing the backup and replacing the file: both hold `current`
            assert version_of(storage.read(backup)) in (current - 1, current)
    assert completed > KILLS / 2  # the writer really got work done between kills
    storage.write(path, build(completed + 1))  # the next save sweeps up killed saves' leftovers
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.toml", "a.toml.bak"]


async def test_an_unexpected_error_shows_no_local_values(tmp_path: Path):
    """Textual's crash report lists every local variable, which here would print the
    client's answers into the terminal's scrollback; ours shows the traceback alone and
    exits with a non-zero status."""
    from rich.console import Console

    from aicharter.tui.app import AICharterApp

    app = AICharterApp(demo_copy(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        secret = " ".join(["Sofie", "Janssens"])  # noqa: F841 - a local not to show
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            app._fatal_error()
        console = Console(width=100, record=True, file=open(os.devnull, "w"))  # noqa: SIM115
        for renderable in app._exit_renderables:
            console.print(renderable)
        shown = console.export_text()
    assert "RuntimeError: boom" in shown
    assert "Sofie Janssens" not in shown
    assert app.return_code == 1
