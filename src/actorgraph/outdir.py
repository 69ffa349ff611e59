"""The output folder of a build: one writer at a time, and a new build that appears all at once.

A build writes every output into a fresh *generation* folder, then publishes it with one rename of a
symbolic link, so readers see either the previous build or the new one, never half of each, whatever
moment the build is killed at. The user-facing paths are fixed links through that pointer, so
``actorgraph query out/store`` and ``out/graph.ttl`` keep working::

    out/
      .actorgraph-output           marker: written by actorgraph, never read back as input
      .lock                        held (flock) by the build writing this folder
      .cache/                      the extraction cache (survives builds)
      .generations/<id>/           one complete build: graph.ttl, assertions.jsonl, graph.html, store/,
                                   .build-manifest
      .current -> .generations/<id>        the published build (switched by one rename)
      graph.ttl -> .current/graph.ttl      the same for assertions.jsonl, graph.html and store

The lock is an advisory ``flock`` on ``out/.lock``: a second build waits for the first (after saying so)
and the kernel releases it when the holder dies, even by ``kill -9``. Generations other than the current
one are removed by the next build, except one whose Oxigraph store another process holds open for writing
(a server started on ``out/store`` before the rebuild): that generation is kept, and named in a warning,
until the process lets go, so the server never writes into a deleted store. It keeps serving the graph it
opened; restart it on ``out/store`` to serve the new build.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from .errors import ActorgraphError

__all__ = [
    "ARTIFACTS",
    "CURRENT",
    "GENERATIONS",
    "OUTPUT_MARKER",
    "current_generation",
    "is_output_folder",
    "lock_output",
    "new_generation",
    "publish",
    "remove_old_generations",
    "store_in_use",
]

#: File marking a folder as an actorgraph output folder (input walks skip such folders).
OUTPUT_MARKER = ".actorgraph-output"
#: The pointer to the published generation.
CURRENT = ".current"
#: Folder holding the generations.
GENERATIONS = ".generations"
#: What a build publishes, each as a fixed link ``out/<name> -> .current/<name>``.
ARTIFACTS = ("assertions.jsonl", "graph.ttl", "graph.html", "store")

_LOCK = ".lock"
_LEGACY_MANIFEST = ".build-manifest"
_MARKER_TEXT = "This folder is written by actorgraph build; actorgraph never reads it as input.\n"


def is_output_folder(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is an actorgraph output folder (marked, or a complete build of an older version).

    Examples:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> is_output_folder(folder)
        False
        >>> _ = (folder / OUTPUT_MARKER).write_text("")
        >>> is_output_folder(folder)
        True
    """
    folder = Path(path)
    return (folder / OUTPUT_MARKER).is_file() or (folder / _LEGACY_MANIFEST).is_file()


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def lock_output(
    out_dir: str | os.PathLike[str], on_wait: Callable[[str], None] | None = None
) -> Iterator[Path]:
    """Hold the output folder's lock for the block; while another build has it, say so and wait.

    The folder is created and marked as an output folder first.

    Args:
        out_dir: The output folder.
        on_wait: Called once with a message naming the other build when the lock is taken.

    Yields:
        The output folder.

    Raises:
        ActorgraphError: The lock file cannot be created or locked (e.g. a read-only folder).
    """
    folder = Path(out_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        marker = folder / OUTPUT_MARKER
        if not marker.is_file():
            marker.write_text(_MARKER_TEXT, encoding="utf-8")
        fd = os.open(folder / _LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise ActorgraphError(f"{folder}: cannot prepare the output folder ({exc.strerror or exc})") from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise ActorgraphError(f"{folder}: cannot lock the output folder ({exc.strerror})") from exc
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "?"
            if on_wait is not None:
                on_wait(
                    f"another actorgraph build (pid {holder}) is writing {folder}; waiting for it to finish "
                    "(Ctrl-C to stop)"
                )
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield folder
    finally:
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        os.close(fd)  # releases the lock


def current_generation(out_dir: str | os.PathLike[str]) -> Path | None:
    """The published generation folder, or None before the first build (or after an older version's)."""
    pointer = Path(out_dir) / CURRENT
    if not pointer.is_symlink():
        return None
    target = pointer.parent / os.readlink(pointer)
    return target if target.is_dir() else None


def new_generation(out_dir: str | os.PathLike[str]) -> Path:
    """Create an empty generation folder, named so that generations sort by creation time."""
    root = Path(out_dir) / GENERATIONS
    root.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    return Path(tempfile.mkdtemp(dir=root, prefix=f"{stamp}-"))


def _replace_with_link(link: Path, target: str) -> None:
    """Make ``link`` a symbolic link to ``target`` with one rename (atomic; readers never see it missing)."""
    tmp = link.parent / f".{link.name}.{os.getpid()}.{time.monotonic_ns()}.tmp"
    os.symlink(target, tmp)
    try:
        os.replace(tmp, link)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _move_aside(path: Path, out_dir: Path) -> None:
    """Move an output of an older, unversioned layout (a plain file or folder) into a generation to remove."""
    aside = Path(tempfile.mkdtemp(dir=out_dir / GENERATIONS, prefix="legacy-"))
    os.rename(path, aside / path.name)


def publish(out_dir: str | os.PathLike[str], generation: Path) -> list[str]:
    """Make ``generation`` the output folder's content, all at once, and remove older generations.

    The switch is the rename of the ``.current`` link; the fixed links ``out/graph.ttl`` and the others
    point through it and are only created (or removed, for an output this build did not make) around it.

    Args:
        out_dir: The output folder (its lock held).
        generation: A complete generation folder under ``out_dir/.generations``.

    Returns:
        Warnings for the summary (older generations kept because a process still writes to their store).
    """
    folder = Path(out_dir)
    _fsync_dir(generation)
    _replace_with_link(folder / CURRENT, f"{GENERATIONS}/{generation.name}")
    _fsync_dir(folder)
    for name in ARTIFACTS:
        link = folder / name
        if (generation / name).exists():
            if link.is_symlink() and os.readlink(link) == f"{CURRENT}/{name}":
                continue
            if link.is_dir() and not link.is_symlink():
                _move_aside(link, folder)  # an older version's store folder
            _replace_with_link(link, f"{CURRENT}/{name}")
        elif link.is_symlink():
            link.unlink()  # this build did not make it (--no-store, --no-html)
        elif link.exists():
            _move_aside(link, folder)
    (folder / _LEGACY_MANIFEST).unlink(missing_ok=True)
    _fsync_dir(folder)
    return remove_old_generations(folder)


def store_in_use(store_dir: str | os.PathLike[str]) -> bool:
    """Whether another process holds an Oxigraph (RocksDB) store open for writing.

    RocksDB takes a POSIX record lock on the store's ``LOCK`` file while it is open for writing (a server,
    an ``--allow-update`` query); probing it with ``lockf`` tells whether another process holds it. (POSIX
    locks are per process: a store this process itself has open is not detected.)
    """
    lock_file = Path(store_dir) / "LOCK"
    try:
        fd = os.open(lock_file, os.O_RDWR)
    except OSError:
        return False
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    else:
        fcntl.lockf(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


def remove_old_generations(out_dir: str | os.PathLike[str]) -> list[str]:
    """Remove every generation but the current one (and leftovers of killed builds), unless in use.

    Returns:
        One warning per generation kept because its store is held open for writing by another process.
    """
    folder = Path(out_dir)
    for stale in folder.glob(".*.tmp"):  # link temporaries of a killed publish
        if stale.is_symlink():
            stale.unlink(missing_ok=True)
    root = folder / GENERATIONS
    if not root.is_dir():
        return []
    current = current_generation(folder)
    warnings = []
    for generation in sorted(root.iterdir()):
        if current is not None and generation.name == current.name:
            continue
        if store_in_use(generation / "store"):
            warnings.append(
                f"{folder / 'store'}: the previous store is still open for writing in another process "
                f"(a server?); it keeps using it, kept at {generation / 'store'}; restart it on "
                f"{folder / 'store'} to serve this build"
            )
            continue
        shutil.rmtree(generation, ignore_errors=True)
    return warnings
