"""Every key of the app, defined once.

Each screen's ``BINDINGS``, the footer, F1 help, the command palette, the hint lines under a
question, the buttons of the dialogs, the words that name a key in a message and the README's
keys table are all built from :data:`KEYS`. Every binding carries its id, so a person can
remap it in ``keymap.toml`` in the config folder (see :mod:`aicharter.files.keymap`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Key:
    id: str
    """``screen.name``: the binding id a keymap file names."""
    key: str
    """The default key or keys (comma-separated); empty for a palette-only command."""
    action: str
    """The Textual action; empty for a key a widget handles itself (listed, not bound)."""
    title: str
    """Its name in F1 help and the command palette."""
    tooltip: str = ""
    """What it does, in a few more words (F1, the palette, the footer's tooltip)."""
    footer: str = ""
    """Its short label in the footer; empty: not in the footer (still in F1 and the palette)."""
    priority: bool = False
    hint: str = ""
    """Its word in a hint line; empty: the footer label (or the title), in lower case."""

    @property
    def bound(self) -> bool:
        return bool(self.key and self.action)


def _k(*args: str, **kw: object) -> Key:
    return Key(*args, **kw)  # type: ignore[arg-type]


KEYS: dict[str, tuple[Key, ...]] = {
    "app": (
        _k("app.help", "f1", "help", "Help", "The keys of this screen", footer="Help"),
        _k("app.palette", "ctrl+p", "", "Command palette", "Every action here, by name"),
        _k("app.undo", "ctrl+z", "undo", "Undo", "Undo the last change"),
        _k("app.redo", "ctrl+y", "redo", "Redo", "Make the undone change again"),
        _k("app.save", "ctrl+s", "save", "Save again", "Save now (retries a failed save)"),
        _k(
            "app.save_as",
            "",
            "save_as",
            "Save as another file",
            "Write to a new file and go on there",
        ),
        _k(
            "app.fresh_demo",
            "",
            "fresh_demo",
            "Fresh demo copy",
            "Your demo copy is kept beside it",
        ),
        _k("app.theme", "ctrl+t", "toggle_theme", "Light or dark theme", "Switch the colour theme"),
        _k(
            "app.quit",
            "ctrl+q",
            "quit",
            "Quit",
            "Asks first if a change is not saved",
            priority=True,  # as Textual's own: it works in a dialog too
        ),
    ),
    "start": (
        _k("start.open_recent", "enter", "", "Open the recent file", "Open the highlighted file"),
        _k("start.new", "n", "new", "New file", "Start a new assessment file", footer="New"),
        _k(
            "start.open",
            "o",
            "open",
            "Open a file",
            "Open an assessment by its path",
            footer="Open",
        ),
        _k(
            "start.demo",
            "d",
            "demo",
            "Open the demo",
            "A fresh copy of the demo assessment",
            footer="Demo",
        ),
        _k(
            "start.forget",
            "x",
            "forget",
            "Forget the file",
            "Remove it from this list",
            footer="Forget",
        ),
        _k("start.quit", "q", "app.quit", "Quit", "Quit aicharter", footer="Quit"),
    ),
    "overview": (
        _k(
            "overview.open",
            "enter",
            "open",
            "Walk through the system",
            "Its questions, one by one",
            footer="Open",
        ),
        _k("overview.add", "a", "add", "Add a system", "Add an AI system", footer="Add"),
        _k(
            "overview.plan",
            "p",
            "plan",
            "Plan",
            "The system's steps and obligations",
            footer="Plan",
        ),
        _k(
            "overview.why",
            "w",
            "why",
            "Why?",
            "Reasons for the outcome",
            footer="Why?",
        ),
        _k(
            "overview.dashboard",
            "b",
            "dashboard",
            "Dashboard",
            "Every system's verdict, decision and dates",
            footer="Board",
        ),
        _k(
            "overview.organisation",
            "o",
            "organisation",
            "Organisation questions",
            "Asked once for the firm",
            footer="Org",
        ),
        _k(
            "overview.team",
            "t",
            "team",
            "Team",
            "The governance team (checklist #1)",
            footer="Team",
        ),
        _k(
            "overview.steps",
            "s",
            "org_steps",
            "Organisation steps",
            "Checklist steps #1, #6, #10",
        ),
        _k("overview.fria", "f", "fria", "FRIA worksheet", "The system's FRIA (Art. 27)"),
        _k(
            "overview.timeline",
            "i",
            "timeline",
            "Timeline",
            "Legal dates and due dates",
        ),
        _k(
            "overview.vendor",
            "v",
            "vendor",
            "Vendor questionnaire",
            "Questions for the provider",
        ),
        _k(
            "overview.draft",
            "r",
            "draft",
            "Draft a document",
            "Notice, workers, FRIA, literacy...",
        ),
        _k(
            "overview.review",
            "m",
            "review",
            "Mark reviewed",
            "Record the verdict, to compare",
        ),
        _k(
            "overview.export",
            "e",
            "export",
            "Export the report",
            "HTML, Markdown or JSON",
            footer="Export",
        ),
        _k(
            "overview.details",
            "d",
            "details",
            "System details",
            "Name, vendor, description, purpose",
        ),
        _k(
            "overview.duplicate",
            "c",
            "duplicate",
            "Duplicate the system",
            "A copy with its answers",
        ),
        _k("overview.delete", "x", "delete", "Delete the system", "Asks first"),
        _k("overview.link", "l", "link", "Link a combined use case", "The systems used together"),
        _k("overview.files", "ctrl+o", "files", "Recent files", "Back to the start screen"),
        _k("overview.quit", "q", "app.quit", "Quit", "Everything is saved"),
    ),
    "walk": (
        _k("walk.yes", "y", "key('yes')", "Yes", "Answer yes"),
        _k("walk.no", "n", "key('no')", "No", "Answer no"),
        _k(
            "walk.unsure",
            "u",
            "key('unsure')",
            "Unsure",
            "Stricter reading, marked for review",
        ),
        _k(
            "walk.pick",
            "1-9",
            "pick",
            "Option N",
            "Choose or tick option N",
            hint="pick",
        ),
        _k("walk.choose", "enter", "", "Choose", "Choose the highlighted option"),
        _k("walk.tick", "space", "", "Tick", "Tick or untick the highlighted option"),
        _k("walk.next", "right", "next", "Next question", "Go on", footer="Next"),
        _k("walk.previous", "left", "previous", "Previous question", "Go back", footer="Back"),
        _k(
            "walk.next_open",
            "g",
            "next_open",
            "Next open question",
            "Then the next system still open",
            footer="Next open",
        ),
        _k(
            "walk.why",
            "w",
            "why",
            "Why?",
            "Reasons for the outcome, with articles",
            footer="Why?",
        ),
        _k(
            "walk.note",
            "e",
            "note",
            "Note and evidence",
            "Attach them to this answer",
            footer="Note",
        ),
        _k("walk.confirm", "c", "confirm", "Confirm a kept answer", "Keep an answer from before"),
        _k("walk.clear", "x", "clear", "Clear the answer", "Remove this answer"),
        _k("walk.details", "d", "details", "Details", "Name, vendor, description, purpose"),
        _k(
            "walk.search",
            "slash",
            "search",
            "Find a question",
            "By words in its text or help",
            footer="Find",
        ),
        _k("walk.plan", "p", "plan", "Plan", "The checklist steps and obligations"),
        _k(
            "walk.switch",
            "tab",
            "switch_focus",
            "Questions or answer",
            "Move between the list and the answer",
        ),
        _k(
            "walk.text_next",
            "ctrl+n",
            "text_next",
            "Next question",
            "From a text answer: it is saved, the walk goes on",
            footer="Next",
            hint="next question",
        ),
        _k(
            "walk.leave_text",
            "escape",
            "",
            "Leave the text box",
            "Then keys work",
            hint="leave the box",
        ),
        _k(
            "walk.back",
            "escape",
            "back",
            "Back to the overview",
            "Everything is saved",
            footer="Overview",
        ),
    ),
    "plan": (
        _k(
            "plan.cycle",
            "space",
            "cycle",
            "Next status",
            "Not started, in progress, done, n/a",
            footer="Status",
        ),
        _k(
            "plan.edit",
            "enter",
            "edit",
            "Edit the item",
            "Status, owner, due, notes, evidence",
            footer="Edit",
        ),
        _k(
            "plan.next_open",
            "g",
            "next_open",
            "Next open item",
            "The next step or obligation not done",
            footer="Next open",
        ),
        _k("plan.why", "w", "why", "Why?", "The reasons for the outcome", footer="Why?"),
        _k(
            "plan.fria", "f", "fria", "FRIA worksheet", "The system's FRIA (Art. 27)", footer="FRIA"
        ),
        _k("plan.back", "escape", "back", "Back", "Back to where you came from", footer="Back"),
    ),
    "search": (
        _k("search.go", "enter", "go", "Go to it", "The highlighted question", hint="go to it"),
        _k("search.down", "down", "down", "Next match", "Move down the matches", hint="next"),
        _k("search.up", "up", "up", "Previous match", "Move up the matches"),
        _k("search.close", "escape", "close", "Close", "Back to the question", hint="close"),
    ),
    "dashboard": (
        _k(
            "dashboard.back",
            "escape,b",
            "back",
            "Close the dashboard",
            "Back to the overview",
            footer="Overview",
        ),
        _k("dashboard.timeline", "i", "timeline", "Timeline", "Every date", footer="Timeline"),
    ),
    "timeline": (
        _k(
            "timeline.back",
            "escape,i",
            "back",
            "Close the timeline",
            "Back to where you came from",
            footer="Back",
        ),
        _k(
            "timeline.calendar",
            "e",
            "calendar",
            "Export to a calendar",
            "The dates as a .ics file",
            footer="Calendar",
        ),
    ),
    "why": (
        _k(
            "why.back",
            "escape,w",
            "back",
            "Close the reasons",
            "Back to where you came from",
            footer="Back",
        ),
        _k("why.top", "home", "top", "Top", "Scroll to the top"),
    ),
    "fria": (
        _k("fria.back", "escape", "back", "Back", "The text is saved as you type", footer="Back"),
    ),
    "team": (
        _k("team.add", "a", "add", "Add a member", "Name, role, contact", footer="Add"),
        _k(
            "team.edit", "enter", "edit", "Edit the member", "The highlighted member", footer="Edit"
        ),
        _k(
            "team.remove",
            "x",
            "remove",
            "Remove the member",
            "The highlighted member",
            footer="Remove",
        ),
        _k("team.back", "escape", "back", "Back", "Back to the overview", footer="Back"),
    ),
    "help": (_k("help.close", "escape,q", "close", "Close", "Close this list", footer="Close"),),
    "form": (
        _k("form.save", "ctrl+s", "save", "Save", "Save the form", footer="Save", priority=True),
        _k("form.cancel", "escape", "cancel", "Cancel", "Close without saving", footer="Cancel"),
        _k(
            "form.complete",
            "tab",
            "",
            "Complete the path",
            "In a file field: take the grey suggestion (else next field)",
        ),
    ),
    "confirm": (
        _k("confirm.yes", "y", "answer(True)", "Yes", "Do it", footer="Yes"),
        _k("confirm.no", "n,escape", "answer(False)", "No", "Leave it", footer="No"),
    ),
    "message": (_k("message.close", "enter,escape", "close", "Close", "Close", footer="Close"),),
    "exported": (
        _k(
            "exported.open",
            "o",
            "choose('open')",
            "Open it",
            "With this computer's viewer for the file",
            footer="Open it",
        ),
        _k("exported.close", "escape,enter", "choose(None)", "Close", "Back", footer="Close"),
    ),
    "conflict": (
        _k(
            "conflict.keep",
            "k",
            "choose('keep')",
            "Keep mine",
            "Write my version; theirs kept as a copy",
            footer="Keep mine",
        ),
        _k(
            "conflict.reload",
            "r",
            "choose('reload')",
            "Reload theirs",
            "Drop my unsaved change",
            footer="Reload theirs",
        ),
        _k(
            "conflict.later",
            "escape",
            "choose(None)",
            "Later",
            "Keep editing, not saved",
            footer="Later",
        ),
    ),
    "unsaved": (
        _k(
            "unsaved.retry",
            "r",
            "choose('retry')",
            "Retry",
            "Save to the same file again",
            footer="Retry",
        ),
        _k(
            "unsaved.save_as",
            "a",
            "choose('save_as')",
            "Save as…",
            "Save to another file and quit",
            footer="Save as…",
        ),
        _k(
            "unsaved.lose",
            "l",
            "choose('lose')",
            "Quit, lose it",
            "Quit without the change",
            footer="Quit, lose it",
        ),
        _k(
            "unsaved.back",
            "escape",
            "choose(None)",
            "Back",
            "Keep working on the assessment",
            footer="Back",
        ),
    ),
}
"""Every key, by the screen (or dialog) it belongs to; ``app`` keys work everywhere."""

WHERE = {
    "app": "everywhere",
    "start": "start",
    "overview": "overview",
    "dashboard": "dashboard",
    "timeline": "timeline",
    "search": "find a question (/)",
    "walk": "walk-through",
    "plan": "plan",
    "why": "why?",
    "fria": "FRIA worksheet",
    "team": "team",
    "help": "help (F1)",
    "form": "forms",
    "confirm": "yes-or-no questions",
    "message": "messages",
    "exported": "file written",
    "conflict": "changed by someone else",
    "unsaved": "not saved, quitting",
}
"""How the README names each scope."""

BY_ID: dict[str, Key] = {k.id: k for keys in KEYS.values() for k in keys}
PICK_KEYS = tuple(str(n) for n in range(1, 10))
"""The nine option digits of ``walk.pick``: one entry, nine bindings (``pick(1)``...)."""
REMAPPABLE = frozenset(
    k.id for keys in KEYS.values() for k in keys if k.bound and k.id != "walk.pick"
)
"""The binding ids a keymap may name (keys a widget handles itself, and the nine digits, are
fixed)."""


BindingList = list[Binding | tuple[str, str] | tuple[str, str, str]]
"""The type Textual gives ``BINDINGS``."""


def bindings(scope: str) -> BindingList:
    """The ``BINDINGS`` of a screen (or the app), with ids so a keymap can change them."""
    out: BindingList = []
    for key in KEYS[scope]:
        if not key.bound:
            continue
        if key.id == "walk.pick":
            out += [
                Binding(n, f"pick({n})", key.title, show=False, id=f"walk.pick{n}")
                for n in PICK_KEYS
            ]
            continue
        out.append(
            Binding(
                key.key,
                key.action,
                key.footer or key.title,
                show=bool(key.footer),
                tooltip=key.tooltip,
                priority=key.priority,
                id=key.id,
            )
        )
    return out


def keymap_of(app: object) -> Mapping[str, str]:
    """The key map an app applies (the person's ``keymap.toml``); none for other apps."""
    keymap = getattr(app, "user_keymap", None)
    return keymap if isinstance(keymap, Mapping) else {}


def keys_of(key: Key, keymap: Mapping[str, str]) -> list[str]:
    """The keys that trigger it now: the keymap's, else the default."""
    return [k.strip() for k in keymap.get(key.id, key.key).split(",") if k.strip()]


def display(key_id: str, keymap: Mapping[str, str] = {}, show: Iterable[str] = ()) -> str:
    """How a key is named to a person, e.g. ``y``, ``ctrl+s``, ``esc``, ``1-9``: the first of
    its keys (all of them for those in ``show``)."""
    key = BY_ID[key_id]
    if key.id == "walk.pick":
        return "1-9"
    names = [_NAMES.get(k, k) for k in keys_of(key, keymap)]
    return " / ".join(names) if key_id in show else names[0]


_NAMES = {"escape": "esc", "right": "→", "left": "←", "up": "↑", "down": "↓"}


def hint(keymap: Mapping[str, str], *key_ids: str) -> str:
    """A hint line: ``y yes · n no · e note and evidence``."""
    words = ((i, BY_ID[i]) for i in key_ids)
    return " · ".join(
        f"{display(i, keymap)} {k.hint or (k.footer or k.title).lower()}" for i, k in words
    )


def button_label(key_id: str, keymap: Mapping[str, str] = {}) -> str:
    """A button's label with its key, e.g. ``Save (ctrl+s)``."""
    return f"{BY_ID[key_id].title} ({display(key_id, keymap)})"


KEYS_START = (
    "<!-- keys: generated by scripts/docs.py from src/aicharter/tui/keys.py; do not edit -->"
)
KEYS_END = "<!-- end of keys -->"


def keys_markdown() -> str:
    """The README's keys table (where, key, what it does) between its markers."""
    rows = [KEYS_START, "", "| where | key | action | id (keymap.toml) |", "|---|---|---|---|"]
    for scope, keys in KEYS.items():
        where = WHERE[scope]
        for key in keys:
            if not key.key:
                continue
            shown = " / ".join(_NAMES.get(k, k) for k in key.key.split(","))
            tip = key.tooltip
            if tip[1:2].islower():
                tip = tip[0].lower() + tip[1:]  # "HTML, ..." keeps its capitals
            text = f"{key.title}: {tip}" if tip else key.title
            ident = f"`{key.id}`" if key.id in REMAPPABLE else "(fixed)"
            rows.append(f"| {where} | {shown} | {text} | {ident} |")
            where = ""
    return "\n".join([*rows, "", KEYS_END]) + "\n"
