"""The 3-way merge of timelines by record id and field, and the resolution of its conflicts.

Edits to different records, or to different fields of one record, never conflict; evidence
merges as a set keyed by URL. When both sides changed one field two ways, the merged file
keeps our value in the record and both values in a [[conflicts]] entry, so it still loads,
`factcheck check` reports it and `resolve()` settles it. A record deleted on one side and
edited on the other is kept (edited) with a conflict entry: nothing of either side is lost.
"""

from __future__ import annotations

import json
from typing import Any

import attrs

from factcheck import store
from factcheck.model import Claim, Conflict, Evidence, Timeline
from factcheck.review.records import (
    TABLES,
    TIMELINE_FIELDS,
    RecordError,
    dumps_value,
    field_names,
    from_json_value,
    keyed,
    record_from_json,
    split_key,
)

CHOICES = ("ours", "theirs")
#: Resolving a status conflict settles these conflicts of the same claim the same way.
_LINKED = {"status": ("reviewed_by", "reviewed_on")}
_MISSING: Any = object()


class MergeError(Exception):
    """The merge produced no loadable timeline; the caller falls back to a text merge."""


class ResolveError(ValueError):
    """A conflict that cannot be resolved as asked; the message says why."""


@attrs.frozen
class MergeResult:
    timeline: Timeline
    text: str  # canonical TOML of `timeline`
    conflicts: tuple[Conflict, ...]  # the conflicts this merge found

    @property
    def clean(self) -> bool:
        return not self.timeline.conflicts


class _Merger:
    def __init__(self) -> None:
        self.conflicts: list[Conflict] = []

    def conflict(self, record: str, name: str, base: Any, ours: Any, theirs: Any) -> None:
        self.conflicts.append(
            Conflict(
                record=record,
                field=name,
                base=dumps_value(None if base is _MISSING else base),
                ours=dumps_value(ours),
                theirs=dumps_value(theirs),
            )
        )

    def value(self, record: str, name: str, base: Any, ours: Any, theirs: Any) -> Any:
        if ours == theirs or base == theirs:
            return ours
        if base == ours:
            return theirs
        self.conflict(record, name, base, ours, theirs)
        return ours

    def evidence(
        self, record: str, base: Any, ours: tuple[Evidence, ...], theirs: tuple[Evidence, ...]
    ) -> tuple[Evidence, ...]:
        """A set merge keyed by URL: our order, then their additions in their order."""
        before = {} if base is _MISSING else {item.url: item for item in base}
        mine = {item.url: item for item in ours}
        other = {item.url: item for item in theirs}
        merged: list[Evidence] = []
        for url in [*mine, *(url for url in other if url not in mine)]:
            item = self.keyed_value(
                record, f"evidence[{url}]", before.get(url), mine.get(url), other.get(url)
            )
            if item is not None:
                merged.append(item)
        return tuple(merged)

    def keyed_value(self, record: str, name: str, base: Any, ours: Any, theirs: Any) -> Any:
        """Like value() for an element that may be absent; delete vs edit keeps the edit."""
        if ours == theirs or base == theirs:
            return ours
        if base == ours:
            return theirs
        self.conflict(record, name, base, ours, theirs)
        return ours if ours is not None else theirs

    def record(self, key: str, base: Any, ours: Any, theirs: Any) -> Any:
        names = TIMELINE_FIELDS if isinstance(ours, Timeline) else field_names(type(ours))
        changes: dict[str, Any] = {}
        for name in names:
            old = _MISSING if base is None else getattr(base, name)
            mine, other = getattr(ours, name), getattr(theirs, name)
            if name == "evidence":
                merged = self.evidence(key, old, mine, other)
            else:
                merged = self.value(key, name, old, mine, other)
            if merged != mine:
                changes[name] = merged
        return attrs.evolve(ours, **changes) if changes else ours

    def table(
        self, name: str, base: Timeline | None, ours: Timeline, theirs: Timeline
    ) -> list[Any]:
        before = keyed(base, name) if base is not None else {}
        mine, other = keyed(ours, name), keyed(theirs, name)
        merged = []
        for record_id in [*mine, *(key for key in other if key not in mine)]:
            key = f"{name}.{record_id}"
            old, left, right = before.get(record_id), mine.get(record_id), other.get(record_id)
            if left == right or old == right:
                result = left
            elif old == left:
                result = right
            elif left is None or right is None:
                self.conflict(key, "", old, left, right)
                result = left if left is not None else right
            else:
                result = self.record(key, old, left, right)
            if result is not None:
                merged.append(result)
        return merged


def merge(base: Timeline | None, ours: Timeline, theirs: Timeline) -> MergeResult:
    """Merge two descendants of `base` (None when both sides added the file)."""
    merger = _Merger()
    top = merger.record("timeline", base, ours, theirs)
    tables = {name: merger.table(name, base, ours, theirs) for name in TABLES}
    _restore_references(merger, tables, base, ours, theirs)
    earlier = _merge_conflicts(base, ours, theirs)
    fresh = tuple(item for item in merger.conflicts if item not in earlier)
    timeline = attrs.evolve(top, **tables, conflicts=(*earlier, *fresh)).canonical()
    text = store.dumps(timeline)
    try:
        store.loads(text, "the merged timeline")
    except store.LoadError as error:
        raise MergeError(str(error)) from None
    return MergeResult(timeline, text, fresh)


def _restore_references(
    merger: _Merger,
    tables: dict[str, list[Any]],
    base: Timeline | None,
    ours: Timeline,
    theirs: Timeline,
) -> None:
    """Bring back events and sources one side deleted while the other still refers to them."""
    needed: dict[str, set[str]] = {"events": set(), "sources": set()}
    for claim in tables["claims"]:
        if claim.event:
            needed["events"].add(claim.event)
    for record in (*tables["events"], *tables["claims"]):
        if record.anchor is not None:
            needed["sources"].add(record.anchor.source)
    for name, wanted in needed.items():
        present = {record.id for record in tables[name]}
        for record_id in sorted(wanted - present):
            old = keyed(base, name).get(record_id) if base is not None else None
            left, right = keyed(ours, name).get(record_id), keyed(theirs, name).get(record_id)
            kept = left if left is not None else right
            if kept is None:
                continue  # dangling on one side already: the load check reports it
            merger.conflict(f"{name}.{record_id}", "", old, left, right)
            tables[name].append(kept)


def _merge_conflicts(
    base: Timeline | None, ours: Timeline, theirs: Timeline
) -> tuple[Conflict, ...]:
    """Unresolved conflicts carried over: kept unless one side resolved them."""
    before = set(base.conflicts) if base is not None else set()
    kept = [item for item in ours.conflicts if item in theirs.conflicts or item not in before]
    kept += [
        item
        for item in theirs.conflicts
        if item not in ours.conflicts and item not in before and item not in kept
    ]
    return tuple(kept)


def merge_texts(base: str, ours: str, theirs: str, name: str = "timeline") -> MergeResult:
    """Parse and merge three versions; LoadError names the version that does not parse.

    An empty base (git's stand-in when both sides added the file) merges as two additions.
    """
    base_timeline = None if not base.strip() else store.loads(base, f"{name} (base)")
    ours_timeline = store.loads(ours, f"{name} (ours)")
    theirs_timeline = store.loads(theirs, f"{name} (theirs)")
    return merge(base_timeline, ours_timeline, theirs_timeline)


# --- resolution --------------------------------------------------------------------------


def resolve(timeline: Timeline, index: int, choice: str) -> Timeline:
    """The timeline with conflict `index` settled by taking `choice` ("ours" or "theirs").

    Resolving a claim's status also settles that claim's reviewed_by / reviewed_on
    conflicts the same way (they were set together). The result is checked like a loaded
    file; ResolveError says what stands in the way (e.g. a chosen event id that is gone).
    """
    if choice not in CHOICES:
        raise ResolveError(f"choose ours or theirs, not {json.dumps(choice)}")
    if not 0 <= index < len(timeline.conflicts):
        raise ResolveError(f"there is no conflict number {index + 1}")
    chosen = timeline.conflicts[index]
    settle = [index] + [
        position
        for position, other in enumerate(timeline.conflicts)
        if other.record == chosen.record and other.field in _LINKED.get(chosen.field, ())
    ]
    try:
        for position in settle:
            timeline = _apply(timeline, timeline.conflicts[position], choice)
    except (RecordError, ValueError) as error:
        raise ResolveError(f"{chosen.record}.{chosen.field or '*'}: {error}") from None
    conflicts = tuple(c for i, c in enumerate(timeline.conflicts) if i not in settle)
    timeline = attrs.evolve(timeline, conflicts=conflicts)
    try:
        store.loads(store.dumps(timeline), "the resolved timeline")
    except store.LoadError as error:
        details = "; ".join(f"{problem.where}: {problem.message}" for problem in error.problems)
        raise ResolveError(
            f"taking {choice} for {chosen.record}.{chosen.field}: {details}"
        ) from None
    return timeline


def _apply(timeline: Timeline, conflict: Conflict, choice: str) -> Timeline:
    try:
        data = json.loads(conflict.ours if choice == "ours" else conflict.theirs)
    except json.JSONDecodeError as error:
        raise RecordError(f"the {choice} value is not valid JSON ({error.msg})") from None
    table, record_id = split_key(conflict.record)
    if table == "timeline":
        if conflict.field not in TIMELINE_FIELDS:
            raise RecordError(f"{json.dumps(conflict.field)} is not a top-level field")
        top: dict[str, Any] = {conflict.field: from_json_value(Timeline, conflict.field, data)}
        return attrs.evolve(timeline, **top)
    records = list(getattr(timeline, table))
    position = next((i for i, record in enumerate(records) if record.id == record_id), None)
    if conflict.field == "":
        if data is None:
            if position is not None:
                del records[position]
        elif position is None:
            records.append(record_from_json(table, data))
        else:
            records[position] = record_from_json(table, data)
        return _with(timeline, table, records)
    if position is None:
        raise RecordError(f"{table} has no record {json.dumps(record_id)}")
    record = records[position]
    if conflict.field.startswith("evidence[") and isinstance(record, Claim):
        records[position] = _apply_evidence(record, conflict.field[len("evidence[") : -1], data)
    else:
        cls = type(record)
        if conflict.field not in field_names(cls):
            raise RecordError(f"{json.dumps(conflict.field)} is not a field of {table}")
        value = from_json_value(cls, conflict.field, data)
        records[position] = attrs.evolve(record, **{conflict.field: value})
    return _with(timeline, table, records)


def _with(timeline: Timeline, table: str, records: list[Any]) -> Timeline:
    changes: dict[str, Any] = {table: tuple(records)}
    return attrs.evolve(timeline, **changes).canonical()


def _apply_evidence(claim: Claim, url: str, data: Any) -> Claim:
    items = list(claim.evidence)
    position = next((i for i, item in enumerate(items) if item.url == url), None)
    if data is None:
        if position is not None:
            del items[position]
    else:
        if not isinstance(data, dict):
            raise RecordError("an evidence entry must be a table")
        try:
            item = Evidence(**data)
        except TypeError as error:
            raise RecordError(str(error)) from None
        if position is None:
            items.append(item)
        else:
            items[position] = item
    return attrs.evolve(claim, evidence=tuple(items))
