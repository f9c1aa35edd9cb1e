"""The date finder and resolver: real date phrases only, resolved against the article date."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.extract import temporal

WEDNESDAY = dt.date(2020, 2, 5)


def resolve(sentence: str, base: dt.date | None = WEDNESDAY) -> list[tuple[str, str]]:
    resolver = temporal.Resolver(base)
    return [
        (
            phrase.text,
            resolver.resolve(phrase, temporal.tense_at(sentence, phrase.start, phrase.end, 0)),
        )
        for phrase in temporal.find(sentence)
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "We may march on the second day if we must.",
        "It costs $10 and 40% of people pay 2,000 dollars for 2000 tickets.",
        "Then we said it may be the second time; march forward.",
        "The shop opens on Sundays and the Tuesday market is busy.",
        "He scored 2019 points and paid $2020.",
    ],
)
def test_no_false_dates(sentence: str) -> None:
    assert resolve(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The activists said on Tuesday.", [("on Tuesday", "2020-02-04")]),
        ("The council will vote on Tuesday.", [("on Tuesday", "2020-02-11")]),
        ("Lightfoot released a statement Tuesday.", [("Tuesday", "2020-02-04")]),
        ("The paper reported it last week.", [("last week", "2020-01-27/2020-02-02")]),
        (
            "It rained yesterday and will snow tomorrow.",
            [("yesterday", "2020-02-04"), ("tomorrow", "2020-02-06")],
        ),
        ("Prices rose earlier this month.", [("earlier this month", "2020-02")]),
        ("Prices rose earlier this year.", [("earlier this year", "2020")]),
        ("It happened on Jan. 15.", [("on Jan. 15", "2020-01-15")]),
        ("It happened on January 15, 2019.", [("on January 15, 2019", "2019-01-15")]),
        ("It happened on 5 February 2018.", [("on 5 February 2018", "2018-02-05")]),
        ("The law passed in 2019-03-04.", [("in 2019-03-04", "2019-03-04")]),
        ("Crime fell in the 1990s.", [("in the 1990s", "1990/1999")]),
        ("It opened two weeks ago.", [("two weeks ago", "2020-01-20/2020-01-26")]),
        ("They will meet next Tuesday.", [("next Tuesday", "2020-02-11")]),
        ("It was founded in 2015.", [("in 2015", "2015")]),
        ("The vote was held in March.", [("in March", "2019-03")]),
        ("The vote will be held in March.", [("in March", "2020-03")]),
        ("The mayor spoke on Wednesday.", [("on Wednesday", "2020-02-05")]),
        ("It peaked last summer.", [("last summer", "2019-06/2019-08")]),
    ],
)
def test_resolution(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert resolve(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Profit fell in the fourth quarter.", [("in the fourth quarter", "2019-10/2019-12")]),
        (
            "Sales rose in the first half of 2019.",
            [("in the first half of 2019", "2019-01/2019-06")],
        ),
        ("Deaths rose between 2010 and 2019.", [("between 2010 and 2019", "2010/2019")]),
        (
            "The vote is now expected in the week of 4 March.",
            [("the week of 4 March", "2020-03-02/2020-03-08")],
        ),
        ("The law passed a decade ago.", [("a decade ago", "2010~")]),
        ("It aims to finish by the end of the year.", [("by the end of the year", "2020")]),
        ("The case goes to trial on March 16.", [("on March 16", "2020-03-16")]),
        ("The council sets a November vote.", [("November", "2019-11")]),
        ("The second half will be better.", []),
    ],
)
def test_periods_ranges_and_nearest_dates(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert resolve(sentence) == expected


def test_year_boundaries() -> None:
    new_year = dt.date(2020, 1, 3)  # a Friday
    assert resolve("The plan was proposed in December.", new_year) == [("in December", "2019-12")]
    assert resolve("They met on Dec. 30.", new_year) == [("on Dec. 30", "2019-12-30")]
    assert resolve("It was approved last year.", new_year) == [("last year", "2019")]
    assert resolve("It was signed on Tuesday.", new_year) == [("on Tuesday", "2019-12-31")]
    assert resolve("It will open on Jan. 9.", dt.date(2019, 12, 30)) == [
        ("on Jan. 9", "2020-01-09")
    ]


def test_relative_dates_stay_unresolved_without_an_article_date() -> None:
    sentence = "They said on Tuesday that it began last week, in March 2019, in the 1990s."
    assert resolve(sentence, None) == [
        ("on Tuesday", ""),
        ("last week", ""),
        ("in March 2019", "2019-03"),
        ("in the 1990s", "1990/1999"),
    ]


def test_results_are_cached_per_article() -> None:
    resolver = temporal.Resolver(WEDNESDAY)
    phrase = temporal.find("on Tuesday")[0]
    assert resolver.resolve(phrase, "past") == resolver.resolve(phrase, "past") == "2020-02-04"
    assert len(resolver._cache) == 1
