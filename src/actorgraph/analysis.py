"""Analyses of the actor graph, each returning a small dataclass that prints as JSON (``to_json()``).

They answer what analysts build the graph for: who is aligned with whom (:func:`allies_and_rivals`,
:func:`blocs`), which relations mix cooperation and conflict (:func:`ambivalent_pairs`), whether the
alignments are stable (:func:`structural_balance`), who mediates and who brokers (:func:`mediators`,
:func:`brokers`), and how two actors are connected through friends (:func:`strongest_path`).
:func:`actorgraph.report.report` runs them all for ``actorgraph analyze``.

Most functions read the aggregated signed graph of :func:`actorgraph.netview.aggregate`; :func:`mediators`
reads the statement multigraph of :func:`actorgraph.netview.to_networkx`, because mediation is directed and
is left out of the pair signs. Actor arguments accept a node IRI, a label, an ISO code or a slug in any case
(:func:`resolve_actor`).

The *cooperative graph* used by :func:`brokers`, :func:`blocs` and :func:`strongest_path` keeps the pairs
classified ``allied`` or ``ambivalent`` (both have real cooperation) with their cooperative weight.
"""

from __future__ import annotations

import dataclasses
import difflib
import itertools
import math
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any, Literal

import networkx as nx

from .errors import UnknownActorError
from .netview import COUNTED_MOODS, aggregate

__all__ = [
    "AmbivalentPair",
    "Balance",
    "Blocs",
    "Broker",
    "Mediator",
    "PairSummary",
    "Partner",
    "Partners",
    "PathLink",
    "Record",
    "SignedEdge",
    "SignedPartition",
    "StrongestPath",
    "Triad",
    "allies_and_rivals",
    "ambivalent_pairs",
    "blocs",
    "brokers",
    "community_nodes",
    "cooperative_graph",
    "mediators",
    "resolve_actor",
    "strongest_path",
    "structural_balance",
]


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name.rstrip("_"): _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


class Record:
    """What every result shares: ``to_json()``, the plain data the JSON output prints."""

    def to_json(self) -> dict[str, Any]:
        """The result as plain dicts, lists, strings and numbers (a trailing ``_`` dropped from names)."""
        data: dict[str, Any] = _plain(self)
        return data


@dataclass(frozen=True)
class Partner(Record):
    """One partner of an actor: the pair's classification, net score, counts, relations and dates."""

    actor: str
    id: str
    classification: str
    net: float
    cooperative: int
    conflictual: int
    neutral: int
    relations: list[str]
    first: str | None
    last: str | None
    hedged_only: bool


@dataclass(frozen=True)
class Partners(Record):
    """The partners of one actor grouped by classification, strongest (largest ``|net|``) first."""

    actor: str
    id: str
    allies: list[Partner]
    rivals: list[Partner]
    ambivalent: list[Partner]
    neutral: list[Partner]


@dataclass(frozen=True)
class SignedEdge(Record):
    """A pair of actor labels and the sign of their tie."""

    pair: list[str]
    sign: int


@dataclass(frozen=True)
class Triad(Record):
    """An unbalanced triad: three actors and their three signed ties."""

    actors: list[str]
    ids: list[str]
    edges: list[SignedEdge]


@dataclass(frozen=True)
class Balance(Record):
    """Heider balance of the signed triads (see :func:`structural_balance`)."""

    triads: int
    balanced: int
    unbalanced: int
    share_balanced: float | None
    ambivalent: str
    unbalanced_triads: list[Triad]


@dataclass(frozen=True)
class PairSummary(Record):
    """An allied, rival or neutral pair: the two labels (sorted), net score and relation names."""

    actors: list[str]
    net: float
    relations: list[str]


@dataclass(frozen=True)
class AmbivalentPair(Record):
    """A pair with substantial cooperation and conflict: counts and weights of each side."""

    actors: list[str]
    ids: list[str]
    net: float | None
    cooperative: int | None
    conflictual: int | None
    coop_weight: float | None
    conflict_weight: float | None
    relations: list[str]


@dataclass(frozen=True)
class Mediator(Record):
    """An actor mediating between others: parties, pairs mediated in one sentence, evidence and dates."""

    mediator: str
    id: str
    parties: list[str]
    pairs: list[list[str]]
    statements: int
    via: list[str]
    first: str | None
    last: str | None


@dataclass(frozen=True)
class Broker(Record):
    """An actor and its betweenness on the cooperative graph."""

    actor: str
    id: str
    betweenness: float


@dataclass(frozen=True)
class SignedPartition(Record):
    """Two camps of the signed graph and the ties they frustrate."""

    camps: list[list[str]]
    frustration: int
    frustrated_edges: list[SignedEdge]


@dataclass(frozen=True)
class Blocs(Record):
    """Louvain communities of the cooperative graph, and the signed two-camp partition."""

    communities: list[list[str]]
    signed_partition: SignedPartition


@dataclass(frozen=True)
class PathLink(Record):
    """One step of a strongest path: the pair, its strength in (0, 1] and its relations."""

    pair: list[str]
    strength: float
    relations: list[str]


@dataclass(frozen=True)
class StrongestPath(Record):
    """The chain of cooperation that best links two actors (``path`` is None when they are unconnected)."""

    from_: str
    to: str
    path: list[str] | None
    ids: list[str] | None
    strength: float
    edges: list[PathLink]


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


def _partner(graph: nx.Graph[Any], u: Hashable, v: Hashable) -> Partner:
    data = graph.edges[u, v]
    return Partner(
        actor=_label(graph, v),
        id=str(v),
        classification=data["classification"],
        net=data["net"],
        cooperative=data["cooperative"],
        conflictual=data["conflictual"],
        neutral=data["neutral"],
        relations=list(data["relations"]),
        first=data["first"],
        last=data["last"],
        hedged_only=data["hedged_only"],
    )


def allies_and_rivals(graph: nx.Graph[Any], actor: str) -> Partners:
    """The partners of one actor, grouped by the classification of the pair.

    Args:
        graph: The aggregated signed graph.
        actor: The actor (label, code, slug or IRI).

    Returns:
        The actor's label and id, and lists of :class:`Partner` (label, net score, counts, relations,
        dates) for ``allies``, ``rivals``, ``ambivalent`` and ``neutral`` pairs, strongest first.

    Examples:
        >>> g = nx.Graph()
        >>> g.add_node("T", label="Turkey"); g.add_node("A", label="Azerbaijan")
        >>> g.add_edge("T", "A", classification="allied", net=1.8, cooperative=2, conflictual=0, neutral=0,
        ...            relations=["supports"], first=None, last=None, hedged_only=False)
        >>> [p.actor for p in allies_and_rivals(g, "turkey").allies]
        ['Azerbaijan']
    """
    node = resolve_actor(graph, actor)
    groups: dict[str, list[Partner]] = {"allied": [], "rival": [], "ambivalent": [], "neutral": []}
    for other in graph.neighbors(node):
        if other == node:
            continue
        entry = _partner(graph, node, other)
        groups.setdefault(entry.classification, []).append(entry)
    for items in groups.values():
        items.sort(key=lambda e: (-abs(float(e.net)), e.actor))
    return Partners(
        actor=_label(graph, node),
        id=str(node),
        allies=groups["allied"],
        rivals=groups["rival"],
        ambivalent=groups["ambivalent"],
        neutral=groups["neutral"],
    )


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
) -> Balance:
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
        Counts of ``triads``, ``balanced`` and ``unbalanced`` ones, ``share_balanced`` (None without
        triads), the ``ambivalent`` rule used, and ``unbalanced_triads`` (three labels, ids, signed ties).

    Examples:
        >>> g = nx.Graph()
        >>> g.add_edge("RUS", "ARM", sign=1, classification="allied")
        >>> g.add_edge("ARM", "AZE", sign=-1, classification="rival")
        >>> g.add_edge("RUS", "AZE", sign=1, classification="allied")
        >>> r = structural_balance(g)
        >>> r.triads, r.unbalanced, r.unbalanced_triads[0].actors
        (1, 1, ['ARM', 'AZE', 'RUS'])
    """
    adjacency = _signed_edges(graph, ambivalent)
    order = {node: i for i, node in enumerate(sorted(adjacency, key=str))}
    triads = balanced = 0
    unbalanced: list[Triad] = []
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
                        Triad(
                            actors=labels,
                            ids=[str(u), str(v), str(w)],
                            edges=[
                                SignedEdge([labels[0], labels[1]], signs[0]),
                                SignedEdge([labels[1], labels[2]], signs[1]),
                                SignedEdge([labels[0], labels[2]], signs[2]),
                            ],
                        )
                    )
    return Balance(
        triads=triads,
        balanced=balanced,
        unbalanced=triads - balanced,
        share_balanced=round(balanced / triads, 4) if triads else None,
        ambivalent=ambivalent,
        unbalanced_triads=unbalanced,
    )


def ambivalent_pairs(graph: nx.Graph[Any]) -> list[AmbivalentPair]:
    """Pairs with substantial cooperation *and* conflict (Russia–Turkey), most evidence first.

    Args:
        graph: The aggregated signed graph.

    Returns:
        One :class:`AmbivalentPair` per pair: ``actors`` (two labels), ``ids``, ``net``, counts, weights and
        ``relations``.

    Examples:
        >>> g = nx.Graph()
        >>> g.add_edge("RUS", "TUR", classification="ambivalent", net=-0.6, cooperative=1, conflictual=2,
        ...            coop_weight=0.9, conflict_weight=1.5, relations=["accuses", "cooperatesWith"])
        >>> ambivalent_pairs(g)[0].actors
        ['RUS', 'TUR']
    """
    out = []
    for u, v, data in graph.edges(data=True):
        if data.get("classification") != "ambivalent":
            continue
        a, b = sorted((u, v), key=lambda n: _label(graph, n))
        out.append(
            AmbivalentPair(
                actors=[_label(graph, a), _label(graph, b)],
                ids=[str(a), str(b)],
                net=data.get("net"),
                cooperative=data.get("cooperative"),
                conflictual=data.get("conflictual"),
                coop_weight=data.get("coop_weight"),
                conflict_weight=data.get("conflict_weight"),
                relations=list(data.get("relations", [])),
            )
        )
    out.sort(key=lambda e: (-(int(e.cooperative or 0) + int(e.conflictual or 0)), str(e.actors)))
    return out


#: Relations through which a third party in one sentence with two rivals acts as a go-between.
GO_BETWEEN_RELATIONS = frozenset({"agreesWith", "consultsWith"})


def mediators(
    multigraph: nx.MultiDiGraph[Any], include_unasserted: bool = False, infer: bool = True
) -> list[Mediator]:
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
        One :class:`Mediator` per mediator, most evidence first: ``mediator`` (label), ``id``, ``parties``
        (labels), ``pairs`` (sorted label pairs mediated in one sentence), ``statements`` (evidence count),
        ``via`` (``"mediates"``, ``"third party"``), ``first``/``last`` dates.

    Examples:
        >>> m = nx.MultiDiGraph()
        >>> for party in ("ARM", "AZE"):
        ...     _ = m.add_edge("RUS", party, relation="mediates", doc="d", start=0, end=9, date="2020-10-10")
        >>> mediators(m)[0].pairs
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
            Mediator(
                mediator=_label(multigraph, node),
                id=str(node),
                parties=sorted(_label(multigraph, p) for p in entry["parties"]),
                pairs=[list(p) for p in dict.fromkeys(tuple(p) for p in pairs)],
                statements=entry["n"],
                via=sorted(entry["via"]),
                first=min(entry["dates"]) if entry["dates"] else None,
                last=max(entry["dates"]) if entry["dates"] else None,
            )
        )
    out.sort(key=lambda e: (-e.statements, e.mediator))
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


def brokers(graph: nx.Graph[Any], k: int | None = None, top: int | None = 20) -> list[Broker]:
    """Actors that sit between others on the cooperative graph (betweenness centrality).

    A broker links partners who do not cooperate directly, so it can carry messages or deals between them.
    Exact betweenness is cubic-ish (~1 min at 5,000 nodes); above :data:`BETWEENNESS_EXACT_LIMIT` nodes, or
    when ``k`` is given, it is estimated from ``k`` pivots with a fixed seed, so results are repeatable.

    Args:
        graph: The aggregated signed graph.
        k: Number of sampled pivots (None: exact for small graphs, 200 for large ones).
        top: Keep this many brokers (None for all); actors with zero betweenness are left out.

    Returns:
        :class:`Broker` entries (label, id, betweenness), highest first.

    Examples:
        >>> g = nx.Graph()
        >>> g.add_edge("A", "B", classification="allied", coop_weight=1.0)
        >>> g.add_edge("B", "C", classification="allied", coop_weight=1.0)
        >>> [b.actor for b in brokers(g)]
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
    return [Broker(_label(graph, n), key, round(s, 4)) for s, key, n in ranked]


def _frustration(adjacency: dict[Hashable, dict[Hashable, int]], side: dict[Hashable, int]) -> int:
    count = 0
    for u, nbrs in adjacency.items():
        for v, sign in nbrs.items():
            if str(u) < str(v) and ((sign > 0) != (side[u] == side[v])):
                count += 1
    return count


def _signed_partition(
    graph: nx.Graph[Any], adjacency: dict[Hashable, dict[Hashable, int]]
) -> SignedPartition:
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
                frustrated.append(SignedEdge(sorted([_label(graph, u), _label(graph, v)]), sign))
    frustrated.sort(key=lambda e: str(e.pair))
    camps = [c for c in camps if c]
    camps.sort(key=lambda c: (-len(c), c))
    return SignedPartition(camps, _frustration(adjacency, side), frustrated)


def blocs(graph: nx.Graph[Any], seed: int = _SEED) -> Blocs:
    """Groups of aligned actors, two ways.

    ``communities`` are Louvain communities of the cooperative graph (fixed seed: the same graph always
    gives the same blocs); ``signed_partition`` splits the signed graph (ambivalent pairs left out) into
    two camps so that as few ties as possible are *frustrated* (allies in opposite camps, rivals in the
    same camp), by a deterministic BFS 2-colouring followed by single-node moves while they help.

    Args:
        graph: The aggregated signed graph.
        seed: Seed of the Louvain method.

    Returns:
        ``communities`` (lists of labels; communities of one actor are left out) and the
        ``signed_partition`` (two ``camps``, their ``frustration`` and the ``frustrated_edges``).

    Examples:
        >>> g = nx.Graph()
        >>> g.add_edge("TUR", "AZE", classification="allied", sign=1, coop_weight=2.0)
        >>> g.add_edge("ARM", "AZE", classification="rival", sign=-1)
        >>> blocs(g).signed_partition.camps
        [['AZE', 'TUR'], ['ARM']]
    """
    communities = [sorted(_label(graph, n) for n in c) for c in community_nodes(graph, seed)]
    communities.sort(key=lambda c: (-len(c), c))
    return Blocs(communities, _signed_partition(graph, _signed_edges(graph, "exclude")))


def community_nodes(graph: nx.Graph[Any], seed: int = _SEED) -> list[list[Hashable]]:
    """The Louvain communities of the cooperative graph as node lists (the ``communities`` of :func:`blocs`).

    Args:
        graph: The aggregated signed graph.
        seed: Seed of the Louvain method (the same graph always gives the same communities).

    Returns:
        Communities of two or more actors, largest first, each sorted by node id.

    Examples:
        >>> g = nx.Graph()
        >>> g.add_edge("TUR", "AZE", classification="allied", coop_weight=2.0)
        >>> community_nodes(g)
        [['AZE', 'TUR']]
    """
    coop = cooperative_graph(graph)
    if not coop.number_of_edges():
        return []
    found = nx.community.louvain_communities(coop, weight="weight", seed=seed)
    groups = [sorted(c, key=str) for c in found if len(c) > 1]
    groups.sort(key=lambda c: (-len(c), [str(n) for n in c]))
    return groups


def strongest_path(graph: nx.Graph[Any], a: str, b: str) -> StrongestPath:
    """The chain of cooperation that best links two actors: the path maximising the product of strengths.

    Each cooperative pair gets a strength in (0, 1]: its cooperative weight divided by the largest in the
    graph; the best path minimises the sum of ``-log(strength)`` (Dijkstra), i.e. maximises the product.

    Args:
        graph: The aggregated signed graph.
        a: The first actor (label, code, slug or IRI).
        b: The second actor.

    Returns:
        ``from_`` and ``to`` (labels; ``from`` in JSON), ``path`` (labels, None when unconnected), ``ids``,
        ``strength`` (the product) and ``edges`` (:class:`PathLink`: pair, strength, relations).

    Examples:
        >>> g = nx.Graph()
        >>> g.add_edge("A", "B", classification="allied", coop_weight=2.0, relations=["supports"])
        >>> g.add_edge("B", "C", classification="allied", coop_weight=1.0, relations=["aids"])
        >>> found = strongest_path(g, "A", "C")
        >>> found.path, found.strength
        (['A', 'B', 'C'], 0.5)
    """
    source, target = resolve_actor(graph, a), resolve_actor(graph, b)
    coop = cooperative_graph(graph)
    unconnected = StrongestPath(_label(graph, source), _label(graph, target), None, None, 0.0, [])
    if source == target:
        return dataclasses.replace(unconnected, path=[unconnected.from_], ids=[str(source)], strength=1.0)
    if source not in coop or target not in coop:
        return unconnected
    top = max(float(d["weight"]) for _, _, d in coop.edges(data=True))
    for _u, _v, data in coop.edges(data=True):
        data["strength"] = float(data["weight"]) / top
        data["cost"] = -math.log(data["strength"]) if data["strength"] < 1 else 0.0
    try:
        path = nx.dijkstra_path(coop, source, target, weight="cost")
    except nx.NetworkXNoPath:
        return unconnected
    product = 1.0
    edges: list[PathLink] = []
    for u, v in itertools.pairwise(path):
        strength = float(coop.edges[u, v]["strength"])
        product *= strength
        edges.append(
            PathLink(
                [_label(graph, u), _label(graph, v)],
                round(strength, 4),
                list(graph.edges[u, v].get("relations", [])),
            )
        )
    return dataclasses.replace(
        unconnected,
        path=[_label(graph, n) for n in path],
        ids=[str(n) for n in path],
        strength=round(product, 4),
        edges=edges,
    )
