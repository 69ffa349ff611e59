"""Extraction on Dask: scheduler specs, a real two-process LocalCluster, and a worker killed mid-run."""

from __future__ import annotations

import os
import signal
from dataclasses import replace
from pathlib import Path

import pytest

from actorgraph.distributed import SchedulerSpec, parse_scheduler
from actorgraph.errors import InputError

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("local:2", SchedulerSpec(None, 2)),
        ("local", SchedulerSpec(None, 0)),
        ("tcp://10.1.2.3:8786", SchedulerSpec("tcp://10.1.2.3:8786")),
        ("tls://scheduler.example.org:8786/", SchedulerSpec("tls://scheduler.example.org:8786")),
    ],
)
def test_scheduler_specs(spec: str, expected: SchedulerSpec) -> None:
    assert parse_scheduler(spec) == expected


@pytest.mark.parametrize("spec", ["local:0", "local:x", "10.1.2.3:8786", "http://h:8786", "tcp://", ""])
def test_bad_scheduler_specs_are_refused(spec: str) -> None:
    with pytest.raises(InputError, match="--scheduler"):
        parse_scheduler(spec)


def _corpus(copies: int = 1) -> list:  # type: ignore[type-arg]
    from actorgraph.documents import load_document

    docs = [load_document(p) for p in sorted((ROOT / "corpus").glob("*.md"))]
    return [replace(d, name=f"{i}-{d.name}") for i in range(copies) for d in docs]


def _json(pairs):  # type: ignore[no-untyped-def]
    return [(doc.name, [a.to_json() for a in found]) for doc, found in pairs]


@pytest.fixture(scope="module")
def extractor():  # type: ignore[no-untyped-def]
    from actorgraph.extract import Extractor

    return Extractor()


@pytest.fixture(scope="module")
def cluster_client():  # type: ignore[no-untyped-def]
    pytest.importorskip("distributed")
    from actorgraph.distributed import dask_client

    with dask_client("local:2") as client:
        yield client


@pytest.mark.model
@pytest.mark.slow
def test_local_cluster_gives_the_local_assertions_in_order(extractor, cluster_client) -> None:  # type: ignore[no-untyped-def]
    from actorgraph.distributed import extract_on_dask

    docs = _corpus()
    local = _json(extractor.extract_documents(docs))
    assert _json(extract_on_dask(extractor, docs, cluster_client)) == local
    assert len(cluster_client.scheduler_info()["workers"]) == 2


@pytest.mark.model
@pytest.mark.slow
def test_a_worker_killed_mid_run_is_tolerated(extractor, cluster_client) -> None:  # type: ignore[no-untyped-def]
    from actorgraph.distributed import extract_on_dask

    docs = _corpus(copies=3)
    local = _json(extractor.extract_documents(docs))
    got = []
    killed = None
    for pair in extract_on_dask(extractor, docs, cluster_client, chunks=([d] for d in docs)):
        got.append(pair)
        if killed is None:
            pids = cluster_client.run(os.getpid)
            killed = sorted(pids.values())[0]
            os.kill(killed, signal.SIGKILL)
    assert killed is not None
    assert _json(got) == local


@pytest.mark.model
@pytest.mark.slow
def test_dask_build_graph_is_isomorphic_to_a_local_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`build --scheduler local:2` writes the same graph as a local build (same provenance time)."""
    pytest.importorskip("distributed")
    from rdflib import Graph
    from rdflib.compare import isomorphic

    from actorgraph.build import build_graph_files

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    corpus = sorted((ROOT / "corpus").glob("*.md"))[:8]
    local = build_graph_files(corpus, tmp_path / "local", store=False, html=False)
    dask = build_graph_files(corpus, tmp_path / "dask", store=False, html=False, scheduler="local:2")
    assert local.assertions == dask.assertions > 0
    first = Graph().parse(tmp_path / "local" / "graph.ttl")
    second = Graph().parse(tmp_path / "dask" / "graph.ttl")
    assert isomorphic(first, second)
    assert (tmp_path / "local" / "assertions.jsonl").read_text() == (
        tmp_path / "dask" / "assertions.jsonl"
    ).read_text()


def test_bad_scheduler_is_a_usage_error() -> None:
    from click.testing import CliRunner

    from actorgraph.cli import cli

    result = CliRunner().invoke(cli, ["extract", str(ROOT / "corpus"), "--scheduler", "somewhere:8786"])
    assert result.exit_code == 2 and "--scheduler" in result.output
