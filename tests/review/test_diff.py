"""The semantic diff: one readable line per change, JSON for tools, exit codes like diff."""

from __future__ import annotations

import json
from pathlib import Path

import attrs

from factcheck import anchors
from factcheck.model import Claim, Event
from factcheck.review.diff import diff, view
from tests.review.helpers import add_evidence, article, factcheck, set_status, timeline, write


def texts(old, new) -> list[str]:
    return [change.text for change in diff(old, new)]


def test_equal_timelines_have_no_changes() -> None:
    base = timeline()
    assert diff(base, base) == []


def test_status_change_names_the_reviewer() -> None:
    base = timeline()
    assert texts(base, set_status(base, "claim-1", "true", "Ana")) == [
        "claim claim-1: status unverified -> true by Ana"
    ]


def test_evidence_added_removed_and_changed_by_url() -> None:
    base = add_evidence(timeline(), "claim-0", "https://example.org/a")
    added = add_evidence(base, "claim-0", "https://example.org/b", "refutes")
    assert texts(base, added) == ["claim claim-0: evidence +https://example.org/b (refutes)"]
    assert texts(added, base) == ["claim claim-0: evidence -https://example.org/b"]
    claim = base.claim("claim-0")
    assert claim is not None
    item = attrs.evolve(claim.evidence[0], stance="refutes")
    changed = base.replace_claim(attrs.evolve(claim, evidence=(item,)))
    assert texts(base, changed) == [
        "claim claim-0: evidence ~https://example.org/a: stance supports -> refutes"
    ]


def test_records_added_and_removed_verdict_date_and_anchor() -> None:
    base = timeline(claims=3, events=2)
    text = article(3)
    new_claim = Claim(id="new-claim", text="figure 13 is right", event="event-1", kind="quote",
                      anchor=anchors.find("article", text, "figure 13 is right"))  # fmt: skip
    claim = base.claim("claim-2")
    event = base.event("event-0")
    assert claim is not None and event is not None
    moved = anchors.find("article", text, "Sentence 2:")
    new = attrs.evolve(
        base,
        claims=(*base.claims, new_claim),
        events=tuple(
            attrs.evolve(e, date="2020-02") if e.id == "event-0" else e for e in base.events
        ),
    )
    new = new.replace_claim(attrs.evolve(claim, verdict="Wrong: the figure is 26."))
    new = new.replace_event(attrs.evolve(new.event("event-1"), anchor=moved))
    lines = texts(base, attrs.evolve(new, claims=tuple(c for c in new.claims if c.id != "claim-0")))
    assert "event event-0: date 2020-01-01 -> 2020-02" in lines
    assert any(line.startswith("event event-1: anchor article ") for line in lines)
    assert 'claim claim-2: verdict set to "Wrong: the figure is 26."' in lines
    assert any(line.startswith("claim new-claim: added (quote, unverified, event event-1)")
               for line in lines)  # fmt: skip
    assert any(line.startswith("claim claim-0: removed") for line in lines)


def test_changes_are_grouped_by_record() -> None:
    base = timeline()
    new = add_evidence(set_status(base, "claim-1", "false"), "claim-1", "https://example.org/z")
    new = set_status(new, "claim-0", "true")
    records = [change.record for change in diff(base, new)]
    assert records == sorted(records, key=records.index)  # each record's lines together
    assert records.count("claims.claim-1") == 2


def test_view_has_one_line_per_field_named_by_record() -> None:
    lines = view(set_status(timeline(), "claim-1", "true", "Ana"))
    assert "claim claim-1: status true (by Ana on 2026-11-26)" in lines
    assert all(line.split(" ", 1)[0] in ("timeline", "source", "event", "claim")
               for line in lines if line)  # fmt: skip


def test_cli_exit_codes_json_and_revision_usage(tmp_path: Path) -> None:
    base = timeline()
    old = write(tmp_path, "old.toml", base)
    new = write(tmp_path, "new.toml", set_status(base, "claim-1", "true", "Ana"))
    same = factcheck(tmp_path, "diff", str(old), str(old))
    assert (same.returncode, same.stdout) == (0, "")
    different = factcheck(tmp_path, "diff", str(old), str(new))
    assert different.returncode == 1
    assert different.stdout == "claim claim-1: status unverified -> true by Ana\n"
    as_json = factcheck(tmp_path, "diff", "--format", "json", str(old), str(new))
    change = json.loads(as_json.stdout)["changes"][0]
    assert change["record"] == "claims.claim-1" and change["new"] == "true"
    assert factcheck(tmp_path, "diff", str(old)).returncode == 2
    not_a_rev = factcheck(tmp_path, "diff", "no-such-rev", str(new))
    assert not_a_rev.returncode == 2 and "no-such-rev" in not_a_rev.stderr


def test_cli_escapes_control_characters(tmp_path: Path) -> None:
    base = timeline()
    claim = base.claim("claim-0")
    assert claim is not None
    hostile = base.replace_claim(attrs.evolve(claim, verdict="ok\x1b]52;c;aGk=\x07\u202e"))
    old = write(tmp_path, "old.toml", base)
    new = write(tmp_path, "new.toml", hostile)
    done = factcheck(tmp_path, "diff", str(old), str(new))
    assert "\x1b" not in done.stdout and "\u202e" not in done.stdout
    assert "\\u001b]52" in done.stdout


def test_event_changes_read_naturally() -> None:
    base = timeline()
    event = base.event("event-1")
    assert isinstance(event, Event)
    new = base.replace_event(attrs.evolve(event, title="Renamed", actors=("City",)))
    assert texts(base, new) == [
        'event event-1: title "Event 1" -> "Renamed"',
        'event event-1: actors +"City"',
    ]
