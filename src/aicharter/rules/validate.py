"""Loading and checking checklist files (``aicharter validate``).

Beyond the schema, a checklist must hang together: every id it mentions exists, every value a
condition compares with is one the question or fact can take, nothing depends on itself, every
question can be reached by some answers, and every fact reaches a value once the visible
questions are answered.
"""

from __future__ import annotations

import random
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import ValidationError

from aicharter.content.checklist import (
    OUTCOME_FACTS,
    PLACEHOLDERS,
    TIERS,
    Checklist,
    ObligationCase,
    Question,
)
from aicharter.content.conditions import UNDETERMINED, Condition
from aicharter.files.fileio import read_regular
from aicharter.problems import (
    FileProblem,
    check_entries,
    check_shape,
    decode_text,
    find_line,
    line_index,
    toml_problem,
    validation_problems,
)
from aicharter.rules.engine import AnswerValue, CycleError, Evaluator, Leaf
from aicharter.sanitize import quote

_TODO = "Run `aicharter validate` on it for the full list of problems."


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int | None
    where: str
    message: str

    def __str__(self) -> str:
        place = f"{self.path}:{self.line}" if self.line else str(self.path)
        text = (
            f"{place}: {self.where}: {self.message}" if self.where else f"{place}: {self.message}"
        )
        return quote(text, 2000)


def _parse(path: Path) -> tuple[str, dict[str, object]]:
    data, _ = read_regular(path, what="checklist")
    text = decode_text(path, data, _TODO)
    check_shape(path, text, _TODO)
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise toml_problem(path, error, _TODO) from None
    except RecursionError:
        raise FileProblem(path, "the file nests tables or lists too deeply.") from None
    check_entries(path, raw, text, _TODO)
    return text, raw


@cache
def _load_cached(path: Path, mtime_ns: int) -> Checklist:
    text, raw = _parse(path)
    try:
        checklist = Checklist.model_validate(raw)
    except ValidationError as error:
        line, first = validation_problems(error, text, "a checklist", limit=1)[0]
        raise FileProblem(
            path, f"the checklist is not valid: {first}.", line=line, todo=_TODO
        ) from None
    except RecursionError:
        raise FileProblem(path, "the checklist's conditions nest too deeply.", todo=_TODO) from None
    for _, where, what in _check_cycles(checklist):  # (the engine would not end, or overflow)
        raise FileProblem(path, f"the checklist is not valid: {where} {what}.", todo=_TODO)
    return checklist


def load_checklist(path: Path | str) -> Checklist:
    """Read a checklist file (cached while the file is unchanged); raise :class:`FileProblem`."""
    path = Path(path).resolve()
    try:
        mtime = path.stat().st_mtime_ns
    except OSError as error:
        raise FileProblem(path, f"the checklist cannot be read ({error.strerror}).") from None
    return _load_cached(path, mtime)


def validate_file(path: Path | str) -> list[Problem]:
    """Every problem of one checklist file, each with its location."""
    path = Path(path)
    try:
        text, raw = _parse(path)
    except FileProblem as problem:
        return [Problem(path, problem.line, "", problem.what)]
    try:
        checklist = Checklist.model_validate(raw)
    except RecursionError:
        return [Problem(path, None, "", "conditions nest too deeply")]
    except ValidationError as error:
        problems = validation_problems(error, text, "a checklist")
        return [Problem(path, line, "", msg) for line, msg in problems]
    index = line_index(text)
    return [
        Problem(path, find_line(index, loc), where, msg) for loc, where, msg in check(checklist)
    ]


# -- the checks --------------------------------------------------------------------------------

Loc = tuple[str | int, ...]
Found = Iterator[tuple[Loc, str, str]]


def check(checklist: Checklist) -> list[tuple[Loc, str, str]]:
    """Cross-reference problems as (location in the file, what, message)."""
    problems = list(_check_ids(checklist))
    problems += list(_check_references(checklist))
    problems += list(_check_facts(checklist))
    problems += list(_check_defaults(checklist))
    problems += list(_check_migrations(checklist))
    problems += list(_check_documents(checklist))
    if problems:
        return problems  # the deeper checks assume sound references
    cycles = list(_check_cycles(checklist))
    if cycles:
        return cycles
    return list(_check_paths(checklist))


def _duplicates(kind: str, key: str, ids: list[str]) -> Found:
    seen: set[str] = set()
    for i, item_id in enumerate(ids):
        if item_id in seen:
            yield (key, i), f"{kind} '{item_id}'", "the id is used twice"
        seen.add(item_id)


def _check_ids(c: Checklist) -> Found:
    for key, items in (
        ("timelines", c.timelines),
        ("milestones", c.milestones),
        ("differs", c.differs),
        ("team_roles", c.team_roles),
        ("sections", c.sections),
        ("questions", c.questions),
        ("facts", c.facts),
        ("safeguards", c.safeguards),
        ("obligations", c.obligations),
        ("notices", c.notices),
        ("requirements", c.requirements),
        ("steps", c.steps),
    ):
        yield from _duplicates(key[:-1], key, [item.id for item in items])
    if c.fria.requirement not in c.requirement_map:
        yield ("fria", "requirement"), "fria", f"unknown requirement '{c.fria.requirement}'"
    item_ids = [item.id for r in c.requirements for item in r.items]
    yield from _duplicates("requirement item", "requirements", item_ids)
    numbers = sorted(s.number for s in c.steps)
    if c.steps and numbers != list(range(1, len(numbers) + 1)):
        yield ("steps",), "steps", f"step numbers must run 1..{len(numbers)} once each"
    if c.meta.default_timeline not in c.timeline_map:
        yield ("meta", "default_timeline"), "meta", f"unknown timeline '{c.meta.default_timeline}'"
    for i, m in enumerate(c.milestones):
        for timeline in m.dates:
            if timeline not in c.timeline_map:
                yield ("milestones", i), f"milestone '{m.id}'", f"unknown timeline '{timeline}'"
    for fact_id, values in OUTCOME_FACTS.items():
        fact = c.fact_map.get(fact_id)
        if fact is None:
            yield ("facts",), "facts", f"the outcome fact '{fact_id}' is missing"
        elif set(fact.values) != set(values):
            yield (
                ("facts",),
                f"fact '{fact_id}'",
                f"its values must be {', '.join(values)}",
            )


def _conditions(c: Checklist) -> Iterator[tuple[Loc, str, Condition]]:
    for i, s in enumerate(c.sections):
        if s.show_if:
            yield ("sections", i, "show_if"), f"section '{s.id}'", s.show_if
    for i, q in enumerate(c.questions):
        if q.show_if:
            yield ("questions", i, "show_if"), f"question '{q.id}'", q.show_if
        for rule in q.default:
            if rule.when:
                yield ("questions", i, "default"), f"question '{q.id}' default", rule.when
    for i, f in enumerate(c.facts):
        for j, r in enumerate(f.rules):
            if r.when:
                yield ("facts", i, "rules", j), f"fact '{f.id}' rule {j + 1}", r.when
    for i, g in enumerate(c.safeguards):
        for j, case in enumerate(g.cases):
            if case.when:
                yield ("safeguards", i, "cases", j), f"safeguard '{g.id}' case {j + 1}", case.when
    for i, o in enumerate(c.obligations):
        for j, ocase in enumerate(o.cases):
            if ocase.when:
                where = f"obligation '{o.id}' case {j + 1}"
                yield ("obligations", i, "cases", j), where, ocase.when
    for i, n in enumerate(c.notices):
        yield ("notices", i, "when"), f"notice '{n.id}'", n.when


def _check_leaf(c: Checklist, leaf: Condition) -> Iterator[str]:
    if leaf.answer is not None:
        q = c.question_map.get(leaf.answer)
        if q is None:
            yield f"unknown question '{leaf.answer}'"
            return
        if q.kind == "text":
            yield f"question '{q.id}' is free text: conditions cannot test it"
            return
        if (leaf.includes is not None or leaf.includes_any is not None) and q.kind != "multi":
            yield f"'includes' needs a multiple-choice question; '{q.id}' is {q.kind}"
        if (leaf.is_ is not None or leaf.in_ is not None) and q.kind == "multi":
            yield f"'{q.id}' is multiple choice: test it with includes / includes_any"
        for value in leaf.compared_values():
            if value not in q.option_ids:
                yield f"'{value}' is not an option of question '{q.id}'"
            elif value in q.unsure_ids:
                yield f"test the conservative value of '{q.id}', not its unsure option"
        if q.unsure_ids and q.conservative is None:
            yield f"question '{q.id}' offers 'unsure' but has no conservative value"
        if not q.is_required:
            yield f"question '{q.id}' is optional: rules may only rest on required questions"
    elif leaf.fact is not None:
        f = c.fact_map.get(leaf.fact)
        if f is None:
            yield f"unknown fact '{leaf.fact}'"
            return
        for value in leaf.compared_values():
            if value not in f.values and value != UNDETERMINED:
                yield f"'{value}' is not a value of fact '{f.id}'"


def _check_references(c: Checklist) -> Found:
    for loc, where, cond in _conditions(c):
        for node in cond.walk():
            for message in _check_leaf(c, node):
                yield loc, where, message
    differs_owners: list[tuple[Loc, str, tuple[str, ...]]] = []
    shorts: set[tuple[str, str]] = set()
    for i, q in enumerate(c.questions):
        loc = ("questions", i)
        if q.section not in c.section_map:
            yield loc, f"question '{q.id}'", f"unknown section '{q.section}'"
        if (q.section, q.short) in shorts:
            where = f"question '{q.id}'"
            yield (*loc, "short"), where, f"another question of its section is also '{q.short}'"
        shorts.add((q.section, q.short))
        section = c.section_map.get(q.section)
        if q.field and section is not None and section.scope != "organisation":
            yield (*loc, "field"), f"question '{q.id}'", "only an organisation question has a field"
        differs_owners.append((loc, f"question '{q.id}'", q.differs))
        yield from _check_conservative(loc, q)
    for i, f in enumerate(c.facts):
        for j, r in enumerate(f.rules):
            differs_owners.append((("facts", i, "rules", j), f"fact '{f.id}'", r.differs))
    for i, g in enumerate(c.safeguards):
        for j, case in enumerate(g.cases):
            differs_owners.append(
                (("safeguards", i, "cases", j), f"safeguard '{g.id}'", case.differs)
            )
    for i, n in enumerate(c.notices):
        differs_owners.append((("notices", i), f"notice '{n.id}'", n.differs))
    steps = {s.number for s in c.steps}
    for i, o in enumerate(c.obligations):
        loc = ("obligations", i)
        if o.requirement is not None and o.requirement not in c.requirement_map:
            yield loc, f"obligation '{o.id}'", f"unknown requirement '{o.requirement}'"
        if o.step is not None and o.step not in steps:
            yield loc, f"obligation '{o.id}'", f"unknown checklist step {o.step}"
        if not o.cases:
            yield loc, f"obligation '{o.id}'", "it has no cases"
        for j, ocase in enumerate(o.cases):
            cloc = (*loc, "cases", j)
            differs_owners.append((cloc, f"obligation '{o.id}'", ocase.differs))
            yield from _check_obligation_case(c, cloc, f"obligation '{o.id}'", ocase)
    for loc, where, ids in differs_owners:
        for d in ids:
            if d not in c.differs_map:
                yield loc, where, f"unknown differs note '{d}'"
    for i, step in enumerate(c.steps):
        for req_id in step.requirements:
            if req_id not in c.requirement_map:
                yield ("steps", i), f"step '{step.id}'", f"unknown requirement '{req_id}'"
    used = {req_id for step in c.steps for req_id in step.requirements}
    for i, req in enumerate(c.requirements):
        if c.steps and req.id not in used:
            yield ("requirements", i), f"requirement '{req.id}'", "no checklist step includes it"


_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def _check_placeholders(loc: Loc, where: str, text: str) -> Found:
    for name in _PLACEHOLDER.findall(text):
        if name not in PLACEHOLDERS:
            yield loc, where, f"unknown placeholder '{{{name}}}' (known: {', '.join(PLACEHOLDERS)})"


def _check_documents(c: Checklist) -> Found:
    """The vendor questionnaire and the drafts name obligations, questions and placeholders
    that exist."""
    obligations = {o.id for o in c.obligations}
    letter = c.vendor
    if letter is not None:
        for field in ("title", "intro", "reply"):
            yield from _check_placeholders(("vendor", field), "vendor", getattr(letter, field))
        seen: set[str] = set()
        for i, fact in enumerate(letter.facts):
            where = f"vendor fact '{fact.id}'"
            if fact.id in seen:
                yield ("vendor", "facts", i), where, "the id is used twice"
            seen.add(fact.id)
            for duty in fact.duties:
                if duty not in obligations:
                    yield ("vendor", "facts", i), where, f"unknown obligation '{duty}'"
            for tier in fact.tiers:
                if tier not in TIERS:
                    yield ("vendor", "facts", i), where, f"unknown tier '{tier}'"
    yield from _duplicates("draft", "drafts", [d.id for d in c.drafts])
    for i, draft in enumerate(c.drafts):
        loc: Loc = ("drafts", i)
        where = f"draft '{draft.id}'"
        yield from _check_placeholders(loc, where, draft.title)
        for duty in draft.duties:
            if duty not in obligations:
                yield loc, where, f"unknown obligation '{duty}'"
        for j, part in enumerate(draft.parts):
            yield from _check_placeholders((*loc, "parts", j), where, part.text)
            for duty in part.duties:
                if duty not in obligations:
                    yield (*loc, "parts", j), where, f"unknown obligation '{duty}'"
            for question in part.questions:
                if question not in c.question_map:
                    yield (*loc, "parts", j), where, f"unknown question '{question}'"


def _is_article(basis: str) -> bool:
    """A basis entry that names law (an article, a directive), not a Charter section."""
    return not basis.startswith("Charter")


def _check_obligation_case(c: Checklist, loc: Loc, where: str, case: ObligationCase) -> Found:
    if case.applies_from is not None and case.applies_from_fact is not None:
        yield loc, where, "give either applies_from or applies_from_fact, not both"
    if case.applies_from is not None and case.applies_from not in c.milestone_map:
        yield loc, where, f"unknown milestone '{case.applies_from}'"
    if case.applies_from_fact is not None:
        yield from _check_date_fact(c, loc, where, case)
    if case.kind == "legal":
        if not any(_is_article(b) for b in case.basis):
            yield (
                loc,
                where,
                (
                    "a legal duty needs the article that imposes it in its basis (Charter "
                    "sections alone make a recommendation)"
                ),
            )
        if case.applies_from is None and case.applies_from_fact is None:
            yield (
                loc,
                where,
                (
                    "a legal duty needs the date it applies from: applies_from (a milestone) or "
                    "applies_from_fact"
                ),
            )


def _check_date_fact(c: Checklist, loc: Loc, where: str, case: ObligationCase) -> Found:
    """A date taken from a fact: the case must require that fact's values, and every rule
    that can give one of them must carry a milestone."""
    fact = c.fact_map.get(case.applies_from_fact or "")
    if fact is None:
        yield loc, where, f"unknown fact '{case.applies_from_fact}' in applies_from_fact"
        return
    top = case.when.all_ if case.when is not None and case.when.all_ is not None else (case.when,)
    accepted = {
        v
        for node in top
        if node is not None and node.fact == fact.id
        for v in node.compared_values()
    }
    if not accepted:
        yield loc, where, f"applies_from_fact '{fact.id}' needs the case to require that fact"
        return
    for rule in fact.rules:
        if rule.value in accepted and rule.applies_from is None:
            yield (
                loc,
                where,
                (
                    f"fact '{fact.id}' can be '{rule.value}' by a rule with no applies_from, so "
                    "this duty would have no date"
                ),
            )
            return


def _scope(c: Checklist, question_id: str) -> str | None:
    """A question's scope, or None for an unknown question or section (reported elsewhere)."""
    question = c.question_map.get(question_id)
    section = c.section_map.get(question.section) if question else None
    return section.scope if section else None


def _check_defaults(c: Checklist) -> Found:
    for i, q in enumerate(c.questions):
        if not q.default:
            continue
        loc = ("questions", i, "default")
        where = f"question '{q.id}'"
        if _scope(c, q.id) != "system":
            yield loc, where, "only a system question can take a default from the organisation"
        for rule in q.default:
            yield from (
                (loc, where, message)
                for message in _check_answer_value(q, rule.value, "default", sure=True)
            )
            for node in rule.when.walk() if rule.when else ():
                if node.fact is not None or (
                    node.answer is not None and _scope(c, node.answer) != "organisation"
                ):
                    yield loc, where, "a default may only read the organisation's answers"
                    break


def _check_answer_value(
    q: Question, value: str | tuple[str, ...], what: str, sure: bool = False
) -> Iterator[str]:
    """A value the checklist gives a question (conservative, default, migrated) fits it;
    ``sure``: it may not be the "unsure" option."""
    values = value if isinstance(value, tuple) else (value,)
    if q.kind == "multi" and not isinstance(value, tuple):
        yield f"{what} must be a list for multiple choice"
    if q.kind != "multi" and isinstance(value, tuple):
        yield f"{what} must be one option"
    for v in values:
        if v not in q.option_ids or (sure and v in q.unsure_ids):
            kind = "a sure option" if sure else "an option"
            yield f"{what} value '{v}' is not {kind} of '{q.id}'"


def _check_migrations(c: Checklist) -> Found:
    for i, m in enumerate(c.migrations):
        loc = ("migrations", i)
        where = f"migration from '{m.from_}'"
        target = c.question_map.get(m.to)
        if target is None:
            yield loc, where, f"unknown question '{m.to}'"
            continue
        if m.from_ in c.question_map and m.from_ != m.to:
            yield loc, where, f"'{m.from_}' is still a question: migrate its options in place"
        for old, new in m.values.items():
            if m.from_ == m.to and old in target.option_ids:
                yield loc, where, f"'{old}' is still an option of '{m.to}'"
            for message in _check_answer_value(target, new, "migrated"):
                yield loc, where, message


def _check_conservative(loc: Loc, q: Question) -> Found:
    if q.conservative is not None:
        for message in _check_answer_value(q, q.conservative, "conservative", sure=True):
            yield loc, f"question '{q.id}'", message


def _check_facts(c: Checklist) -> Found:
    for i, f in enumerate(c.facts):
        loc = ("facts", i)
        if not f.rules:
            yield loc, f"fact '{f.id}'", "it has no rules"
            continue
        for j, r in enumerate(f.rules):
            if r.value not in f.values:
                yield (*loc, "rules", j), f"fact '{f.id}'", f"'{r.value}' is not one of its values"
            if r.applies_from is not None and r.applies_from not in c.milestone_map:
                yield (*loc, "rules", j), f"fact '{f.id}'", f"unknown milestone '{r.applies_from}'"
            if r.when is None and j != len(f.rules) - 1:
                yield (*loc, "rules", j), f"fact '{f.id}'", "rules after the default never apply"
        if f.rules[-1].when is not None:
            yield (
                loc,
                f"fact '{f.id}'",
                "the last rule must be the default (no 'when'), or some answers end in no value",
            )


def _refs(cond: Condition | None) -> Iterator[str]:
    if cond is None:
        return
    for node in cond.walk():
        if node.answer is not None:
            yield "question:" + node.answer
        elif node.fact is not None:
            yield "fact:" + node.fact


MAX_CHAIN = 60
"""The longest chain of facts and questions resting on one another that a checklist may have
(the bundled one has 23); the engine follows a chain by recursion."""


def _graph(c: Checklist) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for q in c.questions:
        section = c.section_map[q.section]
        graph["question:" + q.id] = set(_refs(q.show_if)) | set(_refs(section.show_if))
    for f in c.facts:
        graph["fact:" + f.id] = {ref for r in f.rules for ref in _refs(r.when)}
    return graph


def chains(c: Checklist) -> tuple[list[str] | None, int]:
    """A cycle of dependencies if there is one, and the length of the longest chain. Without
    recursion, so that a hostile checklist's chain of thousands cannot overflow the stack."""
    graph = _graph(c)
    depth: dict[str, int] = {}
    on_path: dict[str, int] = {}
    for root in sorted(graph):
        if root in depth:
            continue
        path: list[tuple[str, list[str]]] = [(root, sorted(graph.get(root, ())))]
        on_path[root] = 0
        while path:
            node, todo = path[-1]
            if todo:
                nxt = todo.pop()
                if nxt in on_path:
                    cycle = [n for n, _ in path[on_path[nxt] :]]
                    return [*cycle, nxt], 0
                if nxt not in depth:
                    on_path[nxt] = len(path)
                    path.append((nxt, sorted(graph.get(nxt, ()))))
                continue
            path.pop()
            del on_path[node]
            depth[node] = 1 + max((depth.get(n, 0) for n in graph.get(node, ())), default=0)
    return None, max(depth.values(), default=0)


def _check_cycles(c: Checklist) -> Found:
    cycle, longest = chains(c)
    if cycle:
        yield ("facts",), "dependencies", "depends on itself: " + " -> ".join(cycle)
    elif longest > MAX_CHAIN:
        yield (
            ("facts",),
            "dependencies",
            f"a chain of {longest} facts and questions resting on one another; at most "
            f"{MAX_CHAIN} are allowed",
        )


# -- reachability and outcomes, by exploring answers --------------------------------------------

SWEEPS = 300
RESTARTS = 40
STEPS = 60


class _Explorer:
    def __init__(self, checklist: Checklist, seed: int = 20241011):
        self.c = checklist
        self.rng = random.Random(seed)
        self.askable = [q for q in checklist.questions if q.kind != "text"]

    def random_value(self, q: Question) -> AnswerValue:
        options = [o.id for o in q.all_options]
        if q.kind != "multi":
            return self.rng.choice(options)
        if self.rng.random() < 0.25:
            return (self.rng.choice(options),)
        picked = tuple(o for o in options if self.rng.random() < 0.4)
        return picked or (self.rng.choice(options),)

    def random_answers(self) -> dict[str, AnswerValue]:
        return {q.id: self.random_value(q) for q in self.askable}

    def evaluator(self, answers: dict[str, AnswerValue]) -> Evaluator:
        scope = {s.id: s.scope for s in self.c.sections}
        org = {
            k: v
            for k, v in answers.items()
            if scope[self.c.question_map[k].section] == "organisation"
        }
        return Evaluator(self.c, org, answers)

    def blame(self, ev: Evaluator, trail: tuple[Leaf, ...], depth: int = 0) -> set[str]:
        """The questions whose answers stand in the way of a result."""
        out: set[str] = set()
        for leaf in trail:
            if leaf.kind in ("answer", "hidden", "unanswered"):
                out.add(leaf.ref)
            elif leaf.kind == "fact" and depth < 6:
                out |= self.blame(ev, ev.fact(leaf.ref).trail, depth + 1)
        return out

    def reach(self, question_id: str) -> bool:
        for _ in range(RESTARTS):
            answers = self.random_answers()
            for _ in range(STEPS):
                ev = self.evaluator(answers)
                shown, trail = ev.visible(question_id)
                if shown is True:
                    return True
                candidates = sorted(self.blame(ev, trail) & set(answers))
                if not candidates:
                    break
                q = self.c.question_map[self.rng.choice(candidates)]
                answers[q.id] = self.random_value(q)
        return False


def _check_paths(c: Checklist) -> Found:
    explorer = _Explorer(c)
    reached: set[str] = set()
    undetermined: dict[str, dict[str, AnswerValue]] = {}
    for _ in range(SWEEPS):
        answers = explorer.random_answers()
        ev = explorer.evaluator(answers)
        try:
            for q in c.questions:
                if ev.visible(q.id)[0] is True:
                    reached.add(q.id)
            for fact in c.facts:
                if ev.fact(fact.id).value == UNDETERMINED and fact.id not in undetermined:
                    undetermined[fact.id] = answers
        except CycleError as error:
            yield ("facts",), "dependencies", "depends on itself: " + str(error)
            return
    for i, q in enumerate(c.questions):
        if q.id not in reached and not explorer.reach(q.id):
            yield ("questions", i), f"question '{q.id}'", "no answers make this question appear"
    for fact_id, answers in undetermined.items():
        i = next(i for i, f in enumerate(c.facts) if f.id == fact_id)
        ev = explorer.evaluator(answers)
        visible = [q for q in answers if ev.visible(q)[0] is True]
        path = ", ".join(f"{q}={answers[q]}" for q in visible[:8])
        yield ("facts", i), f"fact '{fact_id}'", f"these answers end in no value: {path}..."
