"""Assemble the draft timeline: events from date phrases, claims attached to their events.

Ids are slugs of the words (setting, title, claimant), made unique by a numeric suffix in
text order, so the same article always gives the same ids and the same bytes.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

import attrs

from factcheck import anchors
from factcheck.extract import claims as claims_module
from factcheck.extract import people as people_module
from factcheck.extract import subjects, temporal
from factcheck.extract.article import BODY_DATELINE, Article, strip_dateline
from factcheck.extract.people import words
from factcheck.model import Claim, Event, Source, Timeline, UniqueIds

SOURCE_ID = "article"
_TITLE_WORDS = 14
#: How many earlier events a claim without a date of its own looks back through for the
#: event its speaker spoke at (speakers' events are near their claims; bounds the work).
_LOOK_BACK = 50
_STOPWORDS = words(
    "a an the of to in on at and or but for by with from that this these those is are was "
    "were be been has have had it its as said says say their his her they he she we our "
    "would will could should can may also than then there which who whom about into over"
)


@attrs.define
class _Event:
    phrase: temporal.DatePhrase
    sentence: int
    speaker: str | None
    title: str
    #: Whether the date is when the speaker spoke ("said on Monday"), not what they spoke of.
    speech: bool = False
    setting: str = ""
    actors: list[str] = attrs.field(factory=list)


def slug(words: str, limit: int = 5) -> str:
    """A readable id fragment: lowercase ASCII words without stopwords, at most `limit`."""
    tokens = re.findall(r"[a-z0-9]+", words.lower().replace("’", "").replace("'", ""))
    kept = [token for token in tokens if token not in _STOPWORDS] or tokens
    return "-".join(kept[:limit])[:60].strip("-")


def claim_id_parts(claimant: str, words: str) -> tuple[str, str]:
    """The two parts of a claim's id: who (the claimant's last name, or "article") and what
    (the main words of the claim, less the words of the claimant's name: a hyphenated
    "Anheuser-Busch" or "Sun-Times" names "anheuser" and "busch", so they are not repeated)."""
    who = slug(claimant.split()[-1], 2) if claimant else "article"
    named = set(re.findall(r"\w+", claimant.lower()))
    content = " ".join(word for word in re.findall(r"\w+", words) if word.lower() not in named)
    return who, slug(content, 4)


def _shorten(words: str, limit: int = _TITLE_WORDS) -> str:
    tokens = words.split()
    if len(tokens) <= limit:
        return " ".join(tokens).rstrip(" ,;:")
    return " ".join(tokens[:limit]).rstrip(" ,;:") + "…"


def _in_wire_dateline(text: str, offset: int) -> bool:
    match = BODY_DATELINE.match(text, text.rfind("\n", 0, offset) + 1)
    return match is not None and offset < match.end()


#: Date phrases of a wire dateline ("BRUSSELS, February 10 (Xinhua) --"): the day the story
#: was filed, which dates its lead and is the day its "Friday" or "today" count from.
_DATELINE_DAY_KINDS = frozenset({"month-day", "day-month", "month-day-year", "day-month-year"})


def _event_sentence(article: Article, phrase: temporal.DatePhrase) -> int:
    """The sentence an event of the phrase stands for: a dateline alone on its line dates
    the lead sentence after it."""
    index = article.sentence_at(phrase.start)
    if phrase.kind == "dateline" and index + 1 < len(article.sentences):
        sentence = article.sentences[index]
        if not strip_dateline(article.text[sentence.start : sentence.end]).strip():
            return index + 1
    return index


#: "..., Y said on Monday" closing a sentence (words joined by possessive whitespace: linear).
_TITLE_TRAIL = re.compile(
    rf",\s++({subjects.WORD}(?:\s++{subjects.WORD}){{0,11}}?),?\s++"
    rf"({subjects.SPEECH_VERBS})\b[^,;:“”\"\s]*+(?:\s++{subjects.WORD})*+\s*+$"
)


def _title(article: Article, phrase: temporal.DatePhrase, sentence_index: int) -> tuple[str, bool]:
    """A short title from the event's sentence, and whether the date is that of the speaking.

    The date words are dropped. In "X will vote on Thursday, Y said on Monday" the Monday
    event is Y's statement ("Y said: X will vote") and the Thursday event is the vote.
    """
    sentence = article.sentences[sentence_index]
    text = article.text
    body = strip_dateline(text[sentence.start : sentence.end])
    offset = sentence.end - len(body)
    if phrase.start < offset:  # the dateline's day, dating the lead: all its words
        phrase = attrs.evolve(phrase, start=offset, end=offset)
    rest = body[phrase.end - offset :]
    if rest.startswith(("'s ", "’s ")):
        rest = rest[3:]  # "up from last year's $2.34 billion" -> "up from $2.34 billion"
    words = " ".join((body[: phrase.start - offset] + rest).split())
    words = re.sub(r"\s+([,.;:])", r"\1", words)
    words = re.sub(r"^[,;:]\s*", "", words).rstrip(" .")
    trail = _TITLE_TRAIL.search(words)
    speech = False
    if trail:
        clause_start = text.rfind(",", sentence.start, phrase.start)
        speech = (
            clause_start >= 0
            and text.count(",", clause_start + 1, phrase.start) == 0
            and (phrase.start - sentence.start > len(words) // 2)
        )
        content = words[: trail.start()]
        words = f"{trail.group(1)} {trail.group(2)}: {content}" if speech else content
    else:
        before = text[max(sentence.start, phrase.start - 30) : phrase.start]
        speech = re.search(rf"\b(?:{subjects.SPEECH_VERBS}|statement)\s*$", before) is not None
    words = re.sub(r"(?:\s+(?:on|in|for|at|by|since|until|from|to|of|during))+$", "", words)
    return ((words[:1].upper() + words[1:]) if words else phrase.text), speech


def date_phrases(article: Article) -> list[temporal.DatePhrase]:
    """The article's date phrases, resolved (date and tense set): those of the text and the
    day of a wire dateline, not the line that gave the article date."""
    text = article.text
    resolver = temporal.Resolver(article.date)
    #: Resolvers by the dateline day they count from (few: within a week of the article date).
    resolvers = {article.date: resolver}
    found = []
    #: The day the text last spoke of, for "a day earlier" or "the previous Friday".
    reference = article.date
    spoken: dt.date | None = None  # the last day the text itself named, and where
    spoken_at = -1
    for phrase in temporal.find(text):
        if _in_wire_dateline(text, phrase.start):
            date = resolver.resolve(phrase, "") if phrase.kind in _DATELINE_DAY_KINDS else ""
            if len(date) != 10:
                continue
            # The nearest such day to the article date (a story filed late on the 7th runs
            # in the paper of the 8th); the story's relative dates count from it.
            day = dt.date.fromisoformat(date)
            if article.date is None or 0 < abs((day - article.date).days) <= 7:
                resolver = resolvers.setdefault(day, temporal.Resolver(day))
            reference = day
            found.append(attrs.evolve(phrase, kind="dateline", date=date, tense="past"))
            continue
        if article.dateline and article.dateline[0] <= phrase.start < article.dateline[1]:
            continue
        sentence = article.sentences[article.sentence_at(phrase.start)]
        tense = temporal.tense_at(text, phrase.start, phrase.end, sentence.start)
        if (
            tense == "future"
            and phrase.kind == "weekday"
            and text.startswith(("'s", "’s"), phrase.end)
            and not re.match(r"(?i:next|this|coming)\s", phrase.text)
        ):
            tense = "past"  # "would get around Wednesday's ruling": a ruling already made
        if phrase.kind == "time-of-day":
            # "shot at 10 p.m.": the day the text speaks of (a date right after it is read
            # below: "at 10:35 a.m. (0735 GMT) Friday")
            date = spoken.isoformat() if spoken and spoken_at >= sentence.start else ""
        elif phrase.kind == "anaphoric":
            date = temporal.anaphoric(phrase.text, reference) if reference else ""
        elif phrase.kind == "and-day":
            date = temporal.and_day(found[-1].date, phrase.text) if found else ""
        else:
            date = resolver.resolve(phrase, tense)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            reference = spoken = dt.date.fromisoformat(date)
            spoken_at = phrase.start
        found.append(attrs.evolve(phrase, date=date, tense=tense))
    for position, phrase in enumerate(found[:-1]):
        following = found[position + 1]
        if (
            phrase.kind == "time-of-day"
            and following.date
            and following.start - phrase.end <= 30
            # in one sentence: "at 4 in the morning (4 a.m. EDT Thursday)", "at 10 p.m.
            # Friday"; not "at 6 a.m. Police came on Monday"
            and not re.search(r"[;!?]|\.\s+[A-Z][a-z]", text[phrase.end - 1 : following.start])
        ):
            found[position] = attrs.evolve(phrase, date=following.date)
    # A dateline's day dates the lead unless the lead names other days only: "PORTVILLE,
    # March 8 — The board voted on Tuesday" is Tuesday's vote, not a second event on the 8th.
    lead_days: dict[int, set[str]] = {}
    for phrase in found:
        if phrase.kind != "dateline" and len(phrase.date) == 10:
            lead_days.setdefault(article.sentence_at(phrase.start), set()).add(phrase.date)
    return [
        phrase
        for phrase in found
        if (phrase.date or phrase.kind not in ("time-of-day", "and-day"))
        and not (
            phrase.kind == "dateline"
            and phrase.date not in lead_days.get(_event_sentence(article, phrase), {phrase.date})
        )
    ]


def extract(article: Article, source: Source, timeline_id: str, title: str = "") -> Timeline:
    """The draft timeline of an article (every claim unverified, everything anchored)."""
    text = article.text
    # Speakers are read with no-break spaces as spaces ("Gov.\u00a0John Kasich", "”\u00a0Butz,
    # 49, told"): one character for one, so every offset holds.
    spoken = attrs.evolve(article, text=text.replace("\u00a0", " "))
    people = people_module.People(spoken.text)
    phrases = date_phrases(article)
    found_claims, speaker_of_sentence = claims_module.find(
        spoken, people, [(phrase.start, phrase.end) for phrase in phrases]
    )

    # Events: one per distinct (sentence, date) of the date phrases outside the dateline.
    events: list[_Event] = []
    seen: set[tuple[int, str, str]] = set()
    # "on Dec. 31 at about 2 a.m.": the day's own words name the event, not the time's.
    named_days = {
        (article.sentence_at(phrase.start), phrase.date)
        for phrase in phrases
        if phrase.kind not in ("time-of-day", "dateline")
    }
    for resolved in phrases:
        index = _event_sentence(article, resolved)
        key = (index, resolved.date, "" if resolved.date else resolved.text)
        if key in seen or (resolved.kind in ("time-of-day", "dateline") and key[:2] in named_days):
            continue
        seen.add(key)
        speaker = speaker_of_sentence.get(index)
        heading, speech = _title(article, resolved, index)
        events.append(_Event(resolved, index, speaker, heading, speech))

    # Claims attach to the event of their attribution sentence, else to the latest earlier
    # event at which their speaker (or an unnamed group that included them) spoke.
    by_sentence: dict[int, list[_Event]] = {}
    for dated in events:
        by_sentence.setdefault(dated.sentence, []).append(dated)
    event_sentences = [event.sentence for event in events]  # ascending: text order

    def event_for(claim: claims_module.Found) -> _Event | None:
        own = by_sentence.get(claim.sentence)
        if own:
            return next((event for event in own if event.speech), own[0])
        if not claim.claimant:
            return None
        first = bisect.bisect_left(event_sentences, claim.sentence)
        earlier = events[max(0, first - _LOOK_BACK) : first]
        for event in reversed(earlier):
            if event.speaker == claim.claimant and (
                event.speech or len(by_sentence[event.sentence]) == 1
            ):
                return event
        for event in reversed(earlier):
            if (
                event.speaker
                and event.speaker[:1].isupper()
                and event.speaker not in people.persons
                and not people_module.is_publication(event.speaker)
                and event.speaker.split()[0] in ("A", "An", "The", "Some", "Several")
            ) or (event.speaker and event.speaker.islower()):
                return event
        return None

    attached: list[tuple[claims_module.Found, _Event | None]] = []
    for claim in found_claims:
        event = event_for(claim)
        attached.append((claim, event))
        if event is None:
            continue
        if claim.setting and not event.setting:
            event.setting = claim.setting
        for actor in _actors(people, claim.claimant):
            if actor not in event.actors:
                event.actors.append(actor)

    ids = UniqueIds(limit=100, strip="-", fallback="item")
    event_ids: dict[int, str] = {}
    built_events = []
    for position, event in enumerate(events):
        event_title = event.title
        if event.setting:
            event_title = f"{event.setting[:1].upper()}{event.setting[1:]}: {event_title}"
        base = slug(event.setting, 2) if event.setting else slug(event.title)
        event_id = ids.unique(base)
        event_ids[position] = event_id
        sentence = article.sentences[event.sentence]
        built_events.append(
            Event(
                id=event_id,
                title=_shorten(event_title),
                date=event.phrase.date,
                date_text=event.phrase.text,
                actors=tuple(event.actors),
                anchor=anchors.make(SOURCE_ID, text, sentence.start, sentence.end),
            )
        )
    position_of = {id(event): position for position, event in enumerate(events)}
    built_claims = []
    for claim, event in attached:
        words = text[claim.start : claim.end]
        claim_id = ids.unique(*claim_id_parts(claim.claimant, words))
        person = people.person(claim.claimant)
        notes = f"Claimant: {person.described}" if person is not None and person.role else ""
        aliases = people.aliases.get(claim.claimant)
        if aliases:
            notes = notes or f"Claimant: {claim.claimant}"
            notes += f" (also named {', '.join(sorted(aliases))})"
        built_claims.append(
            Claim(
                id=claim_id,
                text=" ".join(words.split()),
                event=event_ids[position_of[id(event)]] if event is not None else "",
                claimant=claim.claimant,
                kind=claim.kind,
                notes=notes,
                anchor=anchors.make(SOURCE_ID, text, claim.start, claim.end),
            )
        )
    return Timeline(
        id=timeline_id,
        title=title or source.title,
        sources=(source,),
        events=tuple(built_events),
        claims=tuple(built_claims),
    ).canonical()


def _actors(people: people_module.People, claimant: str) -> list[str]:
    if not claimant or claimant[:1].islower():
        return []
    person = people.person(claimant)
    if person is None:
        return [claimant] if claimant.split()[0] not in ("A", "An", "Some") else []
    return [claimant, *person.organisations]


def headline(article: Article) -> str:
    """The article's title: a short unpunctuated line at its head (not a byline or the
    dateline), else its first sentence, shortened."""
    for start, end in article.paragraphs[:4]:
        if article.dateline and article.dateline[0] <= start < article.dateline[1]:
            continue
        line = article.text[start:end]
        if len(line.split()) <= 16 and line[-1:] not in '.!?”"' and not line.startswith("By "):
            return _shorten(line, 16)
    for sentence in article.sentences:
        if article.dateline and sentence.start < article.dateline[1]:
            continue
        words = strip_dateline(article.text[sentence.start : sentence.end])
        return _shorten(words.rstrip("."), 12)
    return ""


def published(date: dt.date | None) -> str:
    return date.isoformat() if date else ""
