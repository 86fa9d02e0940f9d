"""The report as one self-contained HTML page (its stylesheet inlined from ``report.css``) that
prints on A4; every piece of user text escaped."""

from __future__ import annotations

import html
from collections.abc import Mapping
from importlib.resources import files
from typing import Any

from aicharter.outputs.report.common import (
    DASHBOARD_HEAD,
    TIMELINE_INTRO,
    checked,
    dashboard_cells,
    decisive,
    decisive_facts,
    described,
    flag,
    notes_cell,
    title_of,
)
from aicharter.outputs.report.data import (
    AnswerRow,
    ReportData,
    SystemReport,
    TaskRow,
    TimelineReport,
)
from aicharter.outputs.vocabulary import STATUS, WARNING_MARK, fria_label, tier_label


def stylesheet() -> str:
    """The report's stylesheet (``report.css``, shipped in the package), inlined in the page."""
    return files("aicharter.outputs.report").joinpath("report.css").read_text(encoding="utf-8")


def e(text: Any) -> str:
    """Escape anything for HTML text and attribute values."""
    return html.escape("" if text is None else str(text), quote=True)


def _u(text: str | None) -> str:
    """User text, escaped, keeping its line breaks."""
    return f'<span class="userText">{e(text)}</span>' if text else ""


def _table(head: list[str], rows: list[list[str]]) -> str:
    th = "".join(f"<th>{e(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _h_task(task: TaskRow) -> list[str]:
    return [
        e(task["title"]),
        e(STATUS[task["status"]].prose),
        _u(task["owner"]),
        e(task["due"] or ""),
        _h_notes(task),
    ]


def _h_notes(item: Mapping[str, Any]) -> str:
    return notes_cell(item, _u)


def _h_answers(answers: list[AnswerRow]) -> str:
    rows = [[e(a["text"]), _u(a["answer"]), _h_notes(a)] for a in answers]
    return _table(["Question", "Answer", "Note and evidence"], rows) if rows else ""


def to_html(data: ReportData) -> str:
    org = data["organisation"]
    meta = data["report"]
    name = org["name"] or "organisation not named"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>AI assessment: {e(name)}</title>",
        f"<style>{stylesheet()}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>AI assessment: {e(name)}</h1>",
        f'<p class="meta">Generated {e(meta["generated"])} with the {e(meta["checklist"]["id"])} '
        f"checklist {e(meta['checklist']['version'])} (legal content reviewed "
        f"{e(meta['checklist']['reviewed'])}).</p>",
        f'<p class="disclaimer">{e(meta["disclaimer"])}</p>',
        "</header>",
    ]
    parts.append(_h_dashboard(data["dashboard"]))
    parts += ["<section><h2>Organisation</h2>"]
    if org["country"]:
        parts.append(f"<p>Country: {_u(org['country'])}</p>")
    parts.append(_h_answers(org["answers"]))
    if org["team"]:
        parts.append("<h3>Governance team (checklist #1)</h3>")
        parts.append(
            _table(
                ["Name", "Role", "Contact"],
                [[_u(m["name"]), e(m["role"]), _u(m["contact"])] for m in org["team"]],
            )
        )
    parts.append("<h3>Organisation-wide steps</h3>")
    parts.append(
        _table(
            ["Step", "Status", "Owner", "Due", "Notes and evidence"],
            [_h_task(t) for t in org["steps"]],
        )
    )
    parts.append("</section>")
    for s in data["systems"]:
        parts.append(_h_system(s))
    parts.append(_h_timeline(data["timeline"]))
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _h_dashboard(board: Mapping[str, Any]) -> str:
    """The first page: every system's verdict; then the timeline."""
    rows = []
    for line in board["systems"]:
        link = f'<a href="#system-{e(line["id"])}">{e(line["name"])}</a>'
        cells = [e(c) for c in dashboard_cells(line)]
        cells[0] = f'<span class="tier tier-{e(line["tier"])}">{cells[0]}</span>'
        rows.append([link, *cells])
    out = ['<section class="dashboard">', "<h2>Dashboard</h2>", _table(DASHBOARD_HEAD, rows)]
    warnings = [line for line in board["systems"] if line["warning"]]
    changed = [line for line in board["systems"] if line["changed"]]
    if warnings or changed:
        out.append('<ul class="warnings">')
        out += [
            f"<li><strong>{e(w['name'])}:</strong> {WARNING_MARK} {e(w['warning'])}</li>"
            for w in warnings
        ]
        out += [
            f'<li class="changed"><strong>{e(c["name"])}:</strong> {e(c["changed"])}</li>'
            for c in changed
        ]
        out.append("</ul>")
    out.append("</section>")
    out += ['<section class="dates">', "<h2>Timeline</h2>", f"<p>{e(TIMELINE_INTRO)}</p>"]
    for day in board["days"]:
        out.append(f"<h4>{e(day['heading'])}</h4><ul>")
        out += [f"<li>{e(line)}</li>" for line in day["laws"]]
        out += [f'<li class="due">{e(line)}</li>' for line in day["dues"]]
        out.append("</ul>")
    out.append("</section>")
    return "\n".join(out)


def _h_system(s: SystemReport) -> str:
    tier = f'<span class="tier tier-{e(s["tier"])}">{e(tier_label(s["tier"]))}</span>'
    facts = [("Tier", tier)]
    facts += [(label, f"<strong>{e(text)}</strong>") for label, text in decisive_facts(s)]
    if s["use_case_tier"] != s["tier"]:
        parts = ", ".join(f"{e(c['id'])}: {e(c['tier'])}" for c in s["components"])
        facts.append(("Combined use case", f"{e(tier_label(s['use_case_tier']))} ({parts})"))
    facts += [
        ("Roles", e(s["roles_text"])),
        ("FRIA", e(fria_label(s["fria"]))),
        ("Safeguards", e(", ".join(g["title"] for g in s["safeguards"]) or "none")),
    ]
    facts += [(label, _u(text)) for label, text in described(s)]
    facts.append(("Progress", e(s["progress"]["text"])))
    out = [
        f'<section class="system" id="system-{e(s["id"])}">',
        f"<h2>{e(s['name'])}</h2>",
        '<dl class="facts">' + "".join(f"<dt>{e(k)}</dt><dd>{v}</dd>" for k, v in facts) + "</dl>",
    ]
    if s["needs_review"]:
        out.append("<h3>Needs review</h3>")
        out += [f'<p class="review">⚑ {e(r["text"])}</p>' for r in s["needs_review"]]
    out.append("<h3>Why</h3>")
    for reason in s["reasons"] + s["safeguard_reasons"]:
        basis = (
            f' <span class="basis">({e("; ".join(reason["basis"]))})</span>'
            if reason["basis"]
            else ""
        )
        answers = "".join(
            f"<li>{e(a['text'])} {_u(a['answer'])}{e(flag(a))}</li>" for a in decisive(reason)
        )
        out.append(
            f'<div class="reason"><strong>{e(title_of(reason))}: '
            f"{e(reason['value'].replace('_', ' '))}.</strong> {e(reason['text'])}{basis}"
            + (f"<ul>{answers}</ul>" if answers else "")
            + "</div>"
        )
    if s["notices"]:
        out.append(
            "<h3>Notes</h3><ul>"
            + "".join(
                f'<li>{e(n["text"])} <span class="basis">({e("; ".join(n["basis"]))})</span></li>'
                for n in s["notices"]
            )
            + "</ul>"
        )
    if s["obligations"]:
        out.append("<h3>Obligations</h3>")
        rows = []
        for o in s["obligations"]:
            kind = '<span class="legal">legal</span>' if o["kind"] == "legal" else "recommended"
            when = e(o["date_text"])
            if o["in_force"] is False:
                when += " (not yet in force)"
            rows.append(
                [
                    e(o["title"]),
                    kind,
                    e(", ".join(o["actor"])),
                    e(o["basis"]),
                    when,
                    e(STATUS[o["status"]].prose),
                    _u(o["owner"]),
                    e(o["due"] or ""),
                    _h_notes(o),
                ]
            )
        head = ["Obligation", "Kind", "Binds", "Basis", "Applies", "Status", "Owner", "Due"]
        out.append(_table([*head, "Notes and evidence"], rows))
    out.append("<h3>Checklist</h3>")
    out.append(
        _table(
            ["Step", "Status", "Owner", "Due", "Notes and evidence"],
            [_h_task(t) for t in s["steps"]],
        )
    )
    if s["open_items"] or s["unanswered"]:
        out.append(
            "<h3>Still open</h3><ul>"
            + "".join(f"<li>{e(t)}</li>" for t in s["open_items"])
            + "".join(f"<li>Question: {e(q)}</li>" for q in s["unanswered"])
            + "</ul>"
        )
    if s["fria_worksheet"]:
        w = s["fria_worksheet"]
        out.append(f"<h3>Fundamental rights impact assessment ({e(fria_label(w['status']))})</h3>")
        out.append(f"<p>{e(w['notify'])}</p>")
        rows = [
            [e(el["label"]), _u(el["text"]) or '<span class="empty">not filled in</span>']
            for el in w["elements"]
        ]
        out.append(_table(["Element (Art. 27(1))", "Assessment"], rows))
    if s["charter_differs"]:
        out.append("<h3>Where the Charter reads otherwise (the Act is followed)</h3>")
        out += [
            f'<p class="differs"><strong>{e(d["id"])}</strong> ({e(d["where"])}): {e(d["says"])} '
            f"The Act: {e(d['act'])}</p>"
            for d in s["charter_differs"]
        ]
    if s["answers"]:
        out.append("<h3>Answers</h3>" + _h_answers(s["answers"]))
    out.append("</section>")
    return "\n".join(out)


def _h_timeline(t: TimelineReport) -> str:
    ids = [x["id"] for x in t["timelines"]]
    rows = [
        [e(m["title"]), e(m["basis"]), *[e(m["dates"][i] or "n/a") for i in ids]]
        for m in t["milestones"]
    ]
    notes = "".join(
        f"<li><strong>{e(x['title'])}</strong>"
        + (" (used in this report)" if x["id"] == t["active"] else "")
        + f", {e(checked(x))}: {e(x['provenance'])} Reviewed {e(x['reviewed'])}.</li>"
        for x in t["timelines"]
    )
    head = ["Provisions", "Basis", *[x["title"] for x in t["timelines"]]]
    return (
        f'<section class="timeline"><h2>Application dates</h2>{_table(head, rows)}'
        f"<ul>{notes}</ul></section>"
    )
