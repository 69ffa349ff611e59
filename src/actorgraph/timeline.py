"""How the relation between two actors changed over time: cooperation and conflict counted per period.

Ambivalent relations (Russia–Turkey: a jet shot down, sanctions, then reconciliation and joint patrols) only
make sense over time, and a busy dyad has hundreds of statements. :func:`dyad_timeline` counts the dated
statements between two actors per month, quarter or year (cooperative, conflictual, neutral, and their
weights as in :func:`actorgraph.netview.aggregate`) and picks the notable events: the heaviest statements
(an attack outweighs a phone call), cooperative and conflictual in turn, at most one per period.
:func:`write_timeline` draws it (PNG or SVG: cooperative counts above the axis, conflictual below, the net
intensity per period underneath, the notable events labelled where their text overlaps nothing) or writes
the same periods as CSV.
"""

from __future__ import annotations

import csv
import io
import itertools
import os
from collections.abc import Hashable, Iterator
from dataclasses import dataclass, field
from datetime import date as _date
from pathlib import Path
from typing import Any, Literal

import networkx as nx

from .atomic import atomic_write_text
from .errors import ActorgraphError
from .netview import COUNTED_MOODS, date_bounds, relation_info, statement_weight
from .pictures import new_figure, picture_format, save_figure

__all__ = [
    "CSV_COLUMNS",
    "Period",
    "Timeline",
    "TimelinePeriod",
    "TimelinePoint",
    "drawn_texts",
    "dyad_timeline",
    "plot_timeline",
    "text_box",
    "timeline_figure",
    "timeline_points",
    "write_timeline",
]

Period = Literal["auto", "month", "quarter", "year"]

#: Columns of the CSV output, one row per period.
CSV_COLUMNS = (
    "period",
    "start",
    "end",
    "cooperative",
    "conflictual",
    "neutral",
    "coop_weight",
    "conflict_weight",
    "net",
    "notable",
)

_COLORS = {1: "#2ca02c", -1: "#d62728", 0: "#8c8c8c"}


@dataclass(frozen=True)
class TimelinePoint:
    """One dated statement between the two actors, with its weight (confidence x relation intensity)."""

    date: str
    relation: str
    polarity: int
    confidence: float
    hedged: bool
    subject: str
    object: str
    sentence: str
    doc: str
    weight: float

    def caption(self, limit: int | None = None) -> str:
        """``2015-11-24 Turkey attacks Russia``, shortened at a word to at most ``limit`` characters.

        Examples:
            >>> point = TimelinePoint("2015-11-24", "attacks", -1, 0.9, False, "Turkey", "Russia", "", "", 8)
            >>> point.caption(), point.caption(limit=24)
            ('2015-11-24 Turkey attacks Russia', '2015-11-24 Turkey …')
        """
        text = f"{self.date} {self.subject} {self.relation} {self.object}"
        if limit is None or len(text) <= limit:
            return text
        return text[: limit - 1].rsplit(" ", 1)[0] + " …"


@dataclass(frozen=True)
class TimelinePeriod:
    """Counts and weights of one month, quarter or year; ``notable`` holds the captions labelled in it."""

    label: str
    start: str
    end: str
    cooperative: int = 0
    conflictual: int = 0
    neutral: int = 0
    coop_weight: float = 0.0
    conflict_weight: float = 0.0
    notable: list[str] = field(default_factory=list)

    @property
    def net(self) -> float:
        """Cooperative minus conflictual weight."""
        return round(self.coop_weight - self.conflict_weight, 6)


@dataclass(frozen=True)
class Timeline:
    """The periods between the first and the last dated statement of a dyad, and its notable events."""

    a: str
    b: str
    by: str
    periods: list[TimelinePeriod]
    points: list[TimelinePoint]
    notable: list[TimelinePoint]

    def rows(self) -> Iterator[dict[str, Any]]:
        """One dict per period with the :data:`CSV_COLUMNS` (a pure generator)."""
        for p in self.periods:
            yield {
                "period": p.label,
                "start": p.start,
                "end": p.end,
                "cooperative": p.cooperative,
                "conflictual": p.conflictual,
                "neutral": p.neutral,
                "coop_weight": round(p.coop_weight, 3),
                "conflict_weight": round(p.conflict_weight, 3),
                "net": round(p.net, 3),
                "notable": "; ".join(p.notable),
            }

    def to_csv(self) -> str:
        """The periods as CSV (RFC 4180 line ends), the same numbers the picture draws."""
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(CSV_COLUMNS), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(self.rows())
        return buffer.getvalue()


def _label(graph: nx.MultiDiGraph[Any], node: Hashable) -> str:
    return str(graph.nodes[node].get("label", node))


def timeline_points(multigraph: nx.MultiDiGraph[Any], a: str, b: str) -> list[TimelinePoint]:
    """The dated statements between two actors (either direction), oldest first.

    Negated, conditional and question statements are left out (they assert nothing); so are undated ones.

    Args:
        multigraph: The statement multigraph of :func:`actorgraph.netview.to_networkx`.
        a: First actor (label, ISO code, slug or IRI).
        b: Second actor.

    Returns:
        The points, each with its date, relation, polarity, confidence, hedging, the actors' own names,
        sentence, document and weight.

    Raises:
        UnknownActorError: An actor is not in the graph.

    Examples:
        >>> m = nx.MultiDiGraph()
        >>> m.add_node("R", label="Russia"); m.add_node("T", label="Turkey")
        >>> _ = m.add_edge("T", "R", relation="attacks", polarity=-1, date="2015-11-24", confidence=0.9)
        >>> [(p.date, p.relation) for p in timeline_points(m, "russia", "turkey")]
        [('2015-11-24', 'attacks')]
    """
    from .analysis import resolve_actor

    u, v = resolve_actor(multigraph, a), resolve_actor(multigraph, b)
    relations = relation_info()
    points = []
    for s, o, data in multigraph.edges(data=True):
        if {s, o} != {u, v} or (s == o and u != v):
            continue
        if data.get("negated") or (data.get("mood") or "asserted") not in COUNTED_MOODS:
            continue
        if not date_bounds(data.get("date")):
            continue
        points.append(
            TimelinePoint(
                date=str(data["date"]),
                relation=str(data.get("relation", "")),
                polarity=int(data.get("polarity") or 0),
                confidence=float(data.get("confidence") or 0.5),
                hedged=bool(data.get("hedged")),
                subject=str(data.get("subject_label") or _label(multigraph, s)),
                object=str(data.get("object_label") or _label(multigraph, o)),
                sentence=str(data.get("sentence") or ""),
                doc=str(data.get("doc") or ""),
                weight=round(statement_weight(data, relations), 6),
            )
        )
    points.sort(key=lambda p: (p.date, p.relation, p.subject))
    return points


def _middle(value: str) -> _date:
    """The day a (possibly coarse) date is counted at: the middle of its month or year."""
    first, last = date_bounds(value) or (value, value)
    a, b = _date.fromisoformat(first), _date.fromisoformat(last)
    return _date.fromordinal((a.toordinal() + b.toordinal()) // 2)


def _period_of(day: _date, by: str) -> tuple[int, int]:
    """``(year, index)``: the month (1-12), quarter (1-4) or year (1) a day falls in."""
    if by == "month":
        return day.year, day.month
    if by == "quarter":
        return day.year, (day.month - 1) // 3 + 1
    return day.year, 1


def _period_bounds(key: tuple[int, int], by: str) -> tuple[str, str, str]:
    """Label, first and last day of a period."""
    year, index = key
    months = {"month": 1, "quarter": 3, "year": 12}[by]
    first_month = (index - 1) * months + 1
    last_month = first_month + months - 1
    bounds = date_bounds(f"{year:04d}-{last_month:02d}")
    assert bounds is not None
    label = {"month": f"{year:04d}-{index:02d}", "quarter": f"{year:04d}-Q{index}", "year": f"{year:04d}"}[by]
    return label, f"{year:04d}-{first_month:02d}-01", bounds[1]


def _next(key: tuple[int, int], by: str) -> tuple[int, int]:
    year, index = key
    last = {"month": 12, "quarter": 4, "year": 1}[by]
    return (year + 1, 1) if index >= last else (year, index + 1)


def _resolve_period(days: list[_date], by: Period) -> str:
    if by != "auto":
        return by
    span = (days[-1].year - days[0].year) * 12 + days[-1].month - days[0].month
    return "month" if span <= 36 else "quarter" if span <= 144 else "year"


def _heaviest_both_ways(points: list[TimelinePoint]) -> list[int]:
    """Indexes of the points, heaviest first, taking cooperative and conflictual ones in turn."""
    order = sorted(range(len(points)), key=lambda i: (-points[i].weight, points[i].date, points[i].relation))
    sides = [[i for i in order if points[i].polarity >= 0], [i for i in order if points[i].polarity < 0]]
    if sides[1] and (not sides[0] or points[sides[1][0]].weight > points[sides[0][0]].weight):
        sides.reverse()  # the heaviest statement of all comes first
    return [i for pair in itertools.zip_longest(*sides) for i in pair if i is not None]


def dyad_timeline(
    multigraph: nx.MultiDiGraph[Any], a: str, b: str, by: Period = "auto", notable: int = 8
) -> Timeline:
    """Count the statements between two actors per period and pick the notable events.

    Args:
        multigraph: The statement multigraph of :func:`actorgraph.netview.to_networkx`.
        a: First actor (label, ISO code, slug or IRI).
        b: Second actor.
        by: ``month``, ``quarter``, ``year``, or ``auto``: months when the statements span at most three
            years, quarters up to twelve years, else years.
        notable: At most this many notable events: the heaviest statements, cooperative and conflictual
            in turn, one per period at most.

    Returns:
        The timeline (every period from the first statement's to the last's, empty ones included).

    Raises:
        ActorgraphError: No dated statement links the two actors.
        UnknownActorError: An actor is not in the graph.

    Examples:
        >>> m = nx.MultiDiGraph()
        >>> m.add_node("R", label="Russia"); m.add_node("T", label="Turkey")
        >>> _ = m.add_edge("T", "R", relation="attacks", polarity=-1, date="2015-11-24", confidence=0.9)
        >>> _ = m.add_edge("R", "T", relation="consultsWith", polarity=1, date="2016-01-10", confidence=0.9)
        >>> t = dyad_timeline(m, "Russia", "Turkey")
        >>> [(p.label, p.cooperative, p.conflictual) for p in t.periods]
        [('2015-11', 0, 1), ('2015-12', 0, 0), ('2016-01', 1, 0)]
        >>> t.notable[0].caption()
        '2015-11-24 Turkey attacks Russia'
    """
    from .analysis import resolve_actor

    name_a = _label(multigraph, resolve_actor(multigraph, a))
    name_b = _label(multigraph, resolve_actor(multigraph, b))
    points = timeline_points(multigraph, a, b)
    if not points:
        raise ActorgraphError(f"no dated statements between {name_a} and {name_b} in the graph")
    days = [_middle(p.date) for p in points]
    period = _resolve_period(sorted(days), by)
    keys = [_period_of(day, period) for day in days]
    chosen: dict[tuple[int, int], int] = {}
    for i in _heaviest_both_ways(points):
        if len(chosen) >= notable:
            break
        chosen.setdefault(keys[i], i)
    totals: dict[tuple[int, int], dict[str, float]] = {}
    for key, point in zip(keys, points, strict=True):
        row = totals.setdefault(key, {"coop": 0, "conf": 0, "neutral": 0, "coop_w": 0.0, "conf_w": 0.0})
        if point.polarity > 0:
            row["coop"] += 1
            row["coop_w"] += point.weight
        elif point.polarity < 0:
            row["conf"] += 1
            row["conf_w"] += point.weight
        else:
            row["neutral"] += 1
    periods = []
    key, last = min(keys), max(keys)
    while True:
        label, start, end = _period_bounds(key, period)
        row = totals.get(key, {})
        periods.append(
            TimelinePeriod(
                label=label,
                start=start,
                end=end,
                cooperative=int(row.get("coop", 0)),
                conflictual=int(row.get("conf", 0)),
                neutral=int(row.get("neutral", 0)),
                coop_weight=round(row.get("coop_w", 0.0), 6),
                conflict_weight=round(row.get("conf_w", 0.0), 6),
                notable=[points[chosen[key]].caption()] if key in chosen else [],
            )
        )
        if key == last:
            break
        key = _next(key, period)
    notable_points = sorted((points[i] for i in chosen.values()), key=lambda p: (-p.weight, p.date))
    return Timeline(name_a, name_b, period, periods, points, notable_points)


# ----------------------------------------------------------------------------- the picture


def _shown(artist: Any) -> bool:
    return bool(artist.get_visible() and str(artist.get_text()).strip())


def text_box(text: Any, renderer: Any) -> Any:
    """The box of a text's letters on the canvas (for an annotation: without its arrow)."""
    from matplotlib.text import Annotation, Text

    if isinstance(text, Annotation):
        text.update_positions(renderer)  # where the text goes depends on its anchor's place on the canvas
    return Text.get_window_extent(text, renderer)


def drawn_texts(figure: Any) -> list[tuple[str, Any]]:
    """Every visible, non-empty text of a drawn figure with its box: what a reader sees as words."""
    from matplotlib.text import Text

    renderer = figure.canvas.get_renderer()
    undrawn: set[int] = set()  # matplotlib keeps tick labels outside the view limits but does not draw them
    for axes in figure.axes:
        for axis in (axes.xaxis, axes.yaxis):
            low, high = sorted(axis.get_view_interval())
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if not low - 1e-9 <= tick.get_loc() <= high + 1e-9:
                    undrawn.update((id(tick.label1), id(tick.label2)))
    return [
        (str(t.get_text()), text_box(t, renderer))
        for t in figure.findobj(Text)
        if _shown(t) and id(t) not in undrawn
    ]


def _crosses(start: tuple[float, float], end: tuple[float, float], boxes: list[Any]) -> bool:
    """Whether the straight leader line from ``start`` to ``end`` (display points) runs through a box."""
    for k in range(1, 24):
        x = start[0] + (end[0] - start[0]) * k / 24
        y = start[1] + (end[1] - start[1]) * k / 24
        if any(b.x0 <= x <= b.x1 and b.y0 <= y <= b.y1 for b in boxes):
            return True
    return False


#: Where the notable events' labels may go, in axes fractions: the outer quarter above and below the bars.
_LANES = {True: (0.98, 0.905, 0.83), False: (0.02, 0.095, 0.17)}


def _place_labels(figure: Any, axes: Any, timeline: Timeline, x_of: dict[str, float]) -> int:
    """Label the notable events in free lanes above (cooperative) or below (conflictual) the bars.

    Each label tries three lanes and three alignments; it is drawn only where its box overlaps no other
    text of the figure (ticks, title, legend, other labels), stays inside the axes, and neither its leader
    line crosses another label nor its box another leader; else it is left out. Returns how many were drawn.
    """
    renderer = figure.canvas.get_renderer()
    frame = axes.get_window_extent(renderer)
    taken = [box for _text, box in drawn_texts(figure)]
    labels: list[Any] = []
    leaders: list[tuple[tuple[float, float], tuple[float, float]]] = []
    by_caption = {p.caption(): p for p in timeline.notable}
    for period in timeline.periods:
        for caption in period.notable:
            point = by_caption[caption]
            up = point.polarity >= 0
            anchor = (x_of[period.label], period.cooperative if up else -period.conflictual)
            foot = axes.transData.transform(anchor)
            for lane, align in (
                (lane, align) for lane in _LANES[up] for align in ("center", "left", "right")
            ):
                text = axes.annotate(
                    point.caption(44),
                    xy=anchor,
                    xycoords="data",
                    xytext=(anchor[0], lane),
                    textcoords=("data", "axes fraction"),
                    ha=align,
                    va="top" if up else "bottom",
                    fontsize=7.5,
                    color="#222222",
                    arrowprops={"arrowstyle": "-", "color": "#aaaaaa", "linewidth": 0.6},
                )
                box = text_box(text, renderer)
                inside = (
                    frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
                )
                edge = ((box.x0 + box.x1) / 2, box.y0 if up else box.y1)  # the leader starts mid-label
                if (
                    inside
                    and not any(box.overlaps(other) for other in taken)
                    and not _crosses((foot[0], foot[1]), edge, labels)
                    and not any(_crosses(a, b, [box]) for a, b in leaders)
                ):
                    taken.append(box)
                    labels.append(box)
                    leaders.append(((foot[0], foot[1]), edge))
                    break
                text.remove()
    return len(labels)


def timeline_figure(timeline: Timeline, title: str | None = None) -> Any:
    """The timeline as a matplotlib Figure (what :func:`write_timeline` saves as a picture).

    Top panel: statements per period, cooperative stacked above the axis, conflictual below, with the notable
    events labelled. Bottom panel: the net intensity (cooperative minus conflictual weight) per period.

    Args:
        timeline: The timeline of :func:`dyad_timeline`.
        title: Picture title (default: "A – B: cooperation and conflict").

    Returns:
        The Figure (Agg backend).
    """
    from matplotlib import dates as mdates
    from matplotlib.patches import Patch
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    figure = new_figure(11.0, 5.6)
    figure.text(
        0.012, 0.975, title or f"{timeline.a} – {timeline.b}: cooperation and conflict", fontsize=12, va="top"
    )
    counts = figure.add_axes((0.075, 0.36, 0.905, 0.50))
    net_axes = figure.add_axes((0.075, 0.09, 0.905, 0.20), sharex=counts)
    starts = [_date.fromisoformat(p.start) for p in timeline.periods]
    ends = [_date.fromisoformat(p.end) for p in timeline.periods]
    lefts = [float(mdates.date2num(d)) for d in starts]  # type: ignore[no-untyped-call]
    widths = [float(mdates.date2num(e)) + 1 - left for e, left in zip(ends, lefts, strict=True)]  # type: ignore[no-untyped-call]
    centres = [left + w / 2 for left, w in zip(lefts, widths, strict=True)]
    bar_widths = [w * 0.82 for w in widths]
    coop = [p.cooperative for p in timeline.periods]
    conf = [p.conflictual for p in timeline.periods]
    counts.bar(centres, coop, width=bar_widths, color=_COLORS[1], linewidth=0)
    counts.bar(centres, [-c for c in conf], width=bar_widths, color=_COLORS[-1], linewidth=0)
    counts.axhline(0, color="#555555", linewidth=0.8)
    top, bottom = max([*coop, 1]), max([*conf, 1])
    span = top + bottom
    counts.set_ylim(
        -bottom - span / 2, top + span / 2
    )  # bars in the middle half, labels in the outer quarters
    counts.yaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
    counts.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{abs(int(v))}"))
    counts.set_ylabel(f"statements per {timeline.by}", fontsize=8)
    counts.tick_params(axis="x", labelbottom=False)
    counts.tick_params(axis="y", labelsize=8)
    counts.grid(axis="x", color="#f0f0f0")
    net = [p.net for p in timeline.periods]
    net_axes.bar(
        centres,
        net,
        width=bar_widths,
        color=[_COLORS[1] if v >= 0 else _COLORS[-1] for v in net],
        linewidth=0,
    )
    net_axes.axhline(0, color="#555555", linewidth=0.8)
    net_axes.set_ylabel("net intensity", fontsize=8)
    net_axes.yaxis.set_major_locator(MaxNLocator(nbins=3))
    net_axes.tick_params(labelsize=8)
    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)  # type: ignore[no-untyped-call]
    net_axes.xaxis.set_major_locator(locator)
    net_axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    pad = widths[0] * 0.6
    counts.set_xlim(lefts[0] - pad, lefts[-1] + widths[-1] + pad)
    figure.legend(
        handles=[
            Patch(color=_COLORS[1], label="cooperative statements"),
            Patch(color=_COLORS[-1], label="conflictual statements"),
        ],
        loc="upper right",
        bbox_to_anchor=(0.98, 0.985),
        ncol=2,
        fontsize=8,
        frameon=False,
    )
    figure.canvas.draw()
    _place_labels(
        figure, counts, timeline, {p.label: c for p, c in zip(timeline.periods, centres, strict=True)}
    )
    return figure


def write_timeline(timeline: Timeline, output: str | os.PathLike[str], title: str | None = None) -> Path:
    """Write the timeline as a picture (``.png``, ``.svg``) or its periods as a table (``.csv``), atomically.

    Args:
        timeline: The timeline of :func:`dyad_timeline`.
        output: The file; its suffix picks the format.
        title: Picture title.

    Returns:
        The path written.

    Raises:
        ActorgraphError: Unknown file suffix.
    """
    target = Path(output)
    if picture_format(target, {".csv": "csv"}) == "csv":
        atomic_write_text(target, timeline.to_csv())
        return target
    return save_figure(timeline_figure(timeline, title), target)


def plot_timeline(
    multigraph: nx.MultiDiGraph[Any],
    a: str,
    b: str,
    output: str | os.PathLike[str],
    title: str | None = None,
    by: Period = "auto",
) -> Path:
    """Count the statements between two actors (:func:`dyad_timeline`) and write the picture or the CSV.

    Args:
        multigraph: The statement multigraph of :func:`actorgraph.netview.to_networkx` (state level usually).
        a: First actor (label, ISO code, slug or IRI).
        b: Second actor.
        output: ``.png``, ``.svg`` or ``.csv`` file; written atomically, parent folders created.
        title: Picture title (default: "A – B: cooperation and conflict").
        by: Period of one bar (see :func:`dyad_timeline`).

    Returns:
        The path written.

    Raises:
        ActorgraphError: Unknown file suffix, or no dated statement links the two actors.
        UnknownActorError: An actor is not in the graph.
    """
    picture_format(output, {".csv": "csv"})  # a bad suffix fails before any work
    return write_timeline(dyad_timeline(multigraph, a, b, by=by), output, title=title)
