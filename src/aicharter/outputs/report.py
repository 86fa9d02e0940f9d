"""Reports: the handout at the end of a workshop, as JSON, Markdown or self-contained HTML.

One data structure (:func:`report_data`) feeds the three formats, in a stable order so that two
reports of the same file diff cleanly. Everything a user typed is escaped for the format.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aicharter.content.checklist import Checklist
from aicharter.files.assessment import Assessment
from aicharter.outputs.summary import (
    fact_reasons,
    obligation_data,
    obligation_date,
    reason_data,
    requirements_data,
    review_data,
)
from aicharter.outputs.vocabulary import (
    DEFAULTED,
    STATUS,
    fria_applies,
    fria_label,
    roles_text,
    tier_label,
)
from aicharter.rules.engine import Outcome
from aicharter.rules.evaluate import timeline_of
from aicharter.rules.plan import organisation_steps, system_plan
from aicharter.sanitize import json_text, visible

FORMATS = ("html", "md", "json")


def default_output(path: Path, fmt: str, system_id: str | None = None) -> Path:
    """``assessment.toml`` -> ``assessment-report.html`` beside it."""
    stem = path.stem + (f"-{system_id}" if system_id else "") + "-report"
    return path.with_name(f"{stem}.{fmt}")


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


DEFAULTED_MARK = f" ({DEFAULTED})"
UNSURE = " (unsure: the stricter reading applied)"


def _answers(
    checklist: Checklist,
    answers: dict[str, Any],
    visible: list[str],
    defaulted: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    out = []
    for qid in visible:
        answer = answers.get(qid)
        if answer is None and defaulted and qid in defaulted:
            question = checklist.question_map[qid]
            label = question.answer_label(defaulted[qid])
            out.append({"question": qid, "text": question.text, "answer": label + DEFAULTED_MARK})
            continue
        if answer is None:
            continue
        question = checklist.question_map[qid]
        label = question.answer_label(answer.value)
        item: dict[str, Any] = {"question": qid, "text": question.text, "answer": label}
        if answer.note:
            item["note"] = answer.note
        if answer.evidence:
            item["evidence"] = answer.evidence
        out.append(item)
    return out


def fria_worksheet(
    checklist: Checklist, assessment: Assessment, system_id: str, outcome: Outcome
) -> dict[str, Any] | None:
    """The FRIA worksheet of a system where a FRIA is mandatory or recommended."""
    if not fria_applies(outcome):
        return None
    sheet = checklist.fria
    requirement = checklist.requirement_map[sheet.requirement]
    texts = assessment.system(system_id).fria
    mandatory = outcome.fria == "mandatory"
    return {
        "status": outcome.fria,
        "basis": sheet.mandatory_basis if mandatory else requirement.charter,
        "notify": sheet.mandatory_next if mandatory else sheet.recommended_next,
        "elements": [
            {"id": item.id, "label": item.text, "text": texts.get(item.id, "")}
            for item in checklist.fria_elements
        ],
    }


def report_data(
    checklist: Checklist,
    assessment: Assessment,
    outcomes: dict[str, Outcome],
    today: dt.date,
    system_id: str | None = None,
) -> dict[str, Any]:
    """Everything a report shows, as plain data (also the JSON format)."""
    timeline_id = timeline_of(checklist, assessment)
    roles = {r.id: r.title for r in checklist.team_roles}
    org = assessment.organisation
    org_visible = [q.id for q in checklist.questions_in("organisation")]
    data: dict[str, Any] = {
        "report": {
            "generated": today.isoformat(),
            "checklist": {
                "id": checklist.meta.id,
                "version": checklist.meta.version,
                "reviewed": checklist.meta.reviewed.isoformat(),
            },
            "disclaimer": checklist.meta.disclaimer,
        },
        "organisation": {
            "name": org.name,
            "country": org.country,
            "answers": _answers(checklist, dict(org.answers), org_visible),
            "team": [
                {"name": m.name, "role": roles.get(m.role, m.role), "contact": m.contact}
                for m in assessment.team
            ],
            "steps": [_task_row(row) for row in organisation_steps(checklist, assessment)],
        },
        "timeline": {
            "active": timeline_id,
            "timelines": [
                {
                    "id": t.id,
                    "title": t.title,
                    "provenance": t.provenance,
                    "verified": t.verified,
                    "reviewed": t.reviewed.isoformat(),
                }
                for t in checklist.timelines
            ],
            "milestones": [
                {
                    "id": m.id,
                    "title": m.title,
                    "basis": m.basis,
                    "dates": {t.id: _date(m.dates.get(t.id)) for t in checklist.timelines},
                }
                for m in checklist.milestones
            ],
        },
        "systems": [],
    }
    for system in assessment.systems:
        if system_id is not None and system.id != system_id:
            continue
        out = outcomes[system.id]
        rows = system_plan(checklist, assessment, system.id, out)
        obligations = []
        for row in rows:
            if row.kind != "obligation" or row.obligation is None or row.task is None:
                continue
            entry = _task_row(row)
            entry.update(obligation_data(checklist, assessment, row.obligation))
            entry.update(
                title=row.title,
                date_text=obligation_date(checklist, assessment, row.obligation),
                in_force=row.in_force(today),
                requirement=row.obligation.requirement,
            )
            obligations.append(entry)
        steps = [_task_row(row) for row in rows if row.kind == "step"]
        data["systems"].append(
            {
                "id": system.id,
                "name": system.name,
                "vendor": system.vendor,
                "description": system.description,
                "intended_purpose": system.intended_purpose,
                "ai_system": out.ai_system,
                "tier": out.tier,
                "use_case_tier": out.use_case_tier,
                "components": [{"id": c, "tier": t} for c, t in out.components],
                "role": out.role,
                "roles": out.roles,
                "roles_text": roles_text(out),
                "fria": out.fria,
                "safeguards": [
                    {"id": s, "title": checklist.safeguard_map[s].title} for s in out.safeguards
                ],
                "obligations": obligations,
                "requirements": requirements_data(checklist, out),
                "steps": steps,
                "open_items": [
                    o["title"]
                    for o in steps + obligations
                    if o["status"] in ("not_started", "in_progress")
                ],
                "unanswered": [checklist.question_map[q].text for q in out.unanswered],
                "needs_review": [review_data(r) for r in out.needs_review],
                "reasons": [reason_data(r) for r in fact_reasons(out.reasons)],
                "safeguard_reasons": [
                    reason_data(r) for r in out.reasons if r.subject.kind == "safeguard"
                ],
                "notices": [{"text": n.text, "basis": list(n.basis)} for n in out.notices],
                "charter_differs": [
                    {
                        "id": d,
                        "where": checklist.differs_map[d].where,
                        "says": checklist.differs_map[d].says,
                        "act": checklist.differs_map[d].act,
                    }
                    for d in out.charter_differs
                ],
                "answers": _answers(checklist, dict(system.answers), out.visible, out.defaulted),
                "fria_worksheet": fria_worksheet(checklist, assessment, system.id, out),
            }
        )
    return data


def _task_row(row: Any) -> dict[str, Any]:
    task = row.task
    return {
        "id": row.id,
        "title": row.title,
        "status": task.status,
        "owner": task.owner,
        "due": _date(task.due),
        "notes": task.notes,
        "evidence": task.evidence,
    }


# -- JSON ---------------------------------------------------------------------------------------


def to_json(data: dict[str, Any]) -> str:
    return json_text(data) + "\n"


# -- Markdown -----------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~:@])")
"""Markdown's special characters, and ':' and '@', whose escape keeps a bare URL or e-mail
address in user text from being turned into a link."""
_MD_WWW = re.compile(r"(?i)\bwww\.")
_MD_BREAKS = re.compile("\r\n|[\n\r\u2028\u2029]")


def md(text: str | None) -> str:
    """User text made inert in Markdown: special characters escaped, no link made of it, and
    every line break (a lone carriage return and the Unicode separators too) a ``<br>``, so
    that it stays in its table cell and never starts a heading."""
    if not text:
        return ""
    escaped = _MD_SPECIAL.sub(r"\\\1", visible_keep_breaks(text)).replace("&", "&amp;")
    escaped = _MD_WWW.sub(lambda m: m.group()[:-1] + "\\.", escaped)
    return _MD_BREAKS.sub("<br>", escaped)


def visible_keep_breaks(text: str) -> str:
    """:func:`visible`, but a lone carriage return stays a line break (shown as ``<br>``)."""
    return "\n".join(visible(part) for part in text.replace("\r\n", "\n").split("\r"))


def _md_table(head: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return [*lines, ""]


def to_markdown(data: dict[str, Any]) -> str:
    org = data["organisation"]
    out: list[str] = [f"# AI assessment: {md(org['name']) or 'organisation not named'}", ""]
    meta = data["report"]
    out += [
        f"Generated {meta['generated']} with the {meta['checklist']['id']} checklist "
        f"{meta['checklist']['version']} (legal content reviewed {meta['checklist']['reviewed']}).",
        "",
        f"> {meta['disclaimer']}",
        "",
        "## Contents",
        "",
    ]
    for system in data["systems"]:
        out.append(
            f"- [{md(system['name'])}](#system-{system['id']}): {tier_label(system['tier'])}"
        )
    out += ["", "## Organisation", ""]
    if org["country"]:
        out += [f"Country: {md(org['country'])}", ""]
    out += _md_answers(org["answers"])
    if org["team"]:
        out += ["### Governance team (checklist #1)", ""]
        out += _md_table(
            ["Name", "Role", "Contact"],
            [[md(m["name"]), md(m["role"]), md(m["contact"])] for m in org["team"]],
        )
    out += ["### Organisation-wide steps", ""]
    out += _md_table(
        ["Step", "Status", "Owner", "Due", "Notes and evidence"],
        [_md_task(s) for s in org["steps"]],
    )
    for system in data["systems"]:
        out += _md_system(system)
    out += _md_timeline(data["timeline"])
    return "\n".join(out).rstrip() + "\n"


def _md_task(task: dict[str, Any]) -> list[str]:
    return [
        md(task["title"]),
        STATUS[task["status"]].prose,
        md(task["owner"]),
        task["due"] or "",
        _md_notes(task),
    ]


NOTE_FIELDS = (("note", "Note"), ("notes", "Notes"), ("evidence", "Evidence"))
"""The free-text fields of an answer (note), a step or a plan item (notes), and both
(evidence), with their labels in a report."""


def _notes_cell(item: dict[str, Any], text: Callable[[str], str]) -> str:
    """The notes and evidence of an answer, a step or a plan item, in one table cell, each
    made safe by ``text`` for the format (both formats break lines with ``<br>``)."""
    return "<br>".join(f"{label}: {text(item[key])}" for key, label in NOTE_FIELDS if item.get(key))


def _md_notes(item: dict[str, Any]) -> str:
    return _notes_cell(item, md)


def _md_answers(answers: list[dict[str, Any]]) -> list[str]:
    rows = [[md(a["text"]), md(a["answer"]), _md_notes(a)] for a in answers]
    return _md_table(["Question", "Answer", "Note and evidence"], rows) if rows else []


def _decisive(reason: dict[str, Any]) -> list[dict[str, Any]]:
    """The answers to print under a reason. A conclusion that holds lists what made it hold;
    one that was reached by ruling everything else out (a "no" or a default) would list every
    answer, so only those read "unsure" are repeated: the Answers table has the rest."""
    answers: list[dict[str, Any]] = reason["answers"]
    if len(answers) <= 4:
        return answers
    return [a for a in answers if a["assumed"]]


def _flag(answer: dict[str, Any]) -> str:
    """What to say beside an answer a conclusion rests on."""
    if answer["assumed"]:
        return UNSURE
    return DEFAULTED_MARK if answer.get("defaulted") else ""


def _title(reason: dict[str, Any]) -> str:
    """The checklist's title of what a reason concludes; a safeguard says it is one."""
    title: str = reason["title"]
    return "Safeguard: " + title if reason["kind"] == "safeguard" else title


def _md_system(s: dict[str, Any]) -> list[str]:
    out = ["", f'<a id="system-{s["id"]}"></a>', "", f"## {md(s['name'])}", ""]
    facts = [("Tier", tier_label(s["tier"]))]
    if s["use_case_tier"] != s["tier"]:
        facts.append(("Combined use case", tier_label(s["use_case_tier"])))
    facts += [("Roles", s["roles_text"]), ("FRIA", fria_label(s["fria"]))]
    facts.append(("Safeguards", ", ".join(g["title"] for g in s["safeguards"]) or "none"))
    for label, key in (
        ("Provider or vendor", "vendor"),
        ("What it does", "description"),
        ("Intended purpose", "intended_purpose"),
    ):
        if s[key]:
            facts.append((label, md(s[key])))
    out += [f"- **{label}:** {value}" for label, value in facts] + [""]
    if s["needs_review"]:
        out += ["### Needs review", ""]
        out += [f"- ⚑ {md(r['text'])}" for r in s["needs_review"]] + [""]
    out += ["### Why", ""]
    for reason in s["reasons"] + s["safeguard_reasons"]:
        basis = f" *({'; '.join(reason['basis'])})*" if reason["basis"] else ""
        value = reason["value"].replace("_", " ")
        out.append(f"- **{_title(reason)}: {value}.** {reason['text']}{basis}")
        for a in _decisive(reason):
            out.append(f"  - {md(a['text'])} {md(a['answer'])}{_flag(a)}")
    out += [""]
    if s["notices"]:
        out += (
            ["### Notes", ""]
            + [f"- {n['text']} *({'; '.join(n['basis'])})*" for n in s["notices"]]
            + [""]
        )
    if s["obligations"]:
        out += ["### Obligations", ""]
        out += _md_table(
            [
                "Obligation",
                "Kind",
                "Binds",
                "Basis",
                "Applies",
                "Status",
                "Owner",
                "Due",
                "Notes and evidence",
            ],
            [
                [
                    md(o["title"]),
                    "legal" if o["kind"] == "legal" else "recommended",
                    ", ".join(o["actor"]),
                    md(o["basis"]),
                    o["date_text"] + ("" if o["in_force"] in (None, True) else " (not yet)"),
                    STATUS[o["status"]].prose,
                    md(o["owner"]),
                    o["due"] or "",
                    _md_notes(o),
                ]
                for o in s["obligations"]
            ],
        )
    out += ["### Checklist", ""]
    out += _md_table(
        ["Step", "Status", "Owner", "Due", "Notes and evidence"], [_md_task(t) for t in s["steps"]]
    )
    if s["open_items"] or s["unanswered"]:
        out += ["### Still open", ""]
        out += [f"- {md(t)}" for t in s["open_items"]]
        out += [f"- Question: {md(q)}" for q in s["unanswered"]] + [""]
    if s["fria_worksheet"]:
        w = s["fria_worksheet"]
        out += [
            f"### Fundamental rights impact assessment ({fria_label(w['status'])})",
            "",
            w["notify"],
            "",
        ]
        for element in w["elements"]:
            out += [f"**{md(element['label'])}**", "", md(element["text"]) or "*not filled in*", ""]
    if s["charter_differs"]:
        out += ["### Where the Charter reads otherwise (the Act is followed)", ""]
        out += [
            f"- **{d['id']}** ({d['where']}): {d['says']} The Act: {d['act']}"
            for d in s["charter_differs"]
        ] + [""]
    if s["answers"]:
        out += ["### Answers", "", *_md_answers(s["answers"])]
    return out


def _checked(timeline: dict[str, Any]) -> str:
    return (
        "verified against the published text"
        if timeline["verified"]
        else "NOT verified against the published text"
    )


def _md_timeline(t: dict[str, Any]) -> list[str]:
    ids = [x["id"] for x in t["timelines"]]
    out = ["", "## Application dates", ""]
    out += _md_table(
        ["Provisions", "Basis", *[x["title"] for x in t["timelines"]]],
        [[m["title"], m["basis"], *[m["dates"][i] or "n/a" for i in ids]] for m in t["milestones"]],
    )
    for x in t["timelines"]:
        active = " (used in this report)" if x["id"] == t["active"] else ""
        out.append(
            f"- **{x['title']}**{active}, {_checked(x)}: {x['provenance']} "
            f"Reviewed {x['reviewed']}."
        )
    return out


# -- HTML ---------------------------------------------------------------------------------------

CSS = """
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d1d1f;
       max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h1, h2, li { overflow-wrap: anywhere; }
h2 { font-size: 1.3rem; border-bottom: 2px solid #1f4e79; padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; color: #1f4e79; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .9rem; }
th, td { border: 1px solid #c9ced6; padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: #eef2f7; }
tr { break-inside: avoid; }
.meta { color: #555; }
.disclaimer { border-left: 4px solid #1f4e79; padding: .4rem .8rem; background: #f4f7fb; }
.tier { display: inline-block; padding: .1rem .5rem; border-radius: .3rem; font-weight: 600; }
.tier-prohibited { background: #b00020; color: #fff; }
.tier-high { background: #f0a202; color: #1d1d1f; }
.tier-transparency { background: #3b82c4; color: #fff; }
.tier-minimal, .tier-not_ai, .tier-out_of_scope { background: #2e7d32; color: #fff; }
.tier-undetermined { background: #888; color: #fff; }
.legal { font-weight: 600; color: #b00020; }
.review { border-left: 4px solid #f0a202; padding: .2rem .6rem; background: #fff8e6; }
.differs { border-left: 4px solid #6a1b9a; padding: .2rem .6rem; background: #f7f0fa; }
.reason { margin: .35rem 0; }
.reason ul { margin: .1rem 0 .1rem 1.2rem; padding: 0; color: #444; }
.basis { color: #555; font-style: italic; }
.userText { white-space: pre-wrap; overflow-wrap: anywhere; }  /* a long address or path */
dl.facts { display: grid; grid-template-columns: 12rem 1fr; gap: .15rem .8rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.empty { color: #888; font-style: italic; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  section.system { break-before: page; }
  h2, h3 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


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


def _h_task(task: dict[str, Any]) -> list[str]:
    return [
        e(task["title"]),
        e(STATUS[task["status"]].prose),
        _u(task["owner"]),
        e(task["due"] or ""),
        _h_notes(task),
    ]


def _h_notes(item: dict[str, Any]) -> str:
    return _notes_cell(item, _u)


def _h_answers(answers: list[dict[str, Any]]) -> str:
    rows = [[e(a["text"]), _u(a["answer"]), _h_notes(a)] for a in answers]
    return _table(["Question", "Answer", "Note and evidence"], rows) if rows else ""


def to_html(data: dict[str, Any]) -> str:
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
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>AI assessment: {e(name)}</h1>",
        f'<p class="meta">Generated {e(meta["generated"])} with the {e(meta["checklist"]["id"])} '
        f"checklist {e(meta['checklist']['version'])} (legal content reviewed "
        f"{e(meta['checklist']['reviewed'])}).</p>",
        f'<p class="disclaimer">{e(meta["disclaimer"])}</p>',
        "</header>",
        "<nav><h2>Contents</h2><ul>",
    ]
    for s in data["systems"]:
        parts.append(
            f'<li><a href="#system-{e(s["id"])}">{e(s["name"])}</a>: '
            f"{e(tier_label(s['tier']))}</li>"
        )
    parts += ["</ul></nav>", "<section><h2>Organisation</h2>"]
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


def _h_system(s: dict[str, Any]) -> str:
    tier = f'<span class="tier tier-{e(s["tier"])}">{e(tier_label(s["tier"]))}</span>'
    facts = [("Tier", tier)]
    if s["use_case_tier"] != s["tier"]:
        parts = ", ".join(f"{e(c['id'])}: {e(c['tier'])}" for c in s["components"])
        facts.append(("Combined use case", f"{e(tier_label(s['use_case_tier']))} ({parts})"))
    facts += [
        ("Roles", e(s["roles_text"])),
        ("FRIA", e(fria_label(s["fria"]))),
        ("Safeguards", e(", ".join(g["title"] for g in s["safeguards"]) or "none")),
    ]
    for label, key in (
        ("Provider or vendor", "vendor"),
        ("What it does", "description"),
        ("Intended purpose", "intended_purpose"),
    ):
        if s[key]:
            facts.append((label, _u(s[key])))
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
            f"<li>{e(a['text'])} {_u(a['answer'])}{e(_flag(a))}</li>" for a in _decisive(reason)
        )
        out.append(
            f'<div class="reason"><strong>{e(_title(reason))}: '
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


def _h_timeline(t: dict[str, Any]) -> str:
    ids = [x["id"] for x in t["timelines"]]
    rows = [
        [e(m["title"]), e(m["basis"]), *[e(m["dates"][i] or "n/a") for i in ids]]
        for m in t["milestones"]
    ]
    notes = "".join(
        f"<li><strong>{e(x['title'])}</strong>"
        + (" (used in this report)" if x["id"] == t["active"] else "")
        + f", {e(_checked(x))}: {e(x['provenance'])} Reviewed {e(x['reviewed'])}.</li>"
        for x in t["timelines"]
    )
    head = ["Provisions", "Basis", *[x["title"] for x in t["timelines"]]]
    return (
        f'<section class="timeline"><h2>Application dates</h2>{_table(head, rows)}'
        f"<ul>{notes}</ul></section>"
    )


def write_report(path: Path, text: str) -> None:
    """Write a report atomically and owner-only (it holds what the assessment holds); raise
    :class:`FileProblem` when it cannot be written."""
    from aicharter.files.fileio import PRIVATE_FILE, write_atomic
    from aicharter.problems import FileProblem

    try:
        write_atomic(path, text.encode("utf-8"), PRIVATE_FILE)
    except OSError as error:
        reason = error.strerror or str(error)
        raise FileProblem(path, f"the report could not be written ({reason}).") from None


def render(data: dict[str, Any], fmt: str) -> str:
    """The report as text: JSON escapes control characters, Markdown and HTML show them
    visibly (no control character of a file or a user reaches whoever prints the report)."""
    if fmt == "json":
        return to_json(data)
    if fmt == "md":
        return visible(to_markdown(data))
    if fmt == "html":
        return visible(to_html(data), html=True)
    raise ValueError(f"unknown format {fmt!r}")
