"""Every pattern of the extractor is linear on hostile text (issue 17.5).

Catastrophic backtracking made `"A" + " " * 800 + "x"` take 3 s in the dateline pattern (cubic)
and `", " + " " * 4000 + "x"` 73 s in the claims pattern (quadratic). Each pattern is run here
on adversarial inputs of 20,000 characters, where a quadratic pattern needs minutes and a
cubic one days; the bound (2 s per pattern and input, in a subprocess killed after 5 minutes)
is orders of magnitude above what the linear patterns take (milliseconds).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from factcheck.extract import article, build, claims, people, subjects, temporal

ROOT = Path(__file__).resolve().parents[2]
MODULES = (article, build, claims, people, subjects, temporal)
SIZE = 20_000
#: Long runs of what the patterns repeat: spaces, commas, capitals, quote marks, dots,
#: dashes, digits, words that start clauses or date phrases, and the two reported shapes.
HOSTILE = {
    "capital-spaces": "A" + " " * SIZE + "x",
    "comma-spaces": ", " + " " * SIZE + "x",
    "spaces": " " * SIZE,
    "tabs": "\t" * SIZE + "x",
    "commas": "," * SIZE,
    "comma-space": ", " * (SIZE // 2) + "x",
    "capitals": "A" * SIZE + " said x.",
    "capital-words": "Ab " * (SIZE // 3) + "said",
    "upper-words": "AB " * (SIZE // 3) + "-x",
    "initials": "A. " * (SIZE // 3),
    "straight-quotes": '"' * SIZE,
    "curly-quotes": "“A" * (SIZE // 2),
    "single-quotes": "‘a ’" * (SIZE // 4),
    "apostrophes": "’" * SIZE,
    "dots": "." * SIZE,
    "dashes": "-" * SIZE,
    "digits": "1" * SIZE + "x",
    "numbers": "1 " * (SIZE // 2),
    "thousands": "1,000," * (SIZE // 6),
    "prepositions": "in " * (SIZE // 3) + "x",
    "the": "the " * (SIZE // 4) + "said x",
    "of-the": "of The " * (SIZE // 7),
    "months": "Jan. " * (SIZE // 5),
    "weekdays": "On Tuesday, " * (SIZE // 12),
    "names": "John Smith, " * (SIZE // 12) + "said",
    "said": ", said " * (SIZE // 7),
    "lowercase": "a" * SIZE,
    "parentheses": "(" * SIZE,
}


def _patterns() -> list[str]:
    names = []
    for module in MODULES:
        for name, value in sorted(vars(module).items()):
            if isinstance(value, re.Pattern):
                names.append(f"{module.__name__}.{name}")
    return sorted(set(names))


_SWEEP = textwrap.dedent(
    """
    import importlib, json, sys, time
    from tests.extract.test_regex_safety import HOSTILE
    results = {}
    for qualified in json.loads(sys.argv[1]):
        module, name = qualified.rsplit(".", 1)
        pattern = getattr(importlib.import_module(module), name)
        worst = 0.0
        for text in HOSTILE.values():
            began = time.perf_counter()
            for _ in pattern.finditer(text):
                pass
            pattern.match(text)
            worst = max(worst, time.perf_counter() - began)
        results[qualified] = worst
    print(json.dumps(results))
    """
)


def test_every_module_pattern_is_found() -> None:
    found = _patterns()
    for expected in ("BODY_DATELINE", "_TITLE_TRAIL", "_SUBJECT_END", "_FINDER", "_NAME"):
        assert any(name.endswith(f".{expected}") for name in found), expected


@pytest.mark.parametrize("module", [module.__name__ for module in MODULES])
def test_patterns_are_linear_on_hostile_text(module: str) -> None:
    names = [name for name in _patterns() if name.rsplit(".", 1)[0] == module]
    completed = subprocess.run(
        [sys.executable, "-c", _SWEEP, json.dumps(names)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    worst = json.loads(completed.stdout)
    assert set(worst) == set(names)
    slow = {name: seconds for name, seconds in worst.items() if seconds > 2.0}
    assert not slow, slow


def test_reported_shapes_are_read() -> None:
    """The two reported inputs: no dateline, no trailing attribution, and no hang."""
    assert article.BODY_DATELINE.match("A" + " " * 800 + "x") is None
    assert build._TITLE_TRAIL.search(", " + " " * 4000 + "x") is None
    # The rewritten patterns still read what they were written for.
    for dateline in ("CHICAGO — ", "LONDON, Oct 14 (Reuters) - ", "NEWARK, N.J. _ "):
        match = article.BODY_DATELINE.match(dateline + "The")
        assert match is not None and match.end() == len(dateline)
    assert article.BODY_DATELINE.match("WINSTON-SALEM, N.C. (AP) — x") is not None
    trail = build._TITLE_TRAIL.search("The plan works, the mayor said on Monday")
    assert trail is not None and trail.group(1) == "the mayor"


HOSTILE_ARTICLE = textwrap.dedent(
    """
    import sys
    from factcheck.extract import extract_text
    from tests.extract.test_regex_safety import HOSTILE
    lines = [text[:4000] for text in HOSTILE.values()]
    body = "\\n".join(lines) + "\\n"
    data = (body * (1024 * 1024 // len(body.encode()) + 1)).encode()[: 1024 * 1024]
    data = data[: data.rfind(b"\\n")]
    timeline = extract_text(data, "hostile.txt", "sources/hostile.txt")
    print(len(data), len(timeline.claims), len(timeline.events))
    """
)


def test_a_hostile_mebibyte_article_extracts_in_bounded_time() -> None:
    """1 MiB of the hostile lines: seconds when linear; a quadratic pattern needs hours."""
    completed = subprocess.run(
        [sys.executable, "-c", HOSTILE_ARTICLE],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    size = int(completed.stdout.split()[0])
    assert size > 1_000_000
