"""The checklist format is documented where an editor sees it: every field has a docstring,
the JSON Schema generated from the models is committed beside the checklists and named on
their first line, and the committed copy is in step with the models."""

from __future__ import annotations

import json
import typing
from pathlib import Path

from pydantic import BaseModel

from aicharter.cli import main
from aicharter.content.checklist import Checklist
from aicharter.content.schema import SCHEMA_FILE, field_doc, reference_markdown, schema_text
from aicharter.files.paths import bundled_checklists, checklists_dir

ROOT = Path(__file__).resolve().parent.parent


def _models(model: type[BaseModel], seen: set[type[BaseModel]]) -> set[type[BaseModel]]:
    if model in seen:
        return seen
    seen.add(model)
    for field in model.model_fields.values():
        stack = [field.annotation]
        while stack:
            t = stack.pop()
            stack.extend(typing.get_args(t))
            if isinstance(t, type) and issubclass(t, BaseModel):
                _models(t, seen)
    return seen


def test_every_table_and_field_of_the_checklist_format_has_a_docstring():
    models = _models(Checklist, set())
    missing = [
        f"{model.__name__}.{name}"
        for model in models
        for name in model.model_fields
        if not field_doc(model, name)
    ]
    missing += [m.__name__ for m in models if "__doc__" not in vars(m) or not m.__doc__]
    assert missing == []


def test_the_editors_guide_has_the_current_field_reference():
    guide = (ROOT / "docs" / "checklist-format.md").read_text(encoding="utf-8")
    assert reference_markdown() in guide + "\n", "run: .venv/bin/python scripts/docs.py"


def test_the_committed_schema_is_in_step_with_the_models():
    committed = (checklists_dir() / SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == schema_text(), "run: aicharter schema > checklists/checklist.schema.json"


def test_each_bundled_checklist_names_the_schema_on_its_first_line():
    for path in bundled_checklists():
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"#:schema ./{SCHEMA_FILE}", path


def test_schema_command_prints_it(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["additionalProperties"] is False
    assert "use_case" in schema["required"] and "questions" in schema["properties"]
    question = schema["$defs"]["Question"]["properties"]
    assert "options" in question and question["kind"]["description"]
