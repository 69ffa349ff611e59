"""The benchmark scripts work: generators are deterministic, every benchmark function runs at tiny scale.

Nothing here is timed; ``make bench`` does the measuring.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
CORPUS = Path(__file__).resolve().parents[1] / "corpus"
sys.path.insert(0, str(BENCH))

import bench_graph  # noqa: E402
import bench_html  # noqa: E402
import bench_realcorpus  # noqa: E402
import common  # noqa: E402
import gen_corpus  # noqa: E402
import gen_graph  # noqa: E402


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture
def small_source(tmp_path: Path) -> Path:
    source = tmp_path / "source"
    source.mkdir()
    for path in sorted(CORPUS.glob("*"))[:3]:
        shutil.copy(path, source / path.name)
    return source


@pytest.fixture(scope="module")
def tiny_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    stem = tmp_path_factory.mktemp("graph") / "tiny"
    gen_graph.generate_graph(stem, triples=3_000, actors=80, pairs=150, nquads=True)
    return stem.with_suffix(".ttl")


@pytest.fixture(scope="module")
def tiny_store(tiny_graph: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from actorgraph.store import write_store

    return write_store(tiny_graph, tmp_path_factory.mktemp("store") / "store")


# ----------------------------------------------------------------------------- generators


def test_gen_corpus_is_deterministic(small_source: Path, tmp_path: Path) -> None:
    a = gen_corpus.generate_corpus(tmp_path / "a", 2, long_articles=2, source=small_source)
    b = gen_corpus.generate_corpus(tmp_path / "b", 2, long_articles=2, source=small_source)
    assert a == b
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")
    assert a.files == 2 * (3 + 2)
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names[0].startswith("u000-") and names[-1].startswith("u001-")


def test_gen_corpus_copies_differ_and_long_articles_are_long(small_source: Path, tmp_path: Path) -> None:
    gen_corpus.generate_corpus(tmp_path / "c", 2, long_articles=2, source=small_source)
    first = sorted(small_source.iterdir())[0].name
    original = (tmp_path / "c" / f"u000-{first}").read_text(encoding="utf-8")
    copy = (tmp_path / "c" / f"u001-{first}").read_text(encoding="utf-8")
    assert original == (small_source / first).read_text(encoding="utf-8")
    assert copy != original and abs(len(copy) - len(original)) < 10
    long_text = (tmp_path / "c" / "u000-long-00.txt").read_text(encoding="utf-8")
    assert 8_000 <= len(long_text) <= 13_000
    assert "| " in long_text.splitlines()[2]  # the "N m. | date" line of the reference layout


def test_gen_graph_is_deterministic_and_valid(tmp_path: Path) -> None:
    import pyoxigraph

    one = gen_graph.generate_graph(tmp_path / "one", triples=2_000, actors=50, pairs=100, nquads=True)
    two = gen_graph.generate_graph(tmp_path / "two", triples=2_000, actors=50, pairs=100, nquads=True)
    assert one == two
    for suffix in (".ttl", ".nq"):
        assert (tmp_path / "one").with_suffix(suffix).read_bytes() == (tmp_path / "two").with_suffix(
            suffix
        ).read_bytes()
    store = pyoxigraph.Store()
    store.load(path=str((tmp_path / "one").with_suffix(".ttl")), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == one.triples >= 2_000
    quads = pyoxigraph.Store()
    quads.load(path=str((tmp_path / "one").with_suffix(".nq")), format=pyoxigraph.RdfFormat.N_QUADS)
    assert len(quads) == one.triples


def test_gen_graph_has_the_statement_shape(tiny_graph: Path) -> None:
    import pyoxigraph

    store = pyoxigraph.Store()
    store.load(path=str(tiny_graph), format=pyoxigraph.RdfFormat.TURTLE)
    ask = """
    PREFIX ag: <https://w3id.org/actorgraph/ontology#>
    PREFIX prov: <http://www.w3.org/ns/prov#>
    PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
    PREFIX dcterms: <http://purl.org/dc/terms/>
    ASK { ?st a ag:Statement ; ag:statementSubject ?s ; ag:statementRelation ?r ; ag:statementObject ?o ;
              prov:wasDerivedFrom ?sent ; prov:wasGeneratedBy ?act .
          ?sent a ag:Sentence ; nif:anchorOf ?text ; dcterms:isPartOf ?doc . ?doc a ag:Document .
          ?act a ag:ExtractionActivity . ?s ?r ?o . ?s a ?class }
    """
    assert store.query(ask)
    missing = """
    PREFIX ag: <https://w3id.org/actorgraph/ontology#>
    PREFIX prov: <http://www.w3.org/ns/prov#>
    ASK { ?st a ag:Statement . FILTER NOT EXISTS { ?st prov:wasDerivedFrom ?x } }
    """
    assert not store.query(missing)


# ----------------------------------------------------------------------------- helpers


def test_stat_median_and_spread() -> None:
    s = common.stat([3.0, 1.0, 2.0])
    assert (s.median, s.low, s.high, s.n) == (2.0, 1.0, 3.0, 3)
    assert s.spread("{:.1f}") == "1.0–3.0 (n=3)"
    assert common.stat([5.0]).spread() == "n=1"


def test_machine_info_names_the_versions() -> None:
    info = common.machine_info()
    for key in ("CPU", "cores (nproc)", "memory", "Python", "spaCy", "rdflib", "pyoxigraph"):
        assert info[key]


# ----------------------------------------------------------------------------- graph benchmarks (no spaCy)


def test_load_benchmarks_run(tiny_graph: Path, tmp_path: Path) -> None:
    library = bench_graph.library()
    assert library and {spec["kind"] for spec in library.values()} <= {"aggregate", "selective"}
    rdf = bench_graph.load_rdflib(str(tiny_graph), queries=library, timeouts=dict.fromkeys(library, 5.0))
    assert rdf["load_s"] > 0 and rdf["rss_after_load_mb"] > 0
    assert set(rdf["queries"]) == set(library)
    # every query ran to the end or was stopped at its limit (a slow rdflib plan is a finding, not a failure)
    assert all("error" not in q for q in rdf["queries"].values())
    assert sum(not q["timed_out"] for q in rdf["queries"].values()) >= len(library) // 2
    ox = bench_graph.load_oxigraph(str(tiny_graph))
    assert ox["triples"] and ox["rss_after_load_mb"] >= ox["rss_before_mb"] > 0
    written = bench_graph.write_oxigraph_store(str(tiny_graph.with_suffix(".nq")), str(tmp_path / "store"))
    assert written["write_store_s"] > 0 and written["rss_peak_mb"] > 0
    name = next(iter(library))
    res = bench_graph.oxigraph_query(str(tmp_path / "store"), name, library[name]["params"], repeats=2)
    assert len(res["seconds"]) == len(res["cpu_seconds"]) == 2 and res["first_s"] > 0 and res["open_s"] > 0


def test_busiest_params_find_the_heaviest_actor(tiny_store: Path) -> None:
    from actorgraph.queries import run_query
    from actorgraph.store import open_store

    busiest = bench_graph.busiest_params(str(tiny_store))
    assert busiest["statements"] >= busiest["typical_statements"] and busiest["pair_statements"] >= 1
    assert busiest["actor"] != busiest["partner"]
    with open_store(tiny_store) as store:
        for name, params in busiest["params"].items():
            run_query(store, name, **params)  # every parameter set is valid for its query
        assert run_query(store, "relations_between", **busiest["params"]["relations_between"]).rows


def test_gen_graph_symmetric_relations_match_the_ontology() -> None:
    from actorgraph.ontology import load_relation_types

    types = load_relation_types()
    assert {name for name, rt in types.items() if rt.symmetric} == gen_graph.SYMMETRIC
    for name, polarity, _ in gen_graph.RELATIONS:
        assert types[name].polarity == polarity, name


def test_rdflib_query_timeout_gives_a_lower_bound(tiny_graph: Path) -> None:
    library = bench_graph.library()
    rdf = bench_graph.load_rdflib(str(tiny_graph), queries=library, timeouts=dict.fromkeys(library, 1e-6))
    assert any(q["timed_out"] for q in rdf["queries"].values())


def test_cli_query_benchmark(tiny_store: Path) -> None:
    res = bench_graph.cli_query(str(tiny_store), "allies_of", {"actor": "actor:turkey"}, repeats=1)
    assert res["returncode"] == 0
    assert len(res["cli_s"]) == len(res["query_s"]) == 1
    assert res["imports_spacy"] is False


def test_netview_and_html_benchmark(tiny_store: Path, tmp_path: Path) -> None:
    page = tmp_path / "view.html"
    res = bench_graph.netview_analysis(str(tiny_store), html_out=str(page), edges=100, render_repeats=1)
    assert res["nodes"] > 0 and res["statements"] > 0 and res["pairs"] > 0
    assert res["html"]["edges"] <= 100 and page.stat().st_size == res["html"]["bytes"]
    probed = bench_html.probe_copy(page, tmp_path / "probe.html").read_text(encoding="utf-8")
    assert "bench-drawn" in probed
    csp = probed.split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0]
    assert csp.count("sha256-") > page.read_text(encoding="utf-8").split("Content-Security-Policy", 1)[
        1
    ].split('">', 1)[0].count("sha256-")


@pytest.mark.browser
def test_chromium_draw_benchmark(tiny_store: Path, tmp_path: Path) -> None:
    if bench_html.chromium() is None:
        pytest.skip("chromium is not installed")
    page = tmp_path / "view.html"
    bench_graph.netview_analysis(str(tiny_store), html_out=str(page), edges=50, render_repeats=1)
    res = bench_html.chromium_draw(str(page), repeats=1, budget_ms=10_000, timeout=120)
    assert res["available"] and res["drawn"], res
    assert res["drawn_at_ms"]


def test_only_keeps_the_sections_it_did_not_run(tmp_path: Path) -> None:
    import run_all

    first = run_all.Runner(run_all.Config(results=tmp_path / "RESULTS.md"))
    for group, title in (("extraction", "Extraction"), ("graph", "Graph loading"), ("views", "HTML view")):
        section = run_all.Section(title, f"{title} intro.", group=group)
        section.rows.append(run_all.Row(f"{group} ratio", "1.00×", "0.9–1.1 (n=3)", "≤ 1.15", "met"))
        section.notes.append(f"A note on {group}.")
        first.sections.append(section)
    first.write({"CPU": "test"})
    again = run_all.Runner(run_all.Config(results=tmp_path / "RESULTS.md"), previous=tmp_path / "RESULTS.md")
    section = run_all.Section("Graph loading", "New intro.", group="graph")
    section.rows.append(run_all.Row("graph ratio", "2.00×", "", "≤ 1.15", "**missed** (missed by 74%)"))
    again.sections.append(section)
    text = again.write({"CPU": "test"}).read_text(encoding="utf-8")
    assert "kept unchanged from the run of" in text and "re-ran graph" in text
    assert "| extraction ratio | 1.00× | 0.9–1.1 (n=3) | ≤ 1.15 | met |" in text
    assert "| views ratio | 1.00× | 0.9–1.1 (n=3) | ≤ 1.15 | met |" in text
    assert "| graph ratio | 2.00× |  | ≤ 1.15 | **missed** (missed by 74%) |" in text
    assert "graph ratio | 1.00×" not in text and "A note on views." in text
    assert text.index("## Extraction") < text.index("## Graph loading") < text.index("## HTML view")
    assert text.count("*Kept from the run of") == 2
    # a second --only run keeps the kept sections once, not nested
    third = run_all.Runner(run_all.Config(results=tmp_path / "RESULTS.md"), previous=tmp_path / "RESULTS.md")
    third.sections.append(section)
    assert third.write({"CPU": "test"}).read_text(encoding="utf-8").count("*Kept from the run of") == 2


def test_results_file_is_written_atomically(tmp_path: Path) -> None:
    import run_all

    config = run_all.Config(results=tmp_path / "RESULTS.md")
    runner = run_all.Runner(config)
    section = run_all.Section("Demo", "intro")
    section.rows.append(run_all.Row("ratio", "1.00×", "0.9–1.1 (n=3)", "≤ 1.15", "met"))
    runner.sections.append(section)
    runner.guarded("Broken", lambda: 1 / 0)  # type: ignore[func-returns-value]
    path = runner.write({"CPU": "test"})
    text = path.read_text(encoding="utf-8")
    assert "| ratio | 1.00× | 0.9–1.1 (n=3) | ≤ 1.15 | met |" in text
    assert "Broken: FAILED" in text and "ZeroDivisionError" in text
    assert not list(tmp_path.glob(".*.tmp"))


# ----------------------------------------------------------------------------- extraction benchmarks (model)


@pytest.fixture(scope="module")
def tiny_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("src")
    for path in sorted(CORPUS.glob("*"))[:2]:
        shutil.copy(path, source / path.name)
    out = tmp_path_factory.mktemp("corpus") / "c"
    gen_corpus.generate_corpus(out, 1, long_articles=0, source=source)
    return out


@pytest.mark.model
def test_extraction_benchmarks_run(tiny_corpus: Path, tmp_path: Path) -> None:
    import bench_extract

    over = bench_extract.extraction_overhead(str(tiny_corpus), repeats=2)
    assert len(over["ratio"]) == 2 and over["documents"] == 2
    run = bench_extract.extract_run(str(tiny_corpus), workers=1)
    assert run["documents"] == 2 and run["mb_per_s"] > 0
    corpus = tmp_path / "corpus"
    shutil.copytree(tiny_corpus, corpus)
    out = str(tmp_path / "out")
    cold = bench_extract.incremental_build(str(corpus), out, "cold")
    noop = bench_extract.incremental_build(str(corpus), out, "noop")
    name = sorted(p.name for p in corpus.iterdir())[0]
    change = bench_extract.incremental_build(str(corpus), out, "change", change=name)
    assert (cold["extracted"], noop["extracted"], change["extracted"]) == (2, 0, 1)


@pytest.mark.model
def test_peer_benchmark_runs(tiny_corpus: Path) -> None:
    import bench_extract

    res = bench_extract.peer_textacy(str(tiny_corpus), repeats=1)
    if not res["available"]:
        pytest.skip(res["reason"])
    assert res["textacy_count"] >= 0 and len(res["parse_s"]) == 1


# ----------------------------------------------------------------------------- real corpus benchmark


def test_realcorpus_subset_is_fixed_and_evenly_spaced(tmp_path: Path) -> None:
    for i in range(20):
        (tmp_path / f"{i:02d}.md").write_text("x", encoding="utf-8")
    (tmp_path / "README.txt").write_text("not a document", encoding="utf-8")
    picked = bench_realcorpus.select_files(tmp_path, 5)
    assert [p.name for p in picked] == ["00.md", "04.md", "08.md", "12.md", "16.md"]
    assert bench_realcorpus.select_files(tmp_path, 5) == picked
    assert len(bench_realcorpus.select_files(tmp_path, None)) == 20
    assert len(bench_realcorpus.select_files(tmp_path, 50)) == 20


def test_realcorpus_reads_the_build_summary() -> None:
    from actorgraph.build import BuildSummary

    text = BuildSummary(
        documents=5, extracted=4, cached=1, actors=3, assertions=7, triples=120, seconds=2.5
    ).render()
    found = bench_realcorpus.parse_build_summary(text)
    assert found == {
        "up_to_date": False,
        "documents": 5,
        "extracted": 4,
        "cached": 1,
        "actors": 3,
        "assertions": 7,
        "triples": 120,
        "build_s": 2.5,
    }
    same = BuildSummary(documents=5, cached=5, up_to_date=True).render()
    assert bench_realcorpus.parse_build_summary(same)["up_to_date"] is True


def test_realcorpus_verdicts_say_by_how_much() -> None:
    assert bench_realcorpus.below(0.4, 0.5) == "met, by 20%"
    assert bench_realcorpus.below(1.0, 0.5).startswith("**missed**, by 100%")
    assert bench_realcorpus.above(2.0, 1.7) == "met, by 18%"
    assert bench_realcorpus.above(0.85, 1.7) == "**missed**, by 50%"


def test_realcorpus_section_replaces_itself_and_keeps_the_other_sections(tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    results.write_text(
        "# benchmarks\n\n## Extraction\n\n| a |\n\n## Reproduce\n\nmake bench\n", encoding="utf-8"
    )
    outcome = bench_realcorpus.Outcome("Real corpus: demo", "How it was measured.")
    outcome.rows.append(
        bench_realcorpus.Row("ratio", "0.40×", "n=1", "≤ 0.5", bench_realcorpus.below(0.4, 0.5))
    )
    bench_realcorpus.write_section(results, bench_realcorpus.render(outcome))
    text = results.read_text(encoding="utf-8")
    assert text.index("## Extraction") < text.index("## Real corpus: demo") < text.index("## Reproduce")
    assert "| figure | median | spread | target | met? |" in text
    assert "| ratio | 0.40× | n=1 | ≤ 0.5 | met, by 20% |" in text
    outcome.rows[0] = bench_realcorpus.Row("ratio", "0.60×", "n=1", "≤ 0.5", bench_realcorpus.below(0.6, 0.5))
    bench_realcorpus.write_section(results, bench_realcorpus.render(outcome))
    text = results.read_text(encoding="utf-8")
    assert text.count("## Real corpus: demo") == 1 and "0.40×" not in text and "0.60×" in text
    assert text.startswith("# benchmarks\n\n## Extraction") and text.endswith("## Reproduce\n\nmake bench\n")
    kept = bench_realcorpus.read_section(results)
    assert kept is not None and kept in text
    # run_all.py rewrites the file from scratch; with --realcorpus skip its hook puts the old section back
    results.write_text("# benchmarks\n\n## Reproduce\n\nmake bench\n", encoding="utf-8")
    assert bench_realcorpus.after_run_all("skip", results, kept) is False
    assert kept in results.read_text(encoding="utf-8")
    assert not list(tmp_path.glob(".*.tmp"))


def test_only_runs_leave_the_realcorpus_section_to_its_own_writer(tmp_path: Path) -> None:
    import run_all

    results = tmp_path / "RESULTS.md"
    first = run_all.Runner(run_all.Config(results=results))
    section = run_all.Section("Graph loading", "Intro.", group="graph")
    section.rows.append(run_all.Row("graph ratio", "1.00×", "", "≤ 1.15", "met"))
    first.sections.append(section)
    first.write({"CPU": "test"})
    outcome = bench_realcorpus.Outcome("Real corpus: demo", "How.")
    outcome.rows.append(bench_realcorpus.Row("ratio", "0.40×", "n=1", "≤ 0.5", "met, by 20%"))
    bench_realcorpus.write_section(results, bench_realcorpus.render(outcome))
    kept = bench_realcorpus.read_section(results)
    _, sections = run_all.read_sections(results)
    assert [s.title for s in sections] == ["Graph loading"]
    assert not any("realcorpus" in note for s in sections for note in s.notes)
    again = run_all.Runner(run_all.Config(results=results), previous=results)
    again.write({"CPU": "test"})
    assert bench_realcorpus.after_run_all("skip", results, kept) is False
    text = results.read_text(encoding="utf-8")
    assert text.count("## Real corpus: demo") == 1 and text.count(bench_realcorpus.BEGIN) == 1


@pytest.mark.model
@pytest.mark.slow
def test_realcorpus_benchmark_runs_on_a_few_documents(tmp_path: Path) -> None:
    source = bench_realcorpus.corpus_dir()
    if not source.is_dir():
        message = f"{source} not found: the real-corpus benchmark needs ../shared"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)
    config = bench_realcorpus.Config(
        count=3,
        repeats=1,
        parse_repeats=1,
        build_repeats=1,
        builds=("w1",),
        chromium=False,
        source=source,
        work=tmp_path / "work",
        results=tmp_path / "RESULTS.md",
    )
    outcome = bench_realcorpus.run(config)
    assert not outcome.failures, [r for r in outcome.rows if "FAILED" in r.figure]
    rows = {r.figure: r for r in outcome.rows}
    assert rows["documents re-extracted when nothing changed"].median == "0"
    assert rows["documents re-extracted after changing one"].median == "1"
    ratio = rows["extraction ÷ bare `nlp.pipe` of the same text"]
    assert ratio.target == "≤ 0.5" and ratio.verdict.startswith(("met", "**missed**"))
    trained = rows["extraction with the trained classifier ÷ rules only"]
    assert trained.target == "≤ 1.15" and trained.verdict.startswith(("met", "**missed**"))
    assert outcome.raw["parse"]["rules_s"] and outcome.raw["parse"]["classifier_ratio"]
    from actorgraph.queries import load_library

    queries = outcome.raw["queries"]["queries"]
    assert set(queries) == set(load_library()) and all("seconds" in q for q in queries.values())
    assert outcome.raw["parse"]["documents"] == 3 and outcome.raw["cold"]["w1"][0]["documents"] == 3
    text = (tmp_path / "RESULTS.md").read_text(encoding="utf-8")
    assert "## Real corpus: wh-statements (quick: 3 of the documents)" in text
