"""The discourse frame: speaker labels, titles, and who I / we / you / the leaders are."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from actorgraph.discourse import DiscourseFrame, roster, speaker_label
from actorgraph.model import Actor

USA = Actor("united-states", "State", "United States", state="USA")
JPN = Actor("japan", "State", "Japan", state="JPN")
KOR = Actor("south-korea", "State", "South Korea", state="KOR")
BIDEN = Actor("joe-biden", "Person", "Joe Biden", state="USA")
KISHIDA = Actor("fumio-kishida", "Person", "Fumio Kishida", state="JPN")
NAMES = {"Biden": BIDEN, "Kishida": KISHIDA, "Japan": JPN, "United States": USA, "Korea": KOR}


def lookup(text: str) -> Sequence[Actor]:
    found = [(text.find(name), actor) for name, actor in NAMES.items() if name in text]
    return [actor for _, actor in sorted(found, key=lambda pair: pair[0])]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("PRIME MINISTER KISHIDA:\u00a0 Thank you.", "PRIME MINISTER KISHIDA"),
        ("**MR. SULLIVAN:** Good morning.", "MR. SULLIVAN"),
        ("Q\u00a0 \u00a0 Mr. President, one question.", "Q"),
        ("Q: Will you go to Kyiv?", "Q"),
        ("PRESIDENT LÓPEZ OBRADOR: (As interpreted.)", "PRESIDENT LÓPEZ OBRADOR"),
    ],
)
def test_speaker_labels(text: str, label: str) -> None:
    found = speaker_label(text)
    assert found is not None and found[0] == label
    assert not text[found[1] :].startswith((" ", "\u00a0", ":"))


@pytest.mark.parametrize(
    "text",
    ["NATO: an alliance at 75.", "Quite so.", "U.S. forces left.", "Q4 results were strong.", "THE END"],
)
def test_not_speaker_labels(text: str) -> None:
    assert speaker_label(text) is None


def test_readout_title_gives_author_and_participants() -> None:
    frame = DiscourseFrame.for_document(
        "Readout of President Biden's Call with Prime Minister Kishida of Japan", lookup
    )
    assert frame.kind == "readout"
    assert frame.author == (BIDEN,) and frame.participants == (BIDEN, KISHIDA)
    assert frame.first_person() == (BIDEN,)


def test_transcript_turns_set_i_and_you() -> None:
    frame = DiscourseFrame.for_document("Remarks by President Biden and Prime Minister Kishida", lookup)
    assert frame.kind == "transcript" and frame.participants == (BIDEN, KISHIDA)
    frame.start_block("PRIME MINISTER KISHIDA", lookup)
    assert frame.first_person() == (KISHIDA,) and frame.second_person() == (BIDEN,)
    frame.start_block("PRIME MINISTER KISHIDA", lookup)  # the next paragraph of the same turn
    assert frame.first_person() == (KISHIDA,)
    frame.start_block("THE PRESIDENT", lookup)
    assert frame.first_person() == (BIDEN,) and frame.second_person() == (KISHIDA,)
    frame.start_block("Q", lookup)
    assert frame.in_question and frame.first_person() == ()
    frame.start_block("MODERATOR", lookup)
    assert not frame.in_question and frame.first_person() == ()
    frame.start_block(None, lookup)  # before any label: the author speaks
    assert frame.turn is None and frame.first_person() == frame.author


def test_joint_statement_we_is_every_signatory() -> None:
    frame = DiscourseFrame.for_document("Joint Statement of the United States and Japan", lookup)
    assert frame.kind == "joint"
    assert set(frame.first_person()) == {JPN, USA}


def test_plain_prose_has_no_author() -> None:
    frame = DiscourseFrame.for_document("Why the Caucasus matters", lookup)
    assert frame.kind is None and frame.first_person() == () and frame.group() == ()


def test_publisher_keeps_the_person_the_title_names() -> None:
    """A release's own leader stays a person among the participants, so "the President" finds its holder."""
    frame = DiscourseFrame.for_document(
        "Readout of President Biden's Call with Prime Minister Kishida of Japan", lookup, author=[USA]
    )
    assert frame.author == (USA,)
    assert frame.participants == (BIDEN, KISHIDA)


def test_participant_list_adds_the_guests_of_the_call() -> None:
    listed = "Participants in the call included Prime Minister Kishida of Japan and the President of Korea."
    assert roster(["President Biden held a call with Asian leaders today.", listed]) == listed
    frame = DiscourseFrame.for_document(
        "Readout of President Biden's Call with Asian Leaders", lookup, author=[USA], listed=listed
    )
    assert frame.participants == (BIDEN, KISHIDA, KOR)
    assert frame.guests == (KISHIDA, KOR)  # they joined the host's call: each met him, not each other
    assert frame.group() == (BIDEN, KISHIDA, KOR)


def test_participant_list_is_ignored_where_it_cannot_name_the_parties() -> None:
    one = "Participants in the meeting included Prime Minister Kishida."
    frame = DiscourseFrame.for_document("Readout of President Biden's Meeting", lookup, listed=one)
    assert frame.participants == (BIDEN,) and frame.guests == ()  # a single name is no roster
    joint = DiscourseFrame.for_document(
        "Joint Statement of the United States and Japan",
        lookup,
        listed="Participants included Korea and Japan.",
    )
    assert set(joint.participants) == {USA, JPN} and joint.guests == ()
    assert roster(["Participants agreed on the agenda.", "The meeting ended."]) is None


def test_venue_after_the_bar_is_no_party() -> None:
    """ "… Bilateral Meeting | Tokyo, Japan": the remarks were given in Japan; Japan did not take part."""
    frame = DiscourseFrame.for_document(
        "Remarks by President Biden and President Yoon of Korea Before Bilateral Meeting | Tokyo, Japan",
        lookup,
    )
    assert frame.participants == (BIDEN, KOR)
    frame.start_block("PRESIDENT BIDEN", lookup)
    assert frame.second_person() == (KOR,)  # two parties, so "you" is the other leader


def test_unknown_surname_in_a_label_finds_the_state_the_title_names() -> None:
    """A leader the gazetteer does not know, named with his state in a title capitalised throughout."""
    title = "Remarks By President Biden And Prime Minister Ishiba Of Japan"
    frame = DiscourseFrame.for_document(title, lookup)
    assert frame.participants == (BIDEN, JPN)
    frame.start_block("PRIME MINISTER ISHIBA", lookup)
    assert frame.first_person() == (JPN,) and frame.second_person() == (BIDEN,)


def test_we_across_the_table_takes_in_every_other_party() -> None:
    frame = DiscourseFrame.for_document(
        "Remarks by President Yoon of Korea, President Biden and Prime Minister Kishida of Japan at a "
        "Trilateral Meeting",
        lookup,
    )
    assert set(frame.participants) == {BIDEN, KISHIDA, KOR}
    frame.start_block("PRIME MINISTER KISHIDA", lookup)
    assert set(frame.across_table()) == {BIDEN, KOR}  # "our trilateral cooperation"
    assert frame.second_person() == ()  # but "you" among three is nobody in particular
    frame.start_block("MODERATOR", lookup)
    assert frame.across_table() == ()  # a speaker outside the meeting speaks for no party
