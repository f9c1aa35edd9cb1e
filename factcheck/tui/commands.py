"""The command palette (`ctrl+p`): every action of the screen and "jump to event".

The entries come from the active screen's `palette_commands()`; the displayed text is
untrusted (event titles), so it is built as plain Content — `Matcher.highlight` would
parse it as markup.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from factcheck.text import sanitize_line

PaletteEntry = tuple[str, Callable[[], Any], bool]  # text, callback, shown before typing


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
                shown = sanitize_line(text)
                yield DiscoveryHit(Content(shown), callback, text=shown)

    async def search(self, query: str) -> AsyncIterator[Hit]:
        matcher = self.matcher(query)
        for text, callback, _ in self._entries():
            shown = sanitize_line(text)
            score, offsets = matcher.fuzzy_search.match(matcher.query, shown)
            if score > 0:
                yield Hit(score, _highlight(shown, tuple(offsets)), callback, text=shown)
