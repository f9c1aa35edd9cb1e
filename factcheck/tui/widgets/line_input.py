"""A one-line input that keeps every line of a paste, joined with spaces, and says so.

Textual's Input keeps only the first line of a paste, silently: a pasted two-line verdict
lost its second line. A verdict, a title or a note is one line in the file, so the lines
are joined with a space and a toast says how many were joined.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


def join_lines(text: str) -> tuple[str, int]:
    """`text` on one line (its non-blank lines joined with a space) and how many it had."""
    lines = [part.strip() for part in text.splitlines() if part.strip()]
    return " ".join(lines), len(lines)


class LineInput(Input):
    """An Input whose paste keeps all lines (joined with spaces)."""

    def _on_paste(self, event: events.Paste) -> None:
        joined, count = join_lines(event.text)
        if count > 1:
            self.notify(f"Pasted {count} lines, joined with spaces (this field is one line).",
                        markup=False)  # fmt: skip
            event.text = joined
        super()._on_paste(event)
