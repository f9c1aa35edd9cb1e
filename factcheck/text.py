"""One sanitizer for every piece of untrusted text that reaches a terminal.

Documents and TOML files are data: control characters (C0, C1, DEL, ESC) and bidi
overrides are shown escaped as visible `\\x1b`-style text, so nothing in a claim can move
the cursor, change the terminal title, write the clipboard (OSC 52) or reorder a line.
Markup is a separate concern, handled by the TUI by never parsing untrusted text as markup.
"""

from __future__ import annotations

import bisect
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


#: What a document shows differently from its raw text: a CRLF line break (shown as one
#: line break) and every unsafe character (shown as its escape).
_DOCUMENT_IRREGULAR = re.compile("\r\n|" + _UNSAFE.pattern)


class DisplayMap:
    """A document's displayed text and an exact map between displayed and raw offsets.

    The display is `sanitize` of the raw text with CRLF read as one line break. A selection
    made on screen becomes code-point offsets into the raw text, so anchors made from it
    verify against the source: an escape such as `\\x1b` (four characters on screen) is one
    raw character, a shown line break may be two (CRLF). Only the characters that differ are
    recorded, so the map of a large, clean document is small; a look-up is a bisection.
    """

    def __init__(self, raw: str) -> None:
        self.raw = raw
        shown: list[str] = []
        #: (raw start, raw end, display start, display end) of each piece that differs.
        self._raw_starts: list[int] = []
        self._pieces: list[tuple[int, int, int, int]] = []
        self._display_starts: list[int] = []
        done, shift = 0, 0
        for match in _DOCUMENT_IRREGULAR.finditer(raw):
            piece = "\n" if match.group() == "\r\n" else _escape(match)
            shown.append(raw[done : match.start()])
            shown.append(piece)
            display_start = match.start() + shift
            shift += len(piece) - (match.end() - match.start())
            self._raw_starts.append(match.start())
            self._display_starts.append(display_start)
            self._pieces.append(
                (match.start(), match.end(), display_start, display_start + len(piece))
            )
            done = match.end()
        shown.append(raw[done:])
        self.text = "".join(shown)
        self.line_starts = [0]
        position = self.text.find("\n")
        while position >= 0:
            self.line_starts.append(position + 1)
            position = self.text.find("\n", position + 1)

    def to_display(self, raw_offset: int) -> int:
        """The displayed offset of a raw offset (inside a CRLF: the shown line break)."""
        index = bisect.bisect_right(self._raw_starts, raw_offset) - 1
        if index < 0:
            return raw_offset
        _, raw_end, display_start, display_end = self._pieces[index]
        if raw_offset >= raw_end:
            return raw_offset - raw_end + display_end
        return display_start

    def to_raw(self, display_offset: int, forward: bool = False) -> int:
        """The raw offset of a displayed one; inside an escape, the raw character's start
        (or its end when `forward`), so a selection never splits a raw character."""
        index = bisect.bisect_right(self._display_starts, display_offset) - 1
        if index < 0:
            return display_offset
        raw_start, raw_end, display_start, display_end = self._pieces[index]
        if display_offset >= display_end:
            return display_offset - display_end + raw_end
        if display_offset == display_start:
            return raw_start
        return raw_end if forward else raw_start

    def snap(self, display_offset: int, forward: bool) -> int:
        """A displayed offset moved out of an escape, to its end when `forward`."""
        return self.to_display(self.to_raw(display_offset, forward))

    def location(self, display_offset: int) -> tuple[int, int]:
        """The (row, column) of a displayed offset."""
        row = bisect.bisect_right(self.line_starts, display_offset) - 1
        return row, display_offset - self.line_starts[row]

    def offset(self, location: tuple[int, int]) -> int:
        """The displayed offset of a (row, column)."""
        row, column = location
        return self.line_starts[min(row, len(self.line_starts) - 1)] + column
