"""SVG snapshots of the main screens at 80x24 and 120x40 (pytest-textual-snapshot).

Regenerate after a deliberate change with ``bash scripts/test --snapshot-update`` and look at
the report before committing. Each test says what a reviewer should see.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scenarios import SCENARIOS, SIZES, prepare


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    prepare(tmp_path / "data")
    monkeypatch.setenv("AICHARTER_DATA_DIR", str(tmp_path / "data"))


def snap(snap_compare, name: str, size: str) -> bool:
    make, run_before = SCENARIOS[name]
    return snap_compare(make(), terminal_size=SIZES[size], run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_start(snap_compare, size):
    """The start screen: the intro, two recent files marked missing (the first highlighted,
    so Enter reopens it), the disclaimer, and the footer with New, Open, Demo, Forget, Quit."""
    assert snap(snap_compare, "start", size)


@pytest.mark.parametrize("size", SIZES)
def test_overview(snap_compare, size):
    """The demo's overview: eleven systems with tier (PROHIBITED in red, high-risk in yellow, a
    ⚑ on the recruitment screener, the stress detector, the patrol drone and the police footage
    search, "Not an AI system" and "Out
    of scope" for the last two), role ("provider+" where the firm also uses it), FRIA, progress
    the share of required questions answered (a bar, 100% for every demo system) and the plan
    items still to do, and "in all 247 plan items left"; the organisation with its steps below
    at both sizes, so that at 120 columns every name and header is whole."""
    assert snap(snap_compare, "overview", size)


@pytest.mark.parametrize("size", SIZES)
def test_dashboard(snap_compare, size):
    """The demo opens on its dashboard (it has several verdicts): each system with its tier
    (PROHIBITED in red, High-risk in yellow), the basis (Annex III 1(a), Art. 5(1)(f)...),
    roles and FRIA; its decision ("Postpone", "not decided"), what needs review and the next
    legal date; the headline warning in yellow under the watch list ("Art. 5(1)(h) bans only
    law-enforcement use, so this is not banned...", its second line under its text, not under
    the ⚠); under the shift planner, in the accent
    colour, what changed since its review ("≠ Since the review of 2026-07-15: 17 duties
    changed"); at the end, where the timeline stands
    ("Timeline: 5 dates to come, the next ..."); the footer leads back to the overview and on
    to the timeline."""
    assert snap(snap_compare, "dashboard", size)


@pytest.mark.parametrize("size", SIZES)
def test_timeline(snap_compare, size):
    """i on the dashboard: every date in order, each item's wrapped lines under its text (not
    under its bullet). A passed date takes one dimmed line ("2025-02-02:
    3 duties in force (Art. 4; Art. 5(1); Art. 99(3))"), and after the last one a warning counts
    the plan items of duties in force not marked done ("⚠ 21 plan items of these duties in
    force, not marked done"); each date to come, in bold, lists the
    plan items due ("◦ Due: #4 Assess the risk profile... (in progress, Amira Haddad): Shift
    planner") and the duties that apply from it with article, whom they bind and the systems
    ("• Use the system in line with... [Art. 26(1); binds the deployer]: ..."); the title
    says "Timeline · 5 dates to come"; the footer offers Back and Calendar."""
    assert snap(snap_compare, "timeline", size)


@pytest.mark.parametrize("size", SIZES)
def test_question(snap_compare, size):
    """A question of the retail watch list (real time or post), answered 'Real time': the
    outcome bar (High-risk · deployer · FRIA recommended · 3 safeguards), the sidebar of
    visible questions by their short titles ("Real time or post"), none cut, under group headers
    such as "2.3 · High-risk?", with ticks (⌂ on the public-use question, taken from the
    organisation's answers), above the question "29 answered · 0 left · 12 optional" (what is
    answered and left, not a total that grows), the options with the chosen one filled, help
    and refs."""
    assert snap(snap_compare, "question", size)


@pytest.mark.parametrize("size", SIZES)
def test_multi(snap_compare, size):
    """The shift planner's Annex III 4 question (employment): seven options, each with a box
    that reads [x] or [ ] beside its number, the long ones wrapped under their text (not under
    the box) and read whole, none cut with "…"; options 3 and 4 are ticked."""
    assert snap(snap_compare, "multi", size)


@pytest.mark.parametrize("size", SIZES)
def test_why(snap_compare, size):
    """The why view of the retail watch list: the summary line, then each conclusion with its
    reason, basis and the answers it rests on; a long answer line ("• What does your firm do
    with this system? ... → We use it ourselves") goes on under its text, not under the •."""
    assert snap(snap_compare, "why", size)


@pytest.mark.parametrize("size", SIZES)
def test_plan(snap_compare, size):
    """The shift planner's plan (provider + deployer in the bar): per-system steps with status
    glyphs, then the requirements marked legal or rec., their obligations with the dates of the
    amended timeline (the column is headed "As amended"), and the detail panel below."""
    assert snap(snap_compare, "plan", size)


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, size):
    """F1 over the walk-through: a table of keys (y, n, u, digits, arrows, g, w, e...) with what
    each does, generated from the screen's bindings."""
    assert snap(snap_compare, "help", size)


@pytest.mark.parametrize("size", SIZES)
def test_unsaved(snap_compare, size):
    """Quitting after a failed save: over the overview (header "NOT SAVED"), a centred
    dialog titled "Your last change to demo.toml is not saved", the problem in full, and the
    buttons Retry (r), Save as… (a), Quit, lose it (l), Back (esc) on one row."""
    assert snap(snap_compare, "unsaved", size)


@pytest.mark.parametrize("size", SIZES)
def test_fria(snap_compare, size):
    """The FRIA worksheet of the police footage search: "FRIA mandatory (Art. 27)" with the
    notification to the market surveillance authority, then the six elements (a)-(f) of
    Art. 27(1), each with its guidance and a text box, the first focused."""
    assert snap(snap_compare, "fria", size)


@pytest.mark.parametrize("size", SIZES)
def test_team(snap_compare, size):
    """The governance team: the Charter's advice (checklist #1) naming the roles not yet
    covered, if any, then the demo's five members with name, role and contact."""
    assert snap(snap_compare, "team", size)


@pytest.mark.parametrize("size", SIZES)
def test_form(snap_compare, size):
    """The details form of the first system over the overview: Name, Provider or vendor, What
    it does (a text box), Intended purpose, and the buttons Save (ctrl+s) and Cancel (esc)."""
    assert snap(snap_compare, "form", size)


@pytest.mark.parametrize("size", SIZES)
def test_conflict(snap_compare, size):
    """Someone else changed the file: a centred dialog titled "Someone else changed this file",
    the explanation, and the buttons Keep mine (k), Reload theirs (r), Later (esc)."""
    assert snap(snap_compare, "conflict", size)


@pytest.mark.parametrize("size", SIZES)
def test_not_saved(snap_compare, size):
    """A save just failed, in the walk-through of the first system: the header starts with
    "demo.toml · NOT SAVED (ctrl+s retries)" in bold, and a red "Not saved" message says what
    happened and that the change is kept and saved with the next change or ctrl+s."""
    assert snap(snap_compare, "not_saved", size)


@pytest.mark.parametrize("size", SIZES)
def test_light(snap_compare, size):
    """The retail watch list's walk-through in the light theme (ctrl+t): dark text on a light
    background, the outcome bar tinted for high risk, ticks and hints readable."""
    assert snap(snap_compare, "light", size)
