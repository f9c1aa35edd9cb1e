"""The JSON Schema of a timeline file, generated from the model's table of keys.

Editors that read JSON Schema for TOML (taplo: Even Better TOML, Helix, Zed) validate and
complete timelines with it. The schema is looser than `factcheck check` where JSON Schema
cannot say a rule (EDTF dates, anchors against their source, references between records,
unique ids), never stricter: every file `factcheck check` accepts validates.

The committed copy, `timeline.schema.json` beside this module, is what `factcheck schema`
prints; `python -m factcheck.schema` regenerates it after the model changes (a test fails
until it is).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from factcheck import model
from factcheck.model import FILE_FORMAT, ID_PATTERN, SCHEMA, SHA256, Key

COMMITTED = Path(__file__).with_name("timeline.schema.json")

#: The record class of each table (for defaults, and the test that the table matches them).
RECORDS: dict[str, type[Any]] = {
    "timeline": model.Timeline,
    "publisher": model.Publisher,
    "sources": model.Source,
    "events": model.Event,
    "claims": model.Claim,
    "anchor": model.Anchor,
    "evidence": model.Evidence,
    "conflicts": model.Conflict,
}

_ID = ID_PATTERN.pattern
_URL = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#@]+"
_RELATIVE = r"^(?![/\\]|[A-Za-z]:)(?!(?:.*[/\\])?\.\.(?:[/\\]|$)).+$"


def _choices(values: tuple[str, ...]) -> tuple[str, dict[str, Any]]:
    return " \\| ".join(f"`{value}`" for value in values), {"type": "string", "enum": list(values)}


#: What each field check accepts: a label for the README and the JSON Schema that says it.
TYPES: dict[Callable[[Any], None], tuple[str, dict[str, Any]]] = {
    model.check_schema_version: (f"`{SCHEMA}`", {"type": "integer", "const": SCHEMA}),
    model.check_str: ("string", {"type": "string"}),
    model.check_id: ("id", {"type": "string", "pattern": _ID}),
    model.check_optional_ref: ("id", {"type": "string", "pattern": f"^$|{_ID}"}),
    model.check_edtf: ("EDTF date", {"type": "string"}),
    model.check_iso_day: ("`YYYY-MM-DD`", {"type": "string", "pattern": r"^$|^\d{4}-\d{2}-\d{2}$"}),
    model.check_status: _choices(model.STATUSES),
    model.check_kind: _choices(model.KINDS),
    model.check_stance: _choices(model.STANCES),
    model.check_url: ("http(s) URL", {"type": "string", "pattern": _URL}),
    model.check_optional_url: ("http(s) URL", {"type": "string", "pattern": f"^$|{_URL}"}),
    model.check_sha256: ("64 hex digits", {"type": "string", "pattern": SHA256.pattern}),
    model.check_relative_path: ("relative path", {"type": "string", "pattern": _RELATIVE}),
    model.check_offset: ("integer ≥ 0", {"type": "integer", "minimum": 0}),
    model.check_str_list: ("array of strings", {"type": "array", "items": {"type": "string"}}),
}


def _default(table: str, name: str) -> Any:
    """The record class's default for a field when it is a value worth showing, else None."""
    fields = attrs.fields_dict(RECORDS[table])
    default = fields[name].default if name in fields else attrs.NOTHING
    return default if isinstance(default, str) and default else None


def _property(table: str, key: Key) -> dict[str, Any]:
    if key.check is None:
        reference = {"$ref": f"#/$defs/{key.table}"}
        shape = {"type": "array", "items": reference} if key.many else reference
        return {"description": key.doc, **shape}
    described: dict[str, Any] = {"description": key.doc, **TYPES[key.check][1]}
    default = _default(table, key.name)
    if default is not None:
        described["default"] = default
    return described


def _object(table: str) -> dict[str, Any]:
    keys = FILE_FORMAT[table]
    shape: dict[str, Any] = {
        "type": "object",
        "properties": {key.name: _property(table, key) for key in keys},
        "additionalProperties": False,
    }
    required = model.required_keys(table)
    if required:
        shape["required"] = list(required)
    return shape


def build() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a timeline file."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"factcheck timeline (schema {SCHEMA})",
        "description": "A timeline of dated events and fact-checked claims; see `factcheck check`.",
        **_object("timeline"),
        "$defs": {table: _object(table) for table in FILE_FORMAT if table != "timeline"},
    }


def dumps() -> str:
    """The schema as committed: JSON, two-space indent, keys in the file's order."""
    return json.dumps(build(), indent=2, ensure_ascii=False) + "\n"


def readme_table() -> str:
    """The README's list of every key, in Markdown (between the fields markers)."""
    rows = ["| key | type | meaning |", "|---|---|---|"]
    for table, keys in FILE_FORMAT.items():
        prefix = "" if table == "timeline" else f"{table}."
        for key in keys:
            if key.check is None:
                kind = f"`[[{key.table}]]` tables" if key.many else f"`[{key.table}]` table"
            else:
                kind = TYPES[key.check][0]
            required = " (required)" if key.required else ""
            rows.append(f"| `{prefix}{key.name}` | {kind} | {key.doc}{required} |")
    return "\n".join(rows) + "\n"


SCHEMA_FILE = "timeline.schema.json"
#: A taplo rule: timelines under timelines/ use the schema file beside the config.
TAPLO_RULE = f"""[[rule]]
include = ["timelines/**/*.toml"]

[rule.schema]
path = "./{SCHEMA_FILE}"
"""


class ConfigExists(Exception):
    """The folder has a taplo configuration already: the user adds the rule by hand."""


def write_taplo_config(folder: Path) -> list[Path]:
    """Write the schema file and a `.taplo.toml` using it (taplo-based editors read it)."""
    for name in (".taplo.toml", "taplo.toml"):
        if (folder / name).exists():
            raise ConfigExists(
                f"{folder / name} exists: nothing written; add the rule below to it and run "
                f"`factcheck schema > {SCHEMA_FILE}`"
            )
    schema_path, config_path = folder / SCHEMA_FILE, folder / ".taplo.toml"
    schema_path.write_text(COMMITTED.read_text(encoding="utf-8"), encoding="utf-8")
    config_path.write_text(TAPLO_RULE, encoding="utf-8")
    return [schema_path, config_path]


README_START, README_END = "<!-- keys: generated by factcheck.schema -->\n", "<!-- /keys -->"


def regenerate(readme: Path) -> None:
    """Write the committed schema, and the README's key list between its markers."""
    COMMITTED.write_text(dumps(), encoding="utf-8")
    text = readme.read_text(encoding="utf-8")
    before, start, rest = text.partition(README_START)
    _old, end, after = rest.partition(README_END)
    if not start or not end:
        raise SystemExit(f"{readme}: no {README_START.strip()} ... {README_END} block")
    readme.write_text(before + start + readme_table() + end + after, encoding="utf-8")


if __name__ == "__main__":  # in a checkout: python -m factcheck.schema
    regenerate(Path(__file__).resolve().parents[1] / "README.md")
