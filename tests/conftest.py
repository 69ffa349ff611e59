"""Shared test configuration: doctest namespace, repository paths, and the CI rule for skips."""

from __future__ import annotations

import os
from pathlib import Path

import networkx as nx
import pytest

REPO = Path(__file__).resolve().parents[1]
TEST_DATA = REPO / "tests" / "data"
CORPUS = REPO / "corpus"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(autouse=True)
def _doctest_namespace(doctest_namespace: dict[str, object]) -> None:
    doctest_namespace["nx"] = nx


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def test_data_dir() -> Path:
    return TEST_DATA


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def corpus_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the shipped corpus once per session (real model) and return the output folder."""
    from actorgraph.build import build_graph_files

    out = tmp_path_factory.mktemp("corpus-out")
    build_graph_files([CORPUS], out, store=True, html=True)
    return out
