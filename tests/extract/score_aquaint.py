"""Score day-level dates against the AQUAINT part of the TempEval-3 training data (development).

    PYTHONPATH=. python3 tests/extract/score_aquaint.py PATH [--show N]

PATH is the folder of AQUAINT `.tml` files (in TempEval-3's `TBAQ-cleaned/AQUAINT/`, e.g. from
github.com/jspotter/TempEval-3). TimeBank and the TempEval-3 platinum set are reserved for
independent evaluation: this script refuses a folder whose name is not AQUAINT. The corpus is
not in this repository (LDC licence).

Each document's `<TEXT>` (tags removed) is the article; its creation time (`<DCT>`) is given
as the article date, as `factcheck extract --date` would. Gold: the TIMEX3 values of day
precision (`YYYY-MM-DD`, a time of day ignored). Found: the resolved date phrases that
`extract` turns into events, of day precision. A found phrase is right when it overlaps a gold
TIMEX3 of the same day; a gold one is found when such a phrase overlaps it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.extract import article as article_module
from factcheck.extract import build

_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:T.*)?$")


@dataclass
class Document:
    text: str
    date: dt.date
    #: (start, end, value) of every TIMEX3 in the text.
    timexes: list[tuple[int, int, str]]


def read_tml(path: Path) -> Document:
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r"<DCT>.*?value=\"(\d{4}-\d{2}-\d{2})", raw, re.DOTALL)
    body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.DOTALL)
    if dct is None or body is None:
        raise ValueError(f"{path}: no DCT or TEXT")
    pieces: list[str] = []
    length = 0
    timexes = []
    open_timex: tuple[int, str] | None = None
    position = 0
    source = body.group(1)
    for tag in _TAG.finditer(source):
        chunk = html.unescape(source[position : tag.start()])
        pieces.append(chunk)
        length += len(chunk)
        position = tag.end()
        if tag.group(2) == "TIMEX3":
            if tag.group(1):
                if open_timex is not None:
                    timexes.append((open_timex[0], length, open_timex[1]))
                open_timex = None
            else:
                value = re.search(r'value="([^"]*)"', tag.group(3))
                open_timex = (length, value.group(1) if value else "")
    pieces.append(html.unescape(source[position:]))
    return Document("".join(pieces), dt.date.fromisoformat(dct.group(1)), timexes)


@dataclass
class Totals:
    gold: int = 0
    found_gold: int = 0
    found: int = 0
    right: int = 0
    documents: int = 0
    false_positives: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)


def score(document: Document, name: str, totals: Totals) -> None:
    article = article_module.read(document.text, document.date)
    phrases = [phrase for phrase in build.date_phrases(article) if _DAY.match(phrase.date)]
    gold = [(a, b, _DAY.match(v).group(1)) for a, b, v in document.timexes if _DAY.match(v)]  # type: ignore[union-attr]
    totals.documents += 1
    totals.gold += len(gold)
    totals.found += len(phrases)

    def overlaps(a: int, b: int, c: int, d: int) -> bool:
        return min(b, d) > max(a, c)

    for phrase in phrases:
        if any(
            overlaps(phrase.start, phrase.end, a, b) and value == phrase.date
            for a, b, value in gold
        ):
            totals.right += 1
        else:
            gold_values = [
                v for a, b, v in document.timexes if overlaps(phrase.start, phrase.end, a, b)
            ]
            totals.false_positives.append(
                f"{name}: {phrase.text!r} -> {phrase.date} (gold {gold_values}, {phrase.tense})"
            )
    for a, b, value in gold:
        if any(
            overlaps(phrase.start, phrase.end, a, b) and value == phrase.date for phrase in phrases
        ):
            totals.found_gold += 1
        else:
            context = document.text[max(0, a - 50) : b + 20].replace("\n", " ")
            mine = [p.date for p in build.date_phrases(article) if overlaps(p.start, p.end, a, b)]
            totals.misses.append(
                f"{name}: {document.text[a:b]!r} = {value}, ours {mine}: …{context}…"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--show", type=int, default=0, help="print N examples of each error")
    options = parser.parse_args()
    if options.path.name != "AQUAINT":
        sys.exit(f"{options.path}: give the AQUAINT folder (TimeBank and platinum are reserved)")
    totals = Totals()
    for path in sorted(options.path.glob("*.tml")):
        if path.name.startswith("."):
            continue
        score(read_tml(path), path.stem, totals)
    precision = totals.right / max(totals.found, 1)
    recall = totals.found_gold / max(totals.gold, 1)
    print(f"AQUAINT (TempEval-3 training): {totals.documents} documents")
    print(f"day-level date precision {precision:.3f}  ({totals.right}/{totals.found})")
    print(f"day-level date recall    {recall:.3f}  ({totals.found_gold}/{totals.gold})")
    if options.show:
        print("\nwrong:", *totals.false_positives[: options.show], sep="\n  ")
        print("\nmissed:", *totals.misses[: options.show], sep="\n  ")


if __name__ == "__main__":
    main()
