"""The query library: every query is documented, parses, and returns the expected rows on both stores."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from actorgraph.cli import cli
from actorgraph.errors import QueryError, UnknownActorError
from actorgraph.graph import write_graph
from actorgraph.queries import get_query, load_library, load_queries, run_query
from actorgraph.sparql import check_query
from actorgraph.store import QueryResult, Store, open_store, write_store
from tiny_fixture import TinyGazetteer, build_tiny_dataset

A = "https://w3id.org/actorgraph/actor/"
AG = "https://w3id.org/actorgraph/ontology#"
LIBRARY = sorted(load_queries())

PARAMS: dict[str, dict[str, str]] = {
    "allies_of": {"actor": "Ankara"},
    "rivals_of": {"actor": "TUR"},
    "relations_between": {"a": "Russia", "b": "Turkey"},
    "evidence_for": {"subject": "Turkey", "relation": "partnerOf", "object": "Azerbaijan"},
    "timeline": {"a": "Armenia", "b": "AZE"},
    "statements_by_document": {"document": "02-moscow-talks.md"},
}

# Expected rows, reduced to the columns that say what the query is for (set of tuples; order checked apart).
EXPECTED: dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]] = {
    "allies_of": (
        ("allyLabel", "relations", "statements", "first", "last"),
        [
            ("Azerbaijan", "partnerOf, supports", 2, "2020", "2020-07-14"),
            ("Russia", "consultsWith, cooperatesWith", 2, "2020-07", "2020-07"),
        ],
    ),
    "rivals_of": (
        ("rivalLabel", "relations", "statements"),
        [("Armenia", "accuses", 1), ("OSCE Minsk Group", "rejects", 1), ("Russia", "pressures", 1)],
    ),
    "relations_between": (
        ("subjectLabel", "relation", "objectLabel", "negated", "mood"),
        [
            ("Sergey Lavrov", AG + "consultsWith", "Turkey", False, "asserted"),
            ("Russia", AG + "pressures", "Turkey", False, "hedged"),
            ("Russia", AG + "cooperatesWith", "Turkey", False, "asserted"),
            ("Russia", AG + "sanctions", "Turkey", False, "question"),
        ],
    ),
    "evidence_for": (
        ("date", "subjectActor", "objectActor", "sentence", "document"),
        [
            (
                "2020",
                A + "turkey",
                A + "azerbaijan",
                "Turkey is a strategic partner of Azerbaijan.",
                "03-ceasefire.md",
            )
        ],
    ),
    "timeline": (
        ("date", "relation", "polarity"),
        [("2020-07-12", AG + "clashesWith", -1), ("2020-11-10", AG + "agreesWith", 1)],
    ),
    "mediators": (
        ("mediatorLabel", "partyALabel", "partyBLabel", "sentences"),
        [("Russia", "Armenia", "Azerbaijan", 1)],
    ),
    "actors_by_degree": (
        ("label", "type", "degree", "statements", "cooperative", "conflictual"),
        [
            ("Turkey", "State", 4, 7, 4, 3),
            ("Armenia", "State", 4, 6, 3, 2),
            ("Russia", "State", 3, 6, 5, 1),
            ("Azerbaijan", "State", 3, 5, 4, 1),
            ("OSCE Minsk Group", "InternationalOrganization", 2, 2, 0, 1),
        ],
    ),
    "statements_by_document": (
        ("begin", "subjectLabel", "relation", "objectLabel", "mood"),
        [
            (9, "Sergey Lavrov", AG + "mediates", "Armenia", "asserted"),
            (9, "Sergey Lavrov", AG + "mediates", "Azerbaijan", "asserted"),
            (89, "Sergey Lavrov", AG + "consultsWith", "Turkey", "asserted"),
            (125, "Russia", AG + "pressures", "Turkey", "hedged"),
            (177, "Russia", AG + "cooperatesWith", "Turkey", "asserted"),
            (225, "Russia", AG + "sanctions", "Turkey", "question"),
        ],
    ),
    "people_and_roles": (
        ("name", "state", "actsForLabel", "role", "positionInLabel", "start", "statements"),
        [("Sergey Lavrov", "RUS", "Russia", "Foreign Minister", "Russia", "2004-03-09", 3)],
    ),
    "ambivalent_pairs": (
        ("aLabel", "bLabel", "cooperative", "conflictual", "first", "last"),
        [
            ("Armenia", "Azerbaijan", 1, 1, "2020-07-12", "2020-11-10"),
            ("Russia", "Turkey", 2, 1, "2020-07", "2020-07"),
        ],
    ),
}


def project(result: QueryResult, columns: tuple[str, ...]) -> list[tuple[Any, ...]]:
    index = [result.vars.index(c) for c in columns]
    rows = []
    for row in result.rows:
        values = []
        for i, c in zip(index, columns, strict=True):
            value = row[i]
            if c == "relations" and isinstance(value, str):  # GROUP_CONCAT order is engine-specific
                value = ", ".join(sorted(value.split(", ")))
            values.append(value)
        rows.append(tuple(values))
    return rows


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    if request.param == "memory":
        opened: Store = open_store(build_tiny_dataset(), "memory")
    else:
        opened = open_store(write_store(build_tiny_dataset(), tmp_path_factory.mktemp("q") / "store"))
    yield opened
    opened.close()


def test_library_is_complete() -> None:
    assert set(LIBRARY) == set(EXPECTED)


@pytest.mark.parametrize("name", LIBRARY)
def test_query_is_documented_and_parses(name: str) -> None:
    query = get_query(name)
    assert query.text.startswith(f"# {name}:")
    assert "Returns" in query.description
    assert "Parameters" in query.description
    for param in query.params:
        assert f"?{param.name}" in query.text.split("\nSELECT", 1)[1]
    assert check_query(query.text).form == "SELECT"


@pytest.mark.parametrize("name", LIBRARY)
def test_query_returns_expected_rows(store: Store, name: str) -> None:
    result = run_query(store, name, gazetteer=TinyGazetteer(), **PARAMS.get(name, {}))
    columns, expected = EXPECTED[name]
    assert project(result, columns) == expected


@pytest.mark.parametrize("form", ["Turkey", "TUR", "Ankara", "Türkiye", "actor:turkey", A + "turkey"])
def test_actor_parameter_forms(store: Store, form: str) -> None:
    result = run_query(store, "allies_of", gazetteer=TinyGazetteer(), actor=form)
    assert [row[1] for row in result.rows] == ["Azerbaijan", "Russia"]


def test_person_parameter_rolls_up_to_state(store: Store) -> None:
    by_person = run_query(store, "allies_of", gazetteer=TinyGazetteer(), actor="Lavrov")
    by_state = run_query(store, "allies_of", gazetteer=TinyGazetteer(), actor="Russia")
    assert [row[1] for row in by_person.rows] == [row[1] for row in by_state.rows] == ["Turkey", "Armenia"]


def test_parameter_errors(store: Store) -> None:
    with pytest.raises(UnknownActorError, match=r"Turkey|turkey"):
        run_query(store, "allies_of", gazetteer=TinyGazetteer(), actor="Turky")
    with pytest.raises(QueryError, match="needs --param actor"):
        run_query(store, "allies_of", gazetteer=TinyGazetteer())
    with pytest.raises(QueryError, match="no parameter 'country'"):
        run_query(store, "allies_of", gazetteer=TinyGazetteer(), actor="Turkey", country="x")
    with pytest.raises(QueryError, match=r"available: actors_by_degree"):
        run_query(store, "friends_of", gazetteer=TinyGazetteer())


def test_optional_parameter_left_out_lists_everything(store: Store) -> None:
    assert len(run_query(store, "statements_by_document").rows) == 16


def test_library_metadata() -> None:
    library = load_library()
    assert [p.name for p in library["evidence_for"].params] == ["subject", "relation", "object"]
    assert library["evidence_for"].params[1].kind == "relation"
    assert library["statements_by_document"].params[0].required is False
    assert library["allies_of"].summary.startswith("the actors")


# ----------------------------------------------------------------------------- CLI


@pytest.fixture(scope="module")
def graph_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("cli")
    dataset = build_tiny_dataset()
    return {"ttl": write_graph(dataset, root / "g.ttl"), "store": write_store(dataset, root / "store")}


@pytest.mark.parametrize("where", ["ttl", "store"])
@pytest.mark.parametrize("backend", ["auto", "memory", "oxigraph"])
def test_cli_named_query_json(graph_files: dict[str, Path], where: str, backend: str) -> None:
    args = [
        "query",
        str(graph_files[where]),
        "--name",
        "rivals_of",
        "--param",
        "actor=actor:turkey",
        "--format",
        "json",
        "--store",
        backend,
    ]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["head"]["vars"][:2] == ["rival", "rivalLabel"]
    assert [b["rivalLabel"]["value"] for b in doc["results"]["bindings"]] == [
        "Armenia",
        "OSCE Minsk Group",
        "Russia",
    ]


def test_cli_inline_file_and_formats(graph_files: dict[str, Path], tmp_path: Path) -> None:
    runner = CliRunner()
    query = "SELECT ?o WHERE { ?s ag:supports ?o }"
    result = runner.invoke(cli, ["query", str(graph_files["store"]), query, "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["o", A + "azerbaijan"]
    rq = tmp_path / "q.rq"
    rq.write_text("SELECT ?s WHERE { ?s ag:supports ?o }", encoding="utf-8")
    result = runner.invoke(cli, ["query", str(graph_files["ttl"]), "-f", str(rq), "--format", "table"])
    assert result.exit_code == 0, result.output
    assert "actor:turkey" in result.output and "(1 row)" in result.output
    result = runner.invoke(cli, ["query", str(graph_files["ttl"]), query])  # not a terminal: tsv
    assert result.output.splitlines()[0] == "o"
    result = runner.invoke(
        cli,
        [
            "query",
            str(graph_files["ttl"]),
            "SELECT ?o WHERE { ?s ?p ?o }",
            "--param",
            "s=actor:turkey",
            "--param",
            "p=<" + AG + "supports>",
        ],
    )
    assert result.output.splitlines() == ["o", A + "azerbaijan"]
    result = runner.invoke(cli, ["query", str(graph_files["ttl"]), "ASK { ?s ag:supports ?o }"])
    assert result.output.strip() == "true"
    result = runner.invoke(cli, ["query", "--list"])
    assert "allies_of actor=..." in result.output
    result = runner.invoke(cli, ["query", str(graph_files["ttl"])])
    assert result.exit_code == 2
    result = runner.invoke(cli, ["query", str(graph_files["ttl"]), "--name", "allies_of"])
    assert result.exit_code == 1 and "needs --param actor" in result.output


def test_cli_update_with_allow_update(tmp_path: Path) -> None:
    directory = write_store(build_tiny_dataset(), tmp_path / "store")
    insert = "INSERT DATA { actor:x a ag:State }"
    runner = CliRunner()
    assert runner.invoke(cli, ["query", str(directory), insert]).exit_code == 1
    result = runner.invoke(cli, ["query", str(directory), insert, "--allow-update"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["query", str(directory), "ASK { actor:x a ag:State }"])
    assert result.output.strip() == "true"


def test_query_does_not_import_spacy(graph_files: dict[str, Path]) -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from actorgraph.cli import cli\n"
        f"r = CliRunner().invoke(cli, ['query', {str(graph_files['store'])!r}, '--name', 'rivals_of',"
        " '--param', 'actor=Turkey', '--format', 'csv'])\n"
        "assert r.exit_code == 0, r.output\n"
        "assert 'Armenia' in r.output, r.output\n"
        "print(sorted(m for m in sys.modules if m == 'spacy' or m.startswith('spacy.')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300
    )
    assert out.stdout.strip() == "[]", out.stdout + out.stderr
