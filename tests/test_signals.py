"""SIGTERM and SIGHUP (the terminal closed, the laptop shutting down) save what is pending,
text being typed included, before the app exits. Run in a child process: without the handler
the signal would end the test run itself. One child for both signals (it starts faster):
SIGTERM first, as it exits the app in the usual way; on SIGHUP the terminal is gone, so the
process ends at once after saving (exit status 129)."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

from aicharter.files import storage
from aicharter.session import Session
from helpers import charter

SCRIPT = """
import asyncio, datetime as dt, os, signal, sys
from pathlib import Path
sys.path.insert(0, {tests!r})
from aicharter.tui.app import AICharterApp
from helpers import open_seeded

async def main(path, signum):
    app = AICharterApp(Path(path), today=dt.date(2026, 12, 4))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_seeded(pilot, "v_purpose")
        await pilot.press(*"Gate")  # still being typed: not saved yet
        os.kill(os.getpid(), signum)
        for _ in range(20):
            await pilot.pause()
            if not app.is_running:
                break
    print(signal.Signals(signum).name, "running" if app.is_running else "exited", app.return_code,
          flush=True)

for path, signum in {jobs!r}:
    asyncio.run(main(path, signum))
"""

SIGNALS = (signal.SIGTERM, signal.SIGHUP)


def test_a_signal_saves_the_text_being_typed(tmp_path: Path):
    jobs = []
    for signum in SIGNALS:
        path = tmp_path / f"{signum.name}.toml"
        session = Session.open(path, charter())
        sid = session.add_system("Camera").id
        for qid, value in (("infers", "yes"), ("scope_exclusion", "none"), ("activities", ["use"])):
            session.set_answer(sid, qid, value)
        jobs.append((str(path), int(signum)))
    env = {"AICHARTER_DATA_DIR": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(jobs=jobs, tests=str(Path(__file__).parent))],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 128 + signal.SIGHUP, result.stderr[-2000:]
    assert f"SIGTERM exited {128 + signal.SIGTERM}" in result.stdout
    for signum in SIGNALS:
        answers = storage.read(tmp_path / f"{signum.name}.toml", charter()).systems[0].answers
        assert answers["v_purpose"].value == "Gate"
