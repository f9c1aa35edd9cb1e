"""factcheck.dates against the `edtf` reference, plus display and sort order.

Our parser is a fast strict subset of EDTF levels 0-1. The property test checks both
directions: every string we accept, `edtf` accepts with the same strict bounds; every
string we reject, `edtf` rejects too or it is one of the documented differences below.

Outside our subset on purpose (edtf accepts, we refuse):
- level-1/2 features news dates do not need: negative years, "Y" long years, seasons
  (month 21-41), unspecified digits ("2020-01-XX"), year 0000, qualifiers on one
  component ("?2020-02", "2020-~02");
- intervals with no known end ("../..");
- whitespace around the string (edtf strips it; a canonical file never has it).
Where edtf is more lenient than the calendar, we are stricter (and right):
- 29 February in a year that is not a leap year ("2021-02-29");
- intervals that end before they start ("2020-03/2020-02-15").
Bounds: edtf's strict bounds ignore ~ ? % qualifiers, as ours do. For an open end ("..")
edtf gives -inf/+inf and we give date.min/date.max. For an unknown end ("") edtf guesses
ten years from the known end; we treat it as unbounded, so only the known end is compared.

Set FACTCHECK_LONG_TESTS=1 for many more examples.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
from pathlib import Path
from typing import Any

import edtf
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from factcheck import dates

EXAMPLES = 3000 if os.environ.get("FACTCHECK_LONG_TESTS") else 300

_QUALIFIERS = ("", "", "", "?", "~", "%", "?~", "~?")
_YEARS = (0, 1, 4, 999, 1900, 1999, 2000, 2019, 2020, 2021, 2024, 2100, 9999)


@st.composite
def points(draw: st.DrawFn) -> str:
    """A date in and around the subset: real and impossible months and days, odd widths."""
    year = draw(st.sampled_from(_YEARS) | st.integers(0, 9999))
    text = f"{year:04d}"
    if draw(st.booleans()):
        month = draw(st.integers(1, 12) | st.integers(1, 12) | st.sampled_from((0, 13, 21, 41)))
        text += f"-{month:02d}" if draw(st.integers(0, 9)) else f"-{month}"
        if draw(st.booleans()):
            day = draw(st.integers(1, 28) | st.integers(0, 32))
            text += f"-{day:02d}" if draw(st.integers(0, 9)) else f"-{day}"
    return text + draw(st.sampled_from(_QUALIFIERS))


@st.composite
def real_dates(draw: st.DrawFn) -> str:
    """A calendar date at day, month or year precision, so that accepted strings are common."""
    day = draw(st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))
    text = draw(st.sampled_from((day.isoformat(), day.isoformat()[:7], day.isoformat()[:4])))
    return text + draw(st.sampled_from(_QUALIFIERS))


_ENDS = points() | st.sampled_from(("", ".."))
_JUNK_ALPHABET = "0123456789-/.?~%X Y \n٢２"

_INTERVALS = st.builds(lambda left, right: f"{left}/{right}", _ENDS, _ENDS)
candidates = st.one_of(
    points(),
    points(),
    real_dates(),
    _INTERVALS,
    st.builds(lambda left, right: f"{left}/{right}", real_dates(), real_dates()),
    st.builds(lambda end, left: f"../{end}" if left else f"{end}/..", real_dates(), st.booleans()),
    st.text(alphabet=_JUNK_ALPHABET, max_size=24),
    st.builds(lambda core, pad: core + pad, points(), st.sampled_from((" ", "\n", "\t"))),
    st.text(max_size=12),
)


def _reference(text: str) -> Any | None:
    """The edtf parse, or None when edtf refuses (it sometimes raises TypeError, e.g. "../")."""
    try:
        return edtf.parse_edtf(text)
    except Exception:
        return None


def _as_day(bound: Any) -> tuple[int, int, int] | float:
    if isinstance(bound, float):
        return bound
    return (bound.tm_year, bound.tm_mon, bound.tm_mday)


def _day(value: dt.date) -> tuple[int, int, int]:
    return (value.year, value.month, value.day)


_ASCII_SUBSET_CHARS = re.compile(r"^[0-9?~%/.-]*$")


def _documented_difference(text: str) -> str | None:
    """Why edtf may accept a string that we refuse, or None when it should not."""
    if text != text.strip():
        return "surrounding whitespace"
    if not _ASCII_SUBSET_CHARS.match(text):
        return "characters outside the subset (X, Y, ...)"
    if re.search(r"[?~%][0-9]", text):
        return "qualifier on a single component (level 2)"
    if text.startswith("-") or "/-" in text:
        return "negative year"
    if re.search(r"(^|/)0000", text):
        return "year 0000"
    if re.search(r"(^|/)\d{4}-(2\d|3\d|4[01])(?![0-9-])", text):
        return "season"
    if text in ("../..", "/", "../", "/.."):
        return "no known end"
    match = re.search(r"(\d{4})-02-29", text)
    if match and not _is_leap(int(match.group(1))):
        return "29 February of a common year"
    if "/" in text:
        left, right = text.split("/", 1)
        valid = dates.is_valid(left) and dates.is_valid(right)
        if valid and dates.parse(left).lower > dates.parse(right).upper:
            return "interval ending before it starts"
    return None


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


@settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)  # a busy machine generates slowly: that is not a failure
@given(candidates)
@example("2020-01-27/2020-02-02")
@example("../2020-02-02")
@example("2020-01-29/..")
@example("/2020-01-29")
@example("2020-02-04?/2020-03~")
@example("2021-02-29")
@example("2020-02-29")
@example("2020-01-XX")
@example("2020-21")
@example("../..")
@example("٢٠٢٠")
@example("2020\n")
@example("%2020")
def test_parse_agrees_with_edtf(text: str) -> None:
    try:
        ours = dates.parse(text)
    except dates.DateError:
        ours = None
    theirs = _reference(text)
    if ours is None:
        if theirs is not None:
            assert _documented_difference(text), f"edtf accepts {text!r}, we refuse it"
        return
    assert theirs is not None, f"we accept {text!r}, edtf refuses it"
    lower, upper = _as_day(theirs.lower_strict()), _as_day(theirs.upper_strict())
    if ours.start is not None:
        assert lower == _day(ours.lower)
    elif ours.open_start:
        assert lower == -math.inf and ours.lower == dt.date.min
    else:
        assert ours.lower == dt.date.min  # unknown start: edtf's ten-year guess is not a bound
    known_end = ours.end if ours.is_interval else ours.start
    if known_end is not None:
        assert upper == _day(ours.upper)
    elif ours.open_end:
        assert upper == math.inf and ours.upper == dt.date.max
    else:
        assert ours.upper == dt.date.max


@pytest.mark.parametrize(
    "text",
    ["٢٠٢٠", "２０２０-０２-０４", "2020\n", "2020-02-04\n/2020-02-05", " 2020", "2020-02-04 "],
)
def test_only_ascii_digits_and_no_surrounding_whitespace(text: str) -> None:
    with pytest.raises(dates.DateError):
        dates.parse(text)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("2020-01-27/2020-02-02", "week of 27 Jan 2020"),
        ("../2020-01-29", "before 29 Jan 2020"),
        ("2020-01-29/..", "after 29 Jan 2020"),
        ("2020-02", "Feb 2020"),
        ("2020", "2020"),
        ("2020-01~", "about Jan 2020"),
        ("2020-02-04", "4 Feb 2020"),
        ("2020-02-04?", "4 Feb 2020?"),
        ("2020%", "about 2020?"),
        ("2020-01-28/2020-02-03", "28 Jan 2020 – 3 Feb 2020"),
        ("2020-01/2020-03", "Jan 2020 – Mar 2020"),
        ("/2020-01-29", "? – 29 Jan 2020"),
        ("", "undated"),
        ("not a date", "not a date"),
    ],
)
def test_display(text: str, label: str) -> None:
    assert dates.display(text) == label


def test_sort_key_orders_by_bounds_and_puts_unknown_last() -> None:
    texts = ["", "2020-02-04", "junk", "../2020-02-02", "2020-01-27/2020-02-02", "2020-02", "2020"]
    ordered = sorted(texts, key=dates.sort_key)
    assert ordered[:5] == [
        "../2020-02-02",
        "2020",
        "2020-01-27/2020-02-02",
        "2020-02",
        "2020-02-04",
    ]
    assert set(ordered[5:]) == {"", "junk"}
    assert dates.sort_key("") == dates.sort_key("junk")
    assert dates.sort_key("2020-02-04") < dates.sort_key("")
    assert dates.sort_key("9999-12-31/..") < dates.sort_key("")


def test_sort_key_breaks_ties_by_upper_bound() -> None:
    assert dates.sort_key("2020-02-01") < dates.sort_key("2020-02") < dates.sort_key("2020-02/..")


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("26 May 2015", "2015-05-26"),
        ("26 may 2015", "2015-05-26"),
        ("May 26, 2015", "2015-05-26"),
        ("Sept. 3, 2019", "2019-09-03"),
        ("2015-05-26", "2015-05-26"),
        ("2015-05-26T10:00:00Z", "2015-05-26"),
        ("31 February 2015", ""),
        ("26 Mayo 2015", ""),
        ("yesterday", ""),
        ("May 2015", ""),
    ],
)
def test_written_day_reads_the_common_review_date_shapes_only(text: str, day: str) -> None:
    assert dates.written_day(text) == day


def test_month_names_and_the_written_year_have_one_definition() -> None:
    """The readers of written dates (import, library, the extractor's date phrases) read
    month names with `dates.MONTH_NUMBERS` and require a year with `dates.FOUR_DIGIT_YEAR`;
    no module keeps its own copy of either."""
    package = Path(dates.__file__).parent
    copies = {
        "a month table": re.compile(r"""["']sept["']"""),
        "a four-digit year pattern": re.compile(r"\{4\}\(\?!(?:\\\\d|\[0-9\])\)"),
    }
    for path in sorted(package.rglob("*.py")):
        if path == Path(dates.__file__):
            continue
        source = path.read_text(encoding="utf-8")
        for what, pattern in copies.items():
            assert not pattern.search(source), f"{path.relative_to(package)} has {what} of its own"
    assert dates.MONTH_NUMBERS["sept"] == 9 and dates.FOUR_DIGIT_YEAR.search("Sept. 3, 2019")
    assert not dates.FOUR_DIGIT_YEAR.search("3 days ago") and not dates.FOUR_DIGIT_YEAR.search(
        "20190903"
    )
