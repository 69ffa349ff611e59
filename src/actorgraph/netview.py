"""The knowledge graph as networkx graphs: one edge per statement, and the aggregated signed graph.

Analysts ask questions about *pairs* of actors (allied? rivals? both?), but the evidence lives in single
statements. :func:`to_networkx` keeps every statement as one edge of a :class:`networkx.MultiDiGraph`
(so views can show the sentences behind a line), and :func:`aggregate` folds those edges into one signed
edge per unordered pair of actors, which is what the analyses in :mod:`actorgraph.analysis` read.

Statements are read with one SPARQL SELECT through the store API, so the same code serves a Turtle file,
an Oxigraph store folder, a remote endpoint or an in-memory rdflib graph.

**State level.** At ``level="state"`` every actor with an ``ag:stateCode`` (a state, a state body, an office
holder) is rolled up into the ``ag:State`` node with that ``ag:isoCode``, so "Sergey Lavrov met Armenian
officials" becomes evidence for Russia–Armenia. International organisations and non-state groups stay
themselves, and so does an actor whose state is not in the graph.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date as _date
from typing import TYPE_CHECKING, Any, Literal, Protocol

import networkx as nx

from .model import ONTOLOGY_NS

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = [
    "AMBIVALENCE_SHARE",
    "COUNTED_MOODS",
    "RELATION_INTENSITY",
    "STATEMENTS_QUERY",
    "Level",
    "aggregate",
    "date_bounds",
    "node_for",
    "to_networkx",
]

Level = Literal["state", "actor"]

#: How strongly one statement of each relation speaks for cooperation or conflict, on a 0-10 scale modelled on
#: the Goldstein (1992) conflict-cooperation scale used with CAMEO/PLOVER event data: a phone call (1) is weak
#: evidence of alignment, an air strike (9) strong evidence of hostility, and standing relations (alliance,
#: rivalry: 6) weigh more than single events. Without it, frequent routine contacts outweigh rare but decisive
#: hostile acts (Russia and Turkey talk all the time, and sanctioned each other after a shoot-down).
#: Relations missing here take their parent's value, then 1 (2 when standing).
RELATION_INTENSITY: dict[str, float] = {
    "consultsWith": 1.0,
    "agreesWith": 3.0,
    "supports": 3.0,
    "cooperatesWith": 4.0,
    "partnerOf": 4.0,
    "aids": 5.0,
    "alliedWith": 6.0,
    "requests": 1.0,
    "accuses": 2.0,
    "rejects": 3.0,
    "opposes": 3.0,
    "threatens": 4.0,
    "pressures": 5.0,
    "sanctions": 6.0,
    "rivalOf": 6.0,
    "attacks": 9.0,
    "clashesWith": 9.0,
}

#: A pair is *ambivalent* when cooperative and conflictual weights are each at least this share of their sum.
AMBIVALENCE_SHARE = 0.25

#: Moods whose statements count in the aggregated graph; conditional and question statements are kept in the
#: multigraph as evidence to read but assert nothing (the RDF graph makes no direct triple for them either).
COUNTED_MOODS = frozenset({"asserted", "hedged"})

_AG = ONTOLOGY_NS

#: The one query :func:`to_networkx` runs. One row per statement (duplicates from multi-valued optional
#: properties are merged in Python). The ``?sUp``/``?oUp`` columns give the State each actor rolls up to.
STATEMENTS_QUERY = """\
PREFIX ag: <https://w3id.org/actorgraph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX schema: <https://schema.org/>
SELECT ?stmt ?s ?rel ?o ?polarity ?plover ?negated ?hedged ?mood ?confidence ?means ?date
       ?text ?start ?end ?doc ?docName ?docTitle ?docDate ?docUrl
       ?sLabel ?sType ?sState ?sUp ?sUpLabel ?oLabel ?oType ?oState ?oUp ?oUpLabel
WHERE {
  ?stmt a ag:Statement ; ag:statementSubject ?s ; ag:statementRelation ?rel ; ag:statementObject ?o .
  OPTIONAL { ?stmt ag:polarity ?polarity }
  OPTIONAL { ?stmt ag:ploverType ?plover }
  OPTIONAL { ?stmt ag:negated ?negated }
  OPTIONAL { ?stmt ag:hedged ?hedged }
  OPTIONAL { ?stmt ag:mood ?mood }
  OPTIONAL { ?stmt ag:confidence ?confidence }
  OPTIONAL { ?stmt ag:means ?means }
  OPTIONAL { ?stmt ag:eventDate ?date }
  OPTIONAL {
    ?stmt prov:wasDerivedFrom ?sentence .
    OPTIONAL { ?sentence nif:anchorOf ?text }
    OPTIONAL { ?sentence nif:beginIndex ?start }
    OPTIONAL { ?sentence nif:endIndex ?end }
    OPTIONAL {
      ?sentence dcterms:isPartOf ?doc .
      OPTIONAL { ?doc dcterms:identifier ?docName }
      OPTIONAL { ?doc dcterms:title ?docTitle }
      OPTIONAL { ?doc dcterms:date ?docDate }
      OPTIONAL { ?doc schema:url ?docUrl }
    }
  }
  OPTIONAL { ?s skos:prefLabel ?sLabel }
  OPTIONAL { ?s a ?sType . FILTER(STRSTARTS(STR(?sType), STR(ag:))) }
  OPTIONAL { ?s ag:stateCode ?sState .
             OPTIONAL { ?sUp a ag:State ; ag:isoCode ?sState . OPTIONAL { ?sUp skos:prefLabel ?sUpLabel } } }
  OPTIONAL { ?o skos:prefLabel ?oLabel }
  OPTIONAL { ?o a ?oType . FILTER(STRSTARTS(STR(?oType), STR(ag:))) }
  OPTIONAL { ?o ag:stateCode ?oState .
             OPTIONAL { ?oUp a ag:State ; ag:isoCode ?oState . OPTIONAL { ?oUp skos:prefLabel ?oUpLabel } } }
}
"""

_ACTOR_TYPES = ("State", "InternationalOrganization", "StateBody", "Person", "NonStateGroup")
_NO_ROLL_UP = frozenset({"InternationalOrganization", "NonStateGroup"})


class _Selectable(Protocol):
    def select(self, query: str, bindings: Mapping[str, Any] | None = None) -> Any: ...


@dataclass(frozen=True)
class _RelationInfo:
    polarity: int
    symmetric: bool
    standing: bool
    plover: str | None
    parent: str | None = None


def _relation_info() -> dict[str, _RelationInfo]:
    """Polarity, symmetry and standing of the ontology's relations (empty if the ontology can't be found)."""
    try:
        from .ontology import load_relation_types

        types = load_relation_types()
    except Exception:  # pragma: no cover - a broken install still gets a graph, only without symmetry
        return {}
    return {
        name: _RelationInfo(t.polarity, t.symmetric, t.standing, t.plover, t.parent)
        for name, t in types.items()
    }


def _intensity(relation: str, relations: Mapping[str, _RelationInfo], standing: bool) -> float:
    name: str | None = relation
    for _ in range(8):  # walk up sub-properties (sanctions -> pressures) until one has a value
        if name is None:
            break
        if name in RELATION_INTENSITY:
            return RELATION_INTENSITY[name]
        info = relations.get(name)
        name = info.parent if info else None
    return 2.0 if standing else 1.0


# ----------------------------------------------------------------------------- reading rows


def _py(value: Any) -> Any:
    """An rdflib term as the store API returns values: str for IRIs/literals, Python for numbers/booleans."""
    if value is None:
        return None
    from rdflib import Literal
    from rdflib.namespace import XSD

    if isinstance(value, Literal):
        if value.datatype in (XSD.boolean,):
            return str(value).strip().lower() in ("true", "1")
        if value.datatype in (XSD.integer, XSD.int, XSD.long, XSD.short, XSD.nonNegativeInteger):
            try:
                return int(value)
            except ValueError:
                return str(value)
        if value.datatype in (XSD.decimal, XSD.double, XSD.float):
            try:
                return float(value)
            except ValueError:
                return str(value)
        return str(value)
    return str(value)


def _select_rdflib(graph: Graph, query: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run the query on an rdflib Graph/Dataset, over the union of its named graphs."""
    from rdflib import Dataset

    restore: bool | None = None
    if isinstance(graph, Dataset) and not graph.default_union:
        restore = graph.default_union
        graph.default_union = True
    try:
        with warnings.catch_warnings():  # rdflib's own Dataset internals warn about deprecated names
            warnings.simplefilter("ignore", DeprecationWarning)
            result = graph.query(query)
            names = [str(v) for v in (result.vars or [])]
            rows = [tuple(_py(row[i]) for i in range(len(names))) for row in result]  # type: ignore[index,arg-type]
    finally:
        if restore is not None and isinstance(graph, Dataset):
            graph.default_union = restore
    return names, rows


def _select(source: Any, query: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run ``query`` on a store, an rdflib graph, or whatever :func:`actorgraph.store.open_store` opens."""
    from rdflib import Graph

    if isinstance(source, Graph):
        return _select_rdflib(source, query)
    if hasattr(source, "select"):
        result = source.select(query)
        return list(result.vars), [tuple(r) for r in result.rows]
    if isinstance(source, (str, os.PathLike)):
        from .store import open_store

        store = open_store(source)
        try:
            result = store.select(query)
            return list(result.vars), [tuple(r) for r in result.rows]
        finally:
            store.close()
    raise TypeError(
        f"cannot read statements from {type(source).__name__}: give a store, an rdflib graph or a path"
    )


def _local(iri: str | None, base: str = _AG) -> str:
    if not iri:
        return ""
    if iri.startswith(base):
        return iri[len(base) :]
    for sep in ("#", "/"):
        if sep in iri:
            return iri.rsplit(sep, 1)[1]
    return iri


def _as_str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, _date):
        return value.isoformat()
    text = str(value)
    return text or None


def _as_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    return str(value).strip().lower() in ("true", "1")


def _as_float(value: Any, default: float) -> float:
    try:
        return float(value) if value is not None else default
    except (TypeError, ValueError):
        return default


def _as_int(value: Any) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def date_bounds(value: str | None) -> tuple[str, str] | None:
    """The first and last day an ISO date, year-month or year covers, for date-range filters.

    Args:
        value: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (longer strings are cut to the date).

    Returns:
        ``(first, last)`` ISO dates, or None when the value is missing or not a date.

    Examples:
        >>> date_bounds("2020-07")
        ('2020-07-01', '2020-07-31')
        >>> date_bounds("2020")
        ('2020-01-01', '2020-12-31')
        >>> date_bounds(None) is None
        True
    """
    if not value:
        return None
    text = value[:10]
    parts = text.split("-")
    try:
        if len(parts) == 1:
            year = int(parts[0])
            return f"{year:04d}-01-01", f"{year:04d}-12-31"
        if len(parts) == 2:
            year, month = int(parts[0]), int(parts[1])
            nxt = _date(year + (month == 12), month % 12 + 1, 1)
            last = _date.fromordinal(nxt.toordinal() - 1)
            return f"{year:04d}-{month:02d}-01", last.isoformat()
        day = _date.fromisoformat(text)
    except ValueError:
        return None
    return day.isoformat(), day.isoformat()


def _in_range(value: str | None, since: str | None, until: str | None) -> bool:
    if since is None and until is None:
        return True
    bounds = date_bounds(value)
    if bounds is None:
        return False
    first, last = bounds
    if since is not None and last < (date_bounds(since) or (since, since))[0]:
        return False
    return not (until is not None and first > (date_bounds(until) or (until, until))[1])


def _pick(values: Iterable[Any]) -> Any:
    """The smallest non-empty value of a column over duplicate rows (deterministic whatever the row order)."""
    present = [v for v in values if v is not None and v != ""]
    if not present:
        return None
    try:
        return min(present)
    except TypeError:
        return min(present, key=str)


def _pick_type(values: Iterable[Any]) -> str:
    names = {_local(str(v)) for v in values if v}
    for name in _ACTOR_TYPES:
        if name in names:
            return name
    return "Actor"


def node_for(
    iri: str,
    label: str | None,
    kind: str,
    state: str | None,
    up: str | None,
    up_label: str | None,
    level: Level,
) -> tuple[str, dict[str, Any]]:
    """The graph node an actor becomes at ``level``: itself, or the State it rolls up to.

    Args:
        iri: The actor's IRI.
        label: Its ``skos:prefLabel`` (the IRI's last segment when missing).
        kind: Its class local name (``State``, ``Person``...).
        state: Its ``ag:stateCode``.
        up: The IRI of the State with that ISO code, when the graph has one.
        up_label: That State's label.
        level: ``"state"`` rolls bodies and people up; ``"actor"`` keeps every actor.

    Returns:
        ``(node id, node attributes)``; the id is an IRI.

    Examples:
        >>> node_for("A/lavrov", "Lavrov", "Person", "RUS", "A/russia", "Russia", "state")[1]["label"]
        'Russia'
        >>> node_for("A/lavrov", "Lavrov", "Person", "RUS", "A/russia", "Russia", "actor")[0]
        'A/lavrov'
    """
    if level == "state" and up and kind not in _NO_ROLL_UP:
        return up, {"label": up_label or _local(up), "type": "State", "state": state, "iri": up}
    return iri, {"label": label or _local(iri), "type": kind, "state": state, "iri": iri}


def to_networkx(
    source: Any,
    level: Level = "state",
    since: str | None = None,
    until: str | None = None,
    min_confidence: float = 0.0,
    include_negated: bool = False,
) -> nx.MultiDiGraph[Any]:
    """Read every statement into a MultiDiGraph: one edge (subject -> object) per statement.

    Args:
        source: A store (anything with ``select``), an rdflib ``Graph``/``Dataset``, or a location that
            :func:`actorgraph.store.open_store` accepts (graph file, Oxigraph folder, endpoint URL).
        level: ``"state"`` rolls state bodies and office holders up into their State; ``"actor"`` keeps them.
        since: Keep only statements dated on or after this ISO date (undated ones are dropped when a range
            is given). A statement without an event date takes its document's date.
        until: Keep only statements dated on or before this ISO date.
        min_confidence: Drop statements whose confidence is below this.
        include_negated: Keep negated statements ("Turkey denied sending troops"); off by default because
            they are evidence *against* the relation.

    Returns:
        A MultiDiGraph whose nodes are IRIs with ``label``, ``type``, ``state`` and ``iri`` (plus ``actors``,
        the labels of the actors merged into the node) and whose edges are keyed by statement IRI with
        ``relation``, ``polarity``, ``plover``, ``date``, ``confidence``, ``hedged``, ``mood``, ``negated``,
        ``means``, ``sentence``, ``doc``, ``doc_title``, ``doc_url``, ``start``, ``end``, ``symmetric``,
        ``standing``, ``subject_label`` and ``object_label``. Symmetric relations keep the direction written
        in the graph; readers treat them as undirected through ``symmetric``.

    Raises:
        ValueError: For an unknown level.

    Examples:
        >>> from rdflib import Graph
        >>> ttl = '''@prefix ag: <https://w3id.org/actorgraph/ontology#> .
        ... @prefix a: <https://w3id.org/actorgraph/actor/> .
        ... @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        ... a:turkey a ag:State ; skos:prefLabel "Turkey" ; ag:isoCode "TUR" ; ag:stateCode "TUR" .
        ... a:azerbaijan a ag:State ; skos:prefLabel "Azerbaijan" ; ag:isoCode "AZE" ; ag:stateCode "AZE" .
        ... <urn:s1> a ag:Statement ; ag:statementSubject a:turkey ; ag:statementRelation ag:supports ;
        ...     ag:statementObject a:azerbaijan ; ag:polarity 1 ; ag:confidence 0.9 .
        ... '''
        >>> g = to_networkx(Graph().parse(data=ttl, format="turtle"))
        >>> [(g.nodes[u]["label"], d["relation"], g.nodes[v]["label"]) for u, v, d in g.edges(data=True)]
        [('Turkey', 'supports', 'Azerbaijan')]
    """
    if level not in ("state", "actor"):
        raise ValueError(f"level must be 'state' or 'actor', not {level!r}")
    names, rows = _select(source, STATEMENTS_QUERY)
    index = {name: i for i, name in enumerate(names)}
    grouped: dict[str, list[tuple[Any, ...]]] = {}
    for row in rows:
        grouped.setdefault(str(row[index["stmt"]]), []).append(row)
    relations = _relation_info()
    graph: nx.MultiDiGraph[Any] = nx.MultiDiGraph(level=level)
    for stmt in sorted(grouped):
        group = grouped[stmt]

        def col(name: str, group: Sequence[tuple[Any, ...]] = group) -> Any:
            i = index.get(name)
            return None if i is None else _pick(r[i] for r in group)

        def col_all(name: str, group: Sequence[tuple[Any, ...]] = group) -> list[Any]:
            i = index.get(name)
            return [] if i is None else [r[i] for r in group]

        negated = _as_bool(col("negated"))
        if negated and not include_negated:
            continue
        confidence = _as_float(col("confidence"), 1.0)
        if confidence < min_confidence:
            continue
        event_date = _as_str(col("date"))
        when = event_date or _as_str(col("docDate"))
        when = when[:10] if when else None
        if not _in_range(when, since, until):
            continue
        relation = _local(_as_str(col("rel")))
        info = relations.get(relation)
        polarity = _as_int(col("polarity"))
        if polarity is None:
            polarity = info.polarity if info else 0
        ends: list[tuple[str, dict[str, Any]]] = []
        for side in ("s", "o"):
            iri = str(col(side))
            ends.append(
                node_for(
                    iri,
                    _as_str(col(f"{side}Label")),
                    _pick_type(col_all(f"{side}Type")),
                    _as_str(col(f"{side}State")),
                    _as_str(col(f"{side}Up")),
                    _as_str(col(f"{side}UpLabel")),
                    level,
                )
            )
        labels = []
        for (node, attrs), side in zip(ends, ("s", "o"), strict=True):
            actor_label = _as_str(col(f"{side}Label")) or _local(str(col(side)))
            labels.append(actor_label)
            if node not in graph:
                graph.add_node(node, **attrs, actors=[])
            if actor_label not in graph.nodes[node]["actors"]:
                graph.nodes[node]["actors"].append(actor_label)
        mood = _as_str(col("mood")) or ("hedged" if _as_bool(col("hedged")) else "asserted")
        graph.add_edge(
            ends[0][0],
            ends[1][0],
            key=stmt,
            relation=relation,
            polarity=polarity,
            plover=_as_str(col("plover")) or (info.plover if info else None),
            date=when,
            confidence=confidence,
            hedged=_as_bool(col("hedged")) or mood != "asserted",
            mood=mood,
            negated=negated,
            means=_as_str(col("means")),
            sentence=_as_str(col("text")) or "",
            doc=_as_str(col("docName")) or _as_str(col("doc")) or "",
            doc_title=_as_str(col("docTitle")),
            doc_url=_as_str(col("docUrl")),
            start=_as_int(col("start")),
            end=_as_int(col("end")),
            symmetric=bool(info and info.symmetric),
            standing=bool(info and info.standing),
            subject_label=labels[0],
            object_label=labels[1],
        )
    for _node, data in graph.nodes(data=True):
        data["actors"] = sorted(data["actors"])
    return graph


# ----------------------------------------------------------------------------- the aggregated signed graph


def _decay(when: str | None, ref: _date | None, half_life: float | None) -> float:
    if half_life is None or ref is None:
        return 1.0
    bounds = date_bounds(when)
    if bounds is None:
        return 1.0
    age = (ref - _date.fromisoformat(bounds[0])).days
    return float(0.5 ** (max(age, 0) / half_life))


def _classify(coop_w: float, conf_w: float, coop_n: int, conf_n: int, net: float) -> str:
    total = coop_w + conf_w
    if coop_n >= 1 and conf_n >= 1 and total > 0 and min(coop_w, conf_w) >= AMBIVALENCE_SHARE * total:
        return "ambivalent"
    if net > 1e-12:
        return "allied"
    if net < -1e-12:
        return "rival"
    return "neutral"


def aggregate(
    multigraph: nx.MultiDiGraph[Any],
    decay_half_life_days: float | None = None,
    ref_date: str | None = None,
) -> nx.Graph[Any]:
    """Fold the statements between each unordered pair of actors into one signed edge.

    Which statements count: not negated and of mood ``asserted`` or ``hedged`` (conditional and question
    statements assert nothing). Self-loops (two bodies of one state, at state level) are left out.

    The rule, so a reader can check a classification by hand:

    * each counted statement weighs its ``confidence`` times the intensity of its relation
      (:data:`RELATION_INTENSITY`: a consultation 1, an agreement 3, an alliance 6, an attack 9), times
      ``0.5 ** (age / half_life)`` when a half-life is given (age in days before ``ref_date``, default the
      newest statement's date);
    * polarity +1 adds to the cooperative weight, -1 to the conflictual weight, 0 counts as neutral;
    * ``mediates`` statements are counted apart (``mediation``) and do not sign the pair: mediating between
      two parties says nothing about being allied to either; :func:`actorgraph.analysis.mediators` reads them;
    * ``net`` = cooperative weight - conflictual weight;
    * ``ambivalent`` when there is at least one cooperative and one conflictual statement and each weight
      is at least :data:`AMBIVALENCE_SHARE` (25 %) of their sum; else ``allied`` when net > 0, ``rival``
      when net < 0, else ``neutral``;
    * ``sign`` is +1 for allied, -1 for rival, 0 for neutral, and the sign of ``net`` for ambivalent pairs.

    Args:
        multigraph: The output of :func:`to_networkx`.
        decay_half_life_days: Half-life of the exponential time decay; None counts all evidence alike.
        ref_date: ISO date the age is measured from (default: the newest dated statement).

    Returns:
        An undirected Graph with the multigraph's nodes and, per pair with counted evidence: ``cooperative``,
        ``conflictual``, ``neutral``, ``mediation`` (counts), ``coop_weight``, ``conflict_weight``, ``net``,
        ``weight`` (number of counted statements), ``relations`` (sorted names), ``first``/``last``
        (dates or None), ``hedged_only``, ``sign``, ``classification`` and ``statements`` (sorted keys).

    Examples:
        >>> m = nx.MultiDiGraph()
        >>> m.add_edge("RUS", "TUR", key="s1", relation="cooperatesWith", polarity=1, confidence=0.9)
        's1'
        >>> m.add_edge("TUR", "RUS", key="s2", relation="accuses", polarity=-1, confidence=0.9)
        's2'
        >>> m.add_edge("TUR", "AZE", key="s3", relation="supports", polarity=1, confidence=0.9)
        's3'
        >>> g = aggregate(m)
        >>> g.edges["RUS", "TUR"]["classification"], g.edges["TUR", "AZE"]["classification"]
        ('ambivalent', 'allied')
    """
    relations = _relation_info()
    ref: _date | None = None
    if decay_half_life_days is not None:
        if ref_date:
            ref = _date.fromisoformat(ref_date[:10])
        else:
            latest = [b[1] for _, _, d in multigraph.edges(data=True) if (b := date_bounds(d.get("date")))]
            ref = _date.fromisoformat(max(latest)) if latest else None
    signed: nx.Graph[Any] = nx.Graph(level=multigraph.graph.get("level"))
    signed.add_nodes_from(multigraph.nodes(data=True))
    pairs: dict[tuple[Any, Any], list[tuple[str, dict[str, Any]]]] = {}
    for u, v, key, data in multigraph.edges(keys=True, data=True):
        if u == v or data.get("negated") or (data.get("mood") or "asserted") not in COUNTED_MOODS:
            continue
        pair = (u, v) if str(u) <= str(v) else (v, u)
        pairs.setdefault(pair, []).append((str(key), data))
    for (u, v), items in sorted(pairs.items(), key=lambda kv: (str(kv[0][0]), str(kv[0][1]))):
        coop_w = conf_w = 0.0
        coop_n = conf_n = neutral_n = mediation_n = 0
        names: set[str] = set()
        dates: list[str] = []
        hedged_only = True
        for _key, data in items:
            relation = str(data.get("relation", ""))
            names.add(relation)
            if data.get("date"):
                dates.append(str(data["date"]))
            hedged_only = hedged_only and bool(data.get("hedged"))
            if relation == "mediates":
                mediation_n += 1
                continue
            info = relations.get(relation)
            standing = bool(data.get("standing")) or bool(info and info.standing)
            weight = _as_float(data.get("confidence"), 1.0) * _intensity(relation, relations, standing)
            weight *= _decay(data.get("date"), ref, decay_half_life_days)
            polarity = int(data.get("polarity") or 0)
            if polarity > 0:
                coop_w += weight
                coop_n += 1
            elif polarity < 0:
                conf_w += weight
                conf_n += 1
            else:
                neutral_n += 1
        net = coop_w - conf_w
        classification = _classify(coop_w, conf_w, coop_n, conf_n, net)
        sign = {"allied": 1, "rival": -1, "neutral": 0}.get(classification, (net > 0) - (net < 0))
        signed.add_edge(
            u,
            v,
            cooperative=coop_n,
            conflictual=conf_n,
            neutral=neutral_n,
            mediation=mediation_n,
            coop_weight=round(coop_w, 6),
            conflict_weight=round(conf_w, 6),
            net=round(net, 6),
            weight=len(items),
            relations=sorted(names),
            first=min(dates) if dates else None,
            last=max(dates) if dates else None,
            hedged_only=hedged_only,
            sign=int(sign),
            classification=classification,
            statements=sorted(k for k, _ in items),
        )
    return signed
