"""Any text gives a valid draft or a clear ExtractError: never a crash, anchors always hold."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck import anchors, store
from factcheck.extract import ExtractError, extract_text

PIECES = [
    "On Tuesday",
    " said ",
    "“",
    "”",
    '"',
    "‘",
    "’",
    ", ",
    ". ",
    "\n",
    "\r\n",
    "\n\n",
    "Freddy Martinez",
    "Martinez",
    " he ",
    "the mayor",
    "according to ",
    "Jan. 15",
    "2019",
    "last week",
    "3 billion images",
    "$10",
    "40%",
    "may ",
    "March",
    "we ",
    "date 2020-02-05",
    "Published: Feb. 5, 2020",
    "CHICAGO — ",
    "\ufeff",
    "\x1b]0;x\x07",
    "[bold]",
    "é",
    " ",
]
texts = st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=60).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_any_text_gives_a_valid_draft(text: str) -> None:
    data = text.encode("utf-8")
    try:
        timeline = extract_text(data, "fuzz.txt", "sources/fuzz.txt")
    except ExtractError as error:
        assert str(error).startswith("fuzz.txt: ")
        return
    decoded = data.decode("utf-8")
    for record in (*timeline.events, *timeline.claims):
        assert record.anchor is not None and anchors.verify(record.anchor, decoded)
    again = store.loads(store.dumps(timeline), "fuzz.toml")
    assert store.dumps(again) == store.dumps(timeline)
    assert store.dumps(extract_text(data, "fuzz.txt", "sources/fuzz.txt")) == store.dumps(timeline)
