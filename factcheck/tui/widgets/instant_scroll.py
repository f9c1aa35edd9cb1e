"""A scrolling container whose keys jump at once, with no animation.

Textual animates `home`, `end` and page keys over a second; on a slow terminal (or over SSH)
a screen read halfway shows neither the old place nor the new one, and a second key starts
from wherever the first had got to. The help screen scrolls with this instead.
"""

from __future__ import annotations

from textual.actions import SkipAction
from textual.containers import VerticalScroll


class InstantScroll(VerticalScroll):
    def action_scroll_home(self) -> None:
        if not self.allow_vertical_scroll:
            raise SkipAction()
        self.scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        if not self.allow_vertical_scroll:
            raise SkipAction()
        self.scroll_end(animate=False)

    def action_page_up(self) -> None:
        if not self.allow_vertical_scroll:
            raise SkipAction()
        self.scroll_page_up(animate=False)

    def action_page_down(self) -> None:
        if not self.allow_vertical_scroll:
            raise SkipAction()
        self.scroll_page_down(animate=False)
