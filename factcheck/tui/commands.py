"""The command palette (`ctrl+p`): every action of the screen and "jump to event".

The entries come from the active screen's `palette_commands()`; the displayed text is
untrusted (event titles), so it is built as plain Content — `Matcher.highlight` would
parse it as markup. Textual's fuzzy matcher enumerates every way the query's letters occur
in order: an event titled 80 `s`, 80 `a`, 80 `v`, 80 `e` took 113 s and 4 GB for the query
"save". Here each entry is cut to `MATCH_LIMIT` characters and matched by `match`, whose
work is linear in the text and the query.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from itertools import pairwise
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from factcheck.text import sanitize_line

PaletteEntry = tuple[str, Callable[[], Any], bool]  # text, callback, shown before typing

#: Characters of an entry shown and matched (an event title can be megabytes long).
MATCH_LIMIT = 100


def palette_text(text: str) -> str:
    """What the palette shows and matches of an entry: sanitized, at most MATCH_LIMIT long."""
    return sanitize_line(text[: MATCH_LIMIT * 2])[:MATCH_LIMIT]


def match(query: str, text: str) -> tuple[float, tuple[int, ...], int]:
    """(score, offsets of the matched characters, steps taken); score 0 when no match.

    The query as one piece scores highest, then the letters in order, preferring starts of
    words; one left-to-right pass, so `steps` is at most len(text) + len(query).
    """
    query, folded = query.lower(), text.lower()
    if not query:
        return 0.0, (), 0
    at = folded.find(query)
    if at >= 0:
        return 2.0 * len(query) + (at == 0), tuple(range(at, at + len(query))), len(text)
    offsets: list[int] = []
    steps = 0
    position = 0
    for letter in query:
        while position < len(folded) and folded[position] != letter:
            position += 1
            steps += 1
        if position == len(folded):
            return 0.0, (), steps
        offsets.append(position)
        position += 1
        steps += 1
    word_starts = sum(1 for o in offsets if o == 0 or not folded[o - 1].isalnum())
    runs = 1 + sum(1 for a, b in pairwise(offsets) if b != a + 1)
    return len(offsets) + word_starts + len(offsets) / runs, tuple(offsets), steps


def _highlight(text: str, offsets: tuple[int, ...]) -> Content:
    content = Content(text)
    for offset in offsets:
        content = content.stylize("bold underline", offset, offset + 1)
    return content


class ExplorerCommands(Provider):
    def _entries(self) -> list[PaletteEntry]:
        entries = getattr(self.screen, "palette_commands", None)
        return entries() if callable(entries) else []

    async def discover(self) -> Hits:
        for text, callback, discoverable in self._entries():
            if discoverable:
                shown = palette_text(text)
                yield DiscoveryHit(Content(shown), callback, text=shown)

    async def search(self, query: str) -> AsyncIterator[Hit]:
        query = query[:MATCH_LIMIT]
        for text, callback, _ in self._entries():
            shown = palette_text(text)
            score, offsets, _steps = match(query, shown)
            if score > 0:
                yield Hit(score, _highlight(shown, offsets), callback, text=shown)
