"""Date phrases: our own finder (regexes), resolved with dateparser against the article date.

`dateparser.search_dates` reads "we" and "may" as dates and misses "last week", so we find the
phrases ourselves with patterns that only fire on real date words, and hand dateparser just
those phrases. Resolution is cached per article, so a long article costs one parse per
distinct phrase.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import attrs

from factcheck import dates
from factcheck.extract.people import words

_MONTH_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_MONTH_ABBR = r"Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?"
MONTH = rf"(?:{_MONTH_NAMES}|{_MONTH_ABBR})"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMBER = r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_UNIT = r"(?:day|week|month|year)s?"
_PREP = r"(?:(?i:on|in|since|by|until|till|during|from|through|before|after|of)\s+)"
_PART = r"(?:(?i:early|late|mid-|mid|earlier|later)\s*(?:in\s+)?)"
# A word boundary that also refuses money, percentages, digits and hyphenated numbers.
_NOT_AFTER = r"(?![\d%]|\s?(?:percent|per cent)\b|-\d|,\d)"
_NOT_BEFORE = r"(?<![\w$€£.,/-])"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_TENS_OR_TEENS = (
    "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
    "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|oh[\\s-]+(?:" + _UNITS + ")"
)

#: Every date phrase we recognise; alternatives are ordered longest first.
_PATTERNS: list[tuple[str, str]] = [
    ("iso", rf"{_NOT_BEFORE}(?:{_PREP})?\d{{4}}-\d{{2}}-\d{{2}}\b{_NOT_AFTER}"),
    (
        "month-day-year",
        rf"\b(?:{_PREP})?(?:{_WEEKDAY},?\s+)?{MONTH}\s+{_DAY},?\s+{_YEAR}\b{_NOT_AFTER}",
    ),
    (
        "day-month-year",
        rf"\b(?:{_PREP})?(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{MONTH},?\s+{_YEAR}\b"
        rf"{_NOT_AFTER}",
    ),
    ("month-year", rf"\b(?:{_PREP})?{_PART}?{MONTH},?\s+(?:of\s+)?{_YEAR}\b{_NOT_AFTER}"),
    (
        "month-day",
        rf"\b(?:{_PREP})?(?:(?i:last|next|this)\s+)?(?:{_WEEKDAY},?\s+)?{MONTH}\s+{_DAY}\b"
        r"(?![,.]?\d|%|:\d)",
    ),
    ("day-month", rf"\b(?:{_PREP})?(?:the\s+)?{_DAY}\s+(?:of\s+)?{MONTH}(?![\w])"),
    (
        "decade",
        r"\b(?:(?i:in|during|since|by|through|of)\s+)?(?:the\s+)?(?:(?:early|mid-|mid|late)\s*)?"
        r"(?:1[6-9]\d0|20\d0)s\b|\b(?:(?i:in)\s+)?the\s+(?:early\s+|mid-|late\s+)?['’]\d0s\b",
    ),
    (
        "relative-unit",
        rf"\b(?i:(?:last|next|this|past|coming|previous)\s+(?:week(?:end)?|month|year)|"
        rf"(?:earlier|later)\s+(?:this|that|last|next)\s+(?:week|month|year)|"
        rf"{_NUMBER}\s+{_UNIT}\s+ago|"
        rf"the\s+(?:previous|following)\s+(?:week|month|year))\b",
    ),
    (
        "quarter",
        rf"\b(?:(?i:in|during|for|since|by|through)\s+)?(?:(?i:the)\s+)?"
        rf"(?i:first|second|third|fourth|final|1st|2nd|3rd|4th)[\s-]+(?:(?i:quarter)"
        rf"(?:(?:\s+of|,)?\s+{_YEAR})?|(?i:half)(?:\s+of|,)?\s+{_YEAR})\b|\bQ[1-4](?:\s+{_YEAR})?\b",
    ),
    (
        "year-range",
        rf"\b(?i:between|from)\s+{_YEAR}\s+(?i:and|to|until|through)\s+{_YEAR}\b"
        rf"|(?<![\w$-]){_YEAR}\s*[–-]\s*{_YEAR}\b",
    ),
    ("decades-ago", rf"\b{_NUMBER}\s+(?i:decades?)\s+(?i:ago)\b"),
    (
        "end-of",
        r"\b(?i:by|at|before|until|around|toward|towards|near)\s+the\s+end\s+of\s+"
        r"(?i:the|this|next|last)\s+(?i:year|month)\b",
    ),
    ("new-year", r"\b(?i:in|into|after)\s+the\s+new\s+year\b"),
    (
        "season",
        r"\b(?:(?i:last|next|this|past|coming|in|during|since|by|until|early|late)\s+(?:the\s+)?"
        r"(?:(?i:early|late)\s+)?)?(?i:spring|summer|fall|autumn|winter)(?:\s+of)?\s+"
        rf"{_YEAR}\b|\b(?i:last|next|this|past|coming)\s+(?i:spring|summer|fall|autumn|winter)\b"
        r"|\b(?i:in|during|by|until|over|through)\s+the\s+(?i:spring|summer|fall|autumn|winter)\b",
    ),
    (
        "weekday",
        rf"\b(?:(?i:on|last|next|this|this\s+past|this\s+coming|coming|since|by|until|before|"
        rf"after)\s+)?{_WEEKDAY}\b(?!s\b)",
    ),
    (
        "deictic",
        # "today's youth" is the young of our time, not of the article's day
        r"\b(?i:yesterday|today(?!['’]s\s++(?i:youth|young|children|kids|generation|world|"
        r"society|teenagers|students|parents|families)\b)|tomorrow|tonight|last\s+night)\b",
    ),
    (
        "anaphoric",
        rf"\b(?i:the\s+(?:previous|preceding|following)\s+){_WEEKDAY}\b"
        rf"|\b(?i:(?:a|one|two|three|four|five|six|seven|\d)\s+(?:day|week)s?\s+(?:earlier|later)"
        r"|the\s+(?:next|following|previous)\s+day|the\s+day\s+(?:before|after)(?=\s*+[,.;:]))\b",
    ),
    (
        "time-of-day",
        r"\b(?i:at)\s++(?:(?i:about|around|approximately)\s++)?+"
        r"(?:\d{1,2}(?::\d{2})?\s?(?:a\.m\.?|p\.m\.?)|(?i:midday|noon|midnight)"
        r"|\d{1,2}\s++(?:(?i:in\s++the\s++(?:morning|afternoon|evening))|(?i:o['’]clock)))(?!\w)",
    ),
    (
        "holiday",
        r"\b(?:(?i:last|next|this|on)\s+)?(?:Thanksgiving(?:\s+Day)?|Election\s+Day|"
        r"Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]s\s+(?:Day|Eve)|Independence\s+Day|"
        r"Fourth\s+of\s+July|Memorial\s+Day|Labor\s+Day|Veterans\s+Day|Halloween)\b",
    ),
    (
        "spelled-year",
        rf"\b(?i:in|since|by|until|of|during|from|before|after)\s+(?i:nineteen|twenty)"
        rf"[\s-]+(?:(?i:hundred)[\s-]+(?:(?i:and)\s+)?)?(?i:{_TENS_OR_TEENS})"
        rf"(?:[\s-]+(?i:{_UNITS}))?\b",
    ),
    (
        "month",
        rf"\b(?:(?i:in|since|until|by|during|last|next|this|before|after)\s+"
        rf"(?:(?i:early|late)\s+|(?i:mid-))?|(?i:early|late)\s+|(?i:mid-)){MONTH}\b(?!\.?\s+\d)"
        # A month naming a noun ("a January vote"); months that are also names or verbs
        # (April, May, June, March, August) are left out.
        r"|\b(?:January|February|July|September|October|November|December)"
        r"(?=\s+(?!said|says|told|and|or|to|of|in|on|at|was|is|will|has|had)[a-z]{3,})",
    ),
    (
        "year",
        rf"(?:\b(?i:in|since|by|until|till|from|during|before|after|through|of|early|late|mid-)"
        rf"\s+(?:the\s+)?(?:(?:early|late|mid-)\s*)?{_YEAR}\b(?!['’]?s\b){_NOT_AFTER}"
        rf"|\b(?i:a|the|its|their|his|her)\s+{_YEAR}(?=\s+[a-z])(?!\s+(?:percent|per)\b))",
    ),
]
#: Where a date phrase can start: a digit, a capital, or one of these words. Checked first,
#: so the long alternation below is tried at few positions (the finder stays linear and fast).
_FIRST_WORDS = (
    r"on|in|at|since|by|until|till|during|from|through|before|after|of|early|late|mid|earlier|"
    r"later|last|next|this|past|coming|previous|the|a|an|its|their|his|her|yesterday|today|"
    r"tomorrow|tonight|spring|summer|fall|autumn|winter|one|two|three|four|five|six|seven|over|"
    r"eight|nine|ten|eleven|twelve|between|first|second|third|fourth|final|1st|2nd|3rd|4th|\d"
)
_FINDER = re.compile(
    rf"(?<![\w'’])(?=\d|[A-Z]|(?i:{_FIRST_WORDS})\b)(?:"
    + "|".join(f"(?P<{name.replace('-', '_')}>{body})" for name, body in _PATTERNS)
    + ")"
)

#: Phrase kinds whose meaning depends on the article date.
RELATIVE_KINDS = frozenset(
    {
        "month-day",
        "day-month",
        "relative-unit",
        "weekday",
        "deictic",
        "month",
        "season",
        "quarter",
        "end-of",
        "new-year",
        "decades-ago",
        "holiday",
    }
)
_DAY_KINDS = frozenset({"month-day", "day-month", "month-day-year", "day-month-year", "iso"})
_WEEK_OF = re.compile(r"\b(?:(?i:the|that|this)\s+)?(?i:week)\s+(?:(?i:of)\s+)?$")
#: "April 24 and 25." (a number that ends its clause: not "April 24 and 25 people").
_SECOND_DAY = re.compile(rf"(?<!\s)\s++(?:and|or|&)\s++({_DAY})(?=[ \t]*+[,.;:)]|\s*+$)")
_DAY_NEXT_TO = re.compile(r"\b(?:(?i:the)\s+)?(?i:day)\s+((?i:before|after))\s+$")
_DAY_BEFORE_SHIFT = re.compile(r"\b(?:(?i:the)\s+)?(?i:day)\s+$")
#: Kinds made of another kind and a shift: "week-of-month-day", "day-before-weekday".
_SHIFTED = re.compile(r"^(?:week-of|day-before|day-after)-")
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}
_ORDINALS |= {"fourth": 4, "4th": 4, "final": 4}
_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
#: Words after a bare weekday that keep it a date ("Tuesday night", "said Tuesday that ...");
#: any other lowercase word makes it a modifier ("Sunday hours"), not a date.
_WEEKDAY_FOLLOWERS = words(
    "night morning afternoon evening that and to at in on when after before for the a an as "
    "with but he she they it its his her their we i or from by about over of amid against "
    "during into under near outside inside across"
)

#: A verb right after a bare weekday keeps it a date ("the court Thursday refused").
_VERB_AFTER_WEEKDAY = re.compile(
    r"(?<!\w)(?:\w{2,}ed|\w{3,}ing|\w{3,}ly|was|were|is|are|will|would|could|can|may|might|had|has|have|said|"
    r"says|told|met|took|made|gave|went|came|began|found|won|lost|spoke|wrote|held|sent|"
    r"left|led|set|put|cut|hit|let|saw|became|brought|kept|paid|ran|sold|struck|"
    r"threw|overturned|rejected|ordered)"
)
_FUTURE = re.compile(
    r"\b(?:will|won't|shall|'ll|going to|plans? to|planning to|planned|plans|scheduled|set to|"
    r"expected to|should|postponed|delayed|deadline|as soon as|until|"
    r"expects?|(?:is|are|now|still)\s+expected|intends? to|is to|are to|upcoming|would|"
    r"could|might|(?-i:may)|due to|"
    r"set for|slated|expires?|begins|starts|ends|opens|closes|meets|takes effect|starting|"
    r"beginning|"
    r"effective)\b",
    re.IGNORECASE,
)
#: A participle after these is not a past-tense verb ("will stay closed", "to be held").
_NOT_PAST_AFTER = words("will would shall could might may can to be been being stay remain 'll")
_PAST = re.compile(
    r"\b(?:said|told|was|were|had|did|didn't|wasn't|weren't|met|held|took|made|gave|went|came|"
    r"began|found|won|lost|spoke|wrote|ago|set(?=\s+(?:on|in)\b)|\w{2,}(?<!e)ed)\b",
    re.IGNORECASE,
)
#: "had called", "had not been": a wait that ended before the story ("Until Thursday,
#: they had not called him a suspect").
_PAST_PERFECT = re.compile(r"\b(?i:had(?:\s+(?:not|never|already))?\s+\w+|hadn['’]t)\b")
_SUBORDINATE = re.compile(
    r"(?<!\s)\s*+,\s*+(?i:when|while|as|after|before|if|because|although|though|since|where|once)\b"
)
_CLAUSE_BREAK = re.compile(r"[,;:()\"“”]|\bthat\b|\bwhich\b|\band\b|\bbut\b")
_LEADING = re.compile(
    r"^(?:(?:on|in|since|by|until|till|during|from|through|before|after|of|the|this\s+past|"
    r"this\s+coming|coming|a|an|its|their|his|her|starting|beginning)\s+)+",
    re.IGNORECASE,
)
_WORD_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@attrs.frozen
class DatePhrase:
    """A date phrase found in the text, with its resolution ("" when it cannot be resolved)."""

    start: int
    end: int
    text: str
    kind: str
    date: str = ""
    tense: str = "past"


def base_kind(kind: str) -> str:
    """The kind of the date a phrase is given from: "day-before-weekday" -> "weekday"."""
    return _SHIFTED.sub("", kind)


def find(text: str, start: int = 0, end: int | None = None) -> list[DatePhrase]:
    """Every date phrase in text[start:end], without resolution."""
    found = []
    for match in _FINDER.finditer(text, start, len(text) if end is None else end):
        kind = (match.lastgroup or "").replace("_", "-")
        if kind == "weekday" and " " not in match.group().strip():
            following = re.match(r"(['’]s)?\s+([a-z]+)", text[match.end() : match.end() + 20])
            before = text[max(0, match.start() - 8) : match.start()]
            determiner = re.search(r"\b(?i:its|his|her|their)\s+$", before) or (
                re.search(r"\b(?i:the)\s+$", before)
                and following is not None
                and following.group(2).endswith("s")  # "the Friday explosions"
            )
            if (
                following
                and not following.group(1)
                and not determiner  # "in its Friday issue", "the Friday explosions"
                and following.group(2) not in _WEEKDAY_FOLLOWERS
                and not _VERB_AFTER_WEEKDAY.fullmatch(following.group(2))
            ):
                continue  # "Sunday school"; but "forces Thursday launched", "Friday's edition"
        begin = match.start()
        week = _WEEK_OF.search(text, max(0, begin - 16), begin) if kind in _DAY_KINDS else None
        if week is not None:  # "the week of 4 April" is that week, Monday to Sunday
            begin, kind = week.start(), f"week-of-{kind}"
        elif kind in _DAY_KINDS or kind == "weekday":
            # "the day before last Tuesday's hearing" is the Monday; "the day after Jan. 3"
            # (whose "after" the date's own pattern took) the 4th
            shift = re.match(r"(?i:before|after)\b", match.group())
            next_to = (
                _DAY_BEFORE_SHIFT.search(text, max(0, begin - 12), begin)
                if shift
                else _DAY_NEXT_TO.search(text, max(0, begin - 20), begin)
            )
            if next_to is not None:
                way = (shift.group() if shift else next_to.group(1)).lower()
                begin, kind = next_to.start(), f"day-{way}-{kind}"
        found.append(DatePhrase(begin, match.end(), text[begin : match.end()], kind))
        second = _SECOND_DAY.match(text, match.end()) if kind == "month-day" else None
        if second is not None:  # "on April 24 and 25": the 25th is a date of its own
            found.append(DatePhrase(second.start(1), second.end(1), second.group(1), "and-day"))
    return found


def and_day(previous: str, words: str) -> str:
    """The day of "and 25" after "April 24": the previous date's month, this day."""
    try:
        day = int(re.sub(r"\D", "", words))
        return dt.date.fromisoformat(previous).replace(day=day).isoformat()
    except ValueError:
        return ""


#: How far back a phrase's clause is read (a clause is rarely longer; bounds the work).
_CLAUSE_WINDOW = 300


def tense_at(text: str, start: int, end: int, sentence_start: int) -> str:
    """'future', 'past' or '' (no verb to tell) from the verb nearest the phrase in its clause.

    "said on Tuesday" is the Tuesday before; "will vote on Tuesday" the one after. The clause
    is cut at commas, quotes, "that", "and": a future verb elsewhere in the sentence does not
    move a date that a past verb governs.
    """
    before = text[max(sentence_start, start - _CLAUSE_WINDOW) : start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    clause = before[breaks[-1].end() :] if breaks else before
    after = re.split(r"[.!?](?:\s|$)", text[end : end + 120], maxsplit=1)[0]
    if not _SUBORDINATE.match(after):
        # A fronted date's comma does not end its clause: "On Tuesday, the league plans to
        # …" (but "On Friday, when she set aside her plans, …" leads to another clause).
        after = re.sub(r"^\s*,", "", after)
    after = after[: _clause_end(after)]
    if re.match(r"(?i:until|till|as soon as)\s", text[start : start + 12]) and not (
        _PAST_PERFECT.search(clause) or _PAST_PERFECT.search(after)
    ):
        return "future"  # "until Tuesday", the end of a wait; not "until Tuesday, they had"
    tense = _verb_tense(clause)
    if tense:
        return tense
    if breaks and breaks[-1].group() == "(":
        # "will leave at 4 in the morning (4 a.m. EDT Thursday)": the aside takes the tense
        # of the clause it explains.
        outer = before[: breaks[-1].start()]
        outer_breaks = list(_CLAUSE_BREAK.finditer(outer))
        tense = _verb_tense(outer[outer_breaks[-1].end() :] if outer_breaks else outer)
        if tense:
            return tense
    first_future = _FUTURE.search(after)
    first_past = _PAST.search(after)
    if first_future and (not first_past or first_future.start() < first_past.start()):
        return "future"
    return "past" if first_past else ""


#: Days ahead within which a yearless date is the coming one even in past narration.
_SOON = 62


def _clause_end(words: str) -> int:
    """Where the clause at the start of words ends; an "and" inside a name ("the Abortion
    and Reproductive Rights League") does not end it."""
    for match in _CLAUSE_BREAK.finditer(words):
        inside_name = (
            match.group() == "and"
            and re.search(r"[A-Z]\w*\s+$", words[: match.start()])
            and re.match(r"\s+[A-Z]", words[match.end() :])
        )
        if not inside_name:
            return match.start()
    return len(words)


def _verb_tense(clause: str) -> str:
    """'future', 'past' or '' from the last tense marker of a clause."""
    futures = list(_FUTURE.finditer(clause))
    markers = [(m.start(), 1, "future") for m in futures]
    for m in _PAST.finditer(clause):
        previous = clause[: m.start()].split()[-2:]
        inside_future = any(f.start() <= m.start() < f.end() for f in futures)
        if not inside_future and not any(word.lower() in _NOT_PAST_AFTER for word in previous):
            markers.append((m.start(), 0, "past"))
    return max(markers)[2] if markers else ""


class Resolver:
    """Resolves date phrases of one article; dateparser parsers and results cached here."""

    def __init__(self, article_date: dt.date | None):
        self.article_date = article_date
        self._parsers: dict[str, Any] = {}
        self._cache: dict[tuple[str, str, str], str] = {}

    def resolve(self, phrase: DatePhrase, tense: str) -> str:
        """The EDTF date of a phrase, or "" when it is relative and there is no article date."""
        if phrase.kind.startswith(("day-before-", "day-after-")):
            inner = re.sub(r"^(?i:the\s+)?(?i:day)\s+\w+\s+", "", phrase.text)
            day = self.resolve(attrs.evolve(phrase, text=inner, kind=base_kind(phrase.kind)), tense)
            if len(day) != 10:
                return ""
            shift = -1 if phrase.kind.startswith("day-before-") else 1
            return (dt.date.fromisoformat(day) + dt.timedelta(days=shift)).isoformat()
        if phrase.kind.startswith("week-of-"):
            inner = re.sub(r"^(?i:(?:the|that|this)\s+)?week\s+", "", phrase.text)
            day = self.resolve(attrs.evolve(phrase, text=inner, kind=phrase.kind[8:]), tense)
            if len(day) != 10:
                return day
            monday = dt.date.fromisoformat(day) - dt.timedelta(
                days=dt.date.fromisoformat(day).weekday()
            )
            return dates.interval(monday, monday + dt.timedelta(days=6))
        key = (phrase.kind, _normalized(phrase.text), tense)
        if key not in self._cache:
            self._cache[key] = self._resolve(phrase.kind, key[1], tense)
        resolved = self._cache[key]
        if phrase.kind in ("year", "spelled-year") and re.match(r"(?i:since)\s", phrase.text):
            return f"{resolved}/.." if resolved else ""  # "since 1993": from then on
        return resolved

    def _resolve(self, kind: str, words: str, tense: str) -> str:
        if kind == "decade":
            return _decade(words)
        if kind == "year":
            return re.findall(r"\d{4}", words)[-1]
        if kind == "spelled-year":
            return _spelled_year(words)
        if kind == "year-range":
            first, last = re.findall(r"\d{4}", words)
            return f"{first}/{last}" if first <= last else ""
        if kind == "season" and re.search(r"\d{4}", words):
            return _season(words, dt.date(int(re.findall(r"\d{4}", words)[-1]), 7, 1), "this")
        if kind == "quarter" and re.search(r"\d{4}", words):
            return _quarter(words, dt.date(2000, 1, 1), "past")
        if kind in RELATIVE_KINDS and self.article_date is None:
            return ""
        base = self.article_date or dt.date(2000, 1, 1)
        if kind in ("iso", "month-day-year", "day-month-year", "month-year"):
            return _absolute(kind, words)
        ago = re.fullmatch(r"(\w+) (day|week|month|year)s? (?:ago|earlier|before)", words)
        if ago and ago.group(1) in _WORD_NUMBERS:
            words = f"{_WORD_NUMBERS[ago.group(1)]} {ago.group(2)}s ago"
        if kind == "weekday" and words in _WEEKDAYS and _WEEKDAYS.index(words) == base.weekday():
            return base.isoformat()  # "on Wednesday" in Wednesday's paper is that day
        if kind == "season":
            return _season(words, base, tense or "past")
        if kind == "quarter":
            return _quarter(words, base, tense)
        if kind == "end-of":
            shift = {"next": 1, "last": -1}.get(words.split()[-2], 0)
            if words.endswith("year"):
                return f"{base.year + shift:04d}"
            month = base.year * 12 + base.month - 1 + shift
            return f"{month // 12:04d}-{month % 12 + 1:02d}"
        if kind == "holiday":
            return _holiday(words, base, tense)
        if kind == "decades-ago":
            first = words.split()[0]
            count = int(first) if first.isdigit() else _WORD_NUMBERS.get(first, 1)
            return f"{base.year - 10 * count:04d}~"
        if kind == "new-year":
            return f"{base.year + 1 if base.month >= 10 else base.year:04d}"
        if words in ("tonight", "last night"):
            day = base if words == "tonight" else base - dt.timedelta(days=1)
            return day.isoformat()
        words = re.sub(r"^(?:earlier|later) (?:this|that) ", "this ", words)
        words = re.sub(r"^(?:earlier|later) (last|next) ", r"\1 ", words)
        words = re.sub(r"^(?:past|previous) (week|month|year)$", r"last \1", words)
        words = re.sub(r"^the previous (week|month|year)$", r"last \1", words)
        words = re.sub(r"^the following (week|month|year)$", r"next \1", words)
        words = re.sub(r"^coming (week|month|year)$", r"next \1", words)
        words = re.sub(r"\b(?:early|late|mid-?|earlier) ?", "", words).strip()
        weekend = words.endswith("weekend")
        if weekend:
            words = words.replace("weekend", "saturday")
        modifier = re.match(r"(last|next|this) ", words) if kind in ("month", "month-day") else None
        if modifier:
            words = words[modifier.end() :]
            tense = {"last": "past", "next": "future"}.get(modifier.group(1), "")
        if kind in ("month", "month-day", "day-month") and not modifier:
            # A date without its year is the occurrence the tense points at, unless that is
            # about a year away and the other one is within two months ("gave no reason for
            # the Jan. 14 deadline" on 5 January; "subpoenaed him to testify on Feb. 10" on
            # 7 January): news gives the year of a date that far back. With no verb to tell,
            # the last one unless the next is within six weeks.
            known = _occurrences(kind, words, base)
            past_day: dt.date | None
            future_day: dt.date | None
            if known is not None:
                past_day, future_day = known
            else:
                past = self._parser(base, "past").get_date_data(words).date_obj
                future = self._parser(base, "future").get_date_data(words).date_obj
                past_day = past.date() if past is not None else None
                future_day = future.date() if future is not None else None
            if past_day is not None and future_day is not None:
                back, ahead = (base - past_day).days, (future_day - base).days
                day_precise = kind != "month"
                if day_precise and tense == "past" and back > 300 and 0 <= ahead <= _SOON:
                    tense = "future"
                elif day_precise and tense == "future" and ahead > 300 and 0 <= back <= _SOON:
                    tense = "past"
                elif not tense:
                    tense = "future" if 0 < ahead <= 42 and ahead < back else "past"
                if known is not None:  # computed here: no dateparser call
                    chosen = future_day if tense == "future" else past_day
                    if kind == "month":
                        return f"{chosen.year:04d}-{chosen.month:02d}"
                    return chosen.isoformat()
        data = self._parser(base, tense or "past").get_date_data(words)
        if data.date_obj is None:
            return ""
        day = data.date_obj.date()
        period = data.period
        if weekend:
            return dates.interval(day, day + dt.timedelta(days=1))
        if kind == "month" and day.month == base.month and re.fullmatch(r"[a-z.]+", words):
            day = base  # "in February" in a February article is this February
        if period == "week":
            monday = day - dt.timedelta(days=day.weekday())
            return dates.interval(monday, monday + dt.timedelta(days=6))
        if period == "month":
            return f"{day.year:04d}-{day.month:02d}"
        if period == "year":
            return f"{day.year:04d}"
        return day.isoformat()

    def _parser(self, base: dt.date, tense: str) -> Any:
        parser = self._parsers.get(tense)
        if parser is None:
            from dateparser.date import DateDataParser

            parser = DateDataParser(
                languages=["en"],
                settings={
                    "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day, 12),
                    "PREFER_DATES_FROM": "future" if tense == "future" else "past",
                    "PREFER_DAY_OF_MONTH": "first",
                },
            )
            self._parsers[tense] = parser
        return parser


#: Words before a date that leave one end open: "since 1993" is `1993/..`, "before 2 Feb
#: 2020" is `../2020-02-02`. The value is the end of the date that bounds the interval.
OPEN_BOUNDS = {
    "since": "from-start",
    "from": "from-start",
    "after": "from-end",
    "before": "to-start",
    "until": "to-end",
    "till": "to-end",
    "by": "to-end",
}


def open_ended(preposition: str, value: str) -> str:
    """The EDTF interval a bounding preposition makes of a resolved date, else the date.

    `open_ended("since", "1993")` is `1993/..`; `open_ended("before", "2020-01-27/2020-02-02")`
    is `../2020-01-27` (before the week began). The resolver gives the date the words name;
    this is the step from "the date" to "since / before the date".
    """
    bound = OPEN_BOUNDS.get(preposition.lower())
    if bound is None or not value or ".." in value:
        return value
    first, _slash, last = value.partition("/")
    last = last or first
    return {
        "from-start": f"{first}/..",
        "from-end": f"{last}/..",
        "to-start": f"../{first}",
        "to-end": f"../{last}",
    }[bound]


def _occurrences(kind: str, words: str, base: dt.date) -> tuple[dt.date, dt.date] | None:
    """The last and the next occurrence (on or around the article date) of "oct 23",
    "23 october" or "october"; None when the words are another shape (dateparser reads them).

    A month is given by its first day; the article's own month is both its last and next.
    """
    match = re.fullmatch(r"([a-z]+)\.? (\d{1,2})|(\d{1,2}) ([a-z]+)\.?|([a-z]+)\.?", words)
    if match is None:
        return None
    name = match.group(1) or match.group(4) or match.group(5)
    month = dates.MONTH_NUMBERS.get(name)
    if month is None or (kind == "month") != bool(match.group(5)):
        return None
    if kind == "month":
        this = dt.date(base.year, month, 1)
        if month == base.month:
            return this, this
        past = this if month < base.month else dt.date(base.year - 1, month, 1)
        future = this if month > base.month else dt.date(base.year + 1, month, 1)
        return past, future
    day = int(match.group(2) or match.group(3))
    try:
        this = dt.date(base.year, month, day)
        past = this if this <= base else dt.date(base.year - 1, month, day)
        future = this if this >= base else dt.date(base.year + 1, month, day)
    except ValueError:  # 30 February, or 29 February in a common year
        return None
    return past, future


_SPELLED = {
    **{word: number for number, word in enumerate(_UNITS.split("|"), start=1)},
    **{
        "ten": 10,
        "eleven": 11,
        "twelve": 12,
        "thirteen": 13,
        "fourteen": 14,
        "fifteen": 15,
        "sixteen": 16,
        "seventeen": 17,
        "eighteen": 18,
        "nineteen": 19,
        "twenty": 20,
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
        "oh": 0,
    },
}


def _spelled_year(words: str) -> str:
    """ "nineteen ninety-seven" -> 1997, "twenty ten" -> 2010."""
    tokens = [token for token in re.split(r"[\s-]+", words) if token in _SPELLED]
    if len(tokens) < 2:
        return ""
    century, rest = _SPELLED[tokens[0]], sum(_SPELLED[token] for token in tokens[1:])
    year = century * 100 + rest
    return f"{year:04d}" if 1600 <= year <= 2099 and rest < 100 else ""


def _holiday_date(name: str, year: int) -> dt.date | None:
    def nth_weekday(month: int, weekday: int, nth: int) -> dt.date:
        first = dt.date(year, month, 1)
        shift = (weekday - first.weekday()) % 7
        if nth > 0:
            return first + dt.timedelta(days=shift + 7 * (nth - 1))
        last = dt.date(year, month + 1, 1) - dt.timedelta(days=1)
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)

    if "thanksgiving" in name:
        return nth_weekday(11, 3, 4)
    if "election" in name:
        return nth_weekday(11, 0, 1) + dt.timedelta(days=1)
    if "memorial" in name:
        return nth_weekday(5, 0, -1)
    if "labor" in name:
        return nth_weekday(9, 0, 1)
    fixed = {"christmas eve": (12, 24), "christmas": (12, 25), "new year's eve": (12, 31),
             "new year's day": (1, 1), "independence": (7, 4), "fourth of july": (7, 4),
             "veterans": (11, 11), "halloween": (10, 31)}  # fmt: skip
    for key, (month, day) in fixed.items():
        if key in name.replace("’", "'"):
            return dt.date(year, month, day)
    return None


def _holiday(words: str, base: dt.date, tense: str) -> str:
    """The last (or, in the future tense or with "next", the coming) occurrence of a holiday."""
    forward = words.startswith("next") or (tense == "future" and not words.startswith("last"))
    for year in (
        (base.year + 1, base.year, base.year - 1)
        if not forward
        else (base.year - 1, base.year, base.year + 1)
    ):
        day = _holiday_date(words, year)
        if day is not None and ((day > base) if forward else (day <= base)):
            return day.isoformat()
    return ""


def anaphoric(words: str, reference: dt.date) -> str:
    """A date given from the one the text last spoke of: "a day earlier", "the previous Friday"."""
    words = " ".join(words.lower().split())
    weekday = next((day for day in _WEEKDAYS if words.endswith(day)), "")
    if weekday:
        shift = (reference.weekday() - _WEEKDAYS.index(weekday)) % 7 or 7
        if words.startswith("the following"):
            shift = -((_WEEKDAYS.index(weekday) - reference.weekday()) % 7 or 7)
        return (reference - dt.timedelta(days=shift)).isoformat()
    count = re.match(r"(\w+) (day|week)", words)
    if count and (count.group(1).isdigit() or count.group(1) in _WORD_NUMBERS):
        number = (
            int(count.group(1))
            if count.group(1).isdigit()
            else _WORD_NUMBERS.get(count.group(1), 1)
        )
        days = number * (7 if count.group(2) == "week" else 1)
        days = -days if words.endswith("earlier") else days
    else:
        days = -1 if re.search(r"previous|before", words) else 1
    return (reference + dt.timedelta(days=days)).isoformat()


def _normalized(phrase: str) -> str:
    words = " ".join(phrase.lower().split())
    words = _LEADING.sub("", words)
    words = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", words)
    words = re.sub(r"^the (\d)", r"\1", words)
    return words.replace(" of ", " ")


def _quarter(words: str, base: dt.date, tense: str) -> str:
    """A quarter or half year as a month interval; without a year, the one the tense points at.

    Past: the latest such quarter begun by the article date ("profit fell in the fourth
    quarter" in February is last year's); future: the first one not yet over.
    """
    ordinal = re.search(r"q([1-4])|(first|second|third|fourth|final|1st|2nd|3rd|4th)", words)
    if ordinal is None:
        return ""
    number = int(ordinal.group(1)) if ordinal.group(1) else _ORDINALS[ordinal.group(2)]
    length = 6 if "half" in words else 3
    if length == 6 and number > 2:
        return ""
    first_month = length * (number - 1) + 1
    year_match = re.search(r"\d{4}", words)
    if year_match:
        year = int(year_match.group())
    elif tense == "future":
        year = base.year if base.month <= first_month + length - 1 else base.year + 1
    else:
        year = base.year if base.month >= first_month else base.year - 1
    return f"{year:04d}-{first_month:02d}/{year:04d}-{first_month + length - 1:02d}"


def _absolute(kind: str, words: str) -> str:
    """A date that spells out its year needs no reference date and no dateparser."""
    numbers = [int(number) for number in re.findall(r"\d+", words)]
    # The month is the first month name: "early february 2020", "tuesday, feb 4, 2020".
    month_word = next(
        (word for word in re.findall(r"[a-z]+", words) if word in dates.MONTH_NUMBERS), ""
    )
    try:
        if kind == "iso":
            return dt.date.fromisoformat(words).isoformat()
        month = dates.MONTH_NUMBERS[month_word] if month_word else 0
        if kind == "month-year":
            return f"{numbers[-1]:04d}-{month:02d}" if month else ""
        return dt.date(numbers[-1], month, numbers[0]).isoformat()
    except (ValueError, KeyError, IndexError):
        return ""


def _season(words: str, base: dt.date, tense: str) -> str:
    """A season as a month interval (EDTF seasons are outside the subset we read).

    "last summer" is the latest one over before the article date, "next spring" the first
    one starting after it; "this"/"in the" follow the clause's tense.
    """
    name = next(season for season in _SEASONS if season in words)
    first_month = _SEASONS[name]

    def span(year: int) -> tuple[dt.date, dt.date]:
        start = dt.date(year, first_month, 1)
        end_year, end_month = (year + 1, 2) if first_month == 12 else (year, first_month + 2)
        end = dt.date(end_year, end_month, 1)
        return start, end

    def edtf(year: int) -> str:
        start, end = span(year)
        return f"{start.year:04d}-{start.month:02d}/{end.year:04d}-{end.month:02d}"

    if re.search(r"\d{4}", words):
        return edtf(base.year)
    year = base.year
    if words.startswith(("last", "past")) or (not words.startswith("next") and tense == "past"):
        while span(year)[1] >= base.replace(day=1):
            year -= 1
        if words.startswith("this") or not words.startswith(("last", "past")):
            year = year if span(year + 1)[0] > base else year + 1
        return edtf(year)
    while span(year)[0] <= base:
        year += 1
    if words.startswith("this") or not words.startswith(("next", "coming")):
        year = year - 1 if span(year - 1)[1] >= base.replace(day=1) else year
    return edtf(year)


def _decade(words: str) -> str:
    match = re.search(r"(\d{1,3})0s", words.replace("'", "").replace("’", ""))
    if match is None:
        return ""
    digits = match.group(1)
    first = int(digits) * 10 if len(digits) == 3 else 1900 + int(digits[-1]) * 10
    low, high = first, first + 9
    if "early" in words:
        high = first + 3
    elif "mid" in words:
        low, high = first + 3, first + 6
    elif "late" in words:
        low = first + 6
    return f"{low:04d}/{high:04d}"
