"""Library queries shaped for Oxigraph's planner return exactly what their direct formulations return.

Some library queries are written for Oxigraph's planner: statements found from their materialised roll-up keys
(``ag:subjectKey``/``ag:objectKey``) instead of member by member, OPTIONALs inside the branch that binds their
subject, whole-index sub-SELECTs. Each has a reference formulation in ``tests/data/reference_queries/`` (the
direct way, as the library first wrote it). Here both run with many parameters on the same graphs and stores
and must give the same rows in the same order. Nothing is timed; ``make bench`` measures the plans.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from actorgraph.queries import get_query
from actorgraph.sparql import resolve_params
from actorgraph.store import QueryResult, Store, open_store, write_store
from tiny_fixture import build_tiny_dataset

REFERENCE = Path(__file__).parent / "data" / "reference_queries"
SHAPED = sorted(path.stem for path in REFERENCE.glob("*.rq"))


def _rows(result: QueryResult) -> list[tuple[Any, ...]]:
    """The rows, with GROUP_CONCAT lists sorted (their order is engine-specific)."""
    return [
        tuple(", ".join(sorted(v.split(", "))) if isinstance(v, str) and ", " in v else v for v in row)
        for row in result.rows
    ]


def _param_sets(store: Store, name: str, limit: int | None = None) -> list[dict[str, str]]:
    """Parameters covering the graph: every actor, every pair of roll-up keys, every stated relation."""
    actors = sorted(str(r[0]) for r in store.select("SELECT DISTINCT ?a WHERE { ?a ag:rollsUpTo ?k }").rows)
    keys = sorted(str(r[0]) for r in store.select("SELECT DISTINCT ?k WHERE { ?a ag:rollsUpTo ?k }").rows)
    sets: list[dict[str, str]]
    if name in ("allies_of", "rivals_of"):
        sets = [{"actor": a} for a in actors]
    elif name in ("relations_between", "timeline"):
        # every pair with statements, both ways, and a fixed sample of the others (all pairs cost minutes)
        stated = store.select("SELECT DISTINCT ?a ?b WHERE { ?st ag:subjectKey ?a ; ag:objectKey ?b }").rows
        related = sorted({(str(a), str(b)) for a, b in stated} | {(str(b), str(a)) for a, b in stated})
        others = [p for p in itertools.product(keys, keys) if p not in set(related)][::37]
        pairs = [*related, *others, *zip(actors, reversed(actors), strict=True)]
        sets = [{"a": a, "b": b} for a, b in pairs]
    elif name == "evidence_for":
        stated = store.select(
            "SELECT DISTINCT ?s ?r ?o WHERE { ?st ag:statementSubject ?s ; ag:statementRelation ?r ;"
            " ag:statementObject ?o }"
        ).rows
        sets = []
        for s, r, o in sorted(stated, key=str):
            relation = str(r).rsplit("#", 1)[-1]
            sets += [
                {"subject": str(s), "relation": relation, "object": str(o)},
                {"subject": str(o), "relation": relation, "object": str(s)},
            ]
    else:
        sets = [{}]
    if limit:
        return sets[:limit]
    # an even sample of at most 120 parameter sets keeps the comparison under a few seconds per query
    return sets[:: max(1, -(-len(sets) // 120))]


def _compare(store: Store, name: str, limit: int | None = None) -> int:
    """Run the library query and its reference with every parameter set; return how many rows matched."""
    shaped = get_query(name)
    reference = (REFERENCE / f"{name}.rq").read_text(encoding="utf-8")
    kinds = {p.name: p.kind for p in shaped.params}
    matched = 0
    for params in _param_sets(store, name, limit):
        bindings = resolve_params(params, kinds)
        got = store.select(shaped.text, bindings)
        want = store.select(reference, bindings)
        assert got.vars == want.vars
        assert _rows(got) == _rows(want), (name, params)
        matched += len(want.rows)
    return matched


def test_every_reference_is_a_library_query() -> None:
    assert SHAPED and all(get_query(name) for name in SHAPED)


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def tiny_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    if request.param == "memory":
        opened: Store = open_store(build_tiny_dataset(), "memory")
    else:
        opened = open_store(write_store(build_tiny_dataset(), tmp_path_factory.mktemp("plans") / "store"))
    yield opened
    opened.close()


@pytest.mark.parametrize("name", SHAPED)
def test_shaped_query_matches_its_reference_on_the_tiny_graph(tiny_store: Store, name: str) -> None:
    assert _compare(tiny_store, name) > 0  # the parameters reach real rows, so the comparison can fail


def test_statement_keys_are_the_roll_up_of_their_actors(tiny_store: Store) -> None:
    """The invariant the shaped queries rely on: a statement's keys are its subject's and object's roll-up."""
    broken = """
    ASK {
      ?st a ag:Statement .
      { ?st ag:statementSubject ?actor .
        FILTER NOT EXISTS { ?st ag:subjectKey ?key . ?actor ag:rollsUpTo ?key } }
      UNION
      { ?st ag:statementObject ?actor .
        FILTER NOT EXISTS { ?st ag:objectKey ?key . ?actor ag:rollsUpTo ?key } }
    }
    """
    assert tiny_store.ask("ASK { ?st ag:subjectKey ?k ; ag:objectKey ?o }")
    assert not tiny_store.ask(broken)


# ----------------------------------------------------------------------------- the corpus graph (real model)


@pytest.mark.model
@pytest.mark.parametrize("name", SHAPED)
def test_shaped_query_matches_its_reference_on_the_corpus(corpus_build: Path, name: str) -> None:
    with open_store(corpus_build / "store") as store:
        assert _compare(store, name) > 0


@pytest.mark.model
@pytest.mark.parametrize("name", SHAPED)
def test_shaped_query_matches_its_reference_on_the_corpus_in_rdflib(corpus_build: Path, name: str) -> None:
    # rdflib runs the member-by-member references slowly (seconds per call), so a sample of the parameters
    with open_store(corpus_build / "graph.ttl", "memory") as store:
        assert _compare(store, name, limit=2) > 0
