"""Turn untrusted strings into Textual Content: sanitized, never parsed as markup."""

from __future__ import annotations

import os

from textual.content import Content

from factcheck.model import STATUSES
from factcheck.text import sanitize, sanitize_line

#: Colour of each status in lists and details.
STATUS_STYLE: dict[str, str] = {
    "unverified": "dim",
    "in-progress": "yellow",
    "true": "bold green",
    "mostly-true": "green",
    "mixed": "yellow",
    "mostly-false": "red",
    "false": "bold red",
    "misleading": "magenta",
    "unproven": "blue",
    "not-checkable": "blue",
}
#: One distinct glyph per status, so a status never depends on colour alone (README, help).
STATUS_GLYPH: dict[str, str] = {
    "unverified": "○",
    "in-progress": "…",
    "true": "✓",
    "mostly-true": "◔",
    "mixed": "◐",
    "mostly-false": "◕",
    "false": "✗",
    "misleading": "▲",
    "unproven": "?",
    "not-checkable": "–",
}
#: Under NO_COLOR the glyph carries the meaning; a colour turned grey could vanish (a bold
#: red `false` became grey 236 on grey 235), so only text attributes remain.
MONOCHROME_STYLE: dict[str, str] = {
    "unverified": "",
    "true": "bold",
    "false": "bold",
    "misleading": "bold",
}
assert set(STATUS_STYLE) == set(STATUSES) == set(STATUS_GLYPH)


#: The most characters of one untrusted string that a row or a pane draws. A pane shows a
#: few thousand at most; wrapping a 10-million-character claim froze the explorer (minutes
#: per key press). The file keeps every character; only the drawing is cut.
LINE_LIMIT = 1_000
BLOCK_LIMIT = 20_000


def cut(text: str, limit: int) -> str:
    """`text` shortened to `limit` characters, saying how many more there are."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit:,} more characters)"


def line(text: str, style: str = "") -> Content:
    """One line of untrusted text: newlines and control characters shown escaped."""
    content = Content(sanitize_line(cut(text, LINE_LIMIT)))
    return content.stylize(style) if style else content


def block(text: str, style: str = "") -> Content:
    """Multi-line untrusted text: newlines kept, control characters shown escaped."""
    content = Content(sanitize(cut(text, BLOCK_LIMIT)))
    return content.stylize(style) if style else content


def no_colour() -> bool:
    """NO_COLOR set to any value, as Textual reads it (https://no-color.org)."""
    return os.environ.get("NO_COLOR") is not None


def status_style(name: str) -> str:
    if no_colour():
        return MONOCHROME_STYLE.get(name, "")
    return STATUS_STYLE.get(name, "")


def glyph(name: str) -> Content:
    """The status's glyph in its style (the timeline draws one per claim)."""
    return Content(STATUS_GLYPH.get(name, "·")).stylize(status_style(name))


#: Width of a status with its glyph, padded: "◕ mostly-false" and "– not-checkable" fit.
STATUS_WIDTH = 16


def status(name: str, width: int = 0) -> Content:
    """ "✓ true": the glyph, then the name, padded to `width`."""
    text = f"{STATUS_GLYPH.get(name, '·')} {name}"
    return Content(text.ljust(width)).stylize(status_style(name))
