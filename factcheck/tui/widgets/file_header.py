"""The main screen's header: the file name gives way before the review progress does.

Textual's header centres "title — sub-title" and cuts the end of what does not fit; with a
long file name at 80 columns that was the review progress ("2/27 revie…"). Here the title
(the file name) is shortened in its middle to leave the sub-title whole.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.widgets import Header, Static

#: A file name is never shortened below this many cells (its start, "…", its end).
SHORTEST_TITLE = 12
SEPARATOR = " — "  # what `App.format_title` puts between the title and the sub-title


def shorten_middle(text: str, width: int) -> str:
    """`text` in at most `width` cells, its middle replaced by "…" (a file name keeps its
    start and its extension)."""
    if cell_len(text) <= width:
        return text
    room = max(width - 1, 0)
    head = _fit(text, (room + 1) // 2)
    tail = _fit(text[::-1], room - cell_len(head))[::-1]
    return f"{head}…{tail}"


def _fit(text: str, width: int) -> str:
    """The longest start of `text` that fits in `width` cells."""
    used = 0
    for index, character in enumerate(text):
        used += cell_len(character)
        if used > width:
            return text[:index]
    return text


class FileHeader(Header):
    """A header whose title is shortened in the middle when the line does not fit."""

    def format_title(self) -> Content:
        title, sub_title = self.screen_title, self.screen_sub_title
        width = self._title().content_size.width
        room = width - cell_len(SEPARATOR) - cell_len(sub_title)
        if width and sub_title and cell_len(title) > room:
            title = shorten_middle(title, max(room, SHORTEST_TITLE))
        return self.app.format_title(title, sub_title)

    def on_resize(self) -> None:
        self._title().update(self.format_title())

    def _title(self) -> Static:
        return self.query_one("HeaderTitle", Static)  # Textual's own, not exported
