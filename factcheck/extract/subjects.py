"""Who speaks: the subject of a verb of saying in news prose.

"After meeting with Putin, Obama said" is Obama; ", said Gen. John Dailey," is John Dailey;
"he said" is the person "he" refers to (through `People`). The claim finder (`claims`) reads
sentences and quotes; this module reads the attribution words inside them.

Every pattern is built from words joined by possessive whitespace, so that its work stays
linear on hostile text (tests/extract/test_regex_safety.py).
"""

from __future__ import annotations

import re

from factcheck.extract.people import (
    FEMALE_NAMES,
    MALE_NAMES,
    PERSON_NOUNS,
    ROLE_HEADS,
    TITLE_MODIFIERS,
    People,
    words,
)

SPEECH_VERBS = (
    r"said|says|say|told|tells|added|adds|argued|argues|noted|notes|stated|explained|"
    # "states" is a verb before what is stated, never in "some swing states in the election"
    r"states(?=[ ]++that\b|[ ]*+[:,\"“]|[ ]++[A-Z])|"
    r"claimed|claims|insisted|insists|warned|warns|announced|acknowledged|admitted|"
    r"pointed\s+(?:to|out)|wrote|writes|reported|reports|testified|alleged|contended|"
    r"maintained|believes|believed|asserted|suggested|suggests|estimated|estimates|"
    r"recalled|countered|replied|responded|continued|concluded|emphasized|stressed|"
    r"predicted|promised|vowed|tweeted|posted|confirmed|denied|disputed|expects?|"
    r"predicts?|forecasts?|showed|shows|urged|urges|accused|accuses|cited|cites|conceded|"
    r"concedes|declared|declares|described|describes|criticized|criticizes|asked|asks|"
    r"questioned|reiterated|charged|complained|remarked|commented|boasted|joked|quipped|"
    r"wondered|lamented|observed|acknowledges|admits|denies|announces|explains|"
    r"agreed|agrees|mused|emailed|texted|put\s+it|went\s+on|remembered|sniped|recounted|"
    r"explains|testifies|announces|blasted|slammed|praised|mocked|dismissed|touted|hailed|"
    r"decried|condemned|demanded|pledged|proposed|indicated|indicates|recommended|hinted|"
    r"lashed\s+out|labell?ed|branded|dubbed|saying|adding|telling|noting|arguing|stating|warning|insisting|writing|"
    r"calling|yelling|shouting|defended|defends|defending|mentioned|mentioning|proclaimed|"
    r"apologized|railed|complains|stresses|blasting|slamming|mocking|praising|complaining|"
    r"questioning|touting|dismissing|lamenting|boasting|bragging|joking|quipping|responding|"
    r"replying|countering|reiterating|stressing|conceding|denying|admitting|confirming|"
    r"predicting|testifying|calls|referred\s+to|reads|emphasizes|boasts|laments|recounts|"
    r"lauded|scolded|chided|chiding|rebuked|lambasted|ridiculed|derided|assailed|speculated|"
    r"opined|"
    r"explaining|claiming|shouted|shouts|yelled|surmised|concludes|recalls|responds|replies|"
    r"continues|contends|insist|argue|suggest|warn|acknowledge|points\s+out|shot\s+back|"
    r"chanted|answered|assured|vows|promises|pledges|blasts|slams|praises|thanked|"
    r"pointing\s+(?:to|out)|alleging|asserting|citing|suggesting|describing|announcing|"
    r"promising|acknowledging|urging|accusing|declaring|criticizing|vowing|pledging|"
    r"tweeting|remarking|emphasizing|recalling|asking|scoffed|scoffs|answers|snapped|retorted|"
    r"retorts|exclaimed|reasoned|cautioned|cautions|observes|screamed|mocks|barked|fumed|"
    r"groused|grumbled|gushed|raved|marveled|marvelled|sighed|thundered|interjected|pleaded|"
    r"implored|protested|objected|whispered|bragged|elaborated|clarified|beamed|fired\s+back|"
    r"repeated(?=[ ]*+[,.:]|[ ]++that\b)|"
    # the plain form after a modal or "to" ("could only quip:", "went on to explain")
    r"quip|explain|admit|concede|declare|"
    r"called\s+(?:on|for)|called(?!\s+(?:off|in|up|back|out)\b)"
)

#: One word of an attribution clause (no spaces, no clause punctuation, no quote marks).
#: Clause patterns are built from words joined by possessive whitespace, so that no two
#: quantifiers can share characters: their work is linear on hostile text.
WORD = r"[^,;:“”\"\s]++"

#: Stands in for quoted characters when reading a sentence's own words.
MASK = "█"


SPEECH = re.compile(rf"(?<![\w-])(?:{SPEECH_VERBS}|according\s++to)\b")
#: A capitalised verb opening a fragment ("Replied State Department spokesman …").
_OPENING_SPEECH = re.compile(rf"(?i:{SPEECH_VERBS}|according\s++to)\b")
_OPENING_SKIP = re.compile(r"(?<![\s\"“”'‘’`(])[\s\"“”'‘’`(]*+")


def speech_verbs(words: str) -> list[re.Match[str]]:
    """The speech verbs of a fragment, a capitalised one at its start included."""
    found = list(SPEECH.finditer(words))
    start = _OPENING_SKIP.match(words)
    opening = _OPENING_SPEECH.match(words, start.end() if start else 0)
    if opening is not None and opening.group()[:1].isupper():
        found.insert(0, opening)
    return found


def introduced_by_verb(head: str) -> bool:
    """Whether a speech verb, at most four words back, introduces the quote that follows
    ("a statement saying “…”", "telling reporters on Thursday “…”")."""
    verbs = speech_verbs(head[-60:])
    if not verbs:
        return False
    rest = head[-60:][verbs[-1].end() :]
    return re.fullmatch(r"(?:[ \t]++[\w’'-]++){0,4}+[ \t]*+['`]?", rest) is not None


NAME_WORD = (
    r"(?:[A-Z][\w.&-]*+(?:['’][A-Z][\w.&-]*+)?+|de|van|von|da|del|della|al|bin|la|le|der|ter)"
)
#: The noun phrase that ends right before a speech verb: a name ("Police Commissioner Richard
#: Ross", "Mr. Trump"), a pronoun, or a description ("the GOP nominee", "Clinton's campaign").
#: Tried only at word starts and over a bounded window, so its work stays linear.
#: A description's words are never pronouns or relatives ("the territory of what he called").
#: "Clinton's", and "Sanders’" after a final s.
_POSSESSIVE = r"(?:['’]s|(?<=s)['’])"
_NOT_PRONOUN = r"(?!(?:he|she|they|we|it|what|who|which|that|when|where)\b)"
_SUBJECT_END = re.compile(
    rf"(?<![\w’'.&-])(?:(?P<described>(?:[Tt]he|[Aa]n?|[Tt]his|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir"
    rf"|[Oo]ne|[Aa]nother|[Ss]ome|{NAME_WORD}{_POSSESSIVE})"
    rf"(?:[ ](?:{_NOT_PRONOUN}[a-z][\w’'.-]*+"
    rf"|{NAME_WORD})){{1,6}})"
    rf"|(?P<name>{NAME_WORD}(?:[ ]{NAME_WORD}){{0,6}}(?:[ ](?:of|from|at|for|with)[ ](?:the[ ])?"
    rf"{NAME_WORD}(?:[ ]{NAME_WORD}){{0,5}})?)"
    r"|(?P<pronoun>[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I|[Ii]t))$"
)
#: Words between a subject and its speech verb ("he also said", "Cruz on Monday said").
_BETWEEN = words(
    "also has had have previously later then again repeatedly once long never often recently "
    "already just further flatly publicly privately quickly simply reportedly first initially "
    "and but later frequently still would will could has long even since earlier today yesterday "
    "tonight monday tuesday wednesday thursday friday saturday sunday on this past last week "
    "month year night morning afternoon evening did does do soon now ever only always "
    "himself herself themselves itself both too"
)
_PASSIVE = words("was were is are been be being it's")
#: Openers of an introductory phrase, which is never the subject ("After meeting with Putin,").
_INTRODUCTORY = words(
    "after before when while as asked speaking in at on during since although though if "
    "because despite following with without unlike like by for from of to amid under "
    "according later earlier meanwhile however but and so yet still then also or last next "
    "here there indeed instead now thus finally back even today yesterday recently previously "
    "separately overall ultimately eventually initially moreover furthermore additionally "
    "likewise similarly nevertheless nonetheless perhaps apparently notably specifically "
    "importantly interestingly ironically fortunately unfortunately first second third "
    "once unless until whenever"
)
_RELATIVE = words("that which who whom whose what where when")
_SUBORDINATORS = words("when if after once as unless while before until though although")


#: What follows an inverted verb up to the clause's end; a full stop inside a name is kept
#: ("Gen. John Dailey", "U.S. Embassy").
_INVERTED_SUBJECT = re.compile(
    r"(?<![ \t])[ \t]*+((?:[^,.;:!?“”\"()—–\s]++|\.(?=[ ]?[A-Z]|\w)|[ \t]++){1,30}+)"
)


_ROLE_WORD = re.compile(
    rf"(?:{ROLE_HEADS}|{'|'.join(TITLE_MODIFIERS)}|spokesman|spokeswoman|assistant|senior|"
    r"general|campaign|press|chief|top|former|the|of|for|and)"
)


#: An unnamed group speaking: "some liberal economists", "multiple sources", "critics".
_GROUP_END = re.compile(
    r"(?<![\w’'-])(?:(?:[Mm]any|[Ss]ome|[Mm]ost|[Ss]everal|[Mm]ultiple|[Oo]ther|[Ff]ew|"
    r"[Tt]hose|[Tt]hese|[A-Z][a-z]++)[ ])?(?:[a-z][\w-]*+[ ]){0,2}[a-z][\w-]*+(?<=s)"
    r"(?<!\bhis)(?<!\bthis)(?<!\bhas)(?<!\bis)(?<!\bwas)(?<!\bits)(?<!\bus)(?<!\bas)$"
)


#: Verbs and negations that a noun phrase never holds.
_FINITE = re.compile(
    r"\b(?:is|was|are|were|has|had|have|will|would|could|can|should|may|might|must|did|does|"
    r"do|be|been|not|isn['’]t|wasn['’]t|won['’]t|don['’]t|doesn['’]t|didn['’]t)\b"
)


#: Two to five name words ending a phrase.
_NAME_END = re.compile(rf"(?<![\w’'.&-])(?P<name>{NAME_WORD}(?:[ ]{NAME_WORD}){{1,4}})$")


def subject_after(words: str, offset: int, people: People) -> str | None:
    """The subject of an inverted attribution: 'said Gen. John Dailey, commander of ...'."""
    match = _INVERTED_SUBJECT.match(words)
    if match is None:
        return None
    phrase = match.group(1)
    phrase = re.sub(  # "on a call", "in his speech"
        r"\s+(?:on|in|at|during)\s+(?:a|an|the|his|her|their|its)\s+.*$", "", phrase
    )
    phrase = re.sub(r"\s+(?:who|which|that|whose|when|while|after|before|as)\s.*$", "", phrase)
    phrase = re.sub(rf"(?:^|\s+)(?:on\s+)?(?:{_WEEKDAY_NAMES})\b.*$", "", phrase)
    phrase = re.sub(r"\s+(?:in|at|of|from|for|with|on)\s+(?:the\s+)?[A-Z].*$", "", phrase.strip())
    phrase = re.sub(  # "Stu Rothenberg of the non-partisan Rothenberg-Gonzales Report"
        rf"^({NAME_WORD}(?:[ ]{NAME_WORD}){{1,3}})[ ](?:of|from|at|with|for)[ ].*$", r"\1", phrase
    )
    if not phrase or len(phrase) > 100 or _FINITE.search(phrase):
        return None  # a clause, not a noun phrase: "said the campaign is taking nothing"
    if re.fullmatch(r"the[ ]\d++-year-old", phrase):
        return people.resolve(phrase, offset + match.start(1)) or None  # "said the 46-year-old"
    if _SUBJECT_END.fullmatch(phrase) is None:
        # "State Department spokesman Richard Boucher": role words, then the name.
        named = _SUBJECT_END.search(phrase)
        if named is not None and not named.group("name"):
            # "Ronald Reagan's former education secretary William J. Bennett": the name
            # that ends a described phrase.
            named = _NAME_END.search(phrase)
        if named is None or not named.group("name"):
            return None
        lead = phrase[: named.start()].split()
        described = len(lead) <= 5 and len(named.group().split()) >= 2
        if not described and any(
            word[:1].islower() and not _ROLE_WORD.fullmatch(word) for word in lead
        ):
            return None  # not a noun phrase: "said the building had been empty"
        phrase = phrase[named.start() :]
    if phrase.lower() in ("he", "she", "they", "we", "it", "i"):
        return None
    apposed = re.match(r",[ ]([A-Z][\w.’'-]*+(?:[ ][A-Z][\w.’'-]*+){1,3}),", words[match.end(1) :])
    if apposed and _SUBJECT_END.fullmatch(phrase) and not people.known(phrase, offset):
        phrase = apposed.group(1)  # "said Rubio's deputy campaign manager, Rich Beeson,"
    return people.resolve(phrase, offset + match.start(1)) or None


#: A message its sender's words come in: "issued a statement saying", "a tweet calling".
_MESSAGE_END = re.compile(
    r"(?<![\w-])(?:statement|tweet|post|letter|release|e-?mail|message|video|ad|memo|note)s?"
    r"(?:[ ](?:to|for|on)(?:[ ][\w’'-]++){1,2})?+[ \t]*+$"  # "a text message to supporters"
)


_WEEKDAY_NAMES = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
#: Speech verbs whose next noun phrase is their object, never an inverted subject: in "Aaron,
#: vice chairman of G-III, told Forbes" Forbes is the listener.
TAKES_OBJECT = re.compile(
    r"told|tells|urged|urges|accused|accuses|called(?:\s+(?:on|for))?|praised|praises|"
    r"blasted|blasts|slammed|slams|mocked|dismissed|touted|hailed|decried|condemned|"
    r"demanded|pledged|proposed|recommended|described|describes|criticized|criticizes|"
    r"questioned|cited|cites|thanked|assured|denied|denies|disputed|confirmed|announced|"
    r"announces|showed|shows|expects?|estimates?|estimated|believes|believed|predicted|"
    r"predicts|promised|promises|vowed|vows|forecasts?|emailed|texted|lashed\s+out|labell?ed|"
    r"branded|dubbed|defended|defends|mentioned|calls|referred\s+to|lauded|scolded|chided|"
    r"rebuked|lambasted|ridiculed|derided|assailed"
)


#: A name right after a verb, then a comma or full stop: the verb's inverted subject.
_NAME_AFTER_VERB = re.compile(rf"[ ]++{NAME_WORD}(?:[ ]{NAME_WORD}){{0,3}}[,.]")
_APPOSED_NAME = re.compile(
    rf"(?<![\w.&'’-])(?:(?:But|And)[ ])?(?P<name>{NAME_WORD}(?:[ ]{NAME_WORD}){{0,5}}"
    rf"(?:[ ]of[ ]{NAME_WORD}(?:[ ]{NAME_WORD}){{0,3}})?+),[ ]"  # "Gov. John Kasich of Ohio, "
)
#: Spaces and quote marks before it. Both start only where their run starts (matched apart,
#: and the lookbehind): else a search would run over a long run again from each position.
_OPENING_MARKS = re.compile(r"[\s'`\"“”‘’]*+")


#: A short description before an apposed name: "Another pollster, David Woodard, said".
_DESCRIPTION_BEFORE_NAME = re.compile(
    r"(?:(?:But|And)[ ])?(?:[Aa]n?|[Aa]nother|[Oo]ne|[Tt]he)(?:[ ][a-z][\w-]*+){1,3},[ ]"
)


def _opens_with_apposed_name(words: str) -> bool:
    """Whether words open with a name and a comma ("Humphrey, who calls Trump …, said"), also
    after a short description ("Another pollster, David Woodard of Clemson University, said"):
    the name is the subject, so what follows the verb is not an inverted one."""
    opening = _OPENING_MARKS.match(words)
    start = opening.end() if opening else 0
    description = _DESCRIPTION_BEFORE_NAME.match(words, start)
    match = _APPOSED_NAME.match(words, description.end() if description else start)
    if match is not None and match.group("name").split()[0].lower() in _INTRODUCTORY:
        match = _APPOSED_NAME.match(words, match.end())  # "Moreover, Jeffrey Sachs, …, noted"
    return match is not None and match.group("name").split()[0].lower() not in _INTRODUCTORY


#: "called" before a quoted or capitalised name names a thing ("a formula called the “chained
#: CPI”"); tried only after a common noun.
_NAMING = re.compile(rf"[ ]++(?:the[ ]++)?[“\"'`{MASK}]")
_COMMON_NOUN_END = re.compile(r"(?<![\w’'-])(?P<noun>[a-z][\w-]*+)[ ]*+$")
_NOT_NOUNS = _RELATIVE | words("he she they we i it you")
#: "by" after a verb names its agent (passive), unless a gerund follows ("concluded by saying").
#: "by" then the agent ("criticized by many Wall Street players"), never a participle ("by
#: saying") or a means of speaking ("said by telephone", "told by email").
_PASSIVE_AGENT = re.compile(
    r"[ ]++by(?![ ]+[a-z]+ing\b)(?![ ]++(?:tele)?phone|[ ]++e-?mail|[ ]++text|[ ]++video|"
    r"[ ]++letter|[ ]++fax|[ ]++radio|[ ]++satellite|[ ]++way[ ]of)[ ]++"
)
#: Where a passive agent's noun phrase ends ("by many Wall Street players for not raising").
_AGENT_END = re.compile(
    r"[ ](?:for|over|about|in|on|at|to|with|after|before|because|as|and|that|whether|if|why|"
    r"what|how)[ ]"
)


#: A possessive description ("His recent", "Her spokesman"): a verb after it may be a noun.
_POSSESSED = re.compile(r"(?<![\w-])(?:[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)(?:[ ][a-z][\w-]*+){0,2}$")
#: A form of "be" before a participle makes it the verb: "Clinton is declaring", "was telling".
_PROGRESSIVE = re.compile(r"[ ](?:is|was|are|were|been|am)(?:[ ](?:also|still|now|not))?+[ ]*+$")
#: Role words, then the name: "Texas delegate Bill Eastland", "Minnesota state delegate Mary".
_ROLE_THEN_NAME = re.compile(  # the lookbehind: a search never retries inside a word
    rf"(?<![\w.&'’-])(?:{NAME_WORD}[ ]){{0,2}}(?:[a-z][\w-]*+[ ]){{0,2}}(?:{PERSON_NOUNS})[ ]"
    rf"(?P<name>{NAME_WORD}(?:[ ]{NAME_WORD}){{0,3}})"
)
#: A state's postal code or a time standing alone between commas ("Berea, OH, after …").
_PLACE_OR_TIME = re.compile(r"[A-Z]{2}|\d{1,2}(?::\d\d)?[ ]?[ap]\.m\.")
#: (A match never starts inside a run of spaces: the run's first space finds it first.)
_TRAILING_ADVERBS = re.compile(r"(?<![ ])(?:[ ]++[a-z]++(?<=ly))*+[ ]*+$")
_DASHED_APPOSITION = re.compile(r"[ ]++(?:[—–]|--)(?:[^—–-]|-(?!-)){1,80}+(?:[—–]|--)[ ]*+$")
#: A dashed apposition that opens with a name (the described person's).
_DASHED_NAME = re.compile(
    rf"[ ]++(?:[—–]|--)[ ]*+(?P<name>{NAME_WORD}(?:[ ]{NAME_WORD}){{1,3}})[,—–-]"
)
#: The same with spaced hyphens: "A representative for the brand - a small business - noted".
_HYPHENED_APPOSITION = re.compile(r"[ ]-[ ](?:[^ ]|[ ](?!-[ ])){1,100}+[ ]-[ ]*+$")


#: A form of "be" right before a participle: a passive ("Rubio was asked by …").
_BE_BEFORE = re.compile(r"(?<![\w’'-])(?:was|were|is|are|been|being)[ ]++$")


#: "to" right after a verb, before the verb of saying ("was prompted to say", "went on to
#: tell"); not after an object ("asked Smith to say": Smith speaks).
_INFINITIVE_AFTER_VERB = re.compile(
    r"(?<![\w’'-])(?:[a-z]++(?<=ed)|goes|go|going|went|decided|chose|wants|wanted|used|"
    r"continues|continued|began|seemed|appeared|tried|refused|declined|had)"
    r"(?:[ ]on)?+[ ]to[ ]*+$"
)


def _names_a_thing(before: str, after: str) -> bool:
    """Whether "called" names a thing rather than reports speech: "a class called
    “Perception”" (a common noun before, a quoted name after), not "what he called “…”"."""
    noun = _COMMON_NOUN_END.search(before[-40:])
    return bool(_NAMING.match(after) and noun and noun.group("noun") not in _NOT_NOUNS)


def subject_of(words: str, verb: re.Match[str], offset: int, people: People) -> str | None:
    """The speaker of a speech verb in `words`: the subject before it, or after it inverted.

    "After meeting with Putin, Obama said" is Obama; "Cory James, 22, of Flint, Mich., said"
    is Cory James; ", said Gen. John Dailey," is John Dailey; "he said" is the person "he"
    refers to. `offset` is where `words` starts in the article (for pronouns).
    """
    # A dashed apposition is an apposition: "Jason Sims — a teacher from Mount Pleasant — says".
    dashed = _DASHED_APPOSITION.search(words, 0, verb.start())
    dashed_name = _DASHED_NAME.match(dashed.group()) if dashed is not None else None
    if (
        dashed is not None
        and dashed_name is not None
        and re.search(r"(?:^|[.!?]\s)(?:An?|The)[ ][^.!?]*$", words[: dashed.start()])
    ):  # "A former Republican presidential candidate -- John McCain, who lost … -- said"
        name_start = offset + dashed.start() + dashed_name.start("name")
        return people.resolve(dashed_name.group("name"), name_start)
    before = _DASHED_APPOSITION.sub(" ", words[: verb.start()])
    before = _HYPHENED_APPOSITION.sub(" ", before)
    after = words[verb.end() :]
    if verb.group().startswith("according") or not before.strip(f" \t,—–-(“”\"'`{MASK}"):
        opening = verb.group().split()[0].lower()
        if opening.endswith("ing") and opening != "according":
            # "Pointing to one change, Walsh noted": the participle's subject is the clause's.
            if SPEECH.search(after):
                return None  # the later verb's subject speaks
            return sentence_subject(words, offset, people) or ""
        return subject_after(after, offset + verb.end(), people)
    agent = _PASSIVE_AGENT.match(after)
    if agent is not None and (verb.group() != "asked" or _BE_BEFORE.search(before[-20:])):
        # "Rubio was asked by moderator Gerard Baker whether …": the asker speaks; not so in
        # "Asked by reporters, Trump said …", where the answer follows.
        # "Yellen has been criticized by many Wall Street players": the agent speaks.
        phrase = after[agent.end() :]
        phrase = phrase[: end.start()] if (end := _AGENT_END.search(phrase)) else phrase
        start = offset + verb.end() + agent.end()
        group = _GROUP_END.fullmatch(phrase.strip())  # "many Wall Street players"
        named = subject_after(phrase, start, people)
        return named or (people.resolve(group.group(), start) if group else "")
    if verb.group() == "called" and _names_a_thing(before, after):
        return None
    if _INFINITIVE_AFTER_VERB.search(before) and not verb.group().endswith(("ing", "ed")):
        # "Mr. Trump was prompted to say", "The email goes on to say": the clause's subject.
        return sentence_subject(before, offset, people)
    if (
        before.rstrip(" \t'\"”’`“").endswith((",", MASK))  # also `…,” said X`, `…,“ said X`
        and not verb.group().endswith("ing")
        and not TAKES_OBJECT.fullmatch(verb.group())
        and (
            not _opens_with_apposed_name(before.rsplit(MASK, 1)[-1])
            or _NAME_AFTER_VERB.match(after) is not None  # "And Trump, said Sunshine, who …"
        )
    ):  # ", said Gen. John Dailey," or "James, 22, said" (but "Sarandon, 69, told MSNBC")
        inverted = subject_after(after, offset + verb.end(), people)
        if inverted is not None:
            return inverted
    progressive = _PROGRESSIVE.search(before) if verb.group().endswith("ing") else None
    if progressive is not None:  # "Hillary Clinton is declaring that …"
        return _subject_ending(before[: progressive.start()], offset, people)
    if verb.group().endswith("ing"):
        # "Cruz blasted Rubio ..., telling Laura Ingraham that ...": the sentence's subject.
        # Reported speech even when its subject is not found (the claim stays, unattributed).
        if before.rstrip(" \t”\"'’").endswith(","):  # also "… a “bad earpiece,” claiming"
            return sentence_subject(before, offset, people) or ""
        if re.search(r"(?<![\w-])by(?:[ ]++[a-z]++ly)?+[ ]*+$", before):
            return sentence_subject(before, offset, people) or ""  # "he began by saying"
        if _MESSAGE_END.search(before):  # "issued a statement saying": the sentence's subject
            return sentence_subject(before, offset, people) or ""
        window = _TRAILING_ADVERBS.sub("", before[-100:])  # "with Trump reportedly yelling"
        near = _SUBJECT_END.search(window)
        if near is not None and near.group("name"):
            if re.search(r"(?:\bwith|\band|[,;—–]|[ ]-)[ ]++$", window[: near.start()]):
                # "with Sen. McCain telling", "…, Ryan saying he was encouraged and Trump calling"
                near_start = offset + len(before) - len(before[-100:]) + near.start()
                return people.resolve(near.group(), near_start) or None
            # "Thiel wrote in a statement to Wired explaining why": the sentence's subject.
            return sentence_subject(before, offset, people)
        return None
    tokens = before.rstrip().split(" ")
    while tokens and (
        tokens[-1].lower() in _BETWEEN or not tokens[-1] or re.fullmatch(r"[a-z]{3,}ly", tokens[-1])
    ):  # also "Cruz gingerly said"
        if tokens[-1].lower() in ("and", "but"):
            # "he laughed and said", "Cruz has supported more visas but has since said"
            return sentence_subject(before, offset, people)
        tokens.pop()
    if tokens and tokens[-1].lower() in _PASSIVE:
        return None  # "it was said", "is expected"
    if tokens and tokens[-1].lower() in _SUBORDINATORS:
        return ""  # "When asked about …", "As noted": reported speech, no subject here
    if tokens and tokens[-1] == "who" and len(tokens) > 1 and tokens[-2].endswith(","):
        tokens = tokens[:-1]  # "Sanders, who says it is disastrous": Sanders
        tokens[-1] = tokens[-1].rstrip(",")
    head = " ".join(tokens)
    if head.rstrip("”\"'’`").endswith(","):  # also "Humphrey, who calls Trump a “sociopath,” said"
        head = head.rstrip("”\"'’`")
        # An apposition closes before the verb: the subject opens the chain of commas.
        chunks = head.rstrip(",").split(",")
        position = 0
        for chunk in chunks:
            stripped = re.sub(r"\s*+\([^()]{0,40}+\)", "", chunk.rsplit(MASK, 1)[-1])
            stripped = stripped.strip(" '`\"“”‘’")  # "“…,” Sarandon, 69, told": Sarandon
            # "But Gen. John Allen, …, said", "And retired Gen. John Allen, …, said"
            stripped = re.sub(r"^(?:But|And|So|Yet|Still)[ ]++(?=[A-Za-z])", "", stripped)
            stripped = re.sub(r"^\d++-year-old[ ]++(?=[A-Z])", "", stripped)  # "81-year-old X,"
            stripped = re.sub(  # "as Tom Ridge, …, put it", "when Mr. Buchanan, …, called"
                r"^(?:[Aa]s|[Oo]r[ ]as|when|while|after|before|because|since|until)[ ](?=[A-Z])",
                "",
                stripped,
            )
            first = stripped.split(" ")[0].lower() if stripped else ""
            if _PLACE_OR_TIME.fullmatch(stripped) or re.match(_WEEKDAY_NAMES, stripped):
                position += len(chunk) + 1  # "Tuesday at … in Berea, OH, …, Gov. John Kasich said"
                continue
            if stripped and first not in _INTRODUCTORY and not first.endswith("ing"):
                end = _SUBJECT_END.fullmatch(stripped) if len(stripped) < 100 else None
                role_named = _ROLE_THEN_NAME.fullmatch(stripped) if end is None else None
                if role_named is not None:  # "Texas delegate Bill Eastland, wearing …, said"
                    start = offset + max(0, before.find(role_named.group("name"), position))
                    return people.resolve(role_named.group("name"), start) or None
                if end is not None and (stripped[:1].isupper() or first in ("the", "a", "an")):
                    named = _apposed_name(chunks[chunks.index(chunk) + 1 :])
                    if end.group("described") and named:
                        stripped = named  # "The owner of the warehouse, Eastport Logistics,"
                    start = offset + max(0, before.find(stripped, position))
                    return people.resolve(stripped, start) or None
                following = chunks[chunks.index(chunk) + 1 :]
                if following and re.match(r"\s*+who(?:['’]s)?\b", following[0]):
                    # "It was three years ago that Michael Bloomberg, who's …, said"
                    trailing = _SUBJECT_END.search(stripped[-100:])
                    if trailing is not None and trailing.group("name"):
                        start = offset + max(0, before.find(trailing.group(), position))
                        return people.resolve(trailing.group(), start) or None
                if first in _RELATIVE:
                    break
            position += len(chunk) + 1
        return None
    if verb.group() in ("calls", "reads") and _POSSESSED.search(head[-60:]):
        return None  # "His recent calls for …", "one of his recent reads": nouns here
    return _subject_ending(head, offset, people)


#: A description opening its clause, with what follows its head noun: "A person familiar
#: with the planning", "Democrats trying to regain the Senate", "many supporters who came to
#: protest", "current and former officials in the FBI". Its head speaks ("A person").
_DESCRIBED_OPENING = re.compile(  # fullmatched: the lookbehind only stops a search
    r"(?<![\w’'-])(?:(?:But|And|So|Yet|Still|Meanwhile)[ ]++)?+"
    r"(?P<head>(?:[Ss]ome|[Mm]any|[Mm]ost|[Ss]everal|[Bb]oth|[Tt]wo|[Tt]hree)(?=[ ](?:who|of|in)\b)"
    r"|(?:[Aa]n?|[Aa]nother|[Oo]ne|[Ss]ome|[Mm]any|[Mm]ost|[Ss]everal|[Bb]oth|[Oo]ther|"
    r"[Tt]wo|[Tt]hree|[Cc]urrent|[Ff]ormer)[ ](?:[\w.’'-]++[ ]){0,4}?[a-z][\w-]*+"
    r"|(?P<plural>(?!(?:His|Its|This|Has|Was|Is|News|As|Us)\b)(?:[A-Z][a-z-]++[ ])?"
    r"[A-Za-z][a-z-]++(?<=[a-z]s)))"  # "Proponents of the bill", "Democrats trying to …"
    r"(?P<rest>[ ](?:with|of|in|at|for|from|on|inside|close|familiar|who|that|[a-z]++(?<=ing))\b"
    r"[^,;:()█]*+)?+"
    r"(?:,[ ](?:however|too|meanwhile),)?+"
)


_NOT_IN_HEAD = _RELATIVE | words("of in at for from on with to his her their its my our your")


def described_subject(head: str, offset: int, people: People) -> str:
    """The description that is the whole subject before a verb ("A person familiar with the
    planning says" is "A person"), or ""; a relative clause may hold verbs, a phrase not."""
    words = head.strip()
    found = _DESCRIBED_OPENING.fullmatch(words)
    if found is None or len(words) > 150:
        return ""
    rest = found.group("rest") or ""
    if found.group("plural") and not rest:
        return ""  # "Economists say" is a group the caller already reads
    if re.search(
        r"\b(?:number|lot|majority|handful|couple|series|kind|part)$", found.group("head")
    ):
        return ""  # "A number of counties": the head is a quantity
    if re.match(r"[ ](?:who|that)\b", rest) is None and _FINITE.search(rest):
        return ""
    head_words = set(found.group("head").lower().split())
    if _FINITE.search(found.group("head")) or head_words & _NOT_IN_HEAD:
        return ""  # "One of her recent reads": a phrase, not a head
    return people.resolve(found.group("head"), offset + found.start("head"))


def _subject_ending(head: str, offset: int, people: People) -> str | None:
    """The subject that ends `head`, right before its verb ("Police Commissioner Richard Ross",
    "he", "many economists")."""
    window = re.sub(r"\s*+\([^()]{0,40}+\)$", "", head[-100:])  # "Mary Fallin (R-OK)"
    found = _SUBJECT_END.search(window)
    if found is None:
        group = _GROUP_END.search(window)  # "many economists say", "Projections suggest"
        return people.resolve(group.group(), offset) if group else None
    subject = found.group()
    start = offset + len(head) - len(window) + found.start()
    if found.group("pronoun") and subject.lower() == "they":
        return people.group_before(start) or ""  # "Fox executives … Nor have they warned"
    if found.group("pronoun") and subject.lower() == "it":
        return _thing_before(start, people)  # "The council opposed it. “…,” it said"
    if found.group("pronoun") and subject.lower() in ("we", "i"):
        return ""
    return people.resolve(subject, start) or None


_SENTENCE_START = re.compile(r"(?:[.!?][\"”’']*+[ \t]++|\n\s*+)(?=[A-Z])")


def _thing_before(start: int, people: People) -> str:
    """What "it" at `start` refers to: the subject of its own sentence's opening ("The group
    seeks to …, what it calls"), else of one of the two sentences before, when that subject
    is no person ("Still, the Business Council opposed it. “…,” it recommended"); else ""."""
    window_start = max(0, start - 600)
    window = people.text[window_start:start]
    openings = [0] + [found.end() for found in _SENTENCE_START.finditer(window)]
    for opening in reversed(openings[-3:]):
        sentence = window[opening:]
        if re.match(r"\s*+[\"“”'`‘]", sentence) or (opening == openings[-1] and MASK in sentence):
            continue  # a quotation's own words are no subject
        subject = sentence_subject(sentence, window_start + opening, people)
        if subject and subject[:1].isupper() and subject not in people.persons:
            return subject
    return ""


#: Common irregular verbs in the past (the regular ones end in -ed).
_IRREGULAR_PAST = (
    r"sent|went|took|made|gave|began|wrote|spoke|ran|won|lost|got|kept|left|met|paid|put|set|held"
)
#: A verb that ends a two-word subject ("the mayor said", "the company has").
_CLAUSE_VERB = (
    rf"(?:{SPEECH_VERBS}|is|was|are|were|has|had|have|will|would|could|[a-z]++(?<=ed)|"
    rf"{_IRREGULAR_PAST}|"
    # present forms after a singular noun: "The email goes on", "The group seeks to …"
    r"goes|seeks|includes|makes|shows|contains|features|offers|wants|gets|takes|gives|seems|"
    r"appears|begins|lists|asks|needs|uses|points)\b"
)
#: The subject opening a sentence: "Mark Mahaney, technology analyst at RBC, agreed: “…”".
_LEADING_SUBJECT = re.compile(
    r"(?<![\w\s\"“”'`(’.&-])[\s\"“”'`(]*+(?:(?:But|And|So|Then|Still|Yet|Later|Earlier|Now)[ ,]++"
    r"(?:then[ ]++|later[ ]++|now[ ]++)?+)?"  # "And then Trump went on the attack, saying"
    # "Band member Flea", "Republican pollster Daron Shaw": a person noun before the name.
    rf"(?:(?:(?:[Tt]he|[Hh]is|[Hh]er)[ ])?(?:{NAME_WORD}[ ])?+(?:[a-z][\w-]*+[ ])?"
    rf"(?:{PERSON_NOUNS})[ ]"
    rf"(?P<named>(?!{_WEEKDAY_NAMES})[A-Z][\w.’'-]*+(?:[ ]{NAME_WORD}){{0,3}})"
    rf"|(?P<subject>(?:[Tt]he|[Hh]is|[Hh]er)[ ][a-z][\w-]*+(?:[ ](?!{_CLAUSE_VERB})[a-z][\w-]*+)?"
    rf"|the[ ]{NAME_WORD}(?:[ ]{NAME_WORD}){{0,4}}"  # "…, the Daily News focuses on"
    rf"|{NAME_WORD}(?:[ ]{NAME_WORD}){{0,5}}(?:['’]s(?:[ ]{NAME_WORD}){{1,4}})?+"
    rf"(?:[ ]of[ ]{NAME_WORD}(?:[ ]{NAME_WORD}){{1,4}})?+"  # "Secretary of State John Kerry"
    r"|[Hh]e|[Ss]he))"
    r"(?:['’]s)?+"  # "Donald Trump's accusation that …": the owner speaks
    # An apposition, also one ending in quoted words ("…, former host of “The Apprentice,”").
    r"(?:,[^,]{1,100}+,[”\"'’]?+)?+(?=[ ]++(?:also[ ]|then[ ]|later[ ])?[a-z])"
)


#: A time phrase opening a sentence is introductory ("The day before, at a rally, Mr. Trump").
_TIME_PHRASE = re.compile(  # matched after a comma or at 0: the lookbehind only stops a search
    r"(?<!\s)\s*+[Tt]he[ ](?:day|night|week|weekend|month|year|morning|afternoon|evening|moment|"
    r"time|next|following|previous)\b"
    # Time gone by: "Hours later, Trump returned …", "Two days earlier, the mayor …".
    r"|(?<![\s\w-])\s*+(?:[\w-]++[ ]){1,3}?(?:later|earlier|ago|afterwards?)[ ]*+,"
)


def sentence_subject(words: str, offset: int, people: People) -> str | None:
    """The subject opening a sentence, after its introductory phrases ("On Thursday, after
    remaining neutral, Warren endorsed Clinton, saying ...", "At an event in Ames, Iowa, on
    Sunday, Mrs. Clinton tried …")."""
    # Parentheses blanked, offsets kept: "Mitch McConnell (R-Ky.) issued a statement".
    words = re.sub(r"\([^()]{0,40}+\)", lambda found: " " * len(found.group()), words)
    # "76-year-old Morton Blackwell, founder of …, endorsed Cruz": the age is no subject.
    words = re.sub(
        r"^(\s*+)(\d++-year-old[ ])",
        lambda found: found.group(1) + " " * len(found.group(2)),
        words,
    )
    start = 0
    for _ in range(4):
        first = re.match(r"\s*+(\w++)", words[start : start + 40])
        # A participle's phrase can be long ("Noting that Obama's policy has been to …, Trump").
        reach = 250 if first and first.group(1).endswith("ing") else 120
        comma = words.find(",", start, start + reach)
        if first is None or comma < 0:
            break
        opener = first.group(1).lower()
        adverb = opener.endswith(("ly", "ing")) and opener not in FEMALE_NAMES | MALE_NAMES
        if opener in ("but", "and", "so", "yet", "still", "then"):  # "But Trump later blamed"
            subject = _leading_subject(words[start:], offset + start, people)
            if subject is not None:
                return subject
        if opener not in _INTRODUCTORY and not adverb and not _TIME_PHRASE.match(words, start):
            subject = _leading_subject(words[start:], offset + start, people)
            if subject is not None or start == 0:
                return subject
        start = comma + 1
    return _leading_subject(words[start:], offset + start, people)


#: A verb in the past right after a one-word subject: a name ("Obama also addressed"), not
#: a sentence adverb ("Maybe the …").
_PAST_VERB_NEXT = re.compile(r"[ ]++(?:also[ ]++|then[ ]++|later[ ]++)?[a-z]{2,}ed\b")


#: A description opening a clause before its verb in the past: "a U.S. District Court judge
#: sided …", "Several economists at the Fed warned …".
_DESCRIBED_BEFORE_VERB = re.compile(  # matched at 0: the lookbehind only stops a search
    r"(?<!\s)\s*+(?:(?:But|And|So|Yet|Still|Then)[ ]++)?+"
    r"(?P<head>(?:[Aa]n?|[Aa]nother|[Oo]ne|[Ss]ome|[Mm]any|[Mm]ost|[Ss]everal|[Tt]wo|[Tt]hree)"
    r"[ ](?:[\w.’'-]++[ ]){0,4}?[a-z][\w-]*+)"
    r"(?P<place>[ ](?:in|at|of|from|inside|for|with)[ ](?:the[ ])?"
    r"[A-Z][\w.’'-]*+(?:[ ][A-Z][\w.’'-]*+)*+)?+"
    rf"[ ](?:also[ ]|then[ ]|later[ ])?+"
    rf"(?:[a-z]++(?<=ed)|{_IRREGULAR_PAST}|stood|threw|told|said)\b"
)


def _leading_subject(words: str, offset: int, people: People) -> str | None:
    match = _LEADING_SUBJECT.match(words)
    if match is None:
        return _described_before_verb(words, offset, people)
    if match.group("named"):
        return people.resolve(match.group("named"), offset + match.start("named")) or None
    subject = match.group("subject")
    if (
        " " not in subject
        and subject[:1].isupper()
        and subject.lower() not in ("he", "she")
        and people.known(subject, offset) is None
        and not re.search(rf"[a-z,;][ ]{re.escape(subject)}\b", people.text)
        and not _PAST_VERB_NEXT.match(words, match.end())  # "Obama also addressed …"
    ):
        # "Maybe", "Typically": a capitalised word never capitalised mid-sentence; but "One"
        # can open a description ("One operative inside Trump Tower tried to …").
        return _described_before_verb(words, offset, people)
    return people.resolve(subject, offset + match.start("subject")) or None


#: Someone who speaks for others, named by whom they speak for ("a spokesman for Acme").
_SPOKESPERSON = re.compile(r"(?:spokes(?:man|woman|person)|representative|official)$")


def _described_before_verb(words: str, offset: int, people: People) -> str | None:
    """The description opening `words` before its verb in the past ("A judge sided …")."""
    described = _DESCRIBED_BEFORE_VERB.match(words)
    if described is None or set(described.group("head").lower().split()) & _NOT_IN_HEAD:
        return None
    head = described.group("head")
    if described.group("place") and _SPOKESPERSON.search(head):
        head += described.group("place")  # "A spokeswoman for Janney declined …, saying"
    auxiliary = _FINITE.search(head)
    if auxiliary is not None:  # "A federal lawsuit was filed …, alleging": the lawsuit
        head = head[: auxiliary.start()].rstrip()
    if len(head.split()) < 2:
        return None
    return people.resolve(head, offset + described.start("head")) or None


def _apposed_name(chunks: list[str]) -> str:
    """The name that an apposition gives right after a description, if any."""
    if not chunks:
        return ""
    stripped = chunks[0].strip(" '`\"“”‘’")
    found = _SUBJECT_END.fullmatch(stripped) if len(stripped) < 100 else None
    return stripped if found is not None and found.group("name") else ""
