"""The walk-through: one question at a time, for an AI system or for the organisation.

The sidebar lists the questions visible now, grouped by section; they appear and disappear as
answers change. The outcome bar at the top is recomputed by the core after every answer.
"""

from __future__ import annotations

import asyncio

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, OptionList, TextArea

from aicharter.content.checklist import Question
from aicharter.sanitize import restore, visible
from aicharter.session import ORGANISATION, Change, Owner
from aicharter.tui.debounce import Debouncer
from aicharter.tui.keys import bindings
from aicharter.tui.screens.base import SessionScreen
from aicharter.tui.screens.dialogs import Field, FormScreen
from aicharter.tui.screens.search import Findable, SearchScreen
from aicharter.tui.widgets.outcome_bar import OutcomeBar
from aicharter.tui.widgets.question_nav import NavEntry, QuestionNav
from aicharter.tui.widgets.question_view import QuestionView
from aicharter.tui.widgets.tick_list import TickList


class WalkScreen(SessionScreen):
    CSS_PATH = "walk.tcss"
    BINDINGS = bindings("walk")
    KEY_SCOPE = "walk"

    def __init__(self, owner: Owner, start: str | None = None) -> None:
        super().__init__()
        self.owner = owner
        self.start = start
        """The question to open on (found with ``/``); else the first open one."""
        self.current: str | None = None
        self._pending_text: str | None = None
        self._typing = Debouncer(self, self.flush_typing)

    # -- what to show ----------------------------------------------------------------------------

    @property
    def system_here(self) -> str | None:
        return self.owner if isinstance(self.owner, str) else None

    @property
    def questions(self) -> list[Question]:
        """The questions visible now, in checklist order."""
        qmap = self.session.checklist.question_map
        if self.owner is ORGANISATION:
            return [qmap[q] for q in self.session.organisation_questions().visible]
        return [qmap[q] for q in self.session.system_questions(self.owner)]

    def open_questions(self) -> list[str]:
        if self.owner is ORGANISATION:
            return self.session.organisation_questions().left
        return self.session.system_left(self.owner)

    def _unanswered(self, question_id: str) -> bool:
        answer = self.session.answer(self.owner, question_id)
        if answer is not None and answer.value != "":
            return False
        return self.session.default(self.owner, question_id) is None

    def to_confirm(self) -> list[str]:
        if self.owner is ORGANISATION:
            return self.session.organisation_questions().to_confirm
        return self.session.outcome(self.owner).to_confirm

    def compose(self) -> ComposeResult:
        yield Header(icon="§")
        yield OutcomeBar(id="outcome")
        with Horizontal(id="body"):
            yield QuestionNav(id="nav")
            yield VerticalScroll(id="main")
        yield Footer()

    async def on_mount(self) -> None:
        if self.owner is ORGANISATION:
            self.title = "Organisation"
        else:
            self.title = self.session.assessment.system(self.owner).name
        questions = self.questions
        open_ = self.open_questions()
        # the first question still open: the required ones, and the organisation's name and
        # country (optional, but asked first)
        unanswered = [
            q.id for q in questions if (q.is_required or q.field) and self._unanswered(q.id)
        ]
        first = next(iter(unanswered), None) or next(
            (q.id for q in questions if q.id in open_), None
        )
        if self.start in {q.id for q in questions}:
            first = self.start
        self.current = first or (questions[0].id if questions else None)
        if self.owner is not ORGANISATION and self.session.organisation_questions().unanswered:
            self.notify(
                "Some organisation questions are unanswered; the outcome may wait for them "
                f"(overview, then {self.charter_app.key_text('overview.organisation')}).",
                timeout=5,
            )
        self.refresh_view()
        await self.show_question()

    def on_resize(self) -> None:
        if self.is_mounted:
            self.call_after_refresh(self.refresh_nav)

    def tell(self, note: str) -> None:
        self.query_one(OutcomeBar).show_note(note)

    def after_change(self, change: Change) -> None:
        if not change.undone or not self.is_mounted:
            return
        # an undo shows what it restored: the question whose answer it was, if still asked
        if change.scope == self.owner and change.question in {q.id for q in self.questions}:
            self.call_later(self.go, change.question, False)
        else:
            self.call_later(self.show_question, False)

    def refresh_view(self) -> None:
        """Redraw the outcome bar and the sidebar from the session."""
        if not self.is_mounted:
            return
        bar = self.query_one(OutcomeBar)
        if self.owner is not ORGANISATION:  # the name may have been edited
            self.title = self.session.assessment.system(self.owner).name
        if self.owner is ORGANISATION:
            org = self.session.assessment.organisation.name or "Organisation"
            bar.show_text(f"{org}  │  {self.session.organisation_progress().text()}")
        else:
            progress = self.session.system_progress(self.owner)
            bar.show_outcome(self.session.outcome(self.owner), progress)
        self.refresh_nav()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only the keys that work here now are in the footer, F1 and the palette."""
        if action == "why":
            return self.owner is not ORGANISATION
        if action == "text_next":  # in the footer only where arrows move the cursor
            question = self._question()
            return question is not None and question.kind == "text"
        if action == "confirm":
            return self.current in self.to_confirm()
        if action == "clear":
            answer = self.session.answer(self.owner, self.current or "")
            return answer is not None and answer.value != ""
        return True

    def refresh_nav(self) -> None:
        checklist = self.session.checklist
        open_ = set(self.open_questions())
        confirm = set(self.to_confirm())
        entries = []
        for question in self.questions:
            answer = self.session.answer(self.owner, question.id)
            value = answer.value if answer is not None else ""
            if question.id in confirm:
                state = "confirm"
            elif question.id in open_:
                state = "open"
            elif value == "" and self.session.default(self.owner, question.id):
                state = "defaulted"
            elif value == "":
                state = "skipped"
            elif value == "unsure" or (isinstance(value, list) and "unsure" in value):
                state = "unsure"
            else:
                state = "answered"
            title = checklist.section_map[question.section].short
            entries.append(NavEntry(question.id, title, question.short, state))
        self.query_one("#nav", QuestionNav).show(entries, self.current)

    async def show_question(self, focus: bool = True, batch: bool = True) -> None:
        """Show the current question. ``batch``: in one frame, rather than the removal of the
        old question and the new one in frames of their own. After an answer it is False, so
        the new outcome is painted at once, while the next question is being built."""
        if not batch:
            await self._show_question(focus)
            return
        with self.app.batch_update():
            await self._show_question(focus)

    async def _show_question(self, focus: bool) -> None:
        main = self.query_one("#main", VerticalScroll)
        await main.remove_children()
        if self.current is None:
            return
        checklist = self.session.checklist
        question = checklist.question_map[self.current]
        ids = [q.id for q in self.questions]
        progress = (
            self.session.organisation_progress()
            if self.owner is ORGANISATION
            else self.session.system_progress(self.owner)
        )
        position = progress.questions_text() if question.id in ids else "no longer asked"
        view = QuestionView(
            checklist,
            question,
            self.session.answer(self.owner, question.id),
            position,
            question.id in self.to_confirm(),
            self.session.default(self.owner, question.id),
        )
        if not main.is_attached:
            return  # the app is closing
        await main.mount(view)
        main.scroll_home(animate=False)
        self.refresh_nav()  # moves the highlight; rebuilds only if the list changed
        # Scroll the sidebar once it is laid out, so the current question is in view.
        nav = self.query_one("#nav", OptionList)
        self.call_after_refresh(nav.scroll_to_highlight, top=True)
        if focus:
            # the answers take the focus without scrolling the question's text away (a long
            # list would otherwise be scrolled into view, its first lines over the question)
            self.query_one("#answer").focus(scroll_visible=False)
            self.call_after_refresh(main.scroll_home, animate=False)

    # -- answering -------------------------------------------------------------------------------

    def _question(self) -> Question | None:
        return self.session.checklist.question_map.get(self.current or "")

    def _set(self, value: str | tuple[str, ...]) -> None:
        assert self.current is not None
        self.session.set_answer(self.owner, self.current, value)

    async def _answer_and_advance(self, value: str | tuple[str, ...]) -> None:
        answered = self.current
        self._set(value)
        await asyncio.sleep(0)  # the screen redraws the outcome first, on the announcement
        await self.action_next(batch=False)
        if self.current == answered:  # nowhere to go: show the choice on the question itself
            await self.show_question(batch=False)

    async def action_key(self, value: str) -> None:
        question = self._question()
        if question is None or question.kind not in ("yes_no", "choice", "multi"):
            return
        option = question.option_for_key(value)
        if option is None:
            self.app.bell()
            return
        alone = question.kind == "multi" and option in {
            o.id for o in question.all_options if o.alone
        }
        if alone:  # n ("None of these") or u on a multi-choice question: a whole answer
            await self._answer_and_advance((option,))
        else:
            await self._choose(option)

    async def _choose(self, option: str) -> None:
        question = self._question()
        if question is not None and question.kind == "multi":
            await self._toggle(option)
        else:
            await self._answer_and_advance(option)

    async def action_pick(self, number: int) -> None:
        question = self._question()
        if question is None or question.kind == "text":
            return
        options = question.all_options
        if not 1 <= number <= len(options):
            self.app.bell()
            return
        await self._choose(options[number - 1].id)  # a digit ticks, even "None of these"

    async def _toggle(self, option_id: str) -> None:
        self.query_one("#answer", TickList).toggle(option_id)

    @on(OptionList.OptionSelected, "#answer")
    async def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option_id:
            await self._answer_and_advance(event.option_id)

    @on(TickList.Changed, "#answer")
    def _ticked(self, event: TickList.Changed) -> None:
        selection = event.tick_list
        chosen = selection.selected
        answer = self.session.answer(self.owner, self.current or "")
        default = self.session.default(self.owner, self.current or "")
        if answer is not None and isinstance(answer.value, list):
            before = set(answer.value)
        else:
            before = set(default) if isinstance(default, tuple) and answer is None else set()
        if set(chosen) == before:
            return  # nothing the user did: e.g. the list being filled
        added = [c for c in chosen if c not in before]
        # options chosen alone ("None of these", "Unsure"): ticking one clears the others,
        # and the other way round
        question = self._question()
        alone = {o.id for o in question.all_options if o.alone} if question else set()
        if any(a in alone for a in added):
            keep = [a for a in added if a in alone][-1:]
        else:
            keep = [c for c in chosen if c not in alone]
        if sorted(keep) != sorted(chosen):
            selection.set_ticked(keep)
        if keep:
            self._set(tuple(keep))
        elif answer is not None:
            self.session.clear_answer(self.owner, self.current or "")

    @on(TextArea.Changed, "#answer")
    def _typed(self, event: TextArea.Changed) -> None:
        answer = self.session.answer(self.owner, self.current or "")
        text = restore(event.text_area.text, str(answer.value) if answer else "")
        if answer is not None and answer.value == text:
            return  # nothing the user typed: e.g. the box being filled
        self._pending_text = text
        self._typing.poke()

    def flush_typing(self) -> None:
        self._typing.cancel()
        if self._pending_text is None or self.current is None:
            return
        text, self._pending_text = self._pending_text, None
        question = self._question()
        if question is None or question.kind != "text":
            return
        if text.strip():
            self.session.set_answer(self.owner, self.current, text)
        else:
            self.session.clear_answer(self.owner, self.current)

    # -- moving ----------------------------------------------------------------------------------

    async def go(self, question_id: str | None, focus: bool = True, batch: bool = True) -> None:
        self.flush_typing()
        if question_id is not None:
            self.current = question_id
        await self.show_question(focus, batch)
        self.refresh_bindings()

    async def action_next(self, batch: bool = True) -> None:
        ids = [q.id for q in self.questions]
        if self.current in ids:
            index = ids.index(self.current)
            if index + 1 < len(ids):
                await self.go(ids[index + 1], batch=batch)
                return
        elif ids:
            # the question just answered hid itself: go to the next one in checklist order
            order = [q.id for q in self.session.checklist.questions]
            after = order.index(self.current) if self.current in order else -1
            nxt = next((q for q in ids if order.index(q) > after), None)
            if nxt:
                await self.go(nxt, batch=batch)
                return
        await self.action_next_open(batch=batch, onward=False)

    async def action_previous(self) -> None:
        ids = [q.id for q in self.questions]
        if self.current in ids and ids.index(self.current) > 0:
            await self.go(ids[ids.index(self.current) - 1])

    def next_open_system(self) -> str | None:
        """The next system, in the overview's order, with questions still to answer."""
        systems = [s.id for s in self.session.assessment.systems]
        start = systems.index(self.owner) + 1 if self.owner in systems else 0
        for system_id in systems[start:] + systems[:start]:
            if system_id != self.owner and self.session.system_left(system_id):
                return system_id
        return None

    async def action_next_open(self, batch: bool = True, onward: bool = True) -> None:
        """The next question still open; when there is none here, the next system with
        questions still open (``onward``: the key g, not the end of an answer)."""
        ids = [q.id for q in self.questions]
        pending = set(self.open_questions()) | set(self.to_confirm())
        if not pending:
            key = self.charter_app.key_text
            other = self.next_open_system()
            if other is not None and onward:
                self.app.pop_screen()
                self.charter_app.open_walk(other)
                return
            then = (
                f"; {key('walk.next_open')} goes on to "
                f"{self.session.assessment.system(other).name}, still open"
                if other is not None
                else ""
            )
            self.notify(
                visible(
                    f"Every question here is answered. {key('walk.plan')}: the plan, "
                    f"{key('walk.why')}: the reasons{then}."
                ),
                timeout=6,
                markup=False,
            )
            return
        start = ids.index(self.current) + 1 if self.current in ids else 0
        for question_id in ids[start:] + ids[:start]:
            if question_id in pending:
                await self.go(question_id, batch=batch)
                return

    @on(OptionList.OptionSelected, "#nav")
    async def _jump(self, event: OptionList.OptionSelected) -> None:
        if event.option_id:
            await self.go(event.option_id)

    def action_switch_focus(self) -> None:
        nav = self.query_one("#nav")
        if nav.has_focus:
            self.query_one("#answer").focus()
        else:
            nav.focus()

    # -- other actions ---------------------------------------------------------------------------

    async def action_confirm(self) -> None:
        if self.current in self.to_confirm():
            self.session.confirm(self.owner, self.current or "")
            await self.go(self.current)

    async def action_clear(self) -> None:
        if self.current:
            self.session.clear_answer(self.owner, self.current)
            await self.go(self.current)

    def action_note(self) -> None:
        question = self._question()
        if question is None:
            return
        answer = self.session.answer(self.owner, question.id)

        def done(values: dict[str, str] | None) -> None:
            if values is not None:
                self.session.set_note(self.owner, question.id, values["note"], values["evidence"])
                self.call_later(self.go, question.id)  # (the change is in before this returns)

        self.app.push_screen(
            FormScreen(
                f"Note and evidence: {question.text}",
                [
                    Field("note", "Note", (answer.note or "") if answer else "", "text"),
                    Field(
                        "evidence",
                        "Evidence (document, contract clause, ticket...)",
                        (answer.evidence or "") if answer else "",
                    ),
                ],
            ),
            done,
        )

    def action_details(self) -> None:
        if self.owner is ORGANISATION:
            organisation = self.session.assessment.organisation

            def org_done(values: dict[str, str] | None) -> None:
                if values is not None:
                    self.session.set_organisation(values["name"], values["country"])

            self.app.push_screen(
                FormScreen(
                    "Organisation",
                    [
                        Field("name", "Name", organisation.name),
                        Field("country", "Country", organisation.country or ""),
                    ],
                ),
                org_done,
            )
            return
        self.edit_system_details(self.owner)

    def action_search(self) -> None:
        """Find a question of this system or of the organisation, and go to it."""
        self.flush_typing()
        checklist = self.session.checklist
        owners: list[Owner] = [ORGANISATION] if self.owner is ORGANISATION else [self.owner]
        if self.owner is not ORGANISATION:
            owners.append(ORGANISATION)
        findable = []
        for owner in owners:
            if owner is ORGANISATION:
                ids = self.session.organisation_questions().visible
            else:
                ids = self.session.system_questions(owner)
            for qid in ids:
                question = checklist.question_map[qid]
                where = checklist.section_map[question.section].short
                findable.append(Findable(owner, where, question))

        async def found(choice: Findable | None) -> None:
            if choice is None:
                return
            if choice.owner == self.owner:
                await self.go(choice.question.id)
            else:
                self.charter_app.open_walk(choice.owner, start=choice.question.id)

        self.app.push_screen(SearchScreen(findable), found)

    def action_why(self) -> None:
        self.flush_typing()
        self.charter_app.open_why(self.owner)

    def action_plan(self) -> None:
        self.flush_typing()
        self.charter_app.open_plan(self.owner)

    async def action_text_next(self) -> None:
        """On from a text answer in one key (the arrows move the cursor in the box)."""
        await self.action_next()

    def action_back(self) -> None:
        focused = self.focused
        if isinstance(focused, TextArea):
            # escape leaves the text box first, so the keys work again
            self.flush_typing()
            self.query_one("#nav").focus()
            return
        self.flush_typing()
        self.dismiss(None)
