"""Small modal dialogs: forms, confirmations, errors, picking several items."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, SelectionList, Static, TextArea
from textual.widgets.button import ButtonVariant
from textual.widgets.selection_list import Selection

from aicharter.sanitize import restore, visible
from aicharter.tui.keys import bindings, button_label, keymap_of
from aicharter.tui.text import plain
from aicharter.tui.widgets.path_input import PathInput


@dataclass
class Field:
    name: str
    label: str
    value: str = ""
    kind: str = "input"
    """``input`` (one line), ``path`` (one line that completes file paths with Tab), ``text``
    (several lines) or ``select``."""
    options: Sequence[tuple[str, str]] = field(default_factory=tuple)
    """For ``select``: (label, value) pairs."""
    placeholder: str = ""


def new_file_problem(text: str, may_exist: bool = True) -> str | None:
    """What is wrong with ``text`` as the name of a file to create, or None."""
    path = Path(text).expanduser()
    if not text.strip():
        return "Give a file name, e.g. assessment.toml."
    if path.is_dir():
        return "That is a folder: add a file name."
    if not path.parent.is_dir():
        return f"The folder {path.parent} does not exist."
    if not may_exist and (path.exists() or path.is_symlink()):
        return "A file of that name already exists: choose another name."
    return None


class FormScreen(ModalScreen[dict[str, str] | None]):
    """A titled form. ctrl+s or the Save button saves; escape cancels."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = bindings("form")
    KEY_SCOPE = "form"

    def __init__(
        self,
        title: str,
        fields: Sequence[Field],
        check: Callable[[dict[str, str]], str | None] | None = None,
        holds_work: bool = True,
    ) -> None:
        super().__init__()
        self.form_title = title
        self.fields = list(fields)
        self.check = check
        self.holds_work = holds_work
        """The form edits the assessment: what was typed in it is saved, not dropped, when the
        app quits with it open. (A form that asks where to put a file does not.)"""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain(self.form_title), classes="title")
            with VerticalScroll(classes="fields"):
                for f in self.fields:
                    yield Label(plain(f.label))
                    if f.kind == "text":
                        yield TextArea(
                            visible(f.value), id=f"f-{f.name}", soft_wrap=True, classes="long"
                        )
                    elif f.kind == "select":
                        values = [v for _, v in f.options]
                        yield Select(
                            [(plain(label), value) for label, value in f.options],
                            value=f.value if f.value in values else Select.NULL,
                            id=f"f-{f.name}",
                            allow_blank=f.value not in values,  # no blank once one is chosen
                        )
                    elif f.kind == "path":
                        yield PathInput(visible(f.value), id=f"f-{f.name}")
                    else:
                        yield Input(visible(f.value), placeholder=f.placeholder, id=f"f-{f.name}")
            yield Static("", id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(
                    button_label("form.save", keymap_of(self.app)), variant="primary", id="save"
                )
                yield Button(button_label("form.cancel", keymap_of(self.app)), id="cancel")

    def on_mount(self) -> None:
        # Focus the first field, not the scrolling container around the fields.
        if self.fields:
            self.query_one(f"#f-{self.fields[0].name}").focus()

    def values(self) -> dict[str, str]:
        """What the form holds now (control characters the values came with put back)."""
        shown = self._shown()
        return {f.name: restore(shown[f.name], f.value) for f in self.fields}

    def _shown(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for f in self.fields:
            widget = self.query_one(f"#f-{f.name}")
            if isinstance(widget, TextArea):
                out[f.name] = widget.text
            elif isinstance(widget, Select):
                out[f.name] = "" if widget.value is Select.NULL else str(widget.value)
            elif isinstance(widget, Input):
                out[f.name] = widget.value
        return out

    def changed(self) -> bool:
        """Something was typed or chosen since the form opened."""
        if not self.is_mounted:
            return False
        return self._shown() != {f.name: visible(f.value) for f in self.fields}

    def on_input_submitted(self, event: Input.Submitted) -> None:
        inputs = list(self.query(Input))
        index = inputs.index(event.input)
        if index + 1 < len(inputs):
            inputs[index + 1].focus()
        else:
            self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def apply(self) -> bool:
        """Save the form as ctrl+s does, but with the change in the session before this
        returns (on the way out there is no later): the opener's result callback is run
        here. False, with the problem shown, when the check fails."""
        if self.problem():
            return False
        values = self.values()
        if self._result_callbacks:  # Textual's record of the opener's callback (pinned)
            pending = self._result_callbacks[-1]
            handle, pending.callback = pending.callback, None
            if handle is not None:
                handle(values)
        self.dismiss(None)
        return True

    def as_text(self) -> str:
        """What the form holds, as plain text: kept in a file when it cannot be applied on
        the way out (its check fails, or the app is stopping on an error)."""
        values = self.values()
        lines = [self.form_title, ""]
        for f in self.fields:
            lines += [f"{f.label}:", values.get(f.name, ""), ""]
        return "\n".join(lines)

    def problem(self) -> str | None:
        """What the check finds wrong with the values, now shown on the form; None if fine."""
        problem = self.check(self.values()) if self.check else None
        self.query_one("#error", Static).update(plain(problem or ""))
        return problem

    def action_save(self) -> None:
        """Hand the values on and close, unless the check finds a problem (shown).

        ctrl+s is a priority key: the app handles it before the field in focus has taken the
        keys typed just before it (typed fast, or sent by a tool, they wait in that field's
        queue). So the save waits its turn in the same queue and reads every character."""
        focused = self.focused
        if focused is not None:
            focused.call_later(self._save)
        else:
            self._save()

    def _save(self) -> None:
        if not self.problem():
            self.dismiss(self.values())

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    CSS_PATH = "dialogs.tcss"
    AUTO_FOCUS = "#no"
    BINDINGS = bindings("confirm")
    KEY_SCOPE = "confirm"

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog small"):
            yield Static(plain(self.message), classes="title")
            with Horizontal(classes="buttons"):
                yield Button(
                    button_label("confirm.yes", keymap_of(self.app)), variant="error", id="yes"
                )
                yield Button(button_label("confirm.no", keymap_of(self.app)), id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class MessageScreen(ModalScreen[None]):
    """A paragraph to read (e.g. why a file cannot be opened); any of enter or escape closes."""

    CSS_PATH = "dialogs.tcss"
    AUTO_FOCUS = "#close"
    BINDINGS = bindings("message")
    KEY_SCOPE = "message"

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self.message_title = title
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain(self.message_title), classes="title")
            with VerticalScroll(classes="fields"):
                yield Static(plain(self.message), classes="message")
            with Horizontal(classes="buttons"):
                yield Button(
                    button_label("message.close", keymap_of(self.app)),
                    variant="primary",
                    id="close",
                )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)


class PickScreen(ModalScreen[list[str] | None]):
    """Tick several items (space); ctrl+s saves, escape cancels."""

    CSS_PATH = "dialogs.tcss"
    AUTO_FOCUS = "#pick"
    BINDINGS = bindings("form")
    KEY_SCOPE = "form"

    def __init__(self, title: str, items: Sequence[tuple[str, str]], chosen: Sequence[str]):
        super().__init__()
        self.pick_title = title
        self.items = items
        self.chosen = set(chosen)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain(self.pick_title), classes="title")
            yield SelectionList[str](
                *(Selection(plain(label), key, key in self.chosen) for key, label in self.items),
                id="pick",
            )
            with Horizontal(classes="buttons"):
                yield Button(
                    button_label("form.save", keymap_of(self.app)), variant="primary", id="save"
                )
                yield Button(button_label("form.cancel", keymap_of(self.app)), id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)

    def action_save(self) -> None:
        self.dismiss(list(self.query_one("#pick", SelectionList).selected))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceScreen(ModalScreen[str | None]):
    """A situation and a few ways out, one button per key binding (``choose('x')`` dismisses
    with ``x``; ``choose(None)``, on escape, with None), so each key is defined once."""

    CSS_PATH = "dialogs.tcss"
    AUTO_FOCUS = "#back"
    VARIANTS: ClassVar[dict[str, ButtonVariant]] = {}
    """The look of some buttons, by choice."""

    def __init__(self, heading: str, message: str) -> None:
        super().__init__()
        self.heading = heading
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain(self.heading), classes="title")
            yield Static(plain(self.message), classes="message")
            with Horizontal(classes="buttons"):
                for binding in self.BINDINGS:
                    assert isinstance(binding, Binding)
                    choice = _CHOICE.fullmatch(binding.action)
                    assert binding.id is not None
                    name = choice.group(1) if choice else "back"
                    yield Button(
                        button_label(binding.id, keymap_of(self.app)),
                        variant=self.VARIANTS.get(name, "default"),
                        id=name,
                    )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == "back" else event.button.id)

    def action_choose(self, choice: str | None) -> None:
        self.dismiss(choice)


_CHOICE = re.compile(r"choose\('(\w+)'\)")


class ExportedScreen(ChoiceScreen):
    """A file was written (a report, a questionnaire, a draft, a calendar): where, and a key
    that opens it with the computer's viewer."""

    BINDINGS = bindings("exported")
    KEY_SCOPE = "exported"
    VARIANTS = {"open": "primary"}

    def __init__(self, path: str, title: str = "Report written") -> None:
        super().__init__(title, path)


class ConflictScreen(ChoiceScreen):
    """The file changed on disk: keep this version, or reload the other one."""

    BINDINGS = bindings("conflict")
    KEY_SCOPE = "conflict"
    VARIANTS = {"keep": "warning"}

    def __init__(self, message: str) -> None:
        super().__init__("Someone else changed this file", message)


class UnsavedScreen(ChoiceScreen):
    """Quitting while the last change is not saved: retry, save as another file, or quit and
    lose it. Nothing exits silently with unsaved changes."""

    AUTO_FOCUS = "#retry"
    BINDINGS = bindings("unsaved")
    KEY_SCOPE = "unsaved"
    VARIANTS = {"retry": "primary", "lose": "error"}

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"Your last change to {name} is not saved", problem)
