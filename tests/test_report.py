"""Reports: content for a mixed assessment, safe HTML and Markdown, stable output, the CLI."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from aicharter.files import storage
from aicharter.files.assessment import AISystem, Answer, Assessment, Task, TeamMember
from aicharter.outputs.report import default_output, render
from aicharter.outputs.report.data import report_data
from aicharter.rules.evaluate import evaluate_all
from aicharter.rules.plan import OPEN
from helpers import charter, complete

TODAY = dt.date(2026, 11, 22)
HOSTILE = 'Ask <script>alert("x")</script> & check "quotes" | pipes *stars* [link](http://x)'

TIERS = {
    "not-ai": {"infers": "no", "personal_data": "yes"},
    "prohibited": {
        "infers": "yes",
        "scope_exclusion": "none",
        "activities": ("use",),
        "p_social_scoring": "yes",
    },
    "high": {
        "infers": "yes",
        "scope_exclusion": "none",
        "activities": ("use",),
        "annex3_areas": ("employment",),
        "annex3_p4": ("recruitment",),
    },
    "transparency": {
        "infers": "yes",
        "scope_exclusion": "none",
        "activities": ("use",),
        "t_interacts": "yes",
        "t_generates": "no",
    },
    "minimal": {"infers": "yes", "scope_exclusion": "none", "activities": ("use",)},
}


def mixed() -> Assessment:
    org = {"org_public_body": "yes"}
    systems = []
    for name, answers in TIERS.items():
        full, org_full = complete(answers, org)
        values = {k: Answer(value=list(v) if isinstance(v, tuple) else v) for k, v in full.items()}
        systems.append(AISystem(id=name, name=f"System {name}", answers=values))
    systems[0].answers["personal_data"].note = HOSTILE
    systems[2].items["keep_logs"] = Task(status="in_progress", owner="Ann", notes=HOSTILE)
    systems[2].fria["fr_persons"] = "Job applicants, incl. " + HOSTILE
    assessment = Assessment(
        organisation={
            "name": "Org & <Co>",
            "answers": {k: {"value": v} for k, v in org_full.items()},
        },
        team=[TeamMember(name="Ann", role="dpo", contact=HOSTILE)],
        steps={"governance_team": Task(status="done")},
        systems=systems,
    )
    return assessment


def data_for(assessment: Assessment, system_id: str | None = None) -> dict:
    c = charter()
    return report_data(c, assessment, evaluate_all(c, assessment), TODAY, system_id)


def test_content_of_a_mixed_assessment():
    data = data_for(mixed())
    tiers = {s["id"]: s["tier"] for s in data["systems"]}
    assert tiers == {
        "not-ai": "not_ai",
        "prohibited": "prohibited",
        "high": "high",
        "transparency": "transparency",
        "minimal": "minimal",
    }
    high = next(s for s in data["systems"] if s["id"] == "high")
    assert high["fria"] == "mandatory"  # a public body (Art. 27(1))
    # the system's public use is the organisation's, taken without asking, and says so
    public_use = next(a for a in high["answers"] if a["question"] == "public_use")
    assert public_use["answer"].endswith("(taken from your organisation's answers)")
    fria = next(r for r in high["reasons"] if r["id"] == "fria")
    assert any(a["defaulted"] for a in fria["answers"] if a["question"] == "public_use")
    worksheet = high["fria_worksheet"]
    assert [e["id"] for e in worksheet["elements"]] == [
        "fr_processes",
        "fr_period",
        "fr_persons",
        "fr_risks",
        "fr_oversight",
        "fr_measures",
    ]
    assert "market surveillance authority" in worksheet["notify"]
    logs = next(o for o in high["obligations"] if o["id"] == "keep_logs")
    assert (logs["kind"], logs["status"], logs["owner"]) == ("legal", "in_progress", "Ann")
    assert logs["applies_from"] == "2027-12-02" and logs["in_force"] is False
    assert high["steps"][0]["id"] == "identify_systems"
    # the report counts what is left as the app does (one definition: vocabulary.Progress)
    progress = high["progress"]
    open_items = sum(1 for o in high["steps"] + high["obligations"] if o["status"] in OPEN)
    assert progress["items_left"] == open_items and progress["questions_left"] == 0
    assert progress["text"] in render(data, "md") and progress["text"] in render(data, "html")
    assert high["reasons"][0]["id"] == "tier"
    prohibited = next(s for s in data["systems"] if s["id"] == "prohibited")
    assert [o["id"] for o in prohibited["obligations"]] == [
        "prohibited_do_not_buy",
        "prohibited_discontinue",
        "prohibited_document",
    ]
    assert prohibited["fria_worksheet"] is None
    assert data["organisation"]["steps"][0]["status"] == "done"
    assert {t["id"] for t in data["timeline"]["timelines"]} == {"original", "amended"}
    assert data["timeline"]["active"] == "amended"


def test_each_system_opens_with_its_basis_and_warning():
    """Right under the tier, both reports name the point of law (Annex III 4(a) for the
    screener, Art. 5(1)(c) for social scoring) before anything else."""
    data = data_for(mixed())
    high = next(s for s in data["systems"] if s["id"] == "high")
    assert high["basis"] == "Annex III 4(a)"
    md, html = render(data, "md"), render(data, "html")
    section = md[md.index('<a id="system-high">') :]
    assert section.index("**Tier:** High-risk") < section.index("**Basis:** Annex III 4(a)")
    assert section.index("**Basis:** Annex III 4(a)") < section.index("**Roles:**")
    assert "<dt>Basis</dt><dd><strong>Annex III 4(a)</strong></dd>" in html
    prohibited = next(s for s in data["systems"] if s["id"] == "prohibited")
    assert prohibited["basis"] == "Art. 5(1)(c)"


class Checker(HTMLParser):
    VOID = {"meta", "br", "link", "img", "hr", "input"}

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1:]}>"
        self.stack.pop()


def test_html_is_well_formed_self_contained_and_escaped():
    html = render(data_for(mixed()), "html")
    checker = Checker()
    checker.feed(html)
    checker.close()
    assert checker.stack == []
    assert "script" not in checker.tags and "link" not in checker.tags
    assert not [a for a in checker.attrs if a[0] in ("src", "srcset")]
    assert "http" not in "".join(v or "" for k, v in checker.attrs if k == "href")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; check" in html
    assert "Org &amp; &lt;Co&gt;" in html
    assert html.count("not legal advice") == 1
    assert "@page { size: A4" in html and "break-before: page" in html


def test_markdown_escapes_user_text():
    text = render(data_for(mixed()), "md")
    assert "<script>" not in text
    assert "\\<script\\>" in text and "\\|" in text and "\\[link\\]" in text
    assert text.count("not legal advice") == 1
    assert "| Obligation | Kind | Binds | Basis |" in text


def test_markdown_user_text_stays_in_its_cell_and_makes_no_links():
    """A lone carriage return or a Unicode line separator cannot end a table row or start a
    heading; bare URLs, www. addresses and e-mail addresses are not turned into links."""
    assessment = mixed()
    tricky = (
        "first\r# heading\u2028| x | y |\u2029## other see https://evil.example, www.evil.example"
    )
    tricky += " or me@evil.example"
    assessment.systems[2].items["keep_logs"] = Task(status="in_progress", notes=tricky)
    assessment.systems[2].answers["personal_data"].evidence = tricky
    text = render(data_for(assessment), "md")
    lines = text.splitlines()
    assert not any(line.startswith(("# heading", "## other")) for line in lines)
    for line in lines:
        if "QQfirst" in line:  # the user text sits inside one table row
            assert line.startswith("|") and line.rstrip().endswith("|")
    assert "https://evil" not in text and "www.evil" not in text and "me@evil" not in text
    assert "https\\://evil.example" in text and "www\\.evil" in text and "me\\@evil" in text


def test_reports_show_notes_and_evidence_of_steps_and_plan_items():
    """The JSON had them; Markdown and HTML now show a step's evidence and a plan item's notes
    and evidence too."""
    assessment = mixed()
    high = assessment.systems[2]
    high.items["keep_logs"] = Task(
        status="done", notes="Retention set to 7 months", evidence="Ticket LOG-42"
    )
    high.steps["assess_risk"] = Task(status="done", evidence="Minutes 2026-11-30")
    for fmt in ("md", "html"):
        text = render(data_for(assessment), fmt)
        assert "Retention set to 7 months" in text
        assert "Ticket LOG-42" in text
        assert "Minutes 2026-11-30" in text


def test_outputs_are_stable():
    assessment = mixed()
    for fmt in ("html", "md", "json"):
        assert render(data_for(assessment), fmt) == render(data_for(assessment), fmt)


def test_json_has_summary_and_checklist_state():
    data = json.loads(render(data_for(mixed()), "json"))
    high = next(s for s in data["systems"] if s["id"] == "high")
    assert {
        "tier",
        "role",
        "fria",
        "safeguards",
        "obligations",
        "steps",
        "needs_review",
        "reasons",
        "fria_worksheet",
        "answers",
    } <= set(high)


def test_one_system_only():
    data = data_for(mixed(), "high")
    assert [s["id"] for s in data["systems"]] == ["high"]


def test_default_output_names():
    assert default_output(Path("/x/a.toml"), "html") == Path("/x/a-report.html")
    assert default_output(Path("/x/a.toml"), "md", "cam") == Path("/x/a-cam-report.md")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aicharter", *args], capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize("fmt", ["html", "md", "json"])
def test_cli_writes_next_to_the_file(tmp_path: Path, fmt: str):
    path = tmp_path / "org.toml"
    storage.write(path, mixed())
    result = run("report", str(path), "--format", fmt)
    assert result.returncode == 0, result.stderr
    out = tmp_path / f"org-report.{fmt}"
    assert result.stdout.strip() == str(out)
    first = out.read_text()
    run("report", str(path), "--format", fmt)
    assert out.read_text() == first  # two reports of the same file are identical


def test_cli_system_stdout_and_errors(tmp_path: Path):
    path = tmp_path / "org.toml"
    storage.write(path, mixed())
    result = run("report", str(path), "--format", "json", "--system", "minimal", "-o", "-")
    assert [s["id"] for s in json.loads(result.stdout)["systems"]] == ["minimal"]
    result = run("report", str(path), "--system", "nope")
    assert result.returncode == 2 and "no AI system 'nope'" in result.stderr
    bad = tmp_path / "bad.toml"
    bad.write_text("schema_version = 1\n[x\n")
    result = run("report", str(bad))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    result = run("report", str(path), "-o", str(tmp_path / "missing" / "r.html"))
    assert result.returncode == 2 and "could not be written" in result.stderr


def test_the_report_opens_with_the_dashboard():
    """The handout's first page is the one the client keeps: each system's tier with its
    basis, roles, FRIA, decision, what needs review and the next legal date, the headline
    warnings, then the timeline: every legal duty by the date it applies from, each with its
    systems, and every due date."""
    from aicharter.outputs.dashboard import dashboard

    c = charter()
    assessment = mixed()
    outcomes = evaluate_all(c, assessment)
    board = dashboard(c, assessment, outcomes, TODAY)
    high = next(line for line in board.systems if line.id == "high")
    assert (high.basis, high.decision) == ("Annex III 4(a)", "not decided")
    assert high.next_date is not None and high.next_date > TODAY and high.next_count >= 1
    dates = [d.date for d in board.days if d.date]
    assert dates == sorted(dates)
    literacy = next(e for day in board.days for e in day.laws if e.basis == "Art. 4")
    assert len(literacy.systems) > 1  # one line per duty, naming every system it binds
    md = render(data_for(assessment), "md")
    first_page = md[: md.index("## Organisation")]
    assert "## Dashboard" in first_page and "High-risk (Annex III 4(a))" in first_page
    assert "## Timeline" in first_page and "Art. 4; binds the provider and the deployer" in md
    html = render(data_for(assessment), "html")
    assert html.index('<section class="dashboard">') < html.index("<h2>Organisation</h2>")
