"""The report as Markdown: every piece of user text made inert (no markup, no links, no
headings), each line break a ``<br>`` so it stays in its table cell."""

from __future__ import annotations

import re
from collections.abc import Mapping
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
from aicharter.sanitize import visible

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#+!|~:@])")
"""Markdown's special characters, and ':' and '@', whose escape keeps a bare URL or e-mail
address in user text from being turned into a link. Parentheses are left as they are: with
the brackets escaped they can start nothing, and escaped they are noise in plain text."""


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


def _md_dashboard(board: Mapping[str, Any]) -> list[str]:
    """The first page: every system's verdict; then the timeline."""
    rows = [
        [f"[{md(line['name'])}](#system-{line['id']})", *map(md, dashboard_cells(line))]
        for line in board["systems"]
    ]
    out = ["## Dashboard", "", *_md_table(DASHBOARD_HEAD, rows)]
    warnings = [line for line in board["systems"] if line["warning"]]
    out += [f"- **{md(w['name'])}:** {WARNING_MARK} {md(w['warning'])}" for w in warnings]
    changed = [line for line in board["systems"] if line["changed"]]
    out += [f"- **{md(c['name'])}:** {md(c['changed'])}" for c in changed]
    if warnings or changed:
        out.append("")
    out += ["## Timeline", "", TIMELINE_INTRO, ""]
    for day in board["days"]:
        out += [f"**{day['heading']}**", ""]
        out += [f"- {md(line)}" for line in day["laws"] + day["dues"]] + [""]
    return out


def to_markdown(data: ReportData) -> str:
    org = data["organisation"]
    out: list[str] = [f"# AI assessment: {md(org['name']) or 'organisation not named'}", ""]
    meta = data["report"]
    out += [
        f"Generated {meta['generated']} with the {meta['checklist']['id']} checklist "
        f"{meta['checklist']['version']} (legal content reviewed {meta['checklist']['reviewed']}).",
        "",
        f"> {meta['disclaimer']}",
        "",
    ]
    out += _md_dashboard(data["dashboard"])
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


def _md_task(task: TaskRow) -> list[str]:
    return [
        md(task["title"]),
        STATUS[task["status"]].prose,
        md(task["owner"]),
        task["due"] or "",
        _md_notes(task),
    ]


def _md_notes(item: Mapping[str, Any]) -> str:
    return notes_cell(item, md)


def _md_answers(answers: list[AnswerRow]) -> list[str]:
    rows = [[md(a["text"]), md(a["answer"]), _md_notes(a)] for a in answers]
    return _md_table(["Question", "Answer", "Note and evidence"], rows) if rows else []


def _md_system(s: SystemReport) -> list[str]:
    out = ["", f'<a id="system-{s["id"]}"></a>', "", f"## {md(s['name'])}", ""]
    facts = [("Tier", tier_label(s["tier"]))]
    facts += [(label, md(text)) for label, text in decisive_facts(s)]
    if s["use_case_tier"] != s["tier"]:
        facts.append(("Combined use case", tier_label(s["use_case_tier"])))
    facts += [("Roles", s["roles_text"]), ("FRIA", fria_label(s["fria"]))]
    facts.append(("Safeguards", ", ".join(g["title"] for g in s["safeguards"]) or "none"))
    facts += [(label, md(text)) for label, text in described(s)]
    facts.append(("Progress", s["progress"]["text"]))
    out += [f"- **{label}:** {value}" for label, value in facts] + [""]
    if s["needs_review"]:
        out += ["### Needs review", ""]
        out += [f"- ⚑ {md(r['text'])}" for r in s["needs_review"]] + [""]
    out += ["### Why", ""]
    for reason in s["reasons"] + s["safeguard_reasons"]:
        basis = f" *({'; '.join(reason['basis'])})*" if reason["basis"] else ""
        value = reason["value"].replace("_", " ")
        out.append(f"- **{title_of(reason)}: {value}.** {reason['text']}{basis}")
        for a in decisive(reason):
            out.append(f"  - {md(a['text'])} {md(a['answer'])}{flag(a)}")
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


def _md_timeline(t: TimelineReport) -> list[str]:
    ids = [x["id"] for x in t["timelines"]]
    out = ["", "## Application dates", ""]
    out += _md_table(
        ["Provisions", "Basis", *[x["title"] for x in t["timelines"]]],
        [[m["title"], m["basis"], *[m["dates"][i] or "n/a" for i in ids]] for m in t["milestones"]],
    )
    for x in t["timelines"]:
        active = " (used in this report)" if x["id"] == t["active"] else ""
        out.append(
            f"- **{x['title']}**{active}, {checked(x)}: {x['provenance']} Reviewed {x['reviewed']}."
        )
    return out
