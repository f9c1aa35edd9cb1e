"""The immutable data model: a Timeline of Sources, Events and Claims with Evidence and Anchors.

Every field has one check function (`check_*`), used both by the attrs validators and by the
store, which calls them itself to report every problem of a file at once and then builds the
records with validators switched off (so each value is checked exactly once).
Edits are `attrs.evolve(...)`; undo is a stack of timelines.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

import attrs
from attrs import field, frozen

from factcheck import dates
from factcheck.text import clip

SCHEMA = 1

STATUSES: tuple[str, ...] = (
    "unverified",
    "in-progress",
    "true",
    "mostly-true",
    "mixed",
    "mostly-false",
    "false",
    "misleading",
    "unproven",
    "not-checkable",
)
#: Statuses that are a final rating on the five-point scale (ClaimReview ratingValue 5..1).
RATING_VALUES: dict[str, int] = {
    "true": 5,
    "mostly-true": 4,
    "mixed": 3,
    "mostly-false": 2,
    "false": 1,
}
#: Statuses that mean "a reviewer has not concluded yet".
OPEN_STATUSES = frozenset({"unverified", "in-progress"})
KINDS: tuple[str, ...] = ("quote", "paraphrase", "statistic", "statement")
STANCES: tuple[str, ...] = ("supports", "refutes", "context")

ID_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9._-]{0,118}[a-z0-9])?$")
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SHA256 = re.compile(r"^[0-9a-f]{64}$")
#: Characters allowed nowhere in a URL (whitespace, controls, bidi overrides).
_URL_FORBIDDEN = re.compile(r"[\x00-\x20\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class FieldProblem(ValueError):
    """A value that a field does not accept; the message says why, without the location."""


# --- field checks: each raises FieldProblem with a reader-facing reason -------------------


def check_schema_version(value: Any) -> None:
    if value != SCHEMA or isinstance(value, bool):
        raise FieldProblem(f"{shown(value)} is not a schema this version reads ({SCHEMA})")


def check_str(value: Any) -> None:
    if not isinstance(value, str):
        raise FieldProblem(f"expected a string, got {_type_name(value)}")


def check_id(value: Any) -> None:
    check_str(value)
    if not ID_PATTERN.fullmatch(value):
        raise FieldProblem(
            f"{shown(value)} is not a valid id (lowercase letters, digits, '-', '_' or '.', "
            "starting and ending with a letter or digit, at most 120 characters)"
        )


def check_optional_ref(value: Any) -> None:
    check_str(value)
    if value:
        check_id(value)


def check_edtf(value: Any) -> None:
    check_str(value)
    if value:
        try:
            dates.parse(value)
        except dates.DateError as error:
            raise FieldProblem(str(error)) from None


def check_iso_day(value: Any) -> None:
    check_str(value)
    if value and not ISO_DAY.fullmatch(value):
        raise FieldProblem(f"{shown(value)} is not an ISO date (YYYY-MM-DD)")
    if value:
        check_edtf(value)


def _one_of(choices: tuple[str, ...], what: str) -> Callable[[Any], None]:
    def check(value: Any) -> None:
        check_str(value)
        if value not in choices:
            raise FieldProblem(f"{shown(value)} is not one of {', '.join(choices)} ({what})")

    return check


check_status = _one_of(STATUSES, "the status scale")
check_kind = _one_of(KINDS, "claim kinds")
check_stance = _one_of(STANCES, "evidence stances")


def url_problem(value: str) -> str | None:
    """Why a URL is refused as evidence or source link, or None when it is acceptable."""
    if not value:
        return "the URL is empty"
    if _URL_FORBIDDEN.search(value):
        return "the URL contains spaces or control characters"
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError as error:
        return f"the URL cannot be parsed ({error})"
    del port
    if parts.scheme.lower() not in ("http", "https"):
        scheme = parts.scheme or "none"
        return f"only http and https URLs are allowed (scheme: {scheme})"
    if not parts.hostname:
        return "the URL has no host"
    if parts.username is not None or parts.password is not None:
        return "URLs with embedded credentials (user:password@) are not allowed"
    return None


def check_url(value: Any) -> None:
    check_str(value)
    reason = url_problem(value)
    if reason:
        raise FieldProblem(reason)


def check_optional_url(value: Any) -> None:
    check_str(value)
    if value:
        check_url(value)


def check_sha256(value: Any) -> None:
    check_str(value)
    if not SHA256.fullmatch(value):
        raise FieldProblem("expected 64 lowercase hexadecimal digits")


def check_relative_path(value: Any) -> None:
    check_str(value)
    if not value:
        raise FieldProblem("the source file path is empty")
    if "\x00" in value:
        raise FieldProblem("the path contains a NUL character")
    normalized = value.replace("\\", "/")
    if normalized.startswith("/") or re.match(r"^[A-Za-z]:", normalized):
        raise FieldProblem(
            f"{shown(value)} is absolute; it must be relative to the timeline's folder"
        )
    if ".." in normalized.split("/"):
        raise FieldProblem(f"{shown(value)} leaves the timeline's folder")


def check_offset(value: Any) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise FieldProblem(f"expected an integer, got {_type_name(value)}")
    if value < 0:
        raise FieldProblem(f"{value} is negative")


def check_str_list(value: Any) -> None:
    if not isinstance(value, (list, tuple)):
        raise FieldProblem(f"expected an array of strings, got {_type_name(value)}")
    for item in value:
        if not isinstance(item, str):
            raise FieldProblem(f"expected an array of strings, found {_type_name(item)}")


def shown(value: Any, limit: int = 80) -> str:
    """A value as quoted in messages: double quotes, escapes, cut to `limit` characters."""
    if not isinstance(value, str):
        return repr(value)[:limit]
    if len(value) <= limit and value.isprintable() and '"' not in value and "\\" not in value:
        return f'"{value}"'  # what json.dumps gives, without its cost (one per record loaded)
    return json.dumps(clip(value, limit), ensure_ascii=False)


class UniqueIds:
    """Ids unique in the order asked for: the first "x", then "x-2", "x-3"...

    The next number to try is kept per base, so many records with one base (an importer's
    fallback "claim") cost linear time, not a rescan from 2 for each.
    """

    def __init__(self, limit: int, strip: str, fallback: str) -> None:
        self.limit, self.strip, self.fallback = limit, strip, fallback
        self.used: set[str] = set()
        self.next_number: dict[str, int] = {}

    def unique(self, *parts: str) -> str:
        """The non-empty parts joined by "-", cut to the limit, made unique."""
        joined = "-".join(part for part in parts if part)
        base = joined[: self.limit].strip(self.strip) or self.fallback
        candidate = base
        number = self.next_number.get(base, 2)
        while candidate in self.used:
            candidate = f"{base}-{number}"
            number += 1
        self.next_number[base] = number
        self.used.add(candidate)
        return candidate


def _type_name(value: Any) -> str:
    return {
        str: "a string",
        int: "an integer",
        float: "a float",
        bool: "a boolean",
        list: "an array",
        tuple: "an array",
        dict: "a table",
    }.get(type(value), type(value).__name__)


def _validator(check: Callable[[Any], None]) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    def validate(_instance: Any, _attribute: attrs.Attribute[Any], value: Any) -> None:
        check(value)

    return validate


# --- records ---------------------------------------------------------------------------


@frozen
class Anchor:
    """Where a record is told in a source: a W3C text-position + text-quote selector."""

    source: str = field(validator=_validator(check_id))
    start: int = field(validator=_validator(check_offset))
    end: int = field(validator=_validator(check_offset))
    exact: str = field(validator=_validator(check_str))
    prefix: str = field(default="", validator=_validator(check_str))
    suffix: str = field(default="", validator=_validator(check_str))

    def __attrs_post_init__(self) -> None:
        problem = anchor_span_problem(self.start, self.end, self.exact)
        if problem and attrs.validators.get_disabled() is False:
            raise FieldProblem(problem)

    @property
    def located(self) -> bool:
        """False for a hand-written anchor: an `exact` whose offsets are 0..0 (or were left
        out), which `factcheck fmt` locates in the source and fills in."""
        return not (self.start == self.end == 0 and self.exact)


def anchor_span_problem(start: int, end: int, exact: str) -> str | None:
    if start == end == 0:  # empty, or hand-written and not located yet (see Anchor.located)
        return None
    if end < start:
        return f"end ({end}) is before start ({start})"
    if end - start != len(exact):
        problem = f"exact has {len(exact)} characters but start..end spans {end - start}"
        if start == end:  # a placeholder such as start = 0, end = 0
            problem += (
                "; a record with no passage has no anchor table (delete it); otherwise give "
                "the offsets of exact in the source"
            )
        return problem
    return None


@frozen
class Evidence:
    url: str = field(validator=_validator(check_url))
    title: str = field(default="", validator=_validator(check_str))
    stance: str = field(default="context", validator=_validator(check_stance))
    accessed: str = field(default="", validator=_validator(check_iso_day))
    note: str = field(default="", validator=_validator(check_str))


@frozen
class Source:
    id: str = field(validator=_validator(check_id))
    file: str = field(validator=_validator(check_relative_path))
    sha256: str = field(validator=_validator(check_sha256))
    title: str = field(default="", validator=_validator(check_str))
    published: str = field(default="", validator=_validator(check_edtf))
    url: str = field(default="", validator=_validator(check_optional_url))


def _tuple_if_list(value: Any) -> Any:
    """Lists become tuples; anything else is left for the validator to reject."""
    return tuple(value) if isinstance(value, list) else value


@frozen
class Event:
    id: str = field(validator=_validator(check_id))
    title: str = field(default="", validator=_validator(check_str))
    date: str = field(default="", validator=_validator(check_edtf))
    date_text: str = field(default="", validator=_validator(check_str))
    summary: str = field(default="", validator=_validator(check_str))
    actors: tuple[str, ...] = field(
        default=(), converter=_tuple_if_list, validator=_validator(check_str_list)
    )
    anchor: Anchor | None = None

    @cached_property
    def sort_key(self) -> tuple[tuple[int, int, int], str]:
        return (dates.sort_key(self.date), self.id)


@frozen
class Claim:
    id: str = field(validator=_validator(check_id))
    text: str = field(default="", validator=_validator(check_str))
    event: str = field(default="", validator=_validator(check_optional_ref))
    claimant: str = field(default="", validator=_validator(check_str))
    kind: str = field(default="statement", validator=_validator(check_kind))
    status: str = field(default="unverified", validator=_validator(check_status))
    verdict: str = field(default="", validator=_validator(check_str))
    reviewed_by: str = field(default="", validator=_validator(check_str))
    reviewed_on: str = field(default="", validator=_validator(check_iso_day))
    notes: str = field(default="", validator=_validator(check_str))
    anchor: Anchor | None = None
    evidence: tuple[Evidence, ...] = field(default=(), converter=_tuple_if_list)

    @property
    def is_reviewed(self) -> bool:
        return self.status not in OPEN_STATUSES


@frozen
class Publisher:
    """Who publishes the fact-check (used by ClaimReview export)."""

    name: str = field(default="", validator=_validator(check_str))
    url: str = field(default="", validator=_validator(check_optional_url))


@frozen
class Conflict:
    """A field that a merge could not decide: both sides changed it differently.

    Values are stored as JSON text so that any field type (string, list, table) fits.
    """

    record: str = field(validator=_validator(check_str))  # "claims.<id>" or "events.<id>"
    field: str = field(validator=_validator(check_str))
    base: str = attrs.field(default="", validator=_validator(check_str))
    ours: str = attrs.field(default="", validator=_validator(check_str))
    theirs: str = attrs.field(default="", validator=_validator(check_str))


#: Timeline's cached, derived indexes.
_DERIVED = ("event_index", "claim_index", "source_index", "claims_by_event", "reviewed_count")


def _has_cached(timeline: Timeline, name: str) -> bool:
    """Whether a cached property was computed, without computing it (reads the slot)."""
    slot = type(timeline).__dict__[name]
    try:
        slot.__get__(timeline, type(timeline))
    except AttributeError:
        return False
    return True


@frozen
class Timeline:
    id: str = field(validator=_validator(check_id))
    title: str = field(default="", validator=_validator(check_str))
    sources: tuple[Source, ...] = field(default=(), converter=_tuple_if_list)
    events: tuple[Event, ...] = field(default=(), converter=_tuple_if_list)
    claims: tuple[Claim, ...] = field(default=(), converter=_tuple_if_list)
    publisher: Publisher | None = None
    conflicts: tuple[Conflict, ...] = field(default=(), converter=_tuple_if_list)
    schema: int = SCHEMA

    # Indexes are derived once per timeline value; evolve() builds a new value, so they
    # can never go stale.
    @cached_property
    def event_index(self) -> dict[str, int]:
        return {event.id: position for position, event in enumerate(self.events)}

    @cached_property
    def claim_index(self) -> dict[str, int]:
        return {claim.id: position for position, claim in enumerate(self.claims)}

    @cached_property
    def source_index(self) -> dict[str, int]:
        return {source.id: position for position, source in enumerate(self.sources)}

    @cached_property
    def claims_by_event(self) -> dict[str, tuple[int, ...]]:
        """Positions of each event's claims, in file order ("" collects unattached claims)."""
        grouped: dict[str, list[int]] = {}
        for position, claim in enumerate(self.claims):
            grouped.setdefault(claim.event, []).append(position)
        return {key: tuple(value) for key, value in grouped.items()}

    @cached_property
    def reviewed_count(self) -> int:
        return sum(1 for claim in self.claims if claim.is_reviewed)

    def event(self, event_id: str) -> Event | None:
        position = self.event_index.get(event_id)
        return None if position is None else self.events[position]

    def claim(self, claim_id: str) -> Claim | None:
        position = self.claim_index.get(claim_id)
        return None if position is None else self.claims[position]

    def source(self, source_id: str) -> Source | None:
        position = self.source_index.get(source_id)
        return None if position is None else self.sources[position]

    def claims_of(self, event_id: str) -> tuple[Claim, ...]:
        return tuple(self.claims[i] for i in self.claims_by_event.get(event_id, ()))

    def replace_claim(self, claim: Claim) -> Timeline:
        """A new timeline with the claim of the same id replaced (position kept).

        The derived indexes still hold for the new value (same ids, same positions), so they
        are handed over instead of being rebuilt: an edit costs the same at any size.
        """
        position = self.claim_index[claim.id]
        old = self.claims[position]
        claims = (*self.claims[:position], claim, *self.claims[position + 1 :])
        edited = attrs.evolve(self, claims=claims)
        self._hand_over(edited, "event_index", "claim_index", "source_index")
        if old.event == claim.event:
            self._hand_over(edited, "claims_by_event")
        if "reviewed_count" in self._computed():
            delta = int(claim.is_reviewed) - int(old.is_reviewed)
            object.__setattr__(edited, "reviewed_count", self.reviewed_count + delta)
        return edited

    def replace_event(self, event: Event) -> Timeline:
        position = self.event_index[event.id]
        events = (*self.events[:position], event, *self.events[position + 1 :])
        edited = attrs.evolve(self, events=events)
        self._hand_over(edited, *_DERIVED)
        return edited

    def _computed(self) -> set[str]:
        """The cached properties already computed on this value."""
        return {name for name in _DERIVED if _has_cached(self, name)}

    def _hand_over(self, edited: Timeline, *names: str) -> None:
        for name in names:
            if _has_cached(self, name):
                object.__setattr__(edited, name, getattr(self, name))

    def canonical(self) -> Timeline:
        """The same timeline with records in the canonical, content-derived order."""
        events = tuple(sorted(self.events, key=lambda event: event.sort_key))
        event_rank = {event.id: position for position, event in enumerate(events)}
        missing = len(events)

        def claim_key(claim: Claim) -> tuple[int, int, str]:
            start = claim.anchor.start if claim.anchor is not None else 1 << 62
            return (event_rank.get(claim.event, missing), start, claim.id)

        claims = tuple(sorted(self.claims, key=claim_key))
        if events == self.events and claims == self.claims:
            return self
        return attrs.evolve(self, events=events, claims=claims)


# --- the file format's one table of keys ---------------------------------------------------


@frozen
class Key:
    """One key of a timeline file's table, in the file's order.

    The store reads and writes by these, the JSON Schema (`factcheck schema`) and the
    README's key list are generated from them: the file format is declared here only.
    """

    name: str
    doc: str
    check: Callable[[Any], None] | None = None  # None: a sub-table (`table` names it)
    required: bool = False
    table: str = ""  # the sub-table this key holds ("anchor", "evidence"...)
    many: bool = False  # an array of `table` tables ([[...]])


_ANCHORED = "where it is told in a source (W3C text position + quote selector)"

#: Each table of the file, by name ("timeline" is the top level), its keys in file order.
FILE_FORMAT: dict[str, tuple[Key, ...]] = {
    "timeline": (
        Key("schema", "the file format's version", check_schema_version, required=True),
        Key("id", "the timeline's id (a slug)", check_id, required=True),
        Key("title", "the investigation's title", check_str),
        Key("publisher", "who publishes the fact-check (ClaimReview export)", table="publisher"),
        Key("sources", "the documents the timeline quotes", table="sources", many=True),
        Key("events", "dated events, in date order", table="events", many=True),
        Key("claims", "claims, by event then position in the source", table="claims", many=True),
        Key("conflicts", "fields a merge left to a reviewer", table="conflicts", many=True),
    ),
    "publisher": (
        Key("name", "the publisher's name", check_str),
        Key("url", "the publisher's site", check_optional_url),
    ),
    "sources": (
        Key("id", "unique among sources; anchors name it", check_id, required=True),
        Key("title", "the document's title", check_str),
        Key("published", "when the document was published", check_edtf),
        Key("file", "the document, relative to the timeline's folder", check_relative_path, True),
        Key("sha256", "of the document's bytes", check_sha256, required=True),
        Key("url", "where the document was published", check_optional_url),
    ),
    "events": (
        Key("id", "unique among events; never renumbered", check_id, required=True),
        Key("date", "when it happened; omitted when unknown", check_edtf),
        Key("date_text", "the source's words that gave the date", check_str),
        Key("title", "one line", check_str),
        Key("summary", "a few sentences", check_str),
        Key("actors", "people and organisations involved", check_str_list),
        Key("anchor", _ANCHORED, table="anchor"),
    ),
    "claims": (
        Key("id", "unique among claims; never renumbered", check_id, required=True),
        Key("event", "the event's id; omitted for a claim of no event", check_optional_ref),
        Key("claimant", "who made the claim; omitted for the article's narration", check_str),
        Key("kind", "what sort of claim", check_kind),
        Key("text", "the claim, in the source's words or close to them", check_str),
        Key("status", "the verification status (always written)", check_status),
        Key("verdict", "one sentence, the reviewer's words", check_str),
        Key("reviewed_by", "who set the status (stamped on each change)", check_str),
        Key("reviewed_on", "when the status was set", check_iso_day),
        Key("notes", "the reviewer's working notes", check_str),
        Key("anchor", _ANCHORED, table="anchor"),
        Key("evidence", "links that support, refute or give context", table="evidence", many=True),
    ),
    "anchor": (
        Key("source", "the id of a [[sources]] entry", check_id, required=True),
        Key("start", "code-point offset of the quote in the decoded source", check_offset, True),
        Key("end", "code-point offset just past the quote", check_offset, required=True),
        Key("exact", "the source's text between start and end", check_str, required=True),
        Key("prefix", "up to 32 characters before the quote", check_str),
        Key("suffix", "up to 32 characters after the quote", check_str),
    ),
    "evidence": (
        Key("url", "the evidence (unique within the claim)", check_url, required=True),
        Key("title", "the page's title", check_str),
        Key("stance", "what the evidence does to the claim", check_stance),
        Key("accessed", "when the reviewer read it", check_iso_day),
        Key("note", "what the reviewer found there", check_str),
    ),
    "conflicts": (
        Key("record", 'the record: "claims.<id>" or "events.<id>"', check_str, required=True),
        Key("field", "the field both sides changed", check_str, required=True),
        Key("base", "the common ancestor's value (JSON)", check_str),
        Key("ours", "our value (JSON)", check_str),
        Key("theirs", "their value (JSON)", check_str),
    ),
}


def key_names(table: str) -> tuple[str, ...]:
    """A table's keys in the file's order."""
    return tuple(key.name for key in FILE_FORMAT[table])


def key_checks(table: str) -> dict[str, Callable[[Any], None]]:
    """A table's plain keys (no sub-tables) with their checks, in the file's order."""
    return {key.name: key.check for key in FILE_FORMAT[table] if key.check is not None}


def required_keys(table: str) -> tuple[str, ...]:
    return tuple(key.name for key in FILE_FORMAT[table] if key.required)
