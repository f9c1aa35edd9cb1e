"""The source document, read-only, with the selected passage selected and scrolled into view.

The text is sanitized before display; anchor offsets into the raw text are mapped onto the
sanitized text by sanitizing the parts before and inside the passage separately.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import TextArea
from textual.widgets.text_area import Selection

from factcheck.model import Anchor
from factcheck.text import sanitize


def _location(text: str) -> tuple[int, int]:
    """The (row, column) just after `text` when it is the start of a document."""
    row = text.count("\n")
    return row, len(text) - (text.rfind("\n") + 1)


class SourceView(TextArea):
    """A TextArea in read-only mode: wrapping and scrolling come from its line API."""

    BORDER_TITLE = "Source"

    def __init__(self, **kwargs: object) -> None:
        super().__init__(read_only=True, soft_wrap=True, show_line_numbers=False, **kwargs)  # type: ignore[arg-type]
        self._raw = ""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Read-only: let undo/redo reach the screen, where they undo review edits.
        if action in ("undo", "redo"):
            return False
        return super().check_action(action, parameters)

    def show_document(self, raw: str, title: str) -> None:
        """Load a document (raw, unsanitized text); the passage is set by `highlight`."""
        if raw != self._raw:
            self._raw = raw
            self.load_text(sanitize(raw.replace("\r\n", "\n")))
        self.border_title = Content(title)  # a str would be parsed as markup ("[/x]" crashed)

    def show_message(self, message: str) -> None:
        self._raw = ""
        self.load_text(sanitize(message))
        self.border_title = "Source"

    def highlight(self, anchor: Anchor | None) -> None:
        """Select the anchored passage and scroll it to the upper part of the view."""
        if anchor is None or anchor.end > len(self._raw):
            self.selection = Selection.cursor((0, 0))
            return
        before = sanitize(self._raw[: anchor.start].replace("\r\n", "\n"))
        inside = sanitize(self._raw[anchor.start : anchor.end].replace("\r\n", "\n"))
        start = _location(before)
        end = _location(before + inside)
        self.selection = Selection(start, end)
        self.scroll_to(
            y=max(0, self.wrapped_document.location_to_offset(start).y - 2), animate=False
        )
