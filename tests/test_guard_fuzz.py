"""Fuzzing the query guard: generated queries of escapes, comments, IRIs and strings never reach out.

Every generated text goes through the embedded stores exactly as a user's query would (``Store.query`` or,
with updates allowed, ``Store.update``). Whatever the guard decides (run, refuse or reject as malformed), no
request may leave: Oxigraph's HTTP client (Rust) would show up at the local listener every generated IRI
points to, and Python's own sockets are blocked and recorded for the test's duration.

The fragments are those that made checker and engine disagree before: ``\\u``/``\\U`` escapes of quotes,
angle brackets, braces, ``#`` and the backslash itself (escapes that decode to escapes), ``#`` comments and
line breaks, short and long string literals in both quotes, and the network keywords in any case.
"""

from __future__ import annotations

import contextlib
import http.server
import socket
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actorgraph.errors import ActorgraphError
from actorgraph.store import MemoryStore, OxigraphStore, open_store
from tiny_fixture import build_tiny_dataset

FUZZ = settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


class _Listener(http.server.BaseHTTPRequestHandler):
    seen: list[str] = []  # noqa: RUF012 - replaced per server

    def do_GET(self) -> None:
        self.seen.append(f"{self.command} {self.path}")
        self.send_response(500)
        self.end_headers()

    do_POST = do_GET

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def listener() -> Iterator[tuple[str, list[str]]]:
    seen: list[str] = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), type("H", (_Listener,), {"seen": seen}))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", seen
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def blocked() -> Iterator[list[str]]:
    """Python sockets may not connect anywhere (the listener above accepts, it never connects)."""
    attempts: list[str] = []
    original = socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo

    def refuse(*args: Any, **_kwargs: Any) -> Any:
        attempts.append(repr(args[1:] if len(args) > 1 else args)[:200])
        raise OSError("network blocked by the test")

    patch = pytest.MonkeyPatch()
    patch.setattr(socket.socket, "connect", refuse)
    patch.setattr(socket.socket, "connect_ex", refuse)
    patch.setattr(socket, "getaddrinfo", refuse)
    yield attempts
    patch.undo()
    assert (socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo) == original


ESCAPES = [
    "\\u0022",  # "
    "\\u0027",  # '
    "\\u003C",  # <
    "\\u003e",  # >
    "\\u0023",  # #
    "\\u007B",  # {
    "\\u007d",  # }
    "\\u005C",  # backslash
    "\\U00000022",
    "\\u000A",  # line break
    "\\u005Cu0022",  # an escape that decodes to an escape
    "\\u0053ERVICE",  # SERVICE, its S escaped
    "\\u004cOAD",
    "\\\\",
    '\\"',
    "\\'",
]
KEYWORDS = [
    "SERVICE",
    "service",
    "SeRvIcE",
    "SILENT",
    "LOAD",
    "load",
    "INTO GRAPH",
    "FROM",
    "FROM NAMED",
    "USING",
    "USING NAMED",
    "WITH",
    "GRAPH ?g",
]
GLUE = [
    "{",
    "}",
    "(",
    ")",
    ".",
    ";",
    ",",
    "+",
    "?a ?b ?c",
    "?x",
    "BIND(",
    " AS ?x)",
    " AS ?y)",
    "SELECT *",
    "SELECT ?x",
    "WHERE",
    "ASK",
    "CONSTRUCT",
    "INSERT DATA",
    "INSERT",
    "DELETE",
    "FILTER(",
    "VALUES ?x",
    "a",
    "1",
    "true",
    "ag:State",
    "<a:b>",
    ":x",
    "ex:a\\#b",
]
QUOTES = ['"', "'", '"""', "'''"]


def _iris(url: str) -> st.SearchStrategy[str]:
    return st.sampled_from(
        [f"<{url}/x>", f"<{url}/g.ttl>", f"<{url}/sparql#frag>", f"<{url}/a\\u003E>", f"{url}/bare", "<a:b>"]
    )


#: Pieces of string bodies that end a string early for a reader that decodes escapes first, and continue
#: an expression (``"a\u0022 + "`` is ``"a" + "`` to such a reader).
BREAKOUTS = ["\\u0022 + ", " + \\u0022", "\\u0027 + ", " + \\u0027", "\\u0022)", "\\u0022 ", "\\U00000022 + "]


def _strings() -> st.SearchStrategy[str]:
    body = st.lists(
        st.one_of(
            st.sampled_from(ESCAPES),
            st.sampled_from(BREAKOUTS),
            st.sampled_from(["#", " ", "\n", "x", "}", "{", ">", "<", '"', "'", "+"]),
        ),
        max_size=5,
    ).map("".join)
    return st.builds(
        lambda q, b, close: q + b + (q if close else ""), st.sampled_from(QUOTES), body, st.booleans()
    )


def _comments() -> st.SearchStrategy[str]:
    return st.builds(
        lambda text, end: "#" + text + end,
        st.sampled_from(["", " x", " \\u000A", " SERVICE", ' "', " <"]),
        st.sampled_from(["\n", "\\u000A", "\r", ""]),
    )


@st.composite
def _breakout_pair(draw: st.DrawFn) -> tuple[str, str]:
    """Two string literals that, read with escapes decoded first, join into one string around what lies
    between them (``"a\u0022 + "`` ... ``" + \u0022d"``), while an engine that decodes escapes only inside
    strings sees two short strings and runs what lies between."""
    quote = draw(st.sampled_from(['"', "'"]))
    escape = draw(st.sampled_from(["\\u0022", "\\U00000022"] if quote == '"' else ["\\u0027", "\\U00000027"]))
    word = st.sampled_from(["", "a", "x y", "#", "{"])
    first = f"{quote}{draw(word)}{escape}{draw(st.sampled_from([' + ', ' || ', ', ', ' ']))}{quote}"
    second = f"{quote}{draw(st.sampled_from([' + ', ' || ', ', ', ' ']))}{escape}{draw(word)}{quote}"
    return first, second


def _pair(draw: st.DrawFn) -> tuple[str, str]:
    if draw(st.booleans()):
        return draw(_breakout_pair())
    return draw(_strings()), draw(_strings())


@st.composite
def queries(draw: st.DrawFn, url: str) -> str:
    """A query: the smuggling template with generated strings, or a free mix of all the fragments."""
    fragment = st.one_of(
        st.sampled_from(ESCAPES),
        st.sampled_from(KEYWORDS),
        st.sampled_from(GLUE),
        _iris(url),
        _strings(),
        _comments(),
    )
    if draw(st.booleans()):
        first, second = _pair(draw)
        keyword = draw(st.sampled_from(["SERVICE", "SERVICE SILENT", "service", "\\u0053ERVICE"]))
        middle = draw(st.one_of(st.just([]), st.lists(fragment, max_size=2)))
        return (
            f"SELECT * WHERE {{ BIND({first} AS ?x) {' '.join(middle)} {keyword} {draw(_iris(url))} "
            f"{{ ?a ?b ?c }} BIND({second} AS ?y) }}"
        )
    parts = draw(st.lists(fragment, min_size=1, max_size=14))
    separators = draw(st.lists(st.sampled_from([" ", "", "\n"]), min_size=len(parts), max_size=len(parts)))
    return "".join(p + s for p, s in zip(parts, separators, strict=True))


@st.composite
def updates(draw: st.DrawFn, url: str) -> str:
    """An update: the LOAD smuggling template with generated strings, or a free mix."""
    if draw(st.booleans()):
        first, second = _pair(draw)
        keyword = draw(st.sampled_from(["LOAD", "LOAD SILENT", "load", "\\u004cOAD"]))
        return (
            f"INSERT {{ <a:s> <a:p> ?x }} WHERE {{ BIND({first} AS ?x) }} ; {keyword} {draw(_iris(url))} ; "
            f"INSERT {{ <a:s> <a:p> ?y }} WHERE {{ BIND({second} AS ?y) }}"
        )
    return draw(queries(url))


@pytest.fixture(scope="module")
def stores() -> Iterator[list[Any]]:
    dataset = build_tiny_dataset()
    limits: dict[str, Any] = {"timeout": 5, "max_rows": 10_000}
    made = [open_store(dataset, "oxigraph", **limits), open_store(dataset, "memory", **limits)]
    yield made
    for store in made:
        store.close()


def _check_nothing_left(listener: tuple[str, list[str]], blocked: list[str], text: str) -> None:
    assert listener[1] == [], f"request reached the listener for {text!r}"
    assert blocked == [], f"Python tried to connect for {text!r}: {blocked}"


def test_fuzz_queries_never_reach_the_network(
    listener: tuple[str, list[str]], blocked: list[str], stores: list[Any]
) -> None:
    @FUZZ
    @given(text=queries(listener[0]))
    def run(text: str) -> None:
        listener[1].clear()  # each example is judged on its own requests (a failure stays reproducible)
        blocked.clear()
        for store in stores:
            # refused, malformed, failed, limited: all fine, as long as nothing went out
            with contextlib.suppress(ActorgraphError):
                store.query(text)
            _check_nothing_left(listener, blocked, text)

    run()


def test_fuzz_updates_never_reach_the_network(listener: tuple[str, list[str]], blocked: list[str]) -> None:
    dataset = build_tiny_dataset()

    @FUZZ
    @given(text=updates(listener[0]))
    def run(text: str) -> None:
        listener[1].clear()
        blocked.clear()
        fresh = OxigraphStore(_fresh_oxigraph(), allow_update=True, timeout=5)
        for store in (fresh, MemoryStore(dataset, allow_update=True, timeout=5)):
            with contextlib.suppress(ActorgraphError):
                store.update(text)
            _check_nothing_left(listener, blocked, text)

    run()


def _fresh_oxigraph() -> Any:
    import pyoxigraph

    return pyoxigraph.Store()


def test_the_fuzzer_would_notice(listener: tuple[str, list[str]], blocked: list[str]) -> None:
    """The harness itself: a SERVICE call that bypasses the guard does reach the listener."""
    import pyoxigraph

    url, seen = listener
    with pytest.raises(OSError):
        list(pyoxigraph.Store().query(f"SELECT * {{ SERVICE <{url}/probe> {{ ?s ?p ?o }} }}"))
    assert any("/probe" in request for request in seen), seen
    seen.clear()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", 9), timeout=1)
    assert blocked
    blocked.clear()
