"""ClaimReview in: JSON-LD as fact-checkers publish it, or a Fact Check Tools API response.

Input is untrusted: the file size is capped before reading, nesting depth is bounded by the
JSON parser (RecursionError becomes a message), every field is type-checked, and each
problem names the file, the item index and the field. A review that cannot become a claim
is skipped with a warning; a bad review URL (javascript:, data:...) is refused and the
claim is kept without it.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from factcheck import dates, model, store
from factcheck.interop.ratings import STATUS_LABELS, Ratings, normalize, stance_of
from factcheck.model import Claim, Event, Evidence, Publisher, Timeline
from factcheck.store import Problem

#: Larger files are refused before reading (a publisher's whole feed of tens of thousands of
#: reviews is a few MB); `factcheck import --max-mb` raises the limit.
MAX_IMPORT_BYTES = 32 * 1024 * 1024

_SHAPES = (
    'expected ClaimReview JSON-LD (an object with "@type": "ClaimReview", a list of them, '
    'or an object with "@graph") or a Fact Check Tools claims:search response (an object '
    'with "claims")'
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_ISO_START = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?=$|[T ])")
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")
_UNWRAP_LEVELS = 4


#: Written-out dates are read in these languages (the fact-checkers' most common ones).
DATE_LANGUAGES = ("en", "es", "fr", "de", "pt", "it", "nl")
_WRITTEN_DATE_CHARACTERS = 40
_YEAR_FIRST = re.compile(r"^\d{4}\D")
_UNREADABLE = "is not a date this tool reads"
_date_parser: Any = None


@functools.lru_cache(maxsize=4096)
def written_date(value: str) -> tuple[str, str]:
    """(EDTF date, "") for an absolute date as people write it ("11 May 2018", "May 2018"),
    else ("", why not). Strict: the year is spelled out, nothing relative ("yesterday",
    "3 days ago"), no timestamps, nothing in the future, no numeric day/month that could
    be read either way ("11/05/2018")."""
    value = value.strip()
    if len(value) > _WRITTEN_DATE_CHARACTERS or not dates.FOUR_DIGIT_YEAR.search(value):
        return "", _UNREADABLE
    if not any(character.isalpha() for character in value) and not _YEAR_FIRST.match(value):
        return "", "is ambiguous (day and month could be either way round); use YYYY-MM-DD"
    edtf = dates.written_day(value) or _parsed_date(value)
    if not edtf:
        return "", _UNREADABLE
    if dates.parse(edtf).lower > dt.date.today():
        return "", "is in the future"
    return edtf, ""


def _parsed_date(value: str) -> str:
    """The EDTF day, month or year dateparser reads in `value`, or ""."""
    global _date_parser
    if _date_parser is None:
        from dateparser.date import DateDataParser

        _date_parser = DateDataParser(
            languages=list(DATE_LANGUAGES),
            settings={"PARSERS": ["custom-formats", "absolute-time"], "REQUIRE_PARTS": ["year"]},
        )
    found = _date_parser.get_date_data(value)
    if found.date_obj is None:
        return ""
    day = found.date_obj.date()
    return {"year": f"{day.year:04d}", "month": f"{day.year:04d}-{day.month:02d}"}.get(
        found.period or "day", day.isoformat()
    )


class ImportFailed(Exception):
    """Nothing could be imported; `problems` say why, each naming the file."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@attrs.frozen
class Review:
    """One review, whatever its input shape, with plain-string fields."""

    where: str
    text: str
    claimant: str = ""
    claim_date: str = ""  # EDTF
    claim_date_text: str = ""  # the value as it stood in the input
    label: str = ""
    url: str = ""
    title: str = ""
    publisher_name: str = ""
    publisher_url: str = ""
    review_date: str = ""  # ISO day
    review_date_text: str = ""  # the review date as it stood in the input
    language: str = ""  # as the input gives it: "en", "English"...
    body: str = ""
    citations: tuple[tuple[str, str, str], ...] = ()  # (where, url, title)
    appearances: tuple[tuple[str, str], ...] = ()  # (where, url)


@attrs.frozen
class Imported:
    timeline: Timeline
    problems: tuple[Problem, ...]
    reviews: int  # reviews found in the file
    skipped: int  # reviews that did not become a claim


# --- reading -----------------------------------------------------------------------------


def read_json(path: Path, max_bytes: int = MAX_IMPORT_BYTES) -> Any:
    """The parsed JSON of a file, or ImportFailed with a message naming the file."""
    name = str(path)

    def fail(message: str) -> ImportFailed:
        return ImportFailed([Problem(name, message=message)])

    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise fail(
                f"the file is {size:,} bytes; the import limit is {max_bytes:,} bytes "
                "(raise it with --max-mb)"
            )
        # Bounded, regular files only: /dev/zero or a FIFO must not eat memory or block.
        data = store.read_limited(path, name, max_bytes)
    except ImportFailed:
        raise
    except store.LoadError as error:
        raise ImportFailed(error.problems) from None
    except IsADirectoryError:
        raise fail("is a folder, not a JSON file") from None
    except OSError as error:
        raise fail(f"cannot read: {error.strerror}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise fail(f"is not valid UTF-8 (byte {error.start}): not a JSON file") from None
    try:
        return json.loads(text)
    except RecursionError:
        raise fail("not JSON this tool reads: nested too deeply") from None
    except json.JSONDecodeError as error:
        raise ImportFailed(
            [Problem(name, message=f"not valid JSON: {error.msg} (column {error.colno})",
                     line=error.lineno)]
        ) from None  # fmt: skip
    except ValueError as error:  # e.g. an integer with too many digits
        raise fail(f"not valid JSON: {error}") from None


# --- JSON-LD value helpers -----------------------------------------------------------------


def _clean(text: str) -> str:
    """Lone surrogates (legal in JSON, not in UTF-8) become U+FFFD."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def _as_text(value: Any) -> str | None:
    """A string from a JSON-LD value: "x", {"@value": "x"} or the first of a list.

    Unwrapping stops after a few levels: a hostile file nested hundreds deep must not
    exhaust the stack after the parser accepted it.
    """
    for _ in range(_UNWRAP_LEVELS):
        if isinstance(value, str):
            return _clean(value)
        if isinstance(value, dict) and "@value" in value:
            value = value["@value"]
        elif isinstance(value, list) and value:
            value = value[0]
        else:
            return None
    return None


def _as_node(value: Any) -> dict[str, Any] | None:
    """An object from a JSON-LD value: {...} or the first object of a list."""
    for _ in range(_UNWRAP_LEVELS):
        if isinstance(value, dict):
            return value
        if not isinstance(value, list) or not value:
            return None
        value = value[0]
    return None


def _type_of(node: dict[str, Any]) -> set[str]:
    """Local names of @type: "ClaimReview", "schema:ClaimReview", "https://schema.org/...".."""
    raw = node.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return {re.split(r"[/:#]", value)[-1] for value in values if isinstance(value, str)}


_TYPE_NAMES = {str: "a string", int: "a number", float: "a number", bool: "a boolean",
               list: "a list", dict: "an object", type(None): "null"}  # fmt: skip


def _type_name(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), "a value")


class _Reader:
    """Collects warnings while turning one item into a Review."""

    def __init__(self, name: str):
        self.name = name
        self.problems: list[Problem] = []

    def warn(self, where: str, message: str) -> None:
        self.problems.append(Problem(self.name, where, message, severity="warning"))

    def text(self, node: dict[str, Any], key: str, where: str) -> str:
        """An optional string field; a value of the wrong type is reported and ignored."""
        if key not in node or node[key] is None:
            return ""
        value = _as_text(node[key])
        if value is None:
            self.warn(f"{where}.{key}", f"expected a string, got {_type_name(node[key])}; ignored")
            return ""
        return value.strip()

    def name_of(self, value: Any, where: str) -> tuple[str, str]:
        """(name, url) of an author/publisher given as a string or a Person/Organization."""
        if value is None:
            return "", ""
        as_string = _as_text(value)
        if as_string is not None:
            return as_string.strip(), ""
        node = _as_node(value)
        if node is None:
            self.warn(where, f"expected a name or an object, got {_type_name(value)}; ignored")
            return "", ""
        return self.text(node, "name", where), self.text(node, "url", where)

    def language(self, node: dict[str, Any], where: str) -> str:
        """inLanguage as a code or name: "en", or a Language object's alternateName/name."""
        language = _as_node(node.get("inLanguage"))
        if language is not None and "@value" not in language:
            at = _field_where(where, "inLanguage")
            return self.text(language, "alternateName", at) or self.text(language, "name", at)
        return self.text(node, "inLanguage", where)

    def date(self, value: str, where: str) -> str:
        """An EDTF date from an ISO date/datetime or EDTF string; "" with a warning if not."""
        if not value:
            return ""
        match = _ISO_START.match(value)
        if match and match.end() < len(value) and dates.is_valid(match.group(0)):
            return match.group(0)  # a datetime: its day (is_valid would fail on it first)
        if dates.is_valid(value):
            return value
        read, reason = written_date(value)
        if not read:
            self.warn(where, f"{model.shown(value)} {reason}; ignored")
        return read

    def urls(self, value: Any, where: str) -> tuple[tuple[str, str, str], ...]:
        """(where, url, name) of each item of a url / CreativeWork / list value."""
        items = value if isinstance(value, list) else [value]
        found = []
        for index, item in enumerate(items[:100]):
            item_where = f"{where}[{index}]" if isinstance(value, list) else where
            if isinstance(item, str):
                found.append((item_where, _clean(item).strip(), ""))
            elif isinstance(item, dict):
                url = self.text(item, "url", item_where) or self.text(item, "@id", item_where)
                if url:
                    found.append((f"{item_where}.url", url, self.text(item, "name", item_where)))
            elif item is not None:
                self.warn(item_where, f"expected a URL or an object, got {_type_name(item)}")
        return tuple(found)


# --- shapes ------------------------------------------------------------------------------


def reviews_of(document: Any, name: str) -> tuple[list[Review], list[Problem], int]:
    """Every review in a document of any accepted shape: (reviews, warnings, items seen)."""
    reader = _Reader(name)
    reviews: list[Review] = []
    seen = 0
    for where, kind, item, context in _items(document, reader):
        seen += 1
        if not isinstance(item, dict):
            reader.warn(where, f"expected an object, got {_type_name(item)}; skipped")
            continue
        review = (
            _from_api(reader, item, context, where)
            if kind == "api"
            else _from_claimreview(reader, item, where)
        )
        if review is not None:
            reviews.append(review)
    return reviews, reader.problems, seen


def _items(document: Any, reader: _Reader) -> Iterator[tuple[str, str, Any, dict[str, Any]]]:
    """(where, kind, item, claim context) for each review in the document."""
    name = reader.name
    if isinstance(document, dict) and "claims" in document and "@type" not in document:
        claims = document["claims"]
        if not isinstance(claims, list):
            raise ImportFailed(
                [Problem(name, "claims", f"expected a list, got {_type_name(claims)}")]
            )
        for index, claim in enumerate(claims):
            where = f"claims[{index}]"
            if not isinstance(claim, dict):
                yield where, "api", claim, {}
                continue
            reviews = claim.get("claimReview")
            if not isinstance(reviews, list) or not reviews:
                got = (
                    "missing" if reviews is None else f"expected a list, got {_type_name(reviews)}"
                )
                reader.warn(f"{where}.claimReview", f"{got}: the claim has no review; skipped")
                continue
            for position, review in enumerate(reviews):
                yield f"{where}.claimReview[{position}]", "api", review, claim
        return
    if isinstance(document, dict) and "@graph" in document:
        graph = document["@graph"]
        if not isinstance(graph, list):
            raise ImportFailed(
                [Problem(name, "@graph", f"expected a list, got {_type_name(graph)}")]
            )
        for index, node in enumerate(graph):
            # a graph also holds the WebPage, Organization... nodes: only reviews count
            if not isinstance(node, dict) or "ClaimReview" in _type_of(node):
                yield f"@graph[{index}]", "claimreview", node, {}
        return
    if isinstance(document, dict) and "ClaimReview" in _type_of(document):
        yield "", "claimreview", document, {}
        return
    if isinstance(document, list):
        for index, node in enumerate(document):
            yield f"[{index}]", "claimreview", node, {}
        return
    raise ImportFailed([Problem(name, message=f"not a shape this tool reads: {_SHAPES}")])


def _field_where(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _from_claimreview(reader: _Reader, node: dict[str, Any], where: str) -> Review | None:
    at = lambda key: _field_where(where, key)  # noqa: E731
    if "ClaimReview" not in _type_of(node):
        reader.warn(at("@type"), f"{model.shown(node.get('@type'))} is not ClaimReview; skipped")
        return None
    text = _required_text(reader, node, "claimReviewed", where)
    if text is None:
        return None
    item = _as_node(node.get("itemReviewed")) or {}
    item_where = at("itemReviewed")
    claimant, _ = reader.name_of(item.get("author"), f"{item_where}.author")
    coverage = reader.text(item, "temporalCoverage", item_where)
    published = reader.text(item, "datePublished", item_where)
    claim_date = ""
    if coverage and dates.is_valid(coverage):
        claim_date, raw_date = coverage, coverage
    else:
        raw_date = published
        claim_date = reader.date(published, f"{item_where}.datePublished")
    rating = _as_node(node.get("reviewRating")) or {}
    label = reader.text(rating, "alternateName", at("reviewRating")) or reader.text(
        rating, "name", at("reviewRating")
    )
    publisher_name, publisher_url = reader.name_of(node.get("author"), at("author"))
    appearances = reader.urls(item.get("appearance"), f"{item_where}.appearance")
    appearances += reader.urls(item.get("firstAppearance"), f"{item_where}.firstAppearance")
    return Review(
        where=where,
        text=text,
        claimant=claimant,
        claim_date=claim_date,
        claim_date_text=raw_date,
        label=label,
        url=reader.text(node, "url", where),
        title=reader.text(node, "headline", where) or reader.text(node, "name", where),
        publisher_name=publisher_name,
        publisher_url=publisher_url,
        review_date=_day(reader, node, "datePublished", where),
        review_date_text=reader.text(node, "datePublished", where),
        language=reader.language(node, where) or reader.language(item, item_where),
        body=reader.text(node, "reviewBody", where) or reader.text(node, "description", where),
        citations=reader.urls(node.get("citation"), at("citation")),
        appearances=tuple((w, u) for w, u, _ in appearances),
    )


def _from_api(
    reader: _Reader, review: dict[str, Any], claim: dict[str, Any], where: str
) -> Review | None:
    claim_where = where.rsplit(".claimReview", 1)[0]
    text = _required_text(reader, claim, "text", claim_where)
    if text is None:
        return None
    raw_date = reader.text(claim, "claimDate", claim_where)
    publisher = review.get("publisher")
    publisher_name, publisher_url = reader.name_of(publisher, f"{where}.publisher")
    if isinstance(publisher, dict):
        site = reader.text(publisher, "site", f"{where}.publisher")
        if site and not publisher_url and re.fullmatch(r"[A-Za-z0-9.-]+\.[A-Za-z]{2,}", site):
            publisher_url = f"https://{site}"
    return Review(
        where=where,
        text=text,
        claimant=reader.text(claim, "claimant", claim_where),
        claim_date=reader.date(raw_date, f"{claim_where}.claimDate"),
        claim_date_text=raw_date,
        label=reader.text(review, "textualRating", where),
        url=reader.text(review, "url", where),
        title=reader.text(review, "title", where),
        publisher_name=publisher_name,
        publisher_url=publisher_url,
        review_date=_day(reader, review, "reviewDate", where),
        review_date_text=reader.text(review, "reviewDate", where),
        language=reader.text(review, "languageCode", where),
    )


def _required_text(reader: _Reader, node: dict[str, Any], key: str, where: str) -> str | None:
    at = _field_where(where, key)
    if key not in node or node[key] is None:
        reader.warn(at, "missing: the review was skipped")
        return None
    value = _as_text(node[key])
    if value is None:
        reader.warn(at, f"expected a string, got {_type_name(node[key])}: the review was skipped")
        return None
    if not value.strip():
        reader.warn(at, "empty: the review was skipped")
        return None
    return value.strip()


def _day(reader: _Reader, node: dict[str, Any], key: str, where: str) -> str:
    """A review date for reviewed_on, which takes a full ISO day only."""
    value = reader.date(reader.text(node, key, where), _field_where(where, key))
    return value if model.ISO_DAY.fullmatch(value) else ""


def _unless(value: str, same: str) -> str:
    return "" if value == same else value


# --- building the timeline -----------------------------------------------------------------


def slug(text: str, limit: int = 60) -> str:
    """A readable id: ASCII lowercase words joined by '-', cut at a word boundary."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = _SLUG_JUNK.sub(" ", ascii_text.lower()).split()
    result = ""
    for word in words:
        candidate = f"{result}-{word}" if result else word
        if len(candidate) > limit:
            break
        result = candidate
    return result or (words[0][:limit] if words else "")


def date_slug(date: str) -> str:
    """An event id for an EDTF date: "2020-02-04", "2020-01-27--2020-02-02", "before-..."."""
    text = (
        date.replace("../", "before-")
        .replace("/..", "-onwards")
        .replace("/", "--")
        .replace("%", "-approx-uncertain")
        .replace("~", "-approx")
        .replace("?", "-uncertain")
    )
    return re.sub(r"[^a-z0-9._-]", "", text.lower()).strip("-._") or "undated"


def _ids() -> model.UniqueIds:
    return model.UniqueIds(limit=110, strip="-._", fallback="claim")


def build_timeline(
    reviews: list[Review],
    name: str,
    timeline_id: str,
    title: str,
    ratings: Ratings,
) -> tuple[Timeline, list[Problem]]:
    """Claims from reviews, grouped into one event per claim date: (timeline, warnings)."""
    problems: list[Problem] = []
    ids = _ids()  # one set for events and claims: ids are unique in the whole file
    events: dict[str, Event] = {}
    claims: list[Claim] = []
    for review in reviews:
        event_id = ""
        if review.claim_date:
            event = events.get(review.claim_date)
            if event is None:
                event = Event(
                    id=ids.unique(date_slug(review.claim_date)),
                    title=f"Claims dated {dates.display(review.claim_date)}",
                    date=review.claim_date,
                    date_text=_unless(review.claim_date_text, review.claim_date),
                )
                events[review.claim_date] = event
            event_id = event.id
        try:
            claims.append(_claim(review, name, event_id, ids, ratings, problems))
        except model.FieldProblem as error:  # a value the model refuses: skip, say why
            problems.append(Problem(name, review.where, f"{error}: the review was skipped",
                                    severity="warning"))  # fmt: skip
    timeline = Timeline(
        id=timeline_id,
        title=title,
        events=tuple(events.values()),
        claims=tuple(claims),
        publisher=_common_publisher(reviews),
    )
    return timeline.canonical(), problems


def _claim(
    review: Review,
    name: str,
    event_id: str,
    ids: model.UniqueIds,
    ratings: Ratings,
    problems: list[Problem],
) -> Claim:
    def warn(where: str, message: str) -> None:
        problems.append(Problem(name, where, message, severity="warning"))

    at = lambda key: _field_where(review.where, key)  # noqa: E731
    status = ratings.status_of(review.label) if review.label else None
    verdict = review.body
    by = f" by {review.publisher_name}" if review.publisher_name else ""
    if not review.label:
        warn(at("reviewRating"), "no rating label: status set to unproven")
        status = "unproven"
    elif status is None:
        warn(
            at("reviewRating"),
            f"unknown rating {model.shown(review.label)}: status set to unproven, the label "
            "kept in the verdict (map it with --rating or --ratings)",
        )
        status = "unproven"
        verdict = f"Rated {json.dumps(review.label, ensure_ascii=False)}{by}." + (
            f" {verdict}" if verdict else ""
        )
    notes = ""
    if review.label and normalize_label_differs(review.label, status):
        notes = f"Original rating{by}: {json.dumps(review.label, ensure_ascii=False)}"
    fragment = review.url.partition("#")[2]
    base = fragment if model.ID_PATTERN.fullmatch(fragment) else slug(review.text)
    evidence: list[Evidence] = []
    seen: set[str] = set()

    def add(where: str, url: str, title: str, stance: str, note: str = "") -> None:
        reason = model.url_problem(url)
        if reason:
            warn(where, f"{model.shown(url)} refused: {reason}; not kept as evidence")
        elif url not in seen:
            seen.add(url)
            evidence.append(Evidence(url=url, title=title, stance=stance, note=note))

    if review.url:
        add(at("url"), review.url, review.title or f"Fact-check{by}", stance_of(status))
    else:
        warn(at("url"), "missing: the claim has no link to its review")
    for where, url, title in review.citations:
        add(where, url, title, "context")
    for where, url in review.appearances:
        add(where, url, "Where the claim appeared", "context")
    return Claim(
        id=ids.unique(base),
        text=review.text,
        event=event_id,
        claimant=review.claimant,
        status=status,
        verdict=verdict,
        reviewed_by=review.publisher_name,
        reviewed_on=review.review_date,
        notes=notes,
        evidence=tuple(evidence),
    )


def normalize_label_differs(label: str, status: str) -> bool:
    """Whether the publisher's label says more than our status (worth keeping in notes)."""
    return normalize(label) != normalize(STATUS_LABELS[status])


def _common_publisher(reviews: list[Review]) -> Publisher | None:
    """The publisher when every review has the same one (name and a valid url)."""
    pairs = {(review.publisher_name, review.publisher_url) for review in reviews}
    if len(pairs) != 1:
        return None
    name, url = pairs.pop()
    if not name or not url or model.url_problem(url):
        return None
    return Publisher(name=name, url=url)


def import_file(
    path: Path,
    ratings: Ratings | None = None,
    timeline_id: str = "",
    title: str = "",
    max_bytes: int = MAX_IMPORT_BYTES,
) -> Imported:
    """Read a ClaimReview / Fact Check Tools file into a Timeline (ImportFailed if nothing)."""
    name = str(path)
    document = read_json(path, max_bytes)
    reviews, problems, seen = reviews_of(document, name)
    if not reviews:
        problems.append(Problem(name, message=f"no review could be imported ({seen} found)"))
        raise ImportFailed(problems)
    timeline, more = build_timeline(
        reviews,
        name,
        timeline_id or slug(path.stem) or "imported",
        title or f"Fact-checks imported from {path.name}",
        ratings or Ratings(),
    )
    problems.extend(more)
    return Imported(timeline, tuple(problems), seen, seen - len(timeline.claims))
