"""The one rule of the architecture: the data layer never imports textual."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).parent.parent.parent / "factcheck"
DATA_LAYER = [
    "model",
    "dates",
    "anchors",
    "store",
    "session",
    "check",
    "text",
    "extract",
    "review",
    "interop",
    "curation",
    "library",
    "schema",
    "search",
]


def test_data_layer_does_not_import_textual() -> None:
    modules = []
    for name in DATA_LAYER:
        if (PACKAGE / f"{name}.py").exists():
            modules.append(f"factcheck.{name}")
        elif (PACKAGE / name).is_dir():
            modules += [
                "factcheck." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
                for path in sorted((PACKAGE / name).rglob("*.py"))
            ]
    modules = [module.removesuffix(".__init__") for module in modules]
    code = (
        "import importlib, sys\n"
        f"for module in {modules!r}:\n"
        "    importlib.import_module(module)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]", f"textual or rich imported by the data layer: {modules}"


def test_check_command_does_not_load_the_ui_or_dateparser() -> None:
    code = (
        "import sys\nfrom factcheck.cli import cli\n"
        "try:\n    cli.main(['check', '--help'], standalone_mode=False)\nexcept SystemExit: pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'dateparser'}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("[]"), result.stdout


def test_tests_run_git_through_one_helper() -> None:
    """Tests that commit set one identity (tests/review/helpers.py: `git`, `git_env`);
    a second helper drifted to other names, config and failure handling."""
    tests = PACKAGE.parent / "tests"
    helpers = [
        path.relative_to(tests).as_posix()
        for path in sorted(tests.rglob("*.py"))
        if re.search(r"^\s*def git\(", path.read_text(encoding="utf-8"), re.MULTILINE)
    ]
    assert helpers == ["review/helpers.py"]
