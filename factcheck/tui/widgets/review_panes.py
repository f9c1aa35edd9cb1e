"""The main screen's panes and selection: timeline, event, claims, claim, evidence, source.

The panes show the session's current timeline; they never edit it. A key press touches only
the rows it changes: an edit of one claim redraws that claim (`refresh_claim`); an edit that
adds, drops or moves records rebuilds the rows (`reindex`, rare and explicit).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList

from factcheck import store
from factcheck.model import Claim, Event
from factcheck.session import ReviewSession
from factcheck.text import sanitize_line
from factcheck.tui.widgets.claim_detail import ClaimDetail, ClaimPane
from factcheck.tui.widgets.claim_list import ClaimList, claim_prompt
from factcheck.tui.widgets.event_detail import EventDetail
from factcheck.tui.widgets.evidence_list import EvidenceList, evidence_prompt
from factcheck.tui.widgets.source_view import SourceSelection, SourceView
from factcheck.tui.widgets.timeline_list import TimelineList, event_prompt

#: Row key of the claims that belong to no event.
NO_EVENT = ""
#: Events `n` looks through for one with a claim to review.
SKIP_LIMIT = 1_000


class ReviewPanes(Horizontal):
    """The selection (event, claim, evidence row) and the status filter of the main screen."""

    class SelectionChanged(Message):
        """The selected claim or evidence changed: the screen re-checks its key gates."""

    def __init__(self, session: ReviewSession, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.status_filter = ""
        self.rows: list[str] = []
        self.row_of: dict[str, int] = {}
        self.event_id: str | None = None
        self.claim_rows: list[str] = []
        self.claim_id: str | None = None
        self._sources: dict[str, tuple[str, bool] | str] = {}
        #: Under a filter: event id -> how many of its claims have the filtered status.
        self._shown: dict[str, int] = {}
        #: `claims_in_order` of one timeline value, and each claim's place in it.
        self._order: tuple[object, list[Claim], dict[str, int]] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="left"):
            yield TimelineList(id="timeline")
            yield SourceView(id="source")
        with Vertical(id="right"):
            yield EventDetail(id="event")
            yield ClaimList(id="claims")
            with ClaimPane(id="claim-pane") as claim_pane:
                claim_pane.border_title = "Claim"
                yield ClaimDetail(id="claim")
            yield EvidenceList(id="evidence")

    def on_mount(self) -> None:
        # Hidden before the rows select a claim: a visible view would load and wrap the whole
        # source document at startup (1.8 s for a 100,000-claim timeline's source).
        self.query_one("#source", SourceView).display = False

    # --- what is selected ----------------------------------------------------------------

    @property
    def claim(self) -> Claim | None:
        timeline = self.session.timeline
        position = timeline.claim_index.get(self.claim_id or "")
        return None if position is None or self.claim_id is None else timeline.claims[position]

    def claims_of(self, event_id: str) -> list[Claim]:
        timeline = self.session.timeline
        claims = [timeline.claims[i] for i in timeline.claims_by_event.get(event_id, ())]
        if self.status_filter:
            claims = [claim for claim in claims if claim.status == self.status_filter]
        return claims

    def event_of(self, event_id: str) -> Event | None:
        return self.session.timeline.event(event_id)

    def evidence_index(self) -> int | None:
        """The highlighted evidence row of the selected claim, if there is one."""
        claim = self.claim
        row = self.query_one("#evidence", EvidenceList).highlighted
        if claim is None or row is None or not 0 <= row < len(claim.evidence):
            return None
        return row

    # --- rows ----------------------------------------------------------------------------

    def build_rows(self, keep: str | None = None) -> None:
        """(Re)build the timeline list: at load, on a filter change, after structural edits."""
        timeline = self.session.timeline
        ids = [event.id for event in timeline.events]
        if NO_EVENT in timeline.claims_by_event:
            ids.append(NO_EVENT)
        if self.status_filter:
            self._shown = {event_id: len(self.claims_of(event_id)) for event_id in ids}
            ids = [event_id for event_id in ids if self._shown[event_id]]
        else:
            self._shown = {}
        self.rows = ids
        self.row_of = {event_id: row for row, event_id in enumerate(ids)}
        self.query_one("#timeline", TimelineList).set_rows(len(ids), self.row_prompt)
        target = keep if keep in self.row_of else (ids[0] if ids else None)
        self.event_id = None
        if target is not None:
            self.select_event(target)
        else:
            self.show_nothing()

    @property
    def shown_count(self) -> int:
        """Claims with the filtered status in the whole file (0 without a filter)."""
        return sum(self._shown.values())

    def row_prompt(self, row: int, width: int | None) -> Content:
        event_id = self.rows[row]
        timeline = self.session.timeline
        claims = [timeline.claims[i] for i in timeline.claims_by_event.get(event_id, ())]
        shown = self._shown.get(event_id, 0) if self.status_filter else None
        return event_prompt(self.event_of(event_id), claims, shown, width)

    def show_nothing(self) -> None:
        self.event_id = None
        self.claim_id = None
        self.claim_rows = []
        self.query_one("#event", EventDetail).show_message(
            "No events match the filter: press escape to show all."
        )
        self.query_one("#claims", ClaimList).clear_options()
        self.query_one("#claim", ClaimDetail).show(None)
        self.query_one("#evidence", EvidenceList).clear_options()
        self.post_message(self.SelectionChanged())

    def select_event(self, event_id: str, claim_id: str | None = None) -> None:
        """Make an event current: every pane follows; its first claim is selected."""
        row = self.row_of.get(event_id)
        if row is None:
            return
        timeline = self.query_one("#timeline", TimelineList)
        if timeline.highlighted != row:
            timeline.highlighted = row
        self.event_id = event_id
        self.query_one("#event", EventDetail).show(self.event_of(event_id))
        claims = self.claims_of(event_id)
        self.claim_rows = [claim.id for claim in claims]
        claim_list = self.query_one("#claims", ClaimList)
        claim_list.set_options(claim_prompt(claim) for claim in claims)
        chosen = claim_id if claim_id in self.claim_rows else None
        if chosen is None and self.claim_rows:
            chosen = self.claim_rows[0]
        if chosen is not None:
            claim_list.highlighted = self.claim_rows.index(chosen)
        self.select_claim(chosen)

    def select_claim(self, claim_id: str | None, evidence_row: int = 0) -> None:
        self.claim_id = claim_id
        claim = self.claim
        self.query_one("#claim", ClaimDetail).show(claim)
        self.query_one("#claim-pane", ClaimPane).scroll_home(animate=False)
        evidence = self.query_one("#evidence", EvidenceList)
        items = claim.evidence if claim is not None else ()
        evidence.set_options(evidence_prompt(item) for item in items)
        if items:
            evidence.highlighted = min(evidence_row, len(items) - 1)
        self.update_source()
        self.post_message(self.SelectionChanged())

    def refresh_claim(self, claim_id: str, evidence_row: int = 0) -> None:
        """Redraw what one changed claim affects: its event's row, its row, the details."""
        timeline = self.session.timeline
        claim = timeline.claims[timeline.claim_index[claim_id]]
        if self.status_filter:  # its status may have left or joined the filter
            self._shown[claim.event] = len(self.claims_of(claim.event))
        row = self.row_of.get(claim.event)
        if row is not None:
            self.query_one("#timeline", TimelineList).refresh_row(row)
        if claim.event != self.event_id or claim_id not in self.claim_rows:
            self.select_event(claim.event, claim_id)
        else:
            claim_list = self.query_one("#claims", ClaimList)
            position = self.claim_rows.index(claim_id)
            claim_list.replace_option_prompt_at_index(position, claim_prompt(claim))
            if claim_list.highlighted != position:
                claim_list.highlighted = position
            self.select_claim(claim_id, evidence_row)

    def reindex(self, claim_id: str = "") -> None:
        """Rebuild the rows after records were added, dropped or moved; select the claim
        (or the event) the edit was about."""
        self._sources.clear()
        self.build_rows(keep=self.event_id)
        if claim_id in self.session.timeline.claim_index:
            self.jump("claim", claim_id)
        elif claim_id in self.session.timeline.event_index:
            self.jump("event", claim_id)

    def set_filter(self, status: str) -> None:
        self.status_filter = status
        self.build_rows(keep=self.event_id)

    def step(self, delta: int) -> None:
        """Select the event `delta` rows away (clamped to the list)."""
        if not self.rows:
            return
        highlighted = self.query_one("#timeline", TimelineList).highlighted
        current = -1 if highlighted is None else highlighted
        row = max(0, min(len(self.rows) - 1, current + delta))
        if row != current:
            self.select_event(self.rows[row])

    def step_to_open(self) -> int:
        """`n`: select the next event with a claim still open (or none at all), skipping
        fully reviewed ones; the next event when none of the next `SKIP_LIMIT` is open.
        Returns how many events were skipped. Reads at most `SKIP_LIMIT` events, so a key
        press costs the same on any timeline (an unbounded look through 100,000 reviewed
        events took 0.9 s)."""
        current = self.row_of.get(self.event_id) if self.event_id is not None else None
        start = -1 if current is None else current
        for row in range(start + 1, min(len(self.rows), start + 1 + SKIP_LIMIT)):
            claims = self.claims_of(self.rows[row])
            if not claims or any(not claim.is_reviewed for claim in claims):
                self.select_event(self.rows[row])
                return row - start - 1
        self.step(1)
        return 0

    def can_step(self, delta: int) -> bool:
        """Whether `step(delta)` would select another event (`n` at the last one: no)."""
        row = self.row_of.get(self.event_id) if self.event_id is not None else None
        if row is None:
            return bool(self.rows)
        return 0 <= row + delta < len(self.rows)

    def step_claim(self, delta: int) -> bool:
        """Select the claim `delta` (1 or -1) away in the rows shown, across events; False
        at the first or last claim. Reads only the events it passes."""
        if self.claim_id in self.claim_rows:
            position = self.claim_rows.index(self.claim_id) + delta
            if 0 <= position < len(self.claim_rows):
                self.query_one("#claims", ClaimList).highlighted = position
                self.select_claim(self.claim_rows[position])
                return True
        current = self.row_of.get(self.event_id) if self.event_id is not None else None
        row = (current if current is not None else -1 if delta > 0 else len(self.rows)) + delta
        while 0 <= row < len(self.rows):
            claims = self.claims_of(self.rows[row])
            if claims:
                self.select_event(self.rows[row], (claims[0] if delta > 0 else claims[-1]).id)
                return True
            row += delta
        return False

    def claims_in_order(self) -> list[Claim]:
        """Every claim in the timeline's order (events, then the claims of no event; the
        re-ranking "Checked before" view embeds ahead from it)."""
        timeline = self.session.timeline
        order = [event.id for event in timeline.events]
        if NO_EVENT in timeline.claims_by_event:
            order.append(NO_EVENT)
        by_event = timeline.claims_by_event
        return [timeline.claims[i] for event_id in order for i in by_event.get(event_id, ())]

    def claims_after(self, claim_id: str, count: int) -> list[Claim]:
        """The `count` claims that follow `claim_id` in `claims_in_order`, wrapping (the
        re-ranking "Checked before" embeds them ahead). The order is kept while the timeline
        value is the same (it is immutable), so a step from claim to claim costs `count`
        claims on the main thread, not the whole file."""
        timeline = self.session.timeline
        if self._order is None or self._order[0] is not timeline:
            order = self.claims_in_order()
            self._order = (timeline, order, {claim.id: i for i, claim in enumerate(order)})
        _, order, place = self._order
        start = place.get(claim_id, -1)
        return [order[(start + step) % len(order)] for step in range(1, min(count, len(order)) + 1)]

    def next_with_status(self, status: str) -> tuple[Claim | None, bool]:
        """The next claim after the selected one with `status`, in the timeline's order
        (events, then the claims of no event), wrapping; and whether the search wrapped past
        the last claim. (None, False) when no other claim has it. Walks event by event from
        the selected claim and stops at the first match (building the whole order each
        press took 0.4 s on 500,000 claims)."""
        timeline = self.session.timeline
        claims, by_event, events = timeline.claims, timeline.claims_by_event, timeline.events
        slots = len(events) + 1  # the events, then the claims of no event
        current = self.claim
        start, after = 0, -1
        if current is not None:  # "" (no event) is not an event id: the last slot
            start = timeline.event_index.get(current.event, len(events))
            after = by_event[current.event].index(timeline.claim_index[current.id])
        for step in range(slots + 1):  # every slot once, then the start's claims before `after`
            slot = (start + step) % slots
            event_id = events[slot].id if slot < len(events) else NO_EVENT
            positions = by_event.get(event_id, ())
            if step == 0:
                positions = positions[after + 1 :]
            elif step == slots:
                positions = positions[: after + 1]
            for position in positions:
                claim = claims[position]
                if claim.status == status and claim.id != self.claim_id:
                    return claim, start + step >= slots
        return None, False

    def jump(self, kind: str, record: str) -> bool:
        """Select an event, or a claim and its event; True when a filter hid it and was cleared."""
        timeline = self.session.timeline
        if kind == "claim":
            position = timeline.claim_index.get(record)
            if position is None:
                return False
            event_id: str = timeline.claims[position].event
            claim_id: str | None = record
        else:
            event_id, claim_id = record, None
        hidden = event_id not in self.row_of or (
            claim_id is not None and claim_id not in [c.id for c in self.claims_of(event_id)]
        )
        cleared = hidden and bool(self.status_filter)
        if cleared:
            self.set_filter("")
        self.select_event(event_id, claim_id)
        return cleared

    def select_record(self, record: str) -> None:
        """Select the claim or event a conflict names ("claims.<id>", "events.<id>")."""
        table, _, record_id = record.partition(".")
        if table == "claims" and record_id in self.session.timeline.claim_index:
            self.jump("claim", record_id)
        elif table == "events" and record_id in self.session.timeline.event_index:
            self.jump("event", record_id)

    # --- the source document -------------------------------------------------------------

    def toggle_source(self) -> None:
        """Open the source view and focus it, or close it (focus back to the timeline)."""
        view = self.query_one("#source", SourceView)
        view.display = not view.display
        if view.display:
            self.update_source()
            view.focus()
        elif view.has_focus:
            self.query_one("#timeline", TimelineList).focus()

    def on_source_view_close_requested(self, _message: SourceView.CloseRequested) -> None:
        self.toggle_source()

    def source_selection(self) -> SourceSelection | None:
        """The words selected in the source view, when it is open."""
        view = self.query_one("#source", SourceView)
        return view.selected() if view.display else None

    def update_source(self) -> None:
        view = self.query_one("#source", SourceView)
        if not view.display:
            return
        timeline = self.session.timeline
        claim = self.claim
        event = self.event_of(self.event_id or "")
        anchor = (claim.anchor if claim is not None else None) or (
            event.anchor if event is not None else None
        )
        source_id = anchor.source if anchor is not None else None
        if source_id is None and timeline.sources:
            source_id = timeline.sources[0].id
        source = timeline.source(source_id) if source_id else None
        if source is None:
            view.show_message("This timeline has no source document.")
            return
        if source.id not in self._sources:
            try:
                self._sources[source.id] = store.read_source(self.session.path, source)
            except store.StoreError as error:
                self._sources[source.id] = str(error)
        loaded = self._sources[source.id]
        if isinstance(loaded, str):
            view.show_message(loaded)
            return
        text, intact = loaded
        title = sanitize_line(source.title or source.id)
        if not intact:
            title += " (changed since it was anchored: sha256 differs)"
        view.show_document(text, title, source.id)
        view.call_after_refresh(view.highlight, anchor)

    # --- list events ---------------------------------------------------------------------

    def on_timeline_list_highlighted(self, event: TimelineList.Highlighted) -> None:
        # Messages arrive after the key that caused them; a later key may have moved on.
        if event.index != event.timeline.highlighted:
            return
        if 0 <= event.index < len(self.rows) and self.rows[event.index] != self.event_id:
            self.select_event(self.rows[event.index])

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index != event.option_list.highlighted:
            return
        if event.option_list.id == "claims":
            if 0 <= event.option_index < len(self.claim_rows):
                claim_id = self.claim_rows[event.option_index]
                if claim_id != self.claim_id:
                    self.select_claim(claim_id)
        elif event.option_list.id == "evidence":
            self.post_message(self.SelectionChanged())
