"""The dyad matrix: actors x actors coloured by the net polarity of each pair, ordered by blocs.

On a big graph this is what analysts scan first: one row and one column per actor (the most active ones),
each cell the pair's net score from :func:`actorgraph.netview.aggregate` (green cooperative, red conflictual,
grey balanced, white no evidence, a dot for ambivalent pairs), and the actors grouped by the Louvain blocs
of :func:`actorgraph.analysis.community_nodes`, so allied blocs show as green squares on the diagonal and
rivalries as red blocks off it. :func:`dyad_matrix` computes it; :func:`plot_matrix` draws it (PNG or
SVG); the HTML view shows the same matrix.
"""

from __future__ import annotations

import os
from collections.abc import Hashable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from .analysis import community_nodes
from .pictures import new_figure, save_figure

__all__ = ["DEFAULT_MATRIX_ACTORS", "DyadMatrix", "dyad_matrix", "plot_matrix"]

#: Actors shown by default: more rows than this are not legible on a screen or a page.
DEFAULT_MATRIX_ACTORS = 40


@dataclass(frozen=True)
class DyadMatrix:
    """The matrix of :func:`dyad_matrix`: actors in display order and one value per pair.

    ``bloc`` numbers the bloc of each actor (0 the largest shown; -1 for actors in no bloc); ``net``,
    ``statements`` and ``classification`` are square lists indexed like ``ids`` (None / 0 where a pair has
    no counted evidence); ``actors`` counts the actors of the whole graph that have any pair.
    """

    ids: list[str]
    labels: list[str]
    bloc: list[int]
    net: list[list[float | None]]
    statements: list[list[int]]
    classification: list[list[str | None]]
    actors: int

    def to_json(self) -> dict[str, Any]:
        """The matrix as plain data."""
        return asdict(self)


def dyad_matrix(signed: nx.Graph[Any], top: int | None = DEFAULT_MATRIX_ACTORS) -> DyadMatrix:
    """The ``top`` most active actors of a signed graph, ordered by bloc, with the net score of every pair.

    Activity is the number of counted statements an actor takes part in. Blocs are the Louvain communities of
    the cooperative graph, largest first (by members shown), then the actors in no bloc; within a bloc the
    most active actor comes first.

    Args:
        signed: The aggregated signed graph of :func:`actorgraph.netview.aggregate`.
        top: How many actors to keep (None: every actor with a pair).

    Returns:
        The matrix.

    Examples:
        >>> g = nx.Graph()
        >>> g.add_edge("TUR", "AZE", classification="allied", net=3.0, weight=2, coop_weight=3.0)
        >>> g.add_edge("ARM", "AZE", classification="rival", net=-4.0, weight=3)
        >>> m = dyad_matrix(g)
        >>> m.ids, m.bloc, m.net[0][2]
        (['AZE', 'TUR', 'ARM'], [0, 0, -1], -4.0)
    """
    activity: dict[Hashable, int] = {}
    for u, v, data in signed.edges(data=True):
        if u == v:
            continue
        for node in (u, v):
            activity[node] = activity.get(node, 0) + int(data.get("weight", 1) or 1)
    ranked = sorted(activity, key=lambda n: (-activity[n], _label(signed, n), str(n)))
    kept = set(ranked if top is None else ranked[:top])
    order: list[Hashable] = []
    bloc: list[int] = []
    groups = [[n for n in group if n in kept] for group in community_nodes(signed)]
    groups = [g for g in groups if g]
    groups.sort(key=lambda g: (-len(g), -max(activity[n] for n in g)))
    for number, group in enumerate(groups):
        for node in sorted(group, key=ranked.index):
            order.append(node)
            bloc.append(number)
    for node in ranked:
        if node in kept and node not in set(order):
            order.append(node)
            bloc.append(-1)
    size = len(order)
    net: list[list[float | None]] = [[None] * size for _ in range(size)]
    counts = [[0] * size for _ in range(size)]
    kinds: list[list[str | None]] = [[None] * size for _ in range(size)]
    for i, u in enumerate(order):
        for j, v in enumerate(order):
            if i != j and signed.has_edge(u, v):
                data = signed.edges[u, v]
                net[i][j] = float(data.get("net", 0.0) or 0.0)
                counts[i][j] = int(data.get("weight", 0) or 0)
                kinds[i][j] = data.get("classification")
    return DyadMatrix(
        ids=[str(n) for n in order],
        labels=[_label(signed, n) for n in order],
        bloc=bloc,
        net=net,
        statements=counts,
        classification=kinds,
        actors=len(activity),
    )


def _label(graph: nx.Graph[Any], node: Hashable) -> str:
    return str(graph.nodes[node].get("label", node)) if node in graph else str(node)


def plot_matrix(matrix: DyadMatrix, output: str | os.PathLike[str], title: str | None = None) -> Path:
    """Draw the dyad matrix into a PNG or SVG file (written atomically).

    Colours run from red (conflictual) through grey to green (cooperative) on a symmetric log scale, so a
    pair with one statement still shows; white cells have no counted evidence, grey ones balanced evidence,
    and a dot marks ambivalent pairs. Lines separate the blocs.

    Args:
        matrix: The matrix of :func:`dyad_matrix`.
        output: ``.png`` or ``.svg`` file.
        title: Picture title (default: what is shown and how it is ordered).

    Returns:
        The path written.

    Raises:
        ActorgraphError: Unknown file suffix, or nothing to draw.
    """
    from .errors import ActorgraphError
    from .pictures import picture_format

    picture_format(output)
    size = len(matrix.ids)
    if size < 2:
        raise ActorgraphError("the graph has no pair of related actors to draw a matrix of")
    import numpy as np
    from matplotlib.colors import LinearSegmentedColormap, SymLogNorm

    values = np.ma.masked_invalid(np.array([[np.nan if v is None else v for v in row] for row in matrix.net]))
    limit = max(1.0, float(np.nanmax(np.abs(values.filled(np.nan)))) if values.count() else 1.0)
    cmap = LinearSegmentedColormap.from_list(
        "polarity", ["#d62728", "#f4c7c7", "#e4e4e4", "#c9e6c9", "#2ca02c"]
    ).with_extremes(bad="#ffffff")
    font = 7 if size > 25 else 8
    cell = 0.19  # inches
    margin = 0.3 + 0.0085 * font * max(len(label) for label in matrix.labels)  # room for the longest label
    side = cell * size
    width, height = margin + side + 1.5, margin + side + 0.5
    figure = new_figure(width, height)
    axes = figure.add_axes((margin / width, margin / height, side / width, side / height))
    norm = SymLogNorm(linthresh=1.0, vmin=-limit, vmax=limit)
    image = axes.imshow(values, cmap=cmap, norm=norm, interpolation="nearest")
    ambivalent = [
        (j, i)
        for i, row in enumerate(matrix.classification)
        for j, kind in enumerate(row)
        if kind == "ambivalent"
    ]
    if ambivalent:
        xs, ys = zip(*ambivalent, strict=True)
        axes.scatter(xs, ys, s=6, color="#333333", marker="o", linewidths=0)
    for k in range(1, size):
        if matrix.bloc[k] != matrix.bloc[k - 1]:
            axes.axhline(k - 0.5, color="#555555", linewidth=0.8)
            axes.axvline(k - 0.5, color="#555555", linewidth=0.8)
    axes.set_xticks(range(size), matrix.labels, rotation=90, fontsize=font)
    axes.set_yticks(range(size), matrix.labels, fontsize=font)
    axes.tick_params(length=0)
    legend_axes = figure.add_axes(
        ((margin + side + 0.15) / width, margin / height, 0.15 / width, side / height)
    )
    colorbar = figure.colorbar(image, cax=legend_axes)
    colorbar.set_label("net polarity (cooperative − conflictual weight)", fontsize=8)
    colorbar.ax.tick_params(labelsize=7)
    shown = (
        f"the {size} most active of {matrix.actors} actors" if size < matrix.actors else f"all {size} actors"
    )
    axes.set_title(title or f"Net polarity between {shown}, ordered by bloc", fontsize=10, loc="left")
    return save_figure(figure, output)
