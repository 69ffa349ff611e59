"""Atomic file and directory replacement, so an interrupted build never leaves a half-written output.

Every output (JSONL, Turtle, HTML, caches, the Oxigraph store directory) is first written next to its
target under a hidden temporary name, flushed to disk, then renamed into place. A crash, an exception or
Ctrl-C before the rename removes the temporary file and leaves the previous output untouched; readers
only ever see the old file or the complete new one.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

__all__ = ["atomic_replace_dir", "atomic_write_bytes", "atomic_write_text", "atomic_writer"]


def _default_mode() -> int:
    """File mode a plain ``open(path, "w")`` would give (mkstemp's 0600 is too strict for outputs)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


_DEFAULT_MODE = _default_mode()


def _fsync_dir(directory: Path) -> None:
    """Persist a rename by syncing its directory; best effort (not every platform allows it)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_writer(
    path: str | os.PathLike[str],
    mode: str = "w",
    encoding: str | None = "utf-8",
    newline: str | None = None,
) -> Iterator[IO[Any]]:
    """Open a temporary file next to ``path`` for writing; rename it over ``path`` when the block succeeds.

    Args:
        path: The final file. Missing parent directories are created.
        mode: ``"w"`` (text) or ``"wb"`` (binary).
        encoding: Text encoding (ignored in binary mode).
        newline: As for :func:`open` (text mode only).

    Yields:
        The open temporary file (``.<name>.<random>.tmp`` in the target's directory, so the final rename
        stays on one file system and is atomic).

    Raises:
        ValueError: For a mode other than ``"w"``/``"wb"``.

    On any exception, KeyboardInterrupt included, the temporary file is removed, the previous ``path`` (if
    any) is left as it was, and the exception propagates.

    Examples:
        >>> import tempfile, pathlib
        >>> target = pathlib.Path(tempfile.mkdtemp()) / "out" / "a.txt"
        >>> with atomic_writer(target) as fh:
        ...     _ = fh.write("hello")
        >>> target.read_text()
        'hello'
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"atomic_writer mode must be 'w' or 'wb', not {mode!r}")
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:  # name the file the user asked for, not the temporary one
        raise OSError(exc.errno, f"cannot write ({exc.strerror})", str(target)) from exc
    tmp = Path(tmp_name)
    try:
        try:
            file_mode = target.stat().st_mode & 0o7777
        except OSError:
            file_mode = _DEFAULT_MODE
        os.chmod(fd, file_mode)
        if mode == "wb":
            handle: IO[Any] = os.fdopen(fd, "wb")
        else:
            handle = os.fdopen(fd, "w", encoding=encoding, newline=newline)
    except BaseException:
        os.close(fd)
        tmp.unlink(missing_ok=True)
        raise
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(target.parent)


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically (see :func:`atomic_writer`).

    Args:
        path: The final file; parent directories are created.
        text: The content.
        encoding: Text encoding.
    """
    with atomic_writer(path, "w", encoding=encoding, newline="") as handle:
        handle.write(text)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_writer`).

    Args:
        path: The final file; parent directories are created.
        data: The content.
    """
    with atomic_writer(path, "wb") as handle:
        handle.write(data)


@contextlib.contextmanager
def atomic_replace_dir(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Build a directory (such as the Oxigraph store) aside, then swap it in place of ``target``.

    On success the old ``target`` is renamed to a hidden backup, the new directory renamed to ``target``
    and the backup removed; if the second rename fails the backup is put back. On any exception in the
    block the new directory is removed and ``target`` is untouched. Close every handle on the new
    directory (e.g. the Oxigraph ``Store``) before leaving the block.

    Args:
        target: The directory to create or replace. Missing parents are created.

    Yields:
        An empty temporary directory (``.<name>.<random>.tmp``) next to ``target``.

    Examples:
        >>> import tempfile, pathlib
        >>> target = pathlib.Path(tempfile.mkdtemp()) / "store"
        >>> with atomic_replace_dir(target) as tmp:
        ...     _ = (tmp / "data").write_text("v1")
        >>> (target / "data").read_text()
        'v1'
    """
    final = Path(target)
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=final.parent, prefix=f".{final.name}.", suffix=".tmp"))
    try:
        yield tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    backup: Path | None = None
    try:
        if final.exists() or final.is_symlink():
            backup = final.parent / f".{final.name}.{uuid.uuid4().hex[:8]}.old"
            os.rename(final, backup)
        try:
            os.rename(tmp, final)
        except BaseException:
            if backup is not None:
                os.rename(backup, final)
                backup = None
            raise
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _fsync_dir(final.parent)
    if backup is not None:
        if backup.is_dir() and not backup.is_symlink():
            shutil.rmtree(backup, ignore_errors=True)
        else:
            backup.unlink(missing_ok=True)
