"""The JSON Schema for editors: generated from the model's key table, committed, accurate."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
import tomli_w
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from factcheck import model, schema, store
from factcheck.cli import cli
from tests.review.helpers import timeline as generated_timeline
from tests.unit.strategies import timelines

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
SHIPPED = sorted((ROOT / "timelines").glob("*.toml"))
VALIDATOR = jsonschema.Draft202012Validator(json.loads(schema.COMMITTED.read_text("utf-8")))
#: Bad fixtures whose problem JSON Schema can say (the rest need the source, or references).
SCHEMA_LEVEL_BAD = [
    "unknown-key.toml",
    "wrong-type.toml",
    "unknown-status.toml",
    "bad-id.toml",
    "missing-id.toml",
    "wrong-schema.toml",
    "javascript-url.toml",
    "path-escape.toml",
    "inline-evidence.toml",
]


def errors(document: dict[str, Any]) -> list[str]:
    return [error.message for error in VALIDATOR.iter_errors(document)]


def test_the_committed_schema_is_the_generated_one() -> None:
    assert schema.COMMITTED.read_text("utf-8") == schema.dumps(), (
        "the model's key table changed: run `python -m factcheck.schema` and commit the file"
    )


def test_the_generated_schema_follows_the_key_table(monkeypatch: pytest.MonkeyPatch) -> None:
    added = model.Key("rating", "a new field", model.check_str)
    table = {**model.FILE_FORMAT, "claims": (*model.FILE_FORMAT["claims"], added)}
    monkeypatch.setattr(model, "FILE_FORMAT", table)
    monkeypatch.setattr(schema, "FILE_FORMAT", table)
    assert "rating" in schema.build()["$defs"]["claims"]["properties"]
    assert schema.dumps() != schema.COMMITTED.read_text("utf-8")


def test_the_schema_is_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(VALIDATOR.schema)


@pytest.mark.parametrize("table", sorted(model.FILE_FORMAT))
def test_the_key_table_matches_the_record_classes(table: str) -> None:
    fields = attrs.fields_dict(schema.RECORDS[table])
    assert set(model.key_names(table)) == set(fields)
    without_default = {name for name, field in fields.items() if field.default is attrs.NOTHING}
    always_in_file = {"schema"} if table == "timeline" else set()
    assert set(model.required_keys(table)) == without_default | always_in_file


@pytest.mark.parametrize("path", [*SHIPPED, DATA / "good.toml"], ids=lambda path: path.name)
def test_the_shipped_and_round_trip_files_validate(path: Path) -> None:
    assert errors(tomllib.loads(path.read_text("utf-8"))) == []


def test_a_generated_50_claim_file_validates() -> None:
    text = store.dumps(generated_timeline(claims=50, events=10))
    assert text.count("[[claims]]") == 50
    assert errors(tomllib.loads(text)) == []


@settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
@given(timelines())
def test_every_dumped_timeline_validates(timeline: model.Timeline) -> None:
    assert errors(tomllib.loads(store.dumps(timeline))) == []


@pytest.mark.parametrize("name", SCHEMA_LEVEL_BAD)
def test_schema_level_bad_fixtures_fail(name: str) -> None:
    document = tomllib.loads((DATA / "bad" / name).read_text("utf-8"))
    assert errors(document), f"{name} validates but `factcheck check` refuses it"


def test_empty_optional_values_validate_as_the_loader_accepts_them() -> None:
    text = SHIPPED[0].read_text("utf-8")
    document = tomllib.loads(text)
    claim = document["claims"][0]
    claim.update(event="", reviewed_on="", verdict="")
    document["sources"][0]["url"] = ""
    document["claims"][0]["evidence"] = [{"url": "https://example.org/x", "accessed": ""}]
    store.loads(tomli_w.dumps(document))  # the loader accepts it...
    assert errors(document) == []  # ...and so does the schema


def test_ids_with_a_trailing_newline_are_refused() -> None:
    with pytest.raises(model.FieldProblem):
        model.check_id("claim\n")


def test_the_schema_command_prints_the_committed_schema() -> None:
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0
    assert result.output == schema.COMMITTED.read_text("utf-8")


def test_the_readme_lists_every_key_from_the_table() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    start, end = schema.README_START, schema.README_END
    block = readme[readme.index(start) + len(start) : readme.index(end)]
    assert block == schema.readme_table(), "run `python -m factcheck.schema` to update README"


@pytest.mark.e2e
def test_taplo_validates_timelines_with_the_written_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """taplo (PyPI's build of the engine of Even Better TOML, Helix's and Zed's TOML support)
    checks a timeline against the schema through the `.taplo.toml` that --taplo writes."""
    shutil.copytree(ROOT / "timelines", tmp_path / "timelines")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["schema", "--taplo"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    timeline = tmp_path / "timelines" / SHIPPED[0].name
    scripts = Path(sysconfig.get_paths()["scripts"]) / "taplo"
    executable = str(scripts) if scripts.exists() else shutil.which("taplo")
    assert executable, "taplo is a test dependency: pip install -e '.[test]'"

    def taplo() -> subprocess.CompletedProcess[str]:
        command = [executable, "check", str(timeline.relative_to(tmp_path))]
        return subprocess.run(command, cwd=tmp_path, capture_output=True, text=True)

    passed = taplo()
    assert passed.returncode == 0, passed.stderr
    text = timeline.read_text("utf-8")
    timeline.write_text(text.replace('status = "unverified"', 'status = "bogus"', 1), "utf-8")
    failed = taplo()
    assert failed.returncode == 1
    assert '"bogus" is not one of' in failed.stderr
    assert f"{timeline.name}:" in failed.stderr  # located: file, line and column
    again = CliRunner().invoke(cli, ["schema", "--taplo"])
    assert again.exit_code == 1 and "nothing written" in again.output


def test_the_schema_module_loads_no_ui() -> None:
    """`factcheck schema` belongs to the data layer (see test_architecture)."""
    code = (
        "import sys, factcheck.schema\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr
