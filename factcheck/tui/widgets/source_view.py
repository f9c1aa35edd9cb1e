"""The source document with a cursor and a selection, for reading and for making claims.

The text is shown sanitized (escapes for control characters, CRLF as one line break);
`DisplayMap` maps every displayed offset back to code-point offsets into the raw text, so a
selection becomes an anchor that verifies against the source. The anchored passage of the
selected claim or event is shown selected; a selection the reviewer makes (arrows with
shift, the mouse, `/`, `.`) is what `+` and `E` turn into a claim or an event.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import attrs
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import TextArea
from textual.widgets.text_area import Selection

from factcheck import curation
from factcheck.model import Anchor
from factcheck.text import DisplayMap
from factcheck.tui.screens.source_find import SourceFind


@attrs.frozen
class SourceSelection:
    """Words selected in a source: offsets into its raw text (`store.read_source`)."""

    source_id: str
    text: str
    start: int
    end: int

    @property
    def problem(self) -> str | None:
        """Why the words cannot become a claim or an event (None when they can)."""
        return curation.selection_problem(self.text, self.start, self.end, self.source_id)


class SourceView(TextArea):
    """A read-only TextArea (its line API wraps and scrolls any size of document)."""

    BORDER_TITLE = "Source"
    BINDINGS = [
        Binding("slash", "find", "Find", show=False),
        Binding("full_stop", "widen", "Sentences", show=False),
        Binding("escape", "close", "Close", show=False),
    ]

    class CloseRequested(Message):
        """`escape` in the view: the panes hide it."""

    def __init__(self, **kwargs: object) -> None:
        self._map = DisplayMap("")
        self.source_id: str | None = None
        self._placing = True  # the view, not the reviewer, is setting the selection
        self.user_selected = False
        super().__init__(read_only=True, soft_wrap=True, show_line_numbers=False, **kwargs)  # type: ignore[arg-type]
        self._placing = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Read-only: let undo/redo reach the screen, where they undo review edits.
        if action in ("undo", "redo"):
            return False
        return super().check_action(action, parameters)

    @contextmanager
    def _placed(self) -> Iterator[None]:
        self._placing = True
        try:
            yield
        finally:
            self._placing = False
        self.user_selected = False

    @property
    def raw(self) -> str:
        return self._map.raw

    def show_document(self, raw: str, title: str, source_id: str | None = None) -> None:
        """Load a document (raw, unsanitized text); the passage is set by `highlight`."""
        if raw != self._map.raw or source_id != self.source_id:
            self._map = DisplayMap(raw)
            self.source_id = source_id
            with self._placed():
                self.load_text(self._map.text)
        self.border_title = Content(title)  # a str would be parsed as markup ("[/x]" crashed)

    def show_message(self, message: str) -> None:
        self._map = DisplayMap(message)
        self.source_id = None
        with self._placed():
            self.load_text(self._map.text)
        self.border_title = "Source"

    def highlight(self, anchor: Anchor | None) -> None:
        """Select the anchored passage and scroll it to the upper part of the view."""
        with self._placed():
            if anchor is None or anchor.end > len(self.raw):
                self.selection = Selection.cursor((0, 0))
                return
            start = self._select_raw(anchor.start, anchor.end)
        self.scroll_to(
            y=max(0, self.wrapped_document.location_to_offset(start).y - 2), animate=False
        )

    # --- the reviewer's selection --------------------------------------------------------

    def raw_span(self) -> tuple[int, int]:
        """The selection (or the cursor) as raw offsets, start <= end."""
        first, last = sorted((self._map.offset(self.selection.start),
                              self._map.offset(self.selection.end)))  # fmt: skip
        return self._map.to_raw(first), self._map.to_raw(last, forward=True)

    def selected(self) -> SourceSelection | None:
        """The words the reviewer selected in a source document, if any."""
        if not self.user_selected or self.source_id is None or self.selection.is_empty:
            return None
        start, end = self.raw_span()
        return SourceSelection(self.source_id, self.raw, start, end)

    def select_raw(self, start: int, end: int) -> None:
        """Select raw text[start:end] as the reviewer's selection, scrolled into view."""
        self._select_raw(start, end)
        self.user_selected = True

    def _select_raw(self, start: int, end: int) -> tuple[int, int]:
        first = self._map.location(self._map.to_display(start))
        self.selection = Selection(first, self._map.location(self._map.to_display(end)))
        return first

    def watch_selection(self, previous: Selection, selection: Selection) -> None:
        """Keep the ends of the selection out of escapes (one raw character each)."""
        if self._placing:
            return
        self.user_selected = True
        cursor, before = self._map.offset(selection.end), self._map.offset(previous.end)
        end = self._map.snap(cursor, forward=cursor > before)
        anchor = self._map.offset(selection.start)
        start = end if selection.is_empty else self._map.snap(anchor, forward=anchor > cursor)
        if (start, end) != (anchor, cursor):
            self.selection = Selection(self._map.location(start), self._map.location(end))

    def action_find(self) -> None:
        def found(span: tuple[int, int] | None) -> None:
            if span is not None:
                self.select_raw(*span)
            self.focus()

        self.app.push_screen(SourceFind(self.raw, self.raw_span()[1]), found)

    def action_widen(self) -> None:
        """Grow the selection (or the cursor) to whole sentences."""
        if self.source_id is None:
            return
        self.select_raw(*curation.widen_to_sentences(self.raw, *self.raw_span()))

    def action_close(self) -> None:
        self.post_message(self.CloseRequested())
