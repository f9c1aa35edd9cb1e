"""The README's screenshots are what the explorer draws today.

Regenerates every picture of docs/screenshots.py into a temporary folder and compares the SVG
text with the committed one; when the explorer's look changes, run `python -m docs.screenshots`
and look at the pictures before committing them.
"""

from __future__ import annotations

import difflib
import html
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


#: The width of one terminal cell in Rich's SVG export.
CELL = 12.2


def screen_rows(svg: str) -> list[str]:
    """The text of each row of a Rich SVG, so a failure says what changed on screen."""
    rows: dict[float, str] = {}
    for x, y, text in re.findall(r'<text [^>]*x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>', svg):
        row = rows.get(float(y), "").ljust(round(float(x) / CELL))
        rows[float(y)] = row + html.unescape(text).replace("\xa0", " ").rstrip("\n")
    return [row.rstrip() for _, row in sorted(rows.items())]


def changes(committed: str, fresh: str) -> str:
    diff = difflib.unified_diff(screen_rows(committed), screen_rows(fresh), lineterm="", n=0)
    return "\n".join(list(diff)[2:22]) or "(the same text; colours or styles changed)"


def test_committed_screenshots_are_current(tmp_path: Path) -> None:
    """Also: the pictures are taken on a copy, so the shipped timeline is left as it is."""
    shipped = folder_state(screenshots.SHIPPED.parent)
    fresh = {path.name: path.read_text("utf-8") for path in screenshots.generate(tmp_path)}
    committed = {path.name: path.read_text("utf-8") for path in screenshots.OUTPUT.glob("*.svg")}
    assert sorted(committed) == sorted(fresh), f"pictures added or removed: {REGENERATE}"
    stale = sorted(name for name, svg in fresh.items() if committed[name] != svg)
    assert not stale, (
        f"stale screenshots {stale}: {REGENERATE}\n"
        f"{stale[0]}, committed -> now:\n{changes(committed[stale[0]], fresh[stale[0]])}"
    )
    assert folder_state(screenshots.SHIPPED.parent) == shipped


def test_readme_shows_every_screenshot() -> None:
    shown = set(
        re.findall(r"!\[[^\]]+\]\(docs/screenshots/([\w-]+\.svg)\)", README.read_text("utf-8"))
    )
    assert shown == {f"{shot.name}.svg" for shot in screenshots.SHOTS}
