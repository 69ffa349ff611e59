"""Time and row limits every backend enforces: the deadline thread and the messages users see."""

from __future__ import annotations

import ctypes
import threading
import traceback
from collections.abc import Callable
from typing import Any, TypeVar, cast

from ..errors import QueryTimeoutError

__all__ = ["DEFAULT_MAX_ROWS", "DEFAULT_TIMEOUT"]

#: Seconds a query may run (``--timeout``), and an endpoint request may take from connecting to the last byte.
DEFAULT_TIMEOUT = 60.0
#: Rows (or CONSTRUCT triples) ``actorgraph query`` accepts before it stops (``--max-rows``).
DEFAULT_MAX_ROWS = 100_000


_T = TypeVar("_T")


def _timeout_message(timeout: float) -> str:
    return f"query timed out after {timeout:g} s (narrow it down or add LIMIT; --timeout raises the limit)"


def _row_cap_message(max_rows: int, what: str = "rows") -> str:
    return (
        f"query stopped: more than {max_rows:,} {what} (the row cap; add LIMIT to the query, "
        "or raise --max-rows)"
    )


def _interrupt(thread: threading.Thread) -> None:
    """Raise QueryTimeoutError inside ``thread`` at its next Python instruction (pure-Python engines stop)."""
    if thread.ident is None:
        return
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread.ident), ctypes.py_object(QueryTimeoutError)
    )


def _with_deadline(work: Callable[[threading.Event], _T], timeout: float | None) -> _T:
    """Run ``work(stop)`` and return its result, or raise QueryTimeoutError after ``timeout`` seconds.

    The work runs in a daemon thread; at the deadline ``stop`` is set (row loops check it) and the thread
    is interrupted, and the caller gets the error at once whatever the engine is doing.
    """
    stop = threading.Event()
    if timeout is None:
        return work(stop)
    outcome: list[tuple[bool, Any]] = []

    def target() -> None:
        try:
            outcome.append((True, work(stop)))
        except BaseException as exc:  # handed to the waiting caller
            # engine objects (pyoxigraph results) must be freed in this thread, not where the error lands
            seen: BaseException | None = exc
            while seen is not None:
                traceback.clear_frames(seen.__traceback__)
                seen = seen.__cause__ or seen.__context__
            outcome.append((False, exc))

    thread = threading.Thread(target=target, name="actorgraph-query", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive() or not outcome:
        stop.set()
        _interrupt(thread)
        raise QueryTimeoutError(_timeout_message(timeout))
    ok, value = outcome[0]
    if ok:
        return cast("_T", value)
    raise value
