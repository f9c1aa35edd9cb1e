"""Regression tests for the news conventions of issue 12, on short texts written for the tests."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.extract import temporal
from factcheck.extract.article import read
from factcheck.extract.build import date_phrases
from tests.extract.cases import DAY, claimant_of, extract


def dates_of(text: str, date: dt.date | None = DAY) -> dict[str, str]:
    return {phrase.text: phrase.date for phrase in date_phrases(read(text, date))}


# --- quotes ------------------------------------------------------------------------------

UNCLOSED = """Air Force to retire older jets

WASHINGTON (AP) _ The Air Force will retire 40 older jets, officials said Tuesday.
"We have to make choices," said Gen. John Dailey, the commandant. "The budget is what it is.
"We will not fly aircraft that we cannot maintain safely," he added.
The decision drew criticism from Rep. Mary Lane, a Democrat from Ohio.
"This is a mistake that will cost lives," Lane said.
"""


def test_an_unclosed_quote_never_shifts_later_quotes() -> None:
    timeline = extract(UNCLOSED)
    quotes = [claim for claim in timeline.claims if claim.kind == "quote"]
    assert all(len(claim.text) < 120 for claim in quotes), [c.text for c in quotes]
    assert claimant_of(timeline, "We have to make choices") == "John Dailey"
    # The quote left open at its paragraph's end continues in the next one.
    assert claimant_of(timeline, "The budget is what it is") == "John Dailey"
    assert claimant_of(timeline, "We will not fly aircraft") == "John Dailey"
    assert claimant_of(timeline, "This is a mistake") == "Mary Lane"
    assert not any("said Gen. John Dailey" in claim.text for claim in quotes)


def test_typewriter_quote_marks() -> None:
    text = "``It was definitely a bomb,'' said a U.S. Embassy official in Nairobi.\n"
    timeline = extract(text)
    quote = next(claim for claim in timeline.claims if claim.kind == "quote")
    assert quote.text == "It was definitely a bomb"
    assert quote.claimant == "A U.S. Embassy official"
    text = "Ms. Ann Cole spoke first. ''We are ready for this vote,'' she said.\n"
    assert claimant_of(extract(text), "We are ready") == "Ann Cole"


def test_a_colon_introduced_quote_anchors_the_quoted_words() -> None:
    text = 'Senator Tom Reyes spoke at the rally. He said: "We will close the gap this year."\n'
    timeline = extract(text)
    quote = next(claim for claim in timeline.claims if claim.kind == "quote")
    assert quote.text == "We will close the gap this year."
    assert quote.claimant == "Tom Reyes"


def test_a_mid_sentence_attribution() -> None:
    text = "Mayor Ellen Park met the council. All of which, she said, would cost $2 million.\n"
    assert claimant_of(extract(text), "All of which") == "Ellen Park"


def test_transcript_turns() -> None:
    text = (
        "Interview with Mike Pence and Jake Tapper\n\n"
        "TAPPER: Will you release the returns this week?\n"
        "PENCE: We will release them when the audit is finished, not before.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "We will release them") == "Mike Pence"
    assert claimant_of(timeline, "Will you release") == "Jake Tapper"


# --- indirect speech ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "verb",
    [
        "urged",
        "accused",
        "called on",
        "cited",
        "argued",
        "warned",
        "insisted",
        "acknowledged",
        "denied",
        "conceded",
        "predicted",
    ],
)
def test_attribution_verbs(verb: str) -> None:
    text = f"Governor Ruth Alder {verb} lawmakers to pass the budget before the deadline.\n"
    timeline = extract(text)
    claim = next(claim for claim in timeline.claims if claim.kind == "paraphrase")
    assert claim.claimant == "Ruth Alder"


def test_statement_and_interview_nouns() -> None:
    text = (
        "In a statement, Acme Foods said the recall covers two plants.\n"
        "In an interview with the Herald, Dan Ortiz said the plants were closed.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "recall covers") == "Acme Foods"
    assert claimant_of(timeline, "plants were closed") == "Dan Ortiz"


# --- speakers ----------------------------------------------------------------------------


def test_the_speaker_is_the_subject_of_the_speech_verb() -> None:
    text = (
        "Barack Obama met Vladimir Putin in Paris.\n"
        'After meeting with Putin, Obama said, "We agreed on very little today."\n'
        "Hillary Clinton answered Donald Trump on Monday.\n"
        'Asked about Trump\'s declaration, Clinton said, "It is simply not true."\n'
    )
    timeline = extract(text)
    assert claimant_of(timeline, "We agreed on very little") == "Barack Obama"
    assert claimant_of(timeline, "It is simply not true") == "Hillary Clinton"


def test_post_posed_and_inverted_speakers() -> None:
    text = (
        '"The base stays open," said Gen. John Dailey, commander of the training wing.\n'
        'Replied State Department spokesman Richard Boucher, "We have no comment on that."\n'
    )
    timeline = extract(text)
    assert claimant_of(timeline, "The base stays open") == "John Dailey"
    assert claimant_of(timeline, "We have no comment") == "Richard Boucher"
    notes = {claim.claimant: claim.notes for claim in timeline.claims}
    assert "commander of the training wing" in notes["John Dailey"]


def test_pronouns_follow_gender_and_descriptions_resolve() -> None:
    text = (
        "Mayor Lori Lightfoot met Governor J.B. Pritzker and Tom Dart on Monday.\n"
        '"We will not back down," she said.\n'
        "The mayor said the city would appeal.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "We will not back down") == "Lori Lightfoot"
    assert claimant_of(timeline, "the city would appeal") == "Lori Lightfoot"


def test_verbs_of_news_beyond_saying_name_the_speaker() -> None:
    text = (
        "Rosa Dawson led the rally on Monday.\n\n"
        '"All the way!" Dawson shouted, and the crowd cheered.\n\n'
        "Richard Viguerie spoke next.\n\n"
        "\u201cCruz appeals to Reagan Democrats,\u201d he points out.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "All the way!") == "Rosa Dawson"
    assert claimant_of(timeline, "Cruz appeals to Reagan Democrats") == "Richard Viguerie"


def test_a_message_or_a_named_subject_before_an_ing_verb_speaks() -> None:
    text = (
        "Black Lives Matter issued a statement saying it would not march this year.\n\n"
        "The vote passed, with Sen. John McCain telling reporters the bill was a mistake.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "it would not march") == "Black Lives Matter"
    assert claimant_of(timeline, "the bill was a mistake") == "John McCain"


def test_a_pronoun_prefers_a_subject_only_in_the_nearest_sentence() -> None:
    text = (
        "Donald Trump and Ben Carson campaigned in Texas.\n\n"
        "Ben Carson spoke first on Monday.\n\n"
        "The day before, at a rally in Beaumont, Mr. Trump was just as blunt about refugees. "
        "''You'd have to be insane,'' he said.\n\n"
        "Josh Schwerin, a spokesman, answered on Tuesday.\n\n"
        "On Wednesday, Hillary Clinton bashed the proposal. "
        "\u201cNow is the time to stand up,\u201d she said.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "have to be insane") == "Donald Trump"
    assert claimant_of(timeline, "Now is the time") == "Hillary Clinton"


def test_a_pronoun_follows_an_earlier_pronoun_subject_past_a_named_object() -> None:
    text = (
        "Oscar-winning actress Julia Marsh campaigned for Senator Tom Reed on Monday.\n\n"
        "\u201cHe listens to people,\u201d Marsh told reporters in Denver.\n\n"
        "She appeared to suggest that Reed would beat Governor Anna Kline in November.\n\n"
        "\u201cPeople are tired of the old promises,\u201d she said.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "tired of the old promises") == "Julia Marsh"


def test_a_group_is_not_a_person_a_pronoun_names() -> None:
    text = (
        "Mike Huckabee spoke on Monday.\n\n"
        "Other Republicans agreed with the plan. \u201cIt is a good plan,\u201d he said.\n"
    )
    assert claimant_of(extract(text), "It is a good plan") == "Mike Huckabee"


def test_a_time_opener_is_not_the_subject() -> None:
    text = (
        "Last month, when I asked Bernie Sanders if he would endorse her, he looked into the "
        'camera and said, "I will endorse you!"\n'
    )
    timeline = extract(text)
    assert claimant_of(timeline, "I will endorse you!") == "Bernie Sanders"


# --- claimants are names -----------------------------------------------------------------


def test_claimants_are_never_fragments() -> None:
    text = (
        "Though she      said the plan was dead, the vote went ahead.\n"
        "At a Washington event this month, officials said the talks had stalled.\n"
        "Both Mr. said nothing.\n"
        "Tuesday said the report was wrong.\n"
    )
    timeline = extract(text)
    for claim in timeline.claims:
        assert "  " not in claim.claimant
        assert claim.claimant not in ("Though she", "Both Mr", "Tuesday", "Mr")
        assert not claim.claimant.startswith(("At ", "Though", "Both"))


COMPANY = """Anheuser-Busch profit rises

ST. LOUIS (AP) _ Anheuser-Busch Cos. said Wednesday that its profit rose 8 percent.
The St. Louis company said sales of its beers were flat in the quarter.
Anheuser said it would raise prices in March.
"We are pleased with the results," Anheuser-Busch said in a statement.
Anheuser   that said the plan would work.
"""


def test_one_company_has_one_spelling() -> None:
    timeline = extract(COMPANY)
    named = [claim for claim in timeline.claims if claim.claimant]
    assert len(named) >= 4
    assert {claim.claimant for claim in named} == {"Anheuser-Busch Cos."}
    aliased = [claim for claim in named if "Anheuser-Busch" in claim.notes]
    assert aliased, [claim.notes for claim in named]


# --- dates -------------------------------------------------------------------------------


def test_spelled_out_years_and_since() -> None:
    found = dates_of("The treaty was signed in nineteen ninety-seven. Prices rose since 1993.")
    assert found["in nineteen ninety-seven"] == "1997"
    assert found["since 1993"] == "1993/.."


def test_a_month_without_a_year_in_past_narration() -> None:
    # Article of 5 February 2020: October is last October.
    assert dates_of("The plant closed in October.")["in October"] == "2019-10"
    assert dates_of("He was shot on Oct. 23 at his home.")["on Oct. 23"] == "2019-10-23"


def test_a_dateline_led_first_sentence_keeps_its_date() -> None:
    text = "NEWARK, N.J. _ The county sued the company Thursday over the spill.\n"
    assert dates_of(text, dt.date(1998, 8, 8)) == {"Thursday": "1998-08-06"}


def test_possessive_and_bare_weekdays() -> None:
    found = dates_of(
        "Friday's announcement surprised markets. An official Monday described the plan. "
        "The announcement Friday of new tariffs came late."
    )
    assert found["Friday"] == "2020-01-31"
    assert found["Monday"] == "2020-02-03"
    assert sorted(found) == ["Friday", "Monday"]
    assert len(date_phrases(read("The announcement Friday of new tariffs came late.", DAY))) == 1


def test_past_participles_and_relative_days() -> None:
    assert dates_of("It broke the record set on Aug. 6.")["on Aug. 6"] == "2019-08-06"
    assert dates_of("Sales slowed over the summer.")["over the summer"] == "2019-06/2019-08"
    found = dates_of(
        "The vote was on Monday. A day earlier, crowds gathered. The previous Friday was calm."
    )
    assert found["The previous Friday"] == "2020-01-31"
    assert found["A day earlier"] == "2020-02-02"


def test_a_wire_dateline_with_its_own_date_dates_the_lead() -> None:
    # Filed on the 4th, in the paper of the 5th: the dateline's day is a date, and the
    # story's "today" counts from it.
    text = (
        "BRUSSELS, February 4 (Xinhua) --\n\nThe alliance said today it would admit two members.\n"
    )
    assert dates_of(text) == {"February 4": "2020-02-04", "today": "2020-02-04"}
    (event,) = extract(text).events  # one event: the lead's own words name its date
    assert (event.date, event.date_text) == ("2020-02-04", "today")
    assert event.title.startswith("The alliance said")
    alone = extract("WARSAW, February 4 (Xinhua) --\n\nThe presidents signed the papers.\n")
    assert [(e.date, e.date_text, e.title) for e in alone.events] == [
        ("2020-02-04", "February 4", "The presidents signed the papers")
    ]
    inline = "LONDON, Feb 5 (Reuters) - The minister resigned on Wednesday.\n"
    assert [e.date_text for e in extract(inline).events] == ["on Wednesday"]
    # A lead that names another day only is that day's event, not a second one on the 5th.
    other = "PORTVILLE, Feb. 5, 2020 — The board voted on Tuesday to raise fares.\n"
    assert [e.date_text for e in extract(other).events] == ["on Tuesday"]


def test_a_fronted_date_takes_the_tense_of_its_clause() -> None:
    found = dates_of(
        "On Tuesday, the Abortion and Reproductive Rights League plans to hold a news "
        "conference. On Friday, when she set aside her plans, the ministry lifted a warning. "
        "Until Thursday, they had not called him a suspect. Castro said the father would "
        "leave at 4 in the morning (4 a.m. EDT Monday)."
    )
    assert found["On Tuesday"] == "2020-02-11"
    assert found["On Friday"] == "2020-01-31"
    assert found["Until Thursday"] == "2020-01-30"
    assert found["Monday"] == "2020-02-10"


def test_a_yearless_date_within_two_months_is_the_coming_one() -> None:
    # 5 February 2020: a hearing on 30 March 2019 would be given with its year.
    text = "A lawmaker subpoenaed him to testify on March 30."
    assert dates_of(text)["on March 30"] == "2020-03-30"
    assert dates_of("It was signed on Dec. 3.")["on Dec. 3"] == "2019-12-03"


def test_a_day_next_to_a_date_and_a_second_day() -> None:
    found = dates_of(
        "The day before last Tuesday's hearing, he met his cousin. He left the day after "
        "Jan. 3 and came back the day before. A summit will be held on April 24 and 25."
    )
    assert found["The day before last Tuesday"] == "2020-02-03"
    assert found["the day after Jan. 3"] == "2020-01-04"
    assert found["the day before"] == "2020-01-03"
    assert found["on April 24"] == "2020-04-24"
    assert found["25"] == "2020-04-25"
    assert "25" not in dates_of("On April 24 and 25 people died.")


def test_a_time_of_day_takes_the_day_its_sentence_names() -> None:
    found = dates_of(
        "The blast occurred at about 10:35 a.m. (0735 GMT) Friday, police said. "
        "On Monday the suspect was seen at 6 a.m. near the embassy. "
        "A jogger saw the car at 6 a.m. near the house."
    )
    assert found["at about 10:35 a.m."] == "2020-01-31"
    # The second "at 6 a.m." names no day in its sentence: it is dropped, not read as Monday
    # (it would replace this entry with an empty date).
    assert found["at 6 a.m."] == "2020-02-03"


def test_a_time_in_words_and_a_time_before_a_new_sentence() -> None:
    found = dates_of("He will leave at 4 in the morning (4 a.m. EDT Thursday), Castro said.")
    assert found["at 4 in the morning"] == found["Thursday"] == "2020-02-06"
    # The sentence ends after "a.m.": Monday is not the day of the sighting.
    assert dates_of("He was seen at 6 a.m. Police came on Monday.") == {"on Monday": "2020-02-03"}


def test_todays_youth_is_not_a_day() -> None:
    found = dates_of("It is for today's youth what the war was. Today's meeting was calm.")
    assert found == {"Today": "2020-02-05"}


# --- titles ------------------------------------------------------------------------------


def test_titles_have_no_broken_fragments_and_the_headline_is_the_title() -> None:
    text = (
        "Brewer reports record profit\n\n"
        "Profit rose to $2.5 billion, up from last year's $2.34 billion.\n"
        "The company    said on Tuesday that sales grew.\n"
    )
    timeline = extract(text)
    assert timeline.title == "Brewer reports record profit"
    for event in timeline.events:
        assert "  " not in event.title
        assert " 's" not in event.title and not event.title.startswith("'s")


def test_resolution_kinds_still_listed() -> None:
    assert "holiday" in temporal.RELATIVE_KINDS


def test_a_bare_quote_paragraph_continues_the_previous_speaker() -> None:
    text = (
        "Rita Moreno, who chairs the parks board, said the plan was flawed.\n\n"
        "\u201cIt will cost twice what they promised.\u201d\n\n"
        "\u201cNobody asked the neighbours,\u201d Moreno added.\n\n"
        "\u201cAnd nobody will use it.\u201d\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "It will cost twice") == "Rita Moreno"
    assert claimant_of(timeline, "nobody will use it") == "Rita Moreno"


def test_a_verb_inside_quoted_words_is_not_the_attribution() -> None:
    text = (
        "Paul H. Chipok, a lawyer in Orlando, studies golf courses.\n\n"
        "Members pay more ''because they expect a certain level of service,'' Mr. Chipok said.\n"
    )
    assert claimant_of(extract(text), "Members pay more") == "Paul H. Chipok"


def test_the_listener_after_told_is_not_the_speaker() -> None:
    text = (
        "Susan Sarandon, an actress, backs Bernie Sanders.\n\n"
        "\u201cThat is a fair concern, because they are passionate,\u201d Sarandon, 69, told "
        "MSNBC Monday when asked about his supporters.\n\n"
        "Sam Aaron, vice chairman of G-III, told Forbes that sales were up.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "asked about his supporters") == "Susan Sarandon"
    assert claimant_of(timeline, "sales were up") == "Sam Aaron"


def test_a_subject_that_is_not_a_name_gives_way_to_a_later_verb() -> None:
    text = (
        "Ben Carson toured the studios.\n\n"
        "Making the rounds on the Sunday morning shows, Carson said he faced unique scrutiny.\n\n"
        "Marlon Marshall, the campaign's director of states, said the campaign is taking "
        "nothing for granted.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "unique scrutiny") == "Ben Carson"
    assert claimant_of(timeline, "taking nothing for granted") == "Marlon Marshall"


def test_an_inverted_speaker_after_quoted_words() -> None:
    text = (
        "The old law was \u201cvery assertive and interventionist,\u201d said Gary Orfield, "
        "a professor of education.\n\n"
        "\u201cGive him time,\u201d said Vice President Joe Biden, urging critics to "
        "\u201clet the voters decide.\u201d\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "The old law was") == "Gary Orfield"
    paraphrase = next(claim for claim in timeline.claims if "urging critics" in claim.text)
    assert paraphrase.claimant == "Joe Biden"


def test_quoted_words_without_a_verb_of_saying_are_the_subjects() -> None:
    text = (
        "Senator Marco Reyes spoke in Miami on Monday.\n\n"
        "Reyes also bemoaned a climate in which people \u201cliterally hate each other.\u201d\n\n"
        "Maybe the debate gave him \u201ca chance to reset the race.\u201d\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "Reyes also bemoaned") == "Marco Reyes"
    # A capitalised word that opens the sentence and is never a name elsewhere is no subject.
    assert claimant_of(timeline, "Maybe the debate") != "Maybe"


def test_inverted_speakers_with_a_description_or_an_outlet() -> None:
    text = (
        "\u201cThanks for welcoming these families,\u201d said master of ceremonies Asab "
        "Al-Tabchi, a Syrian engineer. \u201cNo thanks to the governor,\u201d he added.\n\n"
        "\u201cIt flows off the lips, does it not?\u201d wrote Larry O\u2019Connor on Hot Air.\n\n"
        "\u201cThis is our secret weapon,\u201d said South Carolina Democratic Party Chairman "
        "Jaime Harrison.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "welcoming these families") == "Asab Al-Tabchi"
    assert claimant_of(timeline, "It flows off the lips") == "Larry O\u2019Connor"
    assert claimant_of(timeline, "our secret weapon") == "Jaime Harrison"


def test_a_statement_introduced_in_the_paragraph_before() -> None:
    text = (
        "When the senator died in 1998, President Bill Clinton released the following "
        "statement:\n\n"
        "\u201cHillary and I offer our condolences to the family and friends.\u201d\n"
    )
    assert claimant_of(extract(text), "offer our condolences") == "Bill Clinton"


def test_every_quote_of_a_reported_sentence_is_its_speakers() -> None:
    text = (
        "Bernie Sanders spoke on Tuesday night.\n\n"
        'He vowed to "continue the fight in the next primary, in Washington," and to '
        '"take our fight for social, economic and racial justice to Philadelphia" this summer.\n'
        "Hillary Clinton spoke in New York.\n\n"
        'But she also said that "we will not let Donald Trump win this election," and that, in '
        'regard to Sanders, "our fight is to transform this country together."\n'
    )
    timeline = extract(text)
    assert claimant_of(timeline, "take our fight") == "Bernie Sanders"
    assert claimant_of(timeline, "our fight is to transform") == "Hillary Clinton"


def test_a_pronoun_never_refers_to_a_place_or_a_headline_phrase() -> None:
    text = (
        "Juanita Bray recalls the call\n\n"
        "Juanita Bray left the state in 1980, after the rock slide. Years later she went back "
        "to Little Rock.\n\n"
        "\u201cI told him I would not be coming back,\u201d she said.\n"
    )
    assert claimant_of(extract(text), "I told him") == "Juanita Bray"


def test_appositions_with_quoted_words_and_titles_with_of() -> None:
    text = (
        "Humphrey, who calls the nominee a \u201csociopath,\u201d said the effort needs no "
        "alternative.\n\n"
        "The union will sit out the election, UMWA Director of Government Affairs Phil Smith "
        "told reporters.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "the effort needs no alternative") == "Humphrey"
    assert claimant_of(timeline, "sit out the election") == "Phil Smith"


def test_a_headline_attribution_with_a_colon() -> None:
    text = (
        "Graham: Trump\u2019s \u2018Hateful Rhetoric\u2019 Hurts the Party\n\n"
        "Senator Lindsey Graham spoke on Monday.\n"
    )
    assert claimant_of(extract(text), "Hateful Rhetoric") == "Lindsey Graham"


def test_a_person_named_only_by_title_and_surname() -> None:
    text = (
        "President Obama met reporters on Thursday.\n\n"
        "Obama also addressed Donald Trump\u2019s concerns about the vote.\n\n"
        "\u201cWe take our duties seriously,\u201d he added.\n"
    )
    assert claimant_of(extract(text), "We take our duties") == "President Obama"


def test_a_possessive_subject_owns_the_quoted_words() -> None:
    text = (
        "Hillary Clinton campaigned in Ohio.\n\n"
        "Donald Trump\u2019s accusation that Clinton plays the \u201cwoman\u2019s card\u201d "
        "touched off a debate.\n\n"
        "\u201cMexico!\u201d the audience screamed back.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "touched off a debate") == "Donald Trump"
    assert claimant_of(timeline, "Mexico!") == "The audience"


def test_an_unnamed_group_speaks() -> None:
    text = (
        "\u201cThe harm caused by this conduct is incalculable,\u201d federal prosecutors wrote "
        "in a filing.\n\n"
        "Many economists say the plan would raise prices.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "harm caused by this conduct") == "Federal prosecutors"
    assert claimant_of(timeline, "raise prices") == "Economists"


def test_labels_outlets_and_introductory_words() -> None:
    text = (
        "\u201cHis showing raises questions,\u201d says Stu Rothenberg of the non-partisan "
        "Rothenberg Political Report.\n\n"
        "The pattern held in the Northeast - Pew Research: \u201cAll the samples evaluated "
        "include more engaged people.\u201d\n\n"
        "\u201cThat was a cheap shot,\u201d John Oliver barked.\n\n"
        "Back in 1999, Donald Trump praised the president's skills, telling CNBC: "
        "\u201cI wish I could be like that. I just can't.\u201d\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "His showing raises") == "Stu Rothenberg"
    assert claimant_of(timeline, "All the samples evaluated") == "Pew Research"
    assert claimant_of(timeline, "cheap shot") == "John Oliver"
    assert claimant_of(timeline, "I wish I could") == "Donald Trump"


def test_according_to_inside_a_sentence_names_the_source() -> None:
    text = (
        "Dock workers disputed that account.\n\n"
        "The board first proposed the increase in 1997, according to Tomas Reyes, and dropped "
        "it after protests.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "first proposed the increase") == "Tomas Reyes"


def test_adverbs_subordinators_and_relatives_are_not_speakers() -> None:
    text = (
        "Moreover, Jeffrey D. Sachs, director of the Earth Institute, noted this week that most "
        "plans run only to 2030.\n\n"
        "When asked about the opioid crisis, Ted Cruz said he knew its cost firsthand.\n\n"
        "James Comey spoke to the committee.\n\n"
        "Perhaps his most surprising claim was that the server sat in the territory of what he "
        "called ''sophisticated adversaries.''\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "most plans run only") == "Jeffrey D. Sachs"
    assert claimant_of(timeline, "knew its cost") == "Ted Cruz"
    assert claimant_of(timeline, "sophisticated adversaries") in ("James Comey", "")


def test_a_subject_after_several_introductory_phrases_or_a_party_label() -> None:
    text = (
        "At a campaign event in Ames, Iowa, on Sunday, Hillary Clinton tried to expand on her "
        "statement, saying that the country should lead.\n\n"
        "Shortly after the news, Senate Majority Leader Mitch McConnell (R-Ky.) issued a "
        "statement saying that the Senate should wait.\n\n"
        "Germany\u2019s Chancellor Angela Merkel hailed the deal as a \u201cbreakthrough.\u201d\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "the country should lead") == "Hillary Clinton"
    assert claimant_of(timeline, "the Senate should wait") == "Mitch McConnell"
    assert claimant_of(timeline, "hailed the deal") == "Angela Merkel"


def test_according_to_a_description_and_a_named_outlet_as_subject() -> None:
    text = (
        "The witness said the order was meant to \u201cavoid effecting the outcome of the "
        "confirmation,\u201d according to the report.\n\n"
        "In an attempt to make its point, the Daily News focuses on how many people were "
        "\u201cable to be killed in minutes.\u201d\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "The witness said") == "The report"
    assert claimant_of(timeline, "the Daily News focuses") == "The Daily News"


def test_participles_time_phrases_naming_and_passive_agents() -> None:
    text = (
        "Katie Walsh is the party's chief of staff. Mark Reyes runs the county office.\n\n"
        "Pointing to one big change in staffing, Walsh noted that Ohio had only one paid "
        "staffer in 2012.\n\n"
        "The day before, at a rally in Dayton, Reyes was just as blunt, claiming that the "
        "county would flip.\n\n"
        "Later on Sunday, Reyes shared a syllabus for a psychology class called "
        "\u201cPerception\u201d on his page.\n\n"
        "The plan has been criticized by Katie Walsh for costing too much.\n\n"
        "Reyes continued by saying that the office would stay open.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "only one paid staffer") == "Katie Walsh"
    assert claimant_of(timeline, "just as blunt") == "Mark Reyes"
    assert claimant_of(timeline, "psychology class") == "Mark Reyes"
    assert claimant_of(timeline, "criticized by") == "Katie Walsh"
    assert claimant_of(timeline, "would stay open") == "Mark Reyes"


def test_he_said_goes_on_with_the_last_speaker_or_a_newer_subject() -> None:
    text = (
        "Lindsey Graham spoke in Iowa on Monday about Donald Trump.\n\n"
        "\u201cI believe Donald Trump is destroying the party,\u201d Graham said.\n\n"
        "He added, \u201cYou think you are going to win an election with that?\u201d\n\n"
        "Bill Bruch, a delegate from Washington, said states would be called in order.\n\n"
        "He said the situation may be clear by the time it is Trump\u2019s turn.\n\n"
        "\u201cIf we cannot get a nominee other than Trump, we might abstain,\u201d he said.\n\n"
        "Trump also took swipes at fellow candidate Jeb Bush.\n\n"
        "\u201cEverybody is laughing at Jeb Bush. A pathetic figure!\u201d he wrote.\n\n"
        "In his assessment of the real estate magnate, Felipe Calderon said that voters had "
        "given Trump a real shot at succeeding Barack Obama.\n\n"
        "\u201cIt is incredible,\u201d he said.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "win an election with that") == "Lindsey Graham"
    assert claimant_of(timeline, "we might abstain") == "Bill Bruch"
    assert claimant_of(timeline, "laughing at Jeb Bush") == "Donald Trump"
    assert claimant_of(timeline, "It is incredible") == "Felipe Calderon"


def test_according_to_a_source_that_is_not_a_name() -> None:
    text = (
        "Mary Lane won the primary.\n\n"
        "On Tuesday, Mrs. Lane drew deep support among women, while Tom Reyes led among "
        "young men, according to exit polls.\n\n"
        "Reyes told aides that he viewed Lane as a threat, according to someone in attendance.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "deep support among women") == "Exit polls"
    assert claimant_of(timeline, "viewed Lane as a threat") == "Someone in attendance"


def test_a_sentence_joining_two_speakers_gives_each_clause_its_own() -> None:
    text = (
        "Mary Lane and Tom Reyes are running for mayor.\n\n"
        "Lane called the count \u201crigged\u201d on Tuesday, and a few council members have "
        "called for an audit of the vote.\n\n"
        "Reyes said he would win, and added that he would build a new school.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "called the count") == "Mary Lane"
    assert claimant_of(timeline, "an audit of the vote") == "A few council members"
    assert claimant_of(timeline, "build a new school") == "Tom Reyes"
    assert claimant_of(timeline, "he would win") == "Tom Reyes"


def test_a_parenthetical_attribution_attributes_the_whole_sentence() -> None:
    text = (
        "Mary Lane and Tom Reyes are running for mayor.\n\n"
        "Reyes promised the union a raise before the vote, Lane said on Tuesday.\n\n"
        "The stakes are so high that Reyes warned the governor not to cut the budget, said a "
        "city official who was briefed on the call.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "promised the union") == "Mary Lane"
    assert claimant_of(timeline, "warned the governor") == "A city official"


def test_a_headline_label_of_one_word_and_a_paragraph_ending_with_a_colon() -> None:
    text = (
        "Reyes: Council \u2018Waving The Flag Of Surrender\u2019 To Developers.\n\n"
        "Tom Reyes, a council member, spoke on Monday about the vote.\n\n"
        "He then listed the qualities he wants in the next mayor:\n\n"
        "\u201cHas the candidate a record of leadership for the neighbourhoods?\u201d\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "Waving The Flag") == "Tom Reyes"
    assert claimant_of(timeline, "a record of leadership") == "Tom Reyes"


def test_names_ending_like_adverbs_and_an_inverted_speaker_in_his_speech() -> None:
    text = (
        "Carly Fiorina and Tom Reyes spoke.\n\n"
        "Carly Fiorina threw her support behind Tom Reyes (D-Ohio) on Wednesday, saying it is "
        "time for a change.\n\n"
        "\u201cOur city is at a moment of crisis, and any council that does not grasp it is not "
        "fit to lead,\u201d said Reyes in his speech.\n\n"
        "Adel Nefzi leads the mosque. The members were shaken, Nefzi said. He said Omar Mateen "
        "\u201chas not done this because of his faith but because of his own troubles.\u201d\n\n"
        "\u201cWe teach respect for everyone,\u201d he said.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "time for a change") == "Carly Fiorina"
    assert claimant_of(timeline, "Our city is at a moment") == "Tom Reyes"
    assert claimant_of(timeline, "We teach respect") == "Adel Nefzi"


def test_a_participle_after_a_named_listener_is_the_subjects() -> None:
    text = (
        "Mary Lane is running for mayor.\n\n"
        "Vargas and others prefer the term \u201cundocumented immigrants.\u201d\n\n"
        "Lane responded to Vargas\u2019 question on Facebook writing, \u201cYes, I will. "
        "That was a poor choice of words. As I\u2019ve said throughout this campaign, the "
        "people at the heart of this issue are children.\u201d\n\n"
        "The bill passed, with Sen. John McCain telling reporters it was a good day.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "poor choice of words") == "Mary Lane"
    assert claimant_of(timeline, "it was a good day") == "John McCain"


def test_a_relative_clause_speaker_before_when_asked() -> None:
    text = (
        "Mary Lane apologized on Monday.\n\n"
        "Any decision would involve the city attorney, Tom Reyes, who told the council when "
        "asked last month about the inquiry: \u201cThat matter is being handled by career "
        "investigators.\u201d\n"
    )
    quotes = [claim for claim in extract(text).claims if claim.kind == "quote"]
    assert [claim.claimant for claim in quotes] == ["Tom Reyes"]


def test_a_headline_or_list_item_in_title_case_opens_with_its_speaker() -> None:
    text = (
        "Mary Lane Says The Council Plan \u2018Makes You Want To Weep.\u2019\n\n"
        "Council member Mary Lane criticized the plan on Monday.\n\n"
        "2 Tom Reyes Asked Voters Everywhere To \u201cRead The Budget.\u201d\n\n"
        "Tom Reyes, the treasurer, spoke after her.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "Want To Weep") == "Mary Lane"
    assert claimant_of(timeline, "Read The Budget") == "Tom Reyes"


def test_dashed_appositions_conjunction_openers_and_once() -> None:
    text = (
        "Voters spoke to Tom Reyes on Monday.\n\n"
        "Jason Sims \u2014 a teacher from Mount Pleasant \u2014 says he made a last-minute "
        "decision to vote for Reyes.\n\n"
        "But Reyes later blamed his delay on a \u201cbad earpiece,\u201d claiming he had "
        "already answered the question.\n\n"
        "Once he was elected, Mary Lane made the budget a priority, announcing a review of "
        "every department.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "last-minute decision") == "Jason Sims"
    assert claimant_of(timeline, "bad earpiece") == "Tom Reyes"
    assert claimant_of(timeline, "a review of every department") == "Mary Lane"


def test_a_possessive_after_a_final_s_and_an_age_before_a_name() -> None:
    text = (
        "Bernie Sanders ran for president.\n\n"
        "Sanders\u2019 campaign called the report a \u201crush to judgment,\u201d because the "
        "delegates can change their minds.\n\n"
        "81-year-old Parker Eaton, a retired teacher who voted twice for the mayor, said that "
        "the field was weak.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "rush to judgment") == "Sanders\u2019 campaign"
    assert claimant_of(timeline, "the field was weak") == "Parker Eaton"


def test_an_attribution_ending_with_a_colon_introduces_the_next_quote() -> None:
    text = (
        "Tom Reyes, 25, and his wife, Mary Lane, 27, pleaded for understanding.\n\n"
        "''We are neighbours,'' Ms. Lane said. ''We are not strangers.'' Mr. Reyes said: "
        "''The flood today is the work of neglect.''\n"
    )
    quotes = {claim.text: claim.claimant for claim in extract(text).claims if claim.kind == "quote"}
    assert quotes == {
        "We are neighbours": "Mary Lane",
        "We are not strangers.": "Mary Lane",
        "The flood today is the work of neglect.": "Tom Reyes",
    }


def test_naming_verbs_and_a_when_clause_speaker() -> None:
    text = (
        "Mary Lane, Tom Reyes and Pat Dunne spoke in 1992.\n\n"
        "Mary Lane, a former candidate for governor who now runs a company, labeled Mr. Reyes "
        "\u201cunfit to be mayor.\u201d\n\n"
        "Some members said they feared a repeat of the 1992 convention, when Mr. Dunne, who "
        "had failed to win the nomination, called for a \u201ccultural war\u201d on the "
        "council.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "unfit to be mayor") == "Mary Lane"
    assert claimant_of(timeline, "cultural war") == "Pat Dunne"


def test_labels_of_two_names_one_word_or_more_from() -> None:
    text = (
        "The newsletter reads the polls.\n\n"
        "POLLS NOT WRONG, JUST EARLY - Mary Lane and Tom Reyes: \u201cAlthough the polls "
        "failed to predict the result, they were not wrong.\u201d\n\n"
        "But polls did predict the other race - CityPoll: \u201cMost pollsters fared much "
        "better on the other side of the race.\u201d\n\n"
        "What it means for the election - More from Reyes: \u201cThe turnout is a starting "
        "point for every campaign this year.\u201d\n"
    )
    quotes = {claim.text[:14]: claim.claimant for claim in extract(text).claims}
    assert quotes["Although the p"] == "Mary Lane"
    assert quotes["Most pollsters"] == "CityPoll"
    assert quotes["The turnout is"] == "Tom Reyes"


def test_a_message_to_someone_saying_and_a_subject_before_a_past_verb() -> None:
    text = (
        "Mary Lane won the primary on Tuesday.\n\n"
        "Even before Lane took the stage to acknowledge her victory, her campaign sent out a text "
        "message to supporters saying: \u201cWith your help, we were just declared the winner "
        "of the primary.\u201d\n"
    )
    quotes = {claim.text[:14]: claim.claimant for claim in extract(text).claims}
    assert quotes["With your help"] == "Mary Lane"


def test_a_role_before_a_name_a_one_word_subject_and_calling() -> None:
    text = (
        "Tom Reyes spoke first.\n\n"
        "Band member Jo Quill shared the news online last week, writing \u201cIt feels great to "
        "back someone I believe in, and I do.\u201d\n\n"
        "Reyes also addressed the budget on Thursday, stating that the city would cut no jobs "
        "this year.\n\n"
        "Senators were irritated by the plan, with Sen. Ann Pike calling it "
        "a \u201cshell game.\u201d\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "It feels great") == "Jo Quill"
    assert claimant_of(timeline, "would cut no jobs") == "Tom Reyes"
    assert claimant_of(timeline, "shell game") == "Ann Pike"


def test_hyphened_appositions_and_a_statement_after_a_when_clause() -> None:
    text = (
        "Mary Lane ran the plant for years.\n\n"
        "A representative for the brand - a small business pitched as a family firm - noted "
        "that the company offers eight weeks of paid leave.\n\n"
        "When Lane died in 1998, Governor Tom Reyes released the following statement:\n\n"
        "\u201cWe offer our condolences to the family and friends of Mary Lane.\u201d\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "eight weeks of paid leave") == "A representative for the brand"
    assert claimant_of(timeline, "We offer our condolences") == "Tom Reyes"


def test_he_said_after_a_paraphrase_about_someone_else_is_its_speaker() -> None:
    text = (
        "Joining him at the early meetings was Rob Stoll, a local activist. Around 30 people "
        "came to each event, he said.\n\n"
        "Dan Cole electrified the small crowds with his speeches, Stoll said.\n\n"
        "\u201cHe was very articulate and well spoken,\u201d he said.\n\n"
        "Like Cole, the former mayor Ann Pike doesn't want to talk about the race.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "very articulate") == "Rob Stoll"
    assert all(claim.claimant != "Like Cole" for claim in timeline.claims)


def test_no_break_spaces_a_leading_clause_and_two_named_speakers() -> None:
    text = (
        "Mary Lane and Tom Reyes debated on Monday.\n\n"
        "\u201cI will not raise taxes on anyone,\u201d\u00a0Lane, 49, told the Daily Bugle.\n\n"
        "After Reyes argued that the budget could not be cut, Lane said only that his "
        "numbers did not add up.\n\n"
        "Pat Dunne accuses the council of \u201chiding the deficit\u201d and Ann Pike says "
        "the council \u201cis out of money,\u201d part of a long dispute.\n\n"
        "Dunne said both he and Pike promised to fight the plan.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "I will not raise taxes") == "Mary Lane"
    assert claimant_of(timeline, "could not be cut") == "Tom Reyes"
    assert claimant_of(timeline, "numbers did not add up") == "Mary Lane"
    assert claimant_of(timeline, "hiding the deficit") == "Pat Dunne"
    assert claimant_of(timeline, "out of money") == "Ann Pike"
    assert claimant_of(timeline, "promised to fight") == "Pat Dunne"


def test_a_long_opening_participle_do_support_and_a_spokesman_for_an_agency() -> None:
    text = (
        "Mary Lane and Tom Reyes spoke on Monday.\n\n"
        "Noting that the council's policy has been to let the old mills along the river stand "
        "empty and decay for more than a decade now, Lane reminded voters of her own plan.\n\n"
        "Admitting that Lane \u201chas a point on the mills,\u201d though, Reyes did suggest that "
        "the plan costs too much.\n\n"
        "A spokesman for the Harbor Police Department said the road would reopen soon.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "reminded voters") == "Mary Lane"
    assert claimant_of(timeline, "costs too much") == "Tom Reyes"
    assert claimant_of(timeline, "road would reopen") == "Harbor Police Department"


def test_they_refers_to_the_group_that_opens_a_recent_clause() -> None:
    text = (
        "Since the mayor's election, city planners have not pushed the issue. Nor, apparently, "
        "have they warned the council that the bridge needs repair.\n\n"
        "While transit groups like the Riders Union praised the plan, they said it did not go "
        "far enough.\n\n"
        "He oversees the budget. These results show a deficit, they said.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "bridge needs repair") == "City planners"
    assert claimant_of(timeline, "did not go far enough") == "Transit groups"
    assert claimant_of(timeline, "show a deficit") == ""


def test_a_subject_with_a_quoted_apposition_or_of_in_its_title() -> None:
    text = (
        "Tom Reyes, the council's longest-serving member and former host of the radio show "
        "\u201cCity Talk,\u201d listed the bridge as his first worry: \u201cIt is falling "
        "apart.\u201d\n\n"
        "Secretary of State Mary Lane clashed with Reyes during the hearing, chiding him, "
        "\u201cWhat difference does it make now?\u201d\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "It is falling apart") == "Tom Reyes"
    assert claimant_of(timeline, "What difference") == "Mary Lane"


def test_names_with_accents_and_a_topic_before_a_pronoun() -> None:
    text = (
        "Mayor François Dubé spoke in the square. Tom Reyes spoke at the library.\n\n"
        "Dubé denounced the budget as \u201ccruel and careless\u201d and warned of cuts.\n\n"
        "\u201cIf the council passes it, the city will pay for years,\u201d he said.\n\n"
        "Reyes and Pat Dunne toured the mill. Reyes said the mill would reopen.\n\n"
        "As for Dunne, he said he is not worried.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "the city will pay for years") == "François Dubé"
    assert claimant_of(timeline, "he is not worried") == "Pat Dunne"


def test_a_progressive_verb_of_saying_is_its_subjects() -> None:
    text = (
        "Mary Lane won three primaries on Tuesday.\n\n"
        "Mary Lane is declaring that she is closer to the nomination after three wins.\n\n"
        "Sen. Tom Reyes was telling voters that the race was not over.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "closer to the nomination") == "Mary Lane"
    assert claimant_of(timeline, "race was not over") == "Tom Reyes"


def test_inverted_parentheticals_places_between_commas_and_a_join_after_quoted_words() -> None:
    text = (
        "Ann Pike worked for Tom Reyes for years.\n\n"
        "And Reyes, said Pike, who remains friendly with her former boss, never forgets a "
        "slight.\n\n"
        "Tuesday at the college in Berea, OH, after winning the primary, Gov. Pat Dunne (R-OH), "
        "said, \u201cWe are going all the way to the convention now.\u201d\n\n"
        "Contrast that with Reyes, who has called the plan \u201cinsanity,\u201d and Dunne, "
        "who says it is \u201cdisastrous.\u201d\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "never forgets a slight") == "Ann Pike"
    assert claimant_of(timeline, "all the way to the convention") == "Pat Dunne"
    assert claimant_of(timeline, "who says it is") == "Pat Dunne"


def test_long_attributions_after_a_quote_adverbs_and_a_name_with_of() -> None:
    text = (
        "Mary Lane, Tom Reyes and Pat Dunne met on Monday.\n\n"
        "Pointing to one big change in staffing, Lane noted that Ohio boasted only one paid "
        "staffer before the last election.\n\n"
        "\u201cIt looks like we are not going to get along, who knows?\u201d Reyes told the "
        "city's public radio station in an interview aired on Monday when asked about the "
        "council.\n\n"
        "Some of his supporters heckled a protester, with Reyes reportedly yelling: \u201cGet "
        "him out of here now!\u201d\n\n"
        "Gov. Pat Dunne of Ohio, a Republican who has refused to endorse Reyes, said the mill "
        "workers deserved better.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "only one paid staffer") == "Mary Lane"
    assert claimant_of(timeline, "going to get along") == "Tom Reyes"
    assert claimant_of(timeline, "Get him out of here") == "Tom Reyes"
    assert claimant_of(timeline, "workers deserved better") == "Pat Dunne"


def test_a_description_subject_ends_before_a_past_verb() -> None:
    text = (
        "Mayor Ann Pike took office in May.\n\n"
        "The mayor approved the budget on Monday, saying the city would hire more teachers.\n"
    )
    assert claimant_of(extract(text), "hire more teachers") == "Ann Pike"


def test_names_inside_descriptions_appositions_and_relative_clauses() -> None:
    text = (
        "Mary Lane, Tom Reyes and Pat Dunne spoke on Monday.\n\n"
        "\u201cIt's unusual,\u201c said Ann Pike, an attorney with the Harbor Legal Center.\n\n"
        "''We may be seeing some wage growth, and if it sticks, that would be a big story,'' "
        "the economist Jo Quill, a former adviser at City Hall, wrote.\n\n"
        "It was three years ago that Tom Reyes, who's thinking about running again, said it "
        "was \u201cimpossible\u201d for anyone to win the county.\n\n"
        "A former candidate for mayor -- Pat Dunne, who lost the 2008 race to Lane -- said the "
        "mayor \u201coffered no changes to her plan.\u201d\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "It's unusual") == "Ann Pike"
    assert claimant_of(timeline, "some wage growth") == "Jo Quill"
    assert claimant_of(timeline, "win the county") == "Tom Reyes"
    assert claimant_of(timeline, "offered no changes") == "Pat Dunne"


def test_a_title_picks_the_person_of_its_gender_and_an_analysis_by_an_organisation() -> None:
    text = (
        "Tom Lane and Mary Lane greeted Dan Cole at the door.\n\n"
        "Mrs. Lane said the house was cold. \u201cWe froze all winter long,\u201d she said.\n\n"
        "This year's primaries drew record turnout by voters, according to an analysis by the "
        "Harbor Research Center.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "the house was cold") == "Mary Lane"
    assert claimant_of(timeline, "We froze all winter") == "Mary Lane"
    assert claimant_of(timeline, "record turnout") == "Harbor Research Center"


def test_more_verbs_of_saying_defended_mentioned_apologized() -> None:
    text = (
        "Mary Lane ran the company for six years and Tom Reyes sat on its board.\n\n"
        "When asked at the conference about the merger, Lane defended her decision to press "
        "ahead with the deal.\n\n"
        "Reyes mentioned that the board had approved the plan twice.\n\n"
        "Lane later apologized for the layoffs that followed the merger.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "her decision to press ahead") == "Mary Lane"
    assert claimant_of(timeline, "approved the plan twice") == "Tom Reyes"
    assert claimant_of(timeline, "for the layoffs") == "Mary Lane"


def test_calls_reads_and_referred_to_as_verbs_not_nouns() -> None:
    text = (
        "Mary Lane runs the campaign and Jo Quill is her chief aide.\n\n"
        "Her chief aide, Jo Quill, calls her record a \u201cblueprint\u201d for the county.\n\n"
        "\u201cThere are invertebrates with more spine than this council,\u201d reads an "
        "editorial in the Harbor Times.\n\n"
        "A neighbor referred to Lane as \u201cthe kindest soul I have ever met in my life.\u201d"
        "\n\nOne of her recent reads, \u201cThe Long Winter of the County,\u201d sits on her "
        "desk. His recent calls for a recount went unanswered.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "for the county") == "Jo Quill"
    assert claimant_of(timeline, "more spine") == "An editorial"
    assert claimant_of(timeline, "kindest soul") == "A neighbor"
    assert all(
        not claim.claimant.startswith(("Her recent", "His recent")) for claim in timeline.claims
    )


def test_verbs_of_blame_and_praise_report_speech() -> None:
    text = (
        "Mary Lane and Tom Reyes clashed at the council meeting.\n\n"
        "Lane lambasted the budget as a giveaway to developers.\n\n"
        "Reyes chided her for missing three meetings in a row.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "giveaway to developers") == "Mary Lane"
    assert claimant_of(timeline, "missing three meetings") == "Tom Reyes"


def test_by_saying_adverbs_before_a_verb_ages_before_a_name() -> None:
    text = (
        "Mary Lane spoke on Monday night in the town hall.\n\n"
        "\u201cThe town has always been my home,\u201d said the 46-year-old.\n\n"
        "76-year-old Tom Reyes, founder of the Harbor Institute, endorsed Lane last week, saying "
        "she \u201chas shown her commitment to the town.\u201d\n\n"
        "When asked about the race, Pat Dunne gingerly said that was a matter for the voters.\n\n"
        "When he returned, Judge Dan Cole began by saying that the case would go on.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "always been my home") == "Mary Lane"
    assert claimant_of(timeline, "her commitment") == "Tom Reyes"
    assert claimant_of(timeline, "a matter for the voters") == "Pat Dunne"
    assert claimant_of(timeline, "the case would go on") == "Dan Cole"


def test_role_words_before_a_name_in_an_apposition_chain() -> None:
    text = (
        "The convention opened on Monday.\n\n"
        "\u201cWe have had better conventions than this one,\u201d Ohio delegate Jo Quill, "
        "wearing a red hat and two campaign pins, said matter-of-factly.\n"
    )
    assert claimant_of(extract(text), "better conventions") == "Jo Quill"


def test_a_description_with_a_phrase_after_its_head_is_the_subject() -> None:
    text = (
        "The council met on Monday.\n\n"
        "A person familiar with the talks over the harbor says the vote will be close.\n\n"
        "Another council source speaking to the Gazette said, \u201cNobody knows the count."
        "\u201d\n\n"
        "Residents trying to save the old pier say the plan ignores them.\n\n"
        "But current and former members of the board have said the budget is too thin.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "the vote will be close") == "A person"
    assert claimant_of(timeline, "Nobody knows the count") == "Another council source"
    assert claimant_of(timeline, "the plan ignores them") == "Residents"
    assert claimant_of(timeline, "the budget is too thin") == "Current and former members"


def test_a_description_before_a_past_verb_is_the_subject_of_a_participle() -> None:
    text = (
        "The council met on Monday.\n\n"
        "In June, a Harbor County circuit judge sided with the council, saying the pier plan "
        "met every rule.\n"
    )
    claimant = claimant_of(extract(text), "met every rule")
    assert claimant == "A Harbor County circuit judge"


def test_it_said_is_the_thing_that_opened_a_recent_sentence() -> None:
    text = (
        "Harbor Fees Rise.\n\n"
        "The port board backed the plan on Monday. Still, the Harbor Pilots Association of "
        "Maine opposed any increase.\n\n"
        "\u201cKeep the fees where they are for the rest of the decade,\u201d it said.\n"
    )
    claimant = claimant_of(extract(text), "Keep the fees")
    assert claimant == "The Harbor Pilots Association"


def test_a_description_then_an_apposed_name_is_the_subject_not_an_inversion() -> None:
    text = (
        "Pollsters Weigh In.\n\n"
        "Pat Dunne, a pollster, said the race was close.\n\n"
        "Another pollster, Tom Reyes of Harbor College, said his survey of Democrats showed the "
        "mayor ahead.\n"
    )
    assert claimant_of(extract(text), "showed the mayor ahead") == "Tom Reyes"


def test_a_present_verb_ends_a_two_word_subject() -> None:
    text = (
        "Harbor Fees Rise.\n\n"
        "The board seeks to cut the fees through what it calls \u201ca fair harbor deal.\u201d\n"
    )
    assert claimant_of(extract(text), "a fair harbor deal") == "The board"


def test_said_by_telephone_is_no_passive_agent() -> None:
    text = (
        "Harbor Fees Rise.\n\n"
        "Tom Reyes ran the harbor for a decade.\n\n"
        "\u201cWe never raised a fee without a vote,\u201d Mr. Reyes, now 71 and retired in "
        "Camden, Maine, said by telephone this week.\n"
    )
    assert claimant_of(extract(text), "never raised a fee") == "Tom Reyes"


def test_to_say_after_a_verb_is_the_clause_subjects() -> None:
    text = (
        "Harbor Fees Rise.\n\n"
        "Tom Reyes wrote to the board on Monday.\n\n"
        "The letter goes on to say: \u201cNo fee should rise without a vote.\u201d\n"
    )
    assert claimant_of(extract(text), "No fee should rise") == "The letter"


def test_a_parenthetical_they_said_skips_its_own_sentences_opening() -> None:
    text = (
        "Harbor Fees Rise.\n\n"
        "Dock workers argued that the board is not needed. Town councils can set the fees, "
        "they said.\n"
    )
    assert claimant_of(extract(text), "Town councils can set") == "Dock workers"
