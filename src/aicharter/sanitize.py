"""Text from a file or a user, made safe to show.

An assessment or checklist may come from someone else, and anything in it (a system name, a
note, a TOML key) could hold terminal control sequences: ESC or CSI codes that clear the screen,
OSC 52 that writes the clipboard, OSC 8 that plants links, C1 controls. Terminals act on them;
Textual and ``print`` pass most of them through. Every path that shows such text (the TUI, the
command line, error messages, Markdown and HTML reports) runs it through :func:`visible`, which
shows each control character as a visible stand-in and never passes it on. JSON output escapes
them instead (:func:`json_text`).
"""

from __future__ import annotations

import json
import re
from typing import Any

_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
"""C0 controls but tab and line feed, DEL, C1 controls, the bidirectional controls that can
make text read otherwise than it is stored, and lone surrogates: how Python holds a byte of a
file name that is not UTF-8, which goes back out as that raw byte (0x9b is a C1 CSI)."""

_JSON_UNSAFE = re.compile(
    "[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]"
)

QUOTE_LIMIT = 200
"""The most characters of a file's text an error message repeats."""


def _stand_in(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control pictures: ␛ for ESC, ␍ for CR
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def _html_stand_in(match: re.Match[str]) -> str:
    return _stand_in(match).replace("<", "&lt;").replace(">", "&gt;")


def visible(text: str, html: bool = False) -> str:
    """``text`` with every control character shown as a visible stand-in (ESC as ␛, a C1 or
    bidirectional control as ``<U+009B>``, escaped as ``&lt;U+009B&gt;`` in ``html``, where
    the browser would take it for a tag); tabs and line breaks (LF, or CRLF, which becomes LF)
    are kept."""
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    return _CONTROL.sub(_html_stand_in if html else _stand_in, text)


def restore(edited: str, original: str) -> str:
    """Text edited in a box that was filled with ``visible(original)``: the stand-ins of the
    control characters ``original`` held are put back, so that changing one word does not
    rewrite the rest (a right-to-left mark in a name stays a mark, not the text
    ``<U+200F>``). Stand-ins the user typed where the original had no such character stay as
    typed."""
    for char in set(_CONTROL.findall(original)):
        edited = edited.replace(_CONTROL.sub(_stand_in, char), char)
    return edited


def quote(text: str, limit: int = QUOTE_LIMIT) -> str:
    """File text to repeat in a message: visible, and at most ``limit`` characters."""
    shown = visible(text)
    if len(shown) > limit:
        return shown[: limit - 1] + "…"
    return shown


def json_text(data: Any, indent: int | None = 2) -> str:
    """JSON for people and scripts alike: readable UTF-8, with every control character
    escaped (``json`` escapes C0 itself; C1, DEL, bidirectional controls and the Unicode line
    separators are escaped here), so that printing it cannot drive a terminal."""
    text = json.dumps(data, indent=indent, ensure_ascii=False)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
