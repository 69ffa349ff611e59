"""Node positions for the HTML view, computed once in Python so the page draws its final picture at once.

A news graph is a few hubs (the United States, Russia, the EU) with many actors met once around them. A
plain force layout lets such a hub squeeze everything else into a ring at the edge of the picture. Here:

* every connected component is laid out on its own, and the components are packed side by side in rows
  (largest first), so no component ends up half outside the view;
* the *leaves* of a component (actors linked to a single other actor) are taken out, the rest (its *core*) is
  laid out with ForceAtlas2 (degree-weighted repulsion spreads a hub's neighbours), reserving around each
  hub the room its leaves need;
* each hub's leaves are then set in a compact disc (a sunflower spiral, radius ~ sqrt(leaves)) on the side of
  the hub facing away from the core, most active leaves nearest the hub;
* overlapping dots are pushed apart in a last pass.

Above :data:`FORCEATLAS_LIMIT` core actors ForceAtlas2 (quadratic) gives way to :func:`fast_layout`, a
particle-mesh force layout that places 5,000 nodes in about a second.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Hashable, Mapping
from typing import Any

import networkx as nx
import numpy as np

__all__ = ["ASPECT", "FORCEATLAS_LIMIT", "fast_layout", "graph_layout"]

#: Cores larger than this are laid out by :func:`fast_layout` instead of ForceAtlas2.
FORCEATLAS_LIMIT = 400

#: Overlaps are removed only in components up to this size (the pass is quadratic).
_OVERLAP_LIMIT = 1500

_GOLDEN_ANGLE = math.pi * (3.0 - math.sqrt(5.0))

Positions = dict[Hashable, tuple[float, float]]


def fast_layout(
    graph: nx.Graph[Any], seed: int = 42, iterations: int = 50, grid: int = 128
) -> dict[Hashable, tuple[float, float]]:
    """Positions for a large graph in about a second: a force layout whose repulsion is computed on a grid.

    Fruchterman–Reingold needs all pairwise repulsions (quadratic: ``nx.spring_layout`` takes ~50 s at 5,000
    nodes). Here each iteration counts nodes per cell of a ``grid`` x ``grid`` mesh and gets the repulsion
    field of all of them at once by an FFT convolution (particle-mesh), then adds attraction along edges and a
    pull to the centre so components and isolated nodes stay close. Seeded: the same graph gives the same
    picture.

    Args:
        graph: Any networkx graph (directions and parallel edges are ignored).
        seed: Seed of the random start.
        iterations: Force iterations (the step size cools linearly).
        grid: Cells per side of the mesh.

    Returns:
        ``{node: (x, y)}`` centred on 0, about ``sqrt(n)`` units wide (edge length ~1).

    Examples:
        >>> pos = fast_layout(nx.path_graph(4))
        >>> sorted(pos) == [0, 1, 2, 3] and all(len(p) == 2 for p in pos.values())
        True
    """
    nodes = list(graph.nodes)
    n = len(nodes)
    if n <= 1:
        return {node: (0.0, 0.0) for node in nodes}
    index = {node: i for i, node in enumerate(nodes)}
    pairs = {(min(index[u], index[v]), max(index[u], index[v])) for u, v in graph.edges() if u != v}
    edges = np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)
    rng = np.random.default_rng(seed)
    side = math.sqrt(n)
    pos = (rng.random((n, 2)) - 0.5) * side
    offsets = np.arange(-grid, grid)
    ox, oy = np.meshgrid(offsets, offsets, indexing="ij")
    r2 = (ox * ox + oy * oy).astype(float)
    r2[grid, grid] = np.inf  # a cell does not push itself
    kx_hat = np.fft.rfft2(np.fft.ifftshift(ox / r2))
    ky_hat = np.fft.rfft2(np.fft.ifftshift(oy / r2))
    density = np.zeros((2 * grid, 2 * grid))
    temperature = side / 8
    for step in range(iterations):
        low = pos.min(axis=0)
        cell = max(float((pos.max(axis=0) - low).max()), 1e-6) / grid * (1 + 1e-9)
        ij = np.minimum(((pos - low) / cell).astype(np.int64), grid - 1)
        density[:grid, :grid] = np.bincount(ij[:, 0] * grid + ij[:, 1], minlength=grid * grid).reshape(
            grid, grid
        )
        spectrum = np.fft.rfft2(density) / cell  # repulsion k^2 / d with k = 1, d in layout units
        fx = np.fft.irfft2(spectrum * kx_hat, s=density.shape)
        fy = np.fft.irfft2(spectrum * ky_hat, s=density.shape)
        force = np.stack([fx[ij[:, 0], ij[:, 1]], fy[ij[:, 0], ij[:, 1]]], axis=1)
        if len(edges):
            delta = pos[edges[:, 0]] - pos[edges[:, 1]]
            pull = delta * np.sqrt((delta**2).sum(axis=1))[:, None]  # attraction d^2 / k
            for axis in (0, 1):
                force[:, axis] -= np.bincount(edges[:, 0], weights=pull[:, axis], minlength=n)
                force[:, axis] += np.bincount(edges[:, 1], weights=pull[:, axis], minlength=n)
        force -= 2.0 * pos
        length = np.sqrt((force**2).sum(axis=1)) + 1e-12
        pos += force / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature = side / 8 * (1 - (step + 1) / iterations) + 0.02
    pos -= pos.mean(axis=0)
    return {node: (float(pos[i, 0]), float(pos[i, 1])) for i, node in enumerate(nodes)}


def _normalised(pos: Positions, graph: nx.Graph[Any]) -> Positions:
    """Scale positions so the median edge is one unit long (the unit the radii are given in)."""
    lengths = [math.dist(pos[u], pos[v]) for u, v in graph.edges() if u != v]
    median = float(np.median(lengths)) if lengths else 1.0
    factor = 1.0 / median if median > 1e-9 else 1.0
    cx = sum(x for x, _ in pos.values()) / len(pos)
    cy = sum(y for _, y in pos.values()) / len(pos)
    return {node: ((x - cx) * factor, (y - cy) * factor) for node, (x, y) in pos.items()}


def _sunflower(count: int, spacing: float) -> list[tuple[float, float]]:
    """``count`` points evenly spread over a disc of radius ~ ``spacing * sqrt(count)``, inner ones first."""
    return [
        (
            spacing * math.sqrt(i + 0.5) * math.cos(i * _GOLDEN_ANGLE),
            spacing * math.sqrt(i + 0.5) * math.sin(i * _GOLDEN_ANGLE),
        )
        for i in range(count)
    ]


def _separate(pos: Positions, radius: Mapping[Hashable, float], gap: float, rounds: int = 60) -> Positions:
    """Push apart dots closer than the sum of their radii plus ``gap`` (a few rounds of pairwise moves)."""
    nodes = list(pos)
    if len(nodes) < 2 or len(nodes) > _OVERLAP_LIMIT:
        return pos
    xy = np.array([pos[n] for n in nodes], dtype=float)
    r = np.array([radius.get(n, 0.1) for n in nodes], dtype=float)
    need = r[:, None] + r[None, :] + gap
    np.fill_diagonal(need, 0.0)
    for _ in range(rounds):
        delta = xy[:, None, :] - xy[None, :, :]
        dist = np.sqrt((delta**2).sum(axis=2))
        overlap = np.clip(need - dist, 0.0, None)
        np.fill_diagonal(overlap, 0.0)
        if float(overlap.max()) < 1e-3:
            break
        safe = np.where(dist > 1e-9, dist, 1.0)
        direction = delta / safe[:, :, None]
        tied = dist <= 1e-9  # coincident dots: part them along a fixed, index-dependent direction
        if tied.any():
            angle = np.add.outer(np.arange(len(nodes)), np.arange(len(nodes))) * _GOLDEN_ANGLE
            direction[tied] = np.stack([np.cos(angle), np.sin(angle)], axis=2)[tied]
        xy += (direction * (overlap / 2.0)[:, :, None]).sum(axis=1)
    return {n: (float(xy[i, 0]), float(xy[i, 1])) for i, n in enumerate(nodes)}


def _core_layout(core: nx.Graph[Any], radius: Mapping[Hashable, float], seed: int) -> Positions:
    """ForceAtlas2 (or the mesh layout for big cores), scaled to unit edges, overlapping dots parted."""
    nodes = sorted(core.nodes, key=str)
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    ordered: nx.Graph[Any] = nx.Graph()
    ordered.add_nodes_from(nodes)
    ordered.add_edges_from(sorted(core.edges(), key=lambda e: (str(e[0]), str(e[1]))))
    if len(nodes) > FORCEATLAS_LIMIT:
        raw = fast_layout(ordered, seed=seed)
    else:
        found = nx.forceatlas2_layout(ordered, max_iter=150, seed=seed, scaling_ratio=2.0, gravity=1.0)
        raw = {node: (float(found[node][0]), float(found[node][1])) for node in nodes}
    return _separate(_normalised(raw, ordered), radius, gap=0.3)


#: The 24 directions a disc of leaves may take from its hub, the first pointing right (screens are wide).
_RAYS = np.array([[math.cos(2 * math.pi * k / 24), math.sin(2 * math.pi * k / 24)] for k in range(24)])


def _free_spot(
    start: tuple[float, float], size: float, centres: np.ndarray, radii: np.ndarray, near: float
) -> tuple[float, float]:
    """The centre of a disc of radius ``size``, as near ``start`` as possible, overlapping no other disc.

    Tries 24 directions from ``start`` (at least ``near`` away); along each ray the blocked stretches are
    intervals (one quadratic per obstacle), so the first free point is found exactly. The nearest wins.
    """
    offsets = np.asarray(start, dtype=float) - centres  # (n, 2)
    b = _RAYS @ offsets.T  # (24, n): projection of each obstacle offset on each ray
    reach = radii + size
    disc = b * b - ((offsets**2).sum(axis=1) - reach * reach)[None, :]
    root = np.sqrt(np.clip(disc, 0.0, None))
    lows, highs = -b - root, -b + root
    best_t, best_k = math.inf, 0
    for k in range(len(_RAYS)):
        hit = (disc[k] > 0) & (highs[k] > near)
        if not hit.any():
            best_t, best_k = near, k
            break
        order = np.argsort(lows[k, hit])
        low, high = lows[k, hit][order], highs[k, hit][order]
        # sweep the blocked stretches in order: the first start beyond everything blocked before it is free
        reach_before = np.maximum(np.concatenate(([near], np.maximum.accumulate(high)[:-1])), near)
        gaps = np.nonzero(low > reach_before)[0]
        t = float(reach_before[gaps[0]]) if len(gaps) else max(near, float(high.max()))
        if t < best_t - 1e-9:
            best_t, best_k = t, k
    return start[0] + _RAYS[best_k, 0] * best_t, start[1] + _RAYS[best_k, 1] * best_t


def _leaves(component: nx.Graph[Any], nodes: list[Hashable]) -> dict[Hashable, list[Hashable]]:
    """Each hub's leaves: nodes whose only link goes to a node with other links."""
    degree = dict(component.degree())
    leaves: dict[Hashable, list[Hashable]] = {}
    for node in nodes:
        if degree[node] == 1:
            (anchor,) = list(component.neighbors(node))
            if degree[anchor] > 1:
                leaves.setdefault(anchor, []).append(node)
    return leaves


def _component_layout(
    component: nx.Graph[Any], radius: Mapping[Hashable, float], activity: Mapping[Hashable, float], seed: int
) -> Positions:
    """One connected component: its core by force layout, each hub's leaves in a disc beside the hub."""
    nodes = sorted(component.nodes, key=str)
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    if len(nodes) == 2:
        a, b = nodes
        return {a: (0.0, 0.0), b: (1.0 + radius.get(a, 0.1) + radius.get(b, 0.1), 0.0)}
    leaves = _leaves(component, nodes)
    in_disc = {leaf for group in leaves.values() for leaf in group}
    pos = dict(_core_layout(component.subgraph([n for n in nodes if n not in in_disc]), radius, seed))
    centres = np.array([pos[n] for n in pos], dtype=float).reshape(-1, 2)
    radii = np.array([radius.get(n, 0.1) + 0.2 for n in pos], dtype=float)
    spacing = 0.34
    # the biggest discs first: they need the most room and take the nearest free spots
    for anchor in sorted(leaves, key=lambda a: (-len(leaves[a]), str(a))):
        group = sorted(leaves[anchor], key=lambda n: (-activity.get(n, 0.0), str(n)))
        size = spacing * math.sqrt(len(group)) + max(radius.get(n, 0.1) for n in group)
        cx, cy = _free_spot(pos[anchor], size, centres, radii, radius.get(anchor, 0.1) + size + 0.3)
        for leaf, (px, py) in zip(group, _sunflower(len(group), spacing), strict=True):
            pos[leaf] = (cx + px, cy + py)
        centres = np.vstack([centres, [[cx, cy]]])
        radii = np.append(radii, size + 0.2)
    return _landscape(_separate(pos, {n: radius.get(n, 0.1) for n in pos}, gap=0.12, rounds=30))


def _landscape(pos: Positions) -> Positions:
    """Turn a layout so its longest extent (first principal axis) runs left to right, as screens do."""
    nodes = list(pos)
    xy = np.array([pos[n] for n in nodes], dtype=float)
    xy -= xy.mean(axis=0)
    if len(nodes) < 3:
        return {n: (float(xy[i, 0]), float(xy[i, 1])) for i, n in enumerate(nodes)}
    _values, vectors = np.linalg.eigh(np.cov(xy.T))
    major = vectors[:, -1]
    angle = math.atan2(float(major[1]), float(major[0]))
    c, s = math.cos(-angle), math.sin(-angle)
    turned = xy @ np.array([[c, s], [-s, c]])
    return {n: (float(turned[i, 0]), float(turned[i, 1])) for i, n in enumerate(nodes)}


#: Width / height of the drawing the packing aims at (a browser window beside the side panel).
ASPECT = 1.3


def _shelves(boxes: list[tuple[float, float]], row_width: float) -> list[tuple[float, float]]:
    """Top-left corners of boxes put left to right in rows no wider than ``row_width``."""
    corners = []
    x = y = row_height = 0.0
    for width, height in boxes:
        if x > 0 and x + width > row_width + 1e-9:
            x, y, row_height = 0.0, y + row_height, 0.0
        corners.append((x, y))
        x += width
        row_height = max(row_height, height)
    return corners


def _pack(layouts: list[Positions], radius: Mapping[Hashable, float], margin: float = 1.0) -> Positions:
    """Place component layouts in rows (largest first).

    The row width chosen is the one whose whole drawing fits a window of :data:`ASPECT` at the largest scale.
    """
    extents = []
    for pos in layouts:
        left = min(x - radius.get(n, 0.1) for n, (x, _) in pos.items())
        top = min(y - radius.get(n, 0.1) for n, (_, y) in pos.items())
        right = max(x + radius.get(n, 0.1) for n, (x, _) in pos.items())
        bottom = max(y + radius.get(n, 0.1) for n, (_, y) in pos.items())
        extents.append((left, top, right - left + margin, bottom - top + margin))
    boxes = [(w, h) for _, _, w, h in extents]
    widest = max(w for w, _ in boxes)
    best: tuple[float, list[tuple[float, float]]] | None = None
    for row_width in sorted({widest, *itertools.accumulate(w for w, _ in boxes)}):
        if row_width < widest:
            continue
        corners = _shelves(boxes, row_width)
        width = max(x + w for (x, _), (w, _) in zip(corners, boxes, strict=True))
        height = max(y + h for (_, y), (_, h) in zip(corners, boxes, strict=True))
        scale = min(ASPECT / width, 1.0 / height)
        if best is None or scale > best[0] + 1e-12:
            best = (scale, corners)
    assert best is not None
    out: Positions = {}
    for pos, (left, top, _, _), (x, y) in zip(layouts, extents, best[1], strict=True):
        for node, (px, py) in pos.items():
            out[node] = (px - left + x, py - top + y)
    return out


def graph_layout(
    graph: nx.Graph[Any],
    radius: Mapping[Hashable, float] | None = None,
    activity: Mapping[Hashable, float] | None = None,
    seed: int = 42,
) -> dict[Hashable, tuple[float, float]]:
    """Positions for the view: components packed apart, hubs' leaves in discs, no overlapping dots.

    Args:
        graph: The actor graph (directions, parallel edges and self-loops are ignored).
        radius: Dot radius of each node in layout units (an edge of the core is about one unit long).
        activity: How much each node matters (its statement count); the most active leaves sit nearest
            their hub.
        seed: Seed of the force layouts (the same graph always gives the same picture).

    Returns:
        ``{node: (x, y)}`` in layout units, the whole drawing's top-left corner at about ``(0, 0)``.

    Examples:
        >>> star = nx.star_graph(30)
        >>> star.add_edges_from([(0, 31), (31, 32), (32, 0), (40, 41)])
        >>> pos = graph_layout(star)
        >>> len(pos) == star.number_of_nodes()
        True
        >>> min(math.dist(pos[a], pos[b]) for a in pos for b in pos if a != b) > 0.2
        True
    """
    simple: nx.Graph[Any] = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes, key=str))
    simple.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    if simple.number_of_nodes() == 0:
        return {}
    radii = dict(radius or {})
    weights = dict(activity or {})
    components = sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(str(n) for n in c)))
    layouts = [_component_layout(simple.subgraph(c), radii, weights, seed) for c in components]
    return _pack(layouts, radii)
