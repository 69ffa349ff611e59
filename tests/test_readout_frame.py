"""Readouts read as a whole: the publisher's office holders and the leaders a participant list names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from actorgraph.documents import load_document
from releases import release

pytestmark = pytest.mark.model


VICE_PRESIDENT = release(
    "Readout of Vice President Harris's Meeting with President Bernardo Arevalo of Guatemala",
    "2024-03-01",
    """\
Vice President Kamala Harris met today with President Bernardo Arevalo of Guatemala.

The Vice President conveyed her strong support for Guatemala's democratic institutions.
""",
)

CALL_WITH_LEADERS = release(
    "Readout of President Biden's Video Call with European Leaders",
    "2022-02-11",
    """\
The President spoke by video with several European heads of government this morning.

The leaders discussed recent developments on the border.

Joining the call were Chancellor Scholz, Polish President Andrzej Duda
and Prime Minister Mark Rutte of the Netherlands.
""",
)


@pytest.fixture(scope="module")
def extractor() -> Any:
    from actorgraph.extract import Extractor

    return Extractor()


def _pairs(extractor: Any, tmp_path: Path, text: str) -> set[tuple[str | None, str, str | None]]:
    path = tmp_path / "readout.md"
    path.write_text(text, encoding="utf-8")
    return {
        (a.subject_state, a.relation.name, a.object_state)
        for a in extractor.extract_document(load_document(path))
        if not a.negated
    }


def test_the_vice_president_of_a_white_house_readout_acts_for_the_us(extractor: Any, tmp_path: Path) -> None:
    assert ("USA", "supports", "GTM") in _pairs(extractor, tmp_path, VICE_PRESIDENT)


def test_the_leaders_of_a_listed_call_met_the_host_not_each_other(extractor: Any, tmp_path: Path) -> None:
    found = _pairs(extractor, tmp_path, CALL_WITH_LEADERS)
    talks = {frozenset((s, o)) for s, r, o in found if r == "consultsWith"}
    assert {frozenset(("USA", c)) for c in ("DEU", "POL", "NLD")} <= talks
    assert not talks & {frozenset(p) for p in (("DEU", "POL"), ("DEU", "NLD"), ("POL", "NLD"))}


def test_a_dateline_city_is_not_an_actor(extractor: Any, tmp_path: Path) -> None:
    text = "WASHINGTON (Reuters) - Turkey's foreign minister criticised Greece on Tuesday.\n"
    assert _pairs(extractor, tmp_path, text) == {("TUR", "accuses", "GRC")}


def test_a_joint_statements_we_never_calls_on_itself(extractor: Any, tmp_path: Path) -> None:
    text = release(
        "Joint Statement from the Leaders of Egypt, Qatar and the United States",
        "2024-08-08",
        """\
We urge both sides to return to the table in Cairo next week.
""",
    )
    assert not {p for p in _pairs(extractor, tmp_path, text) if p[1] == "requests"}


def test_they_after_a_people_is_that_people(extractor: Any, tmp_path: Path) -> None:
    text = release(
        "Remarks of President Biden with Prime Minister Kishida in Tokyo",
        "2023-05-18",
        """\
PRESIDENT BIDEN:  We stand beside the Ukrainian people while they defend their homeland.
""",
    )
    found = _pairs(extractor, tmp_path, text)
    assert not {p for p in found if {p[0], p[2]} == {"USA", "JPN"} and p[1] == "supports"}


def test_a_leader_the_title_names_with_a_state_is_that_state(extractor: Any, tmp_path: Path) -> None:
    """A king the gazetteer does not know, named in the title with his state, is that state in the text."""
    text = release(
        "Readout of Vice President Harris's Call with His Majesty King Abdullah II of Jordan",
        "2023-04-02",
        """\
The Vice President spoke with the monarch by phone today.

King Abdullah condemned the attacks by the Houthis on shipping.
""",
    )
    assert ("JOR", "accuses", None) in _pairs(extractor, tmp_path, text)


def test_a_joint_statements_we_relates_its_signatories_only_when_they_act_together(
    extractor: Any, tmp_path: Path
) -> None:
    """ "We will work together" and "our cooperation" relate the signatories; "we support X" does not."""
    text = release(
        "Joint Statement of the United States, Japan and Korea on Maritime Security",
        "2024-11-15",
        """\
We will work together on maritime security in the region.

We reaffirm our support for Ukraine.
""",
    )
    found = _pairs(extractor, tmp_path, text)
    together = {tuple(sorted((p[0] or "", p[2] or ""))) for p in found if p[1] == "cooperatesWith"}
    assert together == {("JPN", "KOR"), ("JPN", "USA"), ("KOR", "USA")}
    assert {p[0] for p in found if p[1] == "supports" and p[2] == "UKR"} == {"JPN", "KOR", "USA"}
    assert not {p for p in found if p[1] == "supports" and p[2] != "UKR"}
