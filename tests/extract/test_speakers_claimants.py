"""Non-pronoun claimants of issue 12: names that are no person's, broken subjects, the wrong
one of two names. Short texts written for the tests."""

from __future__ import annotations

from factcheck.extract.people import People
from tests.extract.cases import claimant_of, extract


def test_capitalised_words_before_a_person_noun_are_no_name() -> None:
    text = (
        "Former Nevada governor Rita Holm, an early backer of the plan, calls the vote "
        '"a turning point." "It will matter for years," she said.\n\n'
        "Top Senate aide Carl Dunmore declined to comment.\n"
    )
    people = People(text)
    assert "Former Nevada" not in people.persons
    assert "Top Senate" not in people.persons
    assert "Rita Holm" in people.persons
    assert claimant_of(extract(text), "It will matter for years") == "Rita Holm"


def test_a_place_before_a_person_noun_is_no_speaker() -> None:
    text = (
        "Mr. Okafor runs four courses. Ruth Tanzer, a Palm Grove lawyer, has sued him.\n\n"
        "''We are in the business of pleasing people,'' Mr. Okafor said.\n"
    )
    people = People(text)
    assert "Palm Grove" not in people.persons


def test_a_first_name_that_is_a_month_opens_a_name() -> None:
    text = 'Jan Brewer backs the bill. "It is overdue," she said.\n'
    assert "Jan Brewer" in People(text).persons
    assert claimant_of(extract(text), "It is overdue") == "Jan Brewer"


def test_a_party_label_is_no_part_of_the_name() -> None:
    text = (
        'Democrat Lena Whitcombe spoke in Ohio on Monday. "We have work to do," Whitcombe said.\n'
    )
    people = People(text)
    assert "Lena Whitcombe" in people.persons
    assert "Democrat Lena Whitcombe" not in people.persons
    assert claimant_of(extract(text), "We have work to do") == "Lena Whitcombe"
    # A party label before an organisation's name leaves the organisation alone.
    assert "National Convention" not in People("At the Democratic National Convention, …").persons


def test_a_question_put_by_someone_is_the_askers() -> None:
    text = (
        "Asked by Mark Fenwick of WKRT whether the levy would pass, Senator Ada Ruiz said it "
        'would. When asked by a reporter if he would run again, Tom Hale said, "We will see."\n\n'
        '"Absolutely," Ruiz said when asked by a caller if the vote was fair.\n'
    )
    timeline = extract(text)
    assert claimant_of(timeline, "whether the levy would pass") == "Mark Fenwick"
    assert claimant_of(timeline, "Senator Ada Ruiz said it would") == "Ada Ruiz"
    assert claimant_of(timeline, "if he would run again") == "A reporter"
    assert claimant_of(timeline, "We will see") == "Tom Hale"
    assert claimant_of(timeline, "if the vote was fair") == "A caller"
    assert claimant_of(timeline, "Absolutely") == "Ada Ruiz"


def test_a_question_put_to_the_subject_is_the_askers_and_the_answer_the_subjects() -> None:
    text = (
        "Tom Hale was asked by moderator Mark Fenwick whether the levy would pass in May.\n\n"
        '"It will pass, and easily," he said.\n'
    )
    timeline = extract(text)
    assert claimant_of(timeline, "whether the levy would pass") == "Mark Fenwick"
    assert claimant_of(timeline, "It will pass, and easily") == "Tom Hale"


def test_a_name_before_a_participle_after_a_dash_is_its_subject() -> None:
    text = (
        "The Ohio Chamber of Commerce hosted both mayors on Friday. Afterwards the two issued "
        "a statement on the merger – Ann Lowe saying she was pleased with the outcome.\n"
    )
    assert claimant_of(extract(text), "pleased with the outcome") == "Ann Lowe"


def test_adverbs_and_reflexives_between_subject_and_verb() -> None:
    text = (
        "Jon Reyes spoke in Akron on Monday. Reporters soon noted that Reyes may have misspoken "
        "about the vote. Reyes himself said that the count was fair.\n"
    )
    timeline = extract(text)
    assert claimant_of(timeline, "may have misspoken") == "Reporters"
    assert claimant_of(timeline, "the count was fair") == "Jon Reyes"


def test_the_plain_form_of_a_verb_of_saying_after_a_modal() -> None:
    text = (
        "The vote was set for the night before the holiday. The timing was so odd that a "
        'spokesman for Ann Lowe could only quip: "I guess the weekend was booked."\n'
    )
    assert claimant_of(extract(text), "I guess the weekend was booked") == (
        "A spokesman for Ann Lowe"
    )


def test_states_is_a_verb_only_before_what_is_stated() -> None:
    text = (
        "Ohio is one of the quintessential swing states in presidential elections, and Ann "
        "Lowe aimed her speech at the fall. You do not win by how many states you carry.\n\n"
        "The audit states that the levy was spent as promised.\n"
    )
    timeline = extract(text)
    assert not any(
        "swing" in claim.claimant or "many" in claim.claimant for claim in timeline.claims
    )
    assert claimant_of(timeline, "the levy was spent as promised") == "The audit"


def test_more_verbs_of_saying() -> None:
    text = (
        "A thousand supporters cheered the nominee.\n\n"
        '"This is wonderful!" beamed Dora Hartwell of Mobile, Alabama.\n\n'
        'When Hale said the port would close, Jon Reyes fired back: "It will not close."\n\n'
        '"Not a chance," Reyes repeated.\n'
    )
    timeline = extract(text)
    assert claimant_of(timeline, "This is wonderful") == "Dora Hartwell"
    assert claimant_of(timeline, "It will not close") == "Jon Reyes"
    assert claimant_of(timeline, "Not a chance") == "Jon Reyes"
