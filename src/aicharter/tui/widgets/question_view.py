"""One question: its text, the answers to choose from, help, references, notes."""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option

from aicharter.content.checklist import Checklist, Question
from aicharter.files.assessment import Answer
from aicharter.outputs.vocabulary import DEFAULTED
from aicharter.rules.engine import AnswerValue
from aicharter.sanitize import visible
from aicharter.tui.keys import display, hint, keymap_of
from aicharter.tui.text import hanging, plain
from aicharter.tui.widgets.tick_list import TickList

HINT_KEYS = {
    "yes_no": ("walk.yes", "walk.no", "walk.unsure", "walk.choose", "walk.note", "walk.why"),
    "choice": ("walk.pick", "walk.choose", "walk.unsure", "walk.note", "walk.why"),
    "multi": ("walk.tick", "walk.pick", "walk.next", "walk.note", "walk.why"),
    "text": ("walk.text_next", "walk.leave_text"),
}
"""The keys named under each kind of question (their names come from the key registry)."""


def hint_line(kind: str, keymap: Mapping[str, str], why: bool = True) -> str:
    """The keys named under a question (``why``: whether Why? works, i.e. for a system)."""
    text = hint(keymap, *(k for k in HINT_KEYS[kind] if why or k != "walk.why"))
    return "type your answer (saved as you type) · " + text if kind == "text" else text


class QuestionView(Vertical):
    """Shows ``question`` with its current ``answer``; the screen handles the events."""

    DEFAULT_CSS = """
    QuestionView {
        height: auto;
    }

    QuestionView .section {
        color: $text-muted;
    }

    QuestionView .text {
        text-style: bold;
        padding: 1 0;
    }

    QuestionView .stale {
        color: $warning;
        padding-bottom: 1;
    }

    QuestionView .default {
        color: $text-muted;
        padding-bottom: 1;
    }

    /* The answer list grows to fit its options (the page scrolls, not the list): a scrollbar of its
       own would narrow it, rewrap the options and change its height again. */
    QuestionView #answer {
        height: auto;
        max-height: 100;
        overflow-y: hidden;
    }

    QuestionView TextArea#answer {
        height: 8;
        overflow-y: auto;
    }

    /* the organisation's name and country: one line each */
    QuestionView TextArea#answer.-field {
        height: 3;
    }

    QuestionView .hint {
        color: $text-muted;
    }

    QuestionView .help {
        padding-top: 1;
    }

    QuestionView .refs {
        color: $text-muted;
    }

    QuestionView .differs {
        padding-top: 1;
        color: $warning;
    }

    QuestionView .note {
        padding-top: 1;
        color: $accent;
    }
    """

    def __init__(
        self,
        checklist: Checklist,
        question: Question,
        answer: Answer | None,
        position: str,
        to_confirm: bool = False,
        default: AnswerValue | None = None,
    ) -> None:
        super().__init__(id="question")
        self.checklist = checklist
        self.question = question
        self.answer = answer
        self.position = position
        self.to_confirm = to_confirm
        self.default = default
        """The answer taken from the organisation's answers while the user has given none."""

    def compose(self) -> ComposeResult:
        q = self.question
        section = self.checklist.section_map[q.section]
        yield Static(plain(f"{section.title}   ·   {self.position}"), classes="section")
        yield Static(plain(q.text), classes="text")
        value = self.answer.value if self.answer and self.answer.value != "" else None
        if value is None and self.default is not None:
            value = list(self.default) if isinstance(self.default, tuple) else self.default
            yield Static(
                plain(
                    f"{DEFAULTED.capitalize()}: {q.answer_label(value)}. "
                    "Choose another answer if this system differs."
                ),
                classes="default",
            )
        if self.to_confirm and value is not None:
            yield Static(
                plain(
                    f"Kept from before this question was hidden: {q.answer_label(value)}. "
                    f"Press {display('walk.confirm', keymap_of(self.app))} to confirm it, or "
                    "choose again."
                ),
                classes="stale",
            )
        yield self._answer_widget(value)
        why = section.scope != "organisation"  # the reasons are per system
        yield Static(plain(hint_line(q.kind, keymap_of(self.app), why)), classes="hint")
        if q.help:
            yield Static(plain(q.help), classes="help")
        if section.intro:
            yield Static(plain(f"{section.title}: {section.intro}"), classes="help")
        explained = [f"{i}. {o.label}: {o.help}" for i, o in enumerate(q.all_options, 1) if o.help]
        if explained:
            yield Static(plain("\n".join(explained)), classes="help")
        if q.refs:
            yield Static(plain("See: " + "; ".join(q.refs)), classes="refs")
        for differs_id in q.differs:
            d = self.checklist.differs_map[differs_id]
            yield Static(
                plain(f"The Charter differs ({d.where}): {d.says} The Act: {d.act}"),
                classes="differs",
            )
        if self.answer and (self.answer.note or self.answer.evidence):
            lines = []
            if self.answer.note:
                lines.append("Note: " + self.answer.note)
            if self.answer.evidence:
                lines.append("Evidence: " + self.answer.evidence)
            yield Static(plain("\n".join(lines)), classes="note")

    def _answer_widget(self, value: str | list[str] | None) -> OptionList | TextArea:
        q = self.question
        if q.kind == "text":
            return TextArea(
                visible(str(value or "")),
                id="answer",
                soft_wrap=True,
                classes="-field" if q.field else "",
            )
        options = q.all_options
        if q.kind == "multi":
            chosen = set(value if isinstance(value, list) else [])
            return TickList(
                ((f"{i}.", o.label, o.id) for i, o in enumerate(options, 1)), chosen, id="answer"
            )
        return OptionList(
            *(
                Option(hanging(f"{'●' if o.id == value else '○'} {i}.", o.label), id=o.id)
                for i, o in enumerate(options, 1)
            ),
            id="answer",
        )

    def on_mount(self) -> None:
        # Long options wrap: measure the list again once its final width is known, or its
        # height can come out too small for the last option.
        answer = self.query_one("#answer")
        self.call_after_refresh(answer.refresh, layout=True)
        if isinstance(answer, TextArea):  # typing goes on where the answer ends
            answer.move_cursor(answer.document.end)
        # Highlight the current answer once the list is laid out (before, it can scroll oddly).
        value = self.answer.value if self.answer else self.default
        if self.question.kind in ("yes_no", "choice") and isinstance(value, str):
            ids = [o.id for o in self.question.all_options]
            if value in ids:
                self.query_one("#answer", OptionList).highlighted = ids.index(value)
