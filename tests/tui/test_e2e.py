"""End to end: the installed `factcheck` in a real terminal (tmux) on the shipped timeline.

Reviews one claim with the explorer's keys (docs/ARCHITECTURE.md section 4) and checks the
saved file and its `git diff`: only the status, the reviewer stamp and the new evidence change.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from factcheck import store
from tests.tui.terminal import E2E, NEEDS_INSTALLED, REVIEWER, SHIPPED, Terminal, changed_lines

URL = "https://example.org/e2e-evidence"

pytestmark = [*E2E, NEEDS_INSTALLED]


def test_review_one_claim_in_a_real_terminal(
    shipped_repo: Path, shipped_terminal: Terminal
) -> None:
    repo, terminal = shipped_repo, shipped_terminal
    path = repo / "timelines" / SHIPPED.name
    before = store.load(path).timeline
    second_event = before.events[1]
    target = before.claims_of(second_event.id)[0]

    terminal.wait_for("reviewed")
    terminal.keys("n")
    terminal.wait_for(re.compile(re.escape(target.id)))
    terminal.keys("s")
    terminal.wait_for("enter confirms")
    terminal.keys("3")
    terminal.keys("Enter")
    terminal.wait_for("● unsaved")
    terminal.keys("a")
    terminal.wait_for("URL (http or https)")
    terminal.type(URL)
    terminal.keys("Enter")
    terminal.wait_for(URL)
    terminal.keys("C-s")
    terminal.wait_for("● unsaved", absent=True)
    terminal.keys("q")
    terminal.wait_for_exit()

    after = store.load(path).timeline
    claim = after.claim(target.id)
    assert claim is not None
    assert claim.status == "true"
    assert (claim.reviewed_by, claim.reviewed_on) == (REVIEWER, dt.date.today().isoformat())
    assert claim.evidence[-1].url == URL
    assert claim.evidence[-1].stance == "context"
    changed_claims = [c.id for c, old in zip(after.claims, before.claims, strict=True) if c != old]
    assert changed_claims == [target.id]

    changed = changed_lines(repo, path)
    diff = "\n".join(changed)
    allowed = re.compile(
        r'^[+-](status = "[a-z-]+"|reviewed_by = ".*"|reviewed_on = "[0-9-]+"|'
        r'\[\[claims\.evidence\]\]|url = ".*"|stance = "context"|accessed = "[0-9-]+"|)$'
    )
    assert changed, diff
    assert all(allowed.match(line) for line in changed), diff
    assert [line for line in changed if line.startswith("-")] == [f'-status = "{target.status}"']
    assert f'+url = "{URL}"' in changed
    assert f'+reviewed_by = "{REVIEWER}"' in changed
