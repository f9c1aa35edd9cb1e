"""The explorer's one table of keys (docs/ARCHITECTURE.md section 4).

Each row says which keys run which action of the main screen, its footer label, its line in
the help screen, its palette text and when it applies (its gate). The screen's BINDINGS,
its `check_action` greying (and so the footer), the help screen and the palette entries are
all generated from `MAIN_KEYS`: adding a key is one row here and one `action_*` method.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

import attrs
from textual.binding import Binding

from factcheck.model import STATUSES
from factcheck.session import ReviewSession


class ReviewView(Protocol):
    """What the gates read: the screen's session and selection."""

    session: ReviewSession

    @property
    def claim_id(self) -> str | None: ...

    @property
    def has_rows(self) -> bool: ...

    @property
    def status_filter(self) -> str: ...

    @property
    def last_search(self) -> str: ...

    def evidence_index(self) -> int | None: ...

    def record(self) -> tuple[str, str] | None: ...
    def can_step(self, delta: int) -> bool: ...


Gate = Callable[[ReviewView], bool]


def has_claim(view: ReviewView) -> bool:
    return view.claim_id is not None


def has_evidence(view: ReviewView) -> bool:
    return view.evidence_index() is not None


def has_record(view: ReviewView) -> bool:
    """A claim, an event or an evidence link has focus (what `e` and `d` act on)."""
    return view.record() is not None


def on_evidence(view: ReviewView) -> bool:
    """The evidence pane has focus, on a link."""
    record = view.record()
    return record is not None and record[0] == "evidence"


def has_rows(view: ReviewView) -> bool:
    return view.has_rows


def has_filter(view: ReviewView) -> bool:
    return bool(view.status_filter)


def has_search(view: ReviewView) -> bool:
    return bool(view.last_search.strip())


def has_next_event(view: ReviewView) -> bool:
    return view.can_step(1)


def has_previous_event(view: ReviewView) -> bool:
    return view.can_step(-1)


def can_undo(view: ReviewView) -> bool:
    return view.session.can_undo


def can_redo(view: ReviewView) -> bool:
    return view.session.can_redo


def has_conflicts(view: ReviewView) -> bool:
    return bool(view.session.timeline.conflicts)


#: How a Textual key name is written for people.
KEY_NAMES = {
    "slash": "/",
    "question_mark": "?",
    "plus": "+",
    "full_stop": ".",
    "greater_than_sign": ">",
    "less_than_sign": "<",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "right_curly_bracket": "}",
}


def digit_of(position: int) -> str:
    """The digit of the scale's `position`th status: 1..9, then 0 for the tenth."""
    return str((position + 1) % 10)


@attrs.frozen
class Key:
    """One row of the table.

    `keys`: Textual key names, comma-separated (the first is the one shown). `action`: the
    screen action (`action_<name>`), with arguments if any. `show`: in the footer.
    `palette`: the command palette's text ("" keeps it out). `gate`: when the action
    applies; elsewhere its key is greyed out in the footer and does nothing. No key is a
    priority binding: a priority key runs before the keys typed ahead of it have reached the
    focused widget (docs/ARCHITECTURE.md, "Key bursts").
    `footer`: the footer's order, lowest first (the rest keep the table's order): a narrow
    terminal cuts the footer's right end, so the keys one cannot work without come first.
    `help` "" keeps a row out of the help screen (one line there can stand for several rows,
    with `help_keys` as its keys).
    """

    keys: str
    action: str
    description: str
    help: str
    group: str
    palette: str = ""
    show: bool = True
    gate: Gate | None = None
    footer: int = 100
    help_keys: str = ""

    @property
    def name(self) -> str:
        """The action's name without arguments (what `check_action` receives)."""
        return self.action.partition("(")[0]

    @property
    def id(self) -> str:
        """The binding id (for keymaps): stable, from the action and its arguments."""
        arguments = self.action.partition("(")[2].rstrip(")")
        return f"main.{self.name}" + (f".{arguments}" if arguments else "")

    @property
    def first_key(self) -> str:
        key = self.keys.split(",")[0]
        return KEY_NAMES.get(key, key)

    @property
    def all_keys(self) -> str:
        return " / ".join(KEY_NAMES.get(key, key) for key in self.keys.split(","))

    def binding(self) -> Binding:
        return Binding(
            self.keys,
            self.action,
            self.description,
            show=self.show,
            key_display=KEY_NAMES.get(self.keys.split(",")[0]),
            id=self.id,
        )


REVIEW, NAVIGATE, FILE = "Review", "Move", "File and help"
CURATE = "Curate"

#: Digits 1..9, 0 rate the selected claim directly, in the scale's order (one help line).
RATING_KEYS: tuple[Key, ...] = tuple(
    Key(digit_of(position), f"rate({position})", name,
        "" if position else "status in one key (undoable): "
        + ", ".join(f"{digit_of(i)} {other}" for i, other in enumerate(STATUSES)),
        REVIEW, f"Set status: {name}", show=False, gate=has_claim, help_keys="1..9, 0")
    for position, name in enumerate(STATUSES)
)  # fmt: skip

MAIN_KEYS: tuple[Key, ...] = (
    Key("n", "next_event", "Next",
        "next event with a claim to review (skips fully reviewed ones and says so)", NAVIGATE,
        "Next event", gate=has_next_event),
    Key("p", "previous_event", "Prev", "previous event", NAVIGATE,
        "Previous event", show=False, gate=has_previous_event),
    Key("right_square_bracket", "next_claim", "Next cl.", "next claim, across events",
        NAVIGATE, "Next claim", show=False, gate=has_rows),
    Key("left_square_bracket", "previous_claim", "Prev cl.", "previous claim, across events",
        NAVIGATE, "Previous claim", show=False, gate=has_rows),
    Key("right_curly_bracket", "next_unverified", "Next unv.",
        "next claim still unverified (wraps; says when none is left)", NAVIGATE,
        "Next unverified claim", show=False, gate=has_rows),
    Key("s", "set_status", "Status",
        "status: digits 1..9, 0 pick, enter confirms, escape cancels", REVIEW,
        "Set the status of the selected claim", gate=has_claim),
    *RATING_KEYS,
    Key("a", "add_evidence", "Add ev.",
        "add evidence: URL, title, stance (default context), note", REVIEW,
        "Add evidence to the selected claim", gate=has_claim),
    Key("x", "remove_evidence", "Del ev.", "remove the selected evidence (undoable)", REVIEW,
        "Remove the selected evidence", show=False, gate=has_evidence),
    Key("v", "edit_verdict", "Verdict", "edit the verdict line", REVIEW,
        "Edit the verdict", gate=has_claim),
    Key("u,ctrl+z", "undo", "Undo", "undo", REVIEW, "Undo", gate=can_undo),
    Key("ctrl+y", "redo", "Redo", "redo", REVIEW, "Redo", show=False, gate=can_redo),
    Key("slash", "search", "Search", "search events and claims (text, claimant, id)", NAVIGATE,
        "Search events and claims"),
    Key("greater_than_sign", "next_match", "Next match",
        "next match of the last search (wraps)", NAVIGATE, "Next search match",
        show=False, gate=has_search),
    Key("less_than_sign", "previous_match", "Prev. match",
        "previous match of the last search (wraps)", NAVIGATE, "Previous search match",
        show=False, gate=has_search),
    Key("f", "filter", "Filter", "filter by status", NAVIGATE, "Filter by status"),
    Key("escape", "clear_filter", "Clear filter", "clear the status filter", NAVIGATE,
        "Clear filter", show=False, gate=has_filter),
    Key("o", "toggle_source", "Source", "show / hide the source document", NAVIGATE,
        "Show or hide the source document"),
    Key("h", "history", "Hist.", "history of the selected claim in git", REVIEW,
        "History of the selected claim", gate=has_claim),
    Key("b", "checked_before", "Checked",
        "checked before: published fact-checks like this claim; enter attaches one",
        REVIEW,
        "Checked before: fact-checks matching the selected claim", show=False, gate=has_claim),
    Key("c", "conflicts", "Confl.", "merge conflicts: pick o ours or t theirs (undoable)",
        REVIEW, "Resolve merge conflicts", gate=has_conflicts),
    Key("e", "edit_record", "Edit", "edit the focused claim or event (a form)", CURATE,
        "Edit the focused claim or event", show=False, gate=has_record),
    Key("plus", "new_claim", "Claim",
        "new claim on the selected event, in a form: from the source view's selection "
        "(anchored to exactly those words), else one with no passage", CURATE, "New claim",
        show=False),
    Key("E", "new_event", "Event",
        "new event, in a form: from the source view's selection, else blank (date in EDTF "
        "or words)", CURATE, "New event", show=False),
    Key("d", "delete_record", "Delete",
        "delete the focused claim, event or evidence (asks first; undoable)", CURATE,
        "Delete the focused claim, event or evidence", show=False, gate=has_record),
    Key("m", "move_claim", "Move", "move the selected claim to another event", CURATE,
        "Move the selected claim to another event", show=False, gate=has_claim),
    Key("enter", "open_evidence", "Open", "on evidence: open the link in the browser",
        REVIEW, "Open the selected evidence link", show=False, gate=on_evidence),
    Key("y", "copy_evidence", "Copy", "on evidence: copy the link", REVIEW,
        "Copy the selected evidence link", show=False, gate=on_evidence),
    Key("ctrl+s", "save", "Save", "save", FILE, "Save", footer=3),
    Key("q", "quit", "Quit", "quit (asks first when there are unsaved changes)", FILE, "Quit",
        footer=1, help_keys="q / ctrl+q"),
    Key("question_mark", "help", "Help", "this help", FILE, "Help: all keys", footer=2),
)  # fmt: skip

#: Keys the lists and the app handle themselves: listed in the help screen only.
OTHER_KEYS: tuple[tuple[str, str, str], ...] = (
    ("↑ ↓ / j k, g / G", "move in the focused list; first / last", NAVIGATE),
    ("tab / shift+tab", "next / previous pane (the claim's, when it scrolls)", NAVIGATE),
    (
        "in the source view",
        "arrows, home / end, pgup / pgdn move the cursor; shift+arrows "
        "and the mouse select; / finds text and selects it; . widens to whole sentences; "
        "escape or o closes",
        NAVIGATE,
    ),
    ("ctrl+p", "command palette: every action, jump to an event", FILE),
)


def bindings(table: Iterable[Key] = MAIN_KEYS) -> list[Binding]:
    """The screen's bindings in footer order (sorted is stable: equal ranks keep table order)."""
    return [key.binding() for key in sorted(table, key=lambda key: key.footer)]


def gates(table: Iterable[Key] = MAIN_KEYS) -> dict[str, Gate]:
    """Action name -> gate, for the actions that have one."""
    return {key.name: key.gate for key in table if key.gate is not None}


def help_lines(table: Iterable[Key] = MAIN_KEYS) -> list[tuple[str, list[tuple[str, str]]]]:
    """(group, [(keys, text), ...]) in the order groups first appear."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for key in table:
        if key.help:
            groups.setdefault(key.group, []).append((key.help_keys or key.all_keys, key.help))
    for keys, text, group in OTHER_KEYS:
        groups.setdefault(group, []).append((keys, text))
    return list(groups.items())


def palette_entries(table: Iterable[Key] = MAIN_KEYS) -> list[tuple[str, str]]:
    """(text, action) for the palette: "Save (ctrl+s)"."""
    return [(f"{key.palette} ({key.first_key})", key.action) for key in table if key.palette]
