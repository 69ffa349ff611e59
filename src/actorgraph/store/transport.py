"""HTTP for endpoints and Graph Stores: one deadline per request, same-origin redirects, a size cap."""

from __future__ import annotations

import contextlib
import http.client
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import IO, Any

from ..errors import QueryError, QueryLimitError, QueryTimeoutError
from .limits import _with_deadline

__all__ = ["MAX_RESPONSE_BYTES", "EndpointError", "EndpointTimeoutError"]

#: Largest endpoint answer read into memory.
MAX_RESPONSE_BYTES = 512 * 1024 * 1024


class EndpointError(QueryError):
    """A remote SPARQL endpoint or Graph Store could not be reached or answered with an error."""


class EndpointTimeoutError(EndpointError, QueryTimeoutError):
    """An endpoint accepted the request but did not answer completely within the time limit."""


def _check_http(url: str) -> None:
    try:
        parsed = urllib.parse.urlsplit(url)
        parsed.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError as exc:
        raise EndpointError(f"not a valid endpoint URL: {url!r} ({exc})") from exc
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise EndpointError(f"not an http(s) endpoint URL: {url!r}")


def _origin(url: str) -> tuple[str, str, int]:
    parsed = urllib.parse.urlsplit(url)
    scheme = parsed.scheme.lower()
    return scheme, (parsed.hostname or "").lower(), parsed.port or (443 if scheme == "https" else 80)


class _SameOriginRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects on the endpoint's own scheme, host and port only; a query never goes elsewhere."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: Any,
        newurl: str,
    ) -> urllib.request.Request | None:
        target = urllib.parse.urljoin(req.full_url, newurl)
        if _origin(target) != _origin(req.full_url):
            raise EndpointError(
                f"{req.full_url}: the endpoint redirects to another host or scheme ({target}); not followed"
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener(url: str) -> urllib.request.OpenerDirector:
    host = urllib.parse.urlsplit(url).hostname or ""
    handlers: list[urllib.request.BaseHandler] = [_SameOriginRedirects()]
    if host in ("localhost", "127.0.0.1", "::1"):
        handlers.append(urllib.request.ProxyHandler({}))
    return urllib.request.build_opener(*handlers)


def _socket_of(response: Any) -> Any:
    """The socket under an http.client response, to shorten its timeout as the deadline nears."""
    return getattr(getattr(getattr(response, "fp", None), "raw", None), "_sock", None)


def _receive(request: urllib.request.Request, timeout: float, stop: threading.Event) -> bytes:
    """Send the request, read the whole answer (at most MAX_RESPONSE_BYTES); errors become EndpointError."""
    url = request.full_url
    deadline = time.monotonic() + timeout
    try:
        with _opener(url).open(request, timeout=timeout) as response:
            chunks: list[bytes] = []
            size = 0
            sock = _socket_of(response)
            while not stop.is_set():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError("deadline")
                if sock is not None:
                    with contextlib.suppress(OSError):
                        sock.settimeout(remaining)
                chunk = response.read1(1 << 16)
                if not chunk:
                    if getattr(response, "length", None):  # fewer bytes than Content-Length announced
                        raise http.client.IncompleteRead(b"".join(chunks), response.length)
                    break
                size += len(chunk)
                if size > MAX_RESPONSE_BYTES:
                    raise QueryLimitError(
                        f"{url}: the answer is larger than {MAX_RESPONSE_BYTES // 2**20} MB; "
                        "add LIMIT to the query"
                    )
                chunks.append(chunk)
            return b"".join(chunks)
    except urllib.error.HTTPError as exc:
        detail = exc.read(500).decode("utf-8", "replace").strip().splitlines()
        first = detail[0] if detail else exc.reason
        raise EndpointError(f"{url}: HTTP {exc.code}: {first}") from exc
    except (TimeoutError, urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        reason = getattr(exc, "reason", None) if isinstance(exc, urllib.error.URLError) else exc
        if isinstance(reason, TimeoutError):
            raise EndpointTimeoutError(
                f"{url}: timed out after {timeout:g} s waiting for the endpoint's answer (--timeout)"
            ) from exc
        if isinstance(reason, http.client.IncompleteRead):
            raise EndpointError(
                f"{url}: the endpoint closed the connection in the middle of its answer"
            ) from exc
        if isinstance(reason, http.client.RemoteDisconnected | ConnectionResetError | BrokenPipeError):
            raise EndpointError(f"{url}: the endpoint closed the connection without answering") from exc
        if isinstance(reason, http.client.HTTPException):
            raise EndpointError(f"{url}: not an HTTP answer ({type(reason).__name__})") from exc
        raise EndpointError(f"{url}: cannot reach the endpoint ({reason})") from exc


def _send(request: urllib.request.Request, timeout: float) -> bytes:
    """Send a request and return the answer's body, all within ``timeout`` seconds.

    The request runs in a worker thread the caller stops waiting for at the deadline, so neither a server
    that never answers nor one that drips a byte at a time can hold a query past it.

    Raises:
        EndpointTimeoutError: no complete answer within ``timeout`` seconds.
        EndpointError: the endpoint cannot be reached, answers with an HTTP error, is not HTTP, or redirects
            to another host.
    """
    _check_http(request.full_url)
    try:
        return _with_deadline(lambda stop: _receive(request, timeout, stop), timeout + 1.0)
    except EndpointTimeoutError:
        raise
    except QueryTimeoutError as exc:
        raise EndpointTimeoutError(
            f"{request.full_url}: timed out after {timeout:g} s waiting for the endpoint's answer (--timeout)"
        ) from exc
