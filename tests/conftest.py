"""Shared test configuration: doctest namespace, repository paths, tests/data importable, the CI skip rule."""

from __future__ import annotations

import errno
import importlib.util
import ipaddress
import os
import socket
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import networkx as nx
import pytest

REPO = Path(__file__).resolve().parents[1]
TEST_DATA = REPO / "tests" / "data"
CORPUS = REPO / "corpus"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# The fixture modules in tests/data (tiny_fixture, fake_extract) are imported by name in test modules: pytest
# loads this file before any of them, so one entry here replaces a sys.path line in each. Child processes get
# the folder through PYTHONPATH instead (test_hostile_round2.child_env).
if str(TEST_DATA) not in sys.path:
    sys.path.insert(0, str(TEST_DATA))


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


def _tool(name: str) -> ModuleType:
    """A script of tools/ as a module (the tests share its code without putting tools/ on sys.path)."""
    spec = importlib.util.spec_from_file_location(f"actorgraph_tools_{name}", REPO / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def wh300_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the fixed 300-readout subset of ../shared/realworld/wh-statements once per session (real model).

    The subset (tools/wh_subset.py) is 300 readouts evenly spaced in name order; the build runs with two
    workers into the session's pytest temporary folder and returns the output folder (graph.ttl, store/).
    Without the shared folder the tests using it skip, except in CI, where they fail.
    """
    from actorgraph.build import build_graph_files

    subset = _tool("wh_subset")
    folder = subset.shared_dir() / "realworld" / "wh-statements"
    if not folder.is_dir():
        message = f"{folder} not found: the real-world view tests need ../shared"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    root = tmp_path_factory.mktemp("wh300")
    documents = subset.link_subset(root / "wh300", subset.wh_readouts())
    out = root / "out"
    build_graph_files([documents], out, store=True, html=False, workers=2)
    return out


def _loopback(address: object) -> bool:
    """Whether a socket address stays on this machine: a Unix socket path or a loopback host."""
    if isinstance(address, (str, bytes)):  # AF_UNIX
        return True
    if not isinstance(address, tuple) or not address:
        return False
    host = str(address[0]).split("%", 1)[0]
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True, scope="session")
def _no_network() -> Iterator[list[object]]:
    """No test reaches the network: a connection to anything but this machine fails, in the test process.

    Servers the tests need are started on 127.0.0.1; a test that would reach out gets ``ENETUNREACH`` (and
    fails, unless it expects the failure). Child processes are not covered: the CLI tests' children get their
    endpoints from the tests, all on 127.0.0.1.
    """
    blocked: list[object] = []
    connect, connect_ex = socket.socket.connect, socket.socket.connect_ex

    def guarded(self: socket.socket, address: Any) -> None:
        if not _loopback(address):
            blocked.append(address)
            raise OSError(errno.ENETUNREACH, f"the test suite does not reach the network ({address!r})")
        connect(self, address)

    def guarded_ex(self: socket.socket, address: Any) -> int:
        if not _loopback(address):
            blocked.append(address)
            return errno.ENETUNREACH
        return connect_ex(self, address)

    socket.socket.connect = guarded  # type: ignore[method-assign]
    socket.socket.connect_ex = guarded_ex  # type: ignore[method-assign]
    try:
        yield blocked
    finally:
        socket.socket.connect, socket.socket.connect_ex = connect, connect_ex  # type: ignore[method-assign]
