"""Load timelines from TOML with every problem located; dump canonical bytes; save atomically.

The writer owns the file's bytes like a code formatter: fixed key order, records in a
content-derived order, each record its own `[[table]]`, empty optional fields omitted.
Loading then dumping a canonical file gives the same bytes.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import stat
import tempfile
import tomllib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs
import tomli_w

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

#: Files larger than this are refused before parsing (bounded memory, no freeze). Measured:
#: 100,000 fully reviewed claims (anchor, verdict, two evidence links each) dump to 124 MiB,
#: load in about 25 s and peak at 1 GB; a larger file is not a real timeline.
MAX_FILE_BYTES = 128 * 1024 * 1024
#: A TOML key with more dotted parts than this is refused before parsing: tomllib's cost
#: grows with the square of the parts (80,000 parts take 7 s), so a small file could freeze.
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

    def is_canonical(self) -> bool:
        """Whether the file's bytes are exactly the canonical dump of what it holds."""
        return self.holds(canonical_bytes(self.timeline))


# --- loading -----------------------------------------------------------------------------


def load(path: Path | str) -> Loaded:
    """Read, parse and validate a timeline file; raise LoadError listing every problem."""
    path = Path(path)
    name = str(path)
    try:
        data = read_limited(path, name)
    except IsADirectoryError:
        raise LoadError([Problem(name, message="is a folder, not a timeline file")]) from None
    text = decode(data, name)
    fingerprint = Fingerprint.of_bytes(path, data)
    del data  # not needed once hashed and decoded: lowers the peak of a load by a file size
    return Loaded(path, loads(text, name), fingerprint)


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
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = _TOML_POSITION.search(str(error))
        message = _TOML_POSITION.sub("", str(error)).strip()
        toml_line = int(found.group(1)) if found else None
        raise LoadError(
            [Problem(name, message=f"invalid TOML: {message}", line=toml_line)]
        ) from None
    except RecursionError:
        raise LoadError([Problem(name, message="invalid TOML: nested too deeply")]) from None
    return _Builder(name, text).timeline(document)


_TOP_KEYS = ("schema", "id", "title", "publisher", "sources", "events", "claims", "conflicts")
_SOURCE_KEYS = ("id", "title", "published", "file", "sha256", "url")
_EVENT_KEYS = ("id", "date", "date_text", "title", "summary", "actors", "anchor")
_CLAIM_KEYS = (
    "id",
    "event",
    "claimant",
    "kind",
    "text",
    "status",
    "verdict",
    "reviewed_by",
    "reviewed_on",
    "notes",
    "anchor",
    "evidence",
)


def _long_key_line(text: str) -> int | None:
    """The line of the first key with more than MAX_KEY_PARTS dotted parts, if any."""
    if _LONG_KEY.search("\n" + text.partition("\n")[0]):
        return 1
    found = _LONG_KEY.search(text)
    return None if found is None else text.count("\n", 0, found.start() + 1) + 1


_ANCHOR_KEYS = ("source", "start", "end", "exact", "prefix", "suffix")
_EVIDENCE_KEYS = ("url", "title", "stance", "accessed", "note")
_PUBLISHER_KEYS = ("name", "url")
_CONFLICT_KEYS = ("record", "field", "base", "ours", "theirs")

Check = Callable[[Any], None]
_SOURCE_CHECKS: dict[str, Check] = {
    "id": model.check_id,
    "title": model.check_str,
    "published": model.check_edtf,
    "file": model.check_relative_path,
    "sha256": model.check_sha256,
    "url": model.check_optional_url,
}
_EVENT_CHECKS: dict[str, Check] = {
    "id": model.check_id,
    "date": model.check_edtf,
    "date_text": model.check_str,
    "title": model.check_str,
    "summary": model.check_str,
    "actors": model.check_str_list,
}
_CLAIM_CHECKS: dict[str, Check] = {
    "id": model.check_id,
    "event": model.check_optional_ref,
    "claimant": model.check_str,
    "kind": model.check_kind,
    "text": model.check_str,
    "status": model.check_status,
    "verdict": model.check_str,
    "reviewed_by": model.check_str,
    "reviewed_on": model.check_iso_day,
    "notes": model.check_str,
}
_ANCHOR_CHECKS: dict[str, Check] = {
    "source": model.check_id,
    "start": model.check_offset,
    "end": model.check_offset,
    "exact": model.check_str,
    "prefix": model.check_str,
    "suffix": model.check_str,
}
_EVIDENCE_CHECKS: dict[str, Check] = {
    "url": model.check_url,
    "title": model.check_str,
    "stance": model.check_stance,
    "accessed": model.check_iso_day,
    "note": model.check_str,
}
_PUBLISHER_CHECKS: dict[str, Check] = {"name": model.check_str, "url": model.check_optional_url}
_CONFLICT_CHECKS: dict[str, Check] = {key: model.check_str for key in _CONFLICT_KEYS}


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
        for key in document:
            if key not in _TOP_KEYS:
                self.problem(key, f"unknown key (expected one of {', '.join(_TOP_KEYS)})")
        schema = document.get("schema")
        if schema is None:
            self.problem("schema", f"missing (this version writes schema = {SCHEMA})")
        elif schema != SCHEMA or isinstance(schema, bool):
            self.problem(
                "schema", f"{model.shown(schema)} is not a schema this version reads ({SCHEMA})"
            )
        self._field(document, "id", model.check_id, "", required=True)
        self._field(document, "title", model.check_str, "")
        publisher = None
        if "publisher" in document:
            values = self._table(document["publisher"], "publisher", _PUBLISHER_KEYS)
            if values is not None:
                publisher = self._record(Publisher, values, "publisher", _PUBLISHER_CHECKS, ())
        self.declared = {key: _declared_ids(document.get(key)) for key in ("sources", "events")}
        sources = self._records(document, "sources", self._source)
        events = self._records(document, "events", self._event)
        claims = self._records(document, "claims", self._claim)
        conflicts = self._records(document, "conflicts", self._conflict)
        self._cross_check(sources, events, claims)
        if self.problems:
            raise LoadError(self.problems)
        return Timeline(
            id=document["id"],
            title=document.get("title", ""),
            sources=sources,
            events=events,
            claims=claims,
            publisher=publisher,
            conflicts=conflicts,
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

    def _records(
        self, document: dict[str, Any], key: str, build: Callable[[dict[str, Any], str, int], Any]
    ) -> list[Any]:
        value = document.get(key, [])
        if not isinstance(value, list):
            self.problem(key, f"expected an array of [[{key}]] tables")
            return []
        built = []
        for index, table in enumerate(value):
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
        anchor = self._record(
            Anchor,
            checked,
            where,
            _ANCHOR_CHECKS,
            ("source", "start", "end", "exact"),
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
            ("id", "file", "sha256"),
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
            Event, values, where, _EVENT_CHECKS, ("id",), "events", index, anchor=anchor
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
                    Evidence, checked, item_where, _EVIDENCE_CHECKS, ("url",), "claims", index
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
            ("id",),
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
            Conflict, values, where, _CONFLICT_CHECKS, ("record", "field"), "conflicts", index
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


def _chunks(timeline: Timeline) -> Iterator[str]:
    dump = tomli_w.dumps
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
    """`save` for bytes already dumped (by `canonical_bytes`), so they are not built twice."""
    path = Path(path)
    if expected is not None and not expected.same_content(Fingerprint.of_file(path)):
        raise ChangedOnDiskError(path)
    write_atomic(path, data)
    return Fingerprint.of_bytes(path, data)


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
    try:
        data = read_limited(path, source.file)
    except LoadError as error:
        raise StoreError(f"{where}: {error}") from None
    except IsADirectoryError:
        raise StoreError(f"{where}: {source.file} is a folder, not a document") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise StoreError(f"{where}: {source.file} is not valid UTF-8") from None
    return text, hashlib.sha256(data).hexdigest() == source.sha256
