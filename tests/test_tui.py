"""Pilot tests: drive the real TUI with key presses, check the screen and the saved file."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from pathlib import Path

import pytest
from textual.widgets import DataTable, OptionList, Select, TextArea
from textual.widgets.select import InvalidSelectValueError

from aicharter.files import storage
from aicharter.session import ORGANISATION, Session
from aicharter.tui.app import AICharterApp
from aicharter.tui.debounce import TYPING_PAUSE
from aicharter.tui.screens.dashboard import DashboardScreen
from aicharter.tui.screens.dialogs import ConfirmScreen, FormScreen, MessageScreen
from aicharter.tui.screens.help import HelpScreen
from aicharter.tui.screens.overview import OverviewScreen
from aicharter.tui.screens.plan import PlanScreen
from aicharter.tui.screens.start import StartScreen
from aicharter.tui.screens.walk import WalkScreen
from aicharter.tui.screens.why import WhyScreen
from aicharter.tui.widgets.outcome_bar import OutcomeBar
from helpers import WATCH_LIST, charter, complete, open_seeded

TODAY = dt.date(2026, 11, 22)
SIZE = (80, 24)


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("AICHARTER_DATA_DIR", str(folder))
    return folder


def make_app(path: Path | None = None, **kw: object) -> AICharterApp:
    return AICharterApp(path, today=TODAY, **kw)  # type: ignore[arg-type]


def bar_text(app: AICharterApp) -> str:
    return str(app.screen.query_one(OutcomeBar).render())


def saved(path: Path):
    return storage.read(path, charter())


async def add_system(pilot, name: str) -> None:
    await pilot.pause()
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(pilot.app.screen, FormScreen)
    await pilot.press(*name)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def fill(pilot, **values: str) -> None:
    """Put text in the open form's fields at once (typing long text key by key is slow, and
    what the keys themselves do is proven elsewhere); then ctrl+s."""
    form = pilot.app.screen
    assert isinstance(form, FormScreen)
    for name, value in values.items():
        widget = form.query_one(f"#f-{name}")
        if hasattr(widget, "load_text"):
            widget.load_text(value)
        else:
            widget.value = value
    await pilot.press("ctrl+s")
    await pilot.pause()


async def open_walk(pilot, name: str) -> WalkScreen:
    """Add an AI system from the overview and open its walk-through."""
    await add_system(pilot, name)
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, WalkScreen)
    return screen


async def walk(pilot, keys: dict[str, str | list[str]], limit: int = 80) -> WalkScreen:
    """Answer the walk-through as a user would: for the question on screen press its keys
    (a list for several), skip the ones not listed with g (next open), until nothing is open."""
    screen = pilot.app.screen
    assert isinstance(screen, WalkScreen)
    for _ in range(limit):
        await pilot.pause()
        current = screen.current
        if not screen.open_questions() and current not in keys:
            return screen
        if current in keys:
            value = keys.pop(current)
            if isinstance(value, list):
                await pilot.press(*value)
                await pilot.press("right")
            else:
                await pilot.press(value)
        else:
            await pilot.press("g")
    raise AssertionError(f"walk did not finish; stuck at {screen.current}")


BASE_NO = {
    "infers": "y",
    "personal_data": "n",
    "scope_exclusion": "1",  # none of these
    "activities": ["1"],  # we use it ourselves
    "t_generates": "n",
    "law_enforcement": "n",
    "p_manipulation": "n",
    "p_vulnerability": "n",
    "p_social_scoring": "n",
    "p_crime_risk": "n",
    "p_face_scraping": "n",
    "bio_uses": "n",
    "annex1_product": "7",
    "annex3_areas": ["7"],
    "combined": "n",
    "t_interacts": "n",
}


async def test_minimal_risk_system_end_to_end(tmp_path: Path):
    path = tmp_path / "a.toml"
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        assert path.exists() and oct(path.stat().st_mode & 0o777) == "0o600"
        await add_system(pilot, "Alarm triage")
        await pilot.press("enter")
        await pilot.pause()
        screen = await walk(pilot, dict(BASE_NO))
        assert "Minimal risk" in bar_text(app)
        assert screen.open_questions() == []
        assert screen.current == "v_purpose"  # step 3 is free text, typed straight away
        await pilot.press(*"Triage")
        await pilot.press("escape")  # leaves the text box (and saves it)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
    data = saved(path)
    system = data.systems[0]
    assert system.name == "Alarm triage"
    assert system.answers["infers"].value == "yes"
    assert system.answers["annex3_areas"].value == ["none"]
    assert system.answers["activities"].value == ["use"]
    assert system.answers["v_purpose"].value == "Triage"
    session = Session.open(path, charter())
    assert session.outcome(system.id).tier == "minimal"


async def test_high_risk_with_provider_flip(tmp_path: Path):
    """Ticking 'we put our name on another's system' on a high-risk system makes the firm its
    provider as well as its deployer (Art. 25(1)(a)); the plan gains the provider duties."""
    path = tmp_path / "a.toml"
    seeded(
        path,
        "Shift planner",
        {
            "annex3_areas": ("employment",),
            "annex3_p4": ("tasks_traits",),
            "workers_affected": ("own_staff",),
        },
    )
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await open_seeded(pilot, "activities")
        assert "High-risk · deployer ·" in bar_text(app)
        await pilot.press("3")  # add "we put our name on another's system"
        await pilot.pause()
        text = bar_text(app)
        assert "High-risk" in text and "provider + deployer" in text
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        ids = [row.id for row in app.screen.rows]
        assert "provider_conformity" in ids and "inform_workers" in ids
    system = saved(path).systems[0]
    assert system.answers["activities"].value == ["use", "rebrand"]
    assert Session.open(path, charter()).outcome(system.id).roles == ["provider", "deployer"]


async def test_prohibited_system_turns_the_plan(tmp_path: Path):
    path = tmp_path / "a.toml"
    seeded(path, "Scoring", {"t_interacts": "no"})
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_seeded(pilot, "p_social_scoring")
        assert "t_interacts" in [q.id for q in screen.questions]
        await pilot.press("y")
        await pilot.pause()
        assert "PROHIBITED" in bar_text(app)
        visible = [q.id for q in screen.questions]
        assert "t_interacts" not in visible and "annex3_areas" not in visible
        await pilot.press("p")
        await pilot.pause()
        plan = app.screen
        assert isinstance(plan, PlanScreen)
        obligations = [r.id for r in plan.rows if r.kind == "obligation"]
        assert obligations == [
            "prohibited_do_not_buy",
            "prohibited_discontinue",
            "prohibited_document",
        ]
    assert saved(path).systems[0].answers["p_social_scoring"].value == "yes"


def seeded(path: Path, name: str, answers: dict[str, object]) -> str:
    """A file with one system whose walk-through is complete but for ``answers``' effect:
    the state is seeded through the session, so a test presses keys only for what the screen
    itself must prove."""
    org = {"org_public_body": "no", "org_public_service": "no", "org_on_behalf_public": "no"}
    full, org_full = complete(
        {"infers": "yes", "scope_exclusion": "none", "activities": ("use",), **answers}, org
    )
    checklist = charter()
    order = [q.id for q in checklist.questions]  # as a user answers: each question once shown
    session = Session.open(path, checklist)
    for qid, value in org_full.items():
        session.set_answer(ORGANISATION, qid, value)
    sid = session.add_system(name).id
    for qid in sorted(full, key=order.index):
        session.set_answer(sid, qid, full[qid])
    return sid


async def test_unsure_answer_is_marked_for_review(tmp_path: Path):
    path = tmp_path / "a.toml"
    seeded(path, "Black box", {})
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await open_seeded(pilot, "infers")
        await pilot.press("u")
        await pilot.pause()
        assert "⚑ 1 review" in bar_text(app)
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, WhyScreen)
        trail = str(app.screen.query_one("#trail").render())
        assert "To review" in trail and "'Unsure' to: Does the system infer" in trail
    assert saved(path).systems[0].answers["infers"].value == "unsure"


async def test_branch_hidden_and_restored(tmp_path: Path):
    path = tmp_path / "a.toml"
    seeded(path, "Risk tool", {"p_crime_risk": "yes", "p_crime_solely_profiling": "yes"})
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_seeded(pilot, "p_crime_risk")
        assert "PROHIBITED" in bar_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert "p_crime_solely_profiling" not in [q.id for q in screen.questions]
        assert saved(path).systems[0].answers["p_crime_solely_profiling"].stale is True
        await screen.go("p_crime_risk")
        await pilot.press("y")  # the branch comes back; its kept answer must be confirmed
        await pilot.pause()
        assert screen.current == "p_crime_solely_profiling"
        assert screen.to_confirm() == ["p_crime_solely_profiling"]
        stale = [str(w.render()) for w in screen.query(".stale")]
        assert stale and "Kept from before" in stale[0]
        assert "PROHIBITED" not in bar_text(app)
        await pilot.press("c")
        await pilot.pause()
        assert "PROHIBITED" in bar_text(app)
    assert not saved(path).systems[0].answers["p_crime_solely_profiling"].stale


async def test_a_default_from_the_organisation_is_shown_and_can_be_changed(tmp_path: Path):
    """The public-use question of a high-risk system takes the organisation's answer (marked ⌂)
    until the user ticks another for this system (Art. 27(1), 49(3))."""
    path = tmp_path / "a.toml"
    sid = seeded(
        path,
        "CV screener",
        {"annex3_areas": ("employment",), "annex3_p4": ("recruitment",)},
    )
    session = Session.open(path, charter())
    session.set_answer(ORGANISATION, "org_on_behalf_public", "yes")
    session.clear_answer(sid, "public_use")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_seeded(pilot, "public_use")
        note = str(screen.query_one(".default").render())
        assert "Taken from your organisation's answers: On behalf of a public authority" in note
        assert "⌂" in str(screen.query_one("#nav").get_option("public_use").prompt)
        assert "FRIA mandatory" in bar_text(app)
        await pilot.press("5")  # "No: for us or private clients" replaces the default
        await pilot.pause()
        assert "FRIA recommended" in bar_text(app)
    assert saved(path).systems[0].answers["public_use"].value == ["none"]


HOSTILE = "a [/] b [@click=app.quit] [x] [bold]not bold"


async def test_user_text_is_never_markup(tmp_path: Path):
    path = tmp_path / "a.toml"
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await fill(pilot, name=HOSTILE)
        table = app.screen.query_one("#systems")
        assert HOSTILE[:20] in str(table.get_row_at(0)[0])
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*"[b]")  # typed: a bracket key is text, not markup
        await pilot.press("tab")
        await pilot.press(*"[/]")
        form = app.screen
        await fill(pilot, note=form.query_one("#f-note").text + HOSTILE)
        note = app.screen.query_one(".note")
        assert "[b]" + HOSTILE in str(note.render())
        assert app.is_running
        note.scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click(".note")  # a [@click] in user text must not act
        await pilot.pause()
        assert app.is_running
    answer = saved(path).systems[0].answers["infers"]
    assert answer.note == "[b]" + HOSTILE and answer.evidence == "[/]"
    assert saved(path).systems[0].name == HOSTILE


async def test_corrupt_file_opens_nothing(tmp_path: Path):
    path = tmp_path / "bad.toml"
    path.write_text("schema_version = 1\n[organisation\n")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MessageScreen)
        assert "line 2" in app.screen.message and str(path) in app.screen.message
        assert app.session is None
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
    assert path.read_text() == "schema_version = 1\n[organisation\n"


async def test_newer_file_opens_nothing(tmp_path: Path):
    path = tmp_path / "new.toml"
    path.write_text("schema_version = 9\n")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MessageScreen)
        assert "newer aicharter" in app.screen.message
    assert path.read_text() == "schema_version = 9\n"


async def test_save_failure_is_shown_and_nothing_is_lost(tmp_path: Path, monkeypatch):
    path = tmp_path / "a.toml"
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await add_system(pilot, "Camera")
        await pilot.press("enter")
        await pilot.pause()
        real = os.replace

        def full(src, dst):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(storage.os, "replace", full)
        await pilot.press("y")
        await pilot.pause()
        assert "NOT SAVED" in app.sub_title
        assert app.session.answer("camera", "infers").value == "yes"
        assert "infers" not in saved(path).systems[0].answers
        monkeypatch.setattr(storage.os, "replace", real)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "saved" in app.sub_title and "NOT" not in app.sub_title
    assert saved(path).systems[0].answers["infers"].value == "yes"


async def test_answer_is_written_right_after_the_redraw_and_on_quit(tmp_path: Path):
    path = tmp_path / "a.toml"
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await open_walk(pilot, "Camera")
        await pilot.press("y")
        # by the time the key is handled and the screen redrawn, the file has the answer
        assert not app.session.pending
        assert saved(path).systems[0].answers["infers"].value == "yes"
        # a change made just before quitting, with no redraw in between, is written too
        assert isinstance(app.screen, WalkScreen)
        app.session.set_answer("camera", "personal_data", "no")
        assert app.session.pending
        assert "personal_data" not in saved(path).systems[0].answers
        app.exit()
    assert saved(path).systems[0].answers["personal_data"].value == "no"


async def test_a_crash_right_after_an_answer_still_saves_it(tmp_path: Path):
    path = tmp_path / "a.toml"
    app = make_app(path)
    with pytest.raises(RuntimeError, match="boom"):
        async with app.run_test(size=SIZE) as pilot:
            await add_system(pilot, "Camera")
            app.session.set_answer("camera", "infers", "yes")
            assert app.session.pending
            app._handle_exception(RuntimeError("boom"))  # what Textual does with an error
            await pilot.pause()
    assert saved(path).systems[0].answers["infers"].value == "yes"


async def test_keys_typed_ahead_answer_the_questions_in_order(tmp_path: Path):
    from textual import events

    path = tmp_path / "a.toml"
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_walk(pilot, "Camera")
        first = screen.current
        for key in "yn":  # both queued before the first is handled
            app._driver.send_message(events.Key(key, key))
        await pilot.pause()
        await pilot.pause()
        answers = app.session.assessment.system("camera").answers
        second = next(q for q in screen.session.system_questions("camera") if q != first)
        assert answers[first].value == "yes"
        assert answers[second].value == "no"


async def test_text_typed_just_before_quitting_is_saved(tmp_path: Path):
    """Text is saved after a pause in the typing; quitting inside that pause keeps it too."""
    from aicharter.tui.screens.fria import FriaScreen

    path = tmp_path / "a.toml"
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_walk(pilot, "Camera")
        await screen.go("v_purpose")
        await pilot.pause()
        await pilot.press(*"Door")
        app.exit()
    assert saved(path).systems[0].answers["v_purpose"].value == "Door"

    path = tmp_path / "b.toml"
    sid = recruiting_file(path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.push_screen(FriaScreen(sid))
        await pilot.pause()
        await pilot.press(*"Nights")
        app.exit()
    assert "Nights" in saved(path).systems[0].fria.values()


async def test_help_palette_and_footer_come_from_the_key_registry(tmp_path: Path):
    """F1, the palette and the footer list this app's keys only, by the registry's names, and
    only those that work on the screen in front: on the organisation's walk-through there is no
    Why? (the reasons are per system)."""
    app = make_app(tmp_path / "a.toml")
    async with app.run_test(size=SIZE) as pilot:
        await add_system(pilot, "X")
        await pilot.press("enter")
        await pilot.pause()
        walk_screen = app.screen
        titles = {row.title for row in app.key_rows(walk_screen)}
        assert {"Why?", "Note and evidence", "Next open question", "Yes", "Unsure"} <= titles
        commands = {c.title: c.help for c in app.get_system_commands(walk_screen)}
        assert {"Why?", "Note and evidence", "Help", "Quit", "Export the report"} - set(
            commands
        ) == {"Export the report"}  # an overview key
        assert commands["Why?"].endswith("(key: w)")  # plain text: the palette reads markup
        assert not {"Cursor up", "Bottom", "Scroll Up"} & set(commands)
        assert list(commands).count("Quit") == 1
        assert any("theme" in title.lower() for title in commands)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Next open question" in [row.title for row in app.screen.rows]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is walk_screen
        await pilot.press("escape")
        await pilot.pause()
        overview = {c.title for c in app.get_system_commands(app.screen)}
        assert any("report" in title.lower() for title in overview)
        await pilot.press("o")  # the organisation's questions, at its name (a text box)
        await pilot.press("escape")  # out of the box: the keys work
        await pilot.pause()
        footer = {b.binding.id for b in app.screen.active_bindings.values() if b.enabled}
        assert "walk.why" not in footer and "walk.note" in footer
        await app.screen.go("org_public_body")
        await pilot.pause()
        assert "w why?" not in str(app.screen.query_one(".hint").render())  # nor in the hint
        assert "Why?" not in {row.title for row in app.key_rows(app.screen)}


async def test_a_keymap_in_the_config_folder_remaps_keys_everywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Bindings have ids: keymap.toml remaps them, and the hint line, F1 and the buttons name
    the new key. What cannot be used is reported once and the rest applies."""
    config = tmp_path / "config"
    config.mkdir()
    (config / "keymap.toml").write_text(
        '"walk.yes" = "j"\n"walk.next" = "right,l"\n"walk.bogus" = "k"\n"form.save" = "!!"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("AICHARTER_CONFIG_DIR", str(config))
    path = tmp_path / "a.toml"
    seeded(path, "Cam", {})
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.user_keymap == {"walk.yes": "j", "walk.next": "right,l"}
        screen = await open_seeded(pilot, "infers")
        hint = str(screen.query_one(".hint").render())
        assert hint.startswith("j yes · n no")
        rows = {row.title: row.key for row in app.key_rows(screen)}
        assert rows["Yes"] == "j" and rows["Next question"] == "→ / l"
        before = screen.current
        await pilot.press("l")
        await pilot.pause()
        assert screen.current != before
        await screen.go("infers")
        await pilot.press("j")
        await pilot.pause()
        assert saved(path).systems[0].answers["infers"].value == "yes"


async def test_overview_add_duplicate_delete(tmp_path: Path):
    path = tmp_path / "a.toml"
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await add_system(pilot, "Camera")
        await add_system(pilot, "Drone")
        overview = app.screen
        assert isinstance(overview, OverviewScreen)
        assert overview.selected_id() == "drone"  # the system just added is highlighted
        await pilot.press("c")
        await pilot.pause()
        assert [s.name for s in saved(path).systems] == ["Camera", "Drone", "Drone (copy)"]
        assert overview.selected_id() == "drone-copy"  # and so is the copy
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("n")  # keep it after all
        await pilot.pause()
        assert len(saved(path).systems) == 3
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert [s.name for s in saved(path).systems] == ["Camera", "Drone"]


async def test_plan_status_owner_and_due_date(tmp_path: Path):
    path = tmp_path / "a.toml"
    session = Session.open(path, charter())
    session.add_member("Ann Peeters", "dpo", "")
    system = session.add_system("Cam")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        plan = app.screen
        assert isinstance(plan, PlanScreen)
        assert plan.rows[0].id == "identify_systems"
        await pilot.press("space")
        await pilot.pause()
        assert saved(path).systems[0].steps["identify_systems"].status == "in_progress"
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#f-owner").value = "Ann Peeters"
        form.query_one("#f-due").value = "2027-13-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "YYYY-MM-DD" in str(form.query_one("#error").render())
        form.query_one("#f-due").value = "2027-03-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is plan
        await pilot.press("g")  # next open item: the next step or obligation not done
        await pilot.pause()
        row = plan.current()
        assert row is not None and row.is_open and row.id != "identify_systems"
    step = saved(path).systems[0].steps["identify_systems"]
    assert (step.owner, step.due) == ("Ann Peeters", dt.date(2027, 3, 1))
    assert system.id == "cam"


async def test_organisation_questions_and_team(tmp_path: Path):
    path = tmp_path / "a.toml"
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WalkScreen) and screen.owner is ORGANISATION
        await screen.go("org_public_body")
        await pilot.pause()
        await pilot.press("y")  # a public body: the follow-ups disappear
        await pilot.pause()
        assert [q.id for q in screen.questions] == [
            "org_name",
            "org_country",
            "org_public_body",
            "org_sme",
        ]
        await pilot.press("escape")
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Sofie")
        await pilot.press("ctrl+s")  # no role chosen yet
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        app.screen.query_one("#f-role").value = "dpo"
        await pilot.press("ctrl+s")
        await pilot.pause()
    data = saved(path)
    assert data.organisation.answers["org_public_body"].value == "yes"
    assert [(m.name, m.role) for m in data.team] == [("Sofie", "dpo")]


async def test_start_screen_demo_and_recent(tmp_path: Path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        await pilot.press("d")
        await pilot.pause()
        # several systems with a verdict: the file opens on its dashboard, over the overview
        assert isinstance(app.screen, DashboardScreen)
        assert app.session is not None and len(app.session.assessment.systems) == 11
        text = str(app.screen.query_one("#systems").render())
        assert (
            "Face matching for a retail client's watch list\n  High-risk · Annex III 1(a)" in text
        )
        assert "Timeline:" in text and "i shows them all" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        await pilot.press("b")  # and back: one key from the overview
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        recent = app.screen.query_one("#recent")
        assert str(app.session.path) in str(recent.get_option_at_index(0).prompt)
        await pilot.press("enter")  # the most recent file is highlighted: Enter reopens it
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_resize_small_and_theme(tmp_path: Path):
    """Every main screen survives being made tiny and large again."""
    app = make_app(tmp_path / "a.toml")
    sizes = [(10, 4), (120, 40)]  # absurdly small, then wide
    async with app.run_test(size=SIZE) as pilot:
        await add_system(pilot, "X")
        for size in sizes:  # overview
            await pilot.resize_terminal(*size)
            await pilot.pause()
        for key in ("enter", "w", "escape", "p", "escape", "f1"):
            await pilot.press(key)
            await pilot.pause()
            for size in sizes:
                await pilot.resize_terminal(*size)
                await pilot.pause()
        await pilot.press("escape", "ctrl+t")
        await pilot.pause()
        assert app.theme == "textual-light"
        assert app.is_running


def recruiting_file(path: Path) -> str:
    """A public body's high-risk recruiting system: its FRIA is mandatory."""
    session = Session.open(path, charter())
    session.set_answer(ORGANISATION, "org_public_body", "yes")
    sid = session.add_system("Recruiting").id
    answers, _ = complete(
        {
            "infers": "yes",
            "scope_exclusion": "none",
            "activities": ("use",),
            "annex3_areas": ("employment",),
            "annex3_p4": ("recruitment",),
        },
        {"org_public_body": "yes"},
    )
    for qid, value in answers.items():
        session.set_answer(sid, qid, value)
    session.set_answer(ORGANISATION, "org_sme", "no")
    return sid


async def test_fria_worksheet_and_export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from aicharter.tui import app as app_module
    from aicharter.tui.screens.dialogs import ExportedScreen
    from aicharter.tui.screens.fria import FriaScreen

    opened: list[Path] = []
    monkeypatch.setattr(app_module, "open_with_viewer", lambda p: opened.append(p))

    path = tmp_path / "a.toml"
    recruiting_file(path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FriaScreen)
        status = str(screen.query_one(".status").render())
        assert status.startswith("Mandatory") and "market surveillance authority" in status
        await pilot.press(*"CV screening <b>")
        await pilot.pause(0.8)  # saved as you type
        assert saved(path).systems[0].fria["fr_processes"] == "CV screening <b>"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        # where it went, and one key to open it with the computer's own viewer
        assert isinstance(app.screen, ExportedScreen)
        assert str(tmp_path / "a-report.html") in str(app.screen.query_one(".message").render())
        await pilot.press("o")
        await pilot.pause()
        assert opened == [tmp_path / "a-report.html"]
        assert isinstance(app.screen, OverviewScreen)
    report = (tmp_path / "a-report.html").read_text()
    assert "CV screening &lt;b&gt;" in report


async def test_second_window_change_is_detected_and_the_user_chooses(tmp_path: Path):
    from aicharter.tui.screens.dialogs import ConflictScreen

    path = tmp_path / "a.toml"
    Session.open(path, charter()).add_system("Cam")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        other = Session.open(path, charter())  # a second window saves first
        other.set_answer("cam", "infers", "no")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)
        assert saved(path).systems[0].answers["infers"].value == "no"  # nothing overwritten
        await pilot.press("k")
        await pilot.pause()
        assert "saved" in app.sub_title and "NOT" not in app.sub_title
        (copy,) = tmp_path.glob("a.theirs-*.toml")  # theirs kept, and the user told where
        assert any(copy.name in n.message for n in app._notifications)
    assert saved(path).systems[0].answers["infers"].value == "yes"
    assert saved(copy).systems[0].answers["infers"].value == "no"


async def test_start_screen_new_and_open(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    existing = tmp_path / "existing.toml"
    Session.open(existing, charter()).add_system("Old")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")  # new: the suggested file in the current folder
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        assert (tmp_path / "assessment.toml").exists()
        await pilot.press("ctrl+o", "o")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#f-path").value = str(tmp_path / "nowhere.toml")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MessageScreen)  # open never creates
        assert not (tmp_path / "nowhere.toml").exists()
        await pilot.press("enter", "o")
        await pilot.pause()
        app.screen.query_one("#f-path").value = str(existing)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        assert app.session.path == existing
        assert "Old" in str(app.screen.query_one("#systems").get_row_at(0)[0])


async def test_a_hostile_file_cannot_drive_the_terminal(tmp_path: Path):
    """Control sequences in names, notes, text answers, team and FRIA texts and in a TOML key
    reach the screen as visible stand-ins (␛ for ESC), on every screen and in the error dialog."""
    from aicharter.tui.screens.team import TeamScreen
    from test_sanitize import RAW, hostile_assessment

    def inert(app: AICharterApp) -> str:
        svg = app.export_screenshot()
        assert not RAW.search(svg), repr(RAW.search(svg))
        return svg

    path = tmp_path / "hostile.toml"
    storage.write(path, hostile_assessment())
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "␛" in inert(app)  # overview: the system's and the organisation's names
        screen = await open_seeded(pilot, "personal_data")  # a note and evidence shown
        assert "␛" in inert(app)
        await screen.go("v_purpose")  # a text answer in an editable box
        await pilot.pause()
        assert "␛" in inert(app)
        for key in ("w", "escape", "p"):  # why?, then the plan (notes of a step)
            await pilot.press(key)
            await pilot.pause()
            inert(app)
        await pilot.press("escape", "d")  # the system's details form
        await pilot.pause()
        assert isinstance(app.screen, FormScreen) and "␛" in inert(app)
        await pilot.press("escape")
        await pilot.pause()
        app.show_overview()
        await pilot.pause()
        await pilot.press("t")  # the governance team
        await pilot.pause()
        assert isinstance(app.screen, TeamScreen) and "␛" in inert(app)
    # a hostile TOML key: the one-paragraph error dialog
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'schema_version = 1\n[organisation.answers."\\u001b]52;c;aGk=\\u0007"]\nvalue = "yes"\n',
        encoding="utf-8",
    )
    app = make_app(bad)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MessageScreen)
        assert "␛]52;c;aGk=␇" in app.screen.message
        inert(app)


async def test_quitting_after_a_failed_save_asks_first(tmp_path: Path, monkeypatch):
    """NOT SAVED: q asks to retry, save as another file, or quit and lose the change."""
    from aicharter.tui.screens.dialogs import UnsavedScreen

    path = tmp_path / "a.toml"
    Session.open(path, charter()).add_system("Camera")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await open_seeded(pilot, "infers")
        real = storage._write_atomic

        def full(*args):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(storage, "_write_atomic", full)
        await pilot.press("y")
        await pilot.pause()
        assert "NOT SAVED" in app.sub_title
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedScreen) and app.is_running
        await pilot.press("escape")  # keep working
        await pilot.pause()
        assert app.is_running and not isinstance(app.screen, UnsavedScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("a")  # save as another file
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        monkeypatch.setattr(storage, "_write_atomic", real)  # (that disk is fine)
        app.screen.query_one("#f-path").value = str(tmp_path / "rescued.toml")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert not app.is_running
    assert saved(tmp_path / "rescued.toml").systems[0].answers["infers"].value == "yes"
    assert "infers" not in saved(path).systems[0].answers


async def test_quitting_with_a_form_open_keeps_what_was_typed(tmp_path: Path):
    path = tmp_path / "a.toml"
    Session.open(path, charter()).add_system("Camera")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await open_seeded(pilot, "infers")
        await pilot.press("e")  # note and evidence
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"On site")
        await pilot.press("ctrl+q")
        for _ in range(4):
            await pilot.pause()
        assert not app.is_running
    assert saved(path).systems[0].answers["infers"].note == "On site"


async def test_stopped_with_a_full_disk_rescues_the_work_and_says_where(
    tmp_path: Path, monkeypatch
):
    """SIGTERM with a form open and a disk that refuses the save: the typed note and every
    change go to a dated copy in the data folder, and the exit message names it."""
    import signal

    path = tmp_path / "a.toml"
    Session.open(path, charter()).add_system("Camera")
    app = make_app(path)
    messages: list[object] = []
    real_exit = app.exit

    def exit(*args, **kwargs):
        messages.append(kwargs.get("message"))
        real_exit(*args, **kwargs)

    monkeypatch.setattr(app, "exit", exit)
    async with app.run_test(size=SIZE) as pilot:
        await open_seeded(pilot, "infers")

        def full(*args):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(storage, "_write_atomic", full)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*"Seen")
        app._stopped(signal.SIGTERM)
        for _ in range(4):
            await pilot.pause()
        assert not app.is_running
    assert app.return_code == 128 + signal.SIGTERM
    rescued = list((tmp_path / "data" / "rescued").glob("a.rescued-*.toml"))
    assert len(rescued) == 1 and str(rescued[0]) in str(messages[0])
    assert saved(rescued[0]).systems[0].answers["infers"].note == "Seen"
    assert "infers" not in saved(path).systems[0].answers


async def test_on_the_way_out_no_form_text_is_lost(tmp_path: Path, monkeypatch):
    """SIGTERM with a form whose check fails (a due date half typed): its text is kept in the
    data folder and the exit message says where. An unexpected error with a valid form open:
    the form is saved like the rest."""
    import signal

    from aicharter.tui.screens.plan import PlanScreen

    path = tmp_path / "a.toml"
    sid = Session.open(path, charter()).add_system("Cam").id
    for crash in (False, True):
        app = make_app(path)
        with contextlib.suppress(ZeroDivisionError):
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause()
                await app.push_screen(PlanScreen(sid))
                await pilot.pause()
                await pilot.press("enter")  # the first step's form
                await pilot.pause()
                form = app.screen
                assert isinstance(form, FormScreen)
                form.query_one("#f-notes").load_text(f"Minutes {crash}")
                form.query_one("#f-due").value = "2027-12-01" if crash else "2027-03-3"
                if crash:
                    app.call_later(lambda: 1 / 0)  # any unexpected error
                else:
                    exits: list[object] = []
                    monkeypatch.setattr(
                        app,
                        "exit",
                        lambda *a, _exit=app.exit, _log=exits, **k: (
                            _log.append(k),
                            _exit(*a, **k),
                        ),
                    )
                    app._stopped(signal.SIGTERM)
                for _ in range(4):
                    await pilot.pause()
        if not crash:
            (kept,) = app.kept_forms
            assert str(kept) in str(exits[0]) and app.return_code == 128 + signal.SIGTERM
    assert list((tmp_path / "data" / "rescued").glob("a.form-*.txt")) == [kept]
    assert "Minutes False" in kept.read_text()
    assert "2027-03-3" in kept.read_text()
    step = next(iter(saved(path).systems[0].steps.values()))
    assert step.notes == "Minutes True"


async def test_typing_saves_once_per_pause_not_once_per_key(tmp_path: Path, monkeypatch):
    """20 characters at 10 a second: one save after the pause (each key used to start a timer
    of its own, and the file and its backup were written 16 times)."""
    path = tmp_path / "a.toml"
    seeded(path, "Camera", {})
    writes: list[Path] = []
    real = storage._write_atomic

    def counting(target, *args):
        writes.append(target)
        return real(target, *args)

    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await open_seeded(pilot, "v_purpose")
        monkeypatch.setattr(storage, "_write_atomic", counting)
        for char in "Fewer false alarms!!":
            await pilot.press(char)
            await pilot.pause(0.1)
        await pilot.pause(1.0)
        assert len(writes) <= 2, len(writes)
    assert saved(path).systems[0].answers["v_purpose"].value == "Fewer false alarms!!"


async def test_a_change_made_anywhere_redraws_the_screen_in_front(tmp_path: Path):
    """No call site reports its change: the session announces it and the app sends the screen
    in front a message. A change made straight through the session (as the FRIA worksheet,
    a dialog or the conflict flow do) shows at once in the outcome bar and the overview."""
    path = tmp_path / "a.toml"
    sid = seeded(path, "Gate camera", {})
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await open_seeded(pilot, "infers")
        assert "Minimal risk" in bar_text(app)
        assert app.session is not None
        app.session.set_answer(sid, "infers", "no")
        await pilot.pause()
        assert "Not an AI system" in bar_text(app)
        await pilot.press("escape")
        await pilot.pause()
        app.session.update_system(sid, "Door camera", "", "", "")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert "Door camera" in str(table.get_row_at(0)[0])


@pytest.mark.parametrize("question", ["annex1_product", "annex3_areas", "annex3_p4"])
async def test_arriving_at_a_question_shows_its_text(tmp_path: Path, question: str):
    """At 80x24, moving to a question whose answers are long (the Annex I products, the
    Annex III areas) leaves its text in view: the answers scroll, the question does not."""
    path = tmp_path / "a.toml"
    seeded(path, "Cam", {"annex3_areas": ("employment",)})
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_seeded(pilot, "infers")
        if question not in screen.session.system_questions(screen.owner):
            pytest.skip(f"{question} is not asked of this system")
        await screen.go(question)
        for _ in range(3):
            await pilot.pause()
        main = screen.query_one("#main")
        text = screen.query_one(".text")
        assert main.scroll_y == 0
        assert text.region.y >= main.region.y and text.region.bottom <= main.region.bottom


async def test_qualified_yes_or_no_questions_take_y_and_n(tmp_path: Path):
    """ "Have you changed the system...?" lists Yes first and takes y and n like every yes/no
    question (Art. 25(1)(b): a substantial modification makes the deployer a provider)."""
    path = tmp_path / "a.toml"
    seeded(path, "Cam", {})
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_seeded(pilot, "role_modification")
        question = screen.session.checklist.question_map["role_modification"]
        assert [o.means for o in question.all_options][:2] == ["yes", "no"]
        await pilot.press("y")
        await pilot.pause()
        assert saved(path).systems[0].answers["role_modification"].value == "substantial"
        await screen.go("role_modification")
        await pilot.press("n")
        await pilot.pause()
        assert saved(path).systems[0].answers["role_modification"].value == "none"
        await screen.go("crit_output")
        await pilot.press("y")
        await pilot.pause()
        assert saved(path).systems[0].answers["crit_output"].value == "towards"


async def test_ticked_and_unticked_boxes_differ_in_shape(tmp_path: Path):
    """Not only in colour: a projector or a monochrome terminal shows [x] for a ticked box and
    [ ] for one that is not."""
    from aicharter.tui.widgets.tick_list import TickList

    path = tmp_path / "a.toml"
    seeded(path, "Cam", {})
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_seeded(pilot, "activities")  # "We use it ourselves" is ticked
        ticks = screen.query_one(TickList)
        lines = [ticks.render_line(y).text.strip() for y in range(ticks.option_count)]
        assert lines[0].startswith("[x] 1.") and lines[1].startswith("[ ] 2.")


async def test_long_multi_choice_options_wrap_and_are_read_whole(tmp_path: Path):
    """Annex III 4(b) at 80x24: "Allocates tasks or shifts based on individual behaviour or
    personal traits" and "...only on availability, skills held or demand" are read whole, each
    with one box, and ticking the wrapped fifth option with 5 ticks it."""
    from aicharter.tui.widgets.tick_list import TickList

    path = tmp_path / "a.toml"
    seeded(path, "Rota", {"annex3_areas": ("employment",)})
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_seeded(pilot, "annex3_p4")
        ticks = screen.query_one(TickList)
        text = " ".join(
            " ".join(ticks.render_line(y).text.split()) for y in range(ticks.size.height)
        )
        assert "…" not in text
        assert "based on individual behaviour or personal traits (4(b))" in text
        assert "only on availability, skills held or demand" in text
        assert text.count("[ ]") + text.count("[x]") == 7  # one box per option, not per line
        await pilot.press("5")
        await pilot.pause()
        assert saved(path).systems[0].answers["annex3_p4"].value == ["tasks_availability"]
        assert "[x] 5." in " ".join(ticks.render_line(y).text for y in range(ticks.size.height))


async def test_reopening_a_text_answer_puts_the_cursor_at_its_end(tmp_path: Path):
    path = tmp_path / "a.toml"
    seeded(path, "Cam", {"v_purpose": "Fewer false alarms\nat night"})
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_seeded(pilot, "v_purpose")
        box = screen.query_one("#answer", TextArea)
        assert box.cursor_location == box.document.end == (1, 8)
        await pilot.press("space", *"too")
        await pilot.pause(TYPING_PAUSE + 0.2)  # saved once the typing pauses
    assert saved(path).systems[0].answers["v_purpose"].value == "Fewer false alarms\nat night too"


async def test_the_choice_shows_at_once_where_the_walk_through_cannot_move_on(tmp_path: Path):
    """The last question (step 3's decision) answered with nothing left to go to: the
    walk-through stays there, and the option just chosen is marked ● there and then."""
    path = tmp_path / "a.toml"
    seeded(path, "Cam", {})
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_seeded(pilot, "infers")
        last = screen.questions[-1]
        assert last.kind == "choice" and not screen.open_questions()
        await screen.go(last.id)
        await pilot.pause()
        await pilot.press("1")
        for _ in range(3):
            await pilot.pause()
        assert screen.current == last.id
        answers = screen.query_one("#answer", OptionList)
        first = answers.render_line(0).text.strip()
        assert first.startswith("● 1.") and last.all_options[0].label in first


async def test_a_second_system_of_the_same_name_asks_first(tmp_path: Path):
    path = tmp_path / "a.toml"
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await add_system(pilot, "Drone")
        await add_system(pilot, "drone ")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert [s.name for s in saved(path).systems] == ["Drone"]
        await add_system(pilot, "Drone")
        await pilot.press("y")
        await pilot.pause()
        assert [s.name for s in saved(path).systems] == ["Drone", "Drone"]


async def test_new_on_an_existing_file_asks_whether_to_open_it(tmp_path: Path):
    existing = tmp_path / "existing.toml"
    Session.open(existing, charter()).add_system("Old")
    before = existing.read_bytes()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#f-path").value = str(existing)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and "exists already" in app.screen.message
        await pilot.press("n")  # no: the New form again, to choose another name
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        app.screen.query_one("#f-path").value = str(existing)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen) and app.session.path == existing
    assert existing.read_bytes() == before  # opened, not started again


async def test_g_at_the_end_of_a_system_goes_to_the_next_system_still_open(tmp_path: Path):
    path = tmp_path / "a.toml"
    seeded(path, "Done", {})
    Session.open(path, charter()).add_system("Open")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_seeded(pilot, "infers")
        assert not screen.open_questions()
        await pilot.press("g")
        for _ in range(3):
            await pilot.pause()
        now = app.screen
        assert isinstance(now, WalkScreen) and now is not screen and now.owner == "open"
        assert len([s for s in app.screen_stack if isinstance(s, WalkScreen)]) == 1


async def test_the_demo_copy_with_changes_is_reopened_not_overwritten(tmp_path: Path):
    """--demo reopens the copy the person changed (and says how to get a fresh one); the
    palette's 'Fresh demo copy' replaces it, the old one kept as a dated copy."""
    app = make_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.session is not None
        app.session.add_system("Mine")
        await pilot.pause()
    copy = AICharterApp.demo_copy()
    changed = copy.read_bytes()
    app = make_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.session is not None and "Mine" in [
            s.name for s in app.session.assessment.systems
        ]
        assert copy.read_bytes() == changed
        commands = {c.title for c in app.get_system_commands(app.screen)}
        assert "Fresh demo copy" in commands
        app.action_fresh_demo()
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert "Mine" not in [s.name for s in app.session.assessment.systems]
    kept = list(copy.parent.glob("demo.kept-*.toml"))
    assert len(kept) == 1 and kept[0].read_bytes() == changed


async def test_the_sidebar_shows_short_titles_whole(tmp_path: Path):
    """At 80x24 every sidebar entry is the question's short title, whole and different from
    its neighbours; group headers say what the group is ("2.3 · High-risk?")."""
    from aicharter.tui.widgets.question_nav import QuestionNav

    path = tmp_path / "a.toml"
    seeded(path, "Rota", {"annex3_areas": ("employment",)})
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_seeded(pilot, "annex3_p4")
        nav = screen.query_one(QuestionNav)
        lines = [nav.get_option_at_index(i).prompt for i in range(nav.option_count)]
        text = [str(line) for line in lines]
        assert "2.3 · High-risk?" in text and "· Employment (4)" not in text
        assert any(t.endswith(" Employment (4)") for t in text)
        shown = [nav.render_line(y).text for y in range(nav.size.height)]
        assert shown and not any("…" in line for line in shown)
        entries = [t for t in text if t[:2] in {m + " " for m in "!·⌂○?✓"}]
        assert len(entries) == len(set(entries)) == len(screen.questions)


async def test_a_verdict_change_shows_on_the_bar_and_ctrl_z_undoes_it(tmp_path: Path):
    """One n on "does it process biometric data" no longer turns the watch list into
    "Minimal risk" silently: the bar says "Tier: High-risk → Minimal risk (ctrl+z undoes)";
    ctrl+z restores the answer (saved), goes back to that question and says what it undid;
    ctrl+y makes the change again."""
    path = tmp_path / "a.toml"
    seeded(path, "Watch list", WATCH_LIST)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_seeded(pilot, "bio_uses")
        assert bar_text(app).startswith("High-risk")
        await pilot.press("n")
        await pilot.pause()
        assert saved(path).systems[0].answers["bio_uses"].value == "no"
        note = "→ Tier: High-risk → Minimal risk · FRIA recommended → no FRIA (ctrl+z undoes)"
        assert note in bar_text(app)
        assert screen.current != "bio_uses"
        await pilot.press("ctrl+z")
        await pilot.pause()
        await pilot.pause()
        assert saved(path).systems[0].answers["bio_uses"].value == "yes"
        assert screen.current == "bio_uses"
        text = bar_text(app)
        assert text.startswith("High-risk")
        assert "Undone: the answer to “Biometric data” · Tier: Minimal risk → High-risk" in text
        assert "(ctrl+y redoes)" in text
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert saved(path).systems[0].answers["bio_uses"].value == "no"
        assert bar_text(app).startswith("Minimal risk")
        assert screen.current == "bio_uses"
        await pilot.press("n")  # the next change draws the bar afresh
        await pilot.pause()
        assert "→" not in bar_text(app)


async def test_undoing_a_new_system_from_its_walk_through_goes_back_to_the_overview(
    tmp_path: Path,
):
    path = tmp_path / "a.toml"
    session = Session.open(path, charter())
    session.add_system("Kept")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.session.add_system("Added by mistake")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, WalkScreen)
        await pilot.press("ctrl+z")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        assert [s.name for s in saved(path).systems] == ["Kept"]


async def test_the_decisive_point_is_on_the_bar_and_under_the_overview(tmp_path: Path):
    """A private real-time watch list: the outcome bar's second line and the overview's line
    under the table name Annex III 1(a) and the warning that GDPR Art. 9 and national law may
    still forbid it; Why? opens with the same line."""
    path = tmp_path / "a.toml"
    seeded(path, "Watch list", WATCH_LIST)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        decisive = str(app.screen.query_one("#decisive").render())
        assert decisive.startswith("Basis: Annex III 1(a) · ⚠ Art. 5(1)(h) bans only law")
        await open_seeded(pilot, "bio_uses")
        lines = bar_text(app).split("\n")
        assert lines[0].startswith("High-risk") and lines[1] == decisive
        await pilot.press("w")
        await pilot.pause()
        trail = str(app.screen.query_one("#trail").render()).split("\n")
        assert trail[1] == decisive


async def test_slash_finds_a_question_of_the_system_or_the_organisation(tmp_path: Path):
    """/ then words from a question's text or help lists the matches; Enter goes there. A
    match among the organisation's questions opens the organisation's walk-through at it."""
    from aicharter.tui.screens.search import SearchScreen

    path = tmp_path / "a.toml"
    seeded(path, "Watch list", WATCH_LIST)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_seeded(pilot, "infers")
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"real time")
        await pilot.pause()
        assert [f.question.id for f in app.screen.found] == ["bio_realtime"]
        app.screen.query_one("#words").value = "decision"
        await pilot.pause()  # the question named so first, then those that mention it
        assert app.screen.found[0].question.id == "v_decision"
        found = app.screen.query_one("#found", OptionList)
        for _ in range(len(app.screen.found) + 2):  # one press too many stays on the last
            await pilot.press("down")
        assert found.highlighted == len(app.screen.found) - 1
        app.screen.query_one("#words").value = "real time"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and screen.current == "bio_realtime"
        await pilot.press("slash")
        app.screen.query_one("#words").value = "small medium"  # (typing is proven above)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, WalkScreen) and app.screen.owner is ORGANISATION
        assert app.screen.current == "org_sme"
        await pilot.press("slash")
        app.screen.query_one("#words").value = "zzzz"
        await pilot.pause()
        await pilot.press("enter")  # nothing found: nothing happens
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen) and app.screen.found == []
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WalkScreen)


async def test_the_organisation_walk_starts_with_its_name_and_country(tmp_path: Path):
    """The name and country are the first organisation questions (not only a dialog behind a
    key): typed as answers, kept in the file's [organisation] table where the reports read
    them, one line each."""
    path = tmp_path / "a.toml"
    Session.open(path, charter())
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WalkScreen) and screen.owner is ORGANISATION
        assert [q.id for q in screen.questions][:2] == ["org_name", "org_country"]
        assert screen.current == "org_name"  # the first not answered yet, typed straight away
        assert isinstance(app.focused, TextArea)
        assert app.focused.size.height <= 3  # a one-line box, not the 8 lines of step 3
        hint = str(screen.query_one(".hint").render())
        assert "ctrl+n next question" in hint and "e note" not in hint  # (e types here)
        optional = app.session.organisation_progress().optional_left
        await pilot.press(*"Northgate", "enter", *"Security")
        screen.flush_typing()
        await pilot.pause()
        assert saved(path).organisation.name == "Northgate Security"
        assert app.session.organisation_progress().optional_left == optional - 1
        await screen.go("org_country")
        await pilot.press(*"Belgium")
        screen.flush_typing()
        await pilot.pause()
        assert saved(path).organisation.country == "Belgium"
        assert "org_name" not in saved(path).organisation.answers


async def test_one_key_moves_on_from_a_text_answer(tmp_path: Path):
    """ctrl+n, shown in the footer and the hint while a text answer is open, saves the text
    and goes to the next question (before: Esc, then →)."""
    path = tmp_path / "a.toml"
    seeded(path, "Cam", {})
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_seeded(pilot, "v_purpose")
        assert isinstance(app.focused, TextArea)
        assert "ctrl+n next question" in str(screen.query_one(".hint").render())
        shown = {k for k, b in app.active_bindings.items() if b.binding.show and b.enabled}
        assert "ctrl+n" in shown
        await pilot.press(*"Fewer false alarms", "ctrl+n")
        await pilot.pause()
        assert saved(path).systems[0].answers["v_purpose"].value == "Fewer false alarms"
        assert screen.current == "v_advantages"
        await screen.go("infers")
        await pilot.pause()
        shown = {k for k, b in app.active_bindings.items() if b.binding.show and b.enabled}
        assert "ctrl+n" not in shown  # a choice question: → moves on


async def test_enter_moves_through_a_one_line_dialog_and_submits_on_the_last_field(
    tmp_path: Path,
):
    """The organisation's details (name, country): Enter goes to the next field, and on the
    last one saves the dialog."""
    path = tmp_path / "a.toml"
    Session.open(path, charter())
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("o", "escape", "d")  # (the walk opens in the name's text box)
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"Northgate", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)  # on to the country
        await pilot.press(*"Belgium", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        organisation = saved(path).organisation
        assert (organisation.name, organisation.country) == ("Northgate", "Belgium")


async def test_the_plan_gives_titles_the_room_and_shows_notes_and_evidence(tmp_path: Path):
    """At 80x24 the plan's Owner and Due columns are as narrow as their headers while no item
    has one, so titles get the room; the detail panel of a legal duty with a long explanation
    shows its notes and evidence (they come right after the title, before the explanation)."""
    from aicharter.files.assessment import Task

    path = tmp_path / "a.toml"
    sid = seeded(path, "Watch list", WATCH_LIST)
    session = Session.open(path, charter())
    task = Task(status="in_progress", notes="Asked the vendor", evidence="Ticket 42")
    session.set_task(sid, "items", "use_per_instructions", task)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        table = screen.query_one("#plan", DataTable)
        widths = {str(c.key.value): c.width for c in table.columns.values()}
        assert widths["owner"] == len("Owner") and widths["due"] == len("Due")
        assert widths["title"] >= 40
        index = next(i for i, r in enumerate(screen.rows) if r.id == "use_per_instructions")
        table.move_cursor(row=index)
        await pilot.pause()
        detail = screen.query_one("#detail")
        shown = "\n".join(detail.render_line(y).text for y in range(detail.size.height))
        assert "Notes: Asked the vendor" in shown and "Evidence: Ticket 42" in shown


async def test_at_120_columns_the_overview_cuts_no_name_and_no_header(tmp_path: Path):
    """The organisation sits under the systems at every width, so at 120x40 the names and the
    last column's header ("Plan") are whole."""
    path = tmp_path / "a.toml"
    seeded(path, "Face matching for a retail client's watch list", WATCH_LIST)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#systems", DataTable)
        header = table.render_line(0).text
        assert "Plan" in header and "Pla " not in header + " "
        assert "Face matching for a retail client's watch list" in table.render_line(1).text


async def test_tab_completes_the_path_in_open(tmp_path: Path):
    """Open: the field suggests how the path goes on (folders, then assessment files) and Tab
    takes the suggestion, as a shell does; Enter opens the file."""
    from aicharter.files.paths import complete_path

    folder = tmp_path / "clients" / "northgate"
    folder.mkdir(parents=True)
    (tmp_path / "clients" / "notes.txt").write_text("x")
    Session.open(folder / "assessment.toml", charter())
    assert complete_path(f"{tmp_path}/cl") == f"{tmp_path}/clients/"
    assert complete_path(f"{tmp_path}/clients/no") == f"{tmp_path}/clients/northgate/"
    assert complete_path(f"{tmp_path}/nothing") is None
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        field = app.screen.query_one("#f-path")
        field.value = f"{tmp_path}/cl"
        await pilot.pause()
        for expected in ("clients/", "clients/northgate/", "clients/northgate/assessment.toml"):
            await pilot.pause(0.05)
            await pilot.press("tab")
            await pilot.pause()
            assert field.value == f"{tmp_path}/{expected}"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        assert app.session.path == folder / "assessment.toml"


async def test_n_on_a_multi_choice_question_answers_none_of_these(tmp_path: Path):
    """n ticks a multi-choice question's "None of these" and goes on (it stands alone, so the
    answer is whole); a digit still only ticks."""
    path = tmp_path / "a.toml"
    seeded(path, "Cam", {"annex3_areas": ("employment",)})
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_seeded(pilot, "annex3_areas")
        await pilot.press("n")
        await pilot.pause()
        assert saved(path).systems[0].answers["annex3_areas"].value == ["none"]
        assert screen.current != "annex3_areas"


async def test_a_burst_of_typing_then_ctrl_s_saves_every_character(tmp_path: Path):
    """Keys sent all at once (a fast typist, a tool, a macro): ctrl+s, a priority key, used to
    save before the field had taken the last keys ("Shift roste" for "Shift rostering")."""
    from textual import events

    path = tmp_path / "a.toml"
    Session.open(path, charter())
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen) and app._driver is not None
        for char in "Shift rostering":
            key = "space" if char == " " else char
            app._driver.send_message(events.Key(key, char))
        app._driver.send_message(events.Key("ctrl+s", None))
        for _ in range(5):
            await pilot.pause()
        assert [s.name for s in saved(path).systems] == ["Shift rostering"]


async def test_vendor_questionnaire_drafts_review_and_timeline(tmp_path: Path):
    """After the verdict, from the overview: v writes the questionnaire to the provider, r a
    draft the duties ask for, m records the verdict; a later change of answer is marked ≠
    with its cause in Why?; i shows the timeline and e there writes the calendar file."""
    from aicharter.tui.screens.dialogs import ExportedScreen
    from aicharter.tui.screens.timeline import TimelineScreen

    path = tmp_path / "a.toml"
    sid = recruiting_file(path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        written = []
        for key in ("v", "r"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, FormScreen)
            for select in app.screen.query(Select):  # no blank choice to write a file with
                with pytest.raises(InvalidSelectValueError):
                    select.clear()
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, ExportedScreen)
            written.append(str(app.screen.query_one(".message").render()).strip())
            await pilot.press("escape")
            await pilot.pause()
        assert written[0] == str(tmp_path / f"a-{sid}-vendor.html")
        vendor = Path(written[0]).read_text(encoding="utf-8")
        assert "What our duties depend on" in vendor and "Art. 26(6)" in vendor
        draft = Path(written[1]).read_text(encoding="utf-8")
        assert "DRAFT" in draft and "Filled from the assessment" in draft

        await pilot.press("m")
        await pilot.pause()
        record = saved(path).systems[0].reviewed
        assert record is not None and record.tier == "high"
        assert app.session is not None
        app.session.set_answer(sid, "annex3_areas", ("none",))
        await pilot.pause()
        assert "≠" in str(app.screen.query_one("#systems", DataTable).get_cell_at((0, 1)))
        decisive = str(app.screen.query_one("#decisive").render())
        assert decisive.startswith("≠ Since the review of ")
        await pilot.press("w")
        await pilot.pause()
        trail = str(app.screen.query_one("#trail").render())
        assert "What changed since the review" in trail
        assert "Tier: High-risk → Minimal risk" in trail and "'Annex III areas'" in trail
        await pilot.press("escape", "i")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        days = "\n".join(row.text for row in app.screen.rows)
        assert "2025-02-02: 1 duty in force (Art. 4)" in days
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportedScreen)
    assert (tmp_path / "a-dates.ics").read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")


def test_dashboard_lines_wrap_under_their_own_text():
    """At 80 columns the watch list's warning takes two lines; the second starts under the
    warning's text, not under its ⚠ nor at the left edge, so it reads as one item."""
    import datetime as dt

    from aicharter.files.paths import demo_assessment
    from aicharter.outputs.dashboard import dashboard
    from aicharter.rules.evaluate import evaluate_all
    from aicharter.tui.screens.dashboard import dashboard_content

    c = charter()
    demo = storage.read(demo_assessment(), c)
    board = dashboard(c, demo, evaluate_all(c, demo), dt.date(2026, 12, 5))
    lines = dashboard_content(board, "Northgate", "i", 76).plain.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("  ⚠ Art. 5(1)(h)"))
    assert lines[at + 1].startswith("    ") and lines[at + 1].strip()
    assert all(len(line) <= 76 for line in lines)


def test_why_lists_wrap_under_their_own_text():
    """In Why?, an answer a conclusion rests on is a bullet; when it wraps, its next line
    starts under its text, so that the list reads as a list at 80 columns."""
    from aicharter.files.paths import demo_assessment
    from aicharter.rules.evaluate import evaluate_all
    from aicharter.tui.screens.why import why_content

    c = charter()
    demo = storage.read(demo_assessment(), c)
    out = evaluate_all(c, demo)["retail-watchlist"]
    lines = why_content(c, out, None, 60).plain.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("  • What does your firm do"))
    assert lines[at + 1].startswith("    ") and lines[at + 1].strip()
