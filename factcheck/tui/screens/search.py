"""Search events and claims by text, claimant or id (`/`); enter jumps to the match.

What matches and how a search reads the timeline is `factcheck.search`; the main screen's
`>` / `<` step through the same matches (`search.step_match`) afterwards.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option
from textual.worker import Worker, get_current_worker

from factcheck import dates, search
from factcheck.model import Timeline
from factcheck.tui.display import STATUS_WIDTH, line, status
from factcheck.tui.screens.dialog import Dialog
from factcheck.tui.widgets.key_list import KeyList
from factcheck.tui.widgets.line_input import LineInput

#: Records a key press reads itself (one chunk, a few milliseconds); a search that needs more
#: reads on in a worker thread, so the keys typed meanwhile are handled at once (a full read
#: of 500,000 claims takes seconds, and the next key stops it).
READ_PER_KEY = search.CHUNK

#: Earlier scans kept to start the next query from (each holds at most `search.LIMIT` hits).
SCANS_KEPT = 64


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


class SearchScreen(Dialog[tuple[str, str] | None]):
    """Dismisses with ("event" | "claim", id), or None (escape).

    Opens with the last query (selected: typing replaces it) and says live how many match;
    `remember` receives the query as it is typed, so the next search starts from it.
    A search longer than `READ_PER_KEY` records reads on in one worker at a time: a key
    typed meanwhile stops it, and the next starts from what it read (`search.begin`).
    An `enter` typed before its query's matches are in jumps once they are (not if the
    query changed meanwhile: it acts on the query it was typed after). The keys typed behind
    `enter` wait for the jump: they reach the main screen (`/ clearview enter j`), or the
    query when nothing matched; an `escape` among them cancels at once.
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("down", "to_results", "Results", show=False),
        Binding("enter", "jump", "Jump", show=False),  # on the results (the query submits)
    ]

    class Read(Message):
        """A worker stopped reading: done, or told to stop by a newer key."""

        def __init__(self, scan: search.Scan) -> None:
            super().__init__()
            self.scan = scan

    def __init__(
        self, timeline: Timeline, query: str = "", remember: Callable[[str], None] | None = None
    ) -> None:
        super().__init__()
        self.timeline = timeline
        self.initial_query = query
        self.remember = remember
        self._scans: dict[str, search.Scan] = {}  # the furthest scan of each query
        self._reading: Worker[None] | None = None
        self._stop_reading = threading.Event()
        self._shown: str | None = None  # the query whose matches are listed
        self._jump_for: str | None = None  # the query of an `enter` typed before its matches

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content("Search events and claims"), id="heading")
            yield LineInput(self.initial_query, placeholder="text, claimant or id", id="query")
            yield Label(Content(""), id="match-count")
            yield KeyList(id="results", enter_to_screen=True)
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
        self._show_or_read_on()

    def on_input_changed(self, event: Input.Changed) -> None:
        scan = search.begin(self.timeline, event.value, self._scans.values())
        self._keep(search.advance(self.timeline, scan, lambda read: read >= READ_PER_KEY))
        self._show_or_read_on()
        if self.remember is not None:
            self.remember(event.value)

    def on_search_screen_read(self, message: Read) -> None:
        self._reading = None
        self._keep(message.scan)
        self._show_or_read_on()

    def _keep(self, scan: search.Scan) -> None:
        known = self._scans.pop(scan.sought, None)
        self._scans[scan.sought] = scan if known is None or scan.scanned > known.scanned else known
        if len(self._scans) > SCANS_KEPT:
            del self._scans[next(iter(self._scans))]

    def _show_or_read_on(self) -> None:
        """List the query's matches when they are all read, else read on in a worker (after
        the one still reading has stopped: what it read is then a start for this one)."""
        value = self.query_one(Input).value
        scan = search.begin(self.timeline, value, self._scans.values())
        if scan.done:
            self._stop_reading.set()  # a worker still reading for an earlier query
            self._show(value, scan)
            return
        if self._shown is not None:
            self._shown = None
            self.query_one("#results", OptionList).clear_options()
        self.query_one("#match-count", Label).update(Content("searching…"))
        if self._reading is None:
            self._stop_reading = threading.Event()
            self._reading = self._read_on(scan, self._stop_reading)
        else:
            self._stop_reading.set()  # its `Read` comes back to this method

    @work(thread=True, group="search")
    def _read_on(self, scan: search.Scan, stop: threading.Event) -> None:
        """Read on until done or told to stop (by a key, or by the screen closing: Textual
        cancels the workers of a closed screen). Never cancelled by a key: a thread worker
        cancelled before it started would never say what it read."""
        worker = get_current_worker()
        scan = search.advance(
            self.timeline, scan, lambda _read: stop.is_set() or worker.is_cancelled
        )
        self.post_message(self.Read(scan))

    def _show(self, value: str, scan: search.Scan) -> None:
        results = self.query_one("#results", OptionList)
        if self._shown != scan.sought:
            self._shown = scan.sought
            results.set_options(
                [_option(self.timeline, *record) for record in scan.records(self.timeline)]
            )
            if results.option_count:
                results.highlighted = 0
            self.query_one("#match-count", Label).update(Content(count_text(value, scan)))
        if self._jump_for == scan.sought:
            self._jump_for = None
            self._choose(results.highlighted_option)
            self.release_held_keys()  # to the query, when there was no match to jump to

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._shown != search.needle(event.value):  # still reading: jump when read
            self._jump_for = search.needle(event.value)
            return
        self._choose(self.query_one("#results", OptionList).highlighted_option)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option)

    def action_jump(self) -> None:
        self._choose(self.query_one("#results", OptionList).highlighted_option)

    def hold(self, key: events.Key) -> bool:
        kept = super().hold(key)
        if kept and key.key == "escape" and self._jump_for is not None:
            self.release_held_keys()  # gives up the jump still waiting, at once
        return kept

    def release_held_keys(self) -> None:
        """Not while an `enter` waits for its query's matches (see the class), unless an
        `escape` typed behind it gives the jump up: it cancels without waiting for the read."""
        held = self.held_keys or []
        if self._jump_for is not None and not any(key.key == "escape" for key in held):
            return
        self._jump_for = None
        super().release_held_keys()

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


def count_text(query: str, scan: search.Scan) -> str:
    """ "no match", "1 match", "12 matches", "200+ matches" ("" before anything is typed)."""
    if not query.strip():
        return ""
    count = len(scan.hits)
    if count == 0:
        return "no match"
    more = "" if scan.complete else "+"
    return f"{count}{more} match" + ("es" if count > 1 else "")
