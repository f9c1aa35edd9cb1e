"""The event form (`e` on an event, `E`): date, date text, title, summary, actors.

The date field takes EDTF or words ("last Tuesday", "early February 2020", "before 2 Feb
2020"), read against the source's date with the resolver `extract` uses
(`curation.resolve_date_input`); the EDTF value and its reading show as the reviewer types,
and a date that cannot be read keeps the form open with the reason.
"""

from __future__ import annotations

import attrs
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label

from factcheck import curation
from factcheck.model import Event, Timeline
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

#: How actors are written in their one-line field.
ACTOR_SEPARATOR = "; "


def reading_line(reading: curation.DateReading) -> Content:
    """What the date field means now: "→ 2020-01-27/2020-02-02 · week of 27 Jan 2020"."""
    if not reading.ok:
        return line(reading.problem, "bold red")
    if not reading.value:
        return Content("→ undated").stylize("dim")
    return Content.assemble("→ ", line(reading.value, "bold"), " · ", line(reading.reading))


def record_values(values: Values, published: str) -> dict[str, object]:
    """The form's text as the edit's arguments: the date resolved to EDTF, actors a list."""
    arguments: dict[str, object] = dict(values)
    if "date" in values:
        arguments["date"] = curation.resolve_date_input(values["date"], published).value
    if "actors" in values:
        arguments["actors"] = actor_list(values["actors"])
    return arguments


def actor_list(text: str) -> list[str]:
    return [name for name in text.split(";") if name.strip()]


def edit_build(event_id: str, published: str) -> Build:
    def build(timeline: Timeline, values: Values) -> Edit:
        arguments = record_values(values, published)

        def change(before: Timeline) -> Timeline:
            return curation.edit_event(before, event_id, **arguments)  # type: ignore[arg-type]

        return Edit("edit_event", change, focus=event_id, structural=True)

    return build


def adding_build(anchored: Event, published: str) -> Build:
    """Adds the event with the form's values; its id is a slug of the final title."""

    def build(timeline: Timeline, values: Values) -> Edit:
        draft = curation.draft_event(
            timeline,
            date=curation.resolve_date_input(values["date"], published).value,
            date_text=values["date_text"],
            title=values["title"],
            summary=values["summary"],
            actors=actor_list(values["actors"]),
        )
        event = attrs.evolve(draft, anchor=anchored.anchor)
        return Edit.of(curation.insert_event, event, focus=event.id, structural=True)

    return build


class EventForm(RecordForm):
    """Dismisses with the edit (already worked out), or None on escape."""

    FIELDS = ("date", "date_text", "title", "summary", "actors")

    def __init__(
        self,
        timeline: Timeline,
        event: Event,
        build: Build,
        *,
        new: bool,
        heading: str,
        published: str,
    ) -> None:
        stored = {field: getattr(event, field) for field in self.FIELDS if field != "actors"}
        stored["actors"] = ACTOR_SEPARATOR.join(event.actors)
        super().__init__(timeline, build, new=new, stored=stored)
        self.event = event
        self.heading = heading
        self.published = published

    @classmethod
    def editing(cls, timeline: Timeline, event: Event) -> EventForm:
        published = curation.reference_date(timeline, event.id)
        heading = f"Edit event {sanitize_line(event.id)}"
        return cls(timeline, event, edit_build(event.id, published), new=False,
                   heading=heading, published=published)  # fmt: skip

    @classmethod
    def adding(cls, timeline: Timeline, draft: Event, published: str = "") -> EventForm:
        """A new event, starting from `draft` (e.g. `curation.draft_event` of a selection);
        its date words are read against `published` (default: the timeline's first source)."""
        published = published or curation.reference_date(timeline)
        heading = "New event" + (" from the selection" if draft.anchor else " (no passage)")
        return cls(timeline, draft, adding_build(draft, published), new=True,
                   heading=heading, published=published)  # fmt: skip

    def compose(self) -> ComposeResult:
        event = self.event
        against = f" (words read against {self.published})" if self.published else ""
        with VerticalScroll(id="dialog", can_focus=False):
            yield Label(Content(self.heading), id="heading")
            yield self.problem_label("form")
            yield Label(line(f"Date: EDTF or words{against}"))
            yield LineInput(shown_value(event.date, False),
                        placeholder="2020-02-04, January 1997, last Tuesday, since 1993",
                        id="date")  # fmt: skip
            yield Label(reading_line(curation.resolve_date_input(event.date)), id="reading")
            yield self.problem_label("date")
            yield Label(Content("Date text (the words of the source)"))
            yield LineInput(shown_value(event.date_text, False), id="date_text",
                        placeholder=too_long_hint(event.date_text, False, ""))  # fmt: skip
            yield self.problem_label("date_text")
            yield Label(Content("Title"))
            yield LineInput(shown_value(event.title, False), id="title",
                        placeholder=too_long_hint(event.title, False, "What happened"))  # fmt: skip
            yield self.problem_label("title")
            yield Label(Content("Summary"))
            summary = FormTextArea(shown_value(event.summary, True), id="summary", soft_wrap=True)
            summary.placeholder = too_long_hint(event.summary, True, "")
            yield summary
            yield self.problem_label("summary")
            yield Label(Content("Actors (separated by ;)"))
            actors = ACTOR_SEPARATOR.join(event.actors)
            yield LineInput(shown_value(actors, False), id="actors",
                        placeholder=too_long_hint(actors, False, "Who takes part"))  # fmt: skip
            yield self.problem_label("actors")
            yield Label(Content("ctrl+s saves · tab next field · escape cancels"),
                        classes="hint")  # fmt: skip

    def on_input_changed(self, event: Input.Changed) -> None:
        super().on_input_changed(event)
        if event.input.id == "date":
            reading = curation.resolve_date_input(event.value, self.published)
            self.query_one("#reading", Label).update(reading_line(reading))

    def check(self, values: Values) -> tuple[str, str] | None:
        if "date" in values:
            reading = curation.resolve_date_input(values["date"], self.published)
            if not reading.ok:
                return "date", reading.problem
        return None
