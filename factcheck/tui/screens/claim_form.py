"""The claim form (`e` on a claim, `+`): text, claimant, kind, event, notes, in that order.

The claimant completes from the names already in the timeline (`curation.claimant_suggestions`),
so one person is not spelled five ways. The names are ranked once, in a worker, when the form
opens (0.6 s for 100,000 claims); each key press only filters that list.

The same form shows a drafted claim before it is added: `ClaimForm.adding(timeline, draft)`
(`+` opens it with a claim drafted from the source view's selection, or with an empty draft).
"""

from __future__ import annotations

import attrs
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.suggester import Suggester
from textual.widgets import Input, Label, Select

from factcheck import curation, dates
from factcheck.model import KINDS, Claim, Timeline
from factcheck.session import Edit
from factcheck.text import sanitize_line
from factcheck.tui.display import line
from factcheck.tui.screens.record_form import (
    Build,
    FormTextArea,
    RecordForm,
    Values,
    shown_value,
    too_long_hint,
)
from factcheck.tui.widgets.line_input import LineInput

#: Names listed under the claimant field while typing.
SHOWN_SUGGESTIONS = 5


class KnownNames:
    """The timeline's claimants and actors, most used first, once ranked (empty before)."""

    def __init__(self) -> None:
        self.ranked: list[str] = []

    def matching(self, prefix: str, limit: int) -> list[str]:
        if not prefix.strip():
            return []
        found: list[str] = []
        for name in self.ranked:
            if curation.name_matches(name, prefix):
                found.append(name)
                if len(found) == limit:
                    break
        return found


class ClaimantSuggester(Suggester):
    """Completes a typed claimant with a name the timeline already uses (most used first)."""

    def __init__(self, names: KnownNames) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.names = names

    async def get_suggestion(self, value: str) -> str | None:
        for name in self.names.matching(value, SHOWN_SUGGESTIONS):
            if name.casefold().startswith(value.casefold()) and len(name) > len(value):
                return value + sanitize_line(name[len(value) :])
        return None


def event_choices(timeline: Timeline) -> list[tuple[Content, str]]:
    """Every event by date and title (sanitized), then "no event"."""
    choices = [
        (line(f"{dates.display(event.date)}  {event.title or event.id}"), event.id)
        for event in timeline.events
    ]
    return [*choices, (Content("(no event)"), "")]


def edit_build(claim_id: str) -> Build:
    """Changes the fields the reviewer changed, and nothing else."""

    def build(timeline: Timeline, values: Values) -> Edit:
        def change(before: Timeline) -> Timeline:
            return curation.edit_claim(before, claim_id, **values)

        return Edit("edit_claim", change, focus=claim_id, structural="event" in values)

    return build


def adding_build(anchored: Claim) -> Build:
    """Adds the claim with the form's values; its id is drafted from the final claimant and
    text (a readable slug); its passage is the draft's."""

    def build(timeline: Timeline, values: Values) -> Edit:
        draft = curation.draft_claim(
            timeline,
            text=values["text"],
            claimant=values["claimant"],
            kind=values["kind"],
            event=values["event"],
            notes=values["notes"],
        )
        claim = attrs.evolve(draft, anchor=anchored.anchor)
        return Edit.of(curation.insert_claim, claim, focus=claim.id, structural=True)

    return build


class ClaimForm(RecordForm):
    """Dismisses with the edit (already worked out), or None on escape."""

    FIELDS = ("text", "claimant", "kind", "event", "notes")

    def __init__(
        self, timeline: Timeline, claim: Claim, build: Build, *, new: bool, heading: str
    ) -> None:
        stored = {field: getattr(claim, field) for field in self.FIELDS}
        super().__init__(timeline, build, new=new, stored=stored)
        self.claim = claim
        self.heading = heading
        self.names = KnownNames()

    @classmethod
    def editing(cls, timeline: Timeline, claim: Claim) -> ClaimForm:
        heading = f"Edit claim {sanitize_line(claim.id)}"
        return cls(timeline, claim, edit_build(claim.id), new=False, heading=heading)

    @classmethod
    def adding(cls, timeline: Timeline, draft: Claim) -> ClaimForm:
        """A new claim, starting from `draft` (e.g. `curation.draft_claim` of a selection)."""
        heading = "New claim" + (" from the selection" if draft.anchor else " (no passage)")
        return cls(timeline, draft, adding_build(draft), new=True, heading=heading)

    def compose(self) -> ComposeResult:
        claim = self.claim
        with VerticalScroll(id="dialog", can_focus=False):
            yield Label(Content(self.heading), id="heading")
            yield self.problem_label("form")
            yield Label(Content("Text"))
            text_area = FormTextArea(shown_value(claim.text, True), id="text", soft_wrap=True)
            text_area.placeholder = too_long_hint(claim.text, True, "What is claimed")
            yield text_area
            yield self.problem_label("text")
            yield Label(Content("Claimant"))
            yield LineInput(
                shown_value(claim.claimant, False),
                placeholder=too_long_hint(
                    claim.claimant, False, "Who says it (empty: the article itself)"
                ),
                suggester=ClaimantSuggester(self.names),
                id="claimant",
            )
            yield Label(Content(""), id="known-names", classes="hint-line")
            yield self.problem_label("claimant")
            yield Label(Content("Kind"))
            kind = claim.kind if claim.kind in KINDS else "statement"
            yield Select([(kind_name, kind_name) for kind_name in KINDS], value=kind,
                         allow_blank=False, id="kind")  # fmt: skip
            yield self.problem_label("kind")
            yield Label(Content("Event"))
            event = claim.event if self.timeline.event(claim.event) else ""
            yield Select(event_choices(self.timeline), value=event, allow_blank=False,
                         id="event")  # fmt: skip
            yield self.problem_label("event")
            yield Label(Content("Notes"))
            notes = FormTextArea(shown_value(claim.notes, True), id="notes", soft_wrap=True)
            notes.placeholder = too_long_hint(claim.notes, True, "")
            yield notes
            yield self.problem_label("notes")
            yield Label(
                Content("ctrl+s saves · tab next field · → completes a name · escape cancels"),
                classes="hint",
            )

    def on_mount(self) -> None:
        super().on_mount()
        self.rank_names()

    @work(thread=True, exit_on_error=False)
    def rank_names(self) -> None:
        everyone = len(self.timeline.claims) + sum(len(e.actors) for e in self.timeline.events)
        ranked = curation.claimant_suggestions(self.timeline, "", limit=everyone)
        self.app.call_from_thread(self.names_ranked, ranked)

    def names_ranked(self, ranked: list[str]) -> None:
        self.names.ranked = ranked
        self.show_known_names(self.query_one("#claimant", Input).value)

    def on_input_changed(self, event: Input.Changed) -> None:
        super().on_input_changed(event)
        if event.input.id == "claimant":
            self.show_known_names(event.value)

    def show_known_names(self, typed: str) -> None:
        """The known names the typed claimant may mean, under the field."""
        names = self.names.matching(typed, SHOWN_SUGGESTIONS + 1)
        names = [name for name in names if name != typed.strip()][:SHOWN_SUGGESTIONS]
        known = "known: " + " · ".join(names) if names else ""
        self.query_one("#known-names", Label).update(line(known, "dim"))
