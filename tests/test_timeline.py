"""The timeline picture and the timeline command."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from actorgraph.cli import cli
from actorgraph.errors import ActorgraphError, UnknownActorError
from actorgraph.netview import to_networkx
from actorgraph.timeline import plot_timeline, timeline_points

FIXTURE = Path(__file__).parent / "data" / "views_fixture.ttl"


@pytest.fixture(scope="module")
def multi():  # type: ignore[no-untyped-def]
    return to_networkx(Graph().parse(FIXTURE, format="turtle"))


def test_points(multi) -> None:  # type: ignore[no-untyped-def]
    points = timeline_points(multi, "Russia", "Turkey")
    assert [(p["date"], p["relation"], p["polarity"]) for p in points] == [
        ("2020-10-01", "accuses", -1),
        ("2020-11-11", "cooperatesWith", 1),
        ("2020-11-12", "pressures", -1),
    ]
    assert points[1]["subject"] == "Russian Foreign Ministry"  # the rolled-up actor's own name is kept


def test_png_and_svg(multi, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    png = plot_timeline(multi, "RUS", "TUR", tmp_path / "rt.png")
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    svg = plot_timeline(multi, "Armenia", "Azerbaijan", tmp_path / "aa.svg")
    text = svg.read_text(encoding="utf-8")
    assert "<svg" in text and "clashesWith" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["aa.svg", "rt.png"]  # no temporary files left


def test_errors(multi, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ActorgraphError, match=r"png or \.svg"):
        plot_timeline(multi, "RUS", "TUR", tmp_path / "x.gif")
    with pytest.raises(UnknownActorError):
        plot_timeline(multi, "RUS", "Atlantis", tmp_path / "x.png")
    with pytest.raises(ActorgraphError, match="no dated statements"):
        plot_timeline(multi, "Iran", "Turkey", tmp_path / "x.png")
    assert not (tmp_path / "x.png").exists()


def test_timeline_cli(tmp_path: Path) -> None:
    out = tmp_path / "t.svg"
    result = CliRunner().invoke(cli, ["timeline", str(FIXTURE), "Russia", "Turkey", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    result = CliRunner().invoke(cli, ["timeline", str(FIXTURE), "Russia", "Mordor", "-o", str(out)])
    assert result.exit_code == 1 and "unknown actor" in result.output
