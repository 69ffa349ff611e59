"""The dyad timeline: points, periods, notable events, the picture (legible at 500 statements), CSV, CLI."""

from __future__ import annotations

import csv
import io
import itertools
import random
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Graph

from actorgraph.cli import cli
from actorgraph.errors import ActorgraphError, UnknownActorError
from actorgraph.netview import to_networkx
from actorgraph.store import open_store
from actorgraph.timeline import (
    CSV_COLUMNS,
    drawn_texts,
    dyad_timeline,
    plot_timeline,
    timeline_figure,
    timeline_points,
    write_timeline,
)

FIXTURE = Path(__file__).parent / "data" / "views_fixture.ttl"


@pytest.fixture(scope="module")
def multi() -> nx.MultiDiGraph:
    return to_networkx(open_store(Graph().parse(FIXTURE, format="turtle")))


def busy_dyad(statements: int = 500, seed: int = 11) -> nx.MultiDiGraph:
    """Russia and Turkey with ``statements`` statements over five years: talks, deals, threats, attacks."""
    rng = random.Random(seed)
    m = nx.MultiDiGraph(level="state")
    m.add_node("R", label="Russia", type="State", state="RUS")
    m.add_node("T", label="Turkey", type="State", state="TUR")
    relations = [
        ("consultsWith", 1, 0.40),
        ("cooperatesWith", 1, 0.15),
        ("agreesWith", 1, 0.10),
        ("accuses", -1, 0.15),
        ("pressures", -1, 0.08),
        ("sanctions", -1, 0.04),
        ("attacks", -1, 0.03),
        ("requests", 0, 0.05),
    ]
    names, polarities, weights = zip(*relations, strict=True)
    for k in range(statements):
        i = rng.choices(range(len(names)), weights=weights)[0]
        day = f"{2016 + rng.randrange(5)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        u, v = ("R", "T") if k % 2 else ("T", "R")
        m.add_edge(
            u,
            v,
            key=f"s{k:03d}",
            relation=names[i],
            polarity=polarities[i],
            confidence=round(rng.uniform(0.5, 0.95), 2),
            date=day if k % 10 else day[:7],  # every tenth statement is dated to the month only
            subject_label="Recep Tayyip Erdoğan" if k % 7 == 0 and u == "T" else None,
        )
    return m


def test_points(multi: nx.MultiDiGraph) -> None:
    points = timeline_points(multi, "Russia", "Turkey")
    assert [(p.date, p.relation, p.polarity) for p in points] == [
        ("2020-10-01", "accuses", -1),
        ("2020-11-11", "cooperatesWith", 1),
        ("2020-11-12", "pressures", -1),
    ]
    assert points[1].subject == "Russian Foreign Ministry"  # the rolled-up actor's own name is kept
    assert [p.weight for p in points] == [1.8, 3.6, 3.0]  # confidence x intensity: 0.9 x 2, 0.9 x 4, 0.6 x 5


def test_periods_cover_the_whole_span_and_count_every_statement() -> None:
    m = busy_dyad()
    t = dyad_timeline(m, "Russia", "Turkey")
    assert t.by == "quarter"  # five years: quarters
    assert [p.label for p in t.periods][:3] == ["2016-Q1", "2016-Q2", "2016-Q3"] and len(t.periods) == 20
    assert sum(p.cooperative + p.conflictual + p.neutral for p in t.periods) == 500 == len(t.points)
    monthly = dyad_timeline(m, "TUR", "RUS", by="month")
    assert len(monthly.periods) == 60 and monthly.periods[0].label == "2016-01"
    assert sum(p.conflictual for p in monthly.periods) == sum(p.conflictual for p in t.periods)
    # notable events: the heaviest statements of each side, at most one per period
    assert len(t.notable) == 8 and all(len(p.notable) <= 1 for p in t.periods)
    assert t.notable[0].relation == "attacks"
    for side in (1, -1):
        weights = sorted((p.weight for p in t.points if p.polarity == side), reverse=True)
        chosen = [p.weight for p in t.notable if p.polarity == side]
        assert len(chosen) >= 3 and min(chosen) >= weights[30]


def test_busy_dyad_picture_has_no_overlapping_text() -> None:
    """Issue 14: a dyad with 500 statements stays legible: no two drawn texts' boxes overlap."""
    t = dyad_timeline(busy_dyad(), "Russia", "Turkey")
    assert assert_legible(timeline_figure(t)) >= 5  # and the notable events are labelled


def test_csv_holds_the_same_periods(tmp_path: Path) -> None:
    t = dyad_timeline(busy_dyad(), "Russia", "Turkey")
    out = write_timeline(t, tmp_path / "rt.csv")
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [r["period"] for r in rows] == [p.label for p in t.periods]
    assert [int(r["cooperative"]) for r in rows] == [p.cooperative for p in t.periods]
    assert [float(r["net"]) for r in rows] == [round(p.net, 3) for p in t.periods]
    assert sum(1 for r in rows if r["notable"]) == len(t.notable)


def test_png_and_svg(multi: nx.MultiDiGraph, tmp_path: Path) -> None:
    png = plot_timeline(multi, "RUS", "TUR", tmp_path / "rt.png")
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    svg = plot_timeline(multi, "Armenia", "Azerbaijan", tmp_path / "aa.svg")
    text = svg.read_text(encoding="utf-8")
    assert "<svg" in text and "clashesWith" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["aa.svg", "rt.png"]  # no temporary files left


def test_errors(multi: nx.MultiDiGraph, tmp_path: Path) -> None:
    with pytest.raises(ActorgraphError, match=r"\.png or \.svg"):
        plot_timeline(multi, "RUS", "TUR", tmp_path / "x.gif")
    with pytest.raises(UnknownActorError):
        plot_timeline(multi, "RUS", "Atlantis", tmp_path / "x.png")
    with pytest.raises(ActorgraphError, match="no dated statements"):
        plot_timeline(multi, "Iran", "Turkey", tmp_path / "x.png")
    assert not (tmp_path / "x.png").exists()


def test_timeline_cli(tmp_path: Path) -> None:
    svg, table = tmp_path / "t.svg", tmp_path / "t.csv"
    args = ["timeline", str(FIXTURE), "Russia", "Turkey", "-o", str(svg), "-o", str(table), "--by", "month"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert svg.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert table.read_text(encoding="utf-8").splitlines()[1].startswith("2020-10,2020-10-01,2020-10-31,0,1,")
    result = CliRunner().invoke(cli, ["timeline", str(FIXTURE), "Russia", "Mordor", "-o", str(svg)])
    assert result.exit_code == 1 and "unknown actor" in result.output


def assert_legible(figure: object) -> int:
    """No two drawn texts overlap and all lie inside the picture; returns how many events are labelled."""
    figure.canvas.draw()  # type: ignore[attr-defined]
    texts = drawn_texts(figure)
    clashes = [(a, b) for (a, box_a), (b, box_b) in itertools.combinations(texts, 2) if box_a.overlaps(box_b)]
    assert clashes == []
    width, height = figure.canvas.get_width_height()  # type: ignore[attr-defined]
    assert all(box.x0 >= 0 and box.x1 <= width and box.y0 >= 0 and box.y1 <= height for _, box in texts)
    return sum(1 for text, _ in texts if text[:4].isdigit() and " " in text)


@pytest.mark.model
def test_busiest_real_dyad_is_legible(wh300_build: Path) -> None:
    """The busiest dyad of the 300 real readouts (built once per session) draws without overlapping text."""
    from actorgraph.netview import aggregate

    with open_store(wh300_build / "store") as store:
        m = to_networkx(store)
    u, v, _data = max(aggregate(m).edges(data=True), key=lambda e: (e[2]["weight"], str(e[0]), str(e[1])))
    t = dyad_timeline(m, str(u), str(v))
    assert len(t.points) >= 20
    assert assert_legible(timeline_figure(t)) >= 3
