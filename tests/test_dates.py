from __future__ import annotations

import datetime as dt
import itertools

import pytest

from actorgraph.dates import DateMention, document_date_from_head, event_date, find_dates, normalise_date

REF = "2020-08-31"


def isos(text: str, ref: str | None = REF) -> list[str]:
    return [d.iso for d in find_dates(text, ref)]


@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    [
        ("On March 3, Turkey sent drones.", "2020-07-17", ["2020-03-03"]),
        ("Lavrov called on 13 July.", REF, ["2020-07-13"]),
        ("The call took place on July 23, 2020.", None, ["2020-07-23"]),
        ("On Sept. 4 the talks resumed.", REF, ["2020-09-04"]),
        ("On Oct. 14, Erdogan called Putin.", "2020-10-20", ["2020-10-14"]),
        ("Clashes broke out in November 2020.", None, ["2020-11"]),
        ("It joined the group in 2015.", None, ["2015"]),
        ("The deal (2015) still holds.", None, ["2015"]),
        ("Published 2020-07-17 by the ministry.", None, ["2020-07-17"]),
        ("Nor Marmara, 17.07.2020", None, ["2020-07-17"]),
        ("Briefing, 23.07.2020.", None, ["2020-07-23"]),
        ("the 4th of July 2019 parade", None, ["2019-07-04"]),
    ],
)
def test_explicit_dates(text: str, ref: str | None, expected: list[str]) -> None:
    assert isos(text, ref) == expected


def test_mention_fields() -> None:
    text = "Talks on July 23, 2020 ended."
    (mention,) = find_dates(text)
    assert mention == DateMention(9, 22, "July 23, 2020", "2020-07-23", "day")
    assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    "text",
    [
        "Ankara sent 5,000 troops.",
        "Russia deployed 150 units of armored vehicles.",
        "a force of 2000 troops",
        "The drones may 3 times fly.",  # lower-case month names are not months
        "They march 5 miles.",
        "In 1850 the empire fell.",  # out of the 1900-2099 window
        "Call 2020 1234 now",
    ],
)
def test_non_dates(text: str) -> None:
    assert isos(text) == []


def test_year_less_day_takes_previous_year_when_far_in_future() -> None:
    assert isos("On Dec. 20 the talks ended.", "2021-01-10") == ["2020-12-20"]
    assert isos("On Sept. 4 the talks resume.", "2020-08-31") == ["2020-09-04"]  # within two months
    assert isos("On July 4 it began.", None) == []  # no reference: no guessed year


def test_relative_days() -> None:
    # 2020-07-16 is a Thursday
    ref = "2020-07-16"
    assert isos("Lavrov called yesterday.", ref) == ["2020-07-15"]
    assert isos("He said so today.", ref) == ["2020-07-16"]
    assert isos("They met on Monday.", ref) == ["2020-07-13"]
    assert isos("They met on Thursday.", ref) == ["2020-07-16"]
    assert isos("They met last Thursday.", ref) == ["2020-07-09"]
    assert isos("They will meet next Monday.", ref) == ["2020-07-20"]
    assert isos("Earlier that day Baku struck.", ref) == ["2020-07-16"]
    assert isos("Earlier that day Baku struck.", None) == []
    assert isos("Sales fell last month.", ref) == ["2020-06"]
    assert isos("Sales fell last year.", ref) == ["2019"]


def test_event_date_prefers_day_then_month_then_year() -> None:
    assert event_date("In July 2020, on July 12, Armenia and Azerbaijan clashed.", REF) == "2020-07-12"
    assert event_date("In July 2020 the border flared up.", REF) == "2020-07"
    assert event_date("Since 2015 Turkey has backed Baku.", REF) == "2015"
    assert event_date("Turkey backs Baku.", REF) == REF
    assert event_date("Turkey backs Baku.", None) is None
    assert event_date("On Tuesday Lavrov called Cavusoglu.", "2020-07-16") == "2020-07-14"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("Title\n\n2020-08-31\n\nBody text.", "2020-08-31"),
        ("Russian-Turkish relations\n\n10 m.   |  2020-08-31\n\nI n July 2020, ...", "2020-08-31"),
        ("Title\nAugust 31, 2020\nBody", "2020-08-31"),
        ("Title\n31.08.2020\nBody", "2020-08-31"),
        ("On Oct. 14, Erdogan called Putin about the war.", None),
        ("In July 2020 the clashes began.", None),
        ("", None),
    ],
)
def test_document_date_from_head(head: str, expected: str | None) -> None:
    assert document_date_from_head(head) == expected


def test_document_date_only_looks_at_the_head() -> None:
    assert document_date_from_head("x" * 700 + "\n2020-08-31\n") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2020, 8, 31), "2020-08-31"),
        (dt.datetime(2020, 8, 31, 10, 30), "2020-08-31"),
        ("2020-08-31", "2020-08-31"),
        ("2020-08-31T10:00:00+03:00", "2020-08-31"),
        ("31.08.2020", "2020-08-31"),
        ("August 31, 2020", "2020-08-31"),
        ("2020-08", "2020-08"),
        ("2020", "2020"),
        (2020, "2020"),
        ("2020-02-30", None),
        ("yesterday", None),
        (None, None),
        (True, None),
        (["2020-08-31"], None),
    ],
)
def test_normalise_date(value: object, expected: str | None) -> None:
    assert normalise_date(value) == expected


def test_mentions_do_not_overlap_and_are_ordered() -> None:
    text = "On July 23, 2020 (2020) and 23.07.2020 and in 2015 and on 13 July."
    mentions = find_dates(text, REF)
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    for a, b in itertools.pairwise(mentions):
        assert a.end <= b.start
