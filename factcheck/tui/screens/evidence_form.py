"""Add evidence: URL (focused first, validated), title, stance (default context), note.

The form names the claim and shows its text. A URL without a scheme is offered back with
`https://` (enter accepts the offer); a URL over `URL_LIMIT` characters is refused with the
reason. The evidence saved is what was typed when `enter` was pressed: the field that
submitted gives its value from the key press (a key typed right after `enter` goes to the
same field), the others cannot have changed since.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label

from factcheck.model import Evidence, url_problem
from factcheck.text import sanitize_line
from factcheck.tui.display import cut, line
from factcheck.tui.screens.dialog import Dialog
from factcheck.tui.widgets.line_input import LineInput
from factcheck.tui.widgets.stance_field import StanceField

#: The longest URL accepted: longer ones are cut by browsers and archives, and a
#: 5,000-character paste is a mistake (the form says so instead of keeping it).
URL_LIMIT = 2_048
#: Characters of the claim's text shown at the top of the form.
QUOTE_LIMIT = 160


def url_offer(url: str) -> str | None:
    """`https://` + `url` when `url` has no scheme and that makes it acceptable."""
    if "://" in url or not url:
        return None
    offered = f"https://{url}"
    return offered if url_problem(offered) is None else None


class EvidenceForm(Dialog[Evidence | None]):
    """Dismisses with the new Evidence, or None on escape; an invalid URL keeps it open."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("enter", "save", "Save", show=False),  # on the stance field
    ]

    def __init__(self, accessed: str, claim_id: str = "", quote: str = "") -> None:
        super().__init__()
        self.accessed = accessed
        self.claim_id = claim_id
        self.quote = quote
        #: (what was typed, the URL offered for it) after a URL without a scheme.
        self.offer: tuple[str, str] | None = None

    def compose(self) -> ComposeResult:
        heading = f"Add evidence to {self.claim_id}" if self.claim_id else "Add evidence"
        with Vertical(id="dialog"):
            yield Label(Content(sanitize_line(heading)), id="heading")
            if self.quote:
                yield Label(line(cut(self.quote, QUOTE_LIMIT), "italic"), classes="quote")
            yield Label(Content("URL (http or https)"))
            yield LineInput(placeholder="https://…", id="url")
            yield Label(Content(""), id="problem")
            yield Label(Content("Title"))
            yield LineInput(id="title")
            yield Label(Content("Stance (its key, or ← →)"))
            yield StanceField(id="stance")
            yield Label(Content("Note"))
            yield LineInput(id="note")
            yield Label(Content("enter saves · tab next field · escape cancels"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#url", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit({event.input.id or "": event.value})

    def action_save(self) -> None:
        self.submit({})

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "url":
            self.query_one("#problem", Label).update(Content(""))

    def value(self, field: str, submitted: dict[str, str]) -> str:
        return submitted.get(field, self.query_one(f"#{field}", Input).value).strip()

    def refuse(self, reason: str) -> None:
        self.query_one("#problem", Label).update(Content(sanitize_line(reason)).stylize("bold red"))
        self.query_one("#url", Input).focus()

    def submit(self, submitted: dict[str, str]) -> None:
        if not self.on_top:
            return
        url = self.value("url", submitted)
        if self.offer is not None and self.offer[0] == url:
            url = self.offer[1]  # enter again: the offer is accepted
        self.offer = None
        if len(url) > URL_LIMIT:
            self.refuse(f"the URL has {len(url):,} characters; at most {URL_LIMIT:,} are accepted")
            return
        problem = url_problem(url)
        offered = url_offer(url) if problem is not None else None
        if offered is not None:
            self.offer = (url, offered)
            self.refuse(f"did you mean {cut(offered, 200)}? enter to accept")
            return
        if problem is not None:
            self.refuse(problem)
            return
        self.finish(
            Evidence(
                url=url,
                title=self.value("title", submitted),
                stance=self.query_one("#stance", StanceField).value,
                accessed=self.accessed,
                note=self.value("note", submitted),
            )
        )

    def action_cancel(self) -> None:
        self.finish(None)
