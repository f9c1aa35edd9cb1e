"""The README's screenshots are what the explorer draws today.

Regenerates every picture of docs/screenshots.py into a temporary folder and compares the SVG
text with the committed one; when the explorer's look changes, run `python -m docs.screenshots`
and look at the pictures before committing them.
"""

from __future__ import annotations

import re
from pathlib import Path

from docs import screenshots

README = screenshots.ROOT / "README.md"
REGENERATE = "run `python -m docs.screenshots` and look at docs/screenshots/*.svg"


def folder_state(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {
        str(path): (path.stat().st_mtime_ns, path.read_bytes())
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_committed_screenshots_are_current(tmp_path: Path) -> None:
    """Also: the pictures are taken on a copy, so the shipped timeline is left as it is."""
    shipped = folder_state(screenshots.SHIPPED.parent)
    fresh = {path.name: path.read_text("utf-8") for path in screenshots.generate(tmp_path)}
    committed = {path.name: path.read_text("utf-8") for path in screenshots.OUTPUT.glob("*.svg")}
    assert sorted(committed) == sorted(fresh), f"pictures added or removed: {REGENERATE}"
    stale = sorted(name for name, svg in fresh.items() if committed[name] != svg)
    assert not stale, f"stale screenshots {stale}: {REGENERATE}"
    assert folder_state(screenshots.SHIPPED.parent) == shipped


def test_readme_shows_every_screenshot() -> None:
    shown = set(
        re.findall(r"!\[[^\]]+\]\(docs/screenshots/([\w-]+\.svg)\)", README.read_text("utf-8"))
    )
    assert shown == {f"{shot.name}.svg" for shot in screenshots.SHOTS}
