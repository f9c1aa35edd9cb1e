"""Regression tests for the person a pronoun source ("he said", "she added") refers to, on short
texts written for the tests."""

from __future__ import annotations

from tests.extract.cases import claimant_of, extract


def test_a_surname_first_seen_in_a_dropped_headline_phrase_still_names_the_person() -> None:
    # "Donor Kessler" in the headline is not a person (the article writes "donor" in lower
    # case); "Kessler" later is still Harold Kessler, the subject before "He".
    text = (
        "Republican Donor Kessler and Mayor Lane May be Aligning on Taxes.\n\n"
        "Top party donor Harold Kessler said on Friday he met Mayor Tom Lane this week.\n\n"
        "Mayor Lane said the talks went well.\n\n"
        "Kessler said much of his talk with Lane was about taxes.\n\n"
        "Courted by most of the candidates and expected to be the top donor next year, Kessler "
        "said on Friday that he may wait until spring. He described the field as "
        "“all very good.”\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "all very good") == "Harold Kessler"
    assert claimant_of(timeline, "much of his talk") == "Harold Kessler"


def test_a_name_modifying_the_next_name_is_not_the_subject() -> None:
    # "Avery adviser Lior Dunmore": Avery qualifies the adviser; the adviser is the subject.
    text = (
        "Turnout rose sharply in the city on Tuesday.\n\n"
        "Senator Paul Avery spoke first and praised the volunteers at the union hall.\n\n"
        "Avery adviser Lior Dunmore, a veteran pollster, saw the same trend in the suburbs. "
        "“Voters are paying attention this year,” he said.\n"
    )
    assert claimant_of(extract(text), "Voters are paying attention") == "Lior Dunmore"


def test_a_person_introduced_after_the_last_speaker_takes_over_the_pronoun() -> None:
    text = (
        "Mayor Linda Park defended the budget on Monday. “We kept every promise,” Park said.\n\n"
        "Critics were not convinced. To political scientist Karen Vale, the budget looked "
        "like a retreat.\n\n"
        "“It really looked like a bitter pill,” she said.\n"
    )
    assert claimant_of(extract(text), "bitter pill") == "Karen Vale"


def test_a_person_named_as_an_object_leaves_the_pronoun_to_the_last_speaker() -> None:
    text = (
        "Mayor Linda Park defended the budget on Monday. “We kept every promise,” Park said.\n\n"
        "The former teacher also contrasted the plan with one from Senator Karen Vale.\n\n"
        "“Ours is the only plan that balances,” she said.\n"
    )
    assert claimant_of(extract(text), "only plan that balances") == "Linda Park"


def test_a_subject_three_sentences_back_outranks_a_name_inside_the_last_sentence() -> None:
    # The sentence before "he" opens with a description of Avery and names Reyes only inside
    # a phrase: the subject of an earlier sentence is the antecedent.
    text = (
        "Senator Paul Avery ended his campaign on Tuesday. The crowd booed loudly. The veteran "
        "lawmaker thanked his volunteers, in pointed contrast with the rallies of Governor "
        "Tom Reyes. “I will pray for the eventual nominee,” he said.\n"
    )
    assert claimant_of(extract(text), "pray for the eventual nominee") == "Paul Avery"


def test_a_name_ending_a_sentence_is_no_title_before_the_next_subject() -> None:
    # "Avery. Avery thanked": the period after a surname ends a sentence (unlike "Sen. ").
    text = (
        "Governor Tom Reyes won the primary on Tuesday, beating Senator Paul Avery. Avery "
        "hugged his volunteers and shook hands with Reyes. “We ran a clean race,” he said.\n"
    )
    assert claimant_of(extract(text), "We ran a clean race") == "Paul Avery"


def test_a_speaker_named_only_by_surname_keeps_he_said() -> None:
    # The article never gives Okafor's first name: "he said" after "Okafor admitted …" is still
    # Okafor, not the last person named in full.
    text = (
        "Candidates picked their teams at the debate on Saturday. Governor Tom Reyes went with "
        "the favourite, though he had picked the other side a week earlier.\n\n"
        "Okafor admitted that his pick was political, with an eye on the primary in the "
        "south. “With an eye to the twentieth,” he said.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "With an eye to the twentieth") == "Okafor"


def test_a_plural_group_is_no_surname_speaker() -> None:
    # "Democrats" (the article also writes "Democrat") never becomes the "he" of "he said".
    text = (
        "Senator Paul Avery spoke in the morning. Democrats said the plan was a Democrat idea "
        "all along.\n\n"
        "“This is our plan,” he said.\n"
    )
    assert claimant_of(extract(text), "This is our plan") == "Paul Avery"
