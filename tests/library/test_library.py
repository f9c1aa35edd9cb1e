"""The fact-check library: add, search, match, remove, and the commands around them."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import attrs
import pytest
from click.testing import CliRunner

from factcheck import store
from factcheck.cli import cli
from factcheck.library import Library, LibraryError, LibraryMissing, match_to_evidence, sources
from factcheck.library.database import SCHEMA_VERSION
from factcheck.model import Claim, Evidence, Publisher, Timeline

#: Invented reviews on example.org: the tests never need a real fact-check.
REVIEWS: list[dict[str, Any]] = [
    {
        "@type": "ClaimReview",
        "claimReviewed": "Drinking hot water every fifteen minutes cures the flu.",
        "url": "https://checks.example.org/hot-water-flu",
        "headline": "No, hot water does not cure the flu",
        "author": {"@type": "Organization", "name": "Example Checks"},
        "datePublished": "14 January 2020",
        "inLanguage": "en",
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
        "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "A Blogger"}},
    },
    {
        "@type": "ClaimReview",
        "claimReviewed": "The city council banned bicycles on every bridge in March.",
        "url": "https://checks.example.org/bicycle-bridge-ban",
        "headline": "Bicycle ban on bridges? Only on one bridge",
        "author": {"name": "Example Checks"},
        "datePublished": "2020-03-20T10:00:00Z",
        "reviewRating": {"alternateName": "Mostly False"},
    },
    {
        "@type": "ClaimReview",
        "claimReviewed": "A photo shows a shark swimming on a flooded highway.",
        "url": "https://checks.example.org/highway-shark",
        "headline": "The highway shark is a doctored image",
        "author": {"name": "Other Desk"},
        "datePublished": "Sept. 3, 2019",
        "reviewRating": {"alternateName": "Four Pinocchios"},
    },
]


def write(path: Path, document: object) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.fixture
def library(tmp_path: Path) -> Library:
    opened = Library.open(tmp_path / "library.sqlite", create=True)
    source = write(tmp_path / "reviews.json", REVIEWS)
    records, problems = sources.read(source)
    assert problems == []
    opened.add(records, str(source))
    yield opened
    opened.close()


def run(*args: str, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


# --- the library API ---------------------------------------------------------------------


def test_match_finds_the_checked_claim_first(library: Library) -> None:
    matches = library.match("Does hot water cure the flu?? my aunt swears by it")
    assert matches[0].url == "https://checks.example.org/hot-water-flu"
    best = matches[0]
    assert (best.rating, best.status, best.publisher, best.date, best.claimant, best.language) == (
        "False",
        "false",
        "Example Checks",
        "2020-01-14",
        "A Blogger",
        "en",
    )
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)


def test_a_tweet_matches_despite_links_handles_hashtags_and_emoji(library: Library) -> None:
    tweet = (
        "WOW 😱🦈 a #SharkOnTheHighway after the floods!!! https://t.co/AbCdEf "
        'pic.twitter.com/XyZ123 "he said ""it\'s real""" @SomeHandle — Some One (@someone) '
        "August 28, 2019"
    )
    assert library.match(tweet)[0].url == "https://checks.example.org/highway-shark"


def test_dates_in_common_forms_become_iso_days(library: Library) -> None:
    dates = {m.url.rsplit("/", 1)[1]: m.date for m in library.match("flu bicycles shark", 10)}
    assert dates == {
        "hot-water-flu": "2020-01-14",
        "bicycle-bridge-ban": "2020-03-20",
        "highway-shark": "2019-09-03",
    }


@pytest.mark.parametrize(
    "text",
    [
        '"',
        'flu" OR "',
        "NEAR(flu bridge, 2)",
        "flu*",
        "(flu",
        "-flu",
        "claim: flu",
        "flu AND NOT bridge",
        "^flu",
        "{claim headline}: flu",
        "flu + bridge",
        "\x00flu\x00",
        "OR",
        "NOT",
        "AND",
        "",
        "   ",
        "😱😱😱",
        "\ud800 lone surrogate flu",
    ],
)
def test_fts5_syntax_in_a_query_is_text(library: Library, text: str) -> None:
    matches = library.match(text)
    # never an error, and operators change nothing: the letters and digits alone decide
    words_only = library.match(re.sub(r"[\W_]+", " ", text))
    assert [m.url for m in matches] == [m.url for m in words_only]
    if "flu" in text and "bridge" not in text:
        assert [m.url for m in matches] == ["https://checks.example.org/hot-water-flu"]


def test_a_one_megabyte_query_is_bounded(library: Library) -> None:
    huge = ("flu " + "x" * 50 + " ") * 20_000 + '"' * 1000 + "\x00" * 1000
    assert len(huge) > 1_000_000
    matches = library.match(huge)
    assert matches and matches[0].url == "https://checks.example.org/hot-water-flu"


def test_readding_updates_and_never_duplicates(library: Library, tmp_path: Path) -> None:
    changed = [dict(REVIEWS[0], headline="A new headline"), *REVIEWS[1:]]
    records, _ = sources.read(write(tmp_path / "again.json", changed))
    result = library.add(records, "again")
    assert (result.added, result.updated) == (0, 3)
    assert library.stats().reviews == 3
    (best,) = library.match("new headline", top=1)
    assert best.headline == "A new headline"
    assert library.match("hot water flu")[0].headline == "A new headline"  # index kept in step


def test_a_review_without_url_is_keyed_by_publisher_and_claim(tmp_path: Path) -> None:
    review = {k: v for k, v in REVIEWS[0].items() if k != "url"}
    path = write(tmp_path / "nourl.json", [review])
    with Library.open(tmp_path / "l.sqlite", create=True) as library:
        for _ in range(2):
            records, _problems = sources.read(path)
            library.add(records, str(path))
        assert library.stats().reviews == 1
        assert library.match("flu")[0].url == ""


def test_a_failing_add_rolls_back_everything(library: Library) -> None:
    records, _ = sources.read(Path(library.path).parent / "reviews.json")
    poisoned = [*records[:2], sources.Record(key="k", claim=None)]  # type: ignore[arg-type]
    with pytest.raises(LibraryError, match="NOT NULL constraint failed"):
        library.add(poisoned, "poisoned")
    assert library.stats().reviews == 3
    assert all(name != "poisoned" for name, _ in library.stats().sources)


def test_remove_source_takes_reviews_out_of_the_index(library: Library, tmp_path: Path) -> None:
    other = write(tmp_path / "other.json", [dict(REVIEWS[0], url="https://o.example.org/1")])
    records, _ = sources.read(other)
    library.add(records, str(other))
    assert library.remove_source(str(tmp_path / "reviews.json")) == 3
    assert [m.url for m in library.match("flu bicycle shark")] == ["https://o.example.org/1"]


def test_match_from_worker_threads(library: Library) -> None:
    results: list[str] = []

    def worker() -> None:
        for _ in range(20):
            results.append(library.match("shark highway")[0].url)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["https://checks.example.org/highway-shark"] * 80


def test_match_to_evidence_suggests_a_stance_from_the_rating(library: Library) -> None:
    flu = library.match("hot water flu")[0]
    evidence = match_to_evidence(flu)
    assert evidence == Evidence(
        url="https://checks.example.org/hot-water-flu",
        title="Example Checks: False",
        stance="refutes",
        note='Checked before: "Drinking hot water every fifteen minutes cures the flu." '
        "(2020-01-14)",
    )
    shark = library.match("shark highway")[0]
    assert shark.status == ""  # "Four Pinocchios" is not a label we know
    assert match_to_evidence(shark).stance == "context"


def test_match_to_evidence_refuses_a_match_without_a_usable_link(library: Library) -> None:
    flu = library.match("hot water flu")[0]
    with pytest.raises(LibraryError, match="no usable link"):
        match_to_evidence(attrs.evolve(flu, url="javascript:alert(1)"))


def test_open_reports_missing_foreign_and_newer_files(tmp_path: Path) -> None:
    with pytest.raises(LibraryMissing, match="library add"):
        Library.open(tmp_path / "none.sqlite")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(LibraryError, match="not a library file"):
        Library.open(junk)
    newer = tmp_path / "newer.sqlite"
    connection = sqlite3.connect(newer)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    with pytest.raises(LibraryError, match="newer than this factcheck"):
        Library.open(newer)
    with pytest.raises(LibraryError, match="folder"):
        Library.open(tmp_path)
    foreign = tmp_path / "foreign.sqlite"
    connection = sqlite3.connect(foreign)
    connection.execute("CREATE TABLE notes (text TEXT)")
    connection.close()
    with pytest.raises(LibraryError, match="something else"):
        Library.open(foreign, create=True)
    assert sqlite3.connect(foreign).execute("SELECT name FROM sqlite_master").fetchall() == [
        ("notes",)
    ]


def test_a_new_library_uses_wal_and_the_current_schema(library: Library) -> None:
    connection = sqlite3.connect(library.path)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    connection.close()


# --- reading files -----------------------------------------------------------------------


def test_fact_check_tools_responses_and_graphs_are_read(tmp_path: Path) -> None:
    api = {
        "claims": [
            {
                "text": "The bridge toll doubled overnight.",
                "claimant": "A Post",
                "claimReview": [
                    {
                        "publisher": {"name": "Example Checks", "site": "checks.example.org"},
                        "url": "https://checks.example.org/toll",
                        "title": "Toll did not double",
                        "reviewDate": "2021-05-02T00:00:00Z",
                        "textualRating": "Pants on Fire!",
                        "languageCode": "en",
                    }
                ],
            }
        ]
    }
    (record,) = sources.read(write(tmp_path / "api.json", api))[0]
    assert (record.claim, record.claimant, record.rating, record.status) == (
        "The bridge toll doubled overnight.",
        "A Post",
        "Pants on Fire!",
        "false",
    )
    assert (record.date, record.headline, record.language) == (
        "2021-05-02",
        "Toll did not double",
        "en",
    )
    graph = {"@context": "https://schema.org", "@graph": [{"@type": "WebPage"}, REVIEWS[1]]}
    (record,) = sources.read(write(tmp_path / "graph.json", graph))[0]
    assert record.url == "https://checks.example.org/bicycle-bridge-ban"
    (record,) = sources.read(write(tmp_path / "one.json", REVIEWS[2]))[0]
    assert record.date == "2019-09-03"


def test_a_timeline_gives_its_rated_claims(tmp_path: Path) -> None:
    timeline = Timeline(
        id="t",
        title="T",
        publisher=Publisher(name="Our Desk", url="https://desk.example.org/"),
        claims=(
            Claim(id="open", text="Not reviewed yet."),
            Claim(
                id="rated",
                text="The mayor said the budget tripled.",
                status="mostly-false",
                reviewed_on="2026-11-20",
                evidence=(
                    Evidence(url="https://desk.example.org/context", stance="context"),
                    Evidence(
                        url="https://desk.example.org/budget", title="Budget", stance="refutes"
                    ),
                ),
            ),
        ),
    )
    path = tmp_path / "t.toml"
    store.save(path, timeline)
    (record,) = sources.read(path)[0]
    assert (record.key, record.url, record.status, record.rating) == (
        "timeline:t#rated",
        "https://desk.example.org/budget",
        "mostly-false",
        "Mostly false",
    )
    assert (record.publisher, record.date, record.headline) == ("Our Desk", "2026-11-20", "Budget")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe not utf-8", "not valid UTF-8"),
        (b'{"claims": 3}', "expected a list"),
        (b"[1, 2, 3]", "no review could be read"),
        (b"{ not json", "not valid JSON"),
        (b"\x00" * 100, "not valid JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ],
)
def test_a_bad_file_adds_nothing_and_says_why(tmp_path: Path, content: bytes, message: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    good = write(tmp_path / "good.json", REVIEWS)
    db = str(tmp_path / "l.sqlite")
    result = run("library", "add", str(good), str(bad), "--library", db)
    assert result.exit_code == 1
    assert message in result.stderr and "bad.json" in result.stderr
    assert "Traceback" not in result.output
    with Library.open(db) as library:
        stats = library.stats()
    assert stats.reviews == 3
    assert [name for name, _ in stats.sources] == [str(good.resolve())]


def test_a_timeline_that_does_not_load_adds_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b'id = "x"\n\xff\xfe')
    result = run("library", "add", str(bad), "--library", str(tmp_path / "l.sqlite"))
    assert result.exit_code == 1 and "bad.toml" in result.stderr
    assert "Traceback" not in result.output


# --- the commands ------------------------------------------------------------------------


def test_commands_add_stats_search_match_remove(tmp_path: Path) -> None:
    source = write(tmp_path / "reviews.json", REVIEWS)
    db = str(tmp_path / "lib.sqlite")
    added = run("library", "add", str(source), "--library", db)
    assert added.exit_code == 0, added.output
    assert "3 review(s) added, 0 updated" in added.stderr
    again = run("library", "add", str(source), "--library", db)
    assert "0 review(s) added, 3 updated" in again.stderr
    stats = run("library", "stats", "--library", db)
    assert "3 review(s)" in stats.stdout and "Example Checks" in stats.stdout
    search = run("library", "search", "shark", "--library", db)
    assert "https://checks.example.org/highway-shark" in search.stdout
    match = run("match", "hot water cures flu", "--library", db, "--format", "json")
    document = json.loads(match.stdout)
    assert document[0]["query"] == "text"
    first = document[0]["matches"][0]
    assert set(first) == {"url", "claim", "rating", "publisher", "date", "score"}
    assert (first["url"], first["rating"], first["date"]) == (
        "https://checks.example.org/hot-water-flu",
        "False",
        "2020-01-14",
    )
    removed = run("library", "remove", "--source", str(source), "--library", db)
    assert removed.exit_code == 0 and "3 review(s) removed" in removed.stderr
    assert run("library", "remove", "--source", str(source), "--library", db).exit_code == 1


def test_the_library_path_comes_from_the_environment(tmp_path: Path) -> None:
    source = write(tmp_path / "reviews.json", REVIEWS)
    env = {"FACTCHECK_LIBRARY": str(tmp_path / "env.sqlite")}
    assert run("library", "add", str(source), env=env).exit_code == 0
    assert (tmp_path / "env.sqlite").exists()
    assert "highway-shark" in run("match", "shark on the highway", env=env).stdout


def test_match_queries_file_with_hostile_lines(tmp_path: Path) -> None:
    db = str(tmp_path / "lib.sqlite")
    run("library", "add", str(write(tmp_path / "r.json", REVIEWS)), "--library", db)
    queries = tmp_path / "queries.tsv"
    queries.write_text(
        "q1\tHot water cures the flu, says my aunt\n"
        "no tab on this line\n"
        "\n"
        'q2\tNEAR("shark" highway) OR -bridge* : (\n'
        "q3\t\x00\x00\x00\n"
        "q4\t" + "bicycle " * 200_000 + "\n",
        encoding="utf-8",
    )
    result = run("match", "--queries", str(queries), "--library", db, "--format", "json")
    assert result.exit_code == 0, result.output
    assert "queries.tsv:2: expected ID<TAB>TEXT" in result.stderr
    document = {item["query"]: item["matches"] for item in json.loads(result.stdout)}
    assert list(document) == ["q1", "q2", "q3", "q4"]
    assert document["q1"][0]["url"].endswith("hot-water-flu")
    assert document["q2"][0]["url"].endswith("highway-shark")
    assert document["q3"] == []
    assert document["q4"][0]["url"].endswith("bicycle-bridge-ban")


def test_match_queries_file_not_utf8(tmp_path: Path) -> None:
    db = str(tmp_path / "lib.sqlite")
    run("library", "add", str(write(tmp_path / "r.json", REVIEWS)), "--library", db)
    queries = tmp_path / "queries.tsv"
    queries.write_bytes(b"q1\tfine\nq2\t\xff\xfe broken\n")
    result = run("match", "--queries", str(queries), "--library", db)
    assert result.exit_code == 1
    assert "queries.tsv:2: not valid UTF-8" in result.stderr


def test_match_a_timeline_claim_by_claim(tmp_path: Path) -> None:
    db = str(tmp_path / "lib.sqlite")
    run("library", "add", str(write(tmp_path / "r.json", REVIEWS)), "--library", db)
    timeline = Timeline(
        id="t", claims=(Claim(id="c1", text="Hot water every 15 minutes cures flu."),)
    )
    store.save(tmp_path / "t.toml", timeline)
    result = run("match", "--timeline", str(tmp_path / "t.toml"), "--library", db)
    assert result.exit_code == 0
    assert result.stdout.startswith("c1: ")
    assert "https://checks.example.org/hot-water-flu" in result.stdout


def test_match_usage_and_missing_library(tmp_path: Path) -> None:
    assert run("match").exit_code == 2
    assert run("match", "x", "--queries", "q.tsv").exit_code == 2
    missing = run("match", "x", "--library", str(tmp_path / "none.sqlite"))
    assert missing.exit_code == 1 and "factcheck library add" in missing.stderr


def test_hostile_library_text_is_inert_on_the_terminal(tmp_path: Path) -> None:
    hostile = dict(
        REVIEWS[0],
        claimReviewed="flu \x1b]52;c;SGVsbG8=\x07 \x1b[2J \u202e reversed",
        author={"name": "Evil\x1b[31m Desk"},
    )
    db = str(tmp_path / "lib.sqlite")
    run("library", "add", str(write(tmp_path / "r.json", [hostile])), "--library", db)
    for args in (("match", "flu"), ("library", "search", "flu"), ("library", "stats")):
        output = run(*args, "--library", db).output
        assert "\x1b" not in output and "\u202e" not in output and "\x07" not in output
    assert "\\x1b" in run("match", "flu", "--library", db).stdout


def test_a_library_that_is_not_one_is_a_clear_message(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"\x00garbage" * 1000)
    result = run("match", "flu", "--library", str(junk))
    assert result.exit_code == 1 and "not a library file" in result.stderr


def test_query_words_of_a_tweet() -> None:
    from factcheck.library.query import fts_query, words

    tweet = (
        "WOW 😱 #SharkOnTheHighway!! @realDonaldTrump https://t.co/x pic.twitter.com/abc "
        'www.example.com/page "he said ""hi""" — Some One (@someone) August 28, 2019'
    )
    assert words(tweet) == ["wow", "shark", "highway", "real", "donald", "trump", "said", "hi",
                            "one"]  # fmt: skip
    assert fts_query('NEAR(a b) OR c* -d : "e" ^f') == '"near" OR "b" OR "c" OR "e" OR "f"'


def test_plain_text_of_a_tweet_keeps_its_words_in_order() -> None:
    from factcheck.library.query import plain_text

    tweet = (
        "Sharks on I-4! #SharkOnTheHighway @realDonaldTrump https://t.co/x pic.twitter.com/a "
        "\u2014 Some One (@someone) August 28, 2019"
    )
    assert plain_text(tweet) == "Sharks on I-4! Shark On The Highway real Donald Trump Some One"
    assert plain_text("x" * 10_000) == "x" * 4_000  # bounded like every query


def test_a_tweets_signature_keeps_the_name_and_drops_the_handle_and_date() -> None:
    from factcheck.library.query import plain_text

    assert (
        plain_text("Buy now — ELLE Magazine (US) (@ELLEmagazine) October 18, 2018  ")
        == "Buy now ELLE Magazine (US)"
    )
    assert plain_text("Rally – Ro Khanna (@RoKhanna)") == "Rally Ro Khanna"
    # not a signature: a dash in the text, a handle in the text, a signature not at the end
    assert plain_text("A — B (@b) said so") == "A B ( b ) said so"
    assert plain_text("x (@y) May 1, 2020") == "x ( y )"


#: The shapes the tweet patterns repeat, 20,000 characters each (a query is cut to 4,000).
TWEET_SHAPES = {
    "dash-spaces": "\u2014 " * 10_000,
    "dash-handles": "\u2014" + " (@a)" * 4_000,
    "signature-then-spaces": "\u2014 a (@b) " + " " * 20_000 + "x",
    "handles": "(@a)" * 5_000,
    "signatures": "\u2014 (@a) Jan 1, 2020 " * 1_000,
    "ats": "@" * 20_000,
    "hashes": "#a" * 10_000,
    "camel": "aB" * 10_000,
    "domains": "a." * 10_000 + "com",
}
_QUERY_SWEEP = """
import json, re, time
from factcheck.library import query
from tests.extract.test_regex_safety import HOSTILE
from tests.library.test_library import TWEET_SHAPES
worst = {}
for name, pattern in vars(query).items():
    if isinstance(pattern, re.Pattern):
        worst[name] = 0.0
        for text in [*HOSTILE.values(), *TWEET_SHAPES.values()]:
            began = time.perf_counter()
            for _ in pattern.finditer(text):
                pass
            worst[name] = max(worst[name], time.perf_counter() - began)
print(json.dumps(worst))
"""


def test_query_patterns_are_linear_on_hostile_text() -> None:
    """As tests/extract/test_regex_safety.py: 20,000 characters, where a quadratic pattern
    needs minutes; the 2 s bound is orders of magnitude above what linear ones take."""
    root = Path(__file__).resolve().parents[2]
    completed = subprocess.run(
        [sys.executable, "-c", _QUERY_SWEEP],
        capture_output=True, text=True, timeout=300, check=True, cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
    )  # fmt: skip
    worst = json.loads(completed.stdout)
    assert {"_SIGNATURE", "_LINK", "_TAG", "_WORD"} <= set(worst)
    assert not {name: seconds for name, seconds in worst.items() if seconds > 2.0}


def test_match_timeline_that_does_not_load_is_a_clear_message(tmp_path: Path) -> None:
    db = str(tmp_path / "lib.sqlite")
    run("library", "add", str(write(tmp_path / "r.json", REVIEWS)), "--library", db)
    for name, content in (("binary.toml", b"\xff\xfe\x00 not text"), ("bad.toml", b"[[claims")):
        (tmp_path / name).write_bytes(content)
        result = run("match", "--timeline", str(tmp_path / name), "--library", db)
        assert result.exit_code == 1, result.output
        assert name in result.stderr and "Traceback" not in result.output


def test_nul_and_lone_surrogates_in_a_review_are_kept_as_text(tmp_path: Path) -> None:
    """JSON may spell NUL and unpaired surrogates (\\u0000, \\ud800): added, matched, shown
    escaped, and --format json stays valid UTF-8."""
    source = tmp_path / "r.json"
    hostile = dict(REVIEWS[0], claimReviewed="Hot water\u0000 cures the \ud800 flu")
    source.write_text(json.dumps([hostile]), encoding="utf-8")  # ensure_ascii: \u escapes
    db = str(tmp_path / "lib.sqlite")
    assert run("library", "add", str(source), "--library", db).exit_code == 0
    text = run("match", "hot water flu", "--library", db)
    assert text.exit_code == 0 and "hot-water-flu" in text.stdout
    assert "\x00" not in text.stdout
    document = run("match", "hot water flu", "--library", db, "--format", "json")
    assert document.exit_code == 0
    (result,) = json.loads(document.stdout_bytes.decode("utf-8"))
    assert result["matches"][0]["url"].endswith("hot-water-flu")
