"""EDTF dates, the subset news needs: day, month, year, intervals, open ends, ~ and ?.

The `edtf` package is the reference for the format, but its grammar costs milliseconds per
parse; this strict regex parser keeps loading 10,000 events fast. A property test checks
that both agree on every string this parser accepts.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from functools import lru_cache

import attrs

from factcheck.text import clip

# ASCII digits only, and fullmatch: "$" would accept a trailing newline, "\d" Arabic digits.
_SINGLE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?([?~%]?)")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

PRECISION_DAY = "day"
PRECISION_MONTH = "month"
PRECISION_YEAR = "year"


class DateError(ValueError):
    """A string that is not an EDTF date of the supported subset."""


def _quoted(text: str, limit: int = 80) -> str:
    """The value as messages quote it: JSON escapes (no raw controls), cut to `limit`."""
    return json.dumps(clip(text, limit), ensure_ascii=False)


@attrs.frozen
class Point:
    """One calendar date at day, month or year precision, possibly uncertain/approximate."""

    year: int
    month: int | None = None
    day: int | None = None
    qualifier: str = ""  # "", "?", "~" or "%"

    @property
    def precision(self) -> str:
        if self.day is not None:
            return PRECISION_DAY
        if self.month is not None:
            return PRECISION_MONTH
        return PRECISION_YEAR

    @property
    def lower(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def upper(self) -> dt.date:
        if self.day is not None:
            return dt.date(self.year, self.month or 1, self.day)
        if self.month is not None:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, 12, 31)

    def display(self) -> str:
        if self.day is not None and self.month is not None:
            text = f"{self.day} {_MONTHS[self.month - 1]} {self.year}"
        elif self.month is not None:
            text = f"{_MONTHS[self.month - 1]} {self.year}"
        else:
            text = str(self.year)
        if self.qualifier in ("~", "%"):
            text = f"about {text}"
        if self.qualifier in ("?", "%"):
            text = f"{text}?"
        return text


@attrs.frozen
class EDTF:
    """A parsed EDTF value: a single point, or an interval whose ends may be open or unknown."""

    text: str
    start: Point | None
    end: Point | None = None
    is_interval: bool = False
    open_start: bool = False  # "../X": no lower bound
    open_end: bool = False  # "X/..": no upper bound

    @property
    def lower(self) -> dt.date:
        """Earliest day the date can mean (date.min for an open or unknown start)."""
        return self.start.lower if self.start is not None else dt.date.min

    @property
    def upper(self) -> dt.date:
        """Latest day the date can mean (date.max for an open or unknown end)."""
        last = self.end if self.is_interval else self.start
        return last.upper if last is not None else dt.date.max

    @property
    def precision(self) -> str:
        if not self.is_interval and self.start is not None:
            return self.start.precision
        return "interval"

    def display(self) -> str:
        if not self.is_interval:
            assert self.start is not None
            return self.start.display()
        start, end = self.start, self.end
        if start is None and end is not None:
            return f"before {end.display()}" if self.open_start else f"? – {end.display()}"
        if end is None and start is not None:
            return f"after {start.display()}" if self.open_end else f"{start.display()} – ?"
        assert start is not None and end is not None
        if (
            start.precision == end.precision == PRECISION_DAY
            and not start.qualifier
            and not end.qualifier
            and start.lower.weekday() == 0
            and (end.lower - start.lower).days == 6
        ):
            return f"week of {start.display()}"
        return f"{start.display()} – {end.display()}"


def _point(text: str) -> Point:
    match = _SINGLE.fullmatch(text)
    if match is None:
        raise DateError(
            f"{_quoted(text)} is not an EDTF date (expected YYYY, YYYY-MM or YYYY-MM-DD)"
        )
    year_s, month_s, day_s, qualifier = match.groups()
    year = int(year_s)
    month = int(month_s) if month_s else None
    day = int(day_s) if day_s else None
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"{_quoted(text)}: month {month} is not 1-12")
    if day is not None:
        assert month is not None
        last = calendar.monthrange(year, month)[1] if year > 0 else 31
        if not 1 <= day <= last:
            raise DateError(f"{_quoted(text)}: day {day} does not exist in {year}-{month:02d}")
    if year == 0:
        raise DateError(f"{_quoted(text)}: year 0000 is outside the supported range")
    return Point(year, month, day, qualifier)


@lru_cache(maxsize=65536)
def parse(text: str) -> EDTF:
    """Parse an EDTF string of the supported subset; raise DateError with the reason."""
    if "/" not in text:
        return EDTF(text, _point(text))
    if text.count("/") != 1:
        raise DateError(f'{_quoted(text)}: an interval has exactly one "/"')
    left, right = text.split("/")
    open_start = left == ".."
    open_end = right == ".."
    start = None if left in ("", "..") else _point(left)
    end = None if right in ("", "..") else _point(right)
    if start is None and end is None:
        raise DateError(f"{_quoted(text)}: an interval needs at least one known end")
    if start is not None and end is not None and start.lower > end.upper:
        raise DateError(f"{_quoted(text)}: the interval ends before it starts")
    return EDTF(text, start, end, True, open_start, open_end)


def is_valid(text: str) -> bool:
    try:
        parse(text)
    except DateError:
        return False
    return True


def sort_key(text: str) -> tuple[int, int, int]:
    """Events sort by lower bound then upper bound; unknown dates ("" or invalid) last."""
    if not text:
        return (1, 0, 0)
    try:
        value = parse(text)
    except DateError:
        return (1, 0, 0)
    return (0, value.lower.toordinal(), value.upper.toordinal())


def display(text: str) -> str:
    """A human label for an EDTF string: "4 Feb 2020", "week of 27 Jan 2020", "undated"."""
    if not text:
        return "undated"
    try:
        return parse(text).display()
    except DateError:
        return text


def day(value: dt.date) -> str:
    return value.isoformat()


def interval(start: dt.date, end: dt.date) -> str:
    return f"{start.isoformat()}/{end.isoformat()}"


_ISO_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:$|[T ])")
#: The number of each month name and abbreviation, lower case: every reader of written dates
#: (review dates here, the extractor's date phrases) reads month names with this one table.
MONTH_NUMBERS = {name: number for number, names in enumerate(
    ("jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july",
     "aug august", "sep sept september", "oct october", "nov november", "dec december"),
    start=1) for name in names.split()}  # fmt: skip
#: A year written out in full (four digits, not part of a longer number): a date without one
#: is relative ("3 days ago", "Tuesday") and is no review date for the import or the library.
FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_DAY_MONTH_YEAR = re.compile(r"([0-9]{1,2}) ([a-z]+)\.?,? ([0-9]{4})")
_MONTH_DAY_YEAR = re.compile(r"([a-z]+)\.? ([0-9]{1,2}),? ([0-9]{4})")


def written_day(text: str) -> str:
    """The ISO day of "2015-05-26", "26 May 2015" or "May 26, 2015", else "".

    The common shapes of review dates, read without dateparser: a fact-check archive holds
    thousands of them, and dateparser costs about a millisecond each.
    """
    iso = _ISO_DAY.match(text)
    if iso:
        return _valid_day(*(int(part) for part in iso.groups()))
    lowered = " ".join(text.lower().split())
    spelled = _DAY_MONTH_YEAR.fullmatch(lowered)
    if spelled and spelled.group(2) in MONTH_NUMBERS:
        return _valid_day(
            int(spelled.group(3)), MONTH_NUMBERS[spelled.group(2)], int(spelled.group(1))
        )
    spelled = _MONTH_DAY_YEAR.fullmatch(lowered)
    if spelled and spelled.group(1) in MONTH_NUMBERS:
        return _valid_day(
            int(spelled.group(3)), MONTH_NUMBERS[spelled.group(1)], int(spelled.group(2))
        )
    return ""


def _valid_day(year: int, month: int, day_of_month: int) -> str:
    try:
        return dt.date(year, month, day_of_month).isoformat()
    except ValueError:
        return ""
