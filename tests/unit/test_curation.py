"""Curation edits: each changes only what it must, refuses bad input with the field named,
and never leaves a timeline that `factcheck check` rejects."""

from __future__ import annotations

import difflib
import hashlib
import inspect
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck import anchors, check, curation, store
from factcheck.curation import EditError
from factcheck.extract import temporal
from factcheck.model import KINDS, Conflict, Evidence, Source, Timeline
from tests.unit.strategies import edtf_dates, tricky_text

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "timelines" / "chicago-facial-recognition-2020.toml"


@pytest.fixture(scope="module")
def shipped() -> Timeline:
    return store.load(SHIPPED).timeline


@pytest.fixture(scope="module")
def text(shipped: Timeline) -> str:
    return store.read_source(SHIPPED, shipped.sources[0])[0]


def span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def assert_checks(timeline: Timeline, folder: Path, sources: Path = SHIPPED.parent) -> None:
    """The saved file passes `factcheck check` and round-trips through the store."""
    path = folder / "edited.toml"
    if not (folder / "sources").exists():
        shutil.copytree(sources / "sources", folder / "sources")
    store.save(path, timeline)
    report = check.check_file(path)
    assert report.problems == (), [str(problem) for problem in report.problems]
    dumped = store.dumps(timeline)
    assert store.dumps(store.loads(dumped)) == dumped
    assert store.loads(dumped) == timeline.canonical()


def changed_lines(before: Timeline, after: Timeline) -> list[tuple[str, list[str], list[str]]]:
    """The canonical dumps' differing line runs: (opcode, old lines, new lines)."""
    old, new = store.dumps(before).splitlines(), store.dumps(after).splitlines()
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    return [
        (tag, old[i1:i2], new[j1:j2])
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def refused(field: str, edit: Callable[[], object]) -> str:
    with pytest.raises(EditError) as caught:
        edit()
    assert caught.value.field == field, str(caught.value)
    assert str(caught.value).startswith(f"{field}: ")
    return caught.value.reason


# --- edit_claim --------------------------------------------------------------------------


def test_claimant_fix_is_a_one_line_diff_and_stamps_no_reviewer(
    shipped: Timeline, tmp_path: Path
) -> None:
    edited = curation.edit_claim(shipped, "martinez-public-security-quote", claimant="F. Martinez")
    assert changed_lines(shipped, edited) == [
        ("replace", ['claimant = "Freddy Martinez"'], ['claimant = "F. Martinez"'])
    ]
    claim = edited.claim("martinez-public-security-quote")
    assert claim is not None and claim.status == "unverified"
    assert (claim.reviewed_by, claim.reviewed_on) == ("", "")
    assert_checks(edited, tmp_path)


def test_claimant_set_where_there_was_none_adds_one_line(shipped: Timeline) -> None:
    edited = curation.edit_claim(
        shipped, "groups-plan-to-end-contract", claimant="  Lucy  Parsons\tLabs "
    )
    claim = edited.claim("groups-plan-to-end-contract")
    assert claim is not None and claim.claimant == "Lucy Parsons Labs"
    assert changed_lines(shipped, edited) == [("insert", [], ['claimant = "Lucy Parsons Labs"'])]


def test_edit_claim_changes_only_the_given_fields(shipped: Timeline, tmp_path: Path) -> None:
    before = shipped.claim("no-precise-guidelines")
    assert before is not None
    edited = curation.edit_claim(
        shipped, "no-precise-guidelines", text="New text", kind="quote", notes="checked wording"
    )
    after = edited.claim("no-precise-guidelines")
    assert after == attrs.evolve(before, text="New text", kind="quote", notes="checked wording")
    others = [claim for claim in edited.claims if claim.id != "no-precise-guidelines"]
    assert others == [claim for claim in shipped.claims if claim.id != "no-precise-guidelines"]
    assert curation.edit_claim(shipped, "no-precise-guidelines") is shipped
    same = curation.edit_claim(shipped, "no-precise-guidelines", claimant="Freddy Martinez")
    assert same is shipped
    assert_checks(edited, tmp_path)


def test_edit_claim_event_moves_it_to_its_canonical_place(
    shipped: Timeline, tmp_path: Path
) -> None:
    edited = curation.edit_claim(shipped, "sun-times-reported-deal", event="mayor-statement")
    claim = edited.claim("sun-times-reported-deal")
    assert claim is not None and claim.event == "mayor-statement"
    assert edited == edited.canonical()
    detached = curation.move_claim(edited, "sun-times-reported-deal", "")
    moved = detached.claim("sun-times-reported-deal")
    assert moved is not None and moved.event == ""
    assert detached.claims[-1].id == "sun-times-reported-deal"  # claims without an event last
    assert_checks(detached, tmp_path)


@pytest.mark.parametrize(
    ("fields", "field", "reason"),
    [
        ({"text": "  \n "}, "text", "the claim text is empty"),
        ({"claimant": " …?! "}, "claimant", "is only punctuation"),
        ({"claimant": "\u201c\u201d"}, "claimant", "is only punctuation"),
        ({"kind": "opinion"}, "kind", '"opinion" is not one of quote, paraphrase'),
        ({"event": "no-such-event"}, "event", 'there is no event "no-such-event"'),
    ],
)
def test_edit_claim_refuses_bad_fields(
    shipped: Timeline, fields: dict[str, str], field: str, reason: str
) -> None:
    message = refused(
        field, lambda: curation.edit_claim(shipped, "no-precise-guidelines", **fields)
    )
    assert reason in message


def test_edits_of_missing_records_name_them(shipped: Timeline) -> None:
    assert 'no claim "gone"' in refused("claim", lambda: curation.edit_claim(shipped, "gone"))
    assert "no claim" in refused("claim", lambda: curation.delete_claim(shipped, "gone"))
    assert "no event" in refused("event", lambda: curation.edit_event(shipped, "gone"))
    assert "no event" in refused("event", lambda: curation.delete_event(shipped, "gone"))
    assert "no event" in refused(
        "event", lambda: curation.move_claim(shipped, "no-precise-guidelines", "gone")
    )


# --- add_claim ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("add", "draft", "field"),
    [
        (curation.add_claim, curation.draft_claim, {"notes": "a note"}),
        (curation.add_event, curation.draft_event, {"summary": "a summary"}),
    ],
)
def test_adding_is_the_draft_inserted(
    shipped: Timeline,
    text: str,
    add: Callable[..., Timeline],
    draft: Callable[..., Any],
    field: dict[str, str],
) -> None:
    """`add_X` takes `draft_X`'s parameters (one list, the draft's) and adds what it drafts."""
    assert add.__wrapped__ is draft  # type: ignore[attr-defined]
    assert add.__name__ == draft.__name__.replace("draft_", "add_")  # names the undo step
    assert list(inspect.signature(add).parameters) == list(inspect.signature(draft).parameters)
    start, end = span(text, "facial recognition technology misidentified some minority groups")
    drafted = draft(shipped, text, "article", start, end, **field)
    edited = add(shipped, text, "article", start, end, **field)
    assert drafted in (*edited.claims, *edited.events)


def test_claim_from_a_selection_is_anchored_to_exactly_those_words(
    shipped: Timeline, text: str, tmp_path: Path
) -> None:
    start, end = span(text, "facial recognition technology misidentified some minority groups")
    edited = curation.add_claim(shipped, text, "article", start, end, event="press-conference")
    (added,) = [claim for claim in edited.claims if shipped.claim(claim.id) is None]
    assert added.anchor == anchors.make("article", text, start, end)
    assert added.anchor is not None and anchors.verify(added.anchor, text)
    assert added.text == text[start:end]
    assert (added.event, added.kind, added.status) == (
        "press-conference",
        "paraphrase",
        "unverified",
    )
    assert added.claimant == "Freddy Martinez"  # "And he pointed to studies ...": he is Martinez
    assert added.id == "martinez-facial-recognition-technology-misidentified"
    assert_checks(edited, tmp_path)


def test_adding_a_claim_adds_one_record_block_and_changes_nothing_else(
    shipped: Timeline, text: str
) -> None:
    start, end = span(text, "a database of 3 billion images")
    edited = curation.add_claim(
        shipped, text, "article", start, end, event="cpd-clearview-contract"
    )
    (change,) = changed_lines(shipped, edited)
    tag, old, new = change
    assert tag == "insert" and old == []
    assert sum(line == "[[claims]]" for line in new) == 1
    assert sum(line == "[claims.anchor]" for line in new) == 1
    assert 'id = "article-database-3-billion-images"' in new
    assert 'kind = "statistic"' in new


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        ("This city has a long history of criminalizing communities", "quote"),
        ("“This city has a long history of criminalizing communities based on poor information,”",
         "quote"),
        ("information from public sources", "quote"),  # a fragment in marks is quoted words
        ("a database of 3 billion images", "statistic"),
        ("city officials had not given precise guidelines", "paraphrase"),
        ("thousands of mug photos", "quote"),  # inside the statement's quotation marks
        ("a group of activists said on Tuesday", "paraphrase"),  # a date is not a number
        ("Lightfoot released a statement Tuesday", "paraphrase"),
    ],
)  # fmt: skip
def test_kind_is_guessed_from_the_selection(text: str, words: str, kind: str) -> None:
    assert curation.guess_kind(text, *span(text, words)) == kind


def test_claimant_is_prefilled_from_the_attribution(text: str) -> None:
    guess = curation.guess_claimant
    assert guess(text, *span(text, "a long history of criminalizing")) == "Muhammad Sankari"
    assert guess(text, *span(text, "not to gather mass information")) == "Freddy Martinez"
    assert guess(text, *span(text, "The program compares images")) == ""


def test_new_ids_are_unique_across_events_and_claims(shipped: Timeline, text: str) -> None:
    start, end = span(text, "a database of 3 billion images")
    first = curation.draft_claim(shipped, text, "article", start, end)
    taken = attrs.evolve(shipped.events[0], id=first.id)
    colliding = attrs.evolve(shipped, events=(taken, *shipped.events[1:]))
    colliding = attrs.evolve(
        colliding,
        claims=tuple(
            attrs.evolve(c, event=first.id) if c.event == shipped.events[0].id else c
            for c in colliding.claims
        ),
    )
    second = curation.draft_claim(colliding, text, "article", start, end)
    assert second.id == f"{first.id}-2"
    twice = curation.add_claim(curation.add_claim(shipped, text, "article", start, end), text,
                               "article", start, end)  # fmt: skip
    ids = [claim.id for claim in twice.claims]
    assert len(ids) == len(set(ids)) and f"{first.id}-2" in ids
    assert "is already the id" in refused(
        "id", lambda: curation.insert_claim(twice, attrs.evolve(first, text="x"))
    )


@pytest.mark.parametrize(
    ("claimant", "words", "claim_id"),
    [
        ("The Chicago Sun-Times", "The Chicago Sun-Times reported on the deal last week.",
         "sun-times-reported-deal-last-week"),  # the name once, not "sun-times-sun-times-..."
        ("Beto O'Rourke", "O'Rourke said the plan costs $5 billion.",
         "orourke-plan-costs-5-billion"),
        ("", "The plan costs $5 billion.", "article-plan-costs-5-billion"),
    ],
)  # fmt: skip
def test_new_claim_ids_name_the_claimant_once(
    shipped: Timeline, claimant: str, words: str, claim_id: str
) -> None:
    assert curation.draft_claim(shipped, text=words, claimant=claimant).id == claim_id


def test_claim_without_a_passage(shipped: Timeline, tmp_path: Path) -> None:
    edited = curation.add_claim(
        shipped,
        text="Police used the tool 1,000 times",
        claimant="Jane Doe",
        event="mayor-statement",
    )
    (added,) = [claim for claim in edited.claims if shipped.claim(claim.id) is None]
    assert added.anchor is None and added.kind == "statement"
    assert added.id == "doe-police-used-tool-1"
    assert_checks(edited, tmp_path)
    assert "empty" in refused("text", lambda: curation.add_claim(shipped))
    assert "no event" in refused("event", lambda: curation.add_claim(shipped, text="x", event="?"))


def test_the_drafted_claim_changed_in_a_form_is_inserted(shipped: Timeline, text: str) -> None:
    draft = curation.draft_claim(shipped, text, "article", *span(text, "3 billion images"))
    edited = curation.insert_claim(shipped, attrs.evolve(draft, claimant="Clearview AI"))
    claim = edited.claim(draft.id)
    assert claim is not None and claim.claimant == "Clearview AI"
    assert "only punctuation" in refused(
        "claimant", lambda: curation.insert_claim(shipped, attrs.evolve(draft, claimant="--"))
    )


HOSTILE_SOURCE = (
    "date 2020-02-05\r\n\r\nThe mayor\tsaid [bold]on Tuesday[/bold] that \x1b]0;pwned\x07 "
    "\u202eevil\u202c budgets rose 12 percent.\r\nSecond line follows.\r\n"
)


def hostile_timeline(folder: Path) -> tuple[Timeline, str]:
    """A timeline over a source with CRLF, tabs, markup, an escape code and a bidi override."""
    data = HOSTILE_SOURCE.encode("utf-8")
    (folder / "sources").mkdir()
    (folder / "sources" / "hostile.txt").write_bytes(data)
    source = Source(
        id="doc",
        file="sources/hostile.txt",
        sha256=hashlib.sha256(data).hexdigest(),
        published="2020-02-05",
    )
    timeline = Timeline(id="hostile", sources=(source,))
    return timeline, store.read_source(folder / "t.toml", source)[0]


def test_anchors_from_a_hostile_selection_verify_against_the_raw_source(tmp_path: Path) -> None:
    timeline, text = hostile_timeline(tmp_path)
    assert text == HOSTILE_SOURCE  # read raw: CRLF, escape and bidi kept
    start, end = span(text, "The mayor\tsaid")[0], span(text, "Second line")[1]
    selected = text[start:end]
    for raw in ("\r\n", "\t", "\x1b", "\u202e", "[bold]"):
        assert raw in selected
    edited = curation.add_claim(timeline, text, "doc", start, end)
    (claim,) = edited.claims
    assert claim.anchor is not None
    assert claim.anchor.exact == selected and anchors.verify(claim.anchor, text)
    assert (claim.anchor.start, claim.anchor.end) == (start, end)
    for raw in ("\x1b]0;pwned\x07", "\u202eevil\u202c", "[bold]on Tuesday[/bold]"):
        assert raw in claim.text  # stored exactly; only whitespace runs are folded
    assert "\r" not in claim.text and "\t" not in claim.text
    assert claim.kind == "statistic"
    event = curation.draft_event(edited, text, "doc", start, end)
    assert (event.date, event.date_text) == ("2020-02-04", "on Tuesday")
    edited = curation.insert_event(edited, event)
    assert_checks(edited, tmp_path, tmp_path)


@pytest.mark.parametrize(
    ("start", "end", "end_source", "reason"),
    [
        (5, 5, None, "nothing is selected"),
        (15, 19, None, "only spaces or line breaks"),
        (-1, 4, None, "outside the source text"),
        (10, 10_000, None, "outside the source text"),
        (9, 4, None, "outside the source text"),
        (0, 4, "other", 'crosses from source "doc" into "other"'),
    ],
)
def test_selection_problems(
    tmp_path: Path, start: int, end: int, end_source: str | None, reason: str
) -> None:
    timeline, text = hostile_timeline(tmp_path)
    assert text[15:19].isspace()
    problem = curation.selection_problem(text, start, end, "doc", end_source)
    assert problem is not None and reason in problem
    if end_source is None:
        assert reason in refused(
            "selection", lambda: curation.add_claim(timeline, text, "doc", start, end)
        )


def test_selection_limits_and_unknown_source(tmp_path: Path) -> None:
    timeline, text = hostile_timeline(tmp_path)
    assert curation.selection_problem(text, 0, 4, "doc") is None
    long = "word " * 3000
    assert "at most 10,000" in (curation.selection_problem(long, 0, len(long)) or "")
    assert "not a source" in refused(
        "source", lambda: curation.add_claim(timeline, text, "nope", 0, 4)
    )


def widened(text: str, start: int, end: int) -> str:
    new_start, new_end = curation.widen_to_sentences(text, start, end)
    return text[new_start:new_end]


def test_widen_to_sentences(text: str) -> None:
    first = (
        "The groups plan to end the department’s new contract to use technology developed by "
        "Clearview AI."
    )
    second = (
        "The program compares images of unknown suspects to a database of 3 billion images "
        "that have been removed from websites."
    )
    start, end = span(text, "new contract")
    assert widened(text, start, end) == first
    assert widened(text, start, start) == first  # a cursor
    assert widened(text, *span(text, "Clearview AI. The program")) == f"{first} {second}"
    gap = text.index(first) + len(first)  # the space between the two sentences
    assert widened(text, gap, gap) == second
    assert curation.widen_to_sentences(text, len(text), len(text)) == (len(text), len(text))
    quoted = (
        "“This city has a long history of criminalizing communities based on poor "
        "information,” he said."
    )
    start, end = span(text, "long history")
    assert widened(text, start, end) == quoted  # the marks are part of the sentence
    assert curation.selection_problem(text, *curation.widen_to_sentences(text, start, end)) is None


# --- events ------------------------------------------------------------------------------


def test_event_from_a_selection_guesses_date_title_and_actors(
    shipped: Timeline, text: str, tmp_path: Path
) -> None:
    start, end = span(text, "The Chicago Sun-Times reported on the deal last week.")
    draft = curation.draft_event(shipped, text, "article", start, end)
    assert draft.date == "2020-01-27/2020-02-02" and draft.date_text == "last week"
    assert draft.title == "The Chicago Sun-Times reported on the deal last week."
    assert draft.id == "chicago-sun-times-reported-deal"
    assert draft.anchor == anchors.make("article", text, start, end)
    edited = curation.add_event(shipped, text, "article", start, end, title="The report")
    assert_checks(edited, tmp_path)
    assert len(edited.events) == len(shipped.events) + 1


def test_event_without_a_passage_and_its_checks(shipped: Timeline, tmp_path: Path) -> None:
    edited = curation.add_event(
        shipped, title="Council hearing", date="2020-03", actors=["A", " A ", "", "B  C"]
    )
    event = edited.event("council-hearing")
    assert event is not None and event.anchor is None
    assert event.actors == ("A", "B C")
    assert edited == edited.canonical()
    assert_checks(edited, tmp_path)
    assert "title is empty" in refused("title", lambda: curation.add_event(shipped, title=" "))
    assert "not an EDTF date" in refused(
        "date", lambda: curation.add_event(shipped, title="x", date="last Tuesday")
    )
    again = curation.add_event(edited, title="Council hearing")
    assert again.event("council-hearing-2") is not None


def test_edit_event_fields(shipped: Timeline, tmp_path: Path) -> None:
    edited = curation.edit_event(
        shipped, "sun-times-report", date="2020-01-29", date_text="Wednesday", actors=["Sun-Times"]
    )
    event = edited.event("sun-times-report")
    assert event is not None
    assert (event.date, event.date_text, event.actors) == (
        "2020-01-29",
        "Wednesday",
        ("Sun-Times",),
    )
    before = shipped.event("sun-times-report")
    assert before is not None and event.title == before.title and event.summary == before.summary
    assert edited == edited.canonical()
    assert_checks(edited, tmp_path)
    assert curation.edit_event(shipped, "sun-times-report", title=before.title) is shipped
    assert "month 13" in refused(
        "date", lambda: curation.edit_event(shipped, "sun-times-report", date="2020-13")
    )
    title_only = curation.edit_event(shipped, "sun-times-report", title="Report")
    assert [tag for tag, _old, _new in changed_lines(shipped, title_only)] == ["replace"]


def test_delete_event_moves_or_deletes_its_claims(shipped: Timeline, tmp_path: Path) -> None:
    own = [claim.id for claim in shipped.claims_of("mayor-statement")]
    assert own
    moved = curation.delete_event(shipped, "mayor-statement", "move", "press-conference")
    assert moved.event("mayor-statement") is None
    assert all(moved.claim(claim_id).event == "press-conference" for claim_id in own)
    detached = curation.delete_event(shipped, "mayor-statement")
    assert all(detached.claim(claim_id).event == "" for claim_id in own)
    deleted = curation.delete_event(shipped, "mayor-statement", "delete")
    assert all(deleted.claim(claim_id) is None for claim_id in own)
    assert len(deleted.claims) == len(shipped.claims) - len(own)
    for edited in (moved, detached, deleted):
        assert_checks(edited, tmp_path)
    assert "cannot move to the event being deleted" in refused(
        "to", lambda: curation.delete_event(shipped, "mayor-statement", "move", "mayor-statement")
    )
    assert "not one of move, delete" in refused(
        "claims", lambda: curation.delete_event(shipped, "mayor-statement", "keep")
    )
    assert "no event" in refused(
        "event", lambda: curation.delete_event(shipped, "mayor-statement", "move", "nowhere")
    )


def test_delete_claim_and_evidence(shipped: Timeline, tmp_path: Path) -> None:
    claim = shipped.claim("no-precise-guidelines")
    assert claim is not None
    links = (Evidence(url="https://example.org/a"), Evidence(url="https://example.org/b"))
    with_links = shipped.replace_claim(attrs.evolve(claim, evidence=links))
    edited = curation.delete_evidence(with_links, claim.id, "https://example.org/a")
    assert edited.claim(claim.id).evidence == links[1:]
    assert "has no evidence" in refused(
        "evidence", lambda: curation.delete_evidence(shipped, claim.id, "https://example.org/a")
    )
    deleted = curation.delete_claim(edited, claim.id)
    assert deleted.claim(claim.id) is None and len(deleted.claims) == len(shipped.claims) - 1
    (change,) = changed_lines(edited, deleted)
    assert change[0] == "delete"
    assert_checks(deleted, tmp_path)


def test_deleting_a_record_drops_its_merge_conflicts(shipped: Timeline) -> None:
    conflicts = (
        Conflict(record="claims.no-precise-guidelines", field="claimant", ours='"A"'),
        Conflict(record="events.mayor-statement", field="title", ours='"B"'),
        Conflict(record="claims.sun-times-reported-deal", field="text", ours='"C"'),
    )
    timeline = attrs.evolve(shipped, conflicts=conflicts)
    assert curation.delete_claim(timeline, "no-precise-guidelines").conflicts == conflicts[1:]
    moved = curation.delete_event(timeline, "mayor-statement")
    assert moved.conflicts == (conflicts[0], conflicts[2])
    own = {f"claims.{claim.id}" for claim in shipped.claims_of("sun-times-report")}
    assert "claims.sun-times-reported-deal" in own
    deleted = curation.delete_event(timeline, "sun-times-report", "delete")
    assert deleted.conflicts == conflicts[:2]


def test_a_placeholder_anchor_says_how_to_fix_it() -> None:
    text = (
        'schema = 1\nid = "x"\n\n[[sources]]\nid = "article"\nfile = "a.txt"\n'
        f'sha256 = "{"0" * 64}"\n\n[[claims]]\nid = "c"\nstatus = "unverified"\n\n'
        '[claims.anchor]\nsource = "article"\nstart = 7\nend = 7\nexact = "hello"\n'
    )  # start = end = 0 is a hand-written anchor that fmt locates (test_ids_and_hand_anchors)
    with pytest.raises(store.LoadError) as caught:
        store.loads(text, "x.toml")
    (problem,) = caught.value.problems
    assert problem.where == 'claims[0] (id "c").anchor'
    assert "spans 0; a record with no passage has no anchor table (delete it)" in problem.message
    without = text[: text.index("\n[claims.anchor]")] + "\n"
    claim = store.loads(without).claim("c")
    assert claim is not None and claim.anchor is None


# --- claimant suggestions ------------------------------------------------------------------


def test_claimant_suggestions_come_from_the_timeline(shipped: Timeline) -> None:
    assert curation.claimant_suggestions(shipped, "mart") == ["Freddy Martinez"]
    assert curation.claimant_suggestions(shipped, "FRED") == ["Freddy Martinez"]
    names = curation.claimant_suggestions(shipped, "l")
    assert names[0] == "Lori Lightfoot"  # a claimant ranks before an actor-only name
    assert "Lucy Parsons Labs" in names
    everyone = curation.claimant_suggestions(shipped, "", limit=100)
    assert "Arab American Action Network" in everyone and "Chicago Police Department" in everyone
    assert len(everyone) == len(set(everyone))
    assert curation.claimant_suggestions(shipped, "zzz") == []
    assert len(curation.claimant_suggestions(shipped, "", limit=2)) == 2


# --- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "value", "reading"),
    [
        ("", "", "undated"),
        ("2020-02-04", "2020-02-04", "4 Feb 2020"),
        ("2020-01-27/2020-02-02", "2020-01-27/2020-02-02", "week of 27 Jan 2020"),
        ("last Tuesday", "2020-02-04", "4 Feb 2020"),
        ("Tuesday night", "2020-02-04", "4 Feb 2020"),
        ("last week", "2020-01-27/2020-02-02", "week of 27 Jan 2020"),
        ("January 1997", "1997-01", "Jan 1997"),
        ("early February 2020", "2020-02", "Feb 2020"),
        ("before 2 Feb 2020", "../2020-02-02", "before 2 Feb 2020"),
        ("since 1993", "1993/..", "after 1993"),
        ("since last week", "2020-01-27/..", "after 27 Jan 2020"),
        ("until March 2020", "../2020-03", "before Mar 2020"),
        ("March", "2020-03", "Mar 2020"),
        ("in the 1990s", "1990/1999", "1990 – 1999"),
        ("yesterday", "2020-02-04", "4 Feb 2020"),
    ],
)
def test_date_words_resolve_against_the_source_date(words: str, value: str, reading: str) -> None:
    result = curation.resolve_date_input(f"  {words} ", "2020-02-05")
    assert (result.value, result.reading, result.problem) == (value, reading, "")
    assert result.ok


@pytest.mark.parametrize(
    ("words", "published", "reason"),
    [
        ("soon-ish", "2020-02-05", "is neither an EDTF date"),
        ("Tuesday and Friday", "2020-02-05", "is neither an EDTF date"),
        ("the day the mayor spoke on Tuesday", "2020-02-05", "is neither an EDTF date"),
        ("2020-13-01", "2020-02-05", "month 13 is not 1-12"),
        ("2020/2019", "2020-02-05", "the interval ends before it starts"),
        ("last Tuesday", "", "depends on the source's date, which is unknown"),
        ("last Tuesday", "2020-02", "which is not a day"),
        ("\x1b[31mTuesday", "2020-02-05", "\\u001b"),  # quoted inert in the reason
    ],
)
def test_date_words_that_cannot_be_read(words: str, published: str, reason: str) -> None:
    result = curation.resolve_date_input(words, published)
    assert not result.ok and result.value == "" and reason in result.problem


def test_reference_date_is_the_events_source_date(shipped: Timeline) -> None:
    assert curation.reference_date(shipped, "press-conference") == "2020-02-05"
    assert curation.reference_date(shipped) == "2020-02-05"
    assert curation.reference_date(Timeline(id="empty")) == ""


def test_open_ended_bounds() -> None:
    assert temporal.open_ended("since", "1993") == "1993/.."
    assert temporal.open_ended("after", "2020-01-27/2020-02-02") == "2020-02-02/.."
    assert temporal.open_ended("before", "2020-01-27/2020-02-02") == "../2020-01-27"
    assert temporal.open_ended("By", "2020") == "../2020"
    assert temporal.open_ended("in", "2020") == "2020"
    assert temporal.open_ended("since", "../2020") == "../2020"


# --- any sequence of edits -----------------------------------------------------------------

DATE_WORDS = st.sampled_from(["last Tuesday", "since 1993", "before 2 Feb 2020", "nonsense", ""])


@st.composite
def edit_steps(draw: st.DrawFn, text: str) -> list[tuple[str, dict[str, object]]]:
    """A list of (edit name, arguments); targets are picked by index when applied."""
    field_text = st.one_of(tricky_text, st.just(""), st.sampled_from(["Lori Lightfoot", "?!"]))
    offsets = st.integers(-2, len(text) + 2)
    step = st.one_of(
        st.tuples(st.just("edit_claim"), st.fixed_dictionaries({}, optional={
            "text": field_text, "claimant": field_text, "notes": tricky_text,
            "kind": st.sampled_from([*KINDS, "opinion"]),
            "event": st.one_of(st.integers(0, 20), st.just(""), st.just("nope")),
        })),
        st.tuples(st.just("add_claim"), st.fixed_dictionaries({
            "start": offsets, "length": st.integers(0, 300),
            "event": st.one_of(st.integers(0, 20), st.just("")),
        })),
        st.tuples(st.just("add_claim_without_passage"), st.fixed_dictionaries({
            "text": field_text, "claimant": field_text,
        })),
        st.tuples(st.just("add_event"), st.fixed_dictionaries({
            "start": offsets, "length": st.integers(0, 300), "passage": st.booleans(),
            "title": st.one_of(st.none(), field_text), "date": st.one_of(edtf_dates, DATE_WORDS),
        })),
        st.tuples(st.just("edit_event"), st.fixed_dictionaries({}, optional={
            "title": field_text, "date": st.one_of(edtf_dates, DATE_WORDS, st.just("2020-13")),
            "date_text": tricky_text, "summary": tricky_text,
            "actors": st.lists(field_text, max_size=3),
        })),
        st.tuples(st.just("delete_claim"), st.fixed_dictionaries({})),
        st.tuples(st.just("delete_event"), st.fixed_dictionaries({
            "claims": st.sampled_from(["move", "delete", "keep"]),
            "to": st.one_of(st.none(), st.integers(0, 20)),
        })),
        st.tuples(st.just("move_claim"), st.fixed_dictionaries({
            "event": st.one_of(st.integers(0, 20), st.just("")),
        })),
        st.tuples(st.just("delete_evidence"), st.fixed_dictionaries({})),
    )  # fmt: skip
    return draw(st.lists(step, min_size=1, max_size=8))


Key = tuple[str, str]  # ("event" | "claim", id): an event and a claim may share an id


def record_keys(timeline: Timeline) -> set[Key]:
    return {("event", e.id) for e in timeline.events} | {("claim", c.id) for c in timeline.claims}


def apply_step(
    timeline: Timeline, text: str, name: str, args: dict[str, object], target: int
) -> tuple[Timeline, int, set[Key]]:
    """Apply one step; returns the new timeline, how many records it may add, those it removes."""

    def event_id(value: object) -> str:
        if isinstance(value, int):
            return timeline.events[value % len(timeline.events)].id if timeline.events else ""
        return str(value)

    claim_id = timeline.claims[target % len(timeline.claims)].id if timeline.claims else "none"
    event = timeline.events[target % len(timeline.events)].id if timeline.events else "none"
    published = curation.reference_date(timeline)
    if name == "edit_claim":
        fields = {key: event_id(v) if key == "event" else v for key, v in args.items()}
        return curation.edit_claim(timeline, claim_id, **fields), 0, set()
    if name == "add_claim":
        start = int(args["start"])
        end = start + int(args["length"])
        edited = curation.add_claim(
            timeline, text, "article", start, end, event=event_id(args["event"])
        )
        return edited, 1, set()
    if name == "add_claim_without_passage":
        edited = curation.add_claim(
            timeline, text=str(args["text"]), claimant=str(args["claimant"])
        )
        return edited, 1, set()
    if name == "add_event":
        reading = curation.resolve_date_input(str(args["date"]), published)
        date = reading.value if reading.ok else str(args["date"])
        title = args["title"] if args["title"] is None else str(args["title"])
        start = int(args["start"])
        end = start + int(args["length"])
        if args["passage"]:
            edited = curation.add_event(
                timeline, text, "article", start, end, date=date, title=title
            )
        else:
            edited = curation.add_event(timeline, date=date, title=title)
        return edited, 1, set()
    if name == "edit_event":
        fields = dict(args)
        if "date" in fields:
            reading = curation.resolve_date_input(str(fields["date"]), published)
            fields["date"] = reading.value if reading.ok else fields["date"]
        return curation.edit_event(timeline, event, **fields), 0, set()
    if name == "delete_claim":
        return curation.delete_claim(timeline, claim_id), 0, {("claim", claim_id)}
    if name == "delete_event":
        policy = str(args["claims"])
        to = None if args["to"] is None else event_id(args["to"])
        edited = curation.delete_event(timeline, event, policy, to)
        gone = {("event", event)}
        if policy == "delete":
            gone |= {("claim", claim.id) for claim in timeline.claims_of(event)}
        return edited, 0, gone
    if name == "move_claim":
        return curation.move_claim(timeline, claim_id, event_id(args["event"])), 0, set()
    linked = [claim for claim in timeline.claims if claim.evidence]
    if linked:
        claim = linked[target % len(linked)]
        claim_id, url = claim.id, claim.evidence[0].url
    else:
        url = "https://example.org/evidence"
    return curation.delete_evidence(timeline, claim_id, url), 0, set()


@pytest.fixture(scope="module")
def work_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("edits")
    shutil.copytree(SHIPPED.parent / "sources", folder / "sources")
    return folder


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_sequence_of_edits_leaves_a_file_check_passes(
    data: st.DataObject, shipped: Timeline, text: str, work_folder: Path
) -> None:
    timeline = shipped
    for claim in shipped.claims[:3]:  # links for delete_evidence to remove
        links = (
            Evidence(url=f"https://example.org/{claim.id}"),
            Evidence(url="https://x.example/"),
        )
        timeline = timeline.replace_claim(attrs.evolve(claim, evidence=links))
    for name, args in data.draw(edit_steps(text)):
        target = data.draw(st.integers(0, 40))
        ids = record_keys(timeline)
        try:
            edited, may_add, removed = apply_step(timeline, text, name, args, target)
        except EditError as error:
            assert error.field and error.reason  # refused with a reason, nothing changed
            continue
        after = record_keys(edited)
        assert ids - removed <= after, "an id disappeared or was renumbered"
        assert len(after - ids) <= may_add, "an edit made an id it should not have"
        new_ids = {record_id for _table, record_id in after - ids}
        assert not new_ids & {record_id for _table, record_id in ids}, "a new id is not unique"
        assert removed <= ids and not (removed & after)
        if name in ("edit_claim", "move_claim", "delete_evidence"):
            assert len([c for c in timeline.claims if edited.claim(c.id) != c]) <= 1
            assert edited.events == timeline.events
        if name == "edit_event":
            assert len([e for e in timeline.events if edited.event(e.id) != e]) <= 1
            assert sorted(edited.claims, key=str) == sorted(timeline.claims, key=str)
        timeline = edited
    assert_checks(timeline, work_folder)
