"""ClaimReview and Fact Check Tools import: shapes, rating map, stances, hostile input."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from factcheck import store
from factcheck.check import id_clashes
from factcheck.interop import importer, ratings
from factcheck.interop.importer import ImportFailed, import_file
from tests.interop.fixtures import write_json


def review(
    text: str = "The city has 30,000 cameras.",
    label: str = "False",
    url: str = "https://checker.example.org/cameras",
    claimant: Any = "A council member",
    date: str = "2020-02-04",
    **extra: Any,
) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": text,
        "author": {
            "@type": "Organization",
            "name": "Checker",
            "url": "https://checker.example.org",
        },
        "datePublished": "2020-02-10",
        "reviewRating": {"@type": "Rating", "alternateName": label},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": claimant}
            if isinstance(claimant, str)
            else claimant,
            "datePublished": date,
        },
        **extra,
    }


def api_response(count: int = 2) -> dict[str, Any]:
    return {
        "claims": [
            {
                "text": f"Claim {index} about the budget",
                "claimant": "Mayor",
                "claimDate": "2020-02-04T00:00:00Z",
                "claimReview": [
                    {
                        "publisher": {"name": "PolitiFact", "site": "politifact.com"},
                        "url": f"https://www.politifact.com/factchecks/{index}/",
                        "title": f"Review {index}",
                        "reviewDate": "2020-02-06T10:00:00Z",
                        "textualRating": "Pants on Fire!" if index % 2 else "Half True",
                        "languageCode": "en",
                    }
                ],
            }
            for index in range(count)
        ],
        "nextPageToken": "abc",
    }


def test_single_object(tmp_path: Path) -> None:
    result = import_file(write_json(tmp_path / "one.json", review()))
    (claim,) = result.timeline.claims
    assert (claim.text, claim.claimant, claim.status) == (
        "The city has 30,000 cameras.",
        "A council member",
        "false",
    )
    assert (claim.reviewed_by, claim.reviewed_on) == ("Checker", "2020-02-10")
    (event,) = result.timeline.events
    assert (event.id, event.date, claim.event) == ("2020-02-04", "2020-02-04", "2020-02-04")
    (evidence,) = claim.evidence
    assert (evidence.url, evidence.stance) == ("https://checker.example.org/cameras", "refutes")
    assert claim.anchor is None
    assert result.timeline.publisher is not None
    assert result.timeline.publisher.name == "Checker"
    assert result.timeline.id == "one"


def test_list_and_graph_and_grouping_by_date(tmp_path: Path) -> None:
    items = [
        review(date="2020-02-04"),
        review(text="Another", date="2020-02-04"),
        review(text="Undated", date=""),
        review(text="Other day", date="2020-01-01"),
    ]
    listed = import_file(write_json(tmp_path / "list.json", items)).timeline
    graph = {
        "@context": "https://schema.org",
        "@graph": [{"@type": "WebPage", "name": "page"}, *items],
    }
    graphed = import_file(write_json(tmp_path / "graph.json", graph)).timeline
    for timeline in (listed, graphed):
        assert len(timeline.claims) == 4
        assert [event.date for event in timeline.events] == ["2020-01-01", "2020-02-04"]
        assert len(timeline.claims_of("2020-02-04")) == 2
        assert [claim.text for claim in timeline.claims_of("")] == ["Undated"]


def test_fact_check_tools_api_response(tmp_path: Path) -> None:
    result = import_file(write_json(tmp_path / "api.json", api_response(2)))
    timeline = result.timeline
    statuses = {claim.text: claim.status for claim in timeline.claims}
    assert statuses == {"Claim 0 about the budget": "mixed", "Claim 1 about the budget": "false"}
    claim = timeline.claims[0]
    assert (claim.claimant, claim.reviewed_by, claim.reviewed_on) == (
        "Mayor",
        "PolitiFact",
        "2020-02-06",
    )
    assert claim.evidence[0].title.startswith("Review ")
    assert timeline.events[0].date == "2020-02-04"
    assert timeline.events[0].date_text == "2020-02-04T00:00:00Z"
    assert timeline.publisher is not None and timeline.publisher.url == "https://politifact.com"
    assert any('"Pants on Fire!"' in c.notes for c in timeline.claims)
    assert not result.problems


@pytest.mark.parametrize(
    ("label", "status"),
    [
        ("True", "true"),
        ("TRUE", "true"),
        ("Mostly True", "mostly-true"),
        ("Half True", "mixed"),
        ("half-true", "mixed"),
        ("Mostly False", "mostly-false"),
        ("False", "false"),
        ("Pants on Fire!", "false"),
        ("PANTS ON FIRE", "false"),
        ("Mixture", "mixed"),
        ("Miscaptioned", "misleading"),
        ("Unproven", "unproven"),
        ("Unfounded", "unproven"),
        ("Outdated", "misleading"),
        ("Misattributed", "false"),
        ("Correct Attribution", "true"),
        ("Legend", "unproven"),
        ("Scam", "false"),
        ("Labeled Satire", "not-checkable"),
        ("Misleading", "misleading"),
        ("  mostly   true. ", "mostly-true"),
        ("Not checkable", "not-checkable"),
    ],
)
def test_rating_labels(label: str, status: str) -> None:
    assert ratings.Ratings().status_of(label) == status


def test_stance_by_rating(tmp_path: Path) -> None:
    items = [
        review(text=f"c{i}", label=label, url=f"https://checker.example.org/{i}")
        for i, label in enumerate(["True", "Mostly False", "Mixture", "Misleading"])
    ]
    timeline = import_file(write_json(tmp_path / "s.json", items)).timeline
    stances = {claim.text: claim.evidence[0].stance for claim in timeline.claims}
    assert stances == {"c0": "supports", "c1": "refutes", "c2": "context", "c3": "context"}


def test_unknown_label_is_unproven_with_label_in_verdict_and_a_warning(tmp_path: Path) -> None:
    path = write_json(tmp_path / "u.json", [review(label="Four Pinocchios", reviewBody="Wrong.")])
    result = import_file(path)
    (claim,) = result.timeline.claims
    assert claim.status == "unproven"
    assert claim.verdict == 'Rated "Four Pinocchios" by Checker. Wrong.'
    (problem,) = result.problems
    assert str(problem).startswith(f"{path}: [0].reviewRating: warning: unknown rating")


def test_rating_map_overrides_by_file_and_option(tmp_path: Path) -> None:
    path = write_json(
        tmp_path / "u.json", [review(label="Four Pinocchios"), review(text="b", label="False")]
    )
    table = tmp_path / "ratings.toml"
    table.write_text('"Four Pinocchios" = "false"\n"false" = "mostly-false"\n', encoding="utf-8")
    mapped = ratings.Ratings(ratings.load_overrides(table))
    statuses = [claim.status for claim in import_file(path, mapped).timeline.claims]
    assert sorted(statuses) == ["false", "mostly-false"]
    by_option = ratings.Ratings(ratings.parse_option(["four pinocchios = mostly-false"]))
    assert by_option.status_of("Four Pinocchios") == "mostly-false"
    nested = tmp_path / "nested.toml"
    nested.write_text('[ratings]\n"Geppetto Checkmark" = "true"\n', encoding="utf-8")
    assert ratings.Ratings(ratings.load_overrides(nested)).status_of("geppetto checkmark") == "true"


def test_bad_rating_overrides_are_named(tmp_path: Path) -> None:
    table = tmp_path / "r.toml"
    table.write_text('"Four Pinocchios" = "maybe"\n"ok" = 3\n', encoding="utf-8")
    with pytest.raises(ratings.RatingError) as caught:
        ratings.load_overrides(table)
    messages = [str(problem) for problem in caught.value.problems]
    assert messages[0].startswith(f'{table}: "Four Pinocchios": "maybe" is not one of unverified')
    assert len(messages) == 2
    with pytest.raises(ratings.RatingError, match="expected LABEL=STATUS"):
        ratings.parse_option(["no equals sign"])
    table.write_text("not toml [", encoding="utf-8")
    with pytest.raises(ratings.RatingError, match="invalid TOML"):
        ratings.load_overrides(table)


def test_rating_overrides_from_a_fifo_folder_or_huge_file_are_refused_unread(
    tmp_path: Path,
) -> None:
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    with pytest.raises(ratings.RatingError, match="not a regular file"):
        ratings.load_overrides(fifo)  # would block forever if opened
    with pytest.raises(ratings.RatingError, match="is a folder"):
        ratings.load_overrides(tmp_path)
    huge = tmp_path / "huge.toml"
    with huge.open("wb") as handle:
        handle.truncate(ratings.MAX_RATINGS_BYTES + 1)
    with pytest.raises(ratings.RatingError, match="bytes; the limit is"):
        ratings.load_overrides(huge)
    with pytest.raises(ratings.RatingError, match="cannot read"):
        ratings.load_overrides(tmp_path / "missing.toml")


def test_javascript_review_url_is_refused_with_a_warning(tmp_path: Path) -> None:
    path = write_json(
        tmp_path / "js.json",
        [review(url="javascript:alert(1)"), review(text="b", url="data:text/html,x")],
    )
    result = import_file(path)
    assert all(claim.evidence == () for claim in result.timeline.claims)
    messages = [str(problem) for problem in result.problems]
    assert messages[0] == (
        f'{path}: [0].url: warning: "javascript:alert(1)" refused: only http and https URLs are '
        "allowed (scheme: javascript); not kept as evidence"
    )
    assert "[1].url" in messages[1]


def test_ids_are_readable_unique_slugs(tmp_path: Path) -> None:
    items = [
        review(text="Chicago's police use Clearview AI!", url=f"https://c.example/{i}")
        for i in range(3)
    ] + [review(text="x", url="https://c.example/page#my-claim")]
    ids = [
        claim.id for claim in import_file(write_json(tmp_path / "i.json", items)).timeline.claims
    ]
    assert sorted(ids) == [
        "chicago-s-police-use-clearview-ai",
        "chicago-s-police-use-clearview-ai-2",
        "chicago-s-police-use-clearview-ai-3",
        "my-claim",
    ]


def test_an_event_and_a_claim_never_share_an_id(tmp_path: Path) -> None:
    # The review's URL fragment would give the claim the id its date gives the event.
    items = [review(url="https://c.example/page#2020-02-04", date="2020-02-04")]
    timeline = import_file(write_json(tmp_path / "i.json", items)).timeline
    assert [event.id for event in timeline.events] == ["2020-02-04"]
    assert [claim.id for claim in timeline.claims] == ["2020-02-04-2"]
    assert id_clashes("i.toml", timeline) == []


def test_date_shapes(tmp_path: Path) -> None:
    items = [
        review(text="a", date="2020-02-04T10:00:00-05:00"),
        review(text="b", date="2020-02"),
        review(text="c", date="yesterday"),
        review(text="d", itemReviewed={"@type": "Claim", "temporalCoverage": "../2020-01-29"}),
    ]
    result = import_file(write_json(tmp_path / "d.json", items))
    dates_of = {claim.text: claim.event for claim in result.timeline.claims}
    events = {event.id: event.date for event in result.timeline.events}
    assert events[dates_of["a"]] == "2020-02-04"
    assert events[dates_of["b"]] == "2020-02"
    assert dates_of["c"] == ""
    assert events[dates_of["d"]] == "../2020-01-29"
    assert any('"yesterday" is not a date' in str(p) for p in result.problems)


def test_written_out_dates_are_read_strictly(tmp_path: Path) -> None:
    """Issue 14.4: Snopes writes "11 May 2018"; absolute dates only, never relative or future."""
    read = {
        "11 May 2018": "2018-05-11",
        "May 11, 2018 10:00 AM": "2018-05-11",
        "11 de mayo de 2018": "2018-05-11",
        "May 2018": "2018-05",
        "2018/05/11": "2018-05-11",
    }
    refused = ["yesterday", "3 days ago", "Friday", "11 May 2999", "11/05/2018", "1526000000",
               "x" * 100 + " 2018", "11 May"]  # fmt: skip
    items = [review(text=value, date=value) for value in [*read, *refused]]
    items.append(review(text="snopes", date="", datePublished="11 May 2018"))
    result = import_file(write_json(tmp_path / "d.json", items))
    event_date = {event.id: event.date for event in result.timeline.events}
    claims = {claim.text: claim for claim in result.timeline.claims}
    for value, expected in read.items():
        assert event_date[claims[value].event] == expected, value
    for value in refused:
        assert claims[value].event == "", value
    assert claims["snopes"].reviewed_on == "2018-05-11"
    warned = "\n".join(str(problem) for problem in result.problems)
    assert warned.count("claimReviewed") == 0
    assert len(result.problems) == len(refused), warned
    assert "in the future" in warned and "ambiguous" in warned


def test_json_ld_value_shapes(tmp_path: Path) -> None:
    item = review(claimant=[{"@type": "Organization", "name": "Council"}])
    item["claimReviewed"] = {"@value": "Valued text"}
    item["reviewRating"] = [{"@type": "Rating", "alternateName": ["Mostly True"]}]
    item["@type"] = ["schema:ClaimReview"]
    (claim,) = import_file(write_json(tmp_path / "v.json", [item])).timeline.claims
    assert (claim.text, claim.claimant, claim.status) == ("Valued text", "Council", "mostly-true")


def test_five_thousand_reviews(tmp_path: Path) -> None:
    document = api_response(5000)
    path = write_json(tmp_path / "big.json", document)
    result = import_file(path)
    assert len(result.timeline.claims) == 5000
    assert len({claim.id for claim in result.timeline.claims}) == 5000
    reloaded = store.loads(store.dumps(result.timeline), "big.toml")
    assert reloaded == result.timeline


# --- hostile and broken input --------------------------------------------------------------


def failure(path: Path, **options: Any) -> list[str]:
    with pytest.raises(ImportFailed) as caught:
        import_file(path, **options)
    return [str(problem) for problem in caught.value.problems]


def test_not_json(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("<html>not json</html>", encoding="utf-8")
    assert failure(path) == [f"{path}:1: not valid JSON: Expecting value (column 1)"]
    path.write_bytes(b"\xff\xfe\x00junk")
    assert failure(path) == [f"{path}: is not valid UTF-8 (byte 0): not a JSON file"]
    assert failure(tmp_path) == [f"{tmp_path}: is a folder, not a JSON file"]
    assert "cannot read" in failure(tmp_path / "missing.json")[0]


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (42, "not a shape this tool reads"),
        ({"hello": "world"}, "not a shape this tool reads"),
        ({"claims": "nope"}, "claims: expected a list, got a string"),
        ({"@graph": {}}, "@graph: expected a list, got an object"),
        ([], "no review could be imported (0 found)"),
    ],
)
def test_wrong_shapes(tmp_path: Path, document: Any, message: str) -> None:
    messages = failure(write_json(tmp_path / "w.json", document))
    assert any(message in m for m in messages), messages


def test_wrong_items_are_skipped_with_their_index_and_field(tmp_path: Path) -> None:
    good = review(text="fine")
    items: list[Any] = [
        "a string",
        {"@type": "Organization"},
        {**review(), "claimReviewed": 7},
        {k: v for k, v in review().items() if k != "claimReviewed"},
        {**review(text="no rating"), "reviewRating": None},
        {**review(text="bad author"), "author": 12},
        {**review(text="no url"), "url": None},
        good,
    ]
    path = write_json(tmp_path / "w.json", items)
    result = import_file(path)
    assert sorted(c.text for c in result.timeline.claims) == [
        "bad author",
        "fine",
        "no rating",
        "no url",
    ]
    messages = "\n".join(str(p) for p in result.problems)
    assert f"{path}: [0]: warning: expected an object, got a string; skipped" in messages
    assert '[1].@type: warning: "Organization" is not ClaimReview; skipped' in messages
    assert "[2].claimReviewed: warning: expected a string, got a number" in messages
    assert "[3].claimReviewed: warning: missing: the review was skipped" in messages
    assert "[4].reviewRating: warning: no rating label: status set to unproven" in messages
    assert "[5].author: warning: expected a name or an object, got a number" in messages
    assert "[6].url: warning: missing" in messages
    assert result.skipped == 4


def test_api_claim_without_reviews(tmp_path: Path) -> None:
    document = api_response(1)
    document["claims"].append({"text": "lonely"})
    document["claims"].append(["not", "an", "object"])
    result = import_file(write_json(tmp_path / "a.json", document))
    messages = "\n".join(str(p) for p in result.problems)
    assert "claims[1].claimReview: warning: missing: the claim has no review; skipped" in messages
    assert "claims[2]: warning: expected an object, got a list; skipped" in messages


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:  # 50 MB of JSON, written in chunks
        handle.write(b'[{"x": "')
        chunk = b"a" * (1 << 20)
        for _ in range(50):
            handle.write(chunk)
        handle.write(b'"}]')
    (message,) = failure(path)
    assert message.startswith(f"{path}: the file is 52,428,811 bytes; the import limit is")
    assert "--max-mb" in message


def test_deeply_nested(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    assert failure(path) == [f"{path}: not JSON this tool reads: nested too deeply"]
    path.write_text('{"claims": [' + "[" * 100 + "]" * 100 + "]}", encoding="utf-8")
    assert any("claims[0]: warning: expected an object" in m for m in failure(path))


def test_huge_number_and_lone_surrogate(tmp_path: Path) -> None:
    path = tmp_path / "n.json"
    path.write_text("[" + "9" * 5000 + "]", encoding="utf-8")
    assert failure(path)[0].startswith(f"{path}: not valid JSON:")
    path.write_text(json.dumps([review(text="bad \ud800 half")]), encoding="utf-8")
    (claim,) = import_file(path).timeline.claims
    assert claim.text == "bad \ufffd half"
    store.dumps(importer.import_file(path).timeline).encode("utf-8")


def test_control_characters_stay_data(tmp_path: Path) -> None:
    path = write_json(tmp_path / "c.json", [review(text="evil \x1b]52;c;aGk=\x07 text")])
    timeline = import_file(path).timeline
    text = store.dumps(timeline)
    assert "\x1b" not in text and "\\u001b" in text.lower()
    assert store.loads(text).claims[0].text == "evil \x1b]52;c;aGk=\x07 text"


def test_nesting_inside_values_is_bounded(tmp_path: Path) -> None:
    deep: Any = "text"
    for _ in range(900):
        deep = {"@value": deep}
    item = review(text="kept")
    item["itemReviewed"]["author"] = deep
    item["reviewRating"] = [[[[[[{"alternateName": "False"}]]]]]]
    (claim,) = import_file(write_json(tmp_path / "v.json", [item])).timeline.claims
    assert (claim.text, claim.claimant, claim.status) == ("kept", "", "unproven")


def test_the_real_command_never_shows_a_traceback(tmp_path: Path) -> None:
    import subprocess

    hostile = {
        "deep.json": "[" * 100_000,
        "junk.json": "\x00\x1b[2J",
        "shape.json": '{"claims": [{"text": 5, "claimReview": [{"url": "javascript:x"}]}]}',
    }
    for name, text in hostile.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        done = subprocess.run(
            ["factcheck", "import", name], cwd=tmp_path, capture_output=True, text=True
        )
        assert done.returncode == 1, (name, done.stderr)
        assert done.stderr.startswith(f"{name}") and "Traceback" not in done.stderr
        assert "\x1b" not in done.stderr
