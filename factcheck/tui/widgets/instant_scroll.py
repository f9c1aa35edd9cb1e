"""A scrolling container whose keys jump at once, with no animation.

Textual animates `home`, `end` and page keys over a second; on a slow terminal (or over SSH)
a screen read halfway shows neither the old place nor the new one, and a second key starts
from wherever the first had got to. The help screen scrolls with this instead.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.actions import SkipAction
from textual.containers import VerticalScroll


class InstantScroll(VerticalScroll):
    def _jump(self, scroll: Callable[..., None]) -> None:
        if not self.allow_vertical_scroll:
            raise SkipAction()
        scroll(animate=False)

    def action_scroll_home(self) -> None:
        self._jump(self.scroll_home)

    def action_scroll_end(self) -> None:
        self._jump(self.scroll_end)

    def action_page_up(self) -> None:
        self._jump(self.scroll_page_up)

    def action_page_down(self) -> None:
        self._jump(self.scroll_page_down)
