"""Files written for checklist 1.0.0 open with 1.1.0: every answer is carried to the question
that replaced it, or kept (stale, unused) when it cannot be; nothing is lost."""

from __future__ import annotations

from pathlib import Path

from aicharter.files import storage
from aicharter.rules.evaluate import evaluate_all
from aicharter.session import Session
from helpers import charter

OLD_FILE = """\
schema_version = 1
checklist = "coess_charter"
created = 2026-11-02 09:00:00+00:00
updated = 2026-11-20 16:30:00+00:00

[organisation]
name = "Old Co"

[[systems]]
id = "planner"
name = "Planner"

[systems.answers.crit_input]
value = "towards"

[systems.answers.in_house]
value = "yes"
note = "Built by our IT team in 2025."

[systems.answers.infers]
value = "yes"

[systems.answers.p_sexual_deepfakes]
value = "yes"
evidence = "Vendor brochure p. 3"

[systems.answers.personal_data]
value = "yes"

[systems.answers.role_own_name]
value = "no"

[systems.answers.workplace]
value = "yes"

[[systems]]
id = "faces"
name = "Faces"

[systems.answers.rbi_authorised]
value = "yes"

[systems.answers.role_own_name]
value = "yes"

[systems.answers.workplace]
value = "no"
"""


def test_a_1_0_file_opens_and_every_answer_is_carried_or_kept(tmp_path: Path):
    path = tmp_path / "old.toml"
    path.write_text(OLD_FILE, encoding="utf-8")
    c = charter()
    assessment = storage.read(path, c)
    planner = assessment.system("planner").answers
    # merged: in-house development (Art. 3(3)) and own name became one question
    assert planner["activities"].value == ["use", "develop"]
    assert planner["activities"].note == "Built by our IT team in 2025."
    # whose workers: "at your workplace, your own staff" is the firm's own staff
    assert planner["workers_affected"].value == ["own_staff"]
    # "can it generate..." was answered yes: the new question asks about use, so the old
    # answer is kept but used for nothing, and the new questions wait for an answer
    kept = planner["p_sexual_deepfakes"]
    assert kept.value == "yes" and kept.stale and kept.evidence == "Vendor brochure p. 3"
    assert "p_intimate_use" not in planner and "p_intimate_supply" not in planner
    # the input indicator duplicated personal_data, which is answered: kept, unused
    assert planner["crit_input"].stale
    assert not {"in_house", "role_own_name", "workplace"} & set(planner)
    faces = assessment.system("faces").answers
    assert faces["rbi_authorised"].value == "prior"  # the yes/no question gained urgent use
    assert faces["activities"].value == ["use", "rebrand"]
    # "not at your workplace, not your staff" says nothing of a client's staff or candidates:
    # kept, and the new question is asked again
    assert faces["workplace"].stale and "workers_affected" not in faces
    # the kept answer never reaches the rules
    out = evaluate_all(c, assessment)["planner"]
    assert out.tier != "prohibited"


def test_the_migrated_file_is_written_in_the_new_form_and_reads_back_the_same(tmp_path: Path):
    path = tmp_path / "old.toml"
    path.write_text(OLD_FILE, encoding="utf-8")
    c = charter()
    session = Session.open(path, c)
    first = storage.read(path, c)  # (a second read comes from the parsed copy)
    assert first == session.assessment
    session.set_answer("planner", "scope_exclusion", "none")
    text = path.read_text(encoding="utf-8")
    assert "[systems.answers.activities]" in text
    assert "[systems.answers.in_house]" not in text
    assert "[systems.answers.p_sexual_deepfakes]" in text and "stale = true" in text
    again = storage.read(path, c)
    assert again.system("planner").answers["activities"].value == ["use", "develop"]
    assert again.system("planner").answers["p_sexual_deepfakes"].evidence == "Vendor brochure p. 3"


def test_an_unknown_question_is_still_refused(tmp_path: Path):
    """Only the questions the checklist retired are accepted: a typo is still an error."""
    path = tmp_path / "typo.toml"
    path.write_text(OLD_FILE.replace("workplace", "workplase"), encoding="utf-8")
    try:
        storage.read(path, charter())
    except storage.FileProblem as problem:
        assert "'workplase' is not a system question" in problem.message
        assert problem.line is not None
    else:
        raise AssertionError("a typo in a question id must not load")
