"""Load timelines from TOML with every problem located; dump canonical bytes; save atomically.

The writer owns the file's bytes like a code formatter: fixed key order, records in a
content-derived order, each record its own `[[table]]`, empty optional fields omitted.
Loading then dumping a canonical file gives the same bytes.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs
import tomli_w

try:  # the same parser as tomllib, compiled with mypyc: same output, about 2.5x faster
    import tomli as toml_parser
except ImportError:  # no wheel for this platform: the standard library's pure-Python copy
    import tomllib as toml_parser  # type: ignore[no-redef]

from factcheck import model
from factcheck.model import (
    SCHEMA,
    Anchor,
    Claim,
    Conflict,
    Event,
    Evidence,
    FieldProblem,
    Publisher,
    Source,
    Timeline,
)
from factcheck.text import clip

#: Files larger than this are refused before parsing (bounded memory, no freeze). Measured:
#: 100,000 fully reviewed claims (anchor, verdict, two evidence links each) dump to 124 MiB,
#: load in about 25 s and peak at 1 GB; a larger file is not a real timeline.
MAX_FILE_BYTES = 128 * 1024 * 1024
#: A TOML key with more dotted parts than this is refused before parsing: the parser's cost
#: grows with the square of the parts (tomllib: 80,000 parts take 7 s), so a small file
#: could freeze.
MAX_KEY_PARTS = 32

_MARKERS = ("<" * 7, "=" * 7, ">" * 7, "|" * 7)
_CONFLICT_MARKER = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(?: |$)", re.MULTILINE)
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
#: A key (line start, inline table or array) with MAX_KEY_PARTS dotted parts or more.
_LONG_KEY = re.compile(
    r"""[\n{,][ \t]*\[{0,2}[ \t]*"""
    r"""(?:(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')[ \t]*\.[ \t]*)"""
    f"{{{MAX_KEY_PARTS}}}"
)
_LONG_KEY_BYTES = re.compile(_LONG_KEY.pattern.encode("ascii"))


@attrs.frozen
class Problem:
    """One thing wrong with a file, located as precisely as the input allows."""

    file: str
    where: str = ""  # key path, e.g. 'claims[3] (id "cl-7").status'
    message: str = ""
    line: int | None = None
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        location = f"{self.file}:{self.line}" if self.line else self.file
        where = f" {self.where}:" if self.where else ""
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{location}:{where} {prefix}{self.message}"


class StoreError(Exception):
    """Base of the errors the store raises; the message is meant for the user."""


class LoadError(StoreError):
    """A file that does not load; `problems` lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


class ChangedOnDiskError(StoreError):
    """The file changed since it was loaded: saving would overwrite someone else's work."""

    def __init__(self, path: Path):
        self.path = path
        super().__init__(
            f"{path}: the file changed on disk since it was loaded (another reviewer, "
            "git or an editor); nothing was written"
        )


class SaveError(StoreError):
    """Writing failed (disk full, read-only folder...); the original file is untouched."""


class LockedError(SaveError):
    """Another writer held the file's lock for longer than LOCK_WAIT_SECONDS; nothing written."""


@attrs.frozen
class Fingerprint:
    """What a file looked like when loaded: compared before every save."""

    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of_bytes(cls, path: Path, data: bytes) -> Fingerprint:
        info = path.stat()
        return cls(len(data), info.st_mtime_ns, hashlib.sha256(data).hexdigest())

    @classmethod
    def of_file(cls, path: Path) -> Fingerprint | None:
        """None when the file is missing or not a readable regular file within the limit
        (a folder, a FIFO, a symlink to /dev/zero): read through `read_limited` only."""
        try:
            data = read_limited(path, str(path))
        except (StoreError, OSError):
            return None
        return cls.of_bytes(path, data)

    def same_content(self, other: Fingerprint | None) -> bool:
        return other is not None and (self.size, self.sha256) == (other.size, other.sha256)


@attrs.frozen
class Loaded:
    path: Path
    timeline: Timeline
    fingerprint: Fingerprint

    def holds(self, data: bytes) -> bool:
        """Whether the file, as loaded, had exactly these bytes."""
        return hashlib.sha256(data).hexdigest() == self.fingerprint.sha256

    def is_canonical(self, timeline: Timeline | None = None) -> bool:
        """Whether the file's bytes are exactly the canonical dump of what it holds (or of
        `timeline`). The dump is hashed a record at a time, never held whole."""
        digest = hashlib.sha256()
        for chunk in _chunks((timeline or self.timeline).canonical()):
            digest.update(chunk.encode("utf-8"))
        return digest.hexdigest() == self.fingerprint.sha256


# --- loading -----------------------------------------------------------------------------


def load(path: Path | str) -> Loaded:
    """Read, parse and validate a timeline file; raise LoadError listing every problem."""
    path = Path(path)
    name = str(path)
    try:
        data = read_limited(path, name)
    except IsADirectoryError:
        raise LoadError([Problem(name, message="is a folder, not a timeline file")]) from None
    fingerprint = Fingerprint.of_bytes(path, data)
    timeline = _loads_in_parts(data, name)
    if timeline is None:
        text = decode(data, name)
        del data  # not needed once hashed and decoded: lowers the peak of a load by a file size
        timeline = loads(text, name)
    return Loaded(path, timeline, fingerprint)


#: A line that starts a record (in canonical form): where `_loads_in_parts` may cut the file.
_RECORD_HEADER = re.compile(rb"\n\[\[(?:sources|events|claims|conflicts)\]\]\r?(?=\n)")
#: The size of the parts parsed at once (big enough that the parser's per-call cost vanishes).
_PART_BYTES = 256 * 1024


def _loads_in_parts(data: bytes, name: str) -> Timeline | None:
    """Parse and build a timeline a part at a time; None when only the whole-file path can
    tell (then `loads` gives the same timeline, or the located problems).

    Why: the decoded text of a whole file holds up to 4 bytes a character (one emoji is
    enough) and the parsed document is as big again; parts cut before `[[claims]]`-style
    lines and built at once hold neither (peak of a load at 50,000 claims: 8.7x the file's
    size before, 3.6x now).
    Why it is exact: a part that parses ends outside any string or array, so the cut after
    it is a real table header; every part but the first starts with one, so it can only add
    records (`[[sources]]`, `[[events]]`, `[[claims]]`, `[[conflicts]]`, in file order) or
    define tables no other part defines. Anything else (a part that does not parse or decode,
    records in the first part, a key defined twice, conflict markers, NUL) and every file
    with a problem goes the whole-file way, which finds and locates the problems as before.
    (A key of many dotted parts is one: it always makes a table where a record has none.)
    """
    data = data.removeprefix(b"\xef\xbb\xbf")
    if b"\x00" in data or any(token.encode() in data for token in _MARKERS):
        return None
    if toml_parser.__name__ != "tomli" and _LONG_KEY_BYTES.search(b"\n" + data):
        return None  # tomllib's time grows with the square of a key's parts; tomli stops at 1000
    cuts = [found.start() + 1 for found in _RECORD_HEADER.finditer(data)]  # where the line begins
    if not cuts:
        return None
    starts = [0]
    for cut in cuts:
        if cut - starts[-1] >= _PART_BYTES or len(starts) == 1:
            starts.append(cut)
    builder = _Builder(name, "")  # a file with problems is loaded whole: no lines needed here
    builder.declared = {"sources": set(), "events": set()}
    head: dict[str, Any] = {}
    built: dict[str, list[Any]] = {key: [] for key in _RECORD_KEYS}
    tables = dict.fromkeys(_RECORD_KEYS, 0)  # the index of each kind's next table
    for number, (start, end) in enumerate(zip(starts, [*starts[1:], len(data)], strict=True)):
        try:
            part = toml_parser.loads(data[start:end].decode("utf-8"))
        except (UnicodeDecodeError, toml_parser.TOMLDecodeError, RecursionError):
            return None
        for key, value in part.items():
            if key in _RECORD_KEYS:
                if number == 0 or not isinstance(value, list):
                    return None
                if key in builder.declared:
                    builder.declared[key] |= _declared_ids(value)
                built[key] += builder.records(value, key, tables[key])
                tables[key] += len(value)
                if builder.problems:
                    return None
            elif key in head:
                return None
            else:
                head[key] = value
    try:
        return builder.finish(head, built)
    except LoadError:
        return None


def read_limited(path: Path, name: str, limit: int | None = None) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (default MAX_FILE_BYTES).

    Never reads more than the limit, even from a file that grows or lies about its size
    (/proc, /dev/zero), and never opens a FIFO (which would block); LoadError otherwise,
    IsADirectoryError for a folder.
    """
    limit = MAX_FILE_BYTES if limit is None else limit
    too_big = f"the limit is {limit:,} bytes; not read"
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):  # the caller says what it expected instead
            raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
        if not stat.S_ISREG(info.st_mode):
            raise LoadError([Problem(name, message="is not a regular file; not read")])
        if info.st_size > limit:
            raise LoadError(
                [Problem(name, message=f"the file is {info.st_size:,} bytes; {too_big}")]
            )
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except (LoadError, IsADirectoryError):
        raise
    except OSError as error:
        raise LoadError([Problem(name, message=f"cannot read: {error.strerror}")]) from None
    if len(data) > limit:
        raise LoadError([Problem(name, message=f"the file grew while read; {too_big}")])
    return data


def decode(data: bytes, name: str) -> str:
    """UTF-8 text with an optional BOM; binary junk and bad encodings are LoadErrors."""
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise LoadError([Problem(name, message="contains NUL bytes: not a text file", line=line)])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise LoadError(
            [Problem(name, message=f"is not valid UTF-8 (byte {error.start})", line=line)]
        ) from None
    return text.removeprefix("\ufeff")


def loads(text: str, name: str = "<string>") -> Timeline:
    """Parse and validate TOML text into a Timeline; raise LoadError listing every problem."""
    # Plain substring tests are several times faster than the regex over a large file.
    has_marker = any(token in text for token in _MARKERS)
    marker = _CONFLICT_MARKER.search(text) if has_marker else None
    if marker:
        line = text.count("\n", 0, marker.start()) + 1
        raise LoadError(
            [
                Problem(
                    name,
                    message="unresolved merge: run `factcheck merge` or resolve in the editor "
                    f"(git conflict marker {marker.group(1)!r})",
                    line=line,
                )
            ]
        )
    key_line = _long_key_line(text)
    if key_line:
        raise LoadError(
            [
                Problem(
                    name,
                    message=f"invalid TOML: a key with more than {MAX_KEY_PARTS} dotted parts "
                    "(nested too deeply)",
                    line=key_line,
                )
            ]
        )
    try:
        document = toml_parser.loads(text)
    except toml_parser.TOMLDecodeError as error:
        found = _TOML_POSITION.search(str(error))
        message = _TOML_POSITION.sub("", str(error)).strip()
        toml_line = int(found.group(1)) if found else None
        raise LoadError(
            [Problem(name, message=f"invalid TOML: {message}", line=toml_line)]
        ) from None
    except RecursionError:
        raise LoadError([Problem(name, message="invalid TOML: nested too deeply")]) from None
    return _Builder(name, text).timeline(document)


# Keys in the file's order, and their checks: from the file format's one table in the model.
_TOP_KEYS = model.key_names("timeline")
_SOURCE_KEYS = model.key_names("sources")
_EVENT_KEYS = model.key_names("events")
_CLAIM_KEYS = model.key_names("claims")


def _long_key_line(text: str) -> int | None:
    """The line of the first key with more than MAX_KEY_PARTS dotted parts, if any."""
    if _LONG_KEY.search("\n" + text.partition("\n")[0]):
        return 1
    found = _LONG_KEY.search(text)
    return None if found is None else text.count("\n", 0, found.start() + 1) + 1


_RECORD_KEYS = ("sources", "events", "claims", "conflicts")
_RECORD_BUILDERS = {key: f"_{key[:-1]}" for key in _RECORD_KEYS}  # "claims" -> _claim
_ANCHOR_KEYS = model.key_names("anchor")
_EVIDENCE_KEYS = model.key_names("evidence")
_PUBLISHER_KEYS = model.key_names("publisher")
_CONFLICT_KEYS = model.key_names("conflicts")

Check = Callable[[Any], None]
_SOURCE_CHECKS = model.key_checks("sources")
_EVENT_CHECKS = model.key_checks("events")
_CLAIM_CHECKS = model.key_checks("claims")
_ANCHOR_CHECKS = model.key_checks("anchor")
_EVIDENCE_CHECKS = model.key_checks("evidence")
_PUBLISHER_CHECKS = model.key_checks("publisher")
_CONFLICT_CHECKS = model.key_checks("conflicts")
_REQUIRED = {table: model.required_keys(table) for table in model.FILE_FORMAT}


class _Builder:
    """Turns a parsed TOML document into a Timeline, collecting every problem on the way.

    The fast path builds each record with its attrs validators (each value checked once);
    only when a record fails are its fields checked one by one, to report them all.
    """

    def __init__(self, name: str, text: str):
        self.name = name
        self.text = text
        self.problems: list[Problem] = []
        self._header_lines: dict[str, list[int]] | None = None
        self.declared: dict[str, set[str]] = {}

    def problem(self, where: str, message: str, table: str = "", index: int = -1) -> None:
        line = self._line_of(table, index) if table else None
        self.problems.append(Problem(self.name, where, message, line))

    def _line_of(self, table: str, index: int) -> int | None:
        """Line of the index-th `[[table]]` header; computed only when reporting problems."""
        if self._header_lines is None:
            self._header_lines = {}
            for number, line in enumerate(self.text.splitlines(), start=1):
                stripped = line.strip()
                if stripped.startswith("[[") and stripped.endswith("]]"):
                    key = stripped[2:-2].strip()
                    self._header_lines.setdefault(key, []).append(number)
        lines = self._header_lines.get(table, [])
        return lines[index] if 0 <= index < len(lines) else None

    def timeline(self, document: dict[str, Any]) -> Timeline:
        """The timeline of a whole parsed document."""
        self.declared = {key: _declared_ids(document.get(key)) for key in ("sources", "events")}
        built = {key: self.records(document.get(key, []), key) for key in _RECORD_KEYS}
        return self.finish(document, built)

    def finish(self, head: dict[str, Any], built: dict[str, list[Any]]) -> Timeline:
        """Check the top-level keys of `head` and the references between the built records;
        the Timeline, or LoadError with every problem (top-level ones first)."""
        record_problems, self.problems = self.problems, []
        for key in head:
            if key not in _TOP_KEYS:
                self.problem(key, f"unknown key (expected one of {', '.join(_TOP_KEYS)})")
        schema = head.get("schema")
        if schema is None:
            self.problem("schema", f"missing (this version writes schema = {SCHEMA})")
        elif schema != SCHEMA or isinstance(schema, bool):
            self.problem(
                "schema", f"{model.shown(schema)} is not a schema this version reads ({SCHEMA})"
            )
        self._field(head, "id", model.check_id, "", required=True)
        self._field(head, "title", model.check_str, "")
        publisher = None
        if "publisher" in head:
            values = self._table(head["publisher"], "publisher", _PUBLISHER_KEYS)
            if values is not None:
                publisher = self._record(Publisher, values, "publisher", _PUBLISHER_CHECKS, ())
        self.problems += record_problems
        self._cross_check(built["sources"], built["events"], built["claims"])
        if self.problems:
            raise LoadError(self.problems)
        return Timeline(
            id=head["id"],
            title=head.get("title", ""),
            sources=built["sources"],
            events=built["events"],
            claims=built["claims"],
            publisher=publisher,
            conflicts=built["conflicts"],
        )

    def _field(
        self, table: dict[str, Any], key: str, check: Check, where: str, required: bool = False
    ) -> None:
        path = f"{where}.{key}" if where else key
        if key not in table:
            if required:
                self.problem(path, "missing")
            return
        try:
            check(table[key])
        except FieldProblem as error:
            self.problem(path, str(error))

    def records(self, value: Any, key: str, start: int = 0) -> list[Any]:
        """Build the `[[key]]` tables of `value`; `start` is the index of its first one."""
        if not isinstance(value, list):
            self.problem(key, f"expected an array of [[{key}]] tables")
            return []
        build: Callable[[dict[str, Any], str, int], Any] = getattr(self, _RECORD_BUILDERS[key])
        built = []
        for index, table in enumerate(value, start):
            record_id = table.get("id") if isinstance(table, dict) else None
            where = f"{key}[{index}]" + (f" (id {model.shown(record_id)})" if record_id else "")
            if not isinstance(table, dict):
                self.problem(where, "expected a table", key, index)
                continue
            record = build(table, where, index)
            if record is not None:
                built.append(record)
        return built

    def _table(
        self, value: Any, where: str, allowed: tuple[str, ...], table: str = "", index: int = -1
    ) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.problem(where, "expected a table", table, index)
            return None
        for key in value:
            if key not in allowed:
                self.problem(
                    f"{where}.{key}",
                    f"unknown key (expected one of {', '.join(allowed)})",
                    table,
                    index,
                )
        return value

    def _record(
        self,
        cls: type[Any],
        values: dict[str, Any],
        where: str,
        checks: dict[str, Check],
        required: tuple[str, ...],
        table: str = "",
        index: int = -1,
        **extra: Any,
    ) -> Any:
        """Build one record; on failure report each bad field and return None."""
        arguments = {key: value for key, value in values.items() if key in checks}
        missing = [key for key in required if key not in values]
        failure: Exception | None = None
        if not missing:
            try:
                return cls(**arguments, **extra)
            except (FieldProblem, TypeError, ValueError) as error:
                failure = error
        before = len(self.problems)
        for key in missing:
            self.problem(f"{where}.{key}", "missing", table, index)
        for key, check in checks.items():
            if key in values:
                try:
                    check(values[key])
                except FieldProblem as error:
                    self.problem(f"{where}.{key}", str(error), table, index)
        if len(self.problems) == before:
            reason = str(failure) if isinstance(failure, FieldProblem) else "invalid values"
            self.problem(where, reason, table, index)
        return None

    def _anchor(self, values: Any, where: str, table: str, index: int) -> Anchor | None:
        where = f"{where}.anchor"
        checked = self._table(values, where, _ANCHOR_KEYS, table, index)
        if checked is None:
            return None
        if "start" not in checked and "end" not in checked:  # hand-written: fmt locates it
            checked = {**checked, "start": 0, "end": 0}
        anchor = self._record(
            Anchor,
            checked,
            where,
            _ANCHOR_CHECKS,
            _REQUIRED["anchor"],
            table,
            index,
        )
        return anchor

    def _source(self, values: dict[str, Any], where: str, index: int) -> Source | None:
        if self._table(values, where, _SOURCE_KEYS, "sources", index) is None:
            return None
        return self._record(
            Source,
            values,
            where,
            _SOURCE_CHECKS,
            _REQUIRED["sources"],
            "sources",
            index,
        )

    def _event(self, values: dict[str, Any], where: str, index: int) -> Event | None:
        if self._table(values, where, _EVENT_KEYS, "events", index) is None:
            return None
        anchor = None
        if "anchor" in values:
            anchor = self._anchor(values["anchor"], where, "events", index)
        event = self._record(
            Event, values, where, _EVENT_CHECKS, _REQUIRED["events"], "events", index, anchor=anchor
        )
        return None if "anchor" in values and anchor is None else event

    def _claim(self, values: dict[str, Any], where: str, index: int) -> Claim | None:
        if self._table(values, where, _CLAIM_KEYS, "claims", index) is None:
            return None
        anchor = None
        failed = False
        if "anchor" in values:
            anchor = self._anchor(values["anchor"], where, "claims", index)
            failed = anchor is None
        evidence: list[Evidence] = []
        raw_evidence = values.get("evidence", [])
        if not isinstance(raw_evidence, list):
            self.problem(
                f"{where}.evidence", "expected [[claims.evidence]] tables", "claims", index
            )
            failed = True
        else:
            seen: set[str] = set()
            for position, item in enumerate(raw_evidence):
                item_where = f"{where}.evidence[{position}]"
                checked = self._table(item, item_where, _EVIDENCE_KEYS, "claims", index)
                if checked is None:
                    failed = True
                    continue
                built = self._record(
                    Evidence,
                    checked,
                    item_where,
                    _EVIDENCE_CHECKS,
                    _REQUIRED["evidence"],
                    "claims",
                    index,
                )
                if built is None:
                    failed = True
                elif built.url in seen:
                    self.problem(
                        f"{item_where}.url",
                        f"{model.shown(built.url)} is listed twice",
                        "claims",
                        index,
                    )
                    failed = True
                else:
                    seen.add(built.url)
                    evidence.append(built)
        claim = self._record(
            Claim,
            values,
            where,
            _CLAIM_CHECKS,
            _REQUIRED["claims"],
            "claims",
            index,
            anchor=anchor,
            evidence=tuple(evidence),
        )
        return None if failed else claim

    def _conflict(self, values: dict[str, Any], where: str, index: int) -> Conflict | None:
        if self._table(values, where, _CONFLICT_KEYS, "conflicts", index) is None:
            return None
        return self._record(
            Conflict, values, where, _CONFLICT_CHECKS, _REQUIRED["conflicts"], "conflicts", index
        )

    def _cross_check(self, sources: list[Source], events: list[Event], claims: list[Claim]) -> None:
        """Unique ids and references between records."""
        self._unique(sources, "sources")
        self._unique(events, "events")
        self._unique(claims, "claims")
        # Records that failed to build still declare their ids: no cascade of errors.
        source_ids, event_ids = self.declared["sources"], self.declared["events"]
        anchored: tuple[tuple[str, Sequence[Event | Claim]], ...] = (
            ("events", events),
            ("claims", claims),
        )
        for table, records in anchored:
            for index, record in enumerate(records):
                anchor = record.anchor
                if anchor is not None and anchor.source not in source_ids:
                    self.problem(
                        f"{table}[{index}] (id {model.shown(record.id)}).anchor.source",
                        f"{model.shown(anchor.source)} is not the id of a [[sources]] entry",
                        table,
                        index,
                    )
        for index, claim in enumerate(claims):
            if claim.event and claim.event not in event_ids:
                self.problem(
                    f"claims[{index}] (id {model.shown(claim.id)}).event",
                    f"{model.shown(claim.event)} is not the id of an event in this file",
                    "claims",
                    index,
                )

    def _unique(self, records: Sequence[Source | Event | Claim], table: str) -> set[str]:
        seen: set[str] = set()
        for index, record in enumerate(records):
            if record.id in seen:
                self.problem(
                    f"{table}[{index}] (id {model.shown(record.id)}).id",
                    f"duplicate id: another [[{table}]] entry uses {model.shown(record.id)}",
                    table,
                    index,
                )
            seen.add(record.id)
        return seen


def _declared_ids(tables: Any) -> set[str]:
    """The string ids of a raw array of tables, whether or not the records are valid."""
    if not isinstance(tables, list):
        return set()
    return {t["id"] for t in tables if isinstance(t, dict) and isinstance(t.get("id"), str)}


# --- canonical dump ----------------------------------------------------------------------


#: Keys written even when empty (everything else is omitted when "" or empty).
_ALWAYS = frozenset({"id", "status"})
_SUBTABLES = frozenset({"anchor", "evidence"})


def _table_of(record: Any, keys: tuple[str, ...], always: frozenset[str] = _ALWAYS) -> dict:
    """A record's fields in the file's key order; empty optional values dropped."""
    table = {}
    for key in keys:
        if key in _SUBTABLES:
            continue
        value = getattr(record, key)
        if key in always or value not in ("", ()):
            table[key] = value
    return table


#: The characters tomli_w escapes in a string (TOML's basic strings may not hold them raw).
_ESCAPED = re.compile(r'[\x00-\x08\x0a-\x1f\x7f"\\]')


def _dump_table(table: dict[str, Any]) -> str:
    """`tomli_w.dumps(table)` for a table of plain values, byte for byte: a string with
    nothing to escape and an integer are written directly, every other value by tomli_w.

    Why: tomli_w escapes a string one character at a time in Python; with most strings
    needing no escape, this halves `factcheck check` on a big file (docs/ARCHITECTURE.md,
    section 3.1). A property test holds it equal to tomli_w.
    """
    lines = []
    for key, value in table.items():
        if type(value) is str and _ESCAPED.search(value) is None:
            lines.append(f'{key} = "{value}"\n')
        elif type(value) is int:
            lines.append(f"{key} = {value}\n")
        else:
            lines.append(tomli_w.dumps({key: value}))
    return "".join(lines)


def _chunks(timeline: Timeline) -> Iterator[str]:
    dump = _dump_table
    yield dump(_table_of(timeline, ("schema", "id", "title"), frozenset({"schema", "id"})))
    if timeline.publisher is not None:
        yield "\n[publisher]\n" + dump(_table_of(timeline.publisher, _PUBLISHER_KEYS))
    for source in timeline.sources:
        yield "\n[[sources]]\n" + dump(_table_of(source, _SOURCE_KEYS))
    every_anchor_key = frozenset(_ANCHOR_KEYS)
    for event in timeline.events:
        yield "\n[[events]]\n" + dump(_table_of(event, _EVENT_KEYS))
        if event.anchor is not None:
            anchor = _table_of(event.anchor, _ANCHOR_KEYS, every_anchor_key)
            yield "\n[events.anchor]\n" + dump(anchor)
    for claim in timeline.claims:
        yield "\n[[claims]]\n" + dump(_table_of(claim, _CLAIM_KEYS))
        if claim.anchor is not None:
            anchor = _table_of(claim.anchor, _ANCHOR_KEYS, every_anchor_key)
            yield "\n[claims.anchor]\n" + dump(anchor)
        for evidence in claim.evidence:
            yield "\n[[claims.evidence]]\n" + dump(_table_of(evidence, _EVIDENCE_KEYS))
    every_conflict_key = frozenset(_CONFLICT_KEYS)
    for conflict in timeline.conflicts:
        yield "\n[[conflicts]]\n" + dump(_table_of(conflict, _CONFLICT_KEYS, every_conflict_key))


def dumps(timeline: Timeline) -> str:
    """The canonical TOML text of a timeline (records sorted, fixed key order)."""
    return "".join(_chunks(timeline.canonical()))


def canonical_bytes(timeline: Timeline) -> bytes:
    """The canonical file's bytes (UTF-8, no BOM)."""
    return dumps(timeline).encode("utf-8")


# --- atomic save -------------------------------------------------------------------------


def save(path: Path | str, timeline: Timeline, expected: Fingerprint | None = None) -> Fingerprint:
    """Write the canonical file atomically; refuse if it changed since `expected` was taken.

    `expected=None` means "the file must not have changed since we last looked" is not
    checked (a new file, or an explicit overwrite). Returns the new fingerprint.
    """
    return save_bytes(path, canonical_bytes(timeline), expected)


def save_bytes(path: Path | str, data: bytes, expected: Fingerprint | None = None) -> Fingerprint:
    """`save` for bytes already dumped (by `canonical_bytes`), so they are not built twice.

    Compare, write and replace happen under the file's write lock (`write_lock`), so two
    writers can never both pass the changed-on-disk check: the second sees the first's file.
    """
    path = Path(path)
    with write_lock(path):
        if expected is not None and not expected.same_content(Fingerprint.of_file(path)):
            raise ChangedOnDiskError(path)
        write_atomic(path, data)
        return Fingerprint.of_bytes(path, data)


# --- the write lock ----------------------------------------------------------------------

#: How long a writer waits for another writer's lock before giving up and writing nothing.
#: A save holds the lock for the time of one write (under a second even at 100,000 claims),
#: so only a stuck or suspended writer makes this run out; correctness never depends on it.
LOCK_WAIT_SECONDS = 10.0
_LOCK_FOLDER = "factcheck-locks"


def lock_path(path: Path) -> Path:
    """The lock file of a timeline: in the git dir inside a repository, else beside the file.

    Inside a git work tree it is `<git dir>/factcheck-locks/NAME.<hash of the path>.lock`,
    which `git status` never shows; elsewhere `.NAME.lock` in the file's folder. Either
    way it is removed when the write ends; one left by a killed writer is not a lock.
    """
    folder = (path.parent if str(path.parent) else Path(".")).resolve()
    target = folder / path.name
    git_dir = _git_dir(folder)
    if git_dir is None:
        return folder / f".{path.name}.lock"
    digest = hashlib.sha256(os.fsencode(target)).hexdigest()[:16]
    return git_dir / _LOCK_FOLDER / f"{path.name}.{digest}.lock"


#: A `gitdir: PATH` file is one line; anything larger is not one.
_MAX_GITDIR_BYTES = 64 * 1024


def _git_dir(folder: Path) -> Path | None:
    """The git dir of the work tree holding `folder` (a `.git` folder or `gitdir:` file)."""
    for candidate in (folder, *folder.parents):
        dot_git = candidate / ".git"
        if dot_git.is_dir():
            return dot_git
        if dot_git.is_file():  # bounded: an archive's `.git` may be a huge file of zeros
            with contextlib.suppress(OSError, UnicodeDecodeError, LoadError):
                line = read_limited(dot_git, str(dot_git), _MAX_GITDIR_BYTES).decode().strip()
                if line.startswith("gitdir:"):
                    found = (candidate / line.removeprefix("gitdir:").strip()).resolve()
                    if found.is_dir():
                        return found
            return None
    return None


def _holder() -> str:
    """Who this process is, as written into the lock file for a blocked writer to report."""
    command = " ".join([Path(sys.argv[0]).name if sys.argv else "python", *sys.argv[1:]])
    return f"pid {os.getpid()}: {command[:200]}"


@contextlib.contextmanager
def write_lock(path: Path) -> Iterator[None]:
    """Hold the advisory write lock (`fcntl.flock`) of a timeline file.

    The kernel releases a flock when its holder dies, so a killed writer never blocks the
    next one. The lock file is unlinked on release; a waiter that then gets the lock on the
    unlinked file notices (another inode at the path) and locks the new one. Waits at
    most LOCK_WAIT_SECONDS, then raises LockedError naming the holder.
    """
    lock = lock_path(path)
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    pause = 0.001
    while True:
        try:
            if lock.parent.name == _LOCK_FOLDER:  # in the git dir; never a missing folder
                lock.parent.mkdir(exist_ok=True)
            descriptor = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
        except OSError as error:
            raise SaveError(
                f"{path}: cannot save: {error.strerror}; the file on disk was not changed"
            ) from None
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(descriptor)
            os.close(descriptor)
            if time.monotonic() > deadline:
                raise LockedError(
                    f"{path}: another program is writing this file ({holder}; lock file "
                    f"{lock}); nothing was written, try again"
                ) from None
            time.sleep(pause)  # bounded retries, not a correctness timing
            pause = min(pause * 2, 0.005)
            continue
        if _same_file(descriptor, lock):
            break
        os.close(descriptor)  # the holder we waited for unlinked it: lock the new one
    try:
        with contextlib.suppress(OSError):  # who holds it, for a blocked writer's message
            os.ftruncate(descriptor, 0)
            os.pwrite(descriptor, _holder().encode("utf-8", "replace") + b"\n", 0)
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(lock)
        os.close(descriptor)


def _same_file(descriptor: int, path: Path) -> bool:
    try:
        at_path = os.stat(path)
    except OSError:
        return False
    opened = os.fstat(descriptor)
    return (opened.st_dev, opened.st_ino) == (at_path.st_dev, at_path.st_ino)


def _read_holder(descriptor: int) -> str:
    with contextlib.suppress(OSError):
        text = os.pread(descriptor, 400, 0).decode("utf-8", "replace").strip()
        if text:
            return clip(text, 240)
    return "holder unknown"


def write_atomic(path: Path, data: bytes) -> None:
    """Temp file in the same folder, fsync, os.replace, fsync the folder; mode kept.

    A crash at any instant leaves either the old file or the new one.
    """
    folder = path.parent if str(path.parent) else Path(".")
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    except OSError as error:
        raise SaveError(f"{path}: cannot save: {error.strerror}") from None
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise SaveError(f"{path}: cannot save in {folder}: {error.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise SaveError(
            f"{path}: cannot save: {error.strerror}; the file on disk was not changed"
        ) from None
    _fsync_folder(folder)


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


# --- source documents --------------------------------------------------------------------


def source_path(timeline_path: Path | str, source: Source) -> Path:
    """The source file's path; StoreError when it would leave the timeline's folder.

    The check resolves symlinks, so a link pointing outside the folder is refused too.
    """
    folder = Path(timeline_path).resolve().parent
    candidate = (folder / source.file).resolve()
    if not candidate.is_relative_to(folder):
        raise StoreError(
            f"{timeline_path}: sources (id {model.shown(source.id)}).file: "
            f"{model.shown(source.file)} leaves the timeline's folder"
        )
    return candidate


def read_source(timeline_path: Path | str, source: Source) -> tuple[str, bool]:
    """The decoded text of a source document and whether its sha256 still matches."""
    path = source_path(timeline_path, source)
    where = f"{timeline_path}: sources (id {model.shown(source.id)}).file"
    label = model.shown(source.file)  # quoted and cut: the value may be megabytes long
    try:
        data = read_limited(path, label)
    except LoadError as error:
        raise StoreError(f"{where}: {error}") from None
    except IsADirectoryError:
        raise StoreError(f"{where}: {label} is a folder, not a document") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise StoreError(f"{where}: {label} is not valid UTF-8") from None
    return text, hashlib.sha256(data).hexdigest() == source.sha256
