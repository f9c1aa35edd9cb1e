"""Finding on the main screen: search (with next / previous match) and the status filter.

Split from `MainScreen` (docs/ARCHITECTURE.md section 4) so that screen stays a thin list of
review actions; `MainScreen` gives the panes.
"""

from __future__ import annotations

from factcheck.search import step_match
from factcheck.text import sanitize_line
from factcheck.tui.screens.curation_screen import CurationScreen
from factcheck.tui.screens.search import SearchScreen
from factcheck.tui.screens.status_picker import StatusPicker


class FindScreen(CurationScreen):
    """`/`, `>` / `<`, `f` and `escape` (clear the filter)."""

    last_search = ""  # the query the search box reopens with
    _last_match: tuple[str, str] | None = None

    def action_search(self) -> None:
        def found(result: tuple[str, str] | None) -> None:
            if result is not None:
                self.go_to_match(*result)

        def remember(query: str) -> None:
            self.last_search = query
            self.update_bindings()

        screen = SearchScreen(self.session.timeline, self.last_search, remember)
        self.app.push_screen(screen, found)

    def go_to_match(self, kind: str, record: str) -> None:
        """Select a match and focus its pane; say so when the filter had to go."""
        self._last_match = (kind, record)
        status_filter = self.panes.status_filter
        if self.panes.jump(kind, record):
            self.notify(
                f"Filter {status_filter!r} cleared: the match is not {status_filter}.",
                markup=False,
            )
        self.update_header()
        pane = "#claims" if kind == "claim" and self.panes.claim_id == record else "#timeline"
        self.query_one(pane).focus()

    def action_next_match(self) -> None:
        self._step_match(1)

    def action_previous_match(self) -> None:
        self._step_match(-1)

    def _step_match(self, delta: int) -> None:
        found, wrapped = step_match(
            self.session.timeline, self.last_search, self._last_match, delta
        )
        if found is None:
            self.notify(f"No match for {sanitize_line(self.last_search)!r}", markup=False)
            return
        if wrapped:
            self.notify("Search wrapped around", markup=False)
        self.go_to_match(*found)

    def action_filter(self) -> None:
        def chosen(status: str | None) -> None:
            if status is not None and status != self.panes.status_filter:
                self.panes.set_filter(status)
                self.update_header()
                self.update_bindings()

        self.app.push_screen(
            StatusPicker(self.panes.status_filter, "Show claims with status", allow_all=True),
            chosen,
        )

    def action_clear_filter(self) -> None:
        if self.panes.status_filter:
            self.panes.set_filter("")
            self.update_header()
            self.update_bindings()
            self.notify("Filter cleared: every event shows.", markup=False)
        else:
            self.notify("No filter to clear.", markup=False)
