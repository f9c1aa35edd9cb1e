"""One sanitizer for every piece of untrusted text that reaches a terminal.

Documents and TOML files are data: control characters (C0, C1, DEL, ESC) and bidi
overrides are shown escaped as visible `\\x1b`-style text, so nothing in a claim can move
the cursor, change the terminal title, write the clipboard (OSC 52) or reorder a line.
Markup is a separate concern, handled by the TUI by never parsing untrusted text as markup.
"""

from __future__ import annotations

import re

#: C0 controls except tab/newline, DEL, C1 controls, and the bidi embedding/override/isolate
#: and mark characters (U+061C, U+200E/F, U+202A-E, U+2066-9), plus U+FEFF and U+2028/9.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]"
)
_UNSAFE_SINGLE_LINE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code == 0x0A:
        return "\\n"
    if code == 0x09:
        return "\\t"
    if code == 0x0D:
        return "\\r"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def sanitize(text: str) -> str:
    """Text safe to show: unsafe characters replaced by their visible escape; newlines kept."""
    return _UNSAFE.sub(_escape, text)


def sanitize_line(text: str) -> str:
    """Like sanitize, for one-line fields (list rows, titles): newlines and tabs escaped too."""
    return _UNSAFE_SINGLE_LINE.sub(_escape, text)


def clip(text: str, limit: int = 80) -> str:
    """Text cut to `limit` characters with an ellipsis: a quoted value can be megabytes long."""
    return text if len(text) <= limit else text[:limit] + "…"
