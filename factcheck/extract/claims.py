"""Claims in an article: direct quotes, reported speech, publication reports and statistics.

Each found claim keeps its span in the source (for the anchor), its claimant resolved to a
full name through `People`, and the sentence of its attribution (to find its event).
"""

from __future__ import annotations

import bisect
import re

import attrs

from factcheck.extract.article import BODY_DATELINE, Article
from factcheck.extract.people import People, words
from factcheck.extract.subjects import (
    MASK,
    NAME_WORD,
    SPEECH,
    SPEECH_VERBS,
    TAKES_OBJECT,
    described_subject,
    introduced_by_verb,
    sentence_subject,
    speech_verbs,
    subject_after,
    subject_of,
)

_ACCORDING = re.compile(r"^According\s++to\s++(?P<subject>[^,]{1,60}+),\s")
_STATEMENT = re.compile(
    r"\b(?:(?:released|issued|sent|put\s+out|published)\s+(?:a|an|the)\s+(?:following\s+|brief\s+|"
    r"written\s+|joint\s+)?statement|in\s+a\s+statement|"
    r"told\s+reporters|said\s+in\s+a\s+statement)\b"
)
_SETTING = re.compile(
    r"\b(?:[Aa]t|[Dd]uring|[Ii]n)\s+(?:a|an|the|[A-Z]\w+['’]s)\s+"
    r"(?P<setting>(?:[\w-]+\s+){0,2}?(?:press|news)\s+conference|(?:[\w-]+\s+){0,2}?"
    r"(?:hearing|rally|briefing|interview|speech|town\s+hall|protest|vigil|meeting|debate))"
    r"(?P<place>\s+(?:in|at|on)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?)?"
)
_STATISTIC = re.compile(
    r"\bvot\w*\s+(?:of\s+)?\d+\s?(?:-|–|to)\s?\d+\b"
    r"|(?<![\w.,$€£-])\d+(?:\.\d+)?\s?(?:°\s?[CF]?|C|F|km|kg|mph|cm|mm)\b"
    r"|(?<![\w.,$€£-])(?:[$€£]\s?)?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
    r"(?:\s?(?:%|percent\b|per\s+cent\b))?(?:\s(?:million|billion|trillion|thousand)\b)?"
    r"(?:\s+(?:more\s+|fewer\s+|new\s+)?(?!a\.m|p\.m|percent)[a-z][a-z-]{2,})?"
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|hundreds|thousands|tens)\s+"
    r"(?:million|billion|trillion)\s+[a-z][a-z-]{2,}"
)
_TITLE_WORDS = frozenset(
    ("dr", "mr", "mrs", "ms", "sen", "rep", "gov", "prof", "the", "and", "but", "then")
)
#: ", according to the report" inside a sentence (after quoted words too) names its source.
_ACCORDING_INSIDE = re.compile(rf"[,{MASK}][”\"'’{MASK}]*+[ ]according[ ]to(?=[ ]\w)")
#: The source after "according to" when it is not a name: "exit polls", "someone in attendance".
_ACCORDING_PHRASE = re.compile(r"[ ]((?:[\w’'-]++[ ]){0,5}+[\w’'-]++)[ ]*+(?:[.;)]|$)")
#: The source after "according to", up to its clause's end.
_ACCORDING_CLAUSE = re.compile(r"(?<![ ])[ ]*+([^,.;:()]{1,150}+)")  # `match`ed
#: A sentence that opens with its speaker and verb ("Trump told Britain's ITV …"), however long.
_OPENING_ATTRIBUTION = re.compile(  # used with `match`: the lookbehind only stops a search
    rf"(?<![ \t])[ \t]*+(?:{NAME_WORD}[ ]){{1,4}}(?:also[ ]|later[ ])?(?:{SPEECH_VERBS})\b"
)
#: An attribution that ends with a colon belongs to the quote after it.
_INTRODUCES_NEXT = re.compile(rf"(?<![\w-])(?:{SPEECH_VERBS})[ \t]*+:[\s'`]*+$")
#: Quote marks: straight and curly double quotes, and the typewriter pairs `` and '' of wire copy.
_QUOTE_MARK = re.compile(r"[\"“”]|''|``")
_FRAGMENT_WORDS = 5


@attrs.frozen
class Found:
    """A claim found in the text (before ids and events are assigned)."""

    start: int
    end: int
    kind: str
    claimant: str
    #: The sentence index whose events the claim belongs to (its attribution).
    sentence: int
    #: A setting such as "press conference in the town hall", when the text gives one.
    setting: str = ""


@attrs.frozen
class Quote:
    start: int  # the first character inside the marks
    end: int
    open_mark: int
    close_mark: int  # offset of the closing mark, or the paragraph end when unclosed


def quotes(article: Article) -> list[Quote]:
    """Direct quotes, paired per paragraph in order (a mark's direction is not trusted).

    Writers and converters get curly-quote direction wrong; pairing marks in order does not
    care. An odd mark left over opens a quote that runs to the paragraph's end (the news
    convention for a quote continued in the next paragraph).
    """
    text = article.text
    found = []
    for start, end in article.paragraphs:
        # A two-character mark opens at its last character and closes at its first.
        spans = [(m.end() - 1, m.start()) for m in _QUOTE_MARK.finditer(text, start, end)]
        if not spans:
            spans = [(mark, mark) for mark in _single_quote_marks(text, start, end)]
        pairs = [(spans[i][0], spans[i + 1][1]) for i in range(0, len(spans) - 1, 2)]
        if len(spans) % 2:
            pairs.append((spans[-1][0], end))
        for open_mark, close_mark in pairs:
            inner_start, inner_end = open_mark + 1, close_mark
            while inner_end > inner_start and text[inner_end - 1] in " ,":
                inner_end -= 1
            while inner_start < inner_end and text[inner_start].isspace():
                inner_start += 1
            if inner_end > inner_start:
                found.append(Quote(inner_start, inner_end, open_mark, close_mark))
    return found


def _single_quote_marks(text: str, start: int, end: int) -> list[int]:
    """British-style ‘quotes’: an opening ‘ at a word start, closed by ’ not inside a word."""
    marks: list[int] = []
    for match in re.finditer(r"(?<!\w)‘|’(?!\w)", text[start:end]):
        is_open = match.group() == "‘"
        if is_open == (len(marks) % 2 == 0):
            marks.append(start + match.start())
    return marks


def _is_fragment(text: str, quote: Quote) -> bool:
    """A few quoted words inside a sentence ("so-called “public sources”"), not a quotation."""
    words = len(text[quote.start : quote.end].split())
    before = text[max(0, quote.open_mark - 4) : quote.open_mark].rstrip("'` \t")
    starts_clause = not before or before[-1] in ",:.;!?—–-(" or before.endswith("\n")
    return words < 3 or (not starts_clause and words < 2 * _FRAGMENT_WORDS)


class Spans:
    """Sorted, non-overlapping spans; finds those that overlap a range in O(log n + k)."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = sorted(spans)
        self.ends = [high for _low, high in self.spans]

    def within(self, start: int, end: int) -> list[tuple[int, int]]:
        found = []
        for index in range(bisect.bisect_right(self.ends, start), len(self.spans)):
            low, high = self.spans[index]
            if low >= end:
                break
            found.append((max(low, start), min(high, end)))
        return found


def _mask(text: str, spans: Spans, start: int, end: int) -> str:
    """text[start:end] with quoted spans blanked (same length, so offsets hold)."""
    chars = list(text[start:end])
    for low, high in spans.within(start, end):
        for position in range(low, high):
            chars[position - start] = MASK if not chars[position - start].isspace() else " "
    return "".join(chars)


def find(
    article: Article, people: People, dates: list[tuple[int, int]]
) -> tuple[list[Found], dict[int, str]]:
    """Every claim of the article in text order, and the speaker of each attributed sentence.

    A sentence can name a speaker without being a claim ("X released a statement"); the
    speakers map lets events know who spoke at them.
    """
    text = article.text
    found: list[Found] = []
    all_quotes = quotes(article)
    full = [quote for quote in all_quotes if not _is_fragment(text, quote)]
    fragments = [quote for quote in all_quotes if _is_fragment(text, quote)]
    people.hide_quoted([(quote.open_mark, quote.close_mark) for quote in full])
    masked_spans = Spans([(q.open_mark, min(q.close_mark + 1, len(text))) for q in full])
    fragment_spans = Spans([(q.open_mark, min(q.close_mark + 1, len(text))) for q in fragments])
    date_spans = Spans(dates)
    speakers: dict[int, str] = {}  # sentence index -> speaker of its reported speech
    last_organisation = ""
    settings: dict[int, str] = {}
    turns = _turns(article, people)
    # Reported speech, publication reports and statistics, sentence by sentence.
    for index, sentence in enumerate(article.sentences):
        if article.dateline and sentence.start < article.dateline[1]:
            continue
        masked = _mask(text, masked_spans, sentence.start, sentence.end)
        prefix = BODY_DATELINE.match(masked)
        if prefix:  # "LONDON, Oct 14 (Reuters) - " is not the subject of the sentence
            masked = " " * prefix.end() + masked[prefix.end() :]
        numbers = _blank_dates(masked, date_spans, sentence.start)
        setting = _SETTING.search(masked)
        if setting:
            settings[index] = " ".join(
                (setting.group("setting") + (setting.group("place") or "")).split()
            )
        quoted = fragment_spans.within(sentence.start, sentence.end)
        speaker, statement_only = _attribution(masked, sentence.start, people, quoted)
        if speaker is None and _STATEMENT.search(masked):
            # "Acme issued a statement", "When Wallace died, Clinton released a statement:"
            speaker = _subject_before(masked, sentence.start, people)
            if not (speaker and claimant_name(speaker, people, sentence.start)):
                speaker = sentence_subject(masked, sentence.start, people) or speaker
            statement_only = True
        if speaker is not None and _GENERIC_ORGANISATION.fullmatch(speaker) and last_organisation:
            speaker = last_organisation  # "Acme Foods said ..." then "The company expects ..."
        elif speaker and _is_organisation(speaker, people):
            last_organisation = speaker
        if speaker is not None:
            speakers[index] = speaker
            if not _ASKED_OF_SUBJECT.search(masked):  # the one asked, not the asker, goes on
                people.spoke(sentence.end - 1, speaker)
        inside_full_quote = masked.count(MASK) > len(masked) * 0.6
        if inside_full_quote:
            continue
        has_fragment = any(sentence.start <= q.start < sentence.end for q in fragments)
        statistic = _has_count(numbers)
        if speaker is not None and not statement_only:
            kind = "statistic" if statistic else "paraphrase"
        elif has_fragment:
            # Quoted words with no verb of saying are those of the speaker at hand, else of
            # the sentence's subject ("Rubio also bemoaned a climate in which people
            # “literally hate each other”").
            speaker = (
                speaker
                or turns.get(sentence.paragraph, ("", 0))[0]  # "Graham: Trump's ‘hateful …’"
                or _headline_speaker(masked, sentence.start, people)
                or _context_speaker(article, speakers, index)
                or sentence_subject(masked, sentence.start, people)
                or ""
            )
            kind = "statistic" if statistic else "paraphrase"
        elif statistic:
            speaker, kind = "", "statistic"
        else:
            continue
        if speaker is None:
            continue
        for low, high, who in _clauses(masked, sentence.start, people, quoted, speaker):
            found.append(
                Found(
                    sentence.start + low,
                    sentence.start + high,
                    kind,
                    who,
                    index,
                    settings.get(index, ""),
                )
            )
    # Direct quotes: attribution after the closing mark, before the opening one, or context.
    for number, (speaker, turn_start) in turns.items():
        end = article.paragraphs[number][1]
        if not _QUOTE_MARK.search(text, turn_start, end):
            found.append(Found(turn_start, end, "quote", speaker, article.sentence_at(turn_start)))
    previous_speaker = ""
    previous_close = -1
    quote_claims: list[Found] = []
    for quote in full:
        index = article.sentence_at(min(quote.close_mark, len(text) - 1))
        sentence = article.sentences[index]
        tail = text[quote.close_mark + 1 : sentence.end]
        tail = tail.split("“")[0].split('"')[0]
        opening = article.sentence_at(quote.open_mark)
        head = text[max(article.sentences[opening].start, previous_close + 1) : quote.open_mark]
        previous_close_at = previous_close
        previous_close = quote.close_mark
        tail_start = quote.close_mark + 1
        next_index = index + 1
        if (
            not tail.strip(" \t'`")
            and next_index < len(article.sentences)
            and article.sentences[next_index].paragraph == sentence.paragraph
        ):
            # "“…coming!” Bush said." – the quote ends its sentence, the attribution follows.
            after = article.sentences[next_index]
            # Up to its own quote: "“…” Mr. Zahed said: “…”" introduces the quote after it.
            words = _QUOTE_MARK.split(text[after.start : after.end], maxsplit=1)[0]
            opens = _OPENING_ATTRIBUTION.match(words)  # "Trump told Britain's ITV … when asked"
            if (len(words.split()) <= 14 or opens) and not _INTRODUCES_NEXT.search(words):
                tail, tail_start, index = words, after.start, next_index
        speaker = _speaker_near(tail, tail_start, people)
        if speaker is None and not SPEECH.search(tail):  # "…," is Lightfoot's statement
            speaker = _speaker_in(tail, tail_start, people)
        if speaker is None:
            speaker = _signed(article, quote, people) or _short_tail(tail, tail_start, people)
        attributed = index
        if speaker is None:
            head_start = max(article.sentences[opening].start, previous_close_at + 1)
            label = _LABEL.search(head)
            if label:  # "… in the Northeast - Philip Bump: “…”" (a label outranks a verb)
                name = label.group("name")
                named = " " in name or name.lower() not in _KICKERS  # "- HuffPollster: “…”"
                speaker = people.known(name, head_start) or (name if named else None)
            if speaker is None:
                speaker = _speaker_near(head, head_start, people, last=True)
            if speaker is None and not SPEECH.search(head):
                speaker = _speaker_in(head, head_start, people)
            if speaker is None and re.search(r"[:,—–-]\s*+['`]?$", head):
                # "Mahaney agreed: “…”", "…, writing “…”": the sentence's subject speaks.
                speaker = sentence_subject(head, head_start, people)
            if speaker is None and introduced_by_verb(head):
                # "… issued a statement saying “…”": the sentence's subject speaks.
                speaker = sentence_subject(head, head_start, people)
            if speaker is None and speakers.get(opening):
                # "He vowed to “…” and to “…”": the speaker of the sentence's reported speech.
                speaker = speakers[opening]
            if speaker is None and head.strip(" \t'`"):
                # "Sanders used the question to demand that the wealthy “…”": no verb of
                # saying, so the words are those of the sentence's subject, if a known person.
                subject = sentence_subject(head, head_start, people)
                speaker = subject if subject in people.persons else None
            attributed = opening
        if speaker is None and article.sentences[opening].paragraph in turns:
            speaker = turns[article.sentences[opening].paragraph][0]
        if speaker is None:
            speaker = _context_speaker(article, speakers, opening)
        if not speaker:  # "Donald Trump Praises Boyle: ‘Very Good Reporter.’"
            start, end = article.paragraphs[article.sentences[opening].paragraph]
            speaker = _headline_speaker(text[start:end], start, people)
        if not speaker and _continues(text, article, quote):
            speaker = previous_speaker
        if not speaker and _opens_paragraph(article, quote):
            # A bare quote paragraph goes on with the speaker of the paragraph before it
            # ("Smith said the plan was flawed." / "“It will fail.”").
            previous_paragraph = article.sentences[opening].paragraph - 1
            speaker = _paragraph_speaker(article, speakers, previous_paragraph)
            if not speaker and previous_paragraph >= 0:
                speaker = _introducer(article, people, previous_paragraph)
        previous_speaker = speaker
        people.spoke(quote.close_mark, speaker)
        speakers.setdefault(attributed, speaker)
        quote_claims.append(
            Found(quote.start, quote.end, "quote", speaker, attributed, settings.get(index, ""))
        )
    # A quote left open at a paragraph's end is attributed where it continues.
    for position in range(len(quote_claims) - 2, -1, -1):
        claim, following = quote_claims[position], quote_claims[position + 1]
        if (
            not claim.claimant
            and following.claimant
            and _continues(text, article, full[position + 1])
        ):
            quote_claims[position] = attrs.evolve(claim, claimant=following.claimant)
    # A number given around a quote ("..., he said, adding that 17 of 50 ...") is the
    # speaker's, not the article's.
    quoted_by = {claim.sentence: claim.claimant for claim in quote_claims if claim.claimant}
    found = [
        attrs.evolve(claim, claimant=quoted_by[claim.sentence])
        if claim.kind == "statistic" and not claim.claimant and claim.sentence in quoted_by
        else claim
        for claim in found
    ]
    found += quote_claims
    found = [_signed_post(article, people, claim) for claim in found]
    found = [
        attrs.evolve(claim, claimant=claimant_name(claim.claimant, people, claim.start))
        for claim in found
    ]
    spelling = one_spelling([claim.claimant for claim in found], people)
    found = [
        attrs.evolve(claim, claimant=spelling.get(claim.claimant, claim.claimant))
        for claim in found
    ]
    found.sort(key=lambda claim: (claim.start, claim.end))
    speakers = {index: claimant_name(name, people, 0) for index, name in speakers.items()}
    speakers = {index: spelling.get(name, name) for index, name in speakers.items()}
    return found, speakers


#: Where a sentence joins two clauses ("Trump called it “rigged,” and a few lawmakers have
#: called for …", "…, while Mike Huckabee proposed …").
_CLAUSE_JOIN = re.compile(
    r"(?:,[”\"'’]?+[ ](?:and|but|while|whereas|when)|;|[ ]while|[ ]whereas)[ ]++(?=\w)"
    # "Ted Cruz accuses Obama of … and Donald Trump says …": "and" before a named speaker
    rf"|[ ]and[ ]++(?=(?:{NAME_WORD}[ ]){{1,4}}(?:{SPEECH_VERBS})\b)"
    # "…, he said when asked by a reporter if …": the asker's question
    r"|,?+[ ]++(?=(?:when|after|as)[ ]++asked[ ]++by[ ])"
)


def _joins_a_subject(masked: str, join: re.Match[str]) -> bool:
    """Whether a bare "and" joins two subjects ("both he and Rubio promised", "Congress and
    President Obama agreed") rather than two clauses."""
    if not join.group().startswith(" and"):
        return False
    before = masked[: join.start()].split()
    last = before[-1] if before else ""
    return last[:1].isupper() or last.lower() in ("he", "she", "i", "we", "they", "you")


#: A leading subordinate clause: "After Trump argued that …, Rubio said …" gives each its own.
#: (Used with `match`; the lookbehind keeps a search from retrying inside a run of spaces.)
_LEADING_CLAUSE = re.compile(
    r"(?<![\s\"“'`])[\s\"“'`]*+(?:After|When|While|As|Before|Although|Though|Because|Since|Once|Until|Whereas"
    r"|Asked(?=[ ]by\b))[ ][^,;]{10,200}+,[ ]++(?=\w)"
)
#: A question put to the sentence's subject ("Rubio was asked by moderator Gerard Baker
#: whether …"): the asker speaks here, but "he said" after it is still the one asked.
_ASKED_OF_SUBJECT = re.compile(r"(?<![\w’'-])(?:was|were|is|are|been|being)[ ]++asked[ ]++by[ ]")
#: A leading question put by someone ("Asked by a reporter whether …, Trump said"): the
#: question is the asker's words, the rest of the sentence the answerer's.
_ASKED_BY = re.compile(
    r"(?<![\s\"“'`])[\s\"“'`]*+(?:(?:[Ww]hen|[Aa]fter|[Aa]s|[Ww]hile|[Oo]nce)[ ]++)?+"
    r"[Aa]sked[ ]++by[ ]++"
    r"(?P<asker>[^,;:█]{1,80}?)(?=[ ]++(?:about|if|whether|to|why|what|how|when|on|in|at|for|"
    r"during|after|before|last|this|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|,)"
)


def _clauses(
    masked: str, offset: int, people: People, quoted: list[tuple[int, int]], speaker: str
) -> list[tuple[int, int, str]]:
    """The sentence's words by speaker, as (start, end, speaker) relative to the sentence.

    A sentence that joins the reported speech of two speakers ("One in three said …, and one
    in four said …") gives each clause to its own speaker; a clause with no speaker of its own
    stays with the one before it (and a leading one with no speaker is no claim).
    """
    joins = [join for join in _CLAUSE_JOIN.finditer(masked) if not _joins_a_subject(masked, join)]
    joins = joins[:4]
    leading = _LEADING_CLAUSE.match(masked)
    if leading and not any(join.start() < leading.end() for join in joins):
        joins.insert(0, leading)
    whole = [(0, len(masked), speaker)]
    if not joins:
        return whole
    starts = [0] + [join.end() for join in joins]
    ends = [join.end() - 2 if join is leading else join.start() for join in joins] + [len(masked)]
    parts: list[tuple[int, int, str]] = []
    for low, high in zip(starts, ends, strict=True):
        asked = _ASKED_BY.match(masked[low:high])
        who: str | None
        if asked is not None:
            who = people.resolve(asked.group("asker"), offset + low + asked.start("asker"))
            context_only = False
        else:
            who, context_only = _attribution(masked[low:high], offset + low, people, quoted)
        named = who if who and not context_only else ""
        named = named if claimant_name(named, people, offset + low) else ""
        if named and (not parts or parts[-1][2] != named):
            parts.append((low, high, named))
        elif parts:
            parts[-1] = (parts[-1][0], high, parts[-1][2])
    if len(parts) < 2 and not (parts and parts[0][2] != speaker):
        return whole
    return parts


def _name_tokens(name: str) -> list[str]:
    return [token for token in re.split(r"[\s-]+", name.lower().rstrip(".")) if token]


def one_spelling(claimants: list[str], people: People) -> dict[str, str]:
    """Shorter forms of an organisation's name mapped to its fullest form in the article
    ("Anheuser" and "Anheuser-Busch" to "Anheuser-Busch Cos."); the forms are recorded in
    `people.aliases` for the claims' notes. Persons are already resolved by `People`.
    """
    names = sorted(
        {name for name in claimants if name and name not in people.persons and name[0].isupper()},
        key=lambda name: (-len(_name_tokens(name)), -len(name), name),
    )
    spelling: dict[str, str] = {}
    for position, short in enumerate(names):
        tokens = _name_tokens(short)
        for full in names[:position]:
            if full in spelling or full == short:
                continue
            if _name_tokens(full)[: len(tokens)] == tokens and len(_name_tokens(full)) > len(
                tokens
            ):
                spelling[short] = full
                break
    for short, full in spelling.items():
        aliases = people.aliases.setdefault(full, [])
        if short not in aliases:
            aliases.append(short)
    return spelling


#: Words that open a clause or a phrase, never a name ("Though she", "At the time", "Both").
_NOT_A_NAME_START = words(
    "though although while when after before as at in on if because but and or so both all "
    "then which who whom whose what where why how also yet since during with without from "
    "for by to of having being asked speaking one each every some any no none many most few "
    "several neither nor either"
)
_NOT_A_NAME_END = words("that which who the a an and or but of to in on at for with by from as")
_DATE_WORD = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow|"
    r"tonight|january|february|june|july|august|september|october|november|december|week|"
    r"month|year)\b",
    re.IGNORECASE,
)
_BARE_TITLE = re.compile(
    r"(?:(?:the|a|an)\s+)?(?:mr|mrs|ms|dr|sen|rep|gov|gen|president|mayor|senator|governor|"
    r"secretary|judge|chairman|spokesman|spokeswoman|spokesperson)\.?",
    re.IGNORECASE,
)
#: Someone or something speaking for an organisation ("an analysis by the Pew Research Center"),
#: too long for a claimant: the organisation speaks.
_SPEAKING_FOR = re.compile(
    r"(?:[Aa]n?|[Tt]he|[Oo]ne)[ ](?:[a-z][\w-]*+[ ]){0,2}?(?:spokes(?:man|woman|person)|"
    r"representative|official|officials|lawyer|attorney|aide|aides|member|members|analysis|"
    r"report|study|survey|poll|review|statement)[ ]"
    r"(?:for|of|at|from|with|by)[ ](?:the[ ])?"
    r"(?P<organisation>[A-Z][\w.&’'-]*+(?:[ ][A-Z][\w.&’'-]*+)*+)"
)
_POSSESSIVE_DESCRIPTION = re.compile(r"(?:His|Her|Their|Its)\s+(.+)")


def claimant_name(claimant: str, people: People, offset: int) -> str:
    """A claimant that is a name, or "": never a fragment, a date word, spaces, a bare title.

    "Then Brafman" is Brafman; "His campaign" is the person "his" refers to; a description
    the article never ties to a name ("a U.S. Embassy official") stays as written.
    """
    name = claimant.strip(" \t'`\"“”‘’,;:")
    if not re.search(r"\b(?:Cos|Co|Inc|Corp|Ltd|Jr|Sr|Bros)\.$", name):
        name = name.rstrip(".")
    if not name:
        return ""
    run = re.search(r"\s{2,}|[\n█·]", name)
    if run:
        name = name[: run.start()].strip()
    tokens = name.split()
    while tokens and tokens[0].lower() in _NOT_A_NAME_START and len(tokens) > 1:
        tokens = tokens[1:]  # "Then Brafman", "Although he"
    name = " ".join(tokens)
    speaking_for = _SPEAKING_FOR.fullmatch(name)
    if speaking_for and len(tokens) > 6:
        name = speaking_for.group("organisation")  # "A spokesman for the Jupiter Police …"
        tokens = name.split()
    possessive = _POSSESSIVE_DESCRIPTION.fullmatch(name)
    if possessive:
        pronoun = {"His": "he", "Her": "she"}.get(name.split()[0], "")
        return (people.last_before(offset, pronoun) or "") if pronoun else ""
    if name.lower() in ("he", "she", "him", "her"):
        return people.last_before(offset, name) or ""
    if (
        not tokens
        or len(tokens) > 6
        or tokens[0].lower() in _NOT_A_NAME_START
        or tokens[-1].lower() in _NOT_A_NAME_END
        or _DATE_WORD.search(name)
        or _BARE_TITLE.fullmatch(name)
        or re.search(r"(?<![A-Za-z])\d|[\"“”]", name)
        or name.lower() in ("they", "we", "it", "i", "you", "this", "that", "there")
    ):
        return people.known(name, offset) or ""
    return name[:1].upper() + name[1:]


def _blank_dates(masked: str, dates: Spans, offset: int) -> str:
    """The sentence with date phrases blanked, so "Dec. 15" or "in 2019" count nothing."""
    chars = list(masked)
    for low, high in dates.within(offset, offset + len(masked)):
        for position in range(low, high):
            chars[position - offset] = "·"
    return "".join(chars)


_GENERIC_ORGANISATION = re.compile(
    r"The (?:[A-Z][\w.]*+ ){0,3}(?:company|firm|agency|group|organi[sz]ation|department|"
    r"council|board|bank|union|"
    r"ministry|government|university|club|team|authority|commission|retailer|airline|carrier)"
)


def _is_organisation(speaker: str, people: People) -> bool:
    """A named speaker that is not a person: "Acme Foods", "the Environment Agency"."""
    return (
        speaker not in people.persons
        and speaker[:1].isupper()
        and not re.match(r"(?:A|An|The\s+[a-z]|Some|Several|Many|Most)\b", speaker)
        and not _GENERIC_ORGANISATION.fullmatch(speaker)
        and all(  # a name, not a group ("Dock workers")
            word[:1].isupper() or word in ("of", "for", "and", "the", "&")
            for word in speaker.split()[1:]
        )
    )


def _has_count(masked: str) -> bool:
    """Whether a number in the sentence counts something (not only a time or an age)."""
    from_to = re.search(r"\bfrom\s++\d[\d,.]*+\s++to\s++\d", masked) is not None
    for match in _STATISTIC.finditer(masked):
        value = match.group()
        if re.fullmatch(r"(?:1[6-9]\d\d|20\d\d)(?:\s+[a-z-]+)?", value):
            continue  # a year ("in 2019", "2020 election")
        if re.search(r"[%$€£°]|percent|per cent|million|billion|trillion|thousand|^vot", value):
            return True
        if from_to:
            return True
        if re.fullmatch(r"\d+(?:\.\d+)?\s?(?:C|F|km|kg|mph|cm|mm)", value):
            return True
        if re.search(r"\s[a-z]", value) and not re.search(
            r"\s(?:years?|days?|weeks?|months?|hours?|minutes?|seconds?|times?|am|pm|of|to|"
            r"and|or|in|on|at|the|a)$",
            value,
        ):
            return True
    return False


def _attribution(
    masked: str, offset: int, people: People, quoted: list[tuple[int, int]]
) -> tuple[str | None, bool]:
    """The speaker of reported speech in a sentence, and whether it only sets context.

    A verb inside `quoted` (the article offsets of quoted words left unmasked) is the
    speaker's own word ("''because they expect …,'' Mr. Chipok said"), never the attribution.
    """
    match = _ACCORDING.match(masked)
    if match and MASK not in match.group("subject"):
        return people.resolve(match.group("subject"), offset + match.start("subject")), False
    according = _ACCORDING_INSIDE.search(masked)
    if according:  # "The board proposed it in 1997, according to Reyes, and …": Reyes
        after = masked[according.end() :]
        source = subject_after(after, offset + according.end(), people)
        if source is None and (phrase := _ACCORDING_PHRASE.match(after)):
            source = people.resolve(phrase.group(1), offset + according.end())  # "exit polls"
        if source and not claimant_name(source, people, offset + according.end()):
            # "according to a person close to the process": the description's head speaks.
            clause = _ACCORDING_CLAUSE.match(after)
            head = clause.group(1) if clause else ""
            source = described_subject(head, offset + according.end(), people) or source
        if source and claimant_name(source, people, offset + according.end()):
            return source, False
    quote_speaker = unnamed = None
    verbs = speech_verbs(masked)
    # A parenthetical attribution ("…, said an American official.", "Loyalty, he noted, has
    # long been …") attributes the whole sentence, before any verb inside its content.
    verbs.sort(key=lambda verb: not _parenthetical(masked, verb))
    for verb in verbs:
        if MASK in masked[max(0, verb.start() - 4) : verb.start()]:
            # "“…,” he said": the quote's own attribution, which the quote's claim takes;
            # the sentence keeps it only as context (for its quoted fragments).
            quote_speaker = quote_speaker or subject_of(masked, verb, offset, people)
            continue
        if any(low <= offset + verb.start() < high for low, high in quoted):
            continue
        speaker = subject_of(masked, verb, offset, people)
        speaker = _described(speaker, masked[: verb.start()], verb, offset, people)
        if speaker is not None and not claimant_name(speaker, people, offset + verb.start()):
            unnamed = speaker if unnamed is None else unnamed  # a later verb may name
            continue  # "the Sunday morning shows", "they"
        if speaker is not None:
            return speaker, False
    if quote_speaker:
        # "“…,” said Joe Biden, urging critics to …": more reported speech of the quote's speaker
        return quote_speaker, unnamed is None
    return unnamed, False


#: The words between a parenthetical attribution's verb and its clause's end ("said an
#: American official who was briefed on the talks.").
_PARENTHETICAL_TAIL = re.compile(r"[^,.;:!?“”\"]{0,80}+(?:[,.;!?]|$)")


def _parenthetical(masked: str, verb: re.Match[str]) -> bool:
    """Whether a speech verb sits in a parenthetical attribution: a comma, a short subject
    (or none), the verb, then a short tail to the clause's end ("…, he noted, …")."""
    if verb.group().split()[0].lower().endswith("ing") or TAKES_OBJECT.fullmatch(verb.group()):
        return False
    before = masked[: verb.start()]
    comma = before.rfind(",", max(0, verb.start() - 60))
    if comma < 0 or len(before[comma + 1 :].split()) > 5 or MASK in before[comma:]:
        return False
    if re.search(r"\bthat\b", before[comma:]) or SPEECH.search(before, comma):
        return False  # "…, Walsh noted that Ohio boasted": inside another verb's clause
    tail = _PARENTHETICAL_TAIL.match(masked, verb.end())
    return tail is not None and not re.search(r"\bthat\b", tail.group())


_SUBORDINATE_OPENERS = words(
    "when while after before as if because since although though once until"
)
_STATEMENT_SUBJECT = re.compile(
    r"(?<!\S)(?:(?:And|But|Also|So),?+\s++)?+"
    r"([^,;:\s]++(?:[ \t]++[^,;:\s]++){0,9}?)\s++(?:\w++\s++)?"
    r"(?:released|issued|sent|put|published|told|said|in)\b"
)


#: A transcript turn or a headline attribution: "PENCE: …", "Sidney Blumenthal: ‘…’".
_TURN = re.compile(
    r"(?<![\w.'’\"“-])[\"“']?(?P<name>[A-Z][A-Za-z.'’-]*+(?:[ ][A-Z][A-Za-z.'’-]*+){0,3})"
    # A party tag, and a quote mark right after the colon: "Rep. Trey Gowdy (R-S.C.):"…""
    r"(?:[ ]\([A-Z][\w.-]{0,12}+\))?+:(?:[ ]|(?=[\"“]))"
)


#: A name labelling the quote that follows, after a sentence end or a dash: "… - Pew Research: “…”".
_LABEL = re.compile(
    rf"(?:^|[.!?:][ ]|[ ][-—–][ ])[ ]*+(?:More[ ]from[ ])?"
    rf"(?P<name>{NAME_WORD}(?:[ ]{NAME_WORD}){{0,3}}(?:[ ]and(?:[ ]{NAME_WORD}){{1,3}})?)"
    r":[ ]*+['`]?$"
)


#: Headline labels that are not speakers ("Exclusive: …", "Watch: …").
_KICKERS = words(
    "exclusive breaking update updated watch video analysis opinion editorial poll review "
    "report live photos listen read transcript commentary correction factcheck interview "
    "explainer podcast"
)


def _turns(article: Article, people: People) -> dict[int, tuple[str, int]]:
    """The speaker of each paragraph that opens with a name and a colon, and where the
    words of the turn start."""
    found = {}
    for number, (start, end) in enumerate(article.paragraphs):
        match = _TURN.match(article.text, start, end)
        if match is None or end - match.end() < 10:
            continue
        name = match.group("name")
        if name.isupper():
            name = " ".join(word.capitalize() for word in name.split())
        # One word names a speaker only in a headline ("Milbank: Republicans ‘Waving …’").
        named = len(name.split()) >= 2 or (number == 0 and name.lower() not in _KICKERS)
        speaker = people.known(name, start) or people.by_first_name(name) or (name if named else "")
        if speaker and not _DATE_WORD.search(speaker):
            found[number] = (speaker, match.end())
    return found


def _described(
    speaker: str | None, before: str, verb: re.Match[str], offset: int, people: People
) -> str | None:
    """The description that is the whole subject of a finite verb of saying ("A person
    familiar with the talks says" is "A person", not "the talks"), where the subject found is
    no name or only a description; else the subject found."""
    named = speaker and claimant_name(speaker, people, offset + verb.start())
    if (named and not re.match(r"(?:The|An?)[ ][a-z]", named)) or verb.group().endswith("ing"):
        return speaker
    head = re.sub(
        r"(?:[ ]++(?:have|has|had|also|later|then|would|will|did|does|do))*+[ ]*+$", "", before
    )
    described = described_subject(head, offset, people)
    if not named:
        return described or speaker
    if named.lower().startswith(described.lower()) or not claimant_name(described, people, offset):
        return speaker  # "A representative for the brand" already holds its head
    return described


def _speaker_near(words: str, offset: int, people: People, last: bool = False) -> str | None:
    """The speaker of the first (or last) speech verb in an attribution fragment."""
    verbs = [verb for verb in speech_verbs(words) if "█" not in words[: verb.start()][-3:]]
    unnamed = None
    for verb in reversed(verbs) if last else verbs:
        speaker = subject_of(words, verb, offset, people)
        speaker = _described(speaker, words[: verb.start()], verb, offset, people)
        if speaker:
            return speaker
        if speaker is not None and unnamed is None:
            unnamed = speaker  # "who told Congress when asked …:": "told" names its subject
    return unnamed


def _subject_before(masked: str, offset: int, people: People) -> str | None:
    match = _STATEMENT_SUBJECT.match(masked)
    if match is None or MASK in match.group(1):
        return None
    if match.group(1).split()[0].lower() in _SUBORDINATE_OPENERS:
        return None  # "When Wallace died in 1998, President Clinton released": not Wallace
    return people.resolve(match.group(1), offset) or None


def _speaker_in(words: str, offset: int, people: People) -> str | None:
    """The speaker an attribution fragment names (", said Freddy Martinez." / ", he said")."""
    if len(words.split()) > 16 or not re.search(
        rf"\b(?:{SPEECH_VERBS}|statement|according\s+to|asked)\b", words
    ):
        return None
    cleaned = re.sub(rf"\b(?:{SPEECH_VERBS}|according\s+to|is|was|in|a|an)\b", " ", words)
    cleaned = re.sub(r"\b(?:statement|partially|partly|also|then|later|earlier)\b", " ", cleaned)
    cleaned = re.sub(r"(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day", " ", cleaned)
    parts = [part.strip() for part in re.split(r"[,;:!?—–]|\.(?=\s|$)", cleaned)]
    parts = [part for part in parts if part and part.lower().rstrip(".") not in _TITLE_WORDS]
    for part in parts:
        known = people.known(part, offset + words.find(part))
        if known:
            return known
    return people.resolve(parts[0], offset + words.find(parts[0])) if parts else None


def _context_speaker(article: Article, speakers: dict[int, str], index: int) -> str:
    """The speaker of the nearest earlier attributed sentence in the same paragraph."""
    paragraph = article.sentences[index].paragraph
    for earlier in range(index - 1, -1, -1):
        if article.sentences[earlier].paragraph != paragraph:
            break
        if earlier in speakers:
            return speakers[earlier]
    return ""


#: A tail of only a name and a verb in the past, either way round: "“…,” Hannity pressed.",
#: "“…” reacted Trump." (any verb: the convention makes it the attribution).
_SHORT_TAIL = re.compile(  # used with `fullmatch`: the lookbehind only stops a search
    rf"(?<![ \t\w.&’'-])[ \t]*+(?:(?P<before>{NAME_WORD}(?:[ ]{NAME_WORD}){{0,3}})[ ]"
    r"(?:[a-z]++(?<=ed)|wrote)"
    rf"|(?:[a-z]++(?<=ed)|wrote)[ ](?P<after>{NAME_WORD}(?:[ ]{NAME_WORD}){{0,3}}))"
    r"[ ]*+\.?+[ ]*+"
)


def _short_tail(tail: str, offset: int, people: People) -> str | None:
    """The known person a short tail after a quote names with any verb, else None."""
    match = _SHORT_TAIL.fullmatch(tail)
    if match is None:
        return None
    group = "before" if match.group("before") else "after"
    return people.known(match.group(group), offset + match.start(group))


#: A pull quote's signature, the line after it: "Dean Baker, Center for Economic Policy."", or
#: after a whole quoted paragraph, a dashed one: "- Bernie Sanders.", "-Michelle Marks, Ohio.".
_SIGNATURE = re.compile(
    rf"(?<![\w.&'’-])(?P<dash>[—–-][ ]?+)?(?P<name>{NAME_WORD}(?:[ ]{NAME_WORD}){{0,3}})"
    r"(?:,[ ][^.\n\"“”]{2,80}+)?+\.?+(?P<close>[\"”])?[ ]*+"
)


def _signed(article: Article, quote: Quote, people: People) -> str | None:
    """The person signing a quote on the line after it, else None: a quote left open at its
    paragraph's end, closed by the signature line; or a whole quoted paragraph, signed with a
    dash."""
    number = article.paragraph_at(quote.open_mark)
    if number + 1 >= len(article.paragraphs):
        return None
    paragraph_end = article.paragraphs[number][1]
    start, end = article.paragraphs[number + 1]
    signature = _SIGNATURE.fullmatch(article.text, start, end)
    if signature is None or signature.group("name").isupper():
        return None
    name = signature.group("name")
    open_at_end = quote.close_mark == paragraph_end and signature.group("close") is not None
    whole = (
        signature.group("dash") is not None
        and signature.group("close") is None
        and _opens_paragraph(article, quote)
        and not article.text[quote.close_mark + 1 : paragraph_end].strip(" .")
    )
    if not (open_at_end and " " in name) and not whole:
        return None
    return people.resolve(name, signature.start("name")) or None


#: The signature of an embedded post: "… — Paul Ryan (@SpeakerRyan) July 5, 2016".
_POST_SIGNATURE = re.compile(
    rf"[—–][ ]++(?P<name>{NAME_WORD}(?:[ ]{NAME_WORD}){{0,3}})[ ]\(@\w{{1,15}}+\)"
)


def _signed_post(article: Article, people: People, claim: Found) -> Found:
    """A claim with no claimant inside an embedded post is its signer's."""
    if claim.claimant:
        return claim
    paragraph = article.paragraphs[article.paragraph_at(claim.start)]
    signature = _POST_SIGNATURE.search(article.text, claim.start, paragraph[1])
    if signature is None:
        return claim
    name = people.resolve(signature.group("name"), signature.start("name"))
    return attrs.evolve(claim, claimant=name) if name else claim


def _opens_paragraph(article: Article, quote: Quote) -> bool:
    """Whether the quote's opening mark starts its paragraph."""
    paragraph = article.paragraph_at(quote.open_mark)
    start = article.paragraphs[paragraph][0]
    return not article.text[start : quote.open_mark].strip(" \t'`\"“”‘’")


def _paragraph_speaker(article: Article, speakers: dict[int, str], paragraph: int) -> str:
    """The last speaker named in a paragraph ("" when it names none)."""
    if paragraph < 0:
        return ""
    index = article.sentence_at(article.paragraphs[paragraph][1] - 1)
    while index >= 0 and article.sentences[index].paragraph == paragraph:
        if speakers.get(index):
            return speakers[index]
        index -= 1
    return ""


#: Verbs of saying as a headline in title case writes them ("Clinton Says Russians Hacked
#: DNC", "…, Trevor Noah Says"); only those never part of a name (not "States", "Post").
_TITLE_CASE_SPEECH = re.compile(
    r"(?<![\w’'-])(?:Says|Said|Tells|Told|Asks|Asked|Warns|Warned|Urges|Urged|Admits|Denies|"
    r"Insists|Claims|Accuses|Vows|Predicts|Calls|Argues|Explains|Suggests|Praises|Defends|"
    r"Slams|Blasts|Mocks)\b"
)
#: Where the words before a headline's verb start: a comma, a dash, a colon, quoted words.
_HEADLINE_CLAUSE = re.compile(rf"[,;:—–\"“”‘’{MASK}]")
_CAPITALISED_NAME = re.compile(rf"(?<![\w.&'’-])(?:{NAME_WORD}[ ]){{1,2}}{NAME_WORD}")


def _headline_speaker(words: str, offset: int, people: People) -> str:
    """The person a headline or list item in title case names before its verb of saying
    ("Francois Hollande Says Donald Trump ‘Makes You Want To Retch’", "…, Trevor Noah Says"),
    else the person it opens with ("Zoe Saldana Asked Men To …"), else ""."""
    tokens = words.split()
    if not 2 <= len(tokens) <= 30:
        return ""
    lower = sum(1 for token in tokens if token[:1].islower() and token not in _TITLE_SMALL)
    if lower > len(tokens) // 10:
        return ""
    for verb in _TITLE_CASE_SPEECH.finditer(words):
        clause_start = max(
            (found.end() for found in _HEADLINE_CLAUSE.finditer(words, 0, verb.start())),
            default=0,
        )
        subject = words[clause_start : verb.start()].split()[-4:]
        for size in range(len(subject), 0, -1):
            phrase = " ".join(subject[-size:])
            named = people.known(phrase, offset + words.find(phrase, clause_start))
            if named:
                return named
        if 2 <= len(subject) <= 3 and _CAPITALISED_NAME.fullmatch(" ".join(subject)):
            return " ".join(subject)  # "…, Trevor Noah Says": two or three capitalised words
    lead = re.match(r"[\s\d.]*+", words)
    start = lead.end() if lead else 0
    opening = " ".join(words[start:].split()[:4])
    named = people.known(opening, offset + start)
    return named if named and opening.startswith(named.split()[0]) else ""


#: Small words that title case leaves in lower case.
_TITLE_SMALL = words("a an the and or but of to in on at for by with from as vs via")


def _introducer(article: Article, people: People, paragraph: int) -> str:
    """The subject of a paragraph that ends with a colon, introducing the quote paragraph
    after it ("He then listed the qualities of a good nominee:")."""
    start, end = article.paragraphs[paragraph]
    if not article.text[start:end].rstrip().endswith(":"):
        return ""
    sentence = article.sentences[article.sentence_at(end - 1)]
    words = article.text[sentence.start : sentence.end]
    return sentence_subject(words, sentence.start, people) or ""


def _continues(text: str, article: Article, quote: Quote) -> bool:
    """A paragraph that opens with a quote after a paragraph whose quote ran to its end."""
    for number, (start, _end) in enumerate(article.paragraphs):
        if start == quote.open_mark and number:
            previous_start, previous_end = article.paragraphs[number - 1]
            marks = _QUOTE_MARK.findall(text, previous_start, previous_end)
            return len(marks) % 2 == 1
    return False
