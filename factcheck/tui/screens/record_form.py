"""What the claim and event forms share: the form contract of docs/ARCHITECTURE.md section 4.

The first field is focused; tab / shift+tab move between fields and a field's text is
selected when reached, so typing replaces it; ctrl+s submits from any field (enter too in a
one-line field); escape cancels and changes nothing. On submit the form builds one session
`Edit` and works it out on the timeline: an `EditError` is shown next to the field it names
and the form stays open; otherwise the form dismisses with the edit, already computed.

Untrusted values are shown escaped (an Input or a TextArea draws its text raw: an escape code
in a claimant would reach the terminal). A field left as shown keeps the stored value exactly.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Input, Label, Select, TextArea

from factcheck import curation
from factcheck.model import Timeline
from factcheck.session import Edit
from factcheck.session import EditError as SessionEditError
from factcheck.text import sanitize, sanitize_line
from factcheck.tui.display import BLOCK_LIMIT, LINE_LIMIT, line
from factcheck.tui.screens.dialog import Dialog

#: The form's values by field id (a Select's value as its string).
Values = dict[str, str]
#: Makes the edit from the form's values (all of them for a new record; for an edited one,
#: only the fields the reviewer changed, so the others keep their exact stored text).
Build = Callable[[Timeline, Values], Edit]


class FormTextArea(TextArea):
    """A multi-line field whose text is selected when reached, like an Input's."""

    def on_focus(self, event: events.Focus) -> None:
        if not event.from_app_focus:
            self.select_all()


def shown_value(value: str, multiline: bool) -> str:
    """The text a field starts with: escaped; empty when too long to draw (the placeholder
    says so, and an untouched field keeps the stored value)."""
    if len(value) > (BLOCK_LIMIT if multiline else LINE_LIMIT):
        return ""
    return sanitize(value) if multiline else sanitize_line(value)


def too_long_hint(value: str, multiline: bool, hint: str) -> str:
    if len(value) > (BLOCK_LIMIT if multiline else LINE_LIMIT):
        return f"{len(value):,} characters, kept unless you type a new value"
    return hint


class RecordForm(Dialog[Edit | None]):
    """Base of the claim and event forms; subclasses compose the fields in `FIELDS` order,
    each with a `problem_label(field)` after it, and one `problem_label("form")` on top."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "submit", "Save"),
    ]
    FIELDS: tuple[str, ...] = ()

    def __init__(self, timeline: Timeline, build: Build, *, new: bool, stored: Values) -> None:
        """`stored`: the record's values as they are (unescaped), by field."""
        super().__init__()
        self.timeline = timeline
        self.build = build
        self.new = new
        self.stored = stored
        self.initial: Values = {}

    def problem_label(self, field: str) -> Label:
        label = Label(Content(""), id=f"{field}-problem", classes="problem")
        label.display = False
        return label

    def on_mount(self) -> None:
        self.initial = self.values()
        self.query_one(f"#{self.FIELDS[0]}").focus()

    # --- values -------------------------------------------------------------------------

    def value_of(self, field: str) -> str:
        widget = self.query_one(f"#{field}")
        if isinstance(widget, Input):
            return widget.value
        if isinstance(widget, TextArea):
            return widget.text
        if isinstance(widget, Select):
            value = widget.value
            return value if isinstance(value, str) else ""
        raise TypeError(f"#{field} is not a form field")  # pragma: no cover

    def values(self) -> Values:
        return {field: self.value_of(field) for field in self.FIELDS}

    def changed(self) -> Values:
        """The fields to send: every one for a new record, else those the reviewer changed.
        A field left as shown sends the stored value, not its escaped display."""
        values = self.values()
        if self.new:
            return {
                field: self.stored.get(field, value) if value == self.initial[field] else value
                for field, value in values.items()
            }
        return {field: value for field, value in values.items() if value != self.initial[field]}

    # --- problems -----------------------------------------------------------------------

    def show_problem(self, field: str, reason: str) -> None:
        """The reason next to the field it concerns (at the top when it names none, e.g. the
        selection), and that field focused so it can be fixed."""
        if field not in self.FIELDS:
            field = "form"
        for label in self.query(".problem").results(Label):
            label.display = False
        labels = self.query(f"#{field}-problem").results(Label)
        for label in labels:
            label.update(line(reason, "bold red"))
            label.display = True
        if field in self.FIELDS:
            self.query_one(f"#{field}").focus()

    def clear_problem(self, field: str) -> None:
        for label in self.query(f"#{field}-problem").results(Label):
            label.display = False

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id:
            self.clear_problem(event.input.id)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id:
            self.clear_problem(event.text_area.id)

    # --- submit and cancel --------------------------------------------------------------

    def check(self, values: Values) -> tuple[str, str] | None:
        """(field, reason) when a value cannot be used before any edit is built."""
        return None

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def action_submit(self) -> None:
        values = self.changed()
        problem = self.check(values)
        if problem is not None:
            self.show_problem(*problem)
            return
        if not self.new and not values:
            self.finish(None)  # nothing changed: no empty undo step
            return
        try:
            edit = self.build(self.timeline, values)
            result = edit.change(self.timeline)
        except curation.EditError as error:
            self.show_problem(error.field, error.reason)
            return
        except SessionEditError as error:
            self.show_problem(self.FIELDS[0], str(error))
            return
        self.finish(edit.computed(self.timeline, result))

    def action_cancel(self) -> None:
        self.finish(None)
