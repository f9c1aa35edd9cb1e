"""Checked before (`b`): published fact-checks in the library closest to the selected claim.

The pane follows the selection. Each lookup runs in a worker thread (a query takes
milliseconds, opening the library a little longer; with `factcheck open --rerank`, the
re-ranker's model embeds the claim, unless BM25 decides alone, and any candidate without a
kept vector) and comes back as
a message, so no key waits for it; a result for a claim that is no longer selected is dropped.
The library (and the model) are opened on the first lookup, never when the explorer starts,
and only while the pane is shown. With --rerank, the next claims' texts that BM25 does not
decide alone are embedded ahead in another worker while the pane is shown, so moving on to one
costs no embedding.
Everything from the library is untrusted text: it is shown through `display.line`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from textual import work
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from factcheck.model import Claim
from factcheck.tui.display import STATUS_STYLE, block, line
from factcheck.tui.widgets.key_list import KeyList

if TYPE_CHECKING:
    from factcheck.library import Library, Match
    from factcheck.library.rerank import Reranker

#: Matches shown per claim.
TOP = 5
#: With --rerank, the claims after the selected one whose text is embedded in the background.
EMBED_AHEAD = 200
HOW_TO_ADD = (
    "Add published fact-checks with `factcheck library add FILE...` (ClaimReview JSON-LD, "
    "Fact Check Tools responses or timelines), then move to a claim. The library is "
    "$FACTCHECK_LIBRARY, or the file given by `factcheck open --library PATH`."
)


def match_prompt(match: Match) -> Content:
    """Two lines: rating, publisher, date and score; then the claim that was checked."""
    return Content.assemble(
        line(match.rating or "unrated", STATUS_STYLE.get(match.status, "bold")),
        "  ",
        line(match.publisher or "unknown publisher", "bold"),
        "  ",
        line(match.date or "undated", "dim"),
        (f"  score {match.score:.1f}", "dim"),
        "\n  ",
        line(match.claim or match.headline),
    )


class CheckedBefore(KeyList):
    """The matches of the selected claim; enter asks to attach the highlighted one."""

    BORDER_TITLE = "Checked before"
    BINDINGS = [Binding("escape", "close", "Close", show=False)]

    class Found(Message):
        """A lookup's result: matches, or a sentence saying why there are none."""

        def __init__(self, claim_id: str, text: str, matches: list[Match], problem: str) -> None:
            super().__init__()
            self.claim_id = claim_id
            self.text = text
            self.matches = matches
            self.problem = problem

    class Closed(Message):
        """The pane was closed while focused: the screen gives the focus back to its lists."""

    def __init__(
        self,
        chosen: Callable[[str, Match], None],
        claims_after: Callable[[str, int], Sequence[Claim]] = lambda claim_id, count: (),
        **kwargs: object,
    ) -> None:
        """`chosen(claim id, match)`: the reviewer picked a match to attach to the claim it
        was found for. `claims_after(claim id, count)`: the claims that follow it in the
        timeline's order, wrapping (to embed ahead)."""
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.chosen = chosen
        self.claims_after = claims_after
        self.wanted: tuple[str, str] | None = None  # (claim id, text) asked for
        self.shown_for: str | None = None  # the claim the rows belong to
        self.matches: list[Match] = []
        self._library: Library | None = None
        self._reranker: Reranker | None = None
        self._opening = threading.Lock()

    def toggle(self, claim: Claim | None) -> None:
        """Show the pane, focused, looking `claim` up afresh; or hide it."""
        if self.display:
            self.action_close()
            return
        self.display = True
        self.wanted = None  # the library may have changed while hidden
        self.follow(claim)
        self.focus()

    def follow(self, claim: Claim | None) -> None:
        """Look up the selected claim (when shown, and when it changed)."""
        if not self.display:
            return
        wanted = None if claim is None else (claim.id, claim.text)
        if wanted == self.wanted:
            return
        self.wanted = wanted
        if wanted is None:
            self.show_message("Select a claim to see what was checked before.", None)
        else:
            self.lookup(*wanted)

    @work(thread=True, exclusive=True, exit_on_error=False, group="checked-before")
    def lookup(self, claim_id: str, text: str) -> None:
        from factcheck.library import LibraryError, LibraryMissing

        matches: list[Match] = []
        problem = ""
        try:
            library = self.library()
            if self._reranker is not None:
                matches = self._reranker.match(library, text, top=TOP)
            else:
                matches = library.match(text, top=TOP)
        except LibraryMissing as error:
            problem = f"{error}\n{HOW_TO_ADD}"
        except LibraryError as error:
            problem = str(error)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Found(claim_id, text, matches, problem))

    def library(self) -> Library:
        """The library, opened on first use (from a worker thread); LibraryError if none.

        With `factcheck open --rerank`, also the re-ranker (RerankUnavailable, a LibraryError,
        without the `rerank` extra).
        """
        from factcheck.library import Library, default_path, rerank

        with self._opening:
            if self._library is None:
                self._library = Library.open(default_path())
            if self._reranker is None and rerank.wanted_in_explorer():
                self._reranker = rerank.Reranker.load()
            return self._library

    def on_checked_before_found(self, message: Found) -> None:
        message.stop()
        if (message.claim_id, message.text) != self.wanted:
            return  # the selection moved on while the query ran
        if message.problem:
            self.show_message(message.problem, message.claim_id)
        elif not message.matches:
            self.show_message("No published fact-check matches this claim.", message.claim_id)
        else:
            self.matches = message.matches
            self.shown_for = message.claim_id
            self.set_options(match_prompt(match) for match in message.matches)
            self.highlighted = 0
        if self._reranker is not None and self._library is not None:
            following = self.claims_after(message.claim_id, EMBED_AHEAD)
            self.embed_ahead(self._reranker, self._library, [claim.text for claim in following])

    @work(thread=True, exclusive=True, exit_on_error=False, group="checked-before-ahead")
    def embed_ahead(self, reranker: Reranker, library: Library, texts: list[str]) -> None:
        """Embed the next claims' texts that BM25 does not decide alone, while the reviewer
        reads: moving on to one of them then costs BM25 and the kept vectors, not the model
        (one embedding at a time, so a lookup waits for one at most)."""
        worker = get_current_worker()
        for text in texts:
            if worker.is_cancelled or not self.display:
                return
            reranker.embed_query(library, text)

    def show_message(self, text: str, claim_id: str | None) -> None:
        self.matches = []
        self.shown_for = claim_id
        self.set_options([Option(block(text), disabled=True)])

    def action_select(self) -> None:
        """`enter`: the match goes to the screen at once, not in a message, so a stance key
        typed right behind `enter` reaches the dialog it opens (a message came after that
        key, which the main screen took: `s` opened the status picker)."""
        self.choose(self.highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # a click
        self.choose(event.option_index)

    def choose(self, index: int | None) -> None:
        if self.shown_for is not None and index is not None and 0 <= index < len(self.matches):
            self.chosen(self.shown_for, self.matches[index])

    def action_close(self) -> None:
        had_focus = self.has_focus
        self.display = False
        self.workers.cancel_group(self, "checked-before-ahead")
        if had_focus:
            self.post_message(self.Closed())

    def on_unmount(self) -> None:
        with self._opening:
            if self._library is not None:
                self._library.close()
                self._library = None
