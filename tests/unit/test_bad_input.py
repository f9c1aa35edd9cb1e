"""One fixture per failure mode: each gives exit 1 and a message naming file, record, field."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli

BAD = Path(__file__).parent.parent / "data" / "bad"

# fixture file -> what the message must name (record and field, or the reason)
EXPECTED = {
    "truncated.toml": ["invalid TOML", "Unterminated string"],
    "wrong-type.toml": ['claims[0] (id "never-agreed").anchor.start', "expected an integer"],
    "missing-id.toml": ["claims[0].id", "missing"],
    "duplicate-id.toml": ['claims[1] (id "never-agreed").id', "duplicate id"],
    "unknown-status.toml": ['(id "three-billion-images").status', '"maybe" is not one of'],
    "bad-id.toml": ['claims[1] (id "Three Billion Images").id', "is not a valid id"],
    "unknown-key.toml": ['(id "three-billion-images").verdikt', "unknown key"],
    "bad-edtf.toml": ['events[0] (id "contract-signed").date', "day 30 does not exist"],
    "missing-event.toml": ['(id "three-billion-images").event', '"contract-sign" is not'],
    "anchor-mismatch.toml": ['(id "never-agreed").anchor', "moved to 74..98"],
    "orphan-anchor.toml": ['(id "never-agreed").anchor', "orphan"],
    "javascript-url.toml": ["evidence[0].url", "only http and https"],
    "conflict-markers.toml": [":51:", "unresolved merge: run `factcheck merge`"],
    "bom.toml": ["not in canonical form"],
    "binary-junk.toml": ["not a text file"],
    "not-utf8.toml": [":27:", "not valid UTF-8"],
    "path-escape.toml": ['sources[0] (id "article").file', "leaves the timeline's folder"],
    "wrong-schema.toml": ["schema", "not a schema this version reads"],
    "inline-evidence.toml": ['(id "three-billion-images").evidence', "[[claims.evidence]]"],
    "id-clash.toml": ['claims[0] (id "contract-signed").id', "is also the id of an event"],
    "hand-written-anchor.toml": ['(id "never-agreed").anchor', "run `factcheck fmt` to locate it"],
}


def test_every_fixture_has_an_expectation() -> None:
    assert {path.name for path in BAD.glob("*.toml")} == set(EXPECTED)


#: Fixtures that load (the problem is in the anchors or the bytes): fmt does not refuse them.
LOADABLE = {
    "bom.toml",
    "anchor-mismatch.toml",
    "orphan-anchor.toml",
    "id-clash.toml",
    "hand-written-anchor.toml",
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_check_names_file_record_and_field(name: str) -> None:
    path = BAD / name
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert str(path) in result.output
    for fragment in EXPECTED[name]:
        assert fragment in result.output, (fragment, result.output)


@pytest.mark.parametrize("name", sorted(set(EXPECTED) - LOADABLE))
def test_fmt_refuses_and_loses_nothing(name: str, tmp_path: Path) -> None:
    target = tmp_path / name
    shutil.copy(BAD / name, target)
    before = hashlib.sha256(target.read_bytes()).hexdigest()
    for command in (["fmt"], ["fmt", "--check"]):
        result = CliRunner().invoke(cli, [*command, str(target)])
        assert result.exit_code == 1, (command, result.output)
        assert "Traceback" not in result.output
        assert hashlib.sha256(target.read_bytes()).hexdigest() == before
    assert [p.name for p in tmp_path.iterdir()] == [name]  # no temp file left behind


@pytest.mark.parametrize("name", ["bom.toml", "anchor-mismatch.toml", "hand-written-anchor.toml"])
def test_fmt_repairs_what_it_can(name: str, tmp_path: Path) -> None:
    shutil.copytree(BAD / "sources", tmp_path / "sources")
    target = tmp_path / name
    shutil.copy(BAD / name, target)
    assert CliRunner().invoke(cli, ["fmt", str(target)]).exit_code == 0
    result = CliRunner().invoke(cli, ["check", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == (BAD.parent / "good.toml").read_bytes()
