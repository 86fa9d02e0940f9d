"""The command line: a thin layer over the core."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from aicharter import __version__
from aicharter.files import paths
from aicharter.outputs.report import CALENDAR, FORMATS, SPREADSHEET, default_output
from aicharter.problems import FileProblem
from aicharter.sanitize import json_text, visible

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

    from aicharter.content.checklist import Checklist
    from aicharter.files.assessment import Assessment
    from aicharter.rules.engine import Outcome

    Loaded = tuple[Checklist, Assessment, dict[str, Outcome]]

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_BAD_FILE = 2


def say(text: object, error: bool = False) -> None:
    """Print text that may hold a file's or a user's words: control characters made visible."""
    print(visible(str(text)), file=sys.stderr if error else sys.stdout)


class _Parser(argparse.ArgumentParser):
    """argparse, whose messages repeat what was typed (a file name from a shell glob can hold
    control characters): shown visibly, like everything else."""

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        super()._print_message(visible(message), file)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="aicharter",
        description="Walk through the CoESS Charter on the ethical and responsible use of AI, "
        "read against the EU AI Act. Offline; every answer saved to a TOML file.",
    )
    parser.add_argument("--version", action="version", version=f"aicharter {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    validate = commands.add_parser(
        "validate",
        help="check checklist files (the bundled ones when none is given)",
        description="Check checklist files: schema, unknown ids, dangling references, "
        "unreachable questions and answers that end in no outcome. Exit 0 when clean.",
    )
    validate.add_argument("files", nargs="*", type=Path, metavar="FILE")

    summary = commands.add_parser(
        "summary",
        help="print each AI system's outcome",
        description="Print each AI system's tier, role, FRIA status, safeguards and "
        "obligations. Exit 2 when the file cannot be read.",
    )
    source = summary.add_mutually_exclusive_group(required=True)
    source.add_argument("file", nargs="?", type=Path, metavar="FILE")
    source.add_argument("--demo", action="store_true", help="use the bundled demo assessment")
    summary.add_argument("--json", action="store_true", help="print JSON for scripts")
    summary.add_argument(
        "--checklist", type=Path, default=None, help="checklist file (default: the bundled one)"
    )
    report = commands.add_parser(
        "report",
        help="write the report: organisation, each system's outcome, plan and FRIA",
        description="Write a report of an assessment as self-contained HTML (prints on A4), "
        "Markdown or JSON, next to the assessment file unless -o says otherwise (- for "
        "standard output). Exit 2 when the file cannot be read.",
    )
    report.add_argument("file", type=Path, metavar="FILE")
    report.add_argument("--format", choices=FORMATS, default="html")
    report.add_argument("--system", metavar="ID", help="only this AI system")
    _output_option(report)
    report.add_argument("--checklist", type=Path, default=None, help=argparse.SUPPRESS)
    vendor = commands.add_parser(
        "vendor",
        help="write the questionnaire to a system's provider",
        description="Write the questionnaire to the provider named in a system's details: "
        "every question answered 'unsure' (or not yet) that the provider can settle, and every "
        "provider fact the firm's duties depend on, each with its article and why it is asked. "
        "Self-contained HTML (prints on A4) or Markdown, next to the assessment file unless -o "
        "says otherwise (- for standard output).",
    )
    vendor.add_argument("file", type=Path, metavar="FILE")
    vendor.add_argument("--system", metavar="ID", help="the AI system (listed without it)")
    _document_options(vendor)
    draft = commands.add_parser(
        "draft",
        help="draft a document a duty asks for (notice, information to workers...)",
        description="Draft a document one of the duties asks for, filled from the assessment "
        "and marked as a draft, with its legal basis, the facts it was filled from and "
        "[to complete] where one is missing. Without --kind, list the drafts that apply.",
    )
    draft.add_argument("file", type=Path, metavar="FILE")
    draft.add_argument("--system", metavar="ID", help="the AI system (not for the literacy plan)")
    draft.add_argument("--kind", metavar="KIND", help="which draft (listed without --kind)")
    _document_options(draft)
    calendar = commands.add_parser(
        "calendar",
        help="write the legal dates and due dates as an iCalendar (.ics) file",
        description="Write every date of the timeline as an iCalendar file (RFC 5545): one "
        "all-day event per date, with the legal duties that apply from it and the plan items "
        "due on it. Next to the assessment file unless -o says otherwise (- for stdout).",
    )
    calendar.add_argument("file", type=Path, metavar="FILE")
    _output_option(calendar)
    plan = commands.add_parser(
        "plan",
        help="write every plan item as CSV, for a spreadsheet",
        description="Write every plan item of every system and of the organisation, one row "
        "each (system, item, kind, basis, applies from, status, owner, due, notes, evidence), "
        "as UTF-8 CSV with a header row. Cells a spreadsheet would run as a formula start "
        "with an apostrophe.",
    )
    plan.add_argument("file", type=Path, metavar="FILE")
    plan.add_argument("--format", choices=("csv",), default="csv")
    _output_option(plan)
    diff = commands.add_parser(
        "diff",
        help="compare the verdicts of two assessment files, system by system",
        description="Compare the verdicts of two assessment files (or two versions of one), "
        "system by system: tier, roles, FRIA and duties, each change with the answers that "
        "caused it. Exit 0 when nothing differs, 1 when something does, 2 when a file "
        "cannot be read.",
    )
    diff.add_argument("old", type=Path, metavar="OLD")
    diff.add_argument("new", type=Path, metavar="NEW")
    commands.add_parser(
        "schema",
        help="print the checklist format as a JSON Schema",
        description="Print the JSON Schema of a checklist file, generated from the models, "
        "for TOML editors that complete and check fields. The bundled copy is "
        "checklists/checklist.schema.json (see docs/checklist-format.md).",
    )
    return parser


def _output_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", metavar="OUT", help="where to write it (- for stdout)")


def _document_options(parser: argparse.ArgumentParser) -> None:
    from aicharter.outputs.documents.render import DOC_FORMATS

    parser.add_argument("--format", choices=DOC_FORMATS, default="html")
    _output_option(parser)
    parser.add_argument("--checklist", type=Path, default=None, help=argparse.SUPPRESS)


def _load(file: Path, checklist_path: Path | None = None) -> Loaded:
    from aicharter.files import storage
    from aicharter.rules.evaluate import evaluate_all
    from aicharter.rules.validate import load_checklist

    checklist = load_checklist(checklist_path or paths.default_checklist())
    assessment = storage.read(file, checklist)
    return checklist, assessment, evaluate_all(checklist, assessment)


def _list_systems(assessment: Assessment) -> None:
    for system in assessment.systems:
        say(f"  {system.id:<20} {system.name}")


def _known_system(file: Path, assessment: Assessment, system_id: str | None) -> bool:
    if system_id is None or system_id in {s.id for s in assessment.systems}:
        return True
    known = ", ".join(s.id for s in assessment.systems) or "none"
    say(f"aicharter: no AI system '{system_id}' in {file} (ids: {known}).", error=True)
    return False


def _emit(text: str, output: str | None, default: Path) -> int:
    """Write an output atomically and owner-only (or to stdout for ``-``); say where."""
    from aicharter.outputs.report import write_report

    if output == "-":
        sys.stdout.write(text)
        return EXIT_OK
    out = Path(output) if output else default
    write_report(out, text)
    say(out)
    return EXIT_OK


def _vendor(args: argparse.Namespace) -> int:
    import datetime as dt

    from aicharter.outputs.documents.render import default_document_path, render_document
    from aicharter.outputs.documents.vendor import vendor_questionnaire

    checklist, assessment, outcomes = _load(args.file, args.checklist)
    if not _known_system(args.file, assessment, args.system):
        return EXIT_BAD_FILE
    if args.system is None:
        say("Add --system ID, one of:")
        _list_systems(assessment)
        return EXIT_PROBLEMS
    if checklist.vendor is None:
        say(f"aicharter: the checklist '{checklist.meta.id}' has no [vendor] table.", error=True)
        return EXIT_PROBLEMS
    doc = vendor_questionnaire(
        checklist, assessment, outcomes[args.system], args.system, dt.date.today()
    )
    default = default_document_path(args.file, "vendor", args.format, args.system)
    return _emit(render_document(doc, args.format), args.output, default)


def _draft(args: argparse.Namespace) -> int:
    import datetime as dt

    from aicharter.outputs.documents.drafts import draft_document, drafts_for
    from aicharter.outputs.documents.render import default_document_path, render_document

    checklist, assessment, outcomes = _load(args.file, args.checklist)
    if not _known_system(args.file, assessment, args.system):
        return EXIT_BAD_FILE
    offered = drafts_for(checklist, outcomes, None)
    if args.system:
        offered = drafts_for(checklist, outcomes, args.system) + offered
    if args.kind is None or args.kind not in {d.id for d in offered}:
        where = f"system '{args.system}'" if args.system else "the organisation"
        if args.kind is not None:
            known = args.kind in checklist.draft_map
            why = "does not apply to" if known else "is not a draft kind for"
            say(f"aicharter: '{args.kind}' {why} {where}.", error=True)
        say(f"Drafts for {where}:" if offered else f"No draft applies to {where}.")
        for d in offered:
            say(f"  {d.id:<18} {d.label} ({'; '.join(d.basis)})")
        if not args.system and any(d.scope == "system" for d in checklist.drafts):
            say("Other drafts are per system: add --system ID, one of:")
            _list_systems(assessment)
        return EXIT_OK if args.kind is None else EXIT_PROBLEMS
    draft = checklist.draft_map[args.kind]
    system_id = args.system if draft.scope == "system" else None
    doc = draft_document(checklist, assessment, outcomes, args.kind, system_id, dt.date.today())
    default = default_document_path(args.file, args.kind, args.format, system_id)
    return _emit(render_document(doc, args.format), args.output, default)


def _calendar(args: argparse.Namespace) -> int:
    import datetime as dt

    from aicharter.outputs.ics import to_ics
    from aicharter.outputs.timeline import timeline

    checklist, assessment, outcomes = _load(args.file)
    days = timeline(checklist, assessment, outcomes, dt.date.today())
    text = to_ics(days, assessment, str(args.file.resolve()))
    return _emit(text, args.output, default_output(args.file, CALENDAR))


def _plan(args: argparse.Namespace) -> int:
    from aicharter.outputs.plan_csv import to_csv

    checklist, assessment, outcomes = _load(args.file)
    text = to_csv(checklist, assessment, outcomes)
    return _emit(text, args.output, default_output(args.file, SPREADSHEET))


def _diff(args: argparse.Namespace) -> int:
    from aicharter.outputs.changes import compare_files, comparison_lines
    from aicharter.outputs.vocabulary import CHANGED_MARK, tier_label

    checklist, old, old_outcomes = _load(args.old)
    _, new, new_outcomes = _load(args.new)
    differs = False
    for name, status, comparison in compare_files(checklist, old, old_outcomes, new, new_outcomes):
        if status == "same":
            say(f"= {name}: no change")
            continue
        differs = True
        if status == "added":
            tier = tier_label(new_outcomes[_id_of(new, name)].tier, short=True)
            say(f"+ {name}: new in {args.new.name} ({tier})")
        elif status == "removed":
            say(f"- {name}: not in {args.new.name}")
        elif comparison is not None:
            say(f"{CHANGED_MARK} {name}:")
            for line in comparison_lines(comparison):
                say(f"    {line}")
    return EXIT_PROBLEMS if differs else EXIT_OK


def _id_of(assessment: Assessment, name: str) -> str:
    return next(s.id for s in assessment.systems if s.name == name)


def _report(args: argparse.Namespace) -> int:
    import datetime as dt

    from aicharter.outputs.report import render
    from aicharter.outputs.report.data import report_data

    checklist, assessment, outcomes = _load(args.file, args.checklist)
    if not _known_system(args.file, assessment, args.system):
        return EXIT_BAD_FILE
    data = report_data(checklist, assessment, outcomes, dt.date.today(), args.system)
    default = default_output(args.file, args.format, args.system)
    return _emit(render(data, args.format), args.output, default)


def _validate(files: list[Path]) -> int:
    from aicharter.rules.validate import validate_file

    targets = files or paths.bundled_checklists()
    total = 0
    for path in targets:
        problems = validate_file(path)
        for problem in problems:
            say(problem)
        total += len(problems)
        if not problems:
            say(f"{path}: ok")
    return EXIT_OK if total == 0 else EXIT_PROBLEMS


def _summary(file: Path | None, demo: bool, as_json: bool, checklist_path: Path | None) -> int:
    from aicharter.outputs.summary import summary_data, summary_text

    path = paths.demo_assessment() if demo else file
    assert path is not None
    checklist, assessment, outcomes = _load(path, checklist_path)
    if as_json:
        print(json_text(summary_data(checklist, assessment, outcomes)))
    else:
        say(summary_text(checklist, assessment, outcomes))
    return EXIT_OK


SUBCOMMANDS = (
    "validate",
    "summary",
    "report",
    "vendor",
    "draft",
    "calendar",
    "plan",
    "diff",
    "schema",
)


def _tui_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="aicharter",
        description="Open the interactive walk-through. With FILE, open that assessment "
        "(created when missing); with no FILE, a start screen lists recent files. Other "
        f"commands: {', '.join(SUBCOMMANDS)} (aicharter COMMAND --help).",
    )
    parser.add_argument("--version", action="version", version=f"aicharter {__version__}")
    parser.add_argument("file", nargs="?", type=Path, metavar="FILE")
    parser.add_argument(
        "--demo", action="store_true", help="open a fresh, writable copy of the demo assessment"
    )
    return parser


def _run_tui(file: Path | None, demo: bool) -> int:
    from aicharter.tui.app import AICharterApp

    app = AICharterApp(file, demo=demo)
    app.run()
    return app.return_code or EXIT_OK  # 128 + N when stopped by signal N


COMMANDS = {
    "vendor": _vendor,
    "draft": _draft,
    "calendar": _calendar,
    "plan": _plan,
    "diff": _diff,
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in (*SUBCOMMANDS, "-h", "--help"):
        tui_args = _tui_parser().parse_args(argv)
        try:
            return _run_tui(tui_args.file, tui_args.demo)
        except FileProblem as problem:
            say(f"aicharter: {problem.message}", error=True)
            return EXIT_BAD_FILE
    args = _parser().parse_args(argv)
    try:
        if args.command == "validate":
            return _validate(args.files)
        if args.command == "summary":
            return _summary(args.file, args.demo, args.json, args.checklist)
        if args.command == "report":
            return _report(args)
        if args.command in COMMANDS:
            return COMMANDS[args.command](args)
        if args.command == "schema":
            from aicharter.content.schema import schema_text

            sys.stdout.write(schema_text())
            return EXIT_OK
    except FileProblem as problem:
        say(f"aicharter: {problem.message}", error=True)
        return EXIT_BAD_FILE
    except BrokenPipeError:
        return EXIT_OK
    _parser().print_help()  # pragma: no cover - argparse requires a command here
    return EXIT_OK
