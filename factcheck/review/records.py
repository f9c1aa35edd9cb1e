"""Timelines seen as keyed records of fields: what the diff and the merge both walk.

A record key is "timeline" (the top-level fields), "sources.<id>", "events.<id>" or
"claims.<id>"; values cross into conflict entries as JSON text so any field type fits.
"""

from __future__ import annotations

import json
from typing import Any

import attrs

from factcheck.model import (
    Anchor,
    Claim,
    Event,
    Evidence,
    FieldProblem,
    Publisher,
    Source,
    Timeline,
)

TABLES: dict[str, type[Any]] = {"sources": Source, "events": Event, "claims": Claim}
LABELS = {"timeline": "timeline", "sources": "source", "events": "event", "claims": "claim"}
#: Top-level fields merged like the fields of a record.
TIMELINE_FIELDS = ("schema", "id", "title", "publisher")


class RecordError(ValueError):
    """A conflict or a JSON value that does not fit the record it names."""


def field_names(cls: type[Any]) -> tuple[str, ...]:
    """The fields of a record class in declaration order, without its id."""
    return tuple(item.name for item in attrs.fields(cls) if item.name != "id")


def keyed(timeline: Timeline, table: str) -> dict[str, Any]:
    """The records of one table by id, in file order."""
    return {record.id: record for record in getattr(timeline, table)}


def split_key(record: str) -> tuple[str, str]:
    """("claims", "x") for "claims.x"; ("timeline", "") for "timeline"."""
    if record == "timeline":
        return "timeline", ""
    table, _, record_id = record.partition(".")
    if table not in TABLES or not record_id:
        raise RecordError(f"{json.dumps(record)} does not name a record (claims.<id>, ...)")
    return table, record_id


def to_json_value(value: Any) -> Any:
    """A field value as plain JSON data (records become tables, tuples arrays)."""
    if attrs.has(type(value)):
        return {
            item.name: to_json_value(getattr(value, item.name))
            for item in attrs.fields(type(value))
        }
    if isinstance(value, (tuple, list)):
        return [to_json_value(item) for item in value]
    return value


def dumps_value(value: Any) -> str:
    """The JSON text stored in a conflict entry; None (absent) is "null"."""
    return json.dumps(to_json_value(value), ensure_ascii=False)


def from_json_value(cls: type[Any], name: str, data: Any) -> Any:
    """Rebuild a field value of `cls.name` from JSON data (validated like any record)."""
    try:
        if name == "anchor":
            return None if data is None else Anchor(**data)
        if name == "publisher":
            return None if data is None else Publisher(**data)
        if name == "evidence":
            return tuple(Evidence(**item) for item in data)
        if name == "actors":
            return tuple(data)
        return data
    except (TypeError, FieldProblem) as error:
        raise RecordError(f"{name}: {error}") from None


def record_from_json(table: str, data: Any) -> Any:
    """A whole source, event or claim from the JSON table of a conflict entry."""
    cls = TABLES[table]
    if not isinstance(data, dict) or "id" not in data:
        raise RecordError(f"expected a {LABELS[table]} table with an id")
    try:
        values = {key: from_json_value(cls, key, value) for key, value in data.items()}
        return cls(**values)
    except (TypeError, FieldProblem) as error:
        raise RecordError(f"{LABELS[table]} {json.dumps(data.get('id'))}: {error}") from None
