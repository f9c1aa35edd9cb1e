"""Export -> import keeps what a fact-check is; the commands never show a traceback."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck import store
from factcheck.cli import cli
from factcheck.interop import exporters
from factcheck.interop.importer import import_file
from factcheck.model import Timeline
from tests.interop.fixtures import (
    PUBLISHER,
    SHIPPED,
    review_everything,
    reviewed_timeline,
    write_json,
    write_timeline,
)


def round_trip(timeline: Timeline, folder: Path) -> Timeline:
    exported = exporters.to_claimreview(timeline, PUBLISHER)
    assert not exported.errors
    path = folder / "out.json"
    path.write_text(exported.text, encoding="utf-8")
    return import_file(path).timeline


def assert_kept(original: Timeline, imported: Timeline) -> None:
    """Claims, claimants, statuses, dates and evidence URLs of every rated claim survive."""
    rated = [
        claim
        for claim in original.claims
        if claim.status not in exporters.UNRATED_STATUSES and claim.text.strip()
    ]
    assert len(imported.claims) == len(rated)
    for claim in rated:
        copy = imported.claim(claim.id)  # the id comes back from the review URL's fragment
        assert copy is not None, claim.id
        assert (copy.text, copy.claimant, copy.status) == (
            claim.text,
            claim.claimant.strip(),
            claim.status,
        )
        assert (copy.verdict, copy.reviewed_on) == (claim.verdict, claim.reviewed_on)
        event = original.event(claim.event) if claim.event else None
        copy_event = imported.event(copy.event) if copy.event else None
        assert (event.date if event else "") == (copy_event.date if copy_event else "")
        urls = {evidence.url for evidence in copy.evidence}
        assert {evidence.url for evidence in claim.evidence} <= urls
        stances = {e.url: e.stance for e in copy.evidence}
        assert stances[f"{PUBLISHER.url}#{claim.id}"] in ("supports", "refutes", "context")


def test_round_trip_of_the_fixture(tmp_path: Path) -> None:
    original = reviewed_timeline()
    imported = round_trip(original, tmp_path)
    assert_kept(original, imported)
    assert imported.publisher == PUBLISHER


@pytest.mark.skipif(not SHIPPED.exists(), reason="the shipped timeline is not written yet")
def test_round_trip_of_the_shipped_timeline_after_a_review(tmp_path: Path) -> None:
    original = review_everything(store.load(SHIPPED).timeline)
    assert_kept(original, round_trip(original, tmp_path))


# --- the commands --------------------------------------------------------------------------


def run(*args: str, cwd: Path) -> tuple[int, str, str]:
    runner = CliRunner()
    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = runner.invoke(cli, list(args))
    finally:
        os.chdir(old)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


def test_export_then_import_commands(tmp_path: Path) -> None:
    path = write_timeline(tmp_path, reviewed_timeline())
    code, _, err = run(
        "export", str(path), "--format", "claimreview", "-o", "cr.json", cwd=tmp_path
    )
    assert code == 0, err
    assert "exported 10 claim(s) to cr.json (claimreview)" in err
    assert "3 claim(s) not exported" in err
    code, _, err = run("import", "cr.json", cwd=tmp_path)
    assert code == 0, err
    assert "imported 10 claim(s) in 7 event(s) from cr.json to timelines/cr.toml" in err
    loaded = store.load(tmp_path / "timelines" / "cr.toml")
    assert loaded.timeline.id == "cr" and loaded.is_canonical()
    code, _, err = run("import", "cr.json", cwd=tmp_path)
    assert code == 2 and "exists; pass --force" in err
    code, _, err = run("import", "cr.json", "--force", "--id", "again", cwd=tmp_path)
    assert code == 0 and store.load(tmp_path / "timelines" / "cr.toml").timeline.id == "again"


@pytest.mark.parametrize("fmt", exporters.FORMATS)
def test_export_to_stdout(tmp_path: Path, fmt: str) -> None:
    path = write_timeline(tmp_path, reviewed_timeline())
    code, out, _err = run("export", str(path), "--format", fmt, cwd=tmp_path)
    assert code == 0 and out
    if fmt in ("claimreview", "timelinejs"):
        json.loads(out)


def test_export_usage_errors(tmp_path: Path) -> None:
    path = write_timeline(tmp_path, reviewed_timeline(publisher=None))
    code, _, err = run("export", str(path), "--format", "claimreview", cwd=tmp_path)
    assert code == 2 and "--publisher-name and --publisher-url" in err
    code, out, _ = run(
        "export",
        str(path),
        "--format",
        "claimreview",
        "--publisher-name",
        "D",
        "--publisher-url",
        "https://d.example/",
        cwd=tmp_path,
    )
    assert code == 0 and '"name": "D"' in out
    code, _, err = run("export", str(path), "--format", "csv", "-o", str(path), cwd=tmp_path)
    assert code == 2 and "the timeline itself" in err
    assert path.read_text(encoding="utf-8").startswith("schema = 1")
    code, _, err = run("export", str(path), "--format", "pdf", cwd=tmp_path)
    assert code == 2


def test_export_of_a_broken_timeline(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('schema = 1\nid = "x"\n[[claims]]\nid = "c"\nstatus = "maybe"\n', "utf-8")
    code, _, err = run("export", str(path), "--format", "csv", cwd=tmp_path)
    assert code == 1 and 'claims[0] (id "c").status: "maybe" is not one of' in err


def test_export_reports_a_claim_it_cannot_put_out(tmp_path: Path) -> None:
    timeline = reviewed_timeline()
    claim = timeline.claim("claim-3")
    assert claim is not None
    from attrs import evolve

    path = write_timeline(tmp_path, timeline.replace_claim(evolve(claim, text="")))
    code, out, err = run("export", str(path), "--format", "claimreview", cwd=tmp_path)
    assert code == 1
    assert 'claims (id "claim-3"): not exported: claimReviewed is missing or empty' in err
    assert len(json.loads(out)) == 9


def test_export_include_unrated_publishes_every_claim(tmp_path: Path) -> None:
    path = write_timeline(tmp_path, reviewed_timeline())
    code, out, err = run(
        "export", str(path), "--format", "claimreview", "--include-unrated", cwd=tmp_path
    )
    assert code == 0, err
    assert len(json.loads(out)) == 13 and "not exported" not in err


def test_import_failures_exit_1_with_the_file_named(tmp_path: Path) -> None:
    (tmp_path / "junk.json").write_bytes(b"\x00\x01binary")
    code, _, err = run("import", "junk.json", cwd=tmp_path)
    assert code == 1 and err.startswith("junk.json:1: not valid JSON")
    assert not (tmp_path / "timelines").exists()
    code, _, err = run("import", "nope.json", cwd=tmp_path)
    assert code == 1 and "nope.json: cannot read" in err


def test_import_rating_options(tmp_path: Path) -> None:
    write_json(
        tmp_path / "r.json",
        [
            {
                "@type": "ClaimReview",
                "claimReviewed": "x",
                "url": "https://c.example/1",
                "reviewRating": {"alternateName": "Four Pinocchios"},
            }
        ],
    )
    code, _, err = run("import", "r.json", "--rating", "Four Pinocchios=false", cwd=tmp_path)
    assert code == 0 and "statuses: false 1" in err
    (tmp_path / "map.toml").write_text('"Four Pinocchios" = "nonsense"\n', encoding="utf-8")
    code, _, err = run("import", "r.json", "--ratings", "map.toml", "--force", cwd=tmp_path)
    assert code == 2 and 'map.toml: "Four Pinocchios": "nonsense" is not one of' in err
    code, _, err = run("import", "r.json", "--rating", "oops", "--force", cwd=tmp_path)
    assert code == 2 and "expected LABEL=STATUS" in err


def test_import_warnings_are_sanitized(tmp_path: Path) -> None:
    write_json(
        tmp_path / "e.json",
        [
            {
                "@type": "ClaimReview",
                "claimReviewed": "x",
                "url": "javascript:\u001b]52;c;aGk=\u0007",
                "reviewRating": {"alternateName": "\u202eeurT"},
            }
        ],
    )
    code, _, err = run("import", "e.json", cwd=tmp_path)
    assert code == 0
    assert "\x1b" not in err and "\u202e" not in err
    assert "\\u001b" in err and "\\u202e" in err
