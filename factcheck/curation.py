"""Curation: the reviewer's fixes to a draft, each a pure function from one timeline to the next.

`extract` gives a draft with errors (a wrong claimant, a junk claim, a missed quote, a wrong
date); these edits fix it without typing an offset. Each one checks its input and raises
`EditError` (naming the field, in words a reviewer reads) instead of producing a timeline
that `factcheck check` would reject: ids are unique readable slugs and never renumbered,
anchors are made from the raw source text so they verify, references point at records that
exist. Edits change only the fields they are given (a claimant fix is a one-line diff of the
canonical file) and never stamp the reviewer: only a status change does that.

Guesses for a new claim (kind, claimant, date) reuse the extractor's own readers, so a claim
added by hand is read the way `extract` reads one. Data layer: no textual import.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache, wraps
from typing import Any, Concatenate, ParamSpec, TypeVar

import attrs

from factcheck import anchors, dates, session
from factcheck.extract import article as article_module
from factcheck.extract import build, temporal
from factcheck.extract import claims as claims_module
from factcheck.extract.people import People
from factcheck.model import (
    KINDS,
    Anchor,
    Claim,
    Conflict,
    Event,
    FieldProblem,
    Timeline,
    UniqueIds,
    check_id,
    shown,
)

#: A selection longer than this is refused: an anchor stores its text, and a claim or an
#: event is a sentence or a paragraph, not a document.
MAX_SELECTION = 10_000
#: Words kept in a title made from a selection.
TITLE_WORDS = 14
#: What `delete_event` does with the event's claims.
CLAIMS_POLICIES = ("move", "delete")
#: Date field text written as EDTF (digits and EDTF signs only), checked as EDTF alone.
_EDTF_SHAPED = re.compile(r"[0-9./~?%-]+")
#: Words after a date that do not change the day ("Tuesday night").
_TIME_OF_DAY = frozenset({"night", "morning", "afternoon", "evening"})

Params = ParamSpec("Params")
Drafted = TypeVar("Drafted", Claim, Event)


class EditError(session.EditError, ValueError):
    """An edit that cannot be made; `field` names the form field, the message says why.

    A session `EditError`, so whatever applies session edits reports it instead of crashing.
    """

    def __init__(self, field: str, reason: str):
        self.field = field
        self.reason = reason
        super().__init__(f"{field}: {reason}")


# --- reading a source (cached: the same text is read once, whatever the number of edits) --


@lru_cache(maxsize=4)
def _article(source_text: str) -> article_module.Article:
    return article_module.read(source_text)


@attrs.frozen
class _Reading:
    """What the extractor finds in a source: quotes, claims with claimants, speakers."""

    people: People
    quotes: tuple[claims_module.Quote, ...]
    found: tuple[claims_module.Found, ...]
    speakers: dict[int, str]


@lru_cache(maxsize=4)
def _reading(source_text: str) -> _Reading:
    article = _article(source_text)
    people = People(source_text)
    date_spans = [
        (phrase.start, phrase.end)
        for phrase in temporal.find(source_text)
        if not (article.dateline and article.dateline[0] <= phrase.start < article.dateline[1])
    ]
    found, speakers = claims_module.find(article, people, date_spans)
    return _Reading(people, tuple(claims_module.quotes(article)), tuple(found), speakers)


# --- selections ------------------------------------------------------------------------


def selection_problem(
    source_text: str, start: int, end: int, source_id: str = "", end_source_id: str | None = None
) -> str | None:
    """Why a selection cannot become a claim or an event, or None when it can.

    `end_source_id` is the source the selection ends in, when the view lets it run past one.
    """
    if end_source_id is not None and end_source_id != source_id:
        return (
            f"the selection crosses from source {shown(source_id)} into {shown(end_source_id)}; "
            "select words within one source"
        )
    if not 0 <= start <= end <= len(source_text):
        return (
            f"the selection {start}..{end} is outside the source text "
            f"({len(source_text)} characters)"
        )
    if start == end:
        return "nothing is selected: select the words first (shift+arrows, the mouse or /)"
    if not source_text[start:end].strip():
        return "the selection holds only spaces or line breaks"
    if end - start > MAX_SELECTION:
        return (
            f"the selection has {end - start:,} characters; a claim or an event is at most "
            f"{MAX_SELECTION:,} (a sentence or a paragraph)"
        )
    return None


def widen_to_sentences(source_text: str, start: int, end: int) -> tuple[int, int]:
    """The selection grown to whole sentences (the source view's `.` key).

    A cursor (start == end) becomes its sentence; a cursor between sentences, the next one.
    Sentences are the extractor's, so a widened selection is what `extract` would anchor.
    """
    start = max(0, min(start, len(source_text)))
    end = max(start, min(end, len(source_text)))
    article = _article(source_text)
    sentences = article.sentences
    first = article.sentence_at(start) if sentences else 0
    if sentences and sentences[first].end <= start:
        first += 1  # in the space after a sentence: the next one
    if first >= len(sentences):
        return start, end
    last = max(first, article.sentence_at(max(end - 1, start)))
    return sentences[first].start, sentences[last].end


def guess_kind(source_text: str, start: int, end: int) -> str:
    """`quote` inside quotation marks, `statistic` when the words count something, else
    `paraphrase` (the extractor's own quote pairing and number test)."""
    for quote in _reading(source_text).quotes:
        inside_marks = quote.open_mark <= start and end <= quote.close_mark + 1
        if inside_marks and start < quote.end and end > quote.start:
            return "quote"
    words = list(source_text[start:end])
    for phrase in temporal.find(source_text, start, end):  # "Feb. 4" or "in 2019" count nothing
        for position in range(max(phrase.start, start), min(phrase.end, end)):
            words[position - start] = "·"
    return "statistic" if claims_module._has_count("".join(words)) else "paraphrase"


def guess_claimant(source_text: str, start: int, end: int) -> str:
    """Who the extractor says speaks in the selection ("" when the sentence names nobody)."""
    reading = _reading(source_text)
    overlapping = [
        (min(end, found.end) - max(start, found.start), found.claimant)
        for found in reading.found
        if found.start < end and found.end > start and found.claimant
    ]
    if overlapping:
        return max(overlapping)[1]
    return reading.speakers.get(_article(source_text).sentence_at(start), "")


# --- claims ----------------------------------------------------------------------------


def _then_inserted(
    draft: Callable[Concatenate[Timeline, Params], Drafted],
    insert: Callable[[Timeline, Drafted], Timeline],
) -> Callable[Concatenate[Timeline, Params], Timeline]:
    """The edit `add_X`: `draft_X` with the same parameters, its record then inserted (one
    list of parameters, the draft's, so the form's preview and the edit never differ)."""

    @wraps(draft, assigned=("__module__",))
    def add(timeline: Timeline, /, *args: Params.args, **kwargs: Params.kwargs) -> Timeline:
        return insert(timeline, draft(timeline, *args, **kwargs))

    kind = draft.__name__.removeprefix("draft_")
    add.__name__ = add.__qualname__ = f"add_{kind}"
    add.__doc__ = f"A new {kind} from a selection, or without a passage (see `{draft.__name__}`)."
    return add


def draft_claim(
    timeline: Timeline,
    source_text: str | None = None,
    source_id: str = "",
    start: int = 0,
    end: int = 0,
    *,
    event: str = "",
    text: str | None = None,
    claimant: str | None = None,
    kind: str | None = None,
    notes: str = "",
) -> Claim:
    """The claim `add_claim` would add, for a form to show before it is accepted.

    With `source_text` (the raw text of source `source_id`, as `store.read_source` gives
    it) the claim is anchored to exactly text[start:end]; its text is those words with runs
    of whitespace folded to one space (as `extract` writes claims), and kind and claimant
    are guessed unless given. Without a source the claim has no passage and `text` is needed.
    """
    anchor = None
    if source_text is not None:
        anchor = _anchor(timeline, source_text, source_id, start, end)
        if text is None:
            text = " ".join(source_text[start:end].split())
        if kind is None:
            kind = guess_kind(source_text, start, end)
        if claimant is None:
            claimant = guess_claimant(source_text, start, end)
    text = _claim_text(text or "")
    claimant = _claimant(claimant or "")
    kind = _kind(kind or "statement")
    _event_ref(timeline, event)
    return Claim(
        id=_claim_id(timeline, claimant, text),
        text=text,
        event=event,
        claimant=claimant,
        kind=kind,
        notes=notes,
        anchor=anchor,
    )


def _anchor_source(timeline: Timeline, anchor: Anchor | None) -> None:
    if anchor is not None and timeline.source(anchor.source) is None:
        raise EditError("source", f"{shown(anchor.source)} is not a source of this file")


def insert_claim(timeline: Timeline, claim: Claim) -> Timeline:
    """The timeline with a claim built elsewhere (a drafted claim the form changed) added."""
    _new_id(timeline, claim.id)
    _claim_text(claim.text)
    _claimant(claim.claimant)
    _event_ref(timeline, claim.event)
    _anchor_source(timeline, claim.anchor)
    return attrs.evolve(timeline, claims=(*timeline.claims, claim)).canonical()


add_claim = _then_inserted(draft_claim, insert_claim)


def edit_claim(
    timeline: Timeline,
    claim_id: str,
    *,
    text: str | None = None,
    claimant: str | None = None,
    kind: str | None = None,
    event: str | None = None,
    notes: str | None = None,
) -> Timeline:
    """The claim with the given fields changed and nothing else (no reviewer stamp)."""
    claim = _claim(timeline, claim_id)
    changes: dict[str, Any] = {}
    if text is not None:
        changes["text"] = _claim_text(text)
    if claimant is not None:
        changes["claimant"] = _claimant(claimant)
    if kind is not None:
        changes["kind"] = _kind(kind)
    if event is not None:
        changes["event"] = _event_ref(timeline, event)
    if notes is not None:
        changes["notes"] = notes
    changes = {key: value for key, value in changes.items() if getattr(claim, key) != value}
    if not changes:
        return timeline
    edited = timeline.replace_claim(attrs.evolve(claim, **changes))
    return edited.canonical() if "event" in changes else edited


def move_claim(timeline: Timeline, claim_id: str, event_id: str) -> Timeline:
    """The claim attached to another event ("" detaches it)."""
    return edit_claim(timeline, claim_id, event=event_id)


def delete_claim(timeline: Timeline, claim_id: str) -> Timeline:
    """The timeline without the claim (and without merge conflicts about it)."""
    _claim(timeline, claim_id)
    return attrs.evolve(
        timeline,
        claims=tuple(claim for claim in timeline.claims if claim.id != claim_id),
        conflicts=_conflicts_without(timeline, {f"claims.{claim_id}"}),
    )


def delete_evidence(timeline: Timeline, claim_id: str, url: str) -> Timeline:
    """The claim without its evidence link `url` (links are unique per claim)."""
    claim = _claim(timeline, claim_id)
    kept = tuple(evidence for evidence in claim.evidence if evidence.url != url)
    if len(kept) == len(claim.evidence):
        raise EditError("evidence", f"claim {shown(claim_id)} has no evidence {shown(url)}")
    return timeline.replace_claim(attrs.evolve(claim, evidence=kept))


def claimant_suggestions(timeline: Timeline, prefix: str, limit: int = 10) -> list[str]:
    """Names already in the timeline that a typed prefix may mean, most used first.

    Claimants and event actors (without their "(role)") match when any of their words starts
    with the prefix, ignoring case, so one person is not spelled five ways.
    """
    counts: Counter[str] = Counter(claim.claimant for claim in timeline.claims if claim.claimant)
    for event in timeline.events:
        for actor in event.actors:
            name = re.sub(r"\s*\([^)]*\)\s*$", "", actor).strip()
            if name:
                counts[name] += 0  # known, but a claimant's spelling ranks first
    matching = [name for name in counts if name_matches(name, prefix)]
    matching.sort(key=lambda name: (-counts[name], name.casefold()))
    return matching[:limit]


def name_matches(name: str, prefix: str) -> bool:
    """Whether a typed prefix may mean this name: the name or one of its words starts with
    it, ignoring case (an empty prefix matches every name)."""
    wanted = prefix.strip().casefold()
    folded = name.casefold()
    return (
        not wanted
        or folded.startswith(wanted)
        or any(word.startswith(wanted) for word in folded.split())
    )


# --- events ----------------------------------------------------------------------------


def draft_event(
    timeline: Timeline,
    source_text: str | None = None,
    source_id: str = "",
    start: int = 0,
    end: int = 0,
    *,
    date: str | None = None,
    date_text: str | None = None,
    title: str | None = None,
    summary: str = "",
    actors: Sequence[str] | None = None,
) -> Event:
    """The event `add_event` would add: from a selection, its title, date and actors are
    guessed (the date with the resolver `extract` uses, against the source's date)."""
    anchor = None
    if source_text is not None:
        anchor = _anchor(timeline, source_text, source_id, start, end)
        words = source_text[start:end].split()
        if title is None:
            title = " ".join(words[:TITLE_WORDS]) + ("…" if len(words) > TITLE_WORDS else "")
        phrases = temporal.find(source_text, start, end)
        if phrases and date is None:
            published = _published_day(_source_published(timeline, source_id))
            phrase = phrases[0]
            sentence = _article(source_text).sentences[
                _article(source_text).sentence_at(phrase.start)
            ]
            tense = temporal.tense_at(source_text, phrase.start, phrase.end, sentence.start)
            date = temporal.Resolver(published).resolve(phrase, tense)
            if date_text is None:
                date_text = phrase.text
        if actors is None:  # the speaker and the organisations of their role, as extract does
            speaker = guess_claimant(source_text, start, end)
            actors = build._actors(_reading(source_text).people, speaker)
    title = _title(title or "")
    event_id = _unique_ids(timeline, "event").unique(build.slug(title))
    return Event(
        id=event_id,
        title=title,
        date=_date(date or ""),
        date_text=date_text or "",
        summary=summary,
        actors=_actors(actors or ()),
        anchor=anchor,
    )


def insert_event(timeline: Timeline, event: Event) -> Timeline:
    _new_id(timeline, event.id)
    _title(event.title)
    _date(event.date)
    _anchor_source(timeline, event.anchor)
    return attrs.evolve(timeline, events=(*timeline.events, event)).canonical()


add_event = _then_inserted(draft_event, insert_event)


def edit_event(
    timeline: Timeline,
    event_id: str,
    *,
    date: str | None = None,
    date_text: str | None = None,
    title: str | None = None,
    summary: str | None = None,
    actors: Sequence[str] | None = None,
) -> Timeline:
    """The event with the given fields changed; `date` is EDTF (see `resolve_date_input`)."""
    event = _event(timeline, event_id)
    changes: dict[str, Any] = {}
    if date is not None:
        changes["date"] = _date(date)
    if date_text is not None:
        changes["date_text"] = date_text
    if title is not None:
        changes["title"] = _title(title)
    if summary is not None:
        changes["summary"] = summary
    if actors is not None:
        changes["actors"] = _actors(actors)
    changes = {key: value for key, value in changes.items() if getattr(event, key) != value}
    if not changes:
        return timeline
    edited = timeline.replace_event(attrs.evolve(event, **changes))
    return edited.canonical() if "date" in changes else edited


def delete_event(
    timeline: Timeline, event_id: str, claims: str = "move", to: str | None = None
) -> Timeline:
    """The timeline without the event; its claims moved to event `to` (None: to no event)
    or, with claims="delete", deleted too."""
    _event(timeline, event_id)
    if claims not in CLAIMS_POLICIES:
        raise EditError("claims", f"{shown(claims)} is not one of {', '.join(CLAIMS_POLICIES)}")
    if claims == "move" and to is not None:
        if to == event_id:
            raise EditError("to", "the claims cannot move to the event being deleted")
        _event_ref(timeline, to)
    events = tuple(event for event in timeline.events if event.id != event_id)
    gone = {f"events.{event_id}"}
    if claims == "delete":
        kept = tuple(claim for claim in timeline.claims if claim.event != event_id)
        gone |= {f"claims.{claim.id}" for claim in timeline.claims_of(event_id)}
    else:
        kept = tuple(
            attrs.evolve(claim, event=to or "") if claim.event == event_id else claim
            for claim in timeline.claims
        )
    conflicts = _conflicts_without(timeline, gone)
    return attrs.evolve(timeline, events=events, claims=kept, conflicts=conflicts).canonical()


# --- dates -----------------------------------------------------------------------------


@attrs.frozen
class DateReading:
    """What a date field's text means: the EDTF value and its reading, or why not."""

    value: str = ""  # EDTF; "" = undated
    reading: str = "undated"  # dates.display(value): "week of 27 Jan 2020"
    problem: str = ""  # why the text cannot be read; "" when it can

    @property
    def ok(self) -> bool:
        return not self.problem


def resolve_date_input(text: str, published: str = "") -> DateReading:
    """A date field's text, EDTF or words, resolved against the source's `published` date.

    Words ("last Tuesday", "January 1997", "before 2 Feb 2020", "since 1993") go through the
    resolver `extract` uses, plus the open ends that "since", "after", "before", "until" and
    "by" give. An empty field means undated.
    """
    words = text.strip()
    if not words:
        return DateReading()
    try:
        return DateReading(words, dates.parse(words).display())
    except dates.DateError as error:
        edtf_problem = str(error)
    if _EDTF_SHAPED.fullmatch(words):  # meant as EDTF: say what is wrong with it
        return DateReading(problem=edtf_problem)
    base = _published_day(published)
    phrase, leading = _date_phrase(words)
    if phrase is None:
        return DateReading(
            problem=f"{shown(words)} is neither an EDTF date (2020-02-04, 2020-01, "
            '2020-01-27/2020-02-02, ../2020-02-02) nor date words such as "last Tuesday", '
            '"January 1997", "before 2 Feb 2020", "since 1993"'
        )
    if temporal.base_kind(phrase.kind) in temporal.RELATIVE_KINDS and base is None:
        return DateReading(
            problem=f"{shown(phrase.text)} depends on the source's date, which is "
            f"{'not a day' if published else 'unknown'}; give the year, or an EDTF date"
        )
    value = temporal.Resolver(base).resolve(phrase, "")
    if not value:
        return DateReading(problem=f"{shown(phrase.text)} cannot be resolved to a date")
    first_word = (leading or phrase.text).split()[0]
    value = temporal.open_ended(first_word, value)
    if not dates.is_valid(value):  # pragma: no cover - the resolver writes EDTF
        return DateReading(problem=f"{shown(words)} gave {shown(value)}, not an EDTF date")
    return DateReading(value, dates.display(value))


def _date_phrase(words: str) -> tuple[temporal.DatePhrase | None, str]:
    """The one date phrase the words are, and a bounding word said before it ("since").

    The whole input must be the phrase (give or take punctuation and "night", "morning"...):
    a date field is not free text from which some date is picked.
    """
    for candidate in (words, f"in {words}"):  # a bare month ("March") reads as "in March"
        phrases = temporal.find(candidate)
        if len(phrases) != 1:
            continue
        phrase = phrases[0]
        before = candidate[: phrase.start].split()
        after = candidate[phrase.end :]
        rest = [word for word in re.findall(r"[\w'-]+", after) if word.lower() not in _TIME_OF_DAY]
        leading = before[0] if len(before) == 1 else ""
        if rest or len(before) > 1 or (before and leading.lower() not in temporal.OPEN_BOUNDS):
            continue
        return phrase, leading
    return None, ""


def _published_day(published: str) -> dt.date | None:
    """The source's date as a day (relative words need one), else None."""
    try:
        value = dates.parse(published) if published else None
    except dates.DateError:
        return None
    if value is None or value.precision != dates.PRECISION_DAY or value.start is None:
        return None
    return value.start.lower


def _source_published(timeline: Timeline, source_id: str) -> str:
    source = timeline.source(source_id)
    return source.published if source is not None else ""


def reference_date(timeline: Timeline, event_id: str = "") -> str:
    """The `published` date a date field of this event is read against: the event's source,
    else the first source with a date ("" when none has one)."""
    event = timeline.event(event_id) if event_id else None
    if event is not None and event.anchor is not None:
        published = _source_published(timeline, event.anchor.source)
        if published:
            return published
    return next((source.published for source in timeline.sources if source.published), "")


# --- checks shared by the edits --------------------------------------------------------


def _claim(timeline: Timeline, claim_id: str) -> Claim:
    claim = timeline.claim(claim_id)
    if claim is None:
        raise EditError("claim", f"there is no claim {shown(claim_id)} in this file")
    return claim


def _event(timeline: Timeline, event_id: str) -> Event:
    event = timeline.event(event_id)
    if event is None:
        raise EditError("event", f"there is no event {shown(event_id)} in this file")
    return event


def _event_ref(timeline: Timeline, event_id: str) -> str:
    if event_id and timeline.event(event_id) is None:
        raise EditError("event", f"there is no event {shown(event_id)} in this file")
    return event_id


def _claim_text(text: str) -> str:
    if not text.strip():
        raise EditError("text", "the claim text is empty; write what is claimed")
    return text


def _claimant(claimant: str) -> str:
    """A claimant on one line with single spaces; "" for the article's own statement."""
    name = " ".join(claimant.split())
    if name and not any(character.isalnum() for character in name):
        raise EditError(
            "claimant",
            f"{shown(name)} is only punctuation; give a name, or leave it empty for the "
            "article's own statement",
        )
    return name


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise EditError("kind", f"{shown(kind)} is not one of {', '.join(KINDS)}")
    return kind


def _title(title: str) -> str:
    if not title.strip():
        raise EditError("title", "the event title is empty; say what happened")
    return title


def _date(value: str) -> str:
    if value:
        try:
            dates.parse(value)
        except dates.DateError as error:
            raise EditError("date", str(error)) from None
    return value


def _actors(actors: Iterable[str]) -> tuple[str, ...]:
    """Actors one per entry, single-spaced, without blanks or repeats."""
    kept: list[str] = []
    for actor in actors:
        name = " ".join(actor.split())
        if name and name not in kept:
            kept.append(name)
    return tuple(kept)


def _conflicts_without(timeline: Timeline, records: set[str]) -> tuple[Conflict, ...]:
    """The merge conflicts left once `records` ("claims.<id>") are gone: a conflict about a
    deleted record has nothing left to decide."""
    return tuple(conflict for conflict in timeline.conflicts if conflict.record not in records)


def _unique_ids(timeline: Timeline, fallback: str) -> UniqueIds:
    """Ids unique in the whole file, across sources, events and claims."""
    ids = UniqueIds(limit=100, strip="-", fallback=fallback)
    ids.used.update(source.id for source in timeline.sources)
    ids.used.update(event.id for event in timeline.events)
    ids.used.update(claim.id for claim in timeline.claims)
    return ids


def _claim_id(timeline: Timeline, claimant: str, text: str) -> str:
    """A readable slug as `extract` makes them: the claimant's surname and the main words."""
    return _unique_ids(timeline, "claim").unique(*build.claim_id_parts(claimant, text))


def _new_id(timeline: Timeline, record_id: str) -> None:
    try:
        check_id(record_id)
    except FieldProblem as error:
        raise EditError("id", str(error)) from None
    taken = (timeline.claim(record_id), timeline.event(record_id), timeline.source(record_id))
    if any(record is not None for record in taken):
        raise EditError("id", f"{shown(record_id)} is already the id of a record in this file")


def _anchor(timeline: Timeline, source_text: str, source_id: str, start: int, end: int) -> Anchor:
    if timeline.source(source_id) is None:
        raise EditError("source", f"{shown(source_id)} is not a source of this file")
    problem = selection_problem(source_text, start, end, source_id)
    if problem:
        raise EditError("selection", problem)
    return anchors.make(source_id, source_text, start, end)
