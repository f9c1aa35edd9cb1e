"""Speakers the extractor used to leave empty (issue 12, kind C), on short texts written for
the tests: each names a news convention that says who speaks without a plain "X said"."""

from __future__ import annotations

from tests.extract.cases import claimant_of, extract

# --- the subject of a participle's sentence ------------------------------------------------


def test_time_gone_by_opens_the_sentence_before_its_subject() -> None:
    text = (
        "Hours later, Whitlock returned the favor to the governor, telling local radio, "
        "“We have worked together for a long time. He is a fine partner.”\n"
    )
    assert claimant_of(extract(text), "a fine partner") == "Whitlock"


def test_a_description_opened_by_one_speaks() -> None:
    text = (
        "One volunteer inside the Harbor Center tried to calm the crowd, saying the doors "
        "would open within the hour.\n"
    )
    assert claimant_of(extract(text), "the doors would open") == "Volunteer"  # "One" is cut


def test_a_passive_description_is_cut_at_its_auxiliary() -> None:
    text = (
        "A federal complaint was filed in March challenging the new permits and alleging "
        "that the agency used a “convenient shortcut around the law.”\n"
    )
    assert claimant_of(extract(text), "convenient shortcut") == "A federal complaint"


def test_a_spokeswoman_for_an_organisation_keeps_it() -> None:
    text = (
        "A spokeswoman for Harbor Mills also declined to comment, saying that nobody "
        "involved still works at the firm.\n"
    )
    assert claimant_of(extract(text), "nobody involved") == "A spokeswoman for Harbor Mills"


def test_and_before_a_lowercase_role_and_an_apposed_name() -> None:
    text = (
        "And retired Gen. Dana Whitlock, who led the troops in the Pacific, said on Sunday that "
        "the new base was “a strategic mistake.”\n"
    )
    assert claimant_of(extract(text), "the new base") == "Dana Whitlock"


def test_but_now_said_keeps_the_subject_for_the_quote_paragraph_after() -> None:
    text = (
        "Rep. Dana Whitlock used to back the old plan, but now said the bridge had "
        "“the support and the money to get built.”\n"
        "“I think the council can do it, and the mayor will sign it.”\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "the support and the money") == "Dana Whitlock"
    assert claimant_of(timeline, "I think the council can do it") == "Dana Whitlock"


# --- headlines in title case -----------------------------------------------------------------


def test_a_title_case_headline_names_its_speaker_before_says() -> None:
    text = (
        "Whitlock Says Floods Hit Harbor, Calls River Plan ‘Reckless.’\n\n"
        "Mayor Dana Whitlock spoke on Tuesday about the river.\n"
    )
    assert claimant_of(extract(text), "Calls River Plan") == "Dana Whitlock"


def test_a_title_case_headline_can_end_with_its_speaker() -> None:
    text = "The River Plan Is ‘A Gamble With Our Homes,’ Dana Whitlock Says.\n\nA vote is due.\n"
    assert claimant_of(extract(text), "A Gamble With Our Homes") == "Dana Whitlock"


# --- signatures ----------------------------------------------------------------------------


def test_a_pull_quote_is_signed_on_the_line_after_it() -> None:
    text = (
        "The debt debate is heating up.\n"
        '"I worry that we may see a revival of the old talk about balanced budgets.\n'
        'Dana Whitlock, Center for Fiscal Studies."\n'
        "The vote is due on Friday.\n"
    )
    assert claimant_of(extract(text), "I worry that we may see") == "Dana Whitlock"


def test_a_whole_quoted_paragraph_is_signed_with_a_dash() -> None:
    text = (
        "What the candidates said.\n\n"
        '"I will look into it. I do not know the status, but I will look into it."\n\n'
        "- Lee Park.\n\n"
        '"The whole idea is something that we hear about all the time."\n\n'
        "-Sam Ortiz, Ohio.\n\n"
        "They met at noon in the town hall.\n\n"
        "- Amber Phillips.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "I will look into it") == "Lee Park"
    assert claimant_of(timeline, "The whole idea") == "Sam Ortiz"


def test_a_title_in_capitals_is_no_signature() -> None:
    text = (
        "The debt debate is heating up.\n"
        '"I worry that we may see a revival of the old talk about balanced budgets.\n'
        'THE WEEKEND POLLS"\n'
    )
    assert claimant_of(extract(text), "I worry that we may see") == ""


def test_an_embedded_post_is_its_signers() -> None:
    text = (
        "Reporters noticed the hats.\n"
        "Why isn’t the mayor wearing the “Build The Bridge Again” hat at the rally? #bridge "
        "— Sam Ortiz (@samortiz) September 1, 2016\n"
    )
    assert claimant_of(extract(text), "the mayor wearing") == "Sam Ortiz"


# --- "according to" a description ----------------------------------------------------------


def test_according_to_a_long_description_gives_its_head() -> None:
    text = (
        "The publisher declined to renew the offer, according to a literary agent "
        "familiar with the talks.\n"
    )
    assert claimant_of(extract(text), "declined to renew") == "A literary agent"


def test_according_to_a_role_then_a_name_gives_the_name() -> None:
    text = (
        "For the council, according to Lee Park's former budget director Dana R. Whitlock, "
        "Monday's vote is “a real test” of its resolve.\n"
    )
    assert claimant_of(extract(text), "a real test") == "Dana R. Whitlock"


# --- short attributions ----------------------------------------------------------------------


def test_a_short_tail_after_a_quote_attributes_with_any_verb() -> None:
    text = (
        "Sam Ortiz interviewed Mayor Dana Whitlock on Monday.\n"
        "“Would the bridge be finished by the spring?” Ortiz pressed. “Or is that a guess?”\n"
        "“Who pays for the delay, and when?” countered Whitlock.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "Would the bridge be finished") == "Sam Ortiz"
    assert claimant_of(timeline, "Or is that a guess") == "Sam Ortiz"
    assert claimant_of(timeline, "Who pays for the delay") == "Dana Whitlock"


def test_and_then_opens_a_participle_sentence_before_its_subject() -> None:
    text = (
        "The bridge is late.\n"
        "And then Dana Whitlock went fully on the attack, saying, “Will the council ever fund the "
        "bridge? If it does not, it should resign!”\n"
    )
    assert claimant_of(extract(text), "Will the council ever fund") == "Dana Whitlock"


# --- transcripts ---------------------------------------------------------------------------


def test_a_transcript_label_with_a_party_tag_and_no_space() -> None:
    text = (
        "The hearing lasted for hours.\n"
        'Rep. Dana Whitlock (R-S.C.):"I have not heard anyone but you cite that figure."\n'
        'Lee Park:"We learned that from the department and its own review of the records."\n'
    )
    timeline = extract(text)
    assert claimant_of(timeline, "I have not heard anyone") == "Dana Whitlock"
    assert claimant_of(timeline, "We learned that") == "Lee Park"
