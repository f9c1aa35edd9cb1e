"""Fact-check library benchmark (on demand; not part of the test run): CheckThat! Task 2.

    python -m tests.bench.bench_library --clef2020 DIR --clef2021 DIR [--split dev]

--clef2020: the v3.0 folder of data/v3.zip from sshaar/clef2020-factchecking-task2
            (verified_claims.docs.tsv, train/ and dev/ with tweets.queries.tsv and
            tweet-vclaim-pairs.qrels).
--clef2021: the subtask-2a--english data folder of the CLEF-2021 CheckThat! lab (vclaims/,
            tweets-train-dev.tsv, qrels-train.tsv, qrels-dev.tsv).

--add N: also time `factcheck library add` of N synthetic reviews (default 20,000; 0: skip).

Only the train and dev splits are read: the test splits are reserved for independent
evaluation. Each corpus becomes a ClaimReview JSON-LD file (URLs under the reserved
.invalid domain, so they map back to the corpus ids), added with the same code as
`factcheck library add`; each tweet is a query. Prints MAP@5 (the lab's measure: average
precision over the top 5, divided by the number of relevant claims), the index time and
the median query time.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from factcheck.library import Library, sources
from tests.bench.bench_interop import api_document

csv.field_size_limit(sys.maxsize)
PREFIX = "https://bench.invalid/"


def _tsv(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.reader(handle, delimiter="\t")


def _qrels(path: Path) -> dict[str, set[str]]:
    relevant: dict[str, set[str]] = {}
    for row in _tsv(path):
        if len(row) >= 4 and row[3].strip() == "1":
            relevant.setdefault(row[0], set()).add(row[2])
    return relevant


def _review(vclaim_id: str, claim: str, title: str, date: str = "") -> dict[str, object]:
    review: dict[str, object] = {
        "@type": "ClaimReview",
        "claimReviewed": claim,
        "headline": title,
        "url": PREFIX + vclaim_id,
        "author": {"@type": "Organization", "name": "Snopes"},
    }
    if date:
        review["datePublished"] = date
    return review


def clef2020(folder: Path) -> tuple[list[dict[str, object]], dict[str, tuple]]:
    rows = _tsv(folder / "verified_claims.docs.tsv")
    next(rows)  # header
    reviews = [_review(row[0], row[1], row[2]) for row in rows if len(row) >= 3]
    splits = {}
    for split in ("train", "dev"):
        tweets = _tsv(folder / split / "tweets.queries.tsv")
        next(tweets)
        texts = {row[0]: row[1] for row in tweets if len(row) >= 2}
        splits[split] = (texts, _qrels(folder / split / "tweet-vclaim-pairs.qrels"))
    return reviews, splits


def clef2021(folder: Path) -> tuple[list[dict[str, object]], dict[str, tuple]]:
    reviews = []
    for path in sorted((folder / "vclaims").glob("*.json")):
        item = json.loads(path.read_text(encoding="utf-8"))
        reviews.append(_review(item["vclaim_id"], item["vclaim"], item["title"], item["date"]))
    texts = {row[0]: row[1] for row in _tsv(folder / "tweets-train-dev.tsv") if len(row) >= 2}
    splits = {}
    for split in ("train", "dev"):
        relevant = _qrels(folder / f"qrels-{split}.tsv")
        splits[split] = ({q: texts[q] for q in relevant}, relevant)
    return reviews, splits


def average_precision(ranked: list[str], relevant: set[str], depth: int = 5) -> float:
    hits, total = 0, 0.0
    for position, item in enumerate(ranked[:depth], start=1):
        if item in relevant:
            hits += 1
            total += hits / position
    return total / len(relevant) if relevant else 0.0


def run(name: str, reviews: list[dict[str, object]], splits: dict[str, tuple], show: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / f"{name}.json"
        corpus.write_text(json.dumps(reviews), encoding="utf-8")
        started = time.perf_counter()
        library = Library.open(Path(folder) / "library.sqlite", create=True)
        records, problems = sources.read(corpus)
        library.add(records, str(corpus))
        index_seconds = time.perf_counter() - started
        print(f"{name}: {len(records):,} reviews indexed in {index_seconds:.2f} s "
              f"({len(problems)} warning(s))")  # fmt: skip
        for split, (texts, relevant) in splits.items():
            scores, timings, misses = [], [], []
            for query_id, expected in relevant.items():
                text = texts.get(query_id, "")
                begin = time.perf_counter()
                matches = library.match(text, top=5)
                timings.append(time.perf_counter() - begin)
                ranked = [match.url.removeprefix(PREFIX) for match in matches]
                score = average_precision(ranked, expected)
                scores.append(score)
                if score < 1:
                    misses.append((query_id, text, expected, ranked))
            print(f"  {split:5} MAP@5 {statistics.fmean(scores):.4f}  ({len(scores)} queries; "
                  f"median query {statistics.median(timings) * 1000:.1f} ms, "
                  f"max {max(timings) * 1000:.1f} ms)")  # fmt: skip
            for query_id, text, expected, ranked in misses[:show]:
                print(f"    miss {query_id}: {text[:160]!r}\n      want {sorted(expected)}"
                      f"\n      got  {ranked}")  # fmt: skip
        library.close()


def add_speed(count: int) -> None:
    """`factcheck library add` of `count` Fact Check Tools reviews, end to end (median of 3)."""
    timings = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "reviews.json"
        path.write_text(json.dumps(api_document(count)), encoding="utf-8")
        size = path.stat().st_size
        for attempt in range(3):
            library = Path(folder) / f"library-{attempt}.sqlite"
            command = [sys.executable, "-m", "factcheck", "library", "add", str(path)]
            started = time.perf_counter()
            subprocess.run([*command, "--library", str(library)], check=True, capture_output=True)
            timings.append(time.perf_counter() - started)
    print(f"library add of {count:,} reviews ({size:,} bytes of JSON), "
          f"new library, whole command: median {statistics.median(timings):.2f} s "
          f"(runs: {', '.join(f'{t:.2f}' for t in timings)})")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clef2020", type=Path, help="the v3.0 data folder")
    parser.add_argument("--clef2021", type=Path, help="the subtask-2a--english data folder")
    parser.add_argument("--split", choices=("train", "dev"), help="only this split")
    parser.add_argument("--show-misses", type=int, default=0, help="print N missed queries")
    parser.add_argument("--add", type=int, default=20_000, help="reviews for the add timing")
    args = parser.parse_args()
    if args.add:
        add_speed(args.add)
    corpora = (
        ("CheckThat! 2020 Task 2", args.clef2020, clef2020),
        ("CheckThat! 2021 Task 2A English", args.clef2021, clef2021),
    )
    for name, folder, reader in corpora:
        if folder is None:
            continue
        reviews, splits = reader(folder)
        if args.split:
            splits = {args.split: splits[args.split]}
        run(name, reviews, splits, args.show_misses)


if __name__ == "__main__":
    main()
