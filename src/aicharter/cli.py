"""The command line: a thin layer over the core."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from aicharter import __version__
from aicharter.files import paths
from aicharter.outputs.report import FORMATS
from aicharter.problems import FileProblem
from aicharter.sanitize import json_text, visible

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

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
    report.add_argument("-o", "--output", metavar="OUT", help="where to write it (- for stdout)")
    report.add_argument("--checklist", type=Path, default=None, help=argparse.SUPPRESS)
    commands.add_parser(
        "schema",
        help="print the checklist format as a JSON Schema",
        description="Print the JSON Schema of a checklist file, generated from the models, "
        "for TOML editors that complete and check fields. The bundled copy is "
        "checklists/checklist.schema.json (see docs/checklist-format.md).",
    )
    return parser


def _report(args: argparse.Namespace) -> int:
    import datetime as dt

    from aicharter.files import storage
    from aicharter.outputs.report import default_output, render, write_report
    from aicharter.outputs.report.data import report_data
    from aicharter.rules.evaluate import evaluate_all
    from aicharter.rules.validate import load_checklist

    checklist = load_checklist(args.checklist or paths.default_checklist())
    assessment = storage.read(args.file, checklist)
    if args.system and args.system not in {s.id for s in assessment.systems}:
        known = ", ".join(s.id for s in assessment.systems) or "none"
        say(f"aicharter: no AI system '{args.system}' in {args.file} (ids: {known}).", error=True)
        return EXIT_BAD_FILE
    outcomes = evaluate_all(checklist, assessment)
    data = report_data(checklist, assessment, outcomes, dt.date.today(), args.system)
    text = render(data, args.format)
    if args.output == "-":
        sys.stdout.write(text)
        return EXIT_OK
    out = Path(args.output) if args.output else default_output(args.file, args.format, args.system)
    write_report(out, text)
    say(out)
    return EXIT_OK


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
    from aicharter.files import storage
    from aicharter.outputs.summary import summary_data, summary_text
    from aicharter.rules.evaluate import evaluate_all
    from aicharter.rules.validate import load_checklist

    checklist = load_checklist(checklist_path or paths.default_checklist())
    path = paths.demo_assessment() if demo else file
    assert path is not None
    assessment = storage.read(path, checklist)
    outcomes = evaluate_all(checklist, assessment)
    if as_json:
        data = summary_data(checklist, assessment, outcomes)
        print(json_text(data))
    else:
        say(summary_text(checklist, assessment, outcomes))
    return EXIT_OK


SUBCOMMANDS = ("validate", "summary", "report", "schema")


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
