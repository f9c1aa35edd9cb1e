"""Ids unique in the whole file, and anchors written by hand (only the quoted words)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck import anchors, store
from factcheck.check import check_file, id_clashes
from factcheck.cli import cli
from factcheck.extract.pipeline import extract_text
from factcheck.model import Anchor, Claim, Source, Timeline

ROOT = Path(__file__).parents[2]
SHIPPED = ROOT / "timelines" / "chicago-facial-recognition-2020.toml"
SEED = ROOT / "timelines" / "sources" / "chicago-facial-recognition-2020.txt"


def test_the_shipped_timeline_has_no_id_shared_between_kinds() -> None:
    assert id_clashes(str(SHIPPED), store.load(SHIPPED).timeline) == []


def test_extract_never_gives_an_event_and_a_claim_one_id() -> None:
    timeline = extract_text(SEED.read_bytes(), str(SEED), "sources/seed.txt", None)
    assert timeline.events and timeline.claims
    assert id_clashes("draft", timeline) == []


# --- hand-written anchors ------------------------------------------------------------------

SOURCE = "The mayor said no. Later the council said no. Then the mayor said yes.\n"


def _timeline_file(tmp_path: Path, anchor: str) -> Path:
    """A one-claim timeline whose anchor table is `anchor` (TOML lines), with its source."""
    (tmp_path / "sources").mkdir()
    data = SOURCE.encode("utf-8")
    (tmp_path / "sources" / "a.txt").write_bytes(data)
    timeline = Timeline(
        id="t",
        sources=(Source(id="a", file="sources/a.txt", sha256=hashlib.sha256(data).hexdigest()),),
        claims=(Claim(id="c", text="No.", anchor=Anchor(source="a", start=0, end=0, exact="")),),
    )
    text = store.dumps(timeline).replace(
        '[claims.anchor]\nsource = "a"\nstart = 0\nend = 0\nexact = ""\nprefix = ""\nsuffix = ""\n',
        "[claims.anchor]\n" + anchor,
    )
    path = tmp_path / "t.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("anchor", "expected_start"),
    [
        ('source = "a"\nexact = "council said no"\n', 29),  # once: offsets left out
        ('source = "a"\nstart = 0\nend = 0\nexact = "council said no"\n', 29),  # 0..0
        ('source = "a"\nexact = "mayor said"\nsuffix = " yes"\n', 55),  # twice: suffix
        ('source = "a"\nexact = "said no"\nprefix = "mayor "\n', 10),  # twice: prefix
    ],
)
def test_fmt_locates_a_hand_written_anchor_and_fills_in_the_offsets(
    tmp_path: Path, anchor: str, expected_start: int
) -> None:
    path = _timeline_file(tmp_path, anchor)
    code, output = _run("check", str(path))
    assert code == 1 and "is not located yet" in output
    assert "run `factcheck fmt` to locate it" in output
    code, output = _run("fmt", str(path))
    assert code == 0, output
    located = store.load(path).timeline.claims[0].anchor
    assert located is not None and located.located
    assert located.start == expected_start
    assert SOURCE[located.start : located.end] == located.exact
    assert located.prefix == SOURCE[max(0, located.start - anchors.CONTEXT) : located.start]
    assert not check_file(path).errors


@pytest.mark.parametrize(
    ("anchor", "reason"),
    [
        ('source = "a"\nexact = "said no"\n', "occurs 2 times in the source; add a prefix"),
        ('source = "a"\nexact = "said maybe"\n', "its exact text is not in the source"),
    ],
)
def test_an_anchor_fmt_cannot_place_is_named_with_the_reason(
    tmp_path: Path, anchor: str, reason: str
) -> None:
    path = _timeline_file(tmp_path, anchor)
    for command in ("check", "fmt"):
        code, output = _run(command, str(path))
        assert code == 1
        assert f'{path}: claims[0] (id "c").anchor: cannot locate' in output
        assert reason in output
    anchor_after = store.load(path).timeline.claims[0].anchor
    assert anchor_after is not None and not anchor_after.located  # nothing guessed


def test_a_located_empty_anchor_and_bad_spans_keep_their_meaning() -> None:
    assert Anchor(source="a", start=0, end=0, exact="").located
    assert not Anchor(source="a", start=0, end=0, exact="x").located
    with pytest.raises(ValueError, match="spans"):
        Anchor(source="a", start=3, end=3, exact="x")
