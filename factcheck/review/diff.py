"""The semantic diff: what changed between two versions of a timeline, one line per change.

Lines are grouped by record and read like "claim x: status unverified -> true by Ana".
`view()` renders one version as one line per field, each naming its record, for git's
textconv: a plain line diff of two views is then itself a readable, record-by-record
summary (what `git diff` and `git log -p` show once `factcheck git-setup` ran).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from factcheck.model import Claim, Conflict, Event, Evidence, Source, Timeline, shown
from factcheck.review.records import (
    LABELS,
    TABLES,
    TIMELINE_FIELDS,
    field_names,
    keyed,
    to_json_value,
)

#: Fields whose value is an id, date or keyword: shown bare, not quoted.
_BARE = frozenset({"status", "kind", "event", "date", "published", "reviewed_on", "stance",
                   "accessed", "schema", "id", "file", "url", "sha256"})  # fmt: skip
#: Shown as part of the status line when the status changed.
_REVIEW_FIELDS = ("reviewed_by", "reviewed_on")
_QUOTE = 60
#: Claim fields shown together in the first lines of a claim's view.
_CLAIM_HEAD = frozenset(
    {"kind", "event", "claimant", "text", "status", "reviewed_by", "reviewed_on"}
)


@attrs.frozen
class Change:
    """One change to one record; `text` is the line a reviewer reads."""

    record: str  # "timeline", "sources.<id>", "events.<id>", "claims.<id>" or "conflicts"
    field: str  # "" when the whole record was added or removed
    action: str  # "added", "removed" or "changed"
    old: Any  # JSON data (None when absent)
    new: Any
    text: str

    def as_json(self) -> dict[str, Any]:
        return {
            "record": self.record,
            "field": self.field,
            "action": self.action,
            "old": self.old,
            "new": self.new,
            "text": self.text,
        }


def _label(record: str) -> str:
    if record == "timeline":
        return "timeline"
    table, _, record_id = record.partition(".")
    return f"{LABELS.get(table, table)} {record_id}"


def _value(name: str, value: Any) -> str:
    if value in ("", None, ()):
        return "(none)"
    if name in _BARE:
        return str(value)
    if isinstance(value, str):
        return shown(value, _QUOTE)
    return shown(str(to_json_value(value)), _QUOTE)


def _anchor_text(anchor: Any) -> str:
    if anchor is None:
        return "(none)"
    return f"{anchor.source} {anchor.start}..{anchor.end} {shown(anchor.exact, _QUOTE)}"


def _field_change(record: str, name: str, old: Any, new: Any, owner: Any) -> Change:
    if name == "status":
        text = f"status {old} -> {new}"
        if getattr(owner, "reviewed_by", ""):
            text += f" by {owner.reviewed_by}"
    elif name == "anchor":
        if old is not None and new is not None and old.exact == new.exact:
            text = f"anchor moved {old.start}..{old.end} -> {new.start}..{new.end}"
        else:
            text = f"anchor {_anchor_text(old)} -> {_anchor_text(new)}"
    elif name == "actors":
        before, after = set(old), set(new)  # `in` a tuple made this quadratic (issue 17.9)
        added = [shown(actor) for actor in new if actor not in before]
        removed = [shown(actor) for actor in old if actor not in after]
        parts = [f"+{actor}" for actor in added] + [f"-{actor}" for actor in removed]
        text = "actors " + (" ".join(parts) if parts else "reordered")
    elif name == "sha256":
        text = f"sha256 {old[:12]} -> {new[:12]}"
    elif old in ("", None):
        text = f"{name} set to {_value(name, new)}"
    elif new in ("", None):
        text = f"{name} cleared (was {_value(name, old)})"
    else:
        text = f"{name} {_value(name, old)} -> {_value(name, new)}"
    return Change(
        record, name, "changed", to_json_value(old), to_json_value(new), f"{_label(record)}: {text}"
    )


def _evidence_changes(
    record: str, old: tuple[Evidence, ...], new: tuple[Evidence, ...]
) -> Iterator[Change]:
    before = {item.url: item for item in old}
    after = {item.url: item for item in new}
    label = _label(record)
    for url, item in after.items():
        previous = before.get(url)
        if previous is None:
            text = f"{label}: evidence +{url} ({item.stance})"
            yield Change(record, "evidence", "added", None, to_json_value(item), text)
        elif previous != item:
            parts = [
                f"{name} {_value(name, getattr(previous, name))} -> "
                f"{_value(name, getattr(item, name))}"
                for name in field_names(Evidence)
                if getattr(previous, name) != getattr(item, name)
            ]
            text = f"{label}: evidence ~{url}: {'; '.join(parts)}"
            yield Change(
                record, "evidence", "changed", to_json_value(previous), to_json_value(item), text
            )
    for url, item in before.items():
        if url not in after:
            text = f"{label}: evidence -{url}"
            yield Change(record, "evidence", "removed", to_json_value(item), None, text)


def record_changes(record: str, old: Any, new: Any) -> list[Change]:
    """The changes to one record (either side may be None: added or removed)."""
    label = _label(record)
    if old is None and new is None:
        return []
    if old is None:
        return [
            Change(record, "", "added", None, to_json_value(new), f"{label}: added{_summary(new)}")
        ]
    if new is None:
        return [
            Change(
                record, "", "removed", to_json_value(old), None, f"{label}: removed{_summary(old)}"
            )
        ]
    changes: list[Change] = []
    status_changed = getattr(old, "status", None) != getattr(new, "status", None)
    names = TIMELINE_FIELDS if isinstance(new, Timeline) else field_names(type(new))
    for name in names:
        before, after = getattr(old, name), getattr(new, name)
        if before == after or (status_changed and name in _REVIEW_FIELDS):
            continue
        if name == "evidence":
            changes.extend(_evidence_changes(record, before, after))
        else:
            changes.append(_field_change(record, name, before, after, new))
    return changes


def _summary(record: Any) -> str:
    if isinstance(record, Claim):
        parts = [record.kind, record.status]
        if record.claimant:
            parts.append(f"by {record.claimant}")
        if record.event:
            parts.append(f"event {record.event}")
        if record.evidence:
            parts.append(f"{len(record.evidence)} evidence")
        return f" ({', '.join(parts)}) {shown(record.text, _QUOTE)}"
    if isinstance(record, Event):
        return f" ({record.date or 'undated'}) {shown(record.title, _QUOTE)}"
    if isinstance(record, Source):
        return f" ({record.file}) {shown(record.title, _QUOTE)}"
    return ""


def _conflict_key(conflict: Conflict) -> str:
    return f"{conflict.record}.{conflict.field}" if conflict.field else conflict.record


def diff(old: Timeline | None, new: Timeline | None) -> list[Change]:
    """Every change from `old` to `new`, grouped by record (None stands for no file)."""
    changes: list[Change] = []
    if old is not None and new is not None:
        changes += record_changes("timeline", old, new)
    elif old is not None or new is not None:
        present = new if new is not None else old
        assert present is not None
        action = "added" if new is not None else "removed"
        data = {"id": present.id, "title": present.title}
        change = Change(
            "timeline",
            "",
            action,
            None if new is not None else data,
            data if new is not None else None,
            f"timeline {present.id}: {action}",
        )
        changes.append(change)
    for table in TABLES:
        before = keyed(old, table) if old is not None else {}
        after = keyed(new.canonical(), table) if new is not None else {}
        for record_id in [*after, *(key for key in before if key not in after)]:
            changes += record_changes(
                f"{table}.{record_id}", before.get(record_id), after.get(record_id)
            )
    old_conflicts = old.conflicts if old is not None else ()
    new_conflicts = new.conflicts if new is not None else ()
    for conflict in new_conflicts:
        if conflict not in old_conflicts:
            text = (f"conflict {_conflict_key(conflict)}: unresolved (ours {conflict.ours}, "
                    f"theirs {conflict.theirs})")  # fmt: skip
            changes.append(Change("conflicts", "", "added", None, to_json_value(conflict), text))
    for conflict in old_conflicts:
        if conflict not in new_conflicts:
            text = f"conflict {_conflict_key(conflict)}: resolved"
            changes.append(Change("conflicts", "", "removed", to_json_value(conflict), None, text))
    return changes


# --- the textconv view -------------------------------------------------------------------


def view(timeline: Timeline) -> list[str]:
    """One line per field, each naming its record, records apart, in canonical order.

    This is the text git diffs (textconv). Every line names its record because git's hunk
    header shows the last matching line *above* a hunk, which may belong to the record before.
    """
    lines = [f"timeline {timeline.id}: title {shown(timeline.title)}"]
    if timeline.publisher is not None:
        publisher = timeline.publisher
        lines.append(f"timeline {timeline.id}: publisher {shown(publisher.name)} {publisher.url}")
    timeline = timeline.canonical()
    for table in TABLES:
        for record in getattr(timeline, table):
            label = f"{LABELS[table]} {record.id}"
            lines.append("")
            lines.extend(f"{label}: {line}" for line in _record_view(record))
    for conflict in timeline.conflicts:
        lines.append("")
        lines.append(f"conflict {_conflict_key(conflict)}: base {conflict.base}, ours "
                     f"{conflict.ours}, theirs {conflict.theirs}")  # fmt: skip
    return lines


def _record_view(record: Any) -> Iterator[str]:
    if isinstance(record, Claim):
        who = f", claimant {shown(record.claimant)}" if record.claimant else ""
        yield f"{record.kind}, event {record.event or '(none)'}{who}"
        yield f"text {shown(record.text, 10_000)}"
        review = f" (by {record.reviewed_by or '?'} on {record.reviewed_on or '?'})"
        yield f"status {record.status}" + (
            review if record.reviewed_by or record.reviewed_on else ""
        )
    names = field_names(type(record))
    for name in names:
        value = getattr(record, name)
        if value in ("", None, ()) or (isinstance(record, Claim) and name in _CLAIM_HEAD):
            continue
        if name == "anchor":
            yield f"anchor {_anchor_text(value)}"
        elif name == "evidence":
            for item in value:
                extra = "".join(
                    f" {key} {_value(key, getattr(item, key))}"
                    for key in ("title", "accessed", "note")
                    if getattr(item, key)
                )
                yield f"evidence {item.url} {item.stance}{extra}"
        elif name == "actors":
            yield "actors " + ", ".join(shown(actor) for actor in value)
        elif name in _BARE:
            yield f"{name} {value}"
        else:
            yield f"{name} {shown(value, 10_000)}"
