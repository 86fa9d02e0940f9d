"""Regenerate the parts of the documentation that are built from the code: the checklist
field reference in docs/checklist-format.md, the committed JSON Schema and the README's keys
table.

Run `.venv/bin/python scripts/docs.py` after changing the models; the tests fail while either
is out of step."""

from __future__ import annotations

from pathlib import Path

from aicharter.content.schema import (
    REFERENCE_END,
    REFERENCE_START,
    SCHEMA_FILE,
    reference_markdown,
    schema_text,
)
from aicharter.tui.keys import KEYS_END, KEYS_START, keys_markdown

ROOT = Path(__file__).resolve().parent.parent


def replace_between(text: str, start: str, end: str, new: str) -> str:
    """``text`` with everything from ``start`` to ``end`` (both included) replaced by ``new``."""
    head, _, rest = text.partition(start)
    _, _, tail = rest.partition(end)
    return head + new.rstrip("\n") + tail


def main() -> None:
    guide = ROOT / "docs" / "checklist-format.md"
    text = guide.read_text(encoding="utf-8")
    guide.write_text(
        replace_between(text, REFERENCE_START, REFERENCE_END, reference_markdown()),
        encoding="utf-8",
    )
    (ROOT / "checklists" / SCHEMA_FILE).write_text(schema_text(), encoding="utf-8")
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    readme.write_text(
        replace_between(text, KEYS_START, KEYS_END, keys_markdown()), encoding="utf-8"
    )


if __name__ == "__main__":
    main()
