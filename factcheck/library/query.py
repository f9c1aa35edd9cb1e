"""From messy text (a tweet, a claim) to words, and from words to a safe FTS5 query.

Real queries carry links, pic.twitter.com images, @handles, #hashtags, emoji, quotes inside
quotes and a "— Name (@handle) January 14, 2020" signature: links go, the signature keeps only
the name, other handles and hashtags are split into words ("@realDonaldTrump" -> "real Donald
Trump"); each measured to help on the CheckThat! training tweets. None of it may reach FTS5 as
syntax: the query is built only from words of letters and digits, each one quoted, joined
by OR, so `"`, OR, NEAR, `*`, `(`, `-` and `:` in a claim are just text (or nothing).
"""

from __future__ import annotations

import re
import unicodedata

#: Only the start of a text is read: a claim is a few sentences; a 1 MB paste is not a claim.
MAX_QUERY_CHARS = 4_000
#: Words kept per query (the first ones, after dropping stopwords and repeats).
MAX_QUERY_WORDS = 64

#: A bare "example.com/..." starts a dotted name (not inside one) and takes its parts without
#: backtracking: `[\w.-]+\.com/` retried at every dot made "a.a.a…" quadratic.
_LINK = re.compile(
    r"(?:https?://|www\.|pic\.twitter\.com/|t\.co/)\S*"
    r"|(?<![\w-])(?<![\w-]\.)(?:[\w-]++\.)++(?:com|org|net)/\S*",
    re.IGNORECASE,
)
#: @handles and #hashtags are split into their words: @realDonaldTrump names Donald Trump.
_TAG = re.compile(r"[@#](\w+)")  # also glued ones: "@andersoncooper@HillaryClinton"
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)")
#: An embedded tweet's signature, "— Name (@handle) January 14, 2020": the name is kept.
_SIGNATURE = re.compile(
    r"[\u2014\u2013] ?(?P<name>[^\u2014\u2013\n]{1,80}?) \(@\w{1,50}\)"
    r"(?: (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}, \d{4})?$",
    re.IGNORECASE,
)
#: A tweet's closing date, as embedded tweets print it: "January 14, 2020".
_SIGNATURE_DATE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}, \d{4}\s*$",
    re.IGNORECASE,
)
#: Words of letters and digits: the same split as FTS5's unicode61 tokenizer.
_WORD = re.compile(r"[^\W_]+")

STOPWORDS = frozenset(
    """a about above after again against all am an and any are aren as at be because been
    before being below between both but by can cannot could couldn did didn do does doesn
    doing don down during each few for from further had hadn has hasn have haven having he
    her here hers herself him himself his how i if in into is isn it its itself just let ll
    me more most mustn my myself no nor not now of off on once only or other ought our ours
    ourselves out over own re s same shan she should shouldn so some such t than that the
    their theirs them themselves then there these they this those through to too under until
    up ve very was wasn we were weren what when where which while who whom why will with won
    would wouldn you your yours yourself yourselves d m o y
    rt via amp gt lt http https www com pic twitter status""".split()  # noqa: SIM905
)


def plain_text(text: str) -> str:
    """The text as a sentence model would read it: links, the signature's handle and date and
    the @/# marks gone."""
    text = unicodedata.normalize("NFKC", text[:MAX_QUERY_CHARS])
    text = _SIGNATURE.sub(lambda match: " \u2014 " + match.group("name"), text.rstrip())
    text = _LINK.sub(" ", text)
    text = _TAG.sub(lambda match: " " + _CAMEL.sub(" ", match.group(1)) + " ", text)
    text = _SIGNATURE_DATE.sub(" ", text)
    return " ".join(text.replace("\u2014", " ").split())


def words(text: str) -> list[str]:
    """The searchable words of a text, lowercased, in order, stopwords and links dropped."""
    return [word for word in _WORD.findall(plain_text(text).lower()) if word not in STOPWORDS]


def fts_query(text: str) -> str:
    """An FTS5 MATCH expression: the distinct words of `text`, each quoted, joined by OR.

    Empty when the text has no searchable word (the caller then returns no match).
    """
    seen: dict[str, None] = {}
    for word in words(text):
        seen.setdefault(word, None)
        if len(seen) == MAX_QUERY_WORDS:
            break
    return " OR ".join('"' + word.replace('"', '""') + '"' for word in seen)
