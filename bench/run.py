"""The benchmark: start-up, load and save, key-press latency and peak memory, side by side.

    .venv/bin/python bench/run.py            # prints a table, writes bench/last-run.json
    .venv/bin/python bench/run.py --quick    # fewer repeats (what CI runs)

Each measure runs in a fresh Python process, so imports and memory are counted as a user would
see them. It reports against the targets but never fails: it is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
LARGE_SYSTEMS = 200
TARGETS = {
    "startup_demo_ratio": 1.3,
    "startup_large_ratio": 1.6,
    "load_evaluate_ms": 150.0,
    "save_ms": 100.0,
    "key_to_outcome_ms": 50.0,
}


# -- the large assessment ---------------------------------------------------------------------


def make_large(path: Path) -> None:
    """200 AI systems, every question answered, long notes on every answer."""
    from aicharter.files import storage
    from aicharter.files.assessment import AISystem, Answer, Assessment, TeamMember
    from aicharter.files.paths import default_checklist
    from aicharter.rules.validate import load_checklist

    checklist = load_checklist(default_checklist())
    rng = random.Random(2026)
    note = "Checked with the vendor on site; see the minutes of the steering meeting. " * 6

    def value(q):  # type: ignore[no-untyped-def]
        if q.kind == "text":
            return "A considered answer. " * 10
        options = [o.id for o in q.all_options if not o.unsure]
        if q.kind == "multi":
            return [rng.choice(options)]
        return rng.choice(options)

    org = {q.id: Answer(value=value(q)) for q in checklist.questions_in("organisation")}
    systems = []
    for i in range(LARGE_SYSTEMS):
        answers = {
            q.id: Answer(value=value(q), note=note, evidence=f"Doc-{i}-{q.id}")
            for q in checklist.questions_in("system")
        }
        answers["infers"].value = "yes"  # every system is an AI system: all questions count
        systems.append(AISystem(id=f"system-{i:03d}", name=f"AI system {i}", answers=answers))
    assessment = Assessment(
        organisation={"name": "Large assessment", "answers": org},
        team=[TeamMember(name=f"Member {i}", role="other") for i in range(12)],
        systems=systems,
    )
    storage.write(path, assessment)


# -- child measures -----------------------------------------------------------------------------


def child_startup(kind: str, path: str) -> float:
    """Seconds from process start (imports included) to the first painted screen, then exit."""
    start = float(os.environ["BENCH_T0"])
    if kind == "bare":
        from textual.app import App
        from textual.widgets import Footer, Header, Static

        class Bare(App[None]):
            def compose(self):  # type: ignore[no-untyped-def]
                yield Header()
                yield Static("Hello")
                yield Footer()

            def on_mount(self) -> None:
                self.call_after_refresh(self.exit)

        app: App[None] = Bare()
        app.run(headless=True, size=(80, 24))
    else:
        from aicharter.tui import app as tui_app

        class Timed(tui_app.AICharterApp):
            # a subclass looks for its stylesheet beside its own module: point it home
            CSS_PATH = str(Path(tui_app.__file__).parent / "app.tcss")

            # the first screen of a file: its overview, or its dashboard when it has several
            # verdicts (the demo, the large file)
            def show_overview(self) -> None:
                super().show_overview()
                self.call_after_refresh(self.exit)

            def open_dashboard(self, then: Any = None) -> None:
                super().open_dashboard(then)
                self.call_after_refresh(self.exit)

        app = Timed(Path(path))
        app.run(headless=True, size=(80, 24))
    if app.return_code != 0:
        raise SystemExit(f"the app failed with return code {app.return_code}")
    return time.time() - start


def child_io(path: str, repeats: int) -> dict[str, float]:
    """Open the large file as the app does (read, check, evaluate every system), then change
    one answer at a time: each change is evaluated again and written to disk (with fsync and
    the backup), as after every key press."""
    from aicharter.files.paths import default_checklist
    from aicharter.rules.validate import load_checklist
    from aicharter.session import Session

    checklist = load_checklist(default_checklist())
    loads, first_saves, saves = [], [], []
    for _ in range(repeats + 1):  # the first opening parses the TOML; the others use the copy
        t0 = time.perf_counter()
        session = Session.open(path, checklist, create=False)
        session.outcomes  # noqa: B018 (evaluates every system)
        loads.append(time.perf_counter() - t0)
        system_id = session.assessment.systems[0].id
        for i in range(4):
            t0 = time.perf_counter()
            assert session.set_answer(system_id, "infers", "no" if i % 2 == 0 else "yes")
            (first_saves if i == 0 else saves).append(time.perf_counter() - t0)
        session.keep_parsed_copy()  # as the app does on quit
    return {
        "load_evaluate_first_ms": 1000 * loads[0],
        "load_evaluate_ms": 1000 * statistics.median(loads[1:]),
        "first_save_ms": 1000 * statistics.median(first_saves),
        "save_ms": 1000 * statistics.median(saves),
    }


def child_keys(path: str, presses: int) -> dict[str, float]:
    """From the key event entering the app to the first painted frame after the outcome bar
    was redrawn with the new outcome, then to the file saved right after that paint; and, for
    a move alone (→), to the first painted frame after the next question was mounted.

    Pilot's ``press`` also waits for the whole app to go idle in 20 ms steps, which measures
    the test harness rather than the app; so the key is posted to the driver directly and
    probes note when the outcome bar was updated, when the question was mounted and when the
    screen was next composited.
    """
    from textual import events
    from textual.screen import Screen

    from aicharter.outputs.vocabulary import tier_label
    from aicharter.tui.app import AICharterApp
    from aicharter.tui.screens.dashboard import DashboardScreen
    from aicharter.tui.screens.overview import OverviewScreen
    from aicharter.tui.screens.walk import WalkScreen
    from aicharter.tui.widgets.outcome_bar import OutcomeBar
    from aicharter.tui.widgets.question_view import QuestionView

    marks = {"bar": 0.0, "paint": 0.0, "question": 0.0}
    composite = Screen._compositor_refresh
    show = OutcomeBar.show_outcome

    def painted(self: Screen[object]) -> None:
        composite(self)
        marks["paint"] = time.perf_counter()

    def shown(self: OutcomeBar, *args: Any) -> None:
        show(self, *args)
        marks["bar"] = time.perf_counter()

    mounted = QuestionView.on_mount

    def question_mounted(self: QuestionView) -> None:
        mounted(self)
        marks["question"] = time.perf_counter()

    Screen._compositor_refresh = painted  # type: ignore[method-assign]
    OutcomeBar.show_outcome = shown  # type: ignore[method-assign]
    QuestionView.on_mount = question_mounted  # type: ignore[method-assign]

    async def run() -> tuple[list[float], list[float], list[float]]:
        app = AICharterApp(Path(path))
        times: list[float] = []
        saves: list[float] = []
        moves: list[float] = []
        async with app.run_test(size=(80, 24)) as pilot:
            while not isinstance(app.screen, (OverviewScreen, DashboardScreen)):
                await pilot.pause()
            if isinstance(app.screen, DashboardScreen):  # a file of several verdicts opens on it
                await pilot.press("escape")
            while not isinstance(app.screen, WalkScreen):
                await pilot.press("enter")
            screen = app.screen
            session = app.session
            system_id = screen.owner
            assert session is not None and isinstance(system_id, str)
            for i in range(presses):
                await screen.go("infers")  # "no" makes it not an AI system; "yes" undoes it
                await pilot.pause()
                key = "n" if i % 2 == 0 else "y"
                stamp = session.stamp
                t0 = time.perf_counter()
                assert app._driver is not None
                app._driver.send_message(events.Key(key, key))
                while not (marks["bar"] > t0 and marks["paint"] > marks["bar"]):
                    await asyncio.sleep(0.0002)
                times.append(time.perf_counter() - t0)
                while session.stamp == stamp:  # the save that follows the paint
                    await asyncio.sleep(0.0002)
                saves.append(time.perf_counter() - t0)
                tier = session.outcome(system_id).tier
                assert tier == "not_ai" if key == "n" else tier != "not_ai"
                assert tier_label(tier, short=True) in str(screen.query_one(OutcomeBar).render())
            for _ in range(presses):  # a move alone: the next question painted
                first = screen.questions[0].id
                await screen.go(first)
                await pilot.pause()
                t0 = time.perf_counter()
                app._driver.send_message(events.Key("right", None))
                while not (marks["question"] > t0 and marks["paint"] > marks["question"]):
                    await asyncio.sleep(0.0002)
                moves.append(time.perf_counter() - t0)
                assert screen.current != first
        return times, saves, moves

    times, saves, moves = asyncio.run(run())
    return {
        "move_ms": 1000 * statistics.median(moves),
        "key_to_outcome_ms": 1000 * statistics.median(times),
        "key_to_outcome_max_ms": 1000 * max(times),
        "key_to_saved_ms": 1000 * statistics.median(saves),
    }


def child_main(args: list[str]) -> None:
    kind = args[0]
    if kind == "startup":
        result: dict[str, float] = {"seconds": child_startup(args[1], args[2])}
    elif kind == "io":
        result = child_io(args[1], int(args[2]))
    else:
        result = child_keys(args[1], int(args[2]))
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("BENCH " + json.dumps(result))


# -- the parent ---------------------------------------------------------------------------------


def run_child(*args: str, cache: str | None = None) -> dict[str, float]:
    env = dict(
        os.environ,
        BENCH_T0=repr(time.time()),
        AICHARTER_DATA_DIR=DATA_DIR,
        AICHARTER_CACHE_DIR=cache or tempfile.mkdtemp(prefix="aicharter-bench-cache-"),
    )
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    if out.returncode != 0:
        raise SystemExit(f"bench: {' '.join(args[:2])} failed:\n{out.stderr[-3000:]}")
    line = next(x for x in out.stdout.splitlines() if x.startswith("BENCH "))
    return json.loads(line[6:])


DATA_DIR = tempfile.mkdtemp(prefix="aicharter-bench-")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--child", nargs="+")
    args = parser.parse_args()
    if args.child:
        child_main(args.child)
        return
    repeats = 3 if args.quick else 7
    # Bytecode as an installed wheel has it (pip compiles it on install). An editable install
    # run with PYTHONDONTWRITEBYTECODE, as in CI, would otherwise compile every module of the
    # app at each start, while Textual's come compiled.
    compileall.compile_dir(str(HERE.parent / "src" / "aicharter"), quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        demo = Path(tmp) / "demo.toml"
        from aicharter.files.paths import demo_assessment

        demo.write_bytes(demo_assessment().read_bytes())
        large = Path(tmp) / "large.toml"
        make_large(large)
        size_kb = large.stat().st_size / 1024
        startup: dict[str, list[float]] = {"bare": [], "demo": [], "large": []}
        peaks: dict[str, float] = {}
        # The first opening of a file parses its TOML and keeps a parsed copy; later ones (the
        # repeats) use the copy, as a user reopening their file does.
        cache = tempfile.mkdtemp(prefix="aicharter-bench-cache-")
        first_large = run_child("startup", "large", str(large), cache=cache)["seconds"]
        for _ in range(repeats):
            for kind, path in (("bare", ""), ("demo", str(demo)), ("large", str(large))):
                r = run_child("startup", kind, path or str(demo), cache=cache)
                startup[kind].append(r["seconds"])
                peaks[f"startup_{kind}"] = max(peaks.get(f"startup_{kind}", 0), r["peak_mb"])
        io = run_child("io", str(large), str(repeats + 2))
        keys = run_child("keys", str(large), str(6 if args.quick else 15))
    med = {k: statistics.median(v) for k, v in startup.items()}
    results = {
        "startup_bare_s": med["bare"],
        "startup_demo_s": med["demo"],
        "startup_large_s": med["large"],
        "startup_demo_ratio": med["demo"] / med["bare"],
        "startup_large_ratio": med["large"] / med["bare"],
        "startup_large_first_s": first_large,
        "load_evaluate_first_ms": io["load_evaluate_first_ms"],
        "load_evaluate_ms": io["load_evaluate_ms"],
        "save_ms": io["save_ms"],
        "first_save_ms": io["first_save_ms"],
        "key_to_saved_ms": keys["key_to_saved_ms"],
        "move_ms": keys["move_ms"],
        "key_to_outcome_ms": keys["key_to_outcome_ms"],
        "key_to_outcome_max_ms": keys["key_to_outcome_max_ms"],
        "peak_mb": {**peaks, "load_save_large": io["peak_mb"], "keys_large": keys["peak_mb"]},
        "large_file_kb": size_kb,
        "large_systems": LARGE_SYSTEMS,
        "repeats": repeats,
        "python": sys.version.split()[0],
    }
    rows = [
        ("start-up, bare Textual app", f"{med['bare'] * 1000:.0f} ms", "floor", ""),
        (
            "start-up, demo",
            f"{med['demo'] * 1000:.0f} ms",
            f"{results['startup_demo_ratio']:.2f}x",
            "startup_demo_ratio",
        ),
        (
            f"start-up, large ({LARGE_SYSTEMS} systems, {size_kb:.0f} KB)",
            f"{med['large'] * 1000:.0f} ms",
            f"{results['startup_large_ratio']:.2f}x",
            "startup_large_ratio",
        ),
        (
            "  the same, first opening (TOML parsed)",
            f"{first_large * 1000:.0f} ms",
            f"{first_large / med['bare']:.2f}x",
            "",
        ),
        ("load + evaluate, large", f"{io['load_evaluate_ms']:.0f} ms", "", "load_evaluate_ms"),
        (
            "  the same, first opening (TOML parsed)",
            f"{io['load_evaluate_first_ms']:.0f} ms",
            "",
            "",
        ),
        ("change + save, large", f"{io['save_ms']:.0f} ms", "", "save_ms"),
        ("first change + save after opening, large", f"{io['first_save_ms']:.0f} ms", "", ""),
        (
            "key press to outcome, large (median)",
            f"{keys['key_to_outcome_ms']:.0f} ms",
            f"max {keys['key_to_outcome_max_ms']:.0f} ms",
            "key_to_outcome_ms",
        ),
        ("key press to file saved, large (median)", f"{keys['key_to_saved_ms']:.0f} ms", "", ""),
        ("→ to the next question painted, large (median)", f"{keys['move_ms']:.0f} ms", "", ""),
    ]
    print(f"{'measure':46} {'value':>9} {'':>14}  target")
    for name, value, extra, key in rows:
        verdict = ""
        if key:
            target = TARGETS[key]
            ok = results[key] <= target
            unit = "x" if key.endswith("ratio") else " ms"
            verdict = f"{'met' if ok else 'MISSED'} (<= {target:g}{unit})"
        print(f"{name:46} {value:>9} {extra:>14}  {verdict}")
    print("peak memory (MB): " + ", ".join(f"{k} {v:.0f}" for k, v in results["peak_mb"].items()))
    (HERE / "last-run.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent / "src"))
    main()
