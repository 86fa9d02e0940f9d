"""The screens shown in the SVG snapshots and in the README's screenshots, built the same way
for both: the bundled demo, a fixed date, a fixed theme and a fixed data folder."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from pathlib import Path

import tomli_w

from aicharter.tui.app import AICharterApp
from aicharter.tui.screens.walk import WalkScreen

TODAY = dt.date(2026, 11, 22)
RunBefore = Callable[..., Awaitable[None]]


def prepare(data_dir: Path) -> None:
    """A data folder with a known recent-files list; the caller points the app at it through
    ``AICHARTER_DATA_DIR`` (the tests with monkeypatch, so it does not outlive the test)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    recent = {
        "files": [
            "/home/consultant/clients/northgate/assessment.toml",
            "/home/consultant/clients/harbour-events/ai-assessment.toml",
        ]
    }
    (data_dir / "recent.toml").write_text(tomli_w.dumps(recent), encoding="utf-8")


def _still(app: AICharterApp) -> AICharterApp:
    """No animations: a scroll that animates would be caught half-way."""
    app.animation_level = "none"
    return app


def start_app() -> AICharterApp:
    return _still(AICharterApp(today=TODAY, theme="textual-dark"))


def demo_app() -> AICharterApp:
    return _still(AICharterApp(demo=True, today=TODAY, theme="textual-dark"))


async def _settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Let every refresh scheduled after the last key land before the picture is taken."""
    for _ in range(3):
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
    await pilot.pause(0.05)


async def _overview(pilot) -> None:  # type: ignore[no-untyped-def]
    """The demo opens on its dashboard (it has several verdicts): Esc shows the overview."""
    from aicharter.tui.screens.dashboard import DashboardScreen

    await _settle(pilot)
    if isinstance(pilot.app.screen, DashboardScreen):
        await pilot.press("escape")
        await _settle(pilot)


async def on_dashboard(pilot) -> None:  # type: ignore[no-untyped-def]
    await _settle(pilot)


async def on_timeline(pilot) -> None:  # type: ignore[no-untyped-def]
    await _settle(pilot)
    await pilot.press("i")
    await _settle(pilot)


async def on_start(pilot) -> None:  # type: ignore[no-untyped-def]
    await _settle(pilot)


async def on_overview(pilot) -> None:  # type: ignore[no-untyped-def]
    await _overview(pilot)


async def _open(pilot, row: int) -> None:  # type: ignore[no-untyped-def]
    await _overview(pilot)
    for _ in range(row):
        await pilot.press("down")
    await pilot.press("enter")
    await _settle(pilot)


async def on_question(pilot) -> None:  # type: ignore[no-untyped-def]
    await _open(pilot, 2)  # the retail watch list
    screen = pilot.app.screen
    assert isinstance(screen, WalkScreen)
    await screen.go("bio_realtime")
    await _settle(pilot)


async def on_multi(pilot) -> None:  # type: ignore[no-untyped-def]
    await _open(pilot, 3)  # the shift planner
    screen = pilot.app.screen
    assert isinstance(screen, WalkScreen)
    await screen.go("annex3_p4")
    await _settle(pilot)


async def on_why(pilot) -> None:  # type: ignore[no-untyped-def]
    await _overview(pilot)
    await pilot.press("down", "down", "w")
    await _settle(pilot)


async def on_plan(pilot) -> None:  # type: ignore[no-untyped-def]
    await _overview(pilot)
    await pilot.press("down", "down", "down", "p")
    await _settle(pilot)


async def on_help(pilot) -> None:  # type: ignore[no-untyped-def]
    await _open(pilot, 3)
    await pilot.press("f1")
    await _settle(pilot)


async def on_unsaved(pilot) -> None:  # type: ignore[no-untyped-def]
    """The last save failed (a full disk, as a session would report it), then ctrl+q."""
    from aicharter.session import SaveState

    await _overview(pilot)
    app = pilot.app
    app.session.state = SaveState(
        saved=False,
        problem="/home/consultant/clients/northgate/assessment.toml: the assessment could not "
        "be saved (No space left on device). The previous version of the file is intact. Free "
        "some space, or save to a folder you can write to.",
    )
    app.refresh_save_state()
    await pilot.press("ctrl+q")
    await _settle(pilot)


async def on_fria(pilot) -> None:  # type: ignore[no-untyped-def]
    """The police footage search: its FRIA is mandatory (used on behalf of the police)."""
    await _overview(pilot)
    await pilot.press(*["down"] * 8, "f")
    await _settle(pilot)


async def on_team(pilot) -> None:  # type: ignore[no-untyped-def]
    await _overview(pilot)
    await pilot.press("t")
    await _settle(pilot)


async def on_form(pilot) -> None:  # type: ignore[no-untyped-def]
    """The details form of the first system, over the overview."""
    await _overview(pilot)
    await pilot.press("d")
    await _settle(pilot)


async def on_conflict(pilot) -> None:  # type: ignore[no-untyped-def]
    """Another program changed the file: the dialog as a save would raise it."""
    from aicharter.tui.screens.dialogs import ConflictScreen

    await _overview(pilot)
    pilot.app.push_screen(
        ConflictScreen(
            "demo.toml was changed by another program or window since it was opened here. "
            "Keep mine writes this version and keeps theirs beside it as a dated copy; reload "
            "theirs drops the change made here."
        )
    )
    await _settle(pilot)


async def on_not_saved(pilot) -> None:  # type: ignore[no-untyped-def]
    """A save has just failed (a full disk): the header and the message say so."""
    from aicharter.session import SaveState

    await _open(pilot, 0)
    app = pilot.app
    app.session.state = SaveState(
        saved=False,
        problem="/home/consultant/clients/northgate/assessment.toml: the assessment could not "
        "be saved (No space left on device). The previous version of the file is intact.",
    )
    app.show_save_result(False)
    await _settle(pilot)


def light_app() -> AICharterApp:
    return _still(AICharterApp(demo=True, today=TODAY, theme="textual-light"))


async def on_light(pilot) -> None:  # type: ignore[no-untyped-def]
    await _open(pilot, 2)  # the retail watch list's walk-through, in the light theme


SCENARIOS: dict[str, tuple[Callable[[], AICharterApp], RunBefore]] = {
    "start": (start_app, on_start),
    "overview": (demo_app, on_overview),
    "dashboard": (demo_app, on_dashboard),
    "timeline": (demo_app, on_timeline),
    "question": (demo_app, on_question),
    "multi": (demo_app, on_multi),
    "why": (demo_app, on_why),
    "plan": (demo_app, on_plan),
    "help": (demo_app, on_help),
    "unsaved": (demo_app, on_unsaved),
    "fria": (demo_app, on_fria),
    "team": (demo_app, on_team),
    "form": (demo_app, on_form),
    "conflict": (demo_app, on_conflict),
    "not_saved": (demo_app, on_not_saved),
    "light": (light_app, on_light),
}
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}
