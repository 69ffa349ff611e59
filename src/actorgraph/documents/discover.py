"""Finding input files: folders walked in a fixed order, document names, and reading only regular files."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..outdir import is_output_folder

__all__ = ["INPUT_SUFFIXES", "MAX_INPUT_BYTES", "check_input_names", "iter_input_files"]

#: File name endings read from folders (plus files without any suffix).
INPUT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})

#: Larger input files are skipped with a message (reading one costs a few times its size in memory).
MAX_INPUT_BYTES = 100 * 1024 * 1024


def _is_input_name(filename: str) -> bool:
    suffix = Path(filename).suffix.lower()
    return suffix == "" or suffix in INPUT_SUFFIXES


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False


class _Names:
    """Document names seen so far: the same name from two different files is an error naming both."""

    def __init__(self) -> None:
        self.paths: dict[str, Path] = {}

    def fresh(self, name: str, path: Path) -> bool:
        """True the first time ``name`` is seen; False for the same file again (read once).

        Raises:
            InputError: another file already has this name.
        """
        first = self.paths.setdefault(name, path)
        if first is path:
            return True
        if _same_file(first, path):
            return False
        raise InputError(
            f"two inputs have the same document name {name!r}: {first} and {path}; names are paths relative "
            "to each input folder (or file names), and must differ"
        )


def _files_under(raw: str | os.PathLike[str], exclude: tuple[Path, ...]) -> list[tuple[Path, str]]:
    """The input files of one path argument, sorted, with their document names."""
    path = Path(raw)
    if path.is_dir():
        if is_output_folder(path) or any(_same_file(path, other) for other in exclude):
            raise InputError(f"{path}: is an actorgraph output folder, not input")
        found: list[tuple[tuple[str, ...], Path]] = []
        for dirpath, dirnames, filenames in os.walk(path):
            here = Path(dirpath)
            dirnames[:] = [
                d
                for d in dirnames
                if not d.startswith(".")
                and not is_output_folder(here / d)
                and not any(_same_file(here / d, other) for other in exclude)
            ]
            for filename in filenames:
                if filename.startswith(".") or not _is_input_name(filename):
                    continue
                file_path = here / filename
                found.append((file_path.relative_to(path).parts, file_path))
        found.sort(key=lambda item: item[0])
        return [(file_path, "/".join(parts)) for parts, file_path in found]
    if path.exists() or path.is_symlink():
        return [(path, path.name)]
    raise InputError(f"{path}: no such file or directory")


def iter_input_files(
    paths: Iterable[str | os.PathLike[str]], exclude: Iterable[str | os.PathLike[str]] = ()
) -> Iterator[tuple[Path, str]]:
    """List the input files under ``paths`` in a deterministic order.

    A file argument is always yielded (the user named it), with its file name as the document name.
    A folder is searched recursively for ``.txt``, ``.md``, ``.markdown``, ``.html``, ``.htm`` and
    suffix-less files, skipping hidden files and folders, actorgraph output folders (``actorgraph build .``
    never reads its own ``out/``) and the ``exclude`` folders, and not following symlinked folders; its
    files come sorted by relative path, named by that path in POSIX form (so names do not depend on the OS).

    Args:
        paths: Files and folders, in the order they should be read.
        exclude: Folders never to read (the build's output folder).

    Yields:
        ``(path, name)`` pairs; a file reached twice (through two arguments) once.

    Raises:
        InputError: A path does not exist, is an output folder, or two different files have the same name
            (``A/a.txt`` and ``B/a.txt`` given as files): the message names both.
    """
    names = _Names()
    skip = tuple(Path(p) for p in exclude)
    for raw in paths:
        for file_path, name in _files_under(raw, skip):
            if names.fresh(name, file_path):
                yield file_path, name


def check_input_names(
    paths: Iterable[str | os.PathLike[str]], exclude: Iterable[str | os.PathLike[str]] = ()
) -> int:
    """Count the input files under ``paths`` (missing paths ignored), raising on a document name collision.

    A build calls it first, so two inputs with one name stop it before anything is extracted.

    Raises:
        InputError: Two different files have the same document name.
    """
    names = _Names()
    skip = tuple(Path(p) for p in exclude)
    count = 0
    for raw in paths:
        try:
            files = _files_under(raw, skip)
        except InputError:
            continue  # reported (or raised, with strict) when the documents are read
        count += sum(names.fresh(name, file_path) for file_path, name in files)
    return count


_FILE_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _read_regular_file(path: Path) -> bytes:
    """The bytes of a regular file of at most MAX_INPUT_BYTES; anything else is an InputError.

    The file is opened without blocking and checked on the open descriptor, so a FIFO (which would wait
    for a writer) or a device such as ``/dev/zero`` behind a symlink (which never ends) is refused before
    a byte is read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or type(error).__name__})") from error
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{path}: cannot read (Is a directory)")
        for test, kind in _FILE_KINDS:
            if test(info.st_mode):
                raise InputError(f"{path}: not a regular file ({kind}); skipped")
        if info.st_size > MAX_INPUT_BYTES:
            raise InputError(
                f"{path}: too large ({info.st_size / 2**20:.0f} MB; the limit is "
                f"{MAX_INPUT_BYTES // 2**20} MB); split it into smaller files"
            )
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            raw = handle.read(MAX_INPUT_BYTES + 1)
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or type(error).__name__})") from error
    finally:
        os.close(fd)
    if len(raw) > MAX_INPUT_BYTES:  # grew while being read
        raise InputError(
            f"{path}: too large (over {MAX_INPUT_BYTES // 2**20} MB); split it into smaller files"
        )
    return raw
