"""End-to-end tests of the command line, run as a user would run it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from aicharter.cli import main
from aicharter.files import storage
from aicharter.files.paths import default_checklist, demo_assessment
from helpers import demo_copy


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aicharter", *args], capture_output=True, text=True, timeout=60
    )


def test_validate_bundled_is_clean():
    result = run("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith(": ok")


def test_validate_reports_one_line_per_problem(tmp_path: Path):
    text = default_checklist().read_text(encoding="utf-8")
    text = text.replace('applies_from = "gdpr"', 'applies_from = "nope"')
    bad = tmp_path / "bad.toml"
    bad.write_text(text, encoding="utf-8")
    result = run("validate", str(bad))
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert lines and all(line.startswith(f"{bad}:") for line in lines)
    assert all("unknown milestone 'nope'" in line for line in lines)


def test_summary_of_demo_text():
    result = run("summary", "--demo")
    assert result.returncode == 0, result.stderr
    assert "Tier: PROHIBITED" in result.stdout
    assert "Tier: High-risk" in result.stdout
    assert "not legal advice" in result.stdout


def test_summary_json_shape(capsys):
    assert main(["summary", str(demo_assessment()), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["organisation"] == "Northgate Security Services (demo)"
    tiers = {s["id"]: s["tier"] for s in data["systems"]}
    assert tiers == {
        "alarm-triage": "minimal",
        "web-chatbot": "transparency",
        "retail-watchlist": "high",
        "shift-planner": "high",
        "recruit-screen": "high",
        "stress-monitor": "prohibited",
        "patrol-drone": "high",
        "crowd-counter": "minimal",
        "police-footage": "high",
        "plate-barrier": "not_ai",
        "perimeter-prototype": "out_of_scope",
    }
    from aicharter.content.checklist import TIERS

    assert set(tiers.values()) == set(TIERS)  # the demo shows every tier
    assert data["timeline"]["verified"] is True
    for system in data["systems"]:
        assert {
            "id",
            "name",
            "ai_system",
            "tier",
            "role",
            "roles",
            "fria",
            "safeguards",
            "obligations",
            "needs_review",
            "reasons",
        } <= set(system)
        # reasons and review items name what they are about by kind, id and the checklist's
        # title: never an id with a "kind:" prefix
        for reason in system["reasons"]:
            assert reason["kind"] in ("fact", "safeguard", "obligation", "notice")
            assert ":" not in reason["id"] and "conclusion" not in reason
            assert reason["title"] or reason["kind"] == "notice"
        for review in system["needs_review"]:
            assert all(set(s) == {"kind", "id", "title"} for s in review["about"])
        for obligation in system["obligations"]:
            assert set(obligation) == {
                "id",
                "title",
                "kind",
                "actor",
                "basis",
                "applies_from",
                "timeline",
                "verified",
                "dates",
                "note",
            }
            assert obligation["kind"] in ("legal", "recommended")
            assert set(obligation["actor"]) <= {
                "deployer",
                "provider",
                "importer",
                "distributor",
                "everyone",
            }
            if obligation["kind"] == "legal":
                assert set(obligation["dates"]) == {"original", "amended"}
                assert obligation["verified"] is True
    # a firm that supplies the system under its own name and uses it: both sets of duties
    planner = next(s for s in data["systems"] if s["id"] == "recruit-screen")
    assert planner["role"] == "provider"
    assert planner["roles"] == ["provider", "deployer"]
    assert planner["needs_review"]
    actors = {o["id"]: o["actor"] for o in planner["obligations"]}
    assert actors["provider_conformity"] == ["provider"]
    assert actors["use_per_instructions"] == ["deployer"]
    logs = next(o for o in planner["obligations"] if o["id"] == "keep_logs")
    assert logs["applies_from"] == "2027-12-02" and logs["verified"] is True
    assert logs["dates"] == {"original": "2026-08-02", "amended": "2027-12-02"}
    # a system used on behalf of a public authority, answered for this system only
    police = next(s for s in data["systems"] if s["id"] == "police-footage")
    assert police["roles"] == ["deployer"] and police["fria"] == "mandatory"
    assert "register_eu_database" in police["safeguards"]


def test_summary_json_is_stable():
    first = run("summary", "--demo", "--json").stdout
    assert first == run("summary", "--demo", "--json").stdout


def test_bad_file_exits_2_with_one_paragraph(tmp_path: Path):
    bad = tmp_path / "broken.toml"
    bad.write_text('schema_version = 1\n[organisation\nname = "x"\n')
    result = run("summary", str(bad))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"aicharter: {bad}, line 2:")
    assert len(result.stderr.strip().splitlines()) == 1
    assert bad.read_text() == 'schema_version = 1\n[organisation\nname = "x"\n'


def test_newer_file_exits_2(tmp_path: Path):
    newer = tmp_path / "newer.toml"
    newer.write_text("schema_version = 99\n")
    result = run("summary", str(newer), "--json")
    assert result.returncode == 2
    assert "newer aicharter" in result.stderr
    assert result.stdout == ""


def test_missing_file_exits_2(tmp_path: Path):
    result = run("summary", str(tmp_path / "nope.toml"))
    assert result.returncode == 2 and "no such file" in result.stderr


def test_summary_of_saved_file(tmp_path: Path):
    assessment = storage.read(demo_assessment())
    copy = tmp_path / "copy.toml"
    storage.write(copy, assessment)
    result = run("summary", str(copy), "--json")
    assert result.returncode == 0
    assert len(json.loads(result.stdout)["systems"]) == len(assessment.systems)


def test_vendor_draft_calendar_plan_write_beside_the_file(tmp_path: Path, capsys):
    """Each after-the-verdict output lands next to the assessment, owner-only, and the
    command prints where."""
    file = demo_copy(tmp_path, "client.toml")
    expected = {
        ("vendor", "--system", "retail-watchlist"): "client-retail-watchlist-vendor.html",
        ("draft", "--system", "shift-planner", "--kind", "workers", "--format", "md"): (
            "client-shift-planner-workers.md"
        ),
        ("draft", "--kind", "literacy"): "client-literacy.html",
        ("calendar",): "client-dates.ics",
        ("plan",): "client-plan.csv",
    }
    for args, name in expected.items():
        assert main([args[0], str(file), *args[1:]]) == 0
        out = tmp_path / name
        assert capsys.readouterr().out.strip() == str(out)
        assert out.stat().st_mode & 0o777 == 0o600
    assert "BEGIN:VCALENDAR" in (tmp_path / "client-dates.ics").read_text(encoding="utf-8")


def test_draft_lists_what_applies_and_refuses_what_does_not(capsys):
    demo = str(demo_assessment())
    assert main(["draft", demo, "--system", "retail-watchlist"]) == 0
    listed = capsys.readouterr().out
    assert "notice" in listed and "workers" in listed and "literacy" in listed
    assert "chatbot" not in listed
    assert main(["draft", demo, "--system", "retail-watchlist", "--kind", "chatbot"]) == 1
    assert "'chatbot' does not apply to system 'retail-watchlist'" in capsys.readouterr().err
    assert main(["vendor", demo]) == 1
    assert "retail-watchlist     Face matching" in capsys.readouterr().out
    assert main(["vendor", demo, "--system", "nope"]) == 2
    assert "no AI system 'nope'" in capsys.readouterr().err
