"""The knowledge graph as networkx graphs: one edge per statement, and the aggregated signed graph.

Analysts ask questions about *pairs* of actors (allied? rivals? both?), but the evidence lives in single
statements. :func:`to_networkx` keeps every statement as one edge of a :class:`networkx.MultiDiGraph`
(so views can show the sentences behind a line), and :func:`aggregate` folds those edges into one signed
edge per unordered pair of actors, which is what the analyses in :mod:`actorgraph.analysis` read.

Statements are read with one SPARQL SELECT through the :class:`~actorgraph.store.Store` API, so the same
code serves a Turtle file, an Oxigraph store folder, a remote endpoint or an in-memory rdflib graph (open any
of them with :func:`actorgraph.store.open_store`).

**State level.** At ``level="state"`` every actor becomes the actor its ``ag:rollsUpTo`` names (materialised
when the graph is built, see ``docs/architecture.md``): a state body or an office holder becomes the
``ag:State`` it acts for, so "Sergey Lavrov met Armenian officials" becomes evidence for Russia–Armenia.
States, international organisations and non-state groups roll up to themselves, and so does an actor whose
state is not in the graph (or a graph written without ``ag:rollsUpTo``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date as _date
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

import networkx as nx

from .model import ONTOLOGY_NS

if TYPE_CHECKING:
    from .store import Store

__all__ = [
    "AMBIVALENCE_SHARE",
    "COUNTED_MOODS",
    "RELATION_INTENSITY",
    "STATEMENTS_QUERY",
    "ActorEnd",
    "Level",
    "RelationInfo",
    "aggregate",
    "date_bounds",
    "node_for",
    "relation_info",
    "statement_weight",
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
#: properties are merged in Python). The ``?sUp``/``?oUp`` columns give the actor each end rolls up to
#: (``ag:rollsUpTo``), with that actor's label, type and state code.
STATEMENTS_QUERY = """\
PREFIX ag: <https://w3id.org/actorgraph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX schema: <https://schema.org/>
SELECT ?stmt ?s ?rel ?o ?polarity ?plover ?negated ?hedged ?mood ?confidence ?means ?date
       ?text ?start ?end ?doc ?docName ?docTitle ?docDate ?docUrl
       ?sLabel ?sType ?sState ?sUp ?sUpLabel ?sUpType ?sUpState
       ?oLabel ?oType ?oState ?oUp ?oUpLabel ?oUpType ?oUpState
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
  OPTIONAL { ?s ag:stateCode ?sState }
  OPTIONAL { ?s ag:rollsUpTo ?sUp .
             OPTIONAL { ?sUp skos:prefLabel ?sUpLabel }
             OPTIONAL { ?sUp a ?sUpType . FILTER(STRSTARTS(STR(?sUpType), STR(ag:))) }
             OPTIONAL { ?sUp ag:stateCode ?sUpState } }
  OPTIONAL { ?o skos:prefLabel ?oLabel }
  OPTIONAL { ?o a ?oType . FILTER(STRSTARTS(STR(?oType), STR(ag:))) }
  OPTIONAL { ?o ag:stateCode ?oState }
  OPTIONAL { ?o ag:rollsUpTo ?oUp .
             OPTIONAL { ?oUp skos:prefLabel ?oUpLabel }
             OPTIONAL { ?oUp a ?oUpType . FILTER(STRSTARTS(STR(?oUpType), STR(ag:))) }
             OPTIONAL { ?oUp ag:stateCode ?oUpState } }
}
"""

_ACTOR_TYPES = ("State", "InternationalOrganization", "StateBody", "Person", "NonStateGroup")


@dataclass(frozen=True)
class RelationInfo:
    """What the ontology says about a relation: polarity, symmetry, standing, PLOVER type and parent."""

    polarity: int
    symmetric: bool
    standing: bool
    plover: str | None
    parent: str | None = None


def relation_info() -> dict[str, RelationInfo]:
    """Polarity, symmetry and standing of the ontology's relations (empty if the ontology can't be found)."""
    try:
        from .ontology import load_relation_types

        types = load_relation_types()
    except Exception:  # pragma: no cover - a broken install still gets a graph, only without symmetry
        return {}
    return {
        name: RelationInfo(t.polarity, t.symmetric, t.standing, t.plover, t.parent)
        for name, t in types.items()
    }


def _intensity(relation: str, relations: Mapping[str, RelationInfo], standing: bool) -> float:
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


class ActorEnd(NamedTuple):
    """One end of a statement as read from the graph: an actor's IRI, label, class and state code."""

    iri: str
    label: str | None
    type: str
    state: str | None

    def attributes(self) -> dict[str, Any]:
        """The node attributes of this actor (its IRI's last segment stands in for a missing label)."""
        return {
            "label": self.label or _local(self.iri),
            "type": self.type,
            "state": self.state,
            "iri": self.iri,
        }


def node_for(actor: ActorEnd, up: ActorEnd | None, level: Level) -> tuple[str, dict[str, Any]]:
    """The graph node an actor becomes at ``level``: itself, or the actor its ``ag:rollsUpTo`` names.

    Args:
        actor: The actor at one end of a statement.
        up: The actor it rolls up to (``ag:rollsUpTo``); None when the graph does not say.
        level: ``"state"`` rolls bodies and people up; ``"actor"`` keeps every actor.

    Returns:
        ``(node id, node attributes)``; the id is an IRI.

    Examples:
        >>> lavrov = ActorEnd("A/lavrov", "Lavrov", "Person", "RUS")
        >>> russia = ActorEnd("A/russia", "Russia", "State", "RUS")
        >>> node_for(lavrov, russia, "state")[1]["label"], node_for(lavrov, russia, "actor")[0]
        ('Russia', 'A/lavrov')
    """
    chosen = up if level == "state" and up is not None else actor
    return chosen.iri, chosen.attributes()


def to_networkx(
    store: Store,
    level: Level = "state",
    since: str | None = None,
    until: str | None = None,
    min_confidence: float = 0.0,
    include_negated: bool = False,
) -> nx.MultiDiGraph[Any]:
    """Read every statement into a MultiDiGraph: one edge (subject -> object) per statement.

    Args:
        store: The graph to read (:func:`actorgraph.store.open_store` opens a graph file, an Oxigraph
            folder, an endpoint URL or an rdflib graph as one).
        level: ``"state"`` rolls every actor up to its ``ag:rollsUpTo`` (state bodies and office holders
            into their State); ``"actor"`` keeps them.
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
        >>> from actorgraph.store import open_store
        >>> ttl = '''@prefix ag: <https://w3id.org/actorgraph/ontology#> .
        ... @prefix a: <https://w3id.org/actorgraph/actor/> .
        ... @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        ... a:turkey a ag:State ; skos:prefLabel "Turkey" ; ag:rollsUpTo a:turkey .
        ... a:erdogan a ag:Person ; skos:prefLabel "Erdoğan" ; ag:rollsUpTo a:turkey .
        ... a:azerbaijan a ag:State ; skos:prefLabel "Azerbaijan" ; ag:rollsUpTo a:azerbaijan .
        ... <urn:s1> a ag:Statement ; ag:statementSubject a:erdogan ; ag:statementRelation ag:supports ;
        ...     ag:statementObject a:azerbaijan ; ag:polarity 1 ; ag:confidence 0.9 .
        ... '''
        >>> g = to_networkx(open_store(Graph().parse(data=ttl, format="turtle")))
        >>> [(g.nodes[u]["label"], d["relation"], g.nodes[v]["label"]) for u, v, d in g.edges(data=True)]
        [('Turkey', 'supports', 'Azerbaijan')]
    """
    if level not in ("state", "actor"):
        raise ValueError(f"level must be 'state' or 'actor', not {level!r}")
    result = store.select(STATEMENTS_QUERY)
    names, rows = result.vars, result.rows
    index = {name: i for i, name in enumerate(names)}
    grouped: dict[str, list[tuple[Any, ...]]] = {}
    for row in rows:
        grouped.setdefault(str(row[index["stmt"]]), []).append(row)
    relations = relation_info()
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
            actor = ActorEnd(
                str(col(side)),
                _as_str(col(f"{side}Label")),
                _pick_type(col_all(f"{side}Type")),
                _as_str(col(f"{side}State")),
            )
            up_iri = _as_str(col(f"{side}Up"))  # ag:rollsUpTo is functional: one per actor
            up = None
            if up_iri is not None:
                up = ActorEnd(
                    up_iri,
                    _as_str(col(f"{side}UpLabel")),
                    _pick_type(col_all(f"{side}UpType")),
                    _as_str(col(f"{side}UpState")),
                )
            ends.append(node_for(actor, up, level))
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


def statement_weight(data: Mapping[str, Any], relations: Mapping[str, RelationInfo]) -> float:
    """How much one statement counts in :func:`aggregate`: its confidence times its relation's intensity.

    Args:
        data: The statement's edge attributes (``relation``, ``confidence``, ``standing``).
        relations: :func:`relation_info` (intensities of relations missing from :data:`RELATION_INTENSITY`
            come from their parents).

    Returns:
        The weight (a consultation at confidence 0.9 weighs 0.9, an attack 8.1).

    Examples:
        >>> round(statement_weight({"relation": "attacks", "confidence": 0.9}, {}), 2)
        8.1
    """
    relation = str(data.get("relation", ""))
    info = relations.get(relation)
    standing = bool(data.get("standing")) or bool(info and info.standing)
    return _as_float(data.get("confidence"), 1.0) * _intensity(relation, relations, standing)


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
    relations = relation_info()
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
            weight = statement_weight(data, relations) * _decay(data.get("date"), ref, decay_half_life_days)
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
