"""A dated picture of how the relation between two actors changed: cooperation up, conflict down.

Ambivalent relations (Russia–Turkey: a jet shot down, sanctions, then reconciliation and joint patrols) only
make sense over time. :func:`plot_timeline` draws every dated statement between two actors as a stem:
cooperative evidence up in green, conflictual down in red, neutral on the axis in grey, stem height = the
statement's confidence, each annotated with its relation type. matplotlib runs with the Agg backend (no
display needed) and the file is written atomically.
"""

from __future__ import annotations

import io
import os
from collections.abc import Hashable
from datetime import date as _date
from pathlib import Path
from typing import Any

import networkx as nx

from .atomic import atomic_write_bytes
from .errors import ActorgraphError
from .netview import COUNTED_MOODS, date_bounds

__all__ = ["FORMATS", "plot_timeline", "timeline_points"]

#: Output formats by file suffix.
FORMATS = {".png": "png", ".svg": "svg"}

_COLORS = {1: "#2ca02c", -1: "#d62728", 0: "#8c8c8c"}


def timeline_points(multigraph: nx.MultiDiGraph[Any], a: str, b: str) -> list[dict[str, Any]]:
    """The dated statements between two actors (either direction), oldest first.

    Negated, conditional and question statements are left out (they assert nothing); so are undated ones.

    Args:
        multigraph: The statement multigraph of :func:`actorgraph.netview.to_networkx`.
        a: First actor (label, ISO code, slug or IRI).
        b: Second actor.

    Returns:
        ``[{"date", "relation", "polarity", "confidence", "hedged", "subject", "object", "sentence",
        "doc"}]``.

    Raises:
        UnknownActorError: An actor is not in the graph.

    Examples:
        >>> m = nx.MultiDiGraph()
        >>> m.add_node("R", label="Russia"); m.add_node("T", label="Turkey")
        >>> _ = m.add_edge("T", "R", relation="attacks", polarity=-1, date="2015-11-24", confidence=0.9)
        >>> [(p["date"], p["relation"]) for p in timeline_points(m, "russia", "turkey")]
        [('2015-11-24', 'attacks')]
    """
    from .analysis import resolve_actor

    u, v = resolve_actor(multigraph, a), resolve_actor(multigraph, b)
    points = []
    for s, o, data in multigraph.edges(data=True):
        if {s, o} != {u, v} or (s == o and u != v):
            continue
        if data.get("negated") or (data.get("mood") or "asserted") not in COUNTED_MOODS:
            continue
        if not date_bounds(data.get("date")):
            continue
        points.append(
            {
                "date": str(data["date"]),
                "relation": str(data.get("relation", "")),
                "polarity": int(data.get("polarity") or 0),
                "confidence": float(data.get("confidence") or 0.5),
                "hedged": bool(data.get("hedged")),
                "subject": str(data.get("subject_label") or _label(multigraph, s)),
                "object": str(data.get("object_label") or _label(multigraph, o)),
                "sentence": str(data.get("sentence") or ""),
                "doc": str(data.get("doc") or ""),
            }
        )
    points.sort(key=lambda p: (p["date"], p["relation"], p["subject"]))
    return points


def _label(graph: nx.MultiDiGraph[Any], node: Hashable) -> str:
    return str(graph.nodes[node].get("label", node))


def _middle(value: str) -> _date:
    """The day a (possibly coarse) date is drawn at: the middle of its month or year."""
    first, last = date_bounds(value) or (value, value)
    a, b = _date.fromisoformat(first), _date.fromisoformat(last)
    return _date.fromordinal((a.toordinal() + b.toordinal()) // 2)


def plot_timeline(
    multigraph: nx.MultiDiGraph[Any], a: str, b: str, output: str | os.PathLike[str], title: str | None = None
) -> Path:
    """Draw the cooperative and conflictual evidence between two actors over time into a PNG or SVG.

    Args:
        multigraph: The statement multigraph of :func:`actorgraph.netview.to_networkx` (state level usually).
        a: First actor (label, ISO code, slug or IRI).
        b: Second actor.
        output: ``.png`` or ``.svg`` file; written atomically, parent folders created.
        title: Plot title (default: "A – B: cooperation and conflict").

    Returns:
        The path written.

    Raises:
        ActorgraphError: Unknown file suffix, or no dated statement links the two actors.
        UnknownActorError: An actor is not in the graph.
    """
    target = Path(output)
    fmt = FORMATS.get(target.suffix.lower())
    if fmt is None:
        raise ActorgraphError(f"{target}: unknown picture format {target.suffix!r}; use .png or .svg")
    points = timeline_points(multigraph, a, b)
    from .analysis import resolve_actor

    name_a = _label(multigraph, resolve_actor(multigraph, a))
    name_b = _label(multigraph, resolve_actor(multigraph, b))
    if not points:
        raise ActorgraphError(f"no dated statements between {name_a} and {name_b} in the graph")

    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib import dates as mdates
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    fig = Figure(figsize=(11, 4.8), layout="constrained")
    ax = fig.add_subplot()
    days = [float(mdates.date2num(_middle(p["date"]))) for p in points]  # type: ignore[no-untyped-call]
    # stack statements of one day and sign so their labels don't overlap
    seen: dict[tuple[float, int], int] = {}
    for day, point in zip(days, points, strict=True):
        sign = point["polarity"]
        slot = seen.get((day, sign), 0)
        seen[(day, sign)] = slot + 1
        height = sign * (point["confidence"] + 0.18 * slot) if sign else 0.0
        color = _COLORS.get(sign, _COLORS[0])
        ax.vlines(
            day, 0, height, color=color, linewidth=2, linestyles="dashed" if point["hedged"] else "solid"
        )
        ax.plot([day], [height], "o", color=color, markersize=7 if sign else 6)
        offset = 6 if sign >= 0 else -6
        ax.annotate(
            point["relation"],
            (day, height),
            xytext=(0, offset + (8 * slot if sign == 0 else 0)),
            textcoords="offset points",
            ha="center",
            va="bottom" if sign >= 0 else "top",
            fontsize=8,
            rotation=30,
            color="#333333",
        )
    ax.axhline(0, color="#555555", linewidth=0.8)
    top = max([abs(p["confidence"]) for p in points] + [1.0]) + 0.18 * max(seen.values(), default=1) + 0.3
    ax.set_ylim(-top, top)
    ax.set_yticks([-1, 0, 1], ["conflict", "", "cooperation"])
    ax.set_ylabel("evidence (confidence)")
    if len(set(days)) == 1:
        ax.set_xlim(days[0] - 30, days[0] + 30)
    ax.xaxis_date()
    ax.grid(axis="x", color="#eeeeee")
    ax.set_title(title or f"{name_a} – {name_b}: cooperation and conflict")
    ax.legend(
        handles=[
            Line2D([], [], color=_COLORS[1], marker="o", label="cooperative"),
            Line2D([], [], color=_COLORS[-1], marker="o", label="conflictual"),
            Line2D([], [], color=_COLORS[0], marker="o", label="neutral"),
            Line2D([], [], color="#555555", linestyle="dashed", label="hedged"),
        ],
        loc="upper left",
        fontsize=8,
        frameon=False,
    )
    fig.autofmt_xdate()
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, dpi=110, metadata={"Software": None} if fmt == "png" else {"Date": None})
    atomic_write_bytes(target, buffer.getvalue())
    return target
