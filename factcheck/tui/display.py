"""Turn untrusted strings into Textual Content: sanitized, never parsed as markup."""

from __future__ import annotations

from textual.content import Content

from factcheck.model import STATUSES
from factcheck.text import sanitize, sanitize_line

#: Colour of each status in lists and details (one glyph per claim in the timeline list).
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
STATUS_GLYPH: dict[str, str] = {
    "unverified": "○",
    "in-progress": "◐",
    "true": "●",
    "mostly-true": "●",
    "mixed": "◑",
    "mostly-false": "●",
    "false": "●",
    "misleading": "▲",
    "unproven": "◇",
    "not-checkable": "◇",
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


def status(name: str, width: int = 0) -> Content:
    return Content(name.ljust(width)).stylize(STATUS_STYLE.get(name, ""))
