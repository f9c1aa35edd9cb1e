"""Search events and claims by text, claimant or id (`/`); enter jumps to the match.

The main screen's `>` / `<` step through the same matches (`match_records`) afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import islice

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from factcheck import dates
from factcheck.model import Timeline
from factcheck.tui.display import STATUS_WIDTH, line, status
from factcheck.tui.screens.dialog import Dialog

#: Matches listed at most (the search itself scans the whole timeline).
LIMIT = 200


def _haystack(timeline: Timeline, position: int) -> str:
    """The searched text of the record at `position`: events first, then claims."""
    if position < len(timeline.events):
        event = timeline.events[position]
        return " ".join((event.id, event.title, event.summary, event.date_text))
    claim = timeline.claims[position - len(timeline.events)]
    return " ".join((claim.id, claim.text, claim.claimant))


def _record(timeline: Timeline, position: int) -> tuple[str, str]:
    if position < len(timeline.events):
        return "event", timeline.events[position].id
    return "claim", timeline.claims[position - len(timeline.events)].id


def match_records(timeline: Timeline, query: str) -> Iterator[tuple[str, str]]:
    """("event" | "claim", id) of every match, events first, each in file order."""
    needle = query.casefold().strip()
    if not needle:
        return
    for position in range(len(timeline.events) + len(timeline.claims)):
        if needle in _haystack(timeline, position).casefold():
            yield _record(timeline, position)


def step_match(
    timeline: Timeline, query: str, current: tuple[str, str] | None, delta: int
) -> tuple[tuple[str, str] | None, bool]:
    """The match after (`delta` 1) or before (-1) `current` in `match_records`' order,
    wrapping, and whether it wrapped; (None, False) when nothing matches. Reads records
    from `current` on and stops at the first match (a list of every match took 1.1 s a
    key press on 500,000 claims)."""
    needle = query.casefold().strip()
    count = len(timeline.events) + len(timeline.claims)
    if not needle or not count:
        return None, False
    start = -1 if delta > 0 else count
    if current is not None:
        kind, record = current
        if kind == "event" and record in timeline.event_index:
            start = timeline.event_index[record]
        elif kind == "claim" and record in timeline.claim_index:
            start = len(timeline.events) + timeline.claim_index[record]
    for step in range(1, count + 1):
        position = start + step * delta
        if needle in _haystack(timeline, position % count).casefold():
            return _record(timeline, position % count), not 0 <= position < count
    return None, False


def _option(timeline: Timeline, kind: str, record: str) -> Option:
    if kind == "event":
        event = timeline.events[timeline.event_index[record]]
        prompt = Content.assemble(
            ("event  ", "dim"),
            line(dates.display(event.date).ljust(22), "bold"),
            line(event.title or event.id),
        )
    else:
        claim = timeline.claims[timeline.claim_index[record]]
        prompt = Content.assemble(
            ("claim  ", "dim"),
            status(claim.status, STATUS_WIDTH),
            line(claim.claimant or "(the article)", "bold"),
            ": ",
            line(claim.text),
        )
    return Option(prompt, id=f"{kind}:{record}")


def matches(timeline: Timeline, query: str) -> list[Option]:
    """Events then claims whose text, title, claimant or id contain the query (any case)."""
    return [
        _option(timeline, kind, record)
        for kind, record in islice(match_records(timeline, query), LIMIT)
    ]


class SearchScreen(Dialog[tuple[str, str] | None]):
    """Dismisses with ("event" | "claim", id), or None (escape).

    Opens with the last query (selected: typing replaces it) and says live how many match;
    `remember` receives the query as it is typed, so the next search starts from it.
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("down", "to_results", "Results", show=False),
    ]

    def __init__(
        self, timeline: Timeline, query: str = "", remember: Callable[[str], None] | None = None
    ) -> None:
        super().__init__()
        self.timeline = timeline
        self.initial_query = query
        self.remember = remember

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content("Search events and claims"), id="heading")
            yield Input(self.initial_query, placeholder="text, claimant or id", id="query")
            yield Label(Content(""), id="match-count")
            yield OptionList(id="results")
            yield Label(
                Content(
                    "enter jumps to the highlighted match · ↓ to choose · escape cancels · "
                    "after a jump, > and < go to the next and previous match"
                ),
                classes="hint",
            )

    def on_mount(self) -> None:
        query = self.query_one(Input)
        query.focus()
        if self.initial_query:
            query.select_all()

    def on_input_changed(self, event: Input.Changed) -> None:
        results = self.query_one("#results", OptionList)
        results.set_options(matches(self.timeline, event.value))
        if results.option_count:
            results.highlighted = 0
        self.query_one("#match-count", Label).update(Content(count_text(event.value, results)))
        if self.remember is not None:
            self.remember(event.value)

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


def count_text(query: str, results: OptionList) -> str:
    """ "no match", "1 match", "12 matches", "200+ matches" ("" before anything is typed)."""
    if not query.strip():
        return ""
    count = results.option_count
    if count == 0:
        return "no match"
    more = "+" if count >= LIMIT else ""
    return f"{count}{more} match" + ("es" if count > 1 else "")
