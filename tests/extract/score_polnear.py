"""Score quotes, speakers and claimants against PolNeAR's **train** split (development data).

    PYTHONPATH=. python3 tests/extract/score_polnear.py PATH [--every N [--start N]] [--show N]

PATH is a PolNeAR checkout (github.com/networkdynamics/PolNeAR, data under `data/`) or a
folder holding `train/` and `metadata.tsv`. Only `train/` is read: the dev and test splits are
reserved for independent evaluation, and this script refuses any other folder. The corpus is
not in this repository (its articles belong to their publishers).

Gold quotes are the attributions whose content holds a quotation mark (direct or mixed) or
whose cue is a verb or noun of saying (`SPEECH_CUE`; beliefs such as "think" or "wants" are not
quotes). Where an article was annotated more than once, the first annotation file in name
order is used.

- recall: share of gold quotes that a `quote`/`paraphrase` claim overlaps (one character);
- precision: share of `quote`/`paraphrase` claims that overlap the content of any attribution;
- speaker accuracy: of the found gold quotes that have a source, share whose claimant (of the
  claim overlapping most) names the source: the claimant's last word is among the words of the
  source or of the names in its CoreNLP coreference chain (PolNeAR ships CoreNLP output: the
  representative mention and the mentions with a capitalised word), or the reverse; an empty
  claimant is wrong. A source that is only pronouns (no name in its chain) is not judged and
  is counted apart. Printed apart too, the same accuracy over the sources whose words or
  chain hold a token CoreNLP tags PERSON or ORGANIZATION ("named sources"): for the others
  (descriptions such as "the Vermont senator" that CoreNLP ties to no name, and pronouns whose
  chain holds only such descriptions) the gold names nobody, so a claimant that resolves the
  description to the person ("Bernie Sanders") is counted wrong and one that repeats it
  is counted right;
- junk claimants: share of claims with a claimant whose claimant is not a name (`is_junk`).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
import xml.etree.ElementTree as ElementTree
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.extract import extract_text
from factcheck.extract.people import words
from factcheck.model import Timeline

SPEECH_CUE = re.compile(
    r"\b(?:sa(?:id|y|ys|ying)|t(?:old|ell|ells|elling)|add|ask|writ|wrote|not(?:ed|es|ing)\b|"
    r"report|announc|suggest|argu|tweet|describ|continu|explain|declar|accus|claim|insist|"
    r"warn|acknowledg|admit|den(?:y|ied|ies|ying)|predict|promis|vow|urg|call|cit(?:e|ed|es|ing)|"
    r"stat(?:ed|es|ing|ement)|testif|alleg|respond|repl|reiterat|recall|stress|emphasi|"
    r"conced|complain|critici|charg|question|answer|remark|comment|quip|jok|post|confirm|"
    r"according|interview|speech|proclaim|assert|contend|counter|pledg|observ|mention|"
    r"point(?:ed|s|ing)?\s+out|conclud|concluded|boast|brag|lament|recount|shout|yell|"
    r"retort|rail|blast|slam|mock|prais|thank|apologi|defend|respon|message|letter|op-ed|"
    r"email|e-mail|memo)|^\s*:\s*$|—",
    re.IGNORECASE,
)
#: CoreNLP's tags for a name that can speak.
_NAME_TAGS = frozenset(("PERSON", "ORGANIZATION"))
_PRONOUNS = words("he she they it we i you who that which him her them his its their this")
_QUOTE_MARKS = re.compile(r"[\"“”]|``|''")
_TITLES = words(
    "mr mrs ms dr sen rep gov president mayor senator governor the a an of gen secretary "
    "candidate nominee former"
)
_NOT_NAME_START = words(
    "though although while when after before as at in on if because but and or so both all "
    "he she they it we i you his her their its this that these those there here who which "
    "what where why how also then yet since during with without from for by to of"
)
_NOT_NAME_END = words(
    "that which who the a an and or but of to in on at for with by from as is was"
)
_DATE_WORDS = words(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow "
    "tonight january february march april june july august september october november "
    "december week month year"
)
_BARE_TITLES = words(
    "mr mr. mrs mrs. ms ms. dr dr. sen sen. rep rep. gov gov. president mayor senator "
    "governor secretary judge chairman spokesman spokeswoman official officials"
)


def is_junk(claimant: str) -> bool:
    """A claimant that is not a name: a fragment, a date word, spaces, a title alone."""
    if not claimant.strip():
        return False
    if re.search(r"\s\s|[\n\t\"“”█]|\d", claimant):
        return True
    tokens = claimant.split()
    lowered = [token.lower().strip(".,'’") for token in tokens]
    return (
        len(tokens) > 6
        or lowered[0] in _NOT_NAME_START
        or lowered[-1] in _NOT_NAME_END
        or any(token in _DATE_WORDS for token in lowered)
        or claimant.lower().strip(". ") in _BARE_TITLES
    )


@dataclass
class Attribution:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]]
    cue: str
    text: str

    @property
    def quoted(self) -> str:
        marks = len(_QUOTE_MARKS.findall(self.text))
        if not marks:
            return "indirect"
        stripped = self.text.strip(" .,;")
        whole = bool(_QUOTE_MARKS.match(stripped)) and bool(_QUOTE_MARKS.search(stripped[-2:]))
        return "direct" if whole and marks == 2 else "mixed"

    @property
    def is_quote(self) -> bool:
        return self.quoted != "indirect" or bool(SPEECH_CUE.search(self.cue))


def _spans(field_text: str) -> list[tuple[int, int]]:
    spans = []
    for part in field_text.split(";"):
        low, high = part.split()[-2:]
        spans.append((int(low), int(high)))
    return spans


def read_annotation(path: Path, text: str) -> list[Attribution]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    relations = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label = parts[1].split()[0]
            spans[parts[0]] = (label, _spans(parts[1][len(label) :]))
        elif line.startswith("E") and len(parts) >= 2:
            relations.append(dict(role.split(":", 1) for role in parts[1].split()))
    found = []
    for relation in relations:
        content = spans.get(relation.get("Content", ""), ("", []))[1]
        if not content:
            continue
        source = spans.get(relation.get("Source", ""), ("", []))[1]
        cue = " ".join(text[a:b] for a, b in spans.get(relation.get("Cue", ""), ("", []))[1])
        words = " ".join(text[a:b] for a, b in content)
        found.append(Attribution(content, source, cue, words))
    return found


Chain = tuple[list[tuple[int, int]], list[str]]


def coreference(path: Path) -> tuple[list[Chain], list[tuple[int, int]]]:
    """CoreNLP chains: the character spans of their mentions, and the names they hold (the
    representative mention, and every mention with a capitalised word); and the spans of the
    tokens CoreNLP tags as a person's or organisation's name."""
    try:
        root = ElementTree.parse(path).getroot()
    except (OSError, ElementTree.ParseError):
        return [], []
    offsets: dict[tuple[int, int], tuple[int, int]] = {}
    entities = []
    for number, sentence in enumerate(root.iterfind(".//sentences/sentence"), start=1):
        for token in sentence.iter("token"):
            begin = int(token.findtext("CharacterOffsetBegin") or 0)
            end = int(token.findtext("CharacterOffsetEnd") or 0)
            offsets[(number, int(token.get("id") or 0))] = (begin, end)
            if token.findtext("NER") in _NAME_TAGS:
                entities.append((begin, end))
    chains = []
    outer = root.find(".//coreference")
    for chain in outer.findall("coreference") if outer is not None else []:
        mentions, names = [], []
        for mention in chain.findall("mention"):
            number = int(mention.findtext("sentence") or 0)
            first = offsets.get((number, int(mention.findtext("start") or 0)))
            last = offsets.get((number, int(mention.findtext("end") or 0) - 1))
            if first and last:
                mentions.append((first[0], last[1]))
            words = mention.findtext("text") or ""
            if mention.get("representative") == "true" or re.search(r"\b[A-Z][a-z]", words):
                names.append(words)
        chains.append((mentions, names))
    return chains, entities


def _words(name: str) -> set[str]:
    tokens = re.findall(r"[a-z][a-z'’-]*", name.lower())
    return {re.sub(r"['’]s$", "", token) for token in tokens} - _TITLES


def _last_word(name: str) -> str:
    tokens = [
        re.sub(r"['’]s$", "", token)
        for token in re.findall(r"[a-z][a-z'’-]*", name.lower())
        if token not in _TITLES
    ]
    return tokens[-1] if tokens else ""


def same_speaker(claimant: str, gold_names: list[str]) -> bool:
    if not claimant.strip():
        return False
    mine = _words(claimant)
    last = _last_word(claimant)
    for gold in gold_names:
        if last and last in _words(gold):
            return True
        if _last_word(gold) and _last_word(gold) in mine:
            return True
    return False


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


@dataclass
class Totals:
    gold: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    claims: int = 0
    true_claims: int = 0
    with_source: int = 0
    unresolved: int = 0
    named_sources: int = 0
    named_right: int = 0
    right_speaker: int = 0
    empty_speaker: int = 0
    claimants: int = 0
    junk: int = 0
    articles: int = 0
    junk_examples: Counter[str] = field(default_factory=Counter)
    wrong_examples: list[str] = field(default_factory=list)
    missed_examples: list[str] = field(default_factory=list)


def _train_folder(path: Path) -> Path:
    for candidate in (path / "data" / "train", path / "train"):
        if (candidate / "text").is_dir():
            return candidate
    if path.name == "train" and (path / "text").is_dir():
        return path
    sys.exit(f"{path}: no PolNeAR train split here (expected data/train/text)")


def score_article(text_file: Path, train: Path, date: str, totals: Totals) -> None:
    stem = text_file.stem
    annotations = sorted((train / "attributions").glob(f"{stem}_*.ann"))
    if not annotations:
        return
    text = text_file.read_text(encoding="utf-8")
    gold = read_annotation(annotations[0], text)
    chains, entities = coreference(train / "corenlp" / f"{stem}.txt.xml")
    article_date = dt.date.fromisoformat(date) if date else None
    timeline: Timeline = extract_text(
        text.encode("utf-8"), text_file.name, f"sources/{text_file.name}", article_date
    )
    claims = [
        claim
        for claim in timeline.claims
        if claim.kind in ("quote", "paraphrase") and claim.anchor is not None
    ]
    spans = [(claim.anchor.start, claim.anchor.end) for claim in claims if claim.anchor]
    contents = [span for attribution in gold for span in attribution.content]
    totals.articles += 1
    for span in spans:
        totals.claims += 1
        totals.true_claims += any(_overlap(span, content) for content in contents)
    for claim in timeline.claims:
        if claim.claimant:
            totals.claimants += 1
            if is_junk(claim.claimant):
                totals.junk += 1
                totals.junk_examples[claim.claimant] += 1
    for attribution in gold:
        if not attribution.is_quote:
            continue
        category = attribution.quoted
        totals.gold[category] += 1
        best, best_overlap = None, 0
        for claim, span in zip(claims, spans, strict=True):
            overlap = sum(_overlap(span, content) for content in attribution.content)
            if overlap > best_overlap:
                best, best_overlap = claim, overlap
        if best is None:
            totals.missed_examples.append(f"{stem}: {attribution.text[:100]!r}")
            continue
        totals.found[category] += 1
        if not attribution.source:
            continue
        totals.with_source += 1
        source_text = " ".join(text[a:b] for a, b in attribution.source)
        names = [source_text]
        mentioned = list(attribution.source)
        for mentions, chain_names in chains:
            if any(_overlap(mention, s) for mention in mentions for s in attribution.source):
                names += chain_names
                mentioned += mentions
        if all(_words(name) <= _PRONOUNS for name in names):
            totals.with_source -= 1
            totals.unresolved += 1  # "she" with no name in its chain: cannot be judged
            continue
        right = same_speaker(best.claimant, names)
        if any(_overlap(entity, span) for entity in entities for span in mentioned):
            totals.named_sources += 1  # a name CoreNLP recognises: the gold is a name
            totals.named_right += right
        if right:
            totals.right_speaker += 1
        else:
            totals.empty_speaker += not best.claimant
            totals.wrong_examples.append(
                f"{stem}: {best.claimant or '(empty)'!r} for {names} — {attribution.text[:60]!r}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="score the first N articles only")
    parser.add_argument(
        "--every", type=int, default=1, help="score every Nth article (a fixed sample)"
    )
    parser.add_argument(
        "--start", type=int, default=0, help="begin the sample at the Nth article (0-based)"
    )
    parser.add_argument("--show", type=int, default=0, help="print N examples of each error")
    options = parser.parse_args()
    train = _train_folder(options.path)
    metadata = train.parent / "metadata.tsv"
    dates = {}
    if metadata.exists():
        with metadata.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                dates[row["filename"]] = row.get("publication_date", "")
    files = sorted((train / "text").glob("*.txt"))
    files = files[options.start :: options.every]
    if options.limit:
        files = files[: options.limit]
    totals = Totals()
    for text_file in files:
        score_article(text_file, train, dates.get(text_file.stem, ""), totals)
    gold, found = sum(totals.gold.values()), sum(totals.found.values())
    print(f"PolNeAR train: {totals.articles} articles, {gold} gold quotes")
    print(f"quote recall     {found / max(gold, 1):.3f}  ({found}/{gold})")
    for category in ("direct", "mixed", "indirect"):
        count = totals.gold[category]
        print(f"  {category:9s}      {totals.found[category] / max(count, 1):.3f}  ({count})")
    print(
        f"quote precision  {totals.true_claims / max(totals.claims, 1):.3f}  "
        f"({totals.true_claims}/{totals.claims} quote/paraphrase claims)"
    )
    print(
        f"speaker accuracy {totals.right_speaker / max(totals.with_source, 1):.3f}  "
        f"({totals.right_speaker}/{totals.with_source} found quotes with a source; "
        f"{totals.empty_speaker} empty; {totals.unresolved} more whose source is a pronoun "
        "that CoreNLP ties to no name, not judged)"
    )
    print(
        f"  named sources  {totals.named_right / max(totals.named_sources, 1):.3f}  "
        f"({totals.named_right}/{totals.named_sources} whose source or its chain holds a name "
        "CoreNLP tags PERSON or ORGANIZATION)"
    )
    print(
        f"junk claimants   {totals.junk / max(totals.claimants, 1):.3f}  "
        f"({totals.junk}/{totals.claimants} claims with a claimant)"
    )
    if options.show:
        print("\njunk:", totals.junk_examples.most_common(options.show))
        print("\nwrong speakers:", *totals.wrong_examples[: options.show], sep="\n  ")
        print("\nmissed:", *totals.missed_examples[: options.show], sep="\n  ")


if __name__ == "__main__":
    main()
