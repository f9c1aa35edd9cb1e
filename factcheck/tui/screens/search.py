"""Search events and claims by text, claimant or id (`/`); enter jumps to the match."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from factcheck import dates
from factcheck.model import Timeline
from factcheck.tui.display import line, status
from factcheck.tui.screens.dialog import Dialog

#: Matches listed at most (the search itself scans the whole timeline).
LIMIT = 200


def matches(timeline: Timeline, query: str) -> list[Option]:
    """Events then claims whose text, title, claimant or id contain the query (any case)."""
    needle = query.casefold().strip()
    if not needle:
        return []
    found: list[Option] = []
    for event in timeline.events:
        haystack = " ".join((event.id, event.title, event.summary, event.date_text))
        if needle in haystack.casefold():
            found.append(
                Option(
                    Content.assemble(
                        ("event  ", "dim"),
                        line(dates.display(event.date).ljust(22), "bold"),
                        line(event.title or event.id),
                    ),
                    id=f"event:{event.id}",
                )
            )
            if len(found) >= LIMIT:
                return found
    for claim in timeline.claims:
        haystack = " ".join((claim.id, claim.text, claim.claimant))
        if needle in haystack.casefold():
            found.append(
                Option(
                    Content.assemble(
                        ("claim  ", "dim"),
                        status(claim.status, 14),
                        line(claim.claimant or "(the article)", "bold"),
                        ": ",
                        line(claim.text),
                    ),
                    id=f"claim:{claim.id}",
                )
            )
            if len(found) >= LIMIT:
                break
    return found


class SearchScreen(Dialog[tuple[str, str] | None]):
    """Dismisses with ("event" | "claim", id), or None (escape)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("down", "to_results", "Results", show=False),
    ]

    def __init__(self, timeline: Timeline) -> None:
        super().__init__()
        self.timeline = timeline

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content("Search events and claims"), id="heading")
            yield Input(placeholder="text, claimant or id", id="query")
            yield OptionList(id="results")
            yield Label(
                Content("enter jumps to the first match · ↓ to choose · escape cancels"),
                classes="hint",
            )

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        results = self.query_one("#results", OptionList)
        results.set_options(matches(self.timeline, event.value))
        if results.option_count:
            results.highlighted = 0

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose(self.query_one("#results", OptionList).highlighted_option)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option)

    def _choose(self, option: Option | None) -> None:
        if option is None or option.id is None:
            self.notify("No match", severity="warning", markup=False)
            return
        kind, _, record = option.id.partition(":")
        self.finish((kind, record))

    def action_to_results(self) -> None:
        self.query_one("#results", OptionList).focus()

    def action_cancel(self) -> None:
        self.finish(None)
