"""The timeline: one two-line row per event (date, claim-status glyphs; title).

A Line-API ScrollView: rows are rendered only when they scroll into view, so opening a
10,000-event file does not lay out 10,000 rows, and changing one event redraws one row.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from factcheck import dates
from factcheck.model import Claim, Event
from factcheck.tui.display import glyph, line

#: Claims drawn as glyphs per row; more are summarised as "+N".
MAX_GLYPHS = 10
DATE_WIDTH = 22
ROW_HEIGHT = 2
#: Rendered rows kept (the visible ones and some around them).
CACHE_ROWS = 512


def event_prompt(
    event: Event | None, claims: list[Claim], shown: int | None = None, width: int | None = None
) -> Content:
    """The two lines of an event (None: the claims attached to no event).

    `claims` are all the event's claims, so its "reviewed" count adds up to the header's;
    under a filter, `shown` says how many of them the claims pane lists. When the line is
    wider than `width` cells (the 80-column layout) the count moves before the glyphs and
    loses its word, so that the glyphs are what gets cut, never the count.
    """
    if event is None:
        date, title = "", "(claims without an event)"
    else:
        date, title = dates.display(event.date), event.title or event.id
    reviewed = sum(1 for claim in claims if claim.is_reviewed)
    glyphs: list[Content | tuple[str, str]] = [glyph(claim.status) for claim in claims[:MAX_GLYPHS]]
    if len(claims) > MAX_GLYPHS:
        glyphs.append((f"+{len(claims) - MAX_GLYPHS}", "dim"))
    shown_text = "" if shown is None else f", {shown} shown"
    date_cell = line(date.ljust(DATE_WIDTH), "bold")
    first = Content.assemble(
        date_cell, *glyphs, (f"  {reviewed}/{len(claims)} reviewed{shown_text}", "dim")
    )
    if width is not None and first.cell_length > width:
        first = Content.assemble(
            date_cell, (f"{reviewed}/{len(claims)}{shown_text}  ", "dim"), *glyphs
        )
    return Content.assemble(first, "\n", line(title))


class TimelineList(ScrollView, can_focus=True):
    """Events in the file's order (date, then id); the highlight is the selected event."""

    BORDER_TITLE = "Timeline"
    COMPONENT_CLASSES = {"timeline-list--row", "timeline-list--highlight"}
    DEFAULT_CSS = """
    TimelineList > .timeline-list--row { padding: 0 1; }
    TimelineList > .timeline-list--highlight { background: $block-cursor-blurred-background; }
    TimelineList:focus > .timeline-list--highlight {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    """
    BINDINGS = [
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
    ]

    highlighted: reactive[int | None] = reactive(None, always_update=False)

    class Highlighted(Message):
        """The highlight moved to row `index` (by key, mouse or code)."""

        def __init__(self, timeline: TimelineList, index: int) -> None:
            super().__init__()
            self.timeline = timeline
            self.index = index

        @property
        def control(self) -> TimelineList:
            return self.timeline

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._count = 0
        self._prompt: Callable[[int, int | None], Content] = lambda _index, _width: Content("")
        self._cache: dict[tuple[int, bool, int], list[Strip]] = {}

    # --- content ------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return self._count

    def set_rows(self, count: int, prompt: Callable[[int, int | None], Content]) -> None:
        """Show `count` rows; `prompt(index, width)` is called only for rows that get drawn
        (width: the cells a line has, None: no limit)."""
        self._count = count
        self._prompt = prompt
        self._cache.clear()
        self.virtual_size = Size(self.size.width, count * ROW_HEIGHT)
        self.set_reactive(TimelineList.highlighted, None)
        self.scroll_to(y=0, animate=False)
        self.refresh()

    def refresh_row(self, index: int) -> None:
        """Redraw one row after its event or claims changed."""
        for key in [key for key in self._cache if key[0] == index]:
            del self._cache[key]
        self.refresh_lines(index * ROW_HEIGHT, ROW_HEIGHT)

    def row_text(self, index: int) -> str:
        """The plain text of a row (for tests and accessibility)."""
        return self._prompt(index, None).plain

    # --- highlight ----------------------------------------------------------------

    def validate_highlighted(self, value: int | None) -> int | None:
        if value is None or self._count == 0:
            return None
        return max(0, min(self._count - 1, value))

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        for index in (old, new):
            if index is not None:
                self.refresh_lines(index * ROW_HEIGHT, ROW_HEIGHT)
        if new is not None:
            self.scroll_to_region_of(new)
            self.post_message(self.Highlighted(self, new))

    def scroll_to_region_of(self, index: int) -> None:
        top = index * ROW_HEIGHT
        height = self.scrollable_content_region.height
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False)
        elif top + ROW_HEIGHT > self.scroll_y + height:
            self.scroll_to(y=top + ROW_HEIGHT - height, animate=False)

    def action_cursor_down(self) -> None:
        self.highlighted = 0 if self.highlighted is None else self.highlighted + 1

    def action_cursor_up(self) -> None:
        self.highlighted = 0 if self.highlighted is None else self.highlighted - 1

    def action_first(self) -> None:
        self.highlighted = 0

    def action_last(self) -> None:
        self.highlighted = self._count - 1

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height // ROW_HEIGHT)

    def action_page_down(self) -> None:
        self.highlighted = (self.highlighted or 0) + self._page()

    def action_page_up(self) -> None:
        self.highlighted = (self.highlighted or 0) - self._page()

    def on_click(self, event: events.Click) -> None:
        index = int(event.y + self.scroll_y) // ROW_HEIGHT
        if 0 <= index < self._count:
            self.highlighted = index

    # --- rendering ----------------------------------------------------------------

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self.restyle)

    def restyle(self, _theme: object = None) -> None:
        """Drop the cached rows: they were drawn in the old theme's colours."""
        self._cache.clear()
        self.refresh()

    def on_resize(self) -> None:
        self._cache.clear()
        self.virtual_size = Size(self.size.width, self._count * ROW_HEIGHT)
        if self.highlighted is not None:
            self.call_after_refresh(self.scroll_to_region_of, self.highlighted)

    def _strips(self, index: int, width: int) -> list[Strip]:
        chosen = index == self.highlighted
        key = (index, chosen, width)
        strips = self._cache.get(key)
        if strips is None:
            if len(self._cache) > CACHE_ROWS:
                self._cache.clear()
            component = "timeline-list--highlight" if chosen else "timeline-list--row"
            style = self.get_visual_style("timeline-list--row", component)
            padding = self.get_component_styles("timeline-list--row").padding
            inner = max(1, width - padding.width)
            lines = self._prompt(index, inner).split("\n")[:ROW_HEIGHT]
            rich_style = style.rich_style
            strips = []
            for text in lines:
                cut = text.truncate(inner, ellipsis=True)
                segments = [
                    Segment(" " * padding.left, rich_style),
                    *cut.render_segments(style),
                ]
                strips.append(Strip(segments).extend_cell_length(width, rich_style).crop(0, width))
            while len(strips) < ROW_HEIGHT:
                strips.append(Strip.blank(width, rich_style))
            self._cache[key] = strips
        return strips

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index, part = divmod(self.scroll_offset.y + y, ROW_HEIGHT)
        if index >= self._count:
            return Strip.blank(width, self.rich_style)
        return self._strips(index, width)[part]
