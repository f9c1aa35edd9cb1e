"""Who is who in an article: full names, their roles, and what "Martinez", "he" or
"the mayor" refer to at a given point of the text.

News style introduces a person once with full name and role ("Freddy Martinez, general
manager of Lucy Parsons Labs") and then uses the surname, a pronoun or the role; claims need
the full name, so every later mention is resolved back to the introduction.
"""

from __future__ import annotations

import bisect
import re

import attrs


def words(text: str) -> frozenset[str]:
    """A word list written as one string (long vocabularies stay readable)."""
    return frozenset(text.split())


#: Letters of names beyond ASCII ("François Hollande", "Enrique Peña Nieto").
_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
_TOKEN = (
    rf"(?:[{_UPPER}][{_LOWER}]+(?:[-'’][{_UPPER}][{_LOWER}]+)?|[A-Z]\.|Mc[A-Z][{_LOWER}]+"
    rf"|O['’][A-Z][{_LOWER}]+)"
)
_PARTICLE = r"(?:de|van|von|da|del|della|al|bin|le|la|der|ter)"
_NAME = re.compile(
    rf"(?<![\w.’'-]){_TOKEN}(?:\s(?:{_PARTICLE}\s)?{_TOKEN}){{1,5}}(?=['’]s\b|[^\w’'-]|$)"
)

#: Words that can stand before a title in a name ("Majority Leader", "Deputy Mayor").
TITLE_MODIFIERS = words(
    "majority minority deputy vice former acting interim house senate state council "
    "leader speaker whip chairman chairwoman chair press police fire city county"
)
TITLES = {
    "mayor": "Mayor",
    "sen.": "Senator",
    "senator": "Senator",
    "rep.": "Representative",
    "representative": "Representative",
    "gov.": "Governor",
    "governor": "Governor",
    "president": "President",
    "dr.": "",
    "mr.": "",
    "mrs.": "",
    "ms.": "",
    "judge": "Judge",
    "ald.": "Alderman",
    "alderman": "Alderman",
    "commissioner": "Commissioner",
    "superintendent": "Superintendent",
    "chief": "Chief",
    "prof.": "Professor",
    "professor": "Professor",
    "councilor": "Councilor",
    "councillor": "Councillor",
    "minister": "Minister",
    "secretary": "Secretary",
    "detective": "Detective",
    "officer": "Officer",
    "sgt.": "Sergeant",
    "lt.": "Lieutenant",
    "capt.": "Captain",
    "coach": "Coach",
}
ROLE_HEADS = (
    "mayor|governor|president|senator|spokesperson|spokesman|spokeswoman|director|chief|"
    "manager|secretary|minister|chairman|chairwoman|chair|superintendent|commissioner|founder|"
    "co-founder|executive|officer|professor|attorney|lawyer|head|leader|judge|ceo|councilor|"
    "councillor|alderman|representative|researcher|analyst|economist|scientist|organizer|"
    "activist|coach|principal|prosecutor|sheriff|treasurer|auditor|editor|owner|member|"
    "coordinator|advocate|expert|official|pastor|dean|chancellor|premier|deputy|adviser|advisor"
)
#: Nouns for a person beyond the role heads: "Republican pollster Daron Shaw", "the actress".
PERSON_NOUNS = (
    rf"{ROLE_HEADS}|pollster|strategist|consultant|operative|aide|surrogate|donor|lawmaker|"
    r"congressman|congresswoman|legislator|politician|candidate|nominee|front-runner|"
    r"frontrunner|businessman|businesswoman|billionaire|mogul|magnate|developer|actor|actress|"
    r"star|singer|rapper|comedian|host|anchor|moderator|columnist|commentator|pundit|writer|"
    r"author|reporter|correspondent|journalist|blogger|historian|scholar|neurosurgeon|surgeon|"
    r"doctor|physician|veteran|wife|husband|son|daughter|mother|father|brother|sister|widow|"
    r"ambassador|general|admiral|diplomat|envoy|rabbi|priest|bishop|preacher|evangelist|"
    r"delegate|voter|resident|student|supporter|protester|attendee|volunteer|worker|teacher|"
    r"nurse|farmer|retiree|constituent|fan|friend|neighbor|neighbour"
)
#: A party label before a name is no part of it ("Democrat Hillary Clinton").
_PARTY_LABELS = words("democrat republican democratic gop independent libertarian")
#: Capitalised words right before a person noun modify it ("Former Arizona governor Jan
#: Brewer", "a Boca Raton lawyer", "Top Clinton adviser"): they are no person's name.
_MODIFIES_A_PERSON_NOUN = re.compile(
    rf"(?<![ ])[ ](?:[a-z][\w-]*+[ ])?(?:{PERSON_NOUNS})(?![\w’'-])"
)
#: A description ending with the name it gives: "the economist Jared Bernstein".
_NAME_AFTER_NOUN = re.compile(
    rf"(?i:the|a|an)\s++(?:[\w-]++\s++){{0,2}}?(?:{PERSON_NOUNS})\s++"
    r"(?P<name>[A-Z][\w.’'-]*+(?:\s[A-Z][\w.’'-]*+){1,3})"
)
_ORG_WORDS = words(
    "department police city county state council labs lab network ai times post news inc "
    "university college institute association center centre committee party court agency "
    "office board school hall house street avenue church company group union foundation "
    "administration ministry government bank service services commission authority project "
    "library museum hospital park airport international national public domain credit photo "
    "internet tribune journal herald gazette chronicle press reuters associated guardian "
    "club league corporation corp llc ltd republic kingdom united states federal senate "
    "congress parliament assembly bureau force army navy district coalition alliance fund "
    "trust society media tv radio channel daily weekly magazine review square bridge river "
    "new los san santa las north south east west saint st fort lake mount island county's "
    "community communities data technology technologies systems facebook google twitter "
    "foods food holdings motors airlines airways energy pharma pharmaceuticals partners "
    "capital industries enterprises brands logistics solutions labs software networks "
    "health healthcare insurance financial securities investments properties realty "
    "stores markets media entertainment studios records publishing communications telecom "
    "oil gas power electric utilities mining steel chemicals automotive aerospace cos co plc "
    "amendment security act"
)
_NOT_FIRST = words(
    "the a an and but at in on of for while this that these those it he she they we i "
    "if when after before as by from to with without according so yet or nor also "
    "meanwhile however although though because since until during there here his her "
    "their our its my your what who why how where which photo credit both all other others "
    "many some most several few last next every each another like unlike is are was were "
    "does did has"
)
_CALENDAR = words(
    "monday tuesday wednesday thursday friday saturday sunday january february march "
    "april may june july august september october november december jan feb mar apr jun "
    "jul aug sep sept oct nov dec"
)
PRONOUNS = frozenset({"he", "she", "him", "her"})
_TITLE_GENDER = {"mr.": "male", "mrs.": "female", "ms.": "female"}
PUBLICATION_WORDS = words(
    "times tribune journal post herald gazette chronicle news reuters press guardian "
    "telegraph observer bloomberg cnn bbc npr abc nbc cbs fox politico axios magazine "
    "daily weekly sun-times wire bulletin examiner inquirer globe star mirror independent"
)


@attrs.define
class Person:
    name: str
    #: How the article introduces the person, e.g. "general manager of Lucy Parsons Labs".
    role: str = ""
    #: Organisations named in the role ("Lucy Parsons Labs").
    organisations: list[str] = attrs.field(factory=list)
    #: 'male' or 'female' when a title tells ("Mr.", "Mrs."), else "".
    gender: str = ""

    @property
    def described(self) -> str:
        if not self.role:
            return self.name
        if self.role.startswith(("of ", "from ", "at ", "with ")):
            return f"{self.name} {self.role}"
        return f"{self.name}, {self.role}"


def is_publication(name: str) -> bool:
    words = {word.lower().strip(".,") for word in re.split(r"[\s]+", name)}
    parts = {part for word in words for part in word.split("-")}
    return bool((words | parts) & PUBLICATION_WORDS)


def _plain_name(tokens: list[str]) -> bool:
    """Capitalised words that are not function or calendar words (a surname may be "Park")."""
    return not any(token.lower().strip(".") in _CALENDAR | _NOT_FIRST for token in tokens)


def _looks_like_person(tokens: list[str]) -> bool:
    # "Jan Brewer": a first name that is also a month's short form opens a name.
    first_name = tokens[0].lower() in FEMALE_NAMES | MALE_NAMES
    if tokens[0].lower() in _NOT_FIRST or any(
        token.lower().strip(".") in _CALENDAR for token in (tokens[1:] if first_name else tokens)
    ):
        return False
    for token in tokens:
        for part in re.split(r"[-'’]", token.lower()):
            if part in _ORG_WORDS:
                return False
    return not all(len(token) <= 2 for token in tokens)


_ROLE_AFTER = re.compile(
    r",[ ]((?:the[ ]|a[ ]|an[ ])?[a-z][\w’'-]*(?:[ ][\w’'&-]+){0,11}?)"
    r"[ ]?(?=[,.;:)]|[ ](?:said|says|told)\b)"
)
_ROLE_OF = re.compile(
    r"[ ]((?:of|from|at|with)[ ](?:the[ ])?[A-Z][\w’'&-]*"
    r"(?:[ ](?:of[ ]|for[ ]|and[ ])?[A-Z][\w’'&-]*)*)"
)
_ROLE_BEFORE = re.compile(
    rf"(?:^|[^\w])(?:[Tt]he[ ])?((?:[a-z][\w-]*[ ]){{0,3}}?(?i:{ROLE_HEADS})"
    rf"(?:[ ](?:of|for)[ ](?:the[ ])?[A-Z][\w’'-]*(?:[ ][A-Z][\w’'-]*)*)?),[ ]$"
)


#: A title and a surname with no first name: "President Obama", "Mr. Chipok", "Sen. Paul".
_TITLED_SURNAME = re.compile(
    r"(?<![\w.’'-])(?P<title>(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Prof|Sgt|Lt|Capt)\.|President|"
    r"Senator|Governor|Mayor|Secretary|Judge|Justice|Chairman|Representative|Commissioner)"
    rf"[ ](?P<surname>(?:Mc|O['’])?[{_UPPER}][{_LOWER}]++(?:[-'’][{_UPPER}][{_LOWER}]++)?+)"
    r"(?![\w’'-]|[ ][A-Z])"
)
#: A topic phrase right before a pronoun: "As for Trump, he …".
_TOPIC = re.compile(r"(?<![\w-])[Aa]s[ ](?:for|to)[ ](?P<topic>[^,.;]{1,60}+),[ ]++$")
_PRONOUN_LOOK_BACK = 12
#: A sentence whose subject is a pronoun or a description of a person ("He attended", "The
#: former ambassador also discussed").
_OTHER_SUBJECT = re.compile(
    rf"(?<![\w’'-])[\"“‘'`]{{0,3}}+"
    rf"(?:(?:He|She)[ ]|The[ ](?:[a-z-]++[ ]){{0,3}}(?:{PERSON_NOUNS})[ ])"
)
#: A name before a role and another name modifies it, so it is not the subject
#: ("Obama consultant Cornell Belcher", "Trump's campaign manager Corey Lewandowski").
_NAME_MODIFIER = re.compile(
    rf"(?<![\w’'-])[A-Z][\w.’'-]*+(?:[ ][A-Z][\w.’'-]*+){{0,3}}(?:['’]s)?+[ ]"
    rf"(?:[a-z-]++[ ]){{0,3}}(?:{PERSON_NOUNS})[ ]"
)
#: How far back (in characters) the last speaker stays the likeliest "he" of "he said".
_SPEAKER_REACH = 600
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’']*+\s++[\"“‘'`]*+[A-Z]|\n")
#: A short opener between a sentence start and its subject.
_CLAUSE_OPENER = re.compile(
    r"(?:(?:On|In|At|Last|Earlier|Later|This)[ ][\w.]++(?:[ ][\w.]++)?+,[ ]"
    r"|(?:But|And|Still|So|Then|Yet|Now|Later|Meanwhile|Instead|However),?+[ ])$"
)
#: A longer introductory phrase before a subject ("In his assessment of the magnate, ").
_INTRODUCTORY_PHRASE = re.compile(
    r"(?<![\w,])(?:After|Before|During|In|On|At|Asked|Speaking|When|While|Since|Following|"
    r"Despite|Unlike|Like|As|With|Without|For|Later|Earlier|Pointing|Responding|Writing)"
    r"[ ][^,.!?\n]{1,80}+,[ ]$"
)
#: Titles and roles between a clause start and a name ("Former Sen. ", "Gov. ").
_TITLE_BEFORE = re.compile(
    r"(?<![\w.])(?:(?:(?:Sens?|Reps?|Govs?|Gen|Lt|Col|Sgt|Capt|Cmdr|Adm|Maj|Drs?|Mrs?|Ms|Rev|"
    r"Prof|Supt|Det|Amb|Sec|Jr|Sr|St|[A-Z])\.|(?!(?:He|She|They|We|It|I)[ ])[A-Z][a-z]++|"
    rf"(?:former|then|acting|interim|deputy|vice|state|house|senate|presidential|presumptive|"
    r"candidate|nominee|leader|majority|minority|chief|executive|general|attorney|secretary|"
    rf"spokesman|spokeswoman|the|of|and|party|council|city|county|federal|retired|top|campaign|"
    rf"press|senior|policy|{PERSON_NOUNS}))[ ]){{0,4}}$"
)
#: Common first names, so that "she" never resolves to the last man mentioned (and "he" to the
#: last woman). Unknown names match either pronoun.
FEMALE_NAMES = words(
    "hillary michelle nancy elizabeth sarah carly megyn kellyanne huma melania ivanka chelsea "
    "patti mary patricia jennifer linda barbara susan jessica karen lisa betty margaret sandra "
    "ashley kimberly emily donna carol ruth sharon laura cynthia amy angela helen anna brenda "
    "pamela nicole samantha katherine christine debra rachel catherine janet maria heather "
    "diane julie joyce victoria kelly christina joan evelyn lauren judith olivia martha cheryl "
    "megan andrea hannah jacqueline ann jean alice kathryn gloria teresa sara janice doris "
    "julia madeline grace judy theresa beverly denise marilyn amber danielle rose brittany "
    "diana abigail natalie jane lori alexis tiffany kayla kathleen jill hope dana loretta "
    "debbie dianne condoleezza betsy meghan madeleine sheila tammy tulsi kirsten maxine nikki "
    "kamala "
    "marsha jeanne katie claire valerie donna ana carmen marie wendy suzanne tina "
    "stephanie erin ellen sonia ruth jan joni shelley susana mia fiona theresa angela"
)
MALE_NAMES = words(
    "donald bernie bernard ted marco jeb ben john chris barack bill mike michael tim paul rand "
    "mitt george ronald joe joseph james robert william david richard charles thomas "
    "christopher daniel matthew anthony mark steven andrew kenneth joshua kevin brian edward "
    "jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon "
    "frank benjamin gregory samuel raymond patrick alexander jack dennis jerry tyler aaron "
    "jose adam henry nathan douglas zachary peter kyle walter ethan jeremy harold keith "
    "christian roger noah gerald carl terry sean austin arthur lawrence jesse dylan bryan "
    "jordan billy bruce albert willie gabriel logan alan juan wayne roy ralph randy eugene "
    "vincent russell elijah louis bobby philip johnny reince newt rudy harry mitch lindsey "
    "rick reid corey hugh tom jim bob dan steve ed ken newt vladimir xi bashar recep chuck "
    "lindsey orrin marco kevin rudolph rudy ted barry al dick sean roger glenn josh jim jimmy "
    "jeff greg doug rob matt pat nick sam tony andy dave fred hank jon marty phil ron ray "
    "rex reince sergey vladimir boris emmanuel francis mohammed muhammad ahmed omar "
    "benjamin francois"
)


#: Words a plural subject never ends with, though they end in s.
_NOT_PLURAL = words("is was has its his this us as does says thus plus yes news always perhaps")
_DETERMINERS = words("the some many most other several both all their our few")
_NOT_IN_GROUP = words("he she it they we i you who that which this these those there here")
_SUBORDINATE = words("while although though as because since after when if whereas")
_INTRODUCTORY_WORDS = words(
    "after before when while as in at on during since although though if because despite "
    "following with without by for from to amid under according later earlier meanwhile "
    "however also here there indeed instead thus finally today yesterday recently apparently"
)


def _plural_subject(words: str, own_sentence: bool, text: str = "") -> str:
    """The plural noun phrase opening a clause ("Cruz's allies", "Fox executives", "Wilcox and
    Beruff"), after an opener ("But", "Since Mr. Ailes's departure,"), else ""."""
    words = words.lstrip(" \t\n\"“”'`‘’")
    for _ in range(2):
        first = re.match(r"(\w++)[ ,]", words)
        if first is None:
            return ""
        opener = first.group(1).lower()
        if opener in ("but", "and", "so", "yet", "still", "nor", "now"):
            words = words[first.end() :].lstrip(" ,")
        elif own_sentence and opener in _SUBORDINATE:
            words = words[first.end() :]  # "While civil rights groups …, they said"
            break
        elif opener in _INTRODUCTORY_WORDS or opener.endswith(("ing", "ly")):
            comma = words.find(", ", 0, 120)
            if comma < 0:
                return ""
            words = words[comma + 2 :]
        else:
            break
    pair = re.match(
        r"([A-Z][\w.'’-]*+(?:[ ][A-Z][\w.'’-]*+)?+[ ]and[ ][A-Z][\w.'’-]*+)[ ][a-z]", words
    )
    if pair:
        return pair.group(1)
    tokens = words.split(" ", 6)[:6]
    for index, token in enumerate(tokens[:4]):
        if not re.fullmatch(r"[A-Za-z][\w’'-]*+", token) or token.lower() in _NOT_IN_GROUP:
            return ""
        plural = (
            token.endswith("s") and not token.endswith(("'s", "’s")) and token not in _NOT_PLURAL
        )
        if plural and token[:1].isupper():  # "Democrats", not "Sanders": the singular is used
            plural = re.search(rf"\b{re.escape(token[:-1])}\b", text) is not None
        if index and plural:
            following = tokens[index + 1] if index + 1 < len(tokens) else ""
            if following[:1].islower() and following not in ("of", "and", "or", "for", "in"):
                lead = tokens[0]
                return lead[:1].upper() + " ".join([lead[1:], *tokens[1 : index + 1]])
        if index == 0 and plural and tokens[1:2] and tokens[1][:1].islower():
            return token[:1].upper() + token[1:]  # "Democrats defended", "researchers say"
    return ""


class People:
    """Persons found in one article, with every mention's offset for pronoun resolution."""

    def __init__(self, text: str):
        self.text = text
        self.persons: dict[str, Person] = {}
        #: Other spellings of a claimant's name in the article ("Anheuser" for
        #: "Anheuser-Busch Cos."), filled in by the claim finder.
        self.aliases: dict[str, list[str]] = {}
        self._surnames: dict[str, str] = {}
        self._mentions: list[tuple[int, str]] = []
        self._speakers: list[tuple[int, str]] = []
        #: The words the article writes in lower case somewhere ("donor", "election").
        self._lower_words = set(re.findall(r"(?<![\w’'-])[a-z][a-z’'-]++", text))
        self._find_names()
        self._drop_phrases()
        self._find_titled_surnames()
        self._find_roles()
        self._find_short_mentions()
        self._mentions.sort()
        self._positions = [position for position, _name in self._mentions]
        #: Where the article first names each person (in a quote or not).
        self._first_mentions: dict[str, int] = {}
        for start, name in self._mentions:
            self._first_mentions.setdefault(name, start)

    def _find_names(self) -> None:
        for match in _NAME.finditer(self.text):
            tokens = match.group().split()
            start = match.start()
            while tokens and tokens[0].lower() in _NOT_FIRST:
                start += len(tokens[0]) + 1
                tokens = tokens[1:]
            title_words: list[str] = []
            # "British Finance Minister Alan Marsh": the name follows the last title word.
            titled = [
                position
                for position, token in enumerate(tokens[:-2])
                if token.lower() in TITLES
                or token.lower() in TITLE_MODIFIERS
                or re.fullmatch(ROLE_HEADS, token.lower())
                or (
                    token.lower() in _PARTY_LABELS
                    and self._party_label_before(tokens[position + 1 :])
                )
            ]
            if titled:
                cut = titled[-1] + 1
                title_words = [TITLES.get(token.lower(), token) for token in tokens[:cut]]
                start += len(" ".join(tokens[:cut])) + 1
                tokens = tokens[cut:]
            gender = _TITLE_GENDER.get(self.text[max(0, start - 5) : start].strip().lower(), "")
            if len(tokens) == 2 and tokens[0].lower() in TITLES:
                title_words.append(TITLES[tokens[0].lower()])
                start += len(tokens[0]) + 1
                tokens = tokens[1:]
            title = " ".join(word for word in title_words if word)
            before = self.text[max(0, start - 4) : start].lower()
            if (
                len(tokens) < 2
                or before.endswith("the ")
                or f"{tokens[-1].lower()}." in TITLES
                or not (_looks_like_person(tokens) or (title and _plain_name(tokens)))
            ):
                continue  # "Both Mr.", "the Arab American Action Network"; "Mayor Ellen Park" is
            if _MODIFIES_A_PERSON_NOUN.match(self.text, match.end()) and not (
                {token.lower() for token in tokens} & (FEMALE_NAMES | MALE_NAMES)
            ):
                continue  # "Former Arizona governor Jan Brewer", "a Boca Raton lawyer"
            name = " ".join(tokens)
            person = self.persons.setdefault(name, Person(name))
            person.gender = person.gender or gender
            if title and not person.role:
                person.role = title
            self._surnames.setdefault(tokens[-1], name)
            self._mentions.append((start, name))

    def _find_titled_surnames(self) -> None:
        """Persons the article names only by title and surname ("President Obama",
        "Mr. Chipok"), so that "he" and "Obama" can refer to them."""
        for match in _TITLED_SURNAME.finditer(self.text):
            surname = match.group("surname")
            if surname in self._surnames or not _looks_like_person([surname]):
                continue
            if surname.lower() in _CALENDAR | _NOT_FIRST:
                continue
            name = " ".join(match.group().split())
            title = match.group("title").lower()
            person = Person(name, role=TITLES.get(title, match.group("title")))
            person.gender = _TITLE_GENDER.get(title, "")
            self.persons[name] = person
            self._surnames[surname] = name

    def _party_label_before(self, rest: list[str]) -> bool:
        """A party label opens "Democrat Hillary Clinton", not a title-case headline's
        "Republican Donor Kessler" (whose "donor" the article also writes in lower case)."""
        return _looks_like_person(rest) and rest[0].lower() not in self._lower_words

    def _drop_phrases(self) -> None:
        """Drop capitalised phrases that are not persons: headline words ("Son Says The Battle
        Against Hillary") and names of things ("Election Day", "Little Rock"), whose later
        words the article also writes in lower case. A known first name or a title keeps a
        person ("Tom Price", "Sen. Rand Paul")."""
        lower = self._lower_words
        dropped = {
            name
            for name, person in self.persons.items()
            if not person.role
            and not self.gender(name)
            and any(token.lower() in lower for token in name.split()[1:])
        }
        if not dropped:
            return
        self.persons = {name: p for name, p in self.persons.items() if name not in dropped}
        self._surnames = {k: name for k, name in self._surnames.items() if name not in dropped}
        for name in self.persons:  # "Donor Adelson" dropped: "Adelson" is "Sheldon Adelson"
            self._surnames.setdefault(name.split()[-1], name)
        self._mentions = [(start, name) for start, name in self._mentions if name not in dropped]

    def _find_roles(self) -> None:
        """Roles from the name's appositions, tried only where the name occurs (fast)."""
        for name, person in self.persons.items():
            after = of = before = None
            position = self.text.find(name)
            while position >= 0 and not (after and of and before):
                end = position + len(name)
                after = after or _ROLE_AFTER.match(self.text, end)
                of = of or _ROLE_OF.match(self.text, end)
                window = self.text[max(0, position - 120) : position]
                before = before or _ROLE_BEFORE.search(window)
                position = self.text.find(name, end)
            role = organisations_from = ""
            if after and not re.match(
                r"(?:who|which|should|would|will|said|says|is|was|has|had|can|could|may|might|"
                r"must|did|does|and|but|as|in|on|at|when|while|after|before|because)\b",
                after.group(1),
            ):
                role = organisations_from = after.group(1)
            elif of:
                role = organisations_from = of.group(1)
            elif before:
                role = before.group(1)
            if role:
                person.role = role
            for organisation in re.finditer(
                r"\b(?:of|for|at|from|with)[ ](?:the[ ])?([A-Z][\w’'&-]*(?:[ ][A-Z][\w’'&-]*)*)",
                organisations_from,
            ):
                if organisation.group(1) not in person.organisations:
                    person.organisations.append(organisation.group(1))

    def _find_short_mentions(self) -> None:
        """Surname mentions ("Martinez said") and role mentions ("the mayor")."""
        if self._surnames:
            pattern = "|".join(re.escape(surname) for surname in sorted(self._surnames))
            for match in re.finditer(rf"\b(?:{pattern})\b", self.text):
                name = self._surnames[match.group()]
                title = self.text[max(0, match.start() - 5) : match.start()].strip().lower()
                wanted = _TITLE_GENDER.get(title, "")
                gendered = self._of_gender(name, match.group(), wanted)
                if gendered is None:
                    continue  # "Mrs. Clinton" where the article names no woman Clinton
                name = gendered
                self._mentions.append((match.start(), name))
                if wanted and not self.gender(name):
                    self.persons[name].gender = wanted
        for match in re.finditer(
            rf"\b[Tt]he\s+((?:[a-z-]+\s+){{0,2}}(?:{ROLE_HEADS}))\b", self.text
        ):
            person = self.by_role(match.group(1))
            if person is not None:
                self._mentions.append((match.start(), person))

    def spoke(self, offset: int, name: str) -> None:
        """Record that a person speaks at offset (claims are found sentence by sentence):
        "he said" goes on with the last speaker unless a new subject came after it."""
        if name not in self.persons and self._bare_surname(name):
            self.persons[name] = Person(name)  # "Cruz said …" in an article never giving his
            self._surnames.setdefault(name, name)  # full name: "he said" after it is Cruz
        if name in self.persons:
            bisect.insort(self._speakers, (offset, name))

    def _bare_surname(self, name: str) -> bool:
        """Whether a speaker's name is a lone surname ("Cruz"), not an organisation, a
        publication, an acronym or a word the article also writes in lower case
        ("Officials")."""
        return (
            re.fullmatch(
                rf"(?<![\w’'-])[{_UPPER}][{_LOWER}]++(?:[-'’][{_UPPER}][{_LOWER}]++)?+", name
            )
            is not None
            and _looks_like_person([name])
            and not is_publication(name)
            and not self._in_text(name.lower())
            and not (name.endswith("s") and self._in_text(name[:-1], any_case=True))  # "Democrats"
            and not name.endswith("ies")
            and re.search(rf"(?<![\w’'-]){re.escape(name)}[- ][{_UPPER}]", self.text) is None
        )  # nor the first part of a longer name ("Anheuser" of "Anheuser-Busch Cos.")

    def _in_text(self, word: str, any_case: bool = False) -> bool:
        """Whether the article holds the word as a whole word (in any case if asked)."""
        pattern = rf"(?<![\w’'-]){re.escape(word)}(?![\w’'-])"
        return re.search(pattern, self.text, re.IGNORECASE if any_case else 0) is not None

    def _last_speaker(self, offset: int, wanted: str) -> tuple[int, str] | None:
        index = bisect.bisect_left(self._speakers, (offset, ""))
        for position in range(index - 1, max(-1, index - 4), -1):
            start, name = self._speakers[position]
            if offset - start > _SPEAKER_REACH:
                return None
            if not wanted or self.gender(name) in (wanted, ""):
                return start, name
        return None

    def hide_quoted(self, spans: list[tuple[int, int]]) -> None:
        """Forget the mentions inside quotations (sorted spans): "he" outside a quote refers
        to a person the article's own words name, not one named inside a quote
        ("Trump also took swipes at Jeb Bush. “Everybody is laughing at Jeb Bush,” he wrote")."""
        starts = [low for low, _high in spans]
        kept = []
        for start, name in self._mentions:
            index = bisect.bisect_right(starts, start) - 1
            if index < 0 or start >= spans[index][1]:
                kept.append((start, name))
        self._mentions = kept
        self._positions = [position for position, _name in kept]

    def group_before(self, offset: int) -> str | None:
        """The group "they" at offset refers to: the plural subject of its own sentence's
        opening clause ("While civil rights groups praised …, they said"), else of one of the
        two sentences before ("Cruz's allies bristle at … — it's a two-way street, they
        insist"; "Fox executives have not pushed it. Nor have they warned …")."""
        window_start = max(0, offset - 700)
        window = self.text[window_start:offset]
        starts = [0] + [found.end() - 1 for found in _SENTENCE_BREAK.finditer(window)]
        own = window[starts[-1] :].lstrip(" \t\n\"“”'`‘’")
        opener = own.split(" ", 1)[0].lower()
        # "State departments can do that, they said": the sentence opens with the reported
        # words, not with their speakers (unless "While transit groups …, they said").
        reported = bool(re.search(r",[”\"'’]?+[ ]*+$", window)) and opener not in _SUBORDINATE
        for position, start in enumerate(reversed(starts[-3:])):
            if position == 0 and reported:
                continue
            group = _plural_subject(window[start:], position == 0, self.text)
            if group:
                return group
        return None

    def by_role(self, words: str, offset: int | None = None) -> str | None:
        """The person whose role the words name ("the senator"); when several have it, the
        one mentioned last before `offset`."""
        head = words.lower().split()[-1]
        matches = [
            name
            for name, person in self.persons.items()
            if re.search(rf"\b{re.escape(head)}\b", person.role.lower())
        ]
        if len(matches) == 1 or not matches:
            return matches[0] if matches else None
        if offset is None:
            return None
        index = bisect.bisect_left(self._positions, offset)
        for position in range(index - 1, max(-1, index - 1 - 4 * _PRONOUN_LOOK_BACK), -1):
            if self._mentions[position][1] in matches:
                return self._mentions[position][1]
        return None

    def last_before(self, offset: int, pronoun: str = "", chain: int = 3) -> str | None:
        """The person "he" or "she" at offset refers to, never one whose gender (from a title
        or a first name) contradicts the pronoun: the last speaker ("“…,” he said" goes on
        with the person quoted before) unless a subject came after it, else the subject of a
        recent sentence, else the last person mentioned.

        Looks back through a bounded number of mentions (news refers to a recent person), and
        through at most `chain` earlier pronoun subjects.
        """
        wanted = {"he": "male", "him": "male", "his": "male", "she": "female"}.get(
            pronoun.lower(), {"her": "female", "hers": "female"}.get(pronoun.lower(), "")
        )
        topic = _TOPIC.search(self.text, max(0, offset - 80), offset)
        named = self._named(topic.group("topic")) if topic else None
        if named and (not wanted or self.gender(named) in (wanted, "")):
            return named  # "As for Trump, he said": the topic is the pronoun's person
        name, subject_start = self._antecedent(offset, pronoun, wanted, chain)
        speaker = self._last_speaker(offset, wanted)
        if (
            speaker is not None
            and (subject_start is None or subject_start < speaker[0])
            and not (name and self.gender(name) and self._introduced_after(name, speaker[0]))
        ):
            return speaker[1]
        return name

    def _introduced_after(self, name: str, offset: int) -> bool:
        """Whether the article first names the person in a sentence after `offset`: a new
        person ("To political scientist Brigid Harrison, …. “…,” she said") takes over "she"
        from the last speaker."""
        first = self._first_mentions.get(name)
        if first is None or not _SENTENCE_BREAK.search(self.text, offset, first):
            return False
        # Not a person named as the object of another subject ("The former ambassador
        # contrasted Clinton with Donald Trump. He said", "He attended, undecided between
        # Clinton and Bernie Sanders").
        window_start = max(0, first - 300)
        breaks = list(_SENTENCE_BREAK.finditer(self.text, window_start, first))
        sentence = breaks[-1].end() - 1 if breaks else window_start
        return not _OTHER_SUBJECT.match(self.text, sentence, first)

    def _antecedent(
        self, offset: int, pronoun: str, wanted: str, chain: int
    ) -> tuple[str | None, int | None]:
        """The mention a pronoun refers to, and where it stands when it is a subject."""
        index = bisect.bisect_left(self._positions, offset)
        nearest, nearest_start = None, offset
        subject, subject_start = None, offset
        chained = False
        for position in range(index - 1, max(-1, index - 1 - _PRONOUN_LOOK_BACK), -1):
            start, name = self._mentions[position]
            if wanted and self.gender(name) not in (wanted, ""):
                continue
            if subject is not None:
                # The earliest clause opener of the subject's sentence ("Obama also addressed
                # Trump's concerns": Obama).
                if _SENTENCE_BREAK.search(self.text, start, subject_start + 1):
                    break  # (+ 1: the break's pattern ends on the subject's first letter)
                if self._opens_clause(start) and not _NAME_MODIFIER.fullmatch(
                    self.text, start, subject_start
                ):
                    subject, subject_start = name, start
                continue
            if nearest is not None and _SENTENCE_BREAK.search(self.text, start, nearest_start):
                # Leaving the nearest mention's sentence: its pronoun subject outranks it ("She
                # appeared to imply that Trump ... than Clinton. “…,” she said").
                chained = True
                earlier = self._pronoun_subject(nearest_start, wanted) if chain else None
                if earlier is not None:
                    return self.last_before(earlier, pronoun, chain - 1) or nearest, None
                # A subject is preferred within a few sentences ("Trump took swipes at Jeb
                # Bush. “…,” he wrote": Trump).
                if _SENTENCE_BREAK.search(self.text, start, self._sentence_back(offset)):
                    break
            if self._opens_clause(start):
                subject, subject_start = name, start  # a subject is the likeliest antecedent
            elif nearest is None:
                nearest, nearest_start = name, start
        if subject is not None:
            return subject, subject_start
        if nearest is not None and chain and not chained:
            earlier = self._pronoun_subject(nearest_start, wanted)
            if earlier is not None:
                return self.last_before(earlier, pronoun, chain - 1) or nearest, None
        return nearest, None

    def _sentence_back(self, offset: int) -> int:
        """Where the second sentence before the one holding `offset` starts (bounded
        look-back)."""
        window_start = max(0, offset - 600)
        breaks = list(_SENTENCE_BREAK.finditer(self.text, window_start, offset))
        if len(breaks) < 3:
            return window_start
        return breaks[-3].end() - 1

    def _pronoun_subject(self, start: int, gender: str) -> int | None:
        """Where a pronoun of the gender opens a clause of the sentence holding `start`."""
        if not gender:
            return None
        window_start = max(0, start - 300)
        window = self.text[window_start:start]
        breaks = list(_SENTENCE_BREAK.finditer(window))
        sentence = breaks[-1].end() - 1 if breaks else 0
        pronoun = "[Hh]e" if gender == "male" else "[Ss]he"
        for match in re.finditer(rf"(?<![\w’'-]){pronoun}\b", window[sentence:]):
            position = window_start + sentence + match.start()
            if self._opens_clause(position):
                return position
        return None

    def _opens_clause(self, start: int) -> bool:
        """Whether a mention stands first in its sentence or paragraph (after a title and a
        short opener: "On Wednesday, Clinton bashed", "Still, he rejected")."""
        before = _TITLE_BEFORE.sub("", self.text[max(0, start - 120) : start])
        before = _CLAUSE_OPENER.sub("", before)
        before = _INTRODUCTORY_PHRASE.sub("", before)
        return not before.strip() or bool(
            re.search(r"(?:[.!?][\"”’']*|[,.!?]?['’]?[\"”]|\n|^)\s*$", before)
        )

    def gender(self, name: str) -> str:
        """'male', 'female' or '' from the person's title or first name."""
        person = self.persons.get(name)
        if person is None:
            return ""
        if person.gender:
            return person.gender
        first = name.split()[0].lower()
        if first in FEMALE_NAMES:
            return "female"
        if first in MALE_NAMES:
            return "male"
        return ""

    def _named(self, words: str) -> str | None:
        """The person the words name by full name or by surname, else None."""
        for name in self.persons:
            if name in words:
                return name
        wanted = _TITLE_GENDER.get(words.split()[0].lower(), "") if words.split() else ""
        for token in re.findall(r"[A-Z][\w’'-]+", words):
            token = re.sub(r"['’]s$", "", token)
            if token in self._surnames:
                return self._of_gender(self._surnames[token], token, wanted)
        return None

    def _of_gender(self, name: str, surname: str, wanted: str) -> str | None:
        """The person of the surname whose gender a title gives ("Mrs. Clinton" is not Bill
        Clinton), else None; `name` itself when no title tells."""
        if not wanted or self.gender(name) in (wanted, ""):
            return name
        return next(
            (
                other
                for other in self.persons
                if other.split()[-1] == surname and self.gender(other) in (wanted, "")
            ),
            None,
        )

    def by_first_name(self, word: str) -> str | None:
        """The one person whose first name the word is ("Hillary"), else None."""
        matches = [name for name in self.persons if name.split()[0] == word]
        return matches[0] if len(matches) == 1 else None

    def known(self, phrase: str, offset: int) -> str | None:
        """The person a phrase names (full name, surname, pronoun or role), else None."""
        if "█" in phrase:
            return None
        words = phrase.strip(" ,.;:")
        words = re.sub(r"['’]s$", "", words)
        if words.lower() in PRONOUNS:
            return self.last_before(offset, words)
        named = self._named(words)
        if named:
            return named
        role = re.fullmatch(rf"(?:the\s+)?((?:[a-z-]+\s+){{0,2}}(?:{ROLE_HEADS}))", words.lower())
        return self.by_role(role.group(1), offset) if role else None

    def resolve(self, phrase: str, offset: int) -> str:
        """The claimant a subject phrase names: full name, organisation or group ("" if none).

        `offset` is where the phrase starts, for pronouns.
        """
        words = re.sub(r"^(?:and|but|also|so|then|meanwhile)\s+", "", phrase.strip(), flags=re.I)
        words = re.sub(r"['’]s$", "", words.strip(" ,;:"))
        if not re.search(r"\b(?:Cos|Co|Inc|Corp|Ltd|Jr|Sr|Bros)\.$", words):
            words = words.rstrip(".")
        if not words or len(words.split()) > 10 or "█" in words:
            return ""
        lowered = words.lower()
        if lowered in PRONOUNS:
            return self.last_before(offset, lowered) or ""
        role = re.fullmatch(rf"(?:the\s+)?((?:[a-z-]+\s+){{0,2}}(?:{ROLE_HEADS}))", lowered)
        if re.fullmatch(r"the\s++\d++-year-old", lowered):
            return self.last_before(offset) or ""  # "“…,” said the 46-year-old."
        named_after = _NAME_AFTER_NOUN.fullmatch(words)
        if named_after:  # "the economist Jared Bernstein", "the host Steve Doocy"
            return self.resolve(named_after.group("name"), offset)
        if role is None and re.match(r"(?:a|an|the)\s+[a-z]", words, re.IGNORECASE):
            # "a study published in the journal X": the study speaks, not a name inside it
            return words[0].upper() + words[1:]
        named = self._named(words)
        if named:
            return named
        if role:
            return self.by_role(role.group(1), offset) or words[0].upper() + words[1:]
        tokens = words.split()
        titled = [
            position
            for position, token in enumerate(tokens[:-2])
            if token.lower() in TITLES or re.fullmatch(ROLE_HEADS, token.lower())
        ]
        if (
            titled
            and all(
                token[:1].isupper() or token in ("of", "for", "and", "the")
                for token in tokens[: titled[-1] + 1]
            )
            and all(token[:1].isupper() for token in tokens[titled[-1] + 1 :])
        ):
            # "South Carolina Democratic Party Chairman Jaime Harrison": the name after the title
            return " ".join(tokens[titled[-1] + 1 :])
        first_names = [
            position
            for position, token in enumerate(tokens[1:-1], start=1)
            if token.lower() in MALE_NAMES or token.lower() in FEMALE_NAMES
        ]
        if first_names and titled and len(tokens) - first_names[-1] in (2, 3):
            # "UMWA Director of Government Affairs Phil Smith": the name from its first name
            return " ".join(tokens[first_names[-1] :])
        if lowered in ("they", "we", "it", "i", "you", "one", "this", "that", "which", "who"):
            return ""
        return words[0].upper() + words[1:]

    def person(self, name: str) -> Person | None:
        return self.persons.get(name)
