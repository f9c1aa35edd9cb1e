"""End to end: "Checked before" in a real terminal (tmux) on the shipped timeline.

A library is built from a fixture with `factcheck library add` (FACTCHECK_LIBRARY points
into the test's folder); the reviewer selects a claim, sees its matches, attaches the best
one and saves: `git diff` shows exactly one evidence item added, and nothing else.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from factcheck import store
from tests.tui.library_fixture import write_reviews
from tests.tui.terminal import E2E, NEEDS_INSTALLED, SHIPPED, changed_lines, running, terminal_env

pytestmark = [*E2E, NEEDS_INSTALLED]

CLAIM = "clearview-3-billion-images"
MATCH_URL = "https://checks.example.org/clearview-billion"


def test_attach_a_match_in_a_real_terminal(shipped_repo: Path, tmp_path: Path) -> None:
    repo = shipped_repo
    env = terminal_env(FACTCHECK_LIBRARY=str(tmp_path / "library" / "library.sqlite"))
    reviews = write_reviews(tmp_path / "reviews.json")
    added = subprocess.run(
        ["factcheck", "library", "add", str(reviews)],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "7 review(s) added" in added.stderr

    path = repo / "timelines" / SHIPPED.name
    before = store.load(path).timeline
    with running("e2e-cb", repo, f"factcheck timelines/{SHIPPED.name}", env) as terminal:
        terminal.wait_for("reviewed")
        terminal.keys("/")
        terminal.wait_for("Search")
        terminal.type(CLAIM)
        terminal.wait_for(re.compile(r"billion-images.*\n", re.DOTALL))
        terminal.keys("Enter")
        terminal.wait_for(f"{CLAIM}  statistic")  # the claim pane shows the selected claim
        terminal.keys("b")
        terminal.wait_for("Clearview AI's database holds 3 billion images from websites.")
        screen = terminal.wait_for("Mostly True  Other Desk  2020-01-20")
        assert "The facial recognition database holds 3 billion images." in screen
        terminal.keys("Enter")
        terminal.wait_for("Attach as evidence to")
        terminal.wait_for("suggests supports")
        terminal.keys("y")
        terminal.wait_for("● unsaved")
        terminal.wait_for(MATCH_URL)
        terminal.keys("C-s")
        terminal.wait_for("● unsaved", absent=True)
        terminal.keys("q")
        terminal.wait_for_exit()

    after = store.load(path).timeline
    changed = [c.id for c, old in zip(after.claims, before.claims, strict=True) if c != old]
    assert changed == [CLAIM]
    claim, old = after.claim(CLAIM), before.claim(CLAIM)
    assert claim is not None and old is not None
    assert claim.evidence[:-1] == old.evidence
    assert (claim.evidence[-1].url, claim.evidence[-1].stance) == (MATCH_URL, "supports")
    assert claim.evidence[-1].title == "Other Desk: Mostly True"

    lines = changed_lines(repo, path)
    diff = "\n".join(lines)
    assert all(line.startswith("+") for line in lines), diff
    assert [line for line in lines if line.strip("+")] == [
        "+[[claims.evidence]]",
        f'+url = "{MATCH_URL}"',
        '+title = "Other Desk: Mostly True"',
        '+stance = "supports"',
        f'+accessed = "{claim.evidence[-1].accessed}"',
        f"+note = {json.dumps(claim.evidence[-1].note)}",  # the same escapes as TOML here
    ], diff
