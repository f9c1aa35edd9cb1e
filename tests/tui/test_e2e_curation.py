"""End to end (issue 11's acceptance): a draft from `factcheck extract` corrected by keys only.

A short article written for this test has the errors real drafts have: an unbalanced
quotation mark (the draft makes a junk claim of two sentences and misses the quote, so its
claimant is lost), a date misread ("January nineteen ninety-seven" as January of the
article's year) and claims attached to no event. In a real terminal (tmux) the reviewer
deletes the junk claim (`d`), adds the missed quote from a `/` find widened with `.` (`+`,
accepting the drafted form) and fixes its text and its claimant (`e`), fixes the date (`e`),
makes an event from a sentence (`E`, its form accepted), moves the unlinked claims to it
(`m`) and saves. The file must equal, byte for byte, the draft with the same curation
functions applied in-process; the `git diff` touches only those records; `factcheck check`
passes.
"""

from __future__ import annotations

import difflib
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from factcheck import curation, store
from factcheck.model import Timeline
from factcheck.tui.screens.source_find import next_match
from tests.review.helpers import git
from tests.tui.terminal import E2E, HUNG, Terminal, changed_lines, running

pytestmark = E2E

ARTICLE = """\
Ferry fares to rise as harbour board backs new crane

PORTVILLE, March 8, 2024 — The Portville harbour board voted on Tuesday to raise ferry fares \
by 12 percent from April, after a heated meeting that ran past midnight.

"The crane we bought in 2019 has paid for itself twice over, said board chair Miriam Osei. \
She added that fares had not risen since 2015.

Dock workers disputed that account. "The crane sat idle for most of last year," said Tomas \
Reyes, who leads the dockers' union.

Mayor Linda Park, who attended the meeting, said the city would not add money to the harbour \
budget. "We are not going to bail out the board again," Park said.

The board first proposed the increase in January nineteen ninety-seven, according to Reyes, \
and dropped it after protests. Osei said 40,000 passengers use the ferry each week.

A public hearing on the fares is planned for next Monday.
"""
PUBLISHED = "2024-03-08"
TIMELINE = Path("timelines") / "harbour.toml"
SOURCE = "article"
#: The source view's border title (the article's headline).
SOURCE_TITLE = "─ Ferry fares to rise"

# What the draft gets wrong (checked first, so a change in `extract` fails clearly).
JUNK = "article-crane-bought-2019-paid"  # two sentences from the unclosed quote, no claimant
QUOTE_EVENT = "crane-bought-paid-itself-twice"
QUOTE_FIND = "crane we bought"
QUOTE_TEXT = "The crane we bought in 2019 has paid for itself twice over."
QUOTE_CLAIMANT = "Miriam Osei"
WRONG_DATE = "board-first-proposed-increase-nineteen"  # 2024-01 for January 1997
DATE_WORDS = "January 1997"
EVENT_FIND = "who attended"
UNLINKED = ("park-not-going-bail-out", "park-mayor-attended-meeting-city")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository holding the article's draft timeline, as `extract` wrote it."""
    (tmp_path / "harbour.txt").write_text(ARTICLE, encoding="utf-8")
    extracted = subprocess.run([sys.executable, "-m", "factcheck", "extract", "harbour.txt",
                                "--date", PUBLISHED, "-o", str(TIMELINE)], cwd=tmp_path,
                               capture_output=True, text=True, check=False)  # fmt: skip
    assert extracted.returncode == 0, extracted.stderr
    for args in (["init", "-q"], ["add", "."], ["commit", "-qm", "draft from extract"]):
        git(tmp_path, *args)
    return tmp_path


@pytest.fixture
def terminal(repo: Path) -> Iterator[Terminal]:
    with running("e2e-curation", repo, f"{sys.executable} -m factcheck {TIMELINE}") as session:
        yield session


def selection(text: str, words: str) -> tuple[int, int]:
    """What `/` then `.` select in the source view: the first match, widened to sentences."""
    match = next_match(text, words, 0)
    assert match is not None
    return curation.widen_to_sentences(text, *match)


def picker_position(timeline: Timeline, claim_id: str, event_id: str) -> int:
    """The row of `event_id` in the `m` picker for `claim_id` (events in file order)."""
    claim = timeline.claim(claim_id)
    assert claim is not None
    choices = [event.id for event in timeline.events if event.id != claim.event]
    return choices.index(event_id)


def test_the_draft_has_the_errors_the_test_corrects(repo: Path) -> None:
    draft = store.load(repo / TIMELINE).timeline
    junk = draft.claim(JUNK)
    assert junk is not None and not junk.claimant and "She added" in junk.text
    assert not any(claim.text == QUOTE_TEXT for claim in draft.claims)
    wrong = draft.event(WRONG_DATE)
    assert wrong is not None and wrong.date == "2024-01"
    for claim_id in UNLINKED:
        unlinked = draft.claim(claim_id)
        assert unlinked is not None and unlinked.event == ""


@attrs.frozen
class Expected:
    """The saved file the keys must produce, and what the key presses need to know."""

    data: bytes
    quote_id: str
    event_id: str
    picker_rows: dict[str, int]


def expected_file(repo: Path) -> Expected:
    """The draft with the test's corrections applied by the same curation functions."""
    timeline = store.load(repo / TIMELINE).timeline
    text, intact = store.read_source(repo / TIMELINE, timeline.sources[0])
    assert intact
    timeline = curation.delete_claim(timeline, JUNK)
    start, end = selection(text, QUOTE_FIND)
    quote = curation.draft_claim(timeline, text, SOURCE, start, end, event=QUOTE_EVENT)
    timeline = curation.add_claim(timeline, text, SOURCE, start, end, event=QUOTE_EVENT)
    timeline = curation.edit_claim(timeline, quote.id, text=QUOTE_TEXT, claimant=QUOTE_CLAIMANT)
    date = curation.resolve_date_input(DATE_WORDS, PUBLISHED).value
    timeline = curation.edit_event(timeline, WRONG_DATE, date=date)
    start, end = selection(text, EVENT_FIND)
    event = curation.draft_event(timeline, text, SOURCE, start, end)
    timeline = curation.add_event(timeline, text, SOURCE, start, end)
    rows = {}
    for claim_id in UNLINKED:
        rows[claim_id] = picker_position(timeline, claim_id, event.id)
        timeline = curation.move_claim(timeline, claim_id, event.id)
    return Expected(store.dumps(timeline).encode("utf-8"), quote.id, event.id, rows)


def records(data: bytes) -> dict[str, str]:
    """Each [[...]] block of a timeline file (with its sub-tables) by its record id."""
    found = {}
    for block in re.split(r"\n(?=\[\[)", data.decode("utf-8"))[1:]:
        record_id = re.search(r'^id = "([^"]*)"$', block, re.MULTILINE)
        assert record_id is not None, block
        found[record_id.group(1)] = block.strip()
    return found


def search(terminal: Terminal, words: str) -> None:
    """`/` on the main screen: jump to the first event or claim matching the words."""
    terminal.keys("/")
    terminal.wait_for("Search events and claims")  # it reopens with the last query, selected
    terminal.type(words)  # replaces it
    terminal.wait_for(words)
    terminal.wait_for(re.compile(r"claim  |event  "))
    terminal.keys("Enter")
    terminal.wait_for("Search events and claims", absent=True)


def find_and_widen(terminal: Terminal, words: str) -> None:
    """`/` in the source view, enter, then `.`: the words' sentence is selected."""
    terminal.keys("/")
    terminal.wait_for("words to find")  # the empty input, focused
    terminal.type(words)
    terminal.wait_for(words)
    terminal.keys("Enter")
    terminal.wait_for("Find in the source", absent=True)
    terminal.keys(".")


def focus_pane(terminal: Terminal, pane: str) -> None:
    """Focus the timeline or the claims pane, whatever had focus: `o` opens the source view
    and focuses it, `o` closes it and focuses the timeline; `tab` goes on to the claims."""
    terminal.keys("o")
    terminal.wait_for(SOURCE_TITLE)
    close_source(terminal)
    if pane == "claims":
        terminal.keys("Tab")


def close_source(terminal: Terminal) -> None:
    """`o` in the source view: it closes and the timeline pane has focus again."""
    terminal.keys("o")
    terminal.wait_for(SOURCE_TITLE, absent=True)


def border_colour(terminal: Terminal, label: str) -> str:
    """The colour codes of the field under `label` in a form (the focused one is accented)."""
    lines = terminal.tmux("capture-pane", "-p", "-e", "-t", "e2e").stdout.split("\n")
    for number, row in enumerate(lines[:-1]):
        if re.search(rf"█ +{label} +█", re.sub(r"\x1b\[[0-9;]*m", "", row)):  # in the form
            colour = re.search(r"((?:\x1b\[[0-9;]*m)+)▊", lines[number + 1])
            return colour.group(1) if colour else ""
    return ""


def next_field(terminal: Terminal, following: str) -> None:
    """`tab` in a form, and wait until the next field's border shows it focused (keys typed
    before the focus moved would land in the field before)."""
    unfocused = border_colour(terminal, following)
    terminal.keys("Tab")
    deadline = time.monotonic() + HUNG
    while border_colour(terminal, following) == unfocused and time.monotonic() < deadline:
        time.sleep(0.05)
    assert border_colour(terminal, following) != unfocused, terminal.screen()


def submit_form(terminal: Terminal, heading: str) -> None:
    terminal.keys("C-s")
    terminal.wait_for(heading, absent=True)


def test_correct_a_draft_by_keys_only(repo: Path, terminal: Terminal) -> None:
    path = repo / TIMELINE
    draft_bytes = path.read_bytes()
    expected = expected_file(repo)
    quote_id, event_id = expected.quote_id, expected.event_id

    terminal.wait_for("reviewed")
    # d: the junk claim (focus on the claims pane, so d acts on the claim).
    search(terminal, JUNK)
    focus_pane(terminal, "claims")
    terminal.keys("d")
    terminal.wait_for("Delete claim")
    terminal.keys("y")
    terminal.wait_for(f"Deleted claim {JUNK}")
    # +: the missed quote, from a find widened to its sentence, on the selected event.
    terminal.keys("o")
    terminal.wait_for(SOURCE_TITLE)
    find_and_widen(terminal, QUOTE_FIND)
    terminal.keys("+")
    terminal.wait_for("New claim from the selection")  # the draft, shown before it is added
    submit_form(terminal, "New claim from the selection")
    terminal.wait_for(f"{quote_id}  quote")  # the new claim, selected
    # e: its text without the attribution, and its claimant (the open quote hid it).
    close_source(terminal)
    terminal.keys("Tab", "e")
    terminal.wait_for(f"Edit claim {quote_id}")
    terminal.type(QUOTE_TEXT)
    terminal.wait_for(QUOTE_TEXT)
    next_field(terminal, "Claimant")
    terminal.type(QUOTE_CLAIMANT)
    terminal.wait_for(QUOTE_CLAIMANT)
    submit_form(terminal, f"Edit claim {quote_id}")
    # e on an event (the timeline pane focused): the misread date, in words.
    search(terminal, WRONG_DATE)
    focus_pane(terminal, "timeline")
    terminal.keys("e")
    terminal.wait_for(f"Edit event {WRONG_DATE}")
    terminal.type(DATE_WORDS)
    terminal.wait_for("Jan 1997")
    submit_form(terminal, f"Edit event {WRONG_DATE}")
    # E: an event from the mayor's sentence.
    terminal.keys("o")
    terminal.wait_for(SOURCE_TITLE)
    find_and_widen(terminal, EVENT_FIND)
    terminal.keys("E")
    terminal.wait_for("New event from the selection")
    submit_form(terminal, "New event from the selection")
    terminal.wait_for("who attended the meeting, s")  # the new event, selected
    close_source(terminal)
    # m: the claims that belonged to no event, to it.
    for claim_id in UNLINKED:
        search(terminal, claim_id)
        focus_pane(terminal, "claims")
        terminal.keys("m")
        terminal.wait_for(f"Move claim {claim_id} to which event?")
        terminal.keys(*["Down"] * expected.picker_rows[claim_id], "Enter")
        terminal.wait_for(f"Move claim {claim_id} to which event?", absent=True)
    terminal.keys("C-s")
    terminal.wait_for("● unsaved", absent=True)
    terminal.keys("q")
    terminal.wait_for_exit()

    saved = path.read_bytes()
    assert saved == expected.data, "".join(
        difflib.unified_diff(
            expected.data.decode().splitlines(keepends=True),
            saved.decode().splitlines(keepends=True),
            "expected",
            "saved",
        )
    )
    changed = git(repo, "status", "--porcelain").stdout.split("\n")
    assert [line for line in changed if line] == [f" M {TIMELINE}"]
    lines = changed_lines(repo, TIMELINE)
    removed = [line[1:] for line in lines if line.startswith("-")]
    added = [line[1:] for line in lines if line.startswith("+")]
    assert f'claimant = "{QUOTE_CLAIMANT}"' in added
    assert 'date = "2024-01"' in removed and 'date = "1997-01"' in added
    assert f'id = "{event_id}"' in added and f'text = "{QUOTE_TEXT}"' in added
    assert any(line.startswith('text = "The crane we bought') for line in removed)  # the junk
    # Only the corrected records changed: every other one is byte for byte the draft's.
    touched = {JUNK, quote_id, WRONG_DATE, event_id, *UNLINKED}
    before, after = records(draft_bytes), records(saved)
    assert set(after) == (set(before) - {JUNK}) | {quote_id, event_id}  # the junk's id is free
    for record_id in set(before) - touched:
        assert after[record_id] == before[record_id], record_id
    checked = subprocess.run([sys.executable, "-m", "factcheck", "check", str(TIMELINE)],
                             cwd=repo, capture_output=True, text=True, check=False)  # fmt: skip
    assert checked.returncode == 0, checked.stdout + checked.stderr
