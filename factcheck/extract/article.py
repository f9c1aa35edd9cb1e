"""Reading an article: decode its bytes safely, find its date and dateline, split sentences.

Offsets are code points into the text exactly as `store.read_source` decodes the copied
source (UTF-8, BOM and CRLF kept), so every anchor made from them verifies.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

from factcheck.extract import temporal
from factcheck.extract.people import words

#: Articles larger than this are refused: no news article is this long, and a draft of a
#: multi-megabyte dump would be useless to review.
MAX_ARTICLE_BYTES = 1024 * 1024


class ArticleError(ValueError):
    """An input that cannot be read as an article; the message says why (without the name)."""


@attrs.frozen
class Sentence:
    start: int
    end: int
    paragraph: int


@attrs.frozen
class Article:
    text: str
    date: dt.date | None
    #: Span of the line that gave the date (the dateline); never read as an event.
    dateline: tuple[int, int] | None
    sentences: tuple[Sentence, ...]
    #: Paragraph spans (start, end), in order.
    paragraphs: tuple[tuple[int, int], ...]

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence containing offset (the nearest one before it otherwise)."""
        low, high = 0, len(self.sentences) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if self.sentences[middle].start <= offset:
                low = middle
            else:
                high = middle - 1
        return low

    def paragraph_at(self, offset: int) -> int:
        """Index of the paragraph of the sentence containing offset."""
        return self.sentences[self.sentence_at(offset)].paragraph


def decode(data: bytes) -> str:
    """The article text; ArticleError for empty, binary, non-UTF-8 or oversized input."""
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleError(
            f"is {len(data):,} bytes; extract reads articles up to {MAX_ARTICLE_BYTES:,} bytes"
        )
    if not data.strip():
        raise ArticleError("is empty: there is no text to extract from")
    if b"\x00" in data:
        raise ArticleError("contains NUL bytes: it looks like a binary file, not an article")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ArticleError(
            f"is not UTF-8 text (invalid byte at offset {error.start}); convert it first, "
            "e.g. `iconv -f windows-1252 -t utf-8`"
        ) from None
    controls = sum(1 for char in text[:4096] if ord(char) < 32 and char not in "\t\r\n\f")
    if controls > 8:
        raise ArticleError("contains control characters: it looks like a binary file")
    return text


#: A dateline opening a paragraph: "CHICAGO — ", "LONDON, Oct 14 (Reuters) - ",
#: "NEWARK, N.J. _ ", "NAIROBI, Kenya (AP) _". Possessive quantifiers over disjoint classes
#: keep the match linear on hostile text (a capital and a long run of spaces).
BODY_DATELINE = re.compile(
    r"(?<![\w.'’ -])[A-Z][A-Z.'’]++(?:[ -][A-Z][A-Z.'’]*+)*+"
    rf"(?:,[ ]++(?:{temporal.MONTH}[ ]++\d{{1,2}}(?:,[ ]++\d{{4}})?+"
    r"|[A-Z][A-Za-z.]*+(?:[ ][A-Z][A-Za-z.]*+)?+))?+"
    r"[ \t]*+(?:\([^()\n]{0,40}+\)[ \t]*+)?+[-—–_]++[ \t]*+"
)


def strip_dateline(words: str) -> str:
    """The words without a wire dateline at their start."""
    match = BODY_DATELINE.match(words)
    return words[match.end() :] if match else words


_DATE_LINE = re.compile(r"^\ufeff?[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})\b[^\n]*", re.IGNORECASE)
_PUBLISHED = re.compile(
    r"^[ \t]*+(?:published|posted|date|updated)(?:[ \t]++on)?+[ \t]*+(?::[ \t]*+)?+(.{6,60})$",
    re.IGNORECASE | re.MULTILINE,
)
_ABSOLUTE = frozenset({"iso", "month-day-year", "day-month-year"})
_HEAD_CHARS = 800


def article_date(text: str) -> tuple[dt.date | None, tuple[int, int] | None]:
    """The publication date and the span of the line that gave it.

    Looked for only at the head of the article: a `date YYYY-MM-DD` first line, a
    "Published: ..." line, or a short line holding a full date (a dateline).
    """
    first = _DATE_LINE.match(text)
    if first:
        try:
            return dt.date.fromisoformat(first.group(1)), (first.start(), first.end())
        except ValueError:
            pass
    head = text[:_HEAD_CHARS]
    candidates: list[tuple[int, int, int, dt.date]] = []
    for match in _PUBLISHED.finditer(head):
        found = _full_date(match.group(1))
        if found is not None:
            rank = 1 if match.group().strip().lower().startswith("updated") else 0
            candidates.append((rank, match.start(), match.end(), found))
    if not candidates:
        for line in re.finditer(r"^[^\n]{0,100}$", head, re.MULTILINE):
            words = line.group().strip()
            if not words or (words.endswith(".") and len(words.split()) > 8):
                continue
            found = _full_date(words)
            if found is not None:
                candidates.append((2, line.start(), line.end(), found))
                break
    if not candidates:
        return None, None
    _rank, start, end, found = min(candidates)
    return found, (start, end)


def _full_date(words: str) -> dt.date | None:
    """A date given with day, month and year (a dateline never needs the article date)."""
    for phrase in temporal.find(words):
        if phrase.kind not in _ABSOLUTE:
            continue
        resolved = temporal.Resolver(None).resolve(phrase, "past")
        if len(resolved) == 10:
            return dt.date.fromisoformat(resolved)
    return None


# --- sentences ---------------------------------------------------------------------------

_ABBREVIATIONS = words(
    "mr mrs ms dr sen rep gov gen lt col capt sgt st jan feb mar apr jun jul aug sep sept oct "
    "nov dec inc co corp ltd jr sr no vs etc ave blvd dept prof ald supt u.s a.m p.m e.g i.e "
    "u.k u.n d.c"
)
_END = re.compile(r"[.!?][\"'”’)]*+(?=\s++[\"'“‘(`]{0,2}+[A-Z0-9])|[.!?][\"'”’)]*+$")
_PARAGRAPH = re.compile(r"[^\r\n]+")
_LAST_WORD = re.compile(r"(?<![\w.])[\w.]++$")


def split(text: str) -> tuple[tuple[Sentence, ...], tuple[tuple[int, int], ...]]:
    """Sentences and paragraphs (one paragraph a line) as offset spans."""
    sentences: list[Sentence] = []
    paragraphs: list[tuple[int, int]] = []
    for line in _PARAGRAPH.finditer(text):
        start, end = line.start(), line.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            continue
        number = len(paragraphs)
        paragraphs.append((start, end))
        begin = start
        for stop in _END.finditer(text, start, end):
            # The word before the stop, read from a short window (linear in the paragraph).
            word = _LAST_WORD.search(text, max(begin, stop.start() - 12), stop.start())
            token = word.group().lower() if word else ""
            if stop.group()[0] == "." and (
                token in _ABBREVIATIONS or re.fullmatch(r"[a-z]", token)
            ):
                continue
            sentences += _chunks(text, begin, stop.end(), number)
            begin = stop.end()
            while begin < end and text[begin].isspace():
                begin += 1
        if begin < end:
            sentences += _chunks(text, begin, end, number)
    return tuple(sentences), tuple(paragraphs)


#: Longer "sentences" (lists, scraped junk without full stops) are cut at whitespace so that
#: titles, anchors and tense windows stay small: work stays linear in the article's length.
MAX_SENTENCE = 1000


def _chunks(text: str, start: int, end: int, paragraph: int) -> list[Sentence]:
    pieces = []
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        pieces.append(Sentence(start, cut, paragraph))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        pieces.append(Sentence(start, end, paragraph))
    return pieces


def read(text: str, date: dt.date | None = None) -> Article:
    """An article from decoded text; `date` (from --date) overrides the one in the text."""
    found, dateline = article_date(text)
    sentences, paragraphs = split(text)
    return Article(text, date or found, dateline, sentences, paragraphs)
