"""Analyses of the actor graph, each returning plain data (dicts, lists, numbers) that prints as JSON.

They answer what analysts build the graph for: who is aligned with whom (:func:`allies_and_rivals`,
:func:`blocs`), which relations mix cooperation and conflict (:func:`ambivalent_pairs`), whether the
alignments are stable (:func:`structural_balance`), who mediates and who brokers (:func:`mediators`,
:func:`brokers`), and how two actors are connected through friends (:func:`strongest_path`).

Most functions read the aggregated signed graph of :func:`actorgraph.netview.aggregate`; :func:`mediators`
reads the statement multigraph of :func:`actorgraph.netview.to_networkx`, because mediation is directed and
is left out of the pair signs. Actor arguments accept a node IRI, a label, an ISO code or a slug in any case
(:func:`resolve_actor`).

The *cooperative graph* used by :func:`brokers`, :func:`blocs` and :func:`strongest_path` keeps the pairs
classified ``allied`` or ``ambivalent`` (both have real cooperation) with their cooperative weight.
"""

from __future__ import annotations

import difflib
import itertools
import math
from collections.abc import Hashable, Iterable
from typing import Any, Literal

import networkx as nx

from .errors import UnknownActorError
from .netview import COUNTED_MOODS, Level, aggregate, to_networkx

__all__ = [
    "allies_and_rivals",
    "ambivalent_pairs",
    "blocs",
    "brokers",
    "cooperative_graph",
    "mediators",
    "render_report",
    "report",
    "resolve_actor",
    "strongest_path",
    "structural_balance",
]

#: Above this many nodes, :func:`brokers` estimates betweenness from ``k`` sampled pivots.
BETWEENNESS_EXACT_LIMIT = 500
_SEED = 42


def _label(graph: nx.Graph[Any], node: Hashable) -> str:
    return str(graph.nodes[node].get("label", node)) if node in graph else str(node)


def _names(graph: nx.Graph[Any], node: Hashable) -> list[str]:
    data = graph.nodes[node]
    names = [str(node), str(data.get("label") or "")]
    if data.get("state") and data.get("type") == "State":
        names.append(str(data["state"]))
    iri = str(data.get("iri") or node)
    names.append(iri.rsplit("/", 1)[-1])
    return [n for n in names if n]


def resolve_actor(graph: nx.Graph[Any], name: str) -> Hashable:
    """Find the node an analyst means: by IRI, label, ISO code or slug, case-insensitively.

    Args:
        graph: Any actor graph (multigraph or signed graph).
        name: ``"Turkey"``, ``"tur"``, ``"turkey"`` or the full IRI.

    Returns:
        The node id.

    Raises:
        UnknownActorError: Nothing matches; the message lists the closest names in the graph.

    Examples:
        >>> g = nx.Graph()
        >>> g.add_node("A/turkey", label="Turkey", state="TUR", type="State")
        >>> resolve_actor(g, "tur")
        'A/turkey'
    """
    wanted = name.strip().casefold()
    names: dict[str, Hashable] = {}
    for node in sorted(graph.nodes, key=str):
        for candidate in _names(graph, node):
            names.setdefault(candidate.casefold(), node)
    if wanted in names:
        return names[wanted]
    labels = sorted({_label(graph, n) for n in graph.nodes})
    close = difflib.get_close_matches(name, labels, n=5, cutoff=0.5) or difflib.get_close_matches(
        wanted, [lab.casefold() for lab in labels], n=5, cutoff=0.3
    )
    hint = (
        f"; closest: {', '.join(close)}"
        if close
        else (f"; actors: {', '.join(labels[:10])}" if labels else "")
    )
    raise UnknownActorError(f"unknown actor {name!r} in the graph{hint}")


def _pair_entry(graph: nx.Graph[Any], u: Hashable, v: Hashable) -> dict[str, Any]:
    data = graph.edges[u, v]
    return {
        "actor": _label(graph, v),
        "id": str(v),
        "classification": data["classification"],
        "net": data["net"],
        "cooperative": data["cooperative"],
        "conflictual": data["conflictual"],
        "neutral": data["neutral"],
        "relations": list(data["relations"]),
        "first": data["first"],
        "last": data["last"],
        "hedged_only": data["hedged_only"],
    }


def allies_and_rivals(graph: nx.Graph[Any], actor: str) -> dict[str, Any]:
    """The partners of one actor, grouped by the classification of the pair.

    Args:
        graph: The aggregated signed graph.
        actor: The actor (label, code, slug or IRI).

    Returns:
        ``{"actor", "id", "allies", "rivals", "ambivalent", "neutral"}``; each list holds pair summaries
        (partner label, net score, counts, relations, dates), strongest first.

    Examples:
        >>> g = nx.Graph()
        >>> g.add_node("T", label="Turkey"); g.add_node("A", label="Azerbaijan")
        >>> g.add_edge("T", "A", classification="allied", net=1.8, cooperative=2, conflictual=0, neutral=0,
        ...            relations=["supports"], first=None, last=None, hedged_only=False)
        >>> [p["actor"] for p in allies_and_rivals(g, "turkey")["allies"]]
        ['Azerbaijan']
    """
    node = resolve_actor(graph, actor)
    out: dict[str, Any] = {"actor": _label(graph, node), "id": str(node)}
    groups: dict[str, list[dict[str, Any]]] = {"allied": [], "rival": [], "ambivalent": [], "neutral": []}
    for other in graph.neighbors(node):
        if other == node:
            continue
        entry = _pair_entry(graph, node, other)
        groups.setdefault(entry["classification"], []).append(entry)
    for items in groups.values():
        items.sort(key=lambda e: (-abs(float(e["net"])), e["actor"]))
    out["allies"] = groups["allied"]
    out["rivals"] = groups["rival"]
    out["ambivalent"] = groups["ambivalent"]
    out["neutral"] = groups["neutral"]
    return out


def _signed_edges(graph: nx.Graph[Any], ambivalent: str) -> dict[Hashable, dict[Hashable, int]]:
    """Adjacency of the nonzero-signed edges: ambivalent pairs dropped, or signed by their net score."""
    adjacency: dict[Hashable, dict[Hashable, int]] = {}
    for u, v, data in graph.edges(data=True):
        if u == v:
            continue
        if data.get("classification") == "ambivalent" and ambivalent == "exclude":
            continue
        sign = int(data.get("sign", 0))
        if sign == 0:
            continue
        adjacency.setdefault(u, {})[v] = sign
        adjacency.setdefault(v, {})[u] = sign
    return adjacency


def structural_balance(
    graph: nx.Graph[Any], ambivalent: Literal["exclude", "net"] = "exclude", limit: int | None = 100
) -> dict[str, Any]:
    """Heider balance: the share of signed triangles whose sign product is positive.

    A triad is balanced when the friend of a friend is a friend and the enemy of an enemy is a friend
    (sign product +1); "my ally is allied with my rival" (product -1) is unbalanced, which is where
    alignments are under strain. Neutral pairs have no sign and close no triad. Ambivalent pairs are
    left out by default, since they are by definition neither friend nor foe; ``ambivalent="net"`` signs
    them by their net score instead. Triangles are found by intersecting neighbour sets (fast at scale).

    Args:
        graph: The aggregated signed graph.
        ambivalent: ``"exclude"`` (default) or ``"net"``.
        limit: At most this many unbalanced triads are listed (None for all); the counts are always complete.

    Returns:
        ``{"triads", "balanced", "unbalanced", "share_balanced" (None without triads), "ambivalent",
        "unbalanced_triads": [{"actors": [3 labels], "ids": [...], "edges": [{"pair": [a, b], "sign"}]}]}``.

    Examples:
        >>> g = nx.Graph()
        >>> g.add_edge("RUS", "ARM", sign=1, classification="allied")
        >>> g.add_edge("ARM", "AZE", sign=-1, classification="rival")
        >>> g.add_edge("RUS", "AZE", sign=1, classification="allied")
        >>> r = structural_balance(g)
        >>> r["triads"], r["unbalanced"], r["unbalanced_triads"][0]["actors"]
        (1, 1, ['ARM', 'AZE', 'RUS'])
    """
    adjacency = _signed_edges(graph, ambivalent)
    order = {node: i for i, node in enumerate(sorted(adjacency, key=str))}
    triads = balanced = 0
    unbalanced: list[dict[str, Any]] = []
    for u in sorted(adjacency, key=str):
        later = {w for w in adjacency[u] if order[w] > order[u]}
        for v in sorted(later, key=str):
            common = later & {w for w in adjacency[v] if order[w] > order[v]}
            for w in sorted(common, key=str):
                triads += 1
                signs = (adjacency[u][v], adjacency[v][w], adjacency[u][w])
                if signs[0] * signs[1] * signs[2] > 0:
                    balanced += 1
                elif limit is None or len(unbalanced) < limit:
                    labels = [_label(graph, x) for x in (u, v, w)]
                    unbalanced.append(
                        {
                            "actors": labels,
                            "ids": [str(u), str(v), str(w)],
                            "edges": [
                                {"pair": [labels[0], labels[1]], "sign": signs[0]},
                                {"pair": [labels[1], labels[2]], "sign": signs[1]},
                                {"pair": [labels[0], labels[2]], "sign": signs[2]},
                            ],
                        }
                    )
    return {
        "triads": triads,
        "balanced": balanced,
        "unbalanced": triads - balanced,
        "share_balanced": round(balanced / triads, 4) if triads else None,
        "ambivalent": ambivalent,
        "unbalanced_triads": unbalanced,
    }


def ambivalent_pairs(graph: nx.Graph[Any]) -> list[dict[str, Any]]:
    """Pairs with substantial cooperation *and* conflict (Russia–Turkey), most evidence first.

    Args:
        graph: The aggregated signed graph.

    Returns:
        One dict per pair: ``actors`` (two labels), ``ids``, ``net``, counts, weights and ``relations``.

    Examples:
        >>> g = nx.Graph()
        >>> g.add_edge("RUS", "TUR", classification="ambivalent", net=-0.6, cooperative=1, conflictual=2,
        ...            coop_weight=0.9, conflict_weight=1.5, relations=["accuses", "cooperatesWith"])
        >>> ambivalent_pairs(g)[0]["actors"]
        ['RUS', 'TUR']
    """
    out = []
    for u, v, data in graph.edges(data=True):
        if data.get("classification") != "ambivalent":
            continue
        a, b = sorted((u, v), key=lambda n: _label(graph, n))
        out.append(
            {
                "actors": [_label(graph, a), _label(graph, b)],
                "ids": [str(a), str(b)],
                "net": data.get("net"),
                "cooperative": data.get("cooperative"),
                "conflictual": data.get("conflictual"),
                "coop_weight": data.get("coop_weight"),
                "conflict_weight": data.get("conflict_weight"),
                "relations": list(data.get("relations", [])),
            }
        )
    out.sort(
        key=lambda e: (-(int(str(e["cooperative"] or 0)) + int(str(e["conflictual"] or 0))), str(e["actors"]))
    )
    return out


#: Relations through which a third party in one sentence with two rivals acts as a go-between.
GO_BETWEEN_RELATIONS = frozenset({"agreesWith", "consultsWith"})


def mediators(
    multigraph: nx.MultiDiGraph[Any], include_unasserted: bool = False, infer: bool = True
) -> list[dict[str, Any]]:
    """Who mediates between whom: ``mediates`` statements, and third parties to deals or talks between rivals.

    The ontology writes "Russia mediated between Armenia and Azerbaijan" as one ``mediates`` statement per
    party from the same sentence, so the parties of one sentence form the mediated pairs. News also reports
    mediation without the word: "Putin, Aliyev and Pashinyan signed a statement that ended the war" gives
    Russia an agreement with each of two rivals *in one sentence*. With ``infer``, an actor that agrees or
    consults (:data:`GO_BETWEEN_RELATIONS`) with both members of a rival or ambivalent pair (as classified by
    :func:`actorgraph.netview.aggregate`) in the same sentence counts as mediating between them
    (``via`` says which kind of evidence each mediator has).

    Args:
        multigraph: The statement multigraph of :func:`actorgraph.netview.to_networkx`.
        include_unasserted: Also count conditional and question statements ("Will Iran mediate?").
        infer: Also infer mediation from third-party agreements or talks with two rivals.

    Returns:
        One dict per mediator, most evidence first: ``mediator`` (label), ``id``, ``parties`` (labels),
        ``pairs`` (sorted label pairs mediated in one sentence), ``statements`` (evidence count),
        ``via`` (``"mediates"``, ``"third party"``), ``first``/``last`` dates.

    Examples:
        >>> m = nx.MultiDiGraph()
        >>> for party in ("ARM", "AZE"):
        ...     _ = m.add_edge("RUS", party, relation="mediates", doc="d", start=0, end=9, date="2020-10-10")
        >>> mediators(m)[0]["pairs"]
        [['ARM', 'AZE']]
    """
    by_mediator: dict[Hashable, dict[str, Any]] = {}

    def entry_for(node: Hashable) -> dict[str, Any]:
        return by_mediator.setdefault(
            node, {"parties": set(), "pairs": set(), "dates": [], "n": 0, "via": set()}
        )

    sentences: dict[Hashable, dict[tuple[Any, ...], set[Hashable]]] = {}
    contacts: dict[tuple[Any, ...], list[tuple[Hashable, Hashable, dict[str, Any]]]] = {}
    for u, v, data in multigraph.edges(data=True):
        if data.get("negated") or u == v:
            continue
        if not include_unasserted and (data.get("mood") or "asserted") not in COUNTED_MOODS:
            continue
        sentence = (data.get("doc"), data.get("start"), data.get("end"), data.get("sentence"))
        if data.get("relation") == "mediates":
            entry = entry_for(u)
            entry["parties"].add(v)
            entry["n"] += 1
            entry["via"].add("mediates")
            sentences.setdefault(u, {}).setdefault(sentence, set()).add(v)
            if data.get("date"):
                entry["dates"].append(str(data["date"]))
        elif infer and data.get("relation") in GO_BETWEEN_RELATIONS:
            contacts.setdefault(sentence, []).append((u, v, data))
    for node, by_sentence in sentences.items():
        for parties in by_sentence.values():
            ordered = sorted(parties, key=str)
            by_mediator[node]["pairs"].update((a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :])
    if infer and contacts:
        opposed = {
            frozenset((u, v))
            for u, v, d in aggregate(multigraph).edges(data=True)
            if d.get("classification") in ("rival", "ambivalent")
        }
        for items in contacts.values():
            partners: dict[Hashable, set[Hashable]] = {}
            for u, v, _data in items:
                partners.setdefault(u, set()).add(v)
                partners.setdefault(v, set()).add(u)
            for third, others in partners.items():
                ordered = sorted(others, key=str)
                for i, a in enumerate(ordered):
                    for b in ordered[i + 1 :]:
                        if frozenset((a, b)) not in opposed or third in (a, b):
                            continue
                        entry = entry_for(third)
                        entry["parties"].update((a, b))
                        entry["pairs"].add((a, b))
                        entry["via"].add("third party")
                        used = [d for x, y, d in items if third in (x, y) and ({x, y} & {a, b})]
                        entry["n"] += len(used)
                        entry["dates"].extend(str(d["date"]) for d in used if d.get("date"))
    out = []
    for node, entry in by_mediator.items():
        pairs = sorted(sorted((_label(multigraph, a), _label(multigraph, b))) for a, b in entry["pairs"])
        out.append(
            {
                "mediator": _label(multigraph, node),
                "id": str(node),
                "parties": sorted(_label(multigraph, p) for p in entry["parties"]),
                "pairs": [list(p) for p in dict.fromkeys(tuple(p) for p in pairs)],
                "statements": entry["n"],
                "via": sorted(entry["via"]),
                "first": min(entry["dates"]) if entry["dates"] else None,
                "last": max(entry["dates"]) if entry["dates"] else None,
            }
        )
    out.sort(key=lambda e: (-e["statements"], e["mediator"]))
    return out


def cooperative_graph(graph: nx.Graph[Any]) -> nx.Graph[Any]:
    """The pairs with real cooperation (allied or ambivalent), weighted by cooperative weight.

    Args:
        graph: The aggregated signed graph.

    Returns:
        A Graph with the same node attributes and edge attribute ``weight`` = cooperative weight
        (falling back to the net score, then 1, for hand-built graphs).
    """
    coop: nx.Graph[Any] = nx.Graph()
    for u, v, data in graph.edges(data=True):
        if u == v or data.get("classification") not in ("allied", "ambivalent"):
            continue
        weight = float(data.get("coop_weight") or data.get("net") or 1.0)
        if weight > 0:
            coop.add_edge(u, v, weight=weight)
    for node in coop.nodes:
        coop.nodes[node].update(graph.nodes[node])
    return coop


def brokers(graph: nx.Graph[Any], k: int | None = None, top: int | None = 20) -> list[dict[str, Any]]:
    """Actors that sit between others on the cooperative graph (betweenness centrality).

    A broker links partners who do not cooperate directly, so it can carry messages or deals between them.
    Exact betweenness is cubic-ish (~1 min at 5,000 nodes); above :data:`BETWEENNESS_EXACT_LIMIT` nodes, or
    when ``k`` is given, it is estimated from ``k`` pivots with a fixed seed, so results are repeatable.

    Args:
        graph: The aggregated signed graph.
        k: Number of sampled pivots (None: exact for small graphs, 200 for large ones).
        top: Keep this many brokers (None for all); actors with zero betweenness are left out.

    Returns:
        ``[{"actor", "id", "betweenness"}]``, highest first.

    Examples:
        >>> g = nx.Graph()
        >>> g.add_edge("A", "B", classification="allied", coop_weight=1.0)
        >>> g.add_edge("B", "C", classification="allied", coop_weight=1.0)
        >>> [b["actor"] for b in brokers(g)]
        ['B']
    """
    coop = cooperative_graph(graph)
    if coop.number_of_nodes() < 3:
        return []
    if k is None and coop.number_of_nodes() > BETWEENNESS_EXACT_LIMIT:
        k = 200
    if k is not None:
        k = min(k, coop.number_of_nodes())
    scores = nx.betweenness_centrality(coop, k=k, normalized=True, seed=_SEED if k else None)
    ranked = sorted(((s, str(n), n) for n, s in scores.items() if s > 0), key=lambda t: (-t[0], t[1]))
    if top is not None:
        ranked = ranked[:top]
    return [{"actor": _label(graph, n), "id": key, "betweenness": round(s, 4)} for s, key, n in ranked]


def _frustration(adjacency: dict[Hashable, dict[Hashable, int]], side: dict[Hashable, int]) -> int:
    count = 0
    for u, nbrs in adjacency.items():
        for v, sign in nbrs.items():
            if str(u) < str(v) and ((sign > 0) != (side[u] == side[v])):
                count += 1
    return count


def _signed_partition(graph: nx.Graph[Any], adjacency: dict[Hashable, dict[Hashable, int]]) -> dict[str, Any]:
    """Two camps minimising frustration: 2-colour along a BFS (rivals opposite), then move single nodes."""
    nodes = sorted(adjacency, key=str)
    side: dict[Hashable, int] = {}
    for root in nodes:
        if root in side:
            continue
        side[root] = 0
        queue = [root]
        while queue:
            u = queue.pop(0)
            for v in sorted(adjacency[u], key=str):
                if v not in side:
                    side[v] = side[u] if adjacency[u][v] > 0 else 1 - side[u]
                    queue.append(v)
    improved = True
    rounds = 0
    while improved and rounds < 100:
        improved = False
        rounds += 1
        for u in nodes:
            same = sum(1 for v, s in adjacency[u].items() if (s > 0) != (side[u] == side[v]))
            other = sum(1 for v, s in adjacency[u].items() if (s > 0) != (1 - side[u] == side[v]))
            if other < same:
                side[u] = 1 - side[u]
                improved = True
    camps: list[list[str]] = [
        sorted(_label(graph, n) for n in nodes if side[n] == 0),
        sorted(_label(graph, n) for n in nodes if side[n] == 1),
    ]
    frustrated = []
    for u in nodes:
        for v, sign in adjacency[u].items():
            if str(u) < str(v) and ((sign > 0) != (side[u] == side[v])):
                frustrated.append({"pair": sorted([_label(graph, u), _label(graph, v)]), "sign": sign})
    frustrated.sort(key=lambda e: str(e["pair"]))
    camps = [c for c in camps if c]
    camps.sort(key=lambda c: (-len(c), c))
    return {"camps": camps, "frustration": _frustration(adjacency, side), "frustrated_edges": frustrated}


def blocs(graph: nx.Graph[Any], seed: int = _SEED) -> dict[str, Any]:
    """Groups of aligned actors, two ways.

    ``communities`` are Louvain communities of the cooperative graph (fixed seed: the same graph always
    gives the same blocs); ``signed_partition`` splits the signed graph (ambivalent pairs left out) into
    two camps so that as few ties as possible are *frustrated* (allies in opposite camps, rivals in the
    same camp), by a deterministic BFS 2-colouring followed by single-node moves while they help.

    Args:
        graph: The aggregated signed graph.
        seed: Seed of the Louvain method.

    Returns:
        ``{"communities": [[labels]], "signed_partition": {"camps": [[labels], [labels]], "frustration": n,
        "frustrated_edges": [{"pair", "sign"}]}}``; communities of one actor are left out.

    Examples:
        >>> g = nx.Graph()
        >>> g.add_edge("TUR", "AZE", classification="allied", sign=1, coop_weight=2.0)
        >>> g.add_edge("ARM", "AZE", classification="rival", sign=-1)
        >>> blocs(g)["signed_partition"]["camps"]
        [['AZE', 'TUR'], ['ARM']]
    """
    coop = cooperative_graph(graph)
    communities: list[list[str]] = []
    if coop.number_of_edges():
        found = nx.community.louvain_communities(coop, weight="weight", seed=seed)
        communities = [sorted(_label(graph, n) for n in c) for c in found if len(c) > 1]
        communities.sort(key=lambda c: (-len(c), c))
    return {
        "communities": communities,
        "signed_partition": _signed_partition(graph, _signed_edges(graph, "exclude")),
    }


def strongest_path(graph: nx.Graph[Any], a: str, b: str) -> dict[str, Any]:
    """The chain of cooperation that best links two actors: the path maximising the product of strengths.

    Each cooperative pair gets a strength in (0, 1]: its cooperative weight divided by the largest in the
    graph; the best path minimises the sum of ``-log(strength)`` (Dijkstra), i.e. maximises the product.

    Args:
        graph: The aggregated signed graph.
        a: The first actor (label, code, slug or IRI).
        b: The second actor.

    Returns:
        ``{"from", "to", "path" (labels, None when unconnected), "ids", "strength" (product),
        "edges": [{"pair", "strength", "relations"}]}``.

    Examples:
        >>> g = nx.Graph()
        >>> g.add_edge("A", "B", classification="allied", coop_weight=2.0, relations=["supports"])
        >>> g.add_edge("B", "C", classification="allied", coop_weight=1.0, relations=["aids"])
        >>> strongest_path(g, "A", "C")["path"], strongest_path(g, "A", "C")["strength"]
        (['A', 'B', 'C'], 0.5)
    """
    source, target = resolve_actor(graph, a), resolve_actor(graph, b)
    coop = cooperative_graph(graph)
    out: dict[str, Any] = {
        "from": _label(graph, source),
        "to": _label(graph, target),
        "path": None,
        "ids": None,
        "strength": 0.0,
        "edges": [],
    }
    if source == target:
        out.update(path=[out["from"]], ids=[str(source)], strength=1.0)
        return out
    if source not in coop or target not in coop:
        return out
    top = max(float(d["weight"]) for _, _, d in coop.edges(data=True))
    for _u, _v, data in coop.edges(data=True):
        data["strength"] = float(data["weight"]) / top
        data["cost"] = -math.log(data["strength"]) if data["strength"] < 1 else 0.0
    try:
        path = nx.dijkstra_path(coop, source, target, weight="cost")
    except nx.NetworkXNoPath:
        return out
    product = 1.0
    edges = []
    for u, v in itertools.pairwise(path):
        strength = float(coop.edges[u, v]["strength"])
        product *= strength
        edges.append(
            {
                "pair": [_label(graph, u), _label(graph, v)],
                "strength": round(strength, 4),
                "relations": list(graph.edges[u, v].get("relations", [])),
            }
        )
    out.update(
        path=[_label(graph, n) for n in path],
        ids=[str(n) for n in path],
        strength=round(product, 4),
        edges=edges,
    )
    return out


def _pair_list(graph: nx.Graph[Any], classification: str) -> list[dict[str, Any]]:
    out = []
    for u, v, data in graph.edges(data=True):
        if data.get("classification") == classification:
            a, b = sorted((_label(graph, u), _label(graph, v)))
            out.append({"actors": [a, b], "net": data["net"], "relations": list(data["relations"])})
    out.sort(key=lambda e: (-abs(float(e["net"])), e["actors"]))
    return out


def report(
    source: Any,
    actor: str | None = None,
    level: Level = "state",
    min_confidence: float = 0.0,
    since: str | None = None,
    until: str | None = None,
) -> dict[str, Any]:
    """Every analysis in one dict: what ``actorgraph analyze`` prints.

    Args:
        source: A statement multigraph, or anything :func:`actorgraph.netview.to_networkx` reads (store,
            rdflib graph, graph file, Oxigraph folder, endpoint URL).
        actor: Focus on one actor: its allies and rivals, and only the triads and mediations involving it.
        level: ``"state"`` or ``"actor"`` (see :func:`actorgraph.netview.to_networkx`).
        min_confidence: Drop statements below this confidence.
        since: Keep statements from this ISO date on.
        until: Keep statements up to this ISO date.

    Returns:
        ``{"level", "actors", "statements", "pairs", "allied", "rival", "ambivalent", "neutral",
        "balance", "mediators", "brokers", "blocs", "focus"?}``.

    Raises:
        UnknownActorError: ``actor`` is not in the graph.
    """
    if isinstance(source, nx.MultiDiGraph):
        multi = source
    else:
        multi = to_networkx(source, level=level, since=since, until=until, min_confidence=min_confidence)
    signed = aggregate(multi)
    balance = structural_balance(signed)
    out: dict[str, Any] = {
        "level": multi.graph.get("level", level),
        "actors": multi.number_of_nodes(),
        "statements": multi.number_of_edges(),
        "pairs": signed.number_of_edges(),
        "allied": _pair_list(signed, "allied"),
        "rival": _pair_list(signed, "rival"),
        "ambivalent": ambivalent_pairs(signed),
        "neutral": _pair_list(signed, "neutral"),
        "balance": balance,
        "mediators": mediators(multi),
        "brokers": brokers(signed),
        "blocs": blocs(signed),
    }
    if actor is not None:
        node = resolve_actor(signed, actor)
        label = _label(signed, node)
        focus = allies_and_rivals(signed, actor)
        focus["unbalanced_triads"] = [t for t in balance["unbalanced_triads"] if str(node) in t["ids"]]
        focus["mediates"] = [m for m in out["mediators"] if m["id"] == str(node)]
        focus["mediated_by"] = [m for m in out["mediators"] if label in m["parties"]]
        out["focus"] = focus
    return out


def _pairs_text(items: Iterable[dict[str, Any]], limit: int = 15) -> list[str]:
    lines = []
    items = list(items)
    for item in items[:limit]:
        lines.append(
            f"  {item['actors'][0]} – {item['actors'][1]}  net {item['net']:+.2f}  "
            f"({', '.join(item['relations'])})"
        )
    if len(items) > limit:
        lines.append(f"  … and {len(items) - limit} more")
    return lines or ["  (none)"]


def render_report(data: dict[str, Any]) -> str:
    """The report of :func:`report` as readable text.

    Args:
        data: The dict returned by :func:`report`.

    Returns:
        Plain text with one section per analysis.
    """
    lines = [
        f"Actor graph ({data['level']} level): {data['actors']} actors, {data['statements']} statements, "
        f"{data['pairs']} related pairs",
        "",
    ]
    focus = data.get("focus")
    if focus:
        lines.append(f"Focus: {focus['actor']}")
        for title, key in (
            ("allies", "allies"),
            ("rivals", "rivals"),
            ("ambivalent", "ambivalent"),
            ("neutral", "neutral"),
        ):
            names = ", ".join(f"{p['actor']} ({p['net']:+.2f})" for p in focus[key]) or "(none)"
            lines.append(f"  {title}: {names}")
        for m in focus["mediates"]:
            lines.append(
                "  mediates between: "
                + ("; ".join(" and ".join(p) for p in m["pairs"]) or ", ".join(m["parties"]))
            )
        for m in focus["mediated_by"]:
            lines.append(f"  mediated by: {m['mediator']}")
        for t in focus["unbalanced_triads"]:
            lines.append(f"  unbalanced triad: {', '.join(t['actors'])}")
        lines.append("")
    lines.append("Allied pairs")
    lines += _pairs_text(data["allied"])
    lines.append("Rival pairs")
    lines += _pairs_text(data["rival"])
    lines.append("Ambivalent pairs (cooperation and conflict)")
    lines += [
        f"  {p['actors'][0]} – {p['actors'][1]}  {p['cooperative']} cooperative / "
        f"{p['conflictual']} conflictual, "
        f"net {p['net']:+.2f}  ({', '.join(p['relations'])})"
        for p in data["ambivalent"]
    ] or ["  (none)"]
    balance = data["balance"]
    lines.append("Structural balance")
    if balance["triads"]:
        lines.append(
            f"  {balance['balanced']} of {balance['triads']} signed triads balanced "
            f"({100 * balance['share_balanced']:.0f} %); ambivalent pairs: {balance['ambivalent']}"
        )
        for t in balance["unbalanced_triads"][:15]:
            signs = ", ".join(
                f"{e['pair'][0]}–{e['pair'][1]} {'+' if e['sign'] > 0 else '-'}" for e in t["edges"]
            )
            lines.append(f"  unbalanced: {', '.join(t['actors'])}  [{signs}]")
    else:
        lines.append("  (no signed triads)")
    lines.append("Mediators")
    for m in data["mediators"]:
        between = "; ".join(" and ".join(p) for p in m["pairs"]) or ", ".join(m["parties"])
        lines.append(f"  {m['mediator']}: between {between} ({m['statements']} statements)")
    if not data["mediators"]:
        lines.append("  (none)")
    lines.append("Brokers (betweenness on the cooperative graph)")
    lines += [f"  {b['actor']}  {b['betweenness']:.3f}" for b in data["brokers"][:10]] or ["  (none)"]
    lines.append("Blocs (communities of the cooperative graph)")
    lines += [f"  {', '.join(c)}" for c in data["blocs"]["communities"]] or ["  (none)"]
    partition = data["blocs"]["signed_partition"]
    lines.append(f"Signed camps (frustration {partition['frustration']})")
    lines += [f"  {', '.join(c)}" for c in partition["camps"]] or ["  (none)"]
    return "\n".join(lines) + "\n"
