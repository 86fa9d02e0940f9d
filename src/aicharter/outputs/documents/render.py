"""A document as Markdown, or as one self-contained HTML page that prints on A4 (the report's
stylesheet inlined). Text from the assessment is escaped for the format; gaps to complete are
highlighted; every control character is shown, never passed on."""

from __future__ import annotations

from pathlib import Path
from typing import Literal, get_args

from aicharter.outputs.documents.model import TO_COMPLETE, Document, Part, Text, render_text
from aicharter.outputs.report.html import e, stylesheet
from aicharter.outputs.report.markdown import md
from aicharter.sanitize import visible

DocFormat = Literal["html", "md"]
DOC_FORMATS: tuple[DocFormat, ...] = get_args(DocFormat)

DRAFT_MARK = "DRAFT"
"""How every draft is marked: to complete and check before it is used."""

_EXTRA_CSS = """
.draftmark { display: inline-block; border: 2px solid #b00020; color: #b00020; font-weight: 700;
             padding: 0 .4rem; margin-right: .5rem; letter-spacing: .1em; }
.missing { background: #fff3b0; font-weight: 600; }
.point { margin: .6rem 0 .9rem; break-inside: avoid; }
.point .ref { font-weight: 700; color: #1f4e79; margin-right: .4rem; }
.point dl { display: grid; grid-template-columns: 8rem 1fr; gap: .1rem .6rem;
            margin: .2rem 0 0 1.6rem; }
.point dt { color: #555; }
.point dd { margin: 0; }
.reply { margin: .3rem 0 0 1.6rem; border: 1px solid #c9ced6; min-height: 4.5rem; }
.reply::before { content: "Reply:"; color: #888; font-size: .85rem; padding: .2rem; }
"""


def default_document_path(assessment: Path, kind: str, fmt: str, system_id: str | None) -> Path:
    """``assessment.toml`` -> ``assessment-cctv-vendor.html`` beside it."""
    stem = assessment.stem + (f"-{system_id}" if system_id else "") + f"-{kind}"
    return assessment.with_name(f"{stem}.{fmt}")


def render_document(doc: Document, fmt: str) -> str:
    if fmt == "md":
        return visible(to_markdown(doc))
    if fmt == "html":
        return visible(to_html(doc), html=True)
    raise ValueError(f"unknown format {fmt!r}")


# -- Markdown -------------------------------------------------------------------------------------


def _m(text: Text) -> str:
    return render_text(text, md, lambda t: t, lambda t: f"**{t}**")


def to_markdown(doc: Document) -> str:
    mark = f"**{DRAFT_MARK}** · " if doc.draft else ""
    out = [f"# {_m(doc.title)}", ""]
    sender = md(doc.organisation) or f"**{TO_COMPLETE}**"
    out += [f"{mark}For: {_m(doc.audience)}  ", f"From: {sender}  "]
    out += [f"Date: {doc.date.isoformat()}  ", f"Basis: {'; '.join(doc.basis)}", ""]
    if doc.missing:
        out += [f"To complete before use: {', '.join(doc.missing)}.", ""]
    for part in doc.parts:
        out += _md_part(part)
    if doc.filled_from:
        out += ["## Filled from the assessment", ""]
        out += [f"- {label}: {_m(value)}" for label, value in doc.filled_from] + [""]
    if doc.disclaimer:
        out += [f"> {doc.disclaimer}", ""]
    return "\n".join(out).rstrip() + "\n"


def _md_part(part: Part) -> list[str]:
    out = [f"## {part.heading}", ""] if part.heading else []
    for paragraph in part.paragraphs:
        out += [_m(paragraph), ""]
    for i, point in enumerate(part.points, 1):
        ref = f"**{md(point.ref)}:** " if point.ref else ""
        out.append(f"{i}. {ref}{_m(point.text)}")
        out += [f"   - {label}: {_m(value)}" for label, value in point.details]
        if point.reply_space:
            out.append("   - Reply: ")
        out.append("")
    if part.table:
        head, rows = part.table
        out += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        out += ["| " + " | ".join(_m(c) or " " for c in row) + " |" for row in rows]
        out.append("")
    return out


# -- HTML -----------------------------------------------------------------------------------------


def _h(text: Text) -> str:
    return render_text(
        text,
        lambda t: f'<span class="userText">{e(t)}</span>',
        e,
        lambda t: f'<span class="missing">{e(t)}</span>',
    )


def to_html(doc: Document) -> str:
    title = e("".join(span.text for span in doc.title))
    mark = f'<span class="draftmark">{DRAFT_MARK}</span>' if doc.draft else ""
    org = e(doc.organisation) if doc.organisation else f'<span class="missing">{TO_COMPLETE}</span>'
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f"<style>{stylesheet()}{_EXTRA_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{mark}{_h(doc.title)}</h1>",
        '<dl class="facts">',
        f"<dt>For</dt><dd>{_h(doc.audience)}</dd>",
        f"<dt>From</dt><dd>{org}</dd>",
        f"<dt>Date</dt><dd>{doc.date.isoformat()}</dd>",
        f"<dt>Basis</dt><dd>{e('; '.join(doc.basis))}</dd>",
        "</dl>",
    ]
    if doc.missing:
        out.append(f'<p class="review">To complete before use: {e(", ".join(doc.missing))}.</p>')
    out.append("</header>")
    for part in doc.parts:
        out.append(_h_part(part))
    if doc.filled_from:
        out.append('<section><h2>Filled from the assessment</h2><dl class="facts">')
        out += [f"<dt>{e(label)}</dt><dd>{_h(value)}</dd>" for label, value in doc.filled_from]
        out.append("</dl></section>")
    if doc.disclaimer:
        out.append(f'<p class="disclaimer">{e(doc.disclaimer)}</p>')
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def _h_part(part: Part) -> str:
    out = ["<section>"]
    if part.heading:
        out.append(f"<h2>{e(part.heading)}</h2>")
    out += [f"<p>{_h(p)}</p>" for p in part.paragraphs]
    if part.points:
        out.append("<ol>")
        for point in part.points:
            ref = f'<span class="ref">{e(point.ref)}:</span>' if point.ref else ""
            details = "".join(f"<dt>{e(k)}</dt><dd>{_h(v)}</dd>" for k, v in point.details)
            reply = '<div class="reply"></div>' if point.reply_space else ""
            out.append(f'<li class="point">{ref}{_h(point.text)}<dl>{details}</dl>{reply}</li>')
        out.append("</ol>")
    if part.table:
        head, rows = part.table
        th = "".join(f"<th>{e(h)}</th>" for h in head)
        body = "".join("<tr>" + "".join(f"<td>{_h(c)}</td>" for c in r) + "</tr>" for r in rows)
        out.append(f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>")
    out.append("</section>")
    return "\n".join(out)
