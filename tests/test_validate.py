"""``aicharter validate`` and the checklist schema: the bundled checklist is clean, and each kind
of defect is found and located."""

from __future__ import annotations

from pathlib import Path

import pytest

from aicharter.files.paths import bundled_checklists, default_checklist
from aicharter.problems import FileProblem
from aicharter.rules.validate import load_checklist, validate_file

SOURCE = default_checklist().read_text(encoding="utf-8")


def broken(tmp_path: Path, old: str, new: str) -> list[str]:
    assert old in SOURCE, old
    path = tmp_path / "c.toml"
    path.write_text(SOURCE.replace(old, new, 1), encoding="utf-8")
    return [str(p) for p in validate_file(path)]


def test_bundled_checklists_are_clean():
    assert bundled_checklists()
    for path in bundled_checklists():
        assert validate_file(path) == []


def test_content_covers_the_charter():
    c = load_checklist(default_checklist())
    assert [s.number for s in c.steps] == list(range(1, 11))
    assert {s.scope for s in c.steps if s.number in (1, 6, 10)} == {"organisation"}
    assert len(c.requirements) == 10
    assert len(next(r for r in c.requirements if r.id == "human_oversight").items) == 12
    assert len(next(r for r in c.requirements if r.id == "fria").items) == 6
    assert {t.id for t in c.timelines} == {"original", "amended"}
    assert len(c.safeguards) == 8 and all(s.cases for s in c.safeguards)
    prohibited = next(f for f in c.facts if f.id == "prohibited")
    bases = " ".join(b for r in prohibited.rules for b in r.basis)
    for point in "abcdefgh":
        assert f"Art. 5(1)({point})" in bases
    for q in c.questions:
        if q.kind in ("yes_no", "choice", "multi") and q.is_required:
            assert q.unsure_ids, f"{q.id} offers no honest 'unsure'"
        assert q.refs, f"{q.id} cites nothing"


def test_unknown_question(tmp_path: Path):
    problems = broken(
        tmp_path,
        'when = { answer = "p_manipulation", is = "yes" }',
        'when = { answer = "p_manipulaton", is = "yes" }',
    )
    assert any("unknown question 'p_manipulaton'" in p for p in problems)
    assert all(":" in p.split(" ")[0] for p in problems)  # file:line at the start


def test_unknown_option_and_fact_value(tmp_path: Path):
    problems = broken(
        tmp_path,
        '{ answer = "bio_realtime", is = "post" }',
        '{ answer = "bio_realtime", is = "later" }',
    )
    assert any("'later' is not an option of question 'bio_realtime'" in p for p in problems)
    problems = broken(
        tmp_path,
        'when = { fact = "tier", is = "prohibited" }',
        'when = { fact = "tier", is = "banned" }',
    )
    assert any("'banned' is not a value of fact 'tier'" in p for p in problems)


def test_dangling_references(tmp_path: Path):
    assert any(
        "unknown milestone 'no_such'" in p
        for p in broken(tmp_path, 'applies_from = "gdpr"', 'applies_from = "no_such"')
    )
    assert any(
        "unknown differs note 'C99'" in p
        for p in broken(tmp_path, 'differs = ["C1"]', 'differs = ["C99"]')
    )
    assert any(
        "unknown section" in p
        for p in broken(tmp_path, 'section = "prohibited"', 'section = "forbidden"')
    )


def test_duplicate_id(tmp_path: Path):
    problems = broken(tmp_path, 'id = "p_vulnerability"', 'id = "p_manipulation"')
    assert any("question 'p_manipulation': the id is used twice" in p for p in problems)


def test_unreachable_question(tmp_path: Path):
    problems = broken(
        tmp_path,
        'show_if = { answer = "p_crime_risk", is = "yes" }',
        'show_if = { all = [{ answer = "p_crime_risk", is = "yes" }, '
        '{ answer = "p_crime_risk", is = "no" }] }',
    )
    assert problems == [
        p for p in problems if "p_crime_solely_profiling" in p and "no answers make" in p
    ]
    assert problems


def test_fact_without_default_ends_in_no_outcome(tmp_path: Path):
    problems = broken(
        tmp_path,
        '''[[facts.rules]]
value = "no"
reason = "It is not high-risk under Annex III."''',
        '''[[facts.rules]]
when = { answer = "workplace", is = "yes" }
value = "no"
reason = "It is not high-risk under Annex III."''',
    )
    assert any("fact 'annex3_high'" in p and "default" in p for p in problems)


def test_cycle(tmp_path: Path):
    problems = broken(
        tmp_path,
        'show_if = { answer = "p_crime_risk", is = "yes" }',
        'show_if = { fact = "prohibited", is = "no" }',
    )
    assert any("depends on itself" in p for p in problems)


def chained(tmp_path: Path, length: int) -> Path:
    """The bundled checklist with a chain of ``length`` facts, each resting on the one before."""
    facts = "".join(
        f'\n[[facts]]\nid = "chain{i}"\ntitle = "Chain {i}"\nvalues = ["yes", "no"]\n'
        f'[[facts.rules]]\nwhen = {{ fact = "{f"chain{i - 1}" if i else "ai_system"}", '
        'is = "yes" }\nvalue = "yes"\nreason = "r"\n[[facts.rules]]\nvalue = "no"\nreason = "r"\n'
        for i in range(length)
    )
    path = tmp_path / f"chain{length}.toml"
    path.write_text(SOURCE + facts, encoding="utf-8")
    return path


def test_a_chain_of_thousands_of_facts_is_a_problem_not_a_crash(tmp_path: Path):
    """Before: a chain of 3,000 gave RecursionError tracebacks in validate and in every command
    using the file. Now any chain over 60 is a problem, long before the stack is at risk."""
    path = chained(tmp_path, 400)
    problems = [str(p) for p in validate_file(path)]
    assert any("a chain of" in p and "at most 60" in p for p in problems), problems[:3]
    with pytest.raises(FileProblem, match="a chain of"):
        load_checklist(path)


def test_unsure_without_conservative(tmp_path: Path):
    problems = broken(
        tmp_path,
        'refs = ["Art. 5(1)(c)"]\nconservative = "yes"',
        'refs = ["Art. 5(1)(c)"]',
    )
    assert any("'p_social_scoring' offers 'unsure' but has no conservative" in p for p in problems)


def test_schema_and_toml_errors_have_lines(tmp_path: Path):
    problems = broken(tmp_path, 'kind = "yes_no"', 'kind = "maybe"')
    assert problems and ":" in problems[0] and "kind" in problems[0]
    line_no = SOURCE[: SOURCE.index('kind = "yes_no"')].count("\n") + 1
    assert problems[0].startswith(f"{tmp_path / 'c.toml'}:{line_no}:")
    problems = broken(tmp_path, "[meta]", "[meta")
    assert len(problems) == 1 and "not valid TOML" in problems[0]


def test_legal_duty_needs_a_date(tmp_path: Path):
    problems = broken(
        tmp_path,
        'kind = "legal"\nbasis = ["Art. 4"]\napplies_from = "prohibitions"',
        'kind = "legal"\nbasis = ["Art. 4"]',
    )
    assert any("needs the date it applies from" in p for p in problems)


def test_legal_duty_needs_an_article(tmp_path: Path):
    problems = broken(
        tmp_path,
        'kind = "legal"\nbasis = ["Art. 4"]\napplies_from = "prohibitions"',
        'kind = "legal"\nbasis = ["Charter Ch. III §III.3"]\napplies_from = "prohibitions"',
    )
    assert any("needs the article that imposes it" in p for p in problems)


def test_obligation_needs_an_actor(tmp_path: Path):
    problems = broken(tmp_path, 'actor = ["provider", "deployer"]\n', "")
    assert any("'obligations[3].actor' is missing" in p for p in problems)
    problems = broken(tmp_path, 'actor = ["provider", "deployer"]', 'actor = "landlord"')
    assert any("actor" in p for p in problems)
    problems = broken(
        tmp_path, 'actor = ["provider", "deployer"]', 'actor = ["everyone", "provider"]'
    )
    assert any("'everyone' already covers every role" in p for p in problems)


def test_date_from_a_fact_needs_every_rule_dated(tmp_path: Path):
    problems = broken(
        tmp_path,
        'basis = ["Art. 6(1)", "Art. 113(c)"]\napplies_from = "high_risk_annex_i"',
        'basis = ["Art. 6(1)", "Art. 113(c)"]',
    )
    assert any(
        "fact 'hr_regime' can be 'full' by a rule with no applies_from" in p for p in problems
    )


def test_defaults_read_only_the_organisation(tmp_path: Path):
    problems = broken(
        tmp_path,
        '{ when = { answer = "org_public_body", is = "yes" }, value = ["public_authority"] },',
        '{ when = { answer = "infers", is = "yes" }, value = ["public_authority"] },',
    )
    assert any("a default may only read the organisation's answers" in p for p in problems)
    problems = broken(
        tmp_path,
        'value = ["public_authority"] },',
        'value = ["mayor"] },',
    )
    assert any("default value 'mayor' is not a sure option of 'public_use'" in p for p in problems)


def test_migrations_must_land_on_real_options(tmp_path: Path):
    problems = broken(
        tmp_path,
        'values = { yes = ["own_staff"], unsure = ["unsure"] }',
        'values = { yes = ["everyone"], unsure = ["unsure"] }',
    )
    assert any(
        "migrated value 'everyone' is not an option of 'workers_affected'" in p for p in problems
    )
    problems = broken(tmp_path, 'from = "workplace"', 'from = "law_enforcement"')
    assert any("'law_enforcement' is still a question" in p for p in problems)


@pytest.mark.parametrize("bad", ["", "[meta]\n", "not toml at all ==="])
def test_garbage_files_give_problems_not_tracebacks(tmp_path: Path, bad: str):
    path = tmp_path / "g.toml"
    path.write_text(bad)
    assert validate_file(path)


def test_the_fria_worksheet_names_a_requirement(tmp_path: Path):
    problems = broken(
        tmp_path, 'requirement = "fria"\nmandatory_basis', 'requirement = "nope"\nmandatory_basis'
    )
    assert any("fria" in p and "unknown requirement 'nope'" in p for p in problems)


def test_a_multi_choice_none_stands_alone():
    """ "None of these" clears the other ticks (and they clear it): data, not code."""
    c = load_checklist(default_checklist())
    alone = [o.id for q in c.questions if q.kind == "multi" for o in q.all_options if o.alone]
    assert "none" in alone and "unsure" in alone
    assert all(o.id in ("none", "unsure") for q in c.questions for o in q.all_options if o.alone)


def test_a_qualified_yes_comes_before_its_no(tmp_path: Path):
    problems = broken(
        tmp_path,
        'means = "yes" },\n  { id = "none", label = "No: used as supplied, or configured within '
        'the instructions", means = "no" },',
        'means = "no" },\n  { id = "none", label = "No: used as supplied, or configured within '
        'the instructions", means = "yes" },',
    )
    assert any("comes before" in p for p in problems)


def test_short_titles_are_unique_in_their_section_and_fit_the_sidebar(tmp_path: Path):
    """Two sidebar entries never read the same, and none is cut at 80 columns."""
    same = broken(tmp_path, 'short = "Vulnerability"', 'short = "Manipulation"')
    line = SOURCE[: SOURCE.index('short = "Vulnerability"')].count("\n") + 1
    assert same == [
        f"{tmp_path / 'c.toml'}:{line}: question 'p_vulnerability': another question of its "
        "section is also 'Manipulation'"
    ]
    # the same short title in another section is fine: the group header tells them apart
    assert broken(tmp_path, 'short = "Public use"', 'short = "Public body"') == []
    long = broken(tmp_path, 'short = "Public use"', 'short = "Used by a public authority"')
    assert any("at most 18 characters" in p for p in long), long


def test_a_severe_notice_needs_a_headline(tmp_path: Path):
    """The headline is what the outcome bar and the overview show beside the verdict."""
    line = SOURCE[SOURCE.index('headline = "High-risk does not make') :].split("\n")[0]
    problems = broken(tmp_path, line + "\n", "")
    assert any("a critical notice needs a headline" in p for p in problems), problems


def test_every_question_with_a_no_answer_takes_n():
    """y / n / u work on every question that offers a plain no (or "None of these"), and a
    question that offers both lists yes first."""
    c = load_checklist(default_checklist())
    for q in c.questions:
        if q.kind != "choice":
            continue
        labels = {o.label.split(",")[0].split(":")[0]: o for o in q.options}
        no = [o for label, o in labels.items() if label in ("No", "None of these")]
        if no:
            assert q.option_for_key("no") == no[0].id, q.id
        if q.option_for_key("yes") and q.option_for_key("no"):
            ids = [o.id for o in q.options]
            assert ids.index(q.option_for_key("yes")) < ids.index(q.option_for_key("no")), q.id


def test_documents_name_real_duties_questions_and_placeholders(tmp_path: Path):
    problems = broken(tmp_path, 'duties = ["keep_logs"]', 'duties = ["keep_logz"]')
    assert any(
        "vendor fact 'logs'" in p and "unknown obligation 'keep_logz'" in p for p in problems
    )
    problems = broken(
        tmp_path,
        "Before it is put into service or used at the workplace, {organisation}",
        "Before it is put into service or used at the workplace, {organisaton}",
    )
    assert any(
        "draft 'workers'" in p and "unknown placeholder '{organisaton}'" in p for p in problems
    )
    problems = broken(
        tmp_path,
        'questions = ["workers_affected", "decisions_about_people"]',
        'questions = ["workers_afected", "decisions_about_people"]',
    )
    assert any("unknown question 'workers_afected'" in p for p in problems)
    problems = broken(tmp_path, 'tiers = ["high"]', 'tiers = ["hihg"]')
    assert any("unknown tier 'hihg'" in p for p in problems)
    assert all(p.startswith(str(tmp_path)) and ":" in p for p in problems)
