"""Hypothesis strategies that break valid inputs the ways real files and attackers do."""

from __future__ import annotations

import re

import attrs
from hypothesis import strategies as st

from factcheck import model, store
from tests.safety.helpers import GOOD


def seed_timeline() -> bytes:
    """The shipped fixture with every kind of record: publisher, evidence, a conflict."""
    timeline = store.load(GOOD).timeline
    claim = timeline.claims[0]
    evidence = (
        model.Evidence(url="https://example.org/a", title="A", stance="supports"),
        model.Evidence(url="https://example.org/b", accessed="2026-11-26", note="n"),
    )
    timeline = attrs.evolve(
        timeline.replace_claim(attrs.evolve(claim, evidence=evidence, verdict="v")),
        publisher=model.Publisher(name="Desk", url="https://desk.example.org/"),
        conflicts=(model.Conflict(record=f"claims.{claim.id}", field="status", ours='"true"'),),
    )
    return store.dumps(timeline).encode("utf-8")


SEED = seed_timeline()

#: TOML values of every type, and hostile ones, to put where another type is expected.
VALUES = [
    "1", "-1", "0", "true", "false", "1.5", "nan", "-inf", "1979-05-27T07:32:00Z", "07:32:00",
    "1979-05-27", "[]", '[1, "a"]', "{}", "{ a = 1 }", '""', '"x"', "'''multi\nline'''",
    "99999999999999999999999", "0x10", '"\\u0000"', '"\\u001b]0;pwned\\u0007"', '"\\u202e"',
    '"[@click=app.quit]q[/]"', '"javascript:alert(1)"', '"file:///etc/passwd"',
    '"https://user:pw@example.org/"', '"../../etc/passwd"', '"/etc/passwd"', '" https://x.org"',
]  # fmt: skip
#: Byte strings to splice in: NUL, invalid UTF-8, BOMs, escapes, bidi, markers, lone CR.
SPLICES = [
    b"\x00", b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\r", b"\x1b]0;pwned\x07",
    "\u202e".encode(), b"\n<<<<<<< ours\n", b"\n=======\n", b"\n>>>>>>> theirs\n", b'"', b"'",
    b"[", b"]", b"{", b"=", b"\\", b"\n[[claims]]\n", b"\n[claims.anchor]\n", b"\n[[events]]\n",
    b'"""', b"\n[publisher]\n", b"#",
]  # fmt: skip
_ASSIGNMENT = re.compile(rb"^([A-Za-z_]+) = ", re.MULTILINE)
_HEADER = re.compile(rb"^\[.*\]$", re.MULTILINE)


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


@st.composite
def delete_line(draw: st.DrawFn, data: bytes) -> bytes:
    lines = _lines(data)
    del lines[draw(st.integers(0, len(lines) - 1))]
    return b"\n".join(lines)


@st.composite
def swap_type(draw: st.DrawFn, data: bytes) -> bytes:
    found = list(_ASSIGNMENT.finditer(data))
    match = draw(st.sampled_from(found))
    end = data.find(b"\n", match.end())
    end = len(data) if end < 0 else end
    if data[match.end() : match.end() + 1] == b"[":  # a multi-line array: replace its first line
        end = data.find(b"\n", match.end())
    value = draw(st.sampled_from(VALUES)).encode("utf-8")
    return data[: match.end()] + value + data[end:]


@st.composite
def truncate(draw: st.DrawFn, data: bytes) -> bytes:
    return data[: draw(st.integers(0, len(data)))]


@st.composite
def splice(draw: st.DrawFn, data: bytes) -> bytes:
    at = draw(st.integers(0, len(data)))
    return data[:at] + draw(st.sampled_from(SPLICES)) + data[at:]


@st.composite
def flip_byte(draw: st.DrawFn, data: bytes) -> bytes:
    at = draw(st.integers(0, len(data) - 1))
    return data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]


@st.composite
def duplicate_table(draw: st.DrawFn, data: bytes) -> bytes:
    """Copy one [table] / [[table]] section (header to the next header) next to itself."""
    headers = [match.start() for match in _HEADER.finditer(data)]
    index = draw(st.integers(0, len(headers) - 1))
    start = headers[index]
    end = headers[index + 1] if index + 1 < len(headers) else len(data)
    section = data[start:end].rstrip(b"\n") + b"\n\n"
    return data[:end] + b"\n" + section + data[end:]


@st.composite
def enormous(draw: st.DrawFn, data: bytes) -> bytes:
    """A huge string, a huge array or a huge number of records in place of a value."""
    size = draw(st.sampled_from([10_000, 200_000, 1_000_000]))
    value = draw(
        st.sampled_from(
            [
                b'"' + b"x" * size + b'"',
                b"[" + b'"a", ' * (size // 5) + b"]",
                b"[" + b"1, " * (size // 3) + b"]",
                b'"' + "“é✓\u202e".encode() * (size // 10) + b'"',
            ]
        )
    )
    found = list(_ASSIGNMENT.finditer(data))
    match = draw(st.sampled_from(found))
    end = data.find(b"\n", match.end())
    return data[: match.end()] + value + data[end:]


@st.composite
def deep_nesting(draw: st.DrawFn, data: bytes) -> bytes:
    depth = draw(st.sampled_from([10, 100, 400, 1000, 10_000]))
    opener, closer = draw(st.sampled_from([(b"[", b"]"), (b"{ a = ", b" }")]))
    value = opener * depth + b"1" + closer * depth
    key = draw(st.sampled_from([b"title", b"zz", b"actors"]))
    dotted = draw(st.sampled_from([b"", b"a." * depth]))
    return data + b"\n" + dotted + key + b" = " + value + b"\n"


@st.composite
def conflict_markers(draw: st.DrawFn, data: bytes) -> bytes:
    lines = _lines(data)
    at = draw(st.integers(0, len(lines)))
    size = draw(st.integers(0, 5))
    block = [b"<<<<<<< HEAD", *lines[at : at + size], b"=======", b">>>>>>> theirs"]
    return b"\n".join(lines[:at] + block + lines[at + size :])


MUTATIONS = [
    delete_line, swap_type, truncate, splice, flip_byte, duplicate_table, enormous,
    deep_nesting, conflict_markers,
]  # fmt: skip


@st.composite
def mutants(draw: st.DrawFn, seed: bytes = SEED) -> tuple[list[str], bytes]:
    """(names of the mutations applied, the mutated bytes)."""
    data = seed
    names = []
    for mutation in draw(st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=3)):
        if not data.strip():
            break
        if mutation in (swap_type, enormous) and not _ASSIGNMENT.search(data):
            continue
        if mutation is duplicate_table and not _HEADER.search(data):
            continue
        data = draw(mutation(data))
        names.append(mutation.__name__)
    return names, data
