"""Timelines out: ClaimReview JSON-LD, TimelineJS3 JSON, CSV and a Markdown report.

Each exporter returns the text to write and the problems met on the way (claims or events
that could not be put out, and why), so that nothing is skipped silently. Untrusted text
is escaped for the target format: HTML in TimelineJS, Markdown in the report, formula
prefixes in CSV.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Callable
from typing import Any

import attrs

from factcheck import dates, model
from factcheck.interop.ratings import STATUS_LABELS
from factcheck.model import Claim, Event, Publisher, Timeline
from factcheck.store import Problem
from factcheck.text import sanitize, sanitize_line

FORMATS = ("claimreview", "timelinejs", "csv", "markdown")

#: Statuses that are no verdict a reader can use: left out of ClaimReview unless asked for.
UNRATED_STATUSES = model.OPEN_STATUSES | {"not-checkable"}

#: Google's advice: a claimReviewed longer than this is cut in search results.
CLAIM_REVIEWED_ADVISED_LENGTH = 75

SCHEMA_CONTEXT = "https://schema.org"

#: Words that make a claimant an Organization rather than a Person in ClaimReview.
_ORGANIZATION_WORDS = re.compile(
    r"\b(labs?|network|department|police|council|city|office|agency|association|union|"
    r"group|groups|committee|coalition|inc|llc|ltd|corp|corporation|company|ai|times|news|"
    r"university|institute|foundation|government|ministry|party|campaign|aclu|activists|"
    r"organi[sz]ation|center|centre|board|commission|court|senate|congress|house)\b",
    re.IGNORECASE,
)


@attrs.frozen
class Exported:
    text: str
    problems: tuple[Problem, ...] = ()
    count: int = 0  # records put out (claims, events or rows)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(problem for problem in self.problems if problem.severity == "error")


#: Characters written as \uXXXX in JSON output although JSON allows them raw: C1 controls,
#: bidi overrides and line separators (a terminal or an editor would act on them), and
#: < > & (so that "</script>" in a claim cannot end the <script> a page embeds JSON-LD in).
_JSON_UNSAFE = re.compile("[<>&\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


def dump_json(document: Any) -> str:
    """Indented UTF-8 JSON in which no character can act outside its string."""
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text) + "\n"


def claim_where(claim: Claim) -> str:
    return f"claims (id {model.shown(claim.id)})"


# --- ClaimReview -------------------------------------------------------------------------


class PublisherMissing(ValueError):
    """ClaimReview needs a publishing organisation; the message says how to give one."""


def resolve_publisher(timeline: Timeline, name: str | None, url: str | None) -> Publisher:
    """Options override the timeline's [publisher] table; both name and url are required."""
    stored = timeline.publisher or Publisher()
    chosen_name = name if name is not None else stored.name
    chosen_url = url if url is not None else stored.url
    missing = [
        what for what, value in (("name", chosen_name), ("url", chosen_url)) if not value.strip()
    ]
    if missing:
        raise PublisherMissing(
            f"ClaimReview needs the publisher's {' and '.join(missing)}: pass "
            "--publisher-name and --publisher-url, or add a [publisher] table (name, url) "
            "to the timeline"
        )
    reason = model.url_problem(chosen_url)
    if reason:
        raise PublisherMissing(f"publisher url {model.shown(chosen_url)}: {reason}")
    return Publisher(name=chosen_name.strip(), url=chosen_url)


def author_type(name: str) -> str:
    """A guess good enough for search engines: organisations by the words in their name."""
    return "Organization" if _ORGANIZATION_WORDS.search(name) else "Person"


def claim_date_fields(date: str) -> dict[str, str]:
    """itemReviewed date: `datePublished` for a plain point, `temporalCoverage` (EDTF) else.

    schema.org dates are ISO 8601; an interval or an uncertain date does not fit
    `datePublished`, so its exact EDTF text goes in `temporalCoverage` (EDTF is part of
    ISO 8601-2), and `datePublished` is kept only when it states no more than the source.
    """
    if not date:
        return {}
    try:
        value = dates.parse(date)
    except dates.DateError:
        return {}
    fields: dict[str, str] = {}
    if not value.is_interval and value.start is not None:
        plain = date.rstrip("?~%")
        fields["datePublished"] = plain
        if plain != date:
            fields["temporalCoverage"] = date
    else:
        fields["temporalCoverage"] = date
    return fields


REQUIRED_CLAIMREVIEW: tuple[tuple[str, ...], ...] = (
    ("@context",),
    ("@type",),
    ("url",),
    ("claimReviewed",),
    ("author", "@type"),
    ("author", "name"),
    ("reviewRating", "@type"),
    ("reviewRating", "alternateName"),
    ("itemReviewed", "@type"),
)


def claimreview_problems(review: dict[str, Any]) -> list[str]:
    """Required-field rules for one ClaimReview object; empty when it may be published."""
    problems = []
    for path in REQUIRED_CLAIMREVIEW:
        value: Any = review
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{'.'.join(path)} is missing or empty")
    if review.get("@type") != "ClaimReview":
        problems.append("@type is not ClaimReview")
    rating = review.get("reviewRating")
    if isinstance(rating, dict) and "ratingValue" in rating:
        value, best, worst = (rating.get(k) for k in ("ratingValue", "bestRating", "worstRating"))
        if not all(isinstance(v, int) for v in (value, best, worst)):
            problems.append("reviewRating: ratingValue, bestRating and worstRating must be numbers")
        elif not worst <= value <= best:
            problems.append(f"reviewRating.ratingValue {value} is outside {worst}..{best}")
    url = review.get("url")
    if isinstance(url, str) and url and model.url_problem(url):
        problems.append(f"url: {model.url_problem(url)}")
    return problems


def to_claimreview(
    timeline: Timeline,
    publisher: Publisher,
    page_url: str = "",
    file: str = "",
    include_unrated: bool = False,
) -> Exported:
    """One ClaimReview per rated claim; unrated ones are counted, not exported.

    A claim still `unverified`, `in-progress` or `not-checkable` says nothing a reader can
    use (and "not checkable" is how a draft's junk gets parked), so it is published only
    with `include_unrated`.

    `page_url` is the page where the fact-check is published (default: the publisher's
    url); each review's `url` is that page with `#<claim id>`, so every claim has its own
    address and an import can give the claim its id back.
    """
    base = (page_url or publisher.url).split("#", 1)[0]
    reviews: list[dict[str, Any]] = []
    problems: list[Problem] = []
    source_url = next((source.url for source in timeline.sources if source.url), "")
    unrated_count = 0
    for claim in timeline.claims:
        if claim.status in UNRATED_STATUSES and not include_unrated:
            unrated_count += 1
            continue
        where = claim_where(claim)
        review = _claimreview(timeline, claim, publisher, base, source_url)
        failed = claimreview_problems(review)
        if failed:
            for reason in failed:
                problems.append(Problem(file, where, f"not exported: {reason}"))
            continue
        if len(claim.text) > CLAIM_REVIEWED_ADVISED_LENGTH:
            problems.append(
                Problem(
                    file,
                    where,
                    f"claimReviewed has {len(claim.text)} characters; Google advises at most "
                    f"{CLAIM_REVIEWED_ADVISED_LENGTH}",
                    severity="warning",
                )
            )
        if not claim.reviewed_on:
            problems.append(
                Problem(file, where, "no reviewed_on: datePublished left out", severity="warning")
            )
        reviews.append(review)
    if unrated_count:
        problems.append(
            Problem(
                file,
                "claims",
                f"{unrated_count} claim(s) not exported: unverified, in progress or not "
                "checkable (no rating); --include-unrated publishes them",
                severity="warning",
            )
        )
    return Exported(dump_json(reviews), tuple(problems), len(reviews))


def _claimreview(
    timeline: Timeline, claim: Claim, publisher: Publisher, base: str, source_url: str
) -> dict[str, Any]:
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": STATUS_LABELS[claim.status]}
    if claim.status in model.RATING_VALUES:
        rating.update(ratingValue=model.RATING_VALUES[claim.status], bestRating=5, worstRating=1)
    item: dict[str, Any] = {"@type": "Claim"}
    if claim.claimant.strip():
        item["author"] = {"@type": author_type(claim.claimant), "name": claim.claimant.strip()}
    event = timeline.event(claim.event) if claim.event else None
    if event is not None:
        item.update(claim_date_fields(event.date))
    if source_url:
        item["appearance"] = {"@type": "CreativeWork", "url": source_url}
    review: dict[str, Any] = {
        "@context": SCHEMA_CONTEXT,
        "@type": "ClaimReview",
        "url": f"{base}#{claim.id}",
        "claimReviewed": claim.text,
        "author": {"@type": "Organization", "name": publisher.name, "url": publisher.url},
        "reviewRating": rating,
        "itemReviewed": item,
    }
    if claim.reviewed_on:
        review["datePublished"] = claim.reviewed_on
    if claim.verdict.strip():
        review["reviewBody"] = claim.verdict
    if claim.evidence:
        review["citation"] = [
            {"@type": "CreativeWork", "url": evidence.url, **_named(evidence.title)}
            for evidence in claim.evidence
        ]
    return review


def _named(title: str) -> dict[str, str]:
    return {"name": title} if title.strip() else {}


# --- TimelineJS --------------------------------------------------------------------------


def _date_parts(point: dates.Point) -> dict[str, int]:
    parts = {"year": point.year}
    if point.month is not None:
        parts["month"] = point.month
    if point.day is not None:
        parts["day"] = point.day
    return parts


def timelinejs_dates(date: str) -> dict[str, Any] | None:
    """start_date / end_date parts at the EDTF precision, plus display_date; None if undated.

    A point gives only start_date (TimelineJS shows a month or a year at that precision);
    an interval gives both ends; an open end ("../X", "X/..") gives its one known end.
    """
    if not date:
        return None
    try:
        value = dates.parse(date)
    except dates.DateError:
        return None
    result: dict[str, Any] = {}
    first, last = value.start, value.end if value.is_interval else None
    if first is None:
        first, last = last, None
    if first is None:  # pragma: no cover - parse() refuses an interval with no known end
        return None
    result["start_date"] = _date_parts(first)
    if last is not None:
        result["end_date"] = _date_parts(last)
    result["display_date"] = value.display()
    return result


def quoted(claim: Claim) -> str:
    """The claim's text in quotation marks only when it is a verbatim quote: a paraphrase
    or a statistic shown in quotation marks would put words in someone's mouth."""
    return f"“{claim.text}”" if claim.kind == "quote" else claim.text


def _h(text: str) -> str:
    """Untrusted text as HTML text: TimelineJS renders `text` fields as HTML."""
    return html.escape(text, quote=True)


def _link(url: str, title: str) -> str:
    return (
        f'<a href="{_h(url)}" target="_blank" rel="noopener noreferrer">'
        f"{_h(title.strip() or url)}</a>"
    )


def to_timelinejs(timeline: Timeline, file: str = "") -> Exported:
    """TimelineJS3 JSON: a title slide and one slide per dated event (undated ones reported)."""
    problems: list[Problem] = []
    slides: list[dict[str, Any]] = []
    for event in timeline.events:
        when = timelinejs_dates(event.date)
        if when is None:
            problems.append(
                Problem(
                    file,
                    f"events (id {model.shown(event.id)})",
                    "not in the TimelineJS export: the event has no date",
                    severity="warning",
                )
            )
            continue
        slide: dict[str, Any] = {
            **when,
            "text": {
                "headline": _h(event.title or event.id),
                "text": _event_html(event, timeline.claims_of(event.id)),
            },
            "unique_id": event.id,
            "autolink": False,
        }
        slides.append(slide)
    unattached = timeline.claims_of("")
    if unattached:
        problems.append(
            Problem(
                file,
                "claims",
                f"{len(unattached)} claim(s) without an event are not in the TimelineJS export",
                severity="warning",
            )
        )
    summary = f"{len(timeline.claims)} claim(s), {timeline.reviewed_count} reviewed."
    sources = [
        _link(source.url, source.title) if source.url else _h(source.title)
        for source in timeline.sources
    ]
    title_text = f"<p>{_h(summary)}</p>"
    if sources:
        title_text += "<p>Source: " + "; ".join(sources) + "</p>"
    if timeline.publisher is not None and timeline.publisher.name:
        title_text += f"<p>Fact-check by {_h(timeline.publisher.name)}</p>"
    document = {
        "title": {"text": {"headline": _h(timeline.title or timeline.id), "text": title_text}},
        "events": slides,
    }
    return Exported(dump_json(document), tuple(problems), len(slides))


def _event_html(event: Event, claims: tuple[Claim, ...]) -> str:
    parts = []
    if event.summary:
        parts.append(f"<p>{_h(event.summary)}</p>")
    if event.date_text:
        parts.append(f"<p><i>Date in the source: “{_h(event.date_text)}”</i></p>")
    if claims:
        items = []
        for claim in claims:
            line = f"<b>{_h(STATUS_LABELS[claim.status])}</b>: "
            if claim.claimant:
                line += f"{_h(claim.claimant)}: "
            line += _h(quoted(claim))
            if claim.verdict:
                line += f" — {_h(claim.verdict)}"
            if claim.evidence:
                links = ", ".join(
                    f"{_link(e.url, e.title)} ({_h(e.stance)})" for e in claim.evidence
                )
                line += f"<br>Evidence: {links}"
            items.append(f"<li>{line}</li>")
        parts.append("<ul>" + "".join(items) + "</ul>")
    return "".join(parts)


# --- CSV ---------------------------------------------------------------------------------

CSV_COLUMNS = (
    "event", "event_date", "event_title", "claim", "claimant", "kind", "text", "status",
    "verdict", "reviewed_by", "reviewed_on", "evidence_urls",
)  # fmt: skip

#: A cell starting with one of these is read as a formula by spreadsheets (CSV injection);
#: the full-width forms are included because some spreadsheets fold them.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def csv_cell(value: str) -> str:
    """A cell that a spreadsheet shows as text: a leading apostrophe defuses formulas (also
    after leading spaces, which spreadsheets skip); control characters are shown escaped
    (a CSV is also read with `cat`)."""
    formula = value.lstrip().startswith(_FORMULA_START) or value.startswith(_FORMULA_START)
    return "'" + sanitize(value) if formula else sanitize(value)


def to_csv(timeline: Timeline) -> Exported:
    """One row per claim; evidence URLs separated by spaces (URLs never contain one)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for claim in timeline.claims:
        event = timeline.event(claim.event) if claim.event else None
        row = (
            claim.event,
            event.date if event else "",
            event.title if event else "",
            claim.id,
            claim.claimant,
            claim.kind,
            claim.text,
            claim.status,
            claim.verdict,
            claim.reviewed_by,
            claim.reviewed_on,
            " ".join(evidence.url for evidence in claim.evidence),
        )
        writer.writerow([csv_cell(cell) for cell in row])
    return Exported(buffer.getvalue(), (), len(timeline.claims))


# --- Markdown ----------------------------------------------------------------------------

#: Inline Markdown syntax (CommonMark + GFM tables/strikethrough) and HTML starters. Line
#: starters ("-", "1.", ">") cannot take effect: line breaks are folded into spaces first.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#!|~&@])")  # "@": e-mail autolinks and @mentions
#: What renderers turn into links in plain text: a scheme ("https:", "mailto:"), and a dot
#: inside a domain ("www.x", and "x.org" for linkify). Escaping that ":" or "." shows the
#: same text but breaks the detection.
_AUTOLINK = re.compile(r"(?i)\b(?:https?|ftps?|mailto|xmpp)(?=:)|(?<=[^\W_])(?=\.[^\W\d_])")
_LINE_BREAKS = re.compile(r"\s*[\r\n\u2028\u2029]+\s*")


def md(text: str) -> str:
    """Untrusted text as inline Markdown: one line, control characters shown escaped, every
    Markdown-special character backslash-escaped."""
    escaped = _MD_SPECIAL.sub(r"\\\1", sanitize_line(_LINE_BREAKS.sub(" ", text)))
    return _AUTOLINK.sub(lambda found: found.group() + "\\", escaped)


def _md_url(url: str) -> str:
    """A link destination in <...> form; the model already allows only http(s) URLs."""
    return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"


def to_markdown(timeline: Timeline) -> Exported:
    """A readable report: per event (in date order), each claim's status, verdict, evidence."""
    out: list[str] = [f"# {md(timeline.title or timeline.id)}", ""]
    intro = f"{len(timeline.claims)} claim(s), {timeline.reviewed_count} reviewed."
    if timeline.publisher is not None and timeline.publisher.name:
        intro = f"Fact-check by {md(timeline.publisher.name)}. " + intro
    out += [intro, ""]
    for source in timeline.sources:
        label = md(source.title or source.id)
        shown = f"[{label}]({_md_url(source.url)})" if source.url else label
        published = f", {md(dates.display(source.published))}" if source.published else ""
        out.append(f"Source: {shown}{published}")
    if timeline.sources:
        out.append("")
    count = 0
    groups: list[tuple[Event | None, tuple[Claim, ...]]] = [
        (event, timeline.claims_of(event.id)) for event in timeline.events
    ]
    if timeline.claims_of(""):
        groups.append((None, timeline.claims_of("")))
    for event, claims in groups:
        out += _md_event(event, claims)
        count += len(claims)
    return Exported("\n".join(out).rstrip("\n") + "\n", (), count)


def _md_event(event: Event | None, claims: tuple[Claim, ...]) -> list[str]:
    if event is None:
        lines = ["## Claims without an event", ""]
    else:
        lines = [f"## {md(dates.display(event.date))}: {md(event.title or event.id)}", ""]
        said = f" (“{md(event.date_text)}”)" if event.date_text else ""
        if event.summary or said:
            lines += [f"{md(event.summary)}{said}".strip(), ""]
    for claim in claims:
        who = f"{md(claim.claimant)}: " if claim.claimant else ""
        lines.append(f"- **{md(STATUS_LABELS[claim.status])}**: {who}{md(quoted(claim))}")
        if claim.verdict:
            lines.append(f"  - Verdict: {md(claim.verdict)}")
        if claim.reviewed_by or claim.reviewed_on:
            by = " ".join(x for x in (md(claim.reviewed_by), md(claim.reviewed_on)) if x)
            lines.append(f"  - Reviewed: {by}")
        for evidence in claim.evidence:
            title = md(evidence.title.strip() or evidence.url)
            lines.append(f"  - Evidence ({evidence.stance}): [{title}]({_md_url(evidence.url)})")
    if claims:
        lines.append("")
    return lines


def export(
    timeline: Timeline,
    fmt: str,
    file: str = "",
    publisher: Callable[[], Publisher] | None = None,
    page_url: str = "",
    include_unrated: bool = False,
) -> Exported:
    """Dispatch on the format name; `publisher` is asked for only by ClaimReview."""
    if fmt == "claimreview":
        chosen = publisher() if publisher is not None else resolve_publisher(timeline, None, None)
        return to_claimreview(timeline, chosen, page_url, file, include_unrated)
    if fmt == "timelinejs":
        return to_timelinejs(timeline, file)
    if fmt == "csv":
        return to_csv(timeline)
    if fmt == "markdown":
        return to_markdown(timeline)
    raise ValueError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")
