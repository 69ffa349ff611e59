"""Reading input files into :class:`~actorgraph.model.Document` objects (pure Python, no spaCy).

News text arrives as scraped ``.txt`` files, markdown with front matter, or saved HTML pages, in whatever
encoding the source used, mixed with markup and boilerplate. This module turns each file into a
``Document`` whose ``text`` is the decoded file, unchanged, so every offset the pipeline reports (and every
evidence sentence) points into what the user has on disk. What is *not* prose is described by
``Document.skip_spans`` instead of being deleted: :func:`masked_text` blanks those spans with spaces
(keeping the length, so offsets survive) and :func:`blocks` cuts the masked text into the paragraphs the
pipeline parses one at a time.

Design choices:

* Text is never rewritten: no entity decoding, no newline normalisation, no whitespace collapsing.
* Unreadable input (binary, unreadable file) raises :class:`~actorgraph.errors.InputError` with a one-line
  message; :func:`load_documents` turns it into :class:`Skipped` so one bad file never stops a build.
* Doubtful input (a guessed encoding, broken front matter) is read anyway, with a message in
  ``Document.warnings`` naming the file (and line) so the user can fix it.
* Every scan is a regular expression over the whole text or a loop over lines, so a 50 MB file costs
  a few copies of its text and no per-character Python objects.
"""

from __future__ import annotations

import codecs
import hashlib
import html
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .dates import document_date_from_head, find_dates, normalise_date
from .errors import InputError
from .model import Document
from .outdir import is_output_folder

__all__ = [
    "INPUT_SUFFIXES",
    "MAX_BLOCK_CHARS",
    "MAX_INPUT_BYTES",
    "SPLIT_BLOCK_CHARS",
    "Skipped",
    "blocks",
    "check_input_names",
    "document_from_text",
    "is_html",
    "iter_input_files",
    "load_document",
    "load_documents",
    "masked_text",
]

#: File name endings read from folders (plus files without any suffix).
INPUT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})
#: Blocks longer than this are split, so the parser's memory stays bounded on run-on scraped text (a block
#: is parsed whole, and 64 blocks go to the parser together: see README, Robustness).
MAX_BLOCK_CHARS = 5_000
#: Pieces a block over MAX_BLOCK_CHARS is cut into are at most this long (at sentence-like boundaries).
SPLIT_BLOCK_CHARS = 2_000
#: Larger input files are skipped with a message (reading one costs a few times its size in memory).
MAX_INPUT_BYTES = 100 * 1024 * 1024

_HEAD_CHARS = 600
#: Front matter is looked for in the first this many characters; a longer block is not front matter.
_FRONT_MATTER_LIMIT = 64_000
#: A YAML node counts one, a scalar one per character; aliases count what they expand to. Front matter
#: weighing more (an alias bomb: a few hundred bytes expanding to billions of nodes) is ignored.
_FRONT_MATTER_WEIGHT = 200_000
_SAMPLE_BYTES = 65_536
_BINARY_RATIO = 0.10


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input file that could not be read; ``reason`` is the one-line message of the error."""

    name: str
    path: Path
    reason: str


# --------------------------------------------------------------------------------------------------
# Finding input files


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


# --------------------------------------------------------------------------------------------------
# Decoding

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", ""),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")
_C1_BYTES = re.compile(rb"[\x80-\x9f]")
_MOJIBAKE_RUN = re.compile("[\u00c0-\u00ff]{3,}")


def _looks_binary_text(text: str) -> bool:
    """Too many control characters (or replacement characters) for the text to be prose."""
    sample = text[:100_000]
    if not sample:
        return False
    return len(_BAD_CHARS.findall(sample)) / len(sample) > _BINARY_RATIO


def _utf16_without_bom(sample: bytes) -> str | None:
    """Recognise BOM-less UTF-16 by its pattern of NUL bytes (every other byte for ASCII text)."""
    even, odd = sample[0::2], sample[1::2]
    if len(sample) < 4:
        return None
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / max(len(odd), 1)
    if odd_nul > 0.4 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.4 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _guess_legacy(raw: bytes) -> str:
    """Pick the encoding of text that is not UTF-8.

    English news in a legacy encoding is nearly always Windows-1252 or Latin-1, and charset-normalizer
    guesses badly on short Western text (cp775 for French), so cp1252 is taken whenever it decodes the
    bytes without producing runs of accented capitals typical of mis-decoded Cyrillic or Greek; otherwise
    charset-normalizer decides.
    """
    try:
        western = raw.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and not _MOJIBAKE_RUN.search(western):
        return "latin-1" if not _C1_BYTES.search(raw) else "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:200_000]).best()
    if best is not None:
        return str(best.encoding)
    return "cp1252"


#: A valid non-ASCII UTF-8 sequence; a file with as many of these as damaged lines is UTF-8 with damage.
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_LINE_WARNINGS = 5


def _invalid_utf8_lines(raw: bytes) -> list[tuple[int, int, int]]:
    """``(line start, line end, offset of the first bad byte)`` of every line that is not valid UTF-8.

    Each decoding attempt stops at the next bad byte and the scan resumes after its line, so the whole
    file is decoded about once however many lines are bad.
    """
    view = memoryview(raw)
    found: list[tuple[int, int, int]] = []
    pos = 0
    while pos < len(raw):
        try:
            codecs.utf_8_decode(view[pos:], "strict", True)
            break
        except UnicodeDecodeError as error:
            bad = pos + error.start
            start = raw.rfind(b"\n", 0, bad) + 1
            end = raw.find(b"\n", bad)
            end = len(raw) if end < 0 else end + 1
            found.append((start, end, bad))
            pos = end
    return found


def _decode_lines(raw: bytes, bad_lines: list[tuple[int, int, int]], name: str, warnings: list[str]) -> str:
    """Decode a UTF-8 file line by line: a damaged line gets U+FFFD for its bad bytes, and a warning.

    The rest of the file keeps its UTF-8 reading (one bad byte no longer turns the whole file into cp1252).
    """
    pieces: list[str] = []
    pos = 0
    for number, (start, end, bad) in enumerate(bad_lines):
        pieces.append(raw[pos:start].decode("utf-8"))
        pieces.append(raw[start:end].decode("utf-8", errors="replace"))
        if number < _LINE_WARNINGS:
            line_no = raw.count(b"\n", 0, start) + 1
            warnings.append(f"{name}: line {line_no}, byte {bad}: invalid UTF-8 replaced by U+FFFD")
        pos = end
    pieces.append(raw[pos:].decode("utf-8"))
    if len(bad_lines) > _LINE_WARNINGS:
        warnings.append(f"{name}: {len(bad_lines) - _LINE_WARNINGS} more lines with invalid UTF-8")
    return "".join(pieces)


def _decode(raw: bytes, label: str, name: str) -> tuple[str, list[str]]:
    """Decode file bytes; return the text and warnings, or raise InputError for binary data.

    Errors name the file by ``label`` (its path), warnings by ``name`` (the document name).
    """
    warnings: list[str] = []
    if not raw:
        return "", warnings
    for bom, codec, shown in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError:
                text = raw.decode(codec, errors="replace")
                warnings.append(f"{name}: invalid {shown or 'UTF-8'} bytes replaced by U+FFFD")
            if shown:
                warnings.append(f"{name}: not UTF-8; decoded as {shown} (byte order mark)")
            if _looks_binary_text(text):
                raise InputError(f"{label}: binary file, skipped")
            return text, warnings
    sample = raw[:_SAMPLE_BYTES]
    if b"\x00" in sample:
        codec16 = _utf16_without_bom(sample)
        if codec16 is None:
            raise InputError(f"{label}: binary file, skipped")
        text = raw.decode(codec16, errors="replace")
        if _looks_binary_text(text):
            raise InputError(f"{label}: binary file, skipped")
        warnings.append(f"{name}: not UTF-8; decoded as {codec16.upper()} (guessed, no byte order mark)")
        return text, warnings
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start >= len(raw) - 3 and error.reason == "unexpected end of data":
            text = raw.decode("utf-8", errors="replace")
            warnings.append(f"{name}: file ends inside a UTF-8 character (truncated?); replaced by U+FFFD")
        else:
            if len(_CONTROL_BYTES.findall(sample)) / len(sample) > _BINARY_RATIO:
                raise InputError(f"{label}: binary file, skipped") from None
            bad_lines = _invalid_utf8_lines(raw)
            if len(_UTF8_MULTIBYTE.findall(raw)) >= len(bad_lines):
                # UTF-8 with a few damaged lines: only those lines are decoded otherwise
                text = _decode_lines(raw, bad_lines, name, warnings)
            else:
                encoding = _guess_legacy(raw)
                text = raw.decode(encoding, errors="replace")
                warnings.append(f"{name}: not UTF-8; decoded as {encoding} (detected)")
    if _looks_binary_text(text):
        raise InputError(f"{label}: binary file, skipped")
    return text, warnings


# --------------------------------------------------------------------------------------------------
# Front matter

_FM_OPEN = re.compile(r"---[ \t]*\r?\n")
_FM_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)
_FM_KEY_LINE = re.compile(
    r"[ \t]*(?:[A-Za-z_][\w .-]{0,60}:(?:[ \t][^\n]*)?|-[ \t][^\n]*|#[^\n]*)\r?(?:\n|\Z)"
)


def _meta_str(value: object) -> str | None:
    """Flatten a YAML value into the string ``Document.meta`` holds (nested mappings are dropped)."""
    if value is None:
        return None
    if isinstance(value, str | int | float | bool):
        return str(value)
    normalised = normalise_date(value)
    if normalised is not None:
        return normalised
    if isinstance(value, list | tuple):
        items = [_meta_str(v) for v in value[:50] if not isinstance(v, dict | list | tuple)]
        return ", ".join(item for item in items if item is not None)
    return None


class _TooBig(Exception):
    """Front matter whose aliases expand beyond :data:`_FRONT_MATTER_WEIGHT` (or refer to themselves)."""


def _weight(node: yaml.Node, memo: dict[int, int], open_nodes: set[int]) -> int:
    """What a composed YAML node expands to (aliases counted every time they are used), memoised."""
    key = id(node)
    if key in memo:
        return memo[key]
    if key in open_nodes:
        raise _TooBig("refers to itself (a recursive alias)")
    open_nodes.add(key)
    total = 1
    if isinstance(node, yaml.ScalarNode):
        total += len(node.value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            total += _weight(item, memo, open_nodes)
            if total > _FRONT_MATTER_WEIGHT:
                break
    elif isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            total += _weight(key_node, memo, open_nodes) + _weight(value_node, memo, open_nodes)
            if total > _FRONT_MATTER_WEIGHT:
                break
    open_nodes.discard(key)
    if total > _FRONT_MATTER_WEIGHT:
        raise _TooBig(f"expands to more than {_FRONT_MATTER_WEIGHT:,} nodes and characters (YAML aliases)")
    memo[key] = total
    return total


def _load_yaml(body: str) -> Any:
    """``yaml.safe_load`` with alias expansion bounded: the node graph is weighed before it is built."""
    loader = yaml.SafeLoader(body)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _weight(node, {}, set())
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _front_matter(text: str, label: str) -> tuple[int, dict[str, Any] | None, list[str]]:
    """Find YAML front matter at the very top.

    Returns:
        (end offset of the block, parsed mapping or None, warnings). A block that is never closed is
        reported and only its opening line plus the ``key: value`` lines right after it are skipped, so a
        stray ``---`` cannot swallow the document.
    """
    opening = _FM_OPEN.match(text)
    if not opening:
        return 0, None, []
    closing = _FM_CLOSE.search(text, opening.end(), min(len(text), _FRONT_MATTER_LIMIT))
    if closing is None:
        end = opening.end()
        while end < len(text):
            line = _FM_KEY_LINE.match(text, end)
            if not line or line.end() == end:
                break
            end = line.end()
        warning = f"{label}: line 1: front matter opened with '---' is never closed; read as text"
        return end, None, [warning]
    end = closing.end()
    if text.startswith("\n", end):
        end += 1
    body = text[opening.end() : closing.start()]
    try:
        data = _load_yaml(body)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line_no = 2 + (mark.line if mark is not None else 0)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        return end, None, [f"{label}: line {line_no}: invalid YAML front matter ({problem}); ignored"]
    except _TooBig as error:
        return end, None, [f"{label}: line 2: front matter {error}; ignored"]
    except (ValueError, RecursionError) as error:
        return end, None, [f"{label}: line 2: unreadable front matter ({type(error).__name__}); ignored"]
    if data is None:
        return end, {}, []
    if not isinstance(data, dict):
        return end, None, [f"{label}: line 2: front matter is not a 'key: value' mapping; ignored"]
    return end, {str(k).strip().lower(): v for k, v in data.items()}, []


# --------------------------------------------------------------------------------------------------
# Skip spans

Span = tuple[int, int]

_SP = r"[^\S\n]"  # horizontal white space (tabs, no-break spaces, CR), never a newline
_NON_SPACE = re.compile(r"\S")
_BLANK_RUN = re.compile(r"\n[^\S\n]*\n")


class _LinePattern:
    """A regular expression that must match at the start of a line.

    ``^`` with ``re.M`` makes the engine try every position of a 50 MB text; searching for a literal
    newline followed by the pattern lets it skip ahead at C speed (about ten times faster). The first line
    is tried separately with the anchored form. ``body`` must not have a top-level ``|``.
    """

    __slots__ = ("after_newline", "anchored")

    def __init__(self, body: str, flags: int = 0) -> None:
        self.anchored = re.compile(body, re.M | flags)
        self.after_newline = re.compile("\n" + body, re.M | flags)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """Match at ``pos`` (which should be a line start)."""
        return self.anchored.match(text, pos, len(text) if endpos is None else endpos)

    def matches(self, text: str, start: int = 0) -> Iterator[tuple[int, re.Match[str]]]:
        """Yield (line start, match) for every line at or after ``start`` (a line start) that matches."""
        first = self.anchored.match(text, start) if start == 0 or text[start - 1] == "\n" else None
        if first is not None:
            yield start, first
        for m in self.after_newline.finditer(text, start):
            yield m.start() + 1, m

    def spans(self, text: str, start: int = 0) -> Iterator[Span]:
        """The (line start, match end) spans of :meth:`matches`."""
        for line_start, m in self.matches(text, start):
            yield line_start, m.end()

    def search(self, text: str, pos: int) -> int:
        """The start of the first matching line at or after ``pos`` (a line start), or -1."""
        for line_start, _ in self.matches(text, pos):
            return line_start
        return -1


_RAW_ELEMENTS = "script|style|nav|head|noscript|template|svg|iframe|object|footer|form|select|button"
_ATTRS = r"(?:[^>\"']|\"[^\"]{0,2000}\"|'[^']{0,2000}')*"
_RAW_OPEN = re.compile(rf"<(?P<tag>{_RAW_ELEMENTS})\b{_ATTRS}>", re.I)
_ALWAYS_TO_END = frozenset({"script", "style"})
_COMMENT_OPEN = re.compile(r"<!--")
_COMMENT_CLOSE = re.compile(r"-->")
_TAG = re.compile(
    r"<(?:/?[A-Za-z][\w:.-]*(?=[\s/>])(?:[^>\"'<]|\"[^\"]{0,2000}\"|'[^']{0,2000}')*>"
    r"|/?[A-Za-z][\w.+-]*:[^\s<>]{1,2000}>"  # autolinks <https://...>
    r"|[\w.+-]{1,200}@[\w.-]{1,200}>"  # <user@example.org>
    r"|![A-Za-z\[][^<>]{0,2000}>|\?[^<>]{0,2000}\?>)"
)
_FENCE = _LinePattern(rf"{_SP}{{0,3}}(?P<fence>`{{3,}}|~{{3,}})[^\n]*$")
_LINKED_IMAGE = re.compile(r"\[!\[[^\[\]\n]{0,1000}\]\([^()\n]{0,2000}\)\]\([^()\n]{0,2000}\)")
_URL_PART = (
    rf"\((?:[^()\s]|\([^()\s]{{0,500}}\)){{0,2000}}"
    rf"(?:{_SP}+(?:\"[^\"\n]{{0,500}}\"|'[^'\n]{{0,500}}'))?{_SP}*\)"
)
_IMAGE = re.compile(rf"!\[[^\[\]\n]{{0,1000}}\](?:{_URL_PART}|\[[^\[\]\n]{{0,200}}\])")
_LINK = re.compile(rf"\[(?P<text>[^\[\]\n]{{0,1000}})(?P<tail>\](?:{_URL_PART}|\[[^\[\]\n]{{0,200}}\]))")
_LINK_DEF = _LinePattern(rf"{_SP}{{0,3}}\[[^\[\]\n]{{1,200}}\]:[^\n]*$")
# URLs are found from literal markers (str.find runs at memchr speed, a regex alternation does not).
_URL_MARKERS = ("://", "www.", "WWW.", "mailto:", "Mailto:", "MAILTO:", "javascript:", "JavaScript:", "data:")
_URL_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{0,19}$")
_URL_REST = re.compile(r"[^\s<>\"'“”‘’\[\]{}|\\^`]*")
_URL_TRAILING = ".,;:!?*_"
_EMAIL_DOMAIN = re.compile(r"[\w-]{1,200}(?:\.[\w-]{1,200})+")
_EMAIL_LOCAL = re.compile(r"[\w.+-]{1,200}$")
_EMPHASIS_CHAR = re.compile(r"[`*]")
_UNDERSCORES = re.compile(r"_+")
_ATX = _LinePattern(rf"{_SP}{{0,3}}(?P<marks>#{{1,6}})(?={_SP}|$)")
_BLOCKQUOTE = _LinePattern(rf"{_SP}{{0,3}}(?:>{_SP}?)+")
_LIST_MARKER = _LinePattern(rf"{_SP}*(?:[-+*•▪◦‣]|\d{{1,3}}[.)])(?={_SP}+\S)")
_RULE = _LinePattern(rf"{_SP}{{0,3}}(?:[-*_=]{_SP}*){{3,}}$")
_TABLE_SEPARATOR = _LinePattern(rf"{_SP}*\|?(?:{_SP}*:?-{{3,}}:?{_SP}*\|)+(?:{_SP}*:?-{{3,}}:?{_SP}*)?$")
_PIPE = re.compile(r"\|")
_FOOTNOTE = re.compile(
    rf"\[\^?\d{{1,3}}(?:[,–-]{_SP}*\d{{1,3}}){{0,20}}\](?![(\[:])"
    r"|\[\^[^\[\]\s]{1,40}\](?![(\[])"
    r"|\[(?:citation needed|edit|clarification needed|according to whom\?|when\?|who\?)\]"
)
_CARET_FOOTNOTE = re.compile(r"\^\d{1,3}\b")
_CARET_AFTER = frozenset(".,;:!?\"”’')]")
_NAME_WORD = r"[A-Z][\w.'’-]*"
_BYLINE = _LinePattern(
    rf"{_SP}*(?:By|BY|Written by|Reporting by|Story by|Words by){_SP}+"
    rf"{_NAME_WORD}(?:{_SP}+(?:{_NAME_WORD}|de|da|van|von|al|el|bin|and|&))*{_SP}*"
    rf"(?:[|•·][^\n]*|,{_SP}*{_NAME_WORD}(?:{_SP}+{_NAME_WORD}){{0,5}}{_SP}*)?$"
)
_READING_TIME = _LinePattern(
    rf"{_SP}*\d{{1,3}}{_SP}*(?:m|min|mins|minutes?)\.?(?:{_SP}+read)?{_SP}*(?:[|•·][^\n]*)?$", re.I
)
_CAPTIONS = (
    _LinePattern(
        rf"{_SP}*\(?(?:Photo(?:graph)?|Image|Picture|Illustration|Caption|Credit|Photo credit|Image credit)s?"
        rf"(?:{_SP}+by)?{_SP}*[:|©][^\n]*$"
    ),
    _LinePattern(rf"{_SP}*(?:©|\([cC]\){_SP}|Copyright{_SP})[^\n]{{0,200}}$"),
)
# Agency credits ending a caption line; searched only when one of the names occurs at all.
_CREDIT_LINE = _LinePattern(
    rf"[^\n]{{0,200}}(?:Getty Images|AP Photo[^\n]{{0,60}}|Shutterstock(?:\.com)?)\)?{_SP}*$"
)
_CREDIT_NAMES = ("Getty Images", "AP Photo", "Shutterstock")
_SHARE_LINE = _LinePattern(
    rf"{_SP}*(?:(?:Share(?:{_SP}+(?:this|on|via))?(?:{_SP}+(?:article|story|post|page))?|Tweet|E-?mail"
    r"|Print|Facebook|Twitter|LinkedIn|WhatsApp|Telegram|Reddit|Pinterest|VK|Copy link|Comments?"
    rf"|Advertisement|ADVERTISEMENT|Remind me later|Subscribe(?: now)?|Sign up)(?:{_SP}|[:|•·,/.])*)+$"
)
_READ_MORE_LINE = _LinePattern(
    rf"{_SP}*[*_]{{0,2}}(?:Read more|Read also|Also read|See also|Related|RELATED|READ MORE|MORE)"
    rf"{_SP}*:[^\n]*$"
)
_BOILERPLATE_HEAD = rf"{_SP}*(?:#{{1,6}}{_SP}+)?[*_]{{0,3}}{_SP}*"
_BOILERPLATE_TAIL = rf"{_SP}*[*_]{{0,3}}{_SP}*:?{_SP}*[*_]{{0,3}}{_SP}*$"
_BOILERPLATE_LIST = _LinePattern(
    _BOILERPLATE_HEAD
    + rf"(?i:related(?:{_SP}+(?:posts|articles|stories|news|content|coverage|reading|links))?|read more"
    rf"|read also|also read|see also|more from{_SP}[^\n]{{1,60}}|more on this(?:{_SP}+(?:topic|story))?"
    r"|more stories|you may also like|you might also like"
    rf"|recommended(?:{_SP}+(?:for you|articles|stories))?"
    rf"|popular(?:{_SP}+(?:posts|stories))?|most read|trending(?:{_SP}+now)?"
    rf"|share this(?:{_SP}+(?:article|story|post|page))?|subscribe(?:{_SP}+to{_SP}[^\n]{{1,60}})?"
    rf"|sign up for{_SP}[^\n]{{1,60}}|newsletter|follow us(?:{_SP}+on{_SP}[^\n]{{1,60}})?"
    r"|tags|topics|comments|leave a (?:reply|comment))" + _BOILERPLATE_TAIL
)
_APPEAL = _LinePattern(
    _BOILERPLATE_HEAD
    + rf"(?i:a message from{_SP}[^\n]{{1,80}}|support (?:us|our journalism|independent journalism))"
    + _BOILERPLATE_TAIL
)
_APPEAL_WORDS = re.compile(
    r"(?i:donat|support|subscri|contribut|journalis|dear reader|newsletter|remind me later|thank you)"
)
_REFERENCE_LINE = re.compile(rf"{_SP}*(?:\[\^?\d{{1,3}}\]|\^\d{{1,3}}{_SP}|↑)")
_REFERENCE_HEADING = re.compile(
    rf"{_SP}*(?:#{{1,6}}{_SP}+)?[*_]{{0,2}}(?i:references|notes|sources|footnotes|endnotes|bibliography)"
    rf"[*_]{{0,2}}{_SP}*:?{_SP}*"
)
_DATE_LINE_FILLER = re.compile(
    r"(?i:published|updated|posted|last modified|date)|\b(?:on|at|am|pm|AM|PM|GMT|UTC|MSK|[A-Z]{1,3}T)\b"
    r"|\d{1,2}[:.]\d\d(?:[:.]\d\d)?|[\s|,•·:–—()-]"
)
_HTML_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|hr|li|ul|ol|dl|dt|dd|tr|td|th|table|thead|tbody|blockquote|section|article|header|main"
    rf"|aside|figure|figcaption|pre|address|details|summary|caption)\b{_ATTRS}>",
    re.I,
)
_HTML_HEADING = re.compile(rf"<h(?P<level>[1-6])\b{_ATTRS}>", re.I)
_HTML_START = re.compile(
    r"\s*(?:<\?xml[^>]{0,200}>\s*)?(?:<!--.{0,2000}?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S
)


def is_html(text: str, name: str = "") -> bool:
    """Whether a document is an HTML page (by its name's suffix or its first tag).

    Examples:
        >>> is_html("<!DOCTYPE html><html><body>x</body></html>"), is_html("# Title", "a.md")
        (True, False)
    """
    if name.lower().endswith((".html", ".htm")):
        return True
    return bool(_HTML_START.match(text[:4096]))


def _line_bounds(text: str, pos: int) -> Span:
    """(start, end) of the line containing ``pos``, without its newline."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


class _Closer:
    """Search for a closing delimiter, remembering where a search failed.

    Once a closer is missing after position p it is missing after any later position too, so repeated
    searches for unclosed openers (``<!--``, ``<nav>``, fences) cost one scan in total instead of one
    scan each: this keeps hostile input with thousands of unclosed openers linear.
    """

    __slots__ = ("missing_from", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.missing_from: int | None = None

    def search(self, text: str, pos: int) -> re.Match[str] | None:
        if self.missing_from is not None and pos >= self.missing_from:
            return None
        found = self.pattern.search(text, pos)
        if found is None:
            self.missing_from = pos
        return found


def _element_spans(text: str, spans: list[Span]) -> None:
    """Mask comments and the whole of script/style/nav/head/... elements, tags included.

    Scripts and styles left open run to the end of the text (as in a browser, and so that script code
    can never reach the parser); other open elements mask only their opening tag.
    """
    if "<" not in text:
        return
    pos = 0
    comment_closer = _Closer(_COMMENT_CLOSE)
    while True:
        m = _COMMENT_OPEN.search(text, pos)
        if m is None:
            break
        close = comment_closer.search(text, m.end())
        end = close.end() if close else m.end()
        spans.append((m.start(), end))
        pos = end
    pos = 0
    closers: dict[str, _Closer] = {}
    while True:
        m = _RAW_OPEN.search(text, pos)
        if m is None:
            break
        tag = m.group("tag").lower()
        if tag not in closers:
            closers[tag] = _Closer(re.compile(rf"</{tag}\s*>", re.I))
        close = closers[tag].search(text, m.end())
        if close is not None:
            end = close.end()
        elif tag in _ALWAYS_TO_END:
            end = len(text)
        else:
            end = m.end()
        spans.append((m.start(), end))
        if end >= len(text):
            break
        pos = end


def _url_spans(text: str, spans: list[Span]) -> None:
    """Mask bare URLs (``https://...``, ``www.``, ``mailto:``, ``javascript:``) and e-mail addresses."""
    at = text.find("@")
    while at >= 0:
        local = _EMAIL_LOCAL.search(text, max(0, at - 200), at)
        domain = _EMAIL_DOMAIN.match(text, at + 1)
        if local is not None and domain is not None:
            spans.append((local.start(), domain.end()))
        at = text.find("@", at + 1)
    starts: list[int] = []
    for marker in _URL_MARKERS:
        index = text.find(marker)
        while index >= 0:
            if marker == "://":
                scheme = _URL_SCHEME.search(text, max(0, index - 20), index)
                if scheme is not None:
                    starts.append(scheme.start())
            elif not marker.startswith(("mailto", "Mailto", "MAILTO", "java", "Java", "data")) or (
                index + len(marker) < len(text) and not text[index + len(marker)].isspace()
            ):
                starts.append(index)
            index = text.find(marker, index + len(marker))
    covered = -1
    for start in sorted(starts):
        if start < covered or (start > 0 and text[start - 1].isalnum()):
            continue  # inside a URL already masked, or "kwww." / "metadata:" (not a URL start)
        rest = _URL_REST.match(text, start)
        url = text[start : rest.end() if rest else start]
        while url and (url[-1] in _URL_TRAILING or (url[-1] == ")" and url.count("(") < url.count(")"))):
            url = url[:-1]
        if len(url) > 7 or (len(url) > 4 and not url.endswith(":")):
            spans.append((start, start + len(url)))
            covered = start + len(url)


def _fence_spans(text: str, spans: list[Span]) -> None:
    """Mask fenced code blocks; an unclosed fence masks only its own line."""
    if "```" not in text and "~~~" not in text:
        return
    pos = 0
    closers: dict[str, _Closer] = {}
    while pos < len(text):
        found = next(_FENCE.matches(text, pos), None)
        if found is None:
            return
        line_start, m = found
        fence = m.group("fence")
        if fence not in closers:
            pattern = rf"^{_SP}{{0,3}}{re.escape(fence[0])}{{{len(fence)},}}{_SP}*$"
            closers[fence] = _Closer(re.compile(pattern, re.M))
        close = closers[fence].search(text, m.end())
        end = close.end() if close is not None else m.end()
        spans.append((line_start, end))
        pos = _line_bounds(text, end)[1] + 1 if end < len(text) else len(text)


def _markdown_spans(text: str, spans: list[Span]) -> None:
    """Markdown syntax: keep the words, mask the markup around them.

    Each scan is skipped when its key character does not occur at all, which is the common case for
    plain scraped text.
    """
    _fence_spans(text, spans)
    if "[" in text:
        spans.extend(m.span() for m in _LINKED_IMAGE.finditer(text))
        spans.extend(m.span() for m in _IMAGE.finditer(text))
        for m in _LINK.finditer(text):
            if m.start() > 0 and text[m.start() - 1] == "!":
                continue  # an image, masked whole above
            spans.append((m.start(), m.start("text")))
            spans.append(m.span("tail"))
        spans.extend(_LINK_DEF.spans(text))
        spans.extend(m.span() for m in _FOOTNOTE.finditer(text))
    if "^" in text:
        for m in _CARET_FOOTNOTE.finditer(text):
            before = text[m.start() - 1] if m.start() else " "
            if before.isalnum() or before in _CARET_AFTER:  # "said.^1", "Turkey^2"; not "2 ^ 3"
                spans.append(m.span())
    if "`" in text or "*" in text:
        spans.extend(m.span() for m in _EMPHASIS_CHAR.finditer(text))
    if "~~" in text:
        spans.extend(m.span() for m in re.finditer("~~", text))
    if "_" in text:
        for m in _UNDERSCORES.finditer(text):
            start, end = m.span()
            inside_word = start > 0 and text[start - 1].isalnum() and end < len(text) and text[end].isalnum()
            if not inside_word:  # snake_case stays, _emphasis_ goes
                spans.append((start, end))
    if "#" in text:
        for line_start, m in _ATX.matches(text):
            spans.append((line_start, m.end()))
            line_end = text.find("\n", m.end())
            content = text[m.end() : len(text) if line_end < 0 else line_end].rstrip()
            before = content.rstrip("#")
            if len(before) < len(content) and (not before or before[-1] in " \t"):
                spans.append((m.end() + len(before), m.end() + len(content)))  # closing "##"
    if ">" in text:
        spans.extend(_BLOCKQUOTE.spans(text))
    spans.extend(_LIST_MARKER.spans(text))
    spans.extend(_RULE.spans(text))
    if "|" in text:
        spans.extend(_TABLE_SEPARATOR.spans(text))
        # Table rows: lines starting with "|" or holding two or more; lone pipes ("10 m. | date") stay.
        line_start, line_end = -1, -1
        pipes: list[int] = []
        for m in _PIPE.finditer(text):
            if m.start() >= line_end:
                if len(pipes) >= 2 or (pipes and not text[line_start : pipes[0]].strip()):
                    spans.extend((i, i + 1) for i in pipes)
                line_start, line_end = _line_bounds(text, m.start())
                pipes = []
            pipes.append(m.start())
        if len(pipes) >= 2 or (pipes and not text[line_start : pipes[0]].strip()):
            spans.extend((i, i + 1) for i in pipes)


def _is_short_item(line: str) -> bool:
    """A line that can belong to a list of related links: short, or a list item, or only a link."""
    stripped = line.strip()
    if not stripped:
        return True
    if len(stripped) <= 120 and len(stripped.split()) <= 20:
        return True
    return len(stripped) <= 300 and (
        _LIST_MARKER.match(stripped) is not None or stripped.startswith(("[", "<", "http"))
    )


def _paragraph_end(text: str, pos: int) -> int:
    """End of the paragraph (run of non-blank lines) that starts at or after ``pos``."""
    blank = _BLANK_RUN.search(text, pos)
    return blank.start() if blank else len(text)


def _boilerplate_spans(text: str, start: int, spans: list[Span]) -> None:
    """Mask boilerplate: bylines, share bars, captions, "Related posts" lists, donation appeals."""
    for pattern in (_BYLINE, _READING_TIME, *_CAPTIONS, _SHARE_LINE, _READ_MORE_LINE):
        spans.extend(pattern.spans(text, start))
    if any(name in text for name in _CREDIT_NAMES):
        spans.extend(_CREDIT_LINE.spans(text, start))
    for line_start, m in _BOILERPLATE_LIST.matches(text, start):
        end = pos = m.end()
        items = scanned = 0
        while pos < len(text) and items < 40 and scanned < 200:
            scanned += 1
            next_start = pos + 1
            next_end = text.find("\n", next_start)
            next_end = len(text) if next_end < 0 else next_end
            line = text[next_start:next_end]
            if _ATX.match(line) or not _is_short_item(line):
                break
            if line.strip():
                items += 1
                end = next_end
            pos = next_end
        spans.append((line_start, end))
    # A donation appeal ("A Message from The Moscow Times:") runs to the end of its paragraph, and on
    # through the following paragraphs while they still read like an appeal.
    pos = start
    while pos < len(text):
        found = next(_APPEAL.matches(text, pos), None)
        if found is None:
            break
        line_start, m = found
        end = _paragraph_end(text, m.end())
        while end < len(text):
            next_text = _NON_SPACE.search(text, end)
            if next_text is None:
                end = len(text)
                break
            following_end = _paragraph_end(text, next_text.start())
            if _ATX.match(text, _line_bounds(text, next_text.start())[0]) or not _APPEAL_WORDS.search(
                text, next_text.start(), following_end
            ):
                break
            end = following_end
        spans.append((line_start, end))
        pos = end


def _reference_list_span(text: str, start: int) -> Span | None:
    """The trailing list of numbered references (``[1] Source, 23.07.2020``), if the text ends with one."""
    pos = len(text)
    first_ref: int | None = None
    while pos > start:
        line_start = max(start, text.rfind("\n", start, pos - 1) + 1)
        line = text[line_start:pos]
        if line.strip():
            if _REFERENCE_LINE.match(line):
                first_ref = line_start
            else:
                if first_ref is not None and _REFERENCE_HEADING.fullmatch(line.rstrip("\n")):
                    first_ref = line_start
                break
        if line_start == start:
            break
        pos = line_start
    return None if first_ref is None else (first_ref, len(text))


def _head_date_line_spans(text: str, start: int, spans: list[Span]) -> None:
    """Mask lines near the top that only state the publication date (``2020-08-31``, ``Updated: ...``)."""
    head_end = min(len(text), start + _HEAD_CHARS)
    pos = start
    while pos < head_end:
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end]
        if 0 < len(line.strip()) <= 80:
            mentions = [d for d in find_dates(line) if d.granularity == "day"]
            if mentions:
                rest = line
                for mention in reversed(mentions):
                    rest = rest[: mention.start] + rest[mention.end :]
                if not _DATE_LINE_FILLER.sub("", rest):
                    spans.append((pos, end))
        pos = end + 1


def _merge(spans: list[Span], length: int) -> tuple[Span, ...]:
    """Sort, clip and merge overlapping or touching spans."""
    merged: list[Span] = []
    last_start = last_end = -1
    for start, end in sorted(spans):
        start, end = max(0, start), min(length, end)
        if start >= end:
            continue
        if start <= last_end:
            last_end = max(last_end, end)
            continue
        if last_end >= 0:
            merged.append((last_start, last_end))
        last_start, last_end = start, end
    if last_end >= 0:
        merged.append((last_start, last_end))
    return tuple(merged)


def _text_skip_spans(text: str, body_start: int) -> list[Span]:
    spans: list[Span] = []
    _element_spans(text, spans)
    if "<" in text:
        spans.extend(m.span() for m in _TAG.finditer(text, body_start))
    _markdown_spans(text, spans)
    _url_spans(text, spans)
    _boilerplate_spans(text, body_start, spans)
    _head_date_line_spans(text, body_start, spans)
    reference = _reference_list_span(text, body_start)
    if reference is not None:
        spans.append(reference)
    return spans


def _html_skip_spans(text: str) -> list[Span]:
    spans: list[Span] = []
    _element_spans(text, spans)
    spans.extend(m.span() for m in _TAG.finditer(text))
    _url_spans(text, spans)
    spans.extend(m.span() for m in _FOOTNOTE.finditer(text))
    return spans


# --------------------------------------------------------------------------------------------------
# Masked text and blocks


def _mask(text: str, spans: Iterable[Span]) -> str:
    pieces: list[str] = []
    pos = 0
    for start, end in spans:
        if start < pos:
            start = pos
        if start >= end:
            continue
        pieces.append(text[pos:start])
        segment = text[start:end]
        if "\n" in segment:
            pieces.append("\n".join(" " * len(line) for line in segment.split("\n")))
        else:
            pieces.append(" " * len(segment))
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def masked_text(doc: Document) -> str:
    r"""Return ``doc.text`` with every skip span blanked: same length, newlines kept, all else spaces.

    Parse this instead of ``doc.text`` and every offset is still an offset into the original file's text.
    HTML entities are left as they are (decoding them would change the length).

    Args:
        doc: The document.

    Returns:
        The masked text.

    Examples:
        >>> doc = document_from_text("See [Turkey](https://x.org) *now*.\n")
        >>> masked_text(doc)
        'See  Turkey                  now .\n'
    """
    return _mask(doc.text, doc.skip_spans)


_LINE_TERMINAL = tuple('.!?…"”’»)')
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’')\]]*\s+(?=[A-Z\"“‘(])")
_SETEXT = re.compile(r"[^\S\n]{0,3}(?:={3,}|-{3,})[^\S\n]*\r?")


def _trim(masked: str, start: int, end: int) -> Span | None:
    """Shrink (start, end) to its first and last non-space character of the masked text."""
    first = _NON_SPACE.search(masked, start, end)
    if first is None:
        return None
    return first.start(), first.start() + len(masked[first.start() : end].rstrip())


def _split_long(masked: str, start: int, end: int) -> list[Span]:
    """Cut a long block into pieces at sentence-like boundaries.

    A piece ends at the last boundary within SPLIT_BLOCK_CHARS; a sentence longer than that runs on to
    its end within MAX_BLOCK_CHARS; a run-on "sentence" without any boundary is cut at a space (else hard)
    near MAX_BLOCK_CHARS, so it still reaches the pipeline as one over-long sentence, which the pipeline's
    per-sentence caps skip with a warning rather than parse as fragments.
    """
    pieces: list[Span] = []
    pos = start
    while end - pos > SPLIT_BLOCK_CHARS:
        limit = pos + SPLIT_BLOCK_CHARS
        cut = None
        for m in _SENTENCE_BREAK.finditer(masked, pos + SPLIT_BLOCK_CHARS // 2, limit):
            cut = m.end()
        if cut is None:
            later = _SENTENCE_BREAK.search(masked, limit, min(end, pos + MAX_BLOCK_CHARS))
            cut = later.end() if later is not None else None
        if cut is None:
            if end - pos <= MAX_BLOCK_CHARS:
                break
            hard = pos + MAX_BLOCK_CHARS
            space = masked.rfind(" ", pos + MAX_BLOCK_CHARS // 2, hard)
            cut = space + 1 if space > pos else hard
        trimmed = _trim(masked, pos, cut)
        if trimmed is not None:
            pieces.append(trimmed)
        pos = cut
    trimmed = _trim(masked, pos, end)
    if trimmed is not None:
        pieces.append(trimmed)
    return pieces


def _has_many_paragraphs(masked: str) -> bool:
    runs = _BLANK_RUN.finditer(masked)
    return next(runs, None) is not None and next(runs, None) is not None


def _is_heading_like(line: str) -> bool:
    """A short line without final punctuation standing alone: a title, subheading or picture caption."""
    stripped = line.strip()
    return 0 < len(stripped) <= 80 and len(stripped.split()) <= 12 and not stripped.endswith(_LINE_TERMINAL)


def _segment_blocks(text: str, masked: str, lines: list[Span]) -> Iterator[Span]:
    """Blocks of a run of non-blank lines: one per line when lines are paragraphs, else the whole run."""
    if len(lines) == 1:
        yield lines[0]
        return
    body = lines[:-1]
    ends_sentence = sum(1 for s, e in body if masked[s:e].rstrip().endswith(_LINE_TERMINAL))
    wrapped = all(len(masked[s:e].strip()) <= 100 for s, e in body) and ends_sentence < len(body) / 2
    if not wrapped:
        yield from lines
        return
    group_start = lines[0][0]
    previous_end = lines[0][1]
    for s, e in lines[1:]:
        if _LIST_MARKER.match(text, s):
            yield group_start, previous_end
            group_start = s
        previous_end = e
    yield group_start, previous_end


def _text_blocks(text: str, masked: str) -> Iterator[Span]:
    """Paragraph blocks of a text or markdown document, headings and stand-alone short lines excluded."""
    many = _has_many_paragraphs(masked)
    paragraph: list[Span] = []

    def flush(underline: bool) -> Iterator[Span]:
        """Emit the blocks of the paragraph gathered so far; ``underline``: a setext rule follows it."""
        if not paragraph:
            return
        last = paragraph[-1]
        if underline and _is_heading_like(masked[last[0] : last[1]]):
            paragraph.pop()  # a setext heading ("Title" over "====")
        elif len(paragraph) == 1 and many and _is_heading_like(masked[last[0] : last[1]]):
            paragraph.pop()  # a stand-alone title, subheading or caption
        segment: list[Span] = []
        for s, e in paragraph:
            if _ATX.match(text, s) is not None:
                if segment:
                    yield from _segment_blocks(text, masked, segment)
                segment = []
            else:
                segment.append((s, e))
        if segment:
            yield from _segment_blocks(text, masked, segment)
        paragraph.clear()

    pos = 0
    length = len(masked)
    while pos <= length:
        end = masked.find("\n", pos)
        if end < 0:
            end = length
        if _NON_SPACE.search(masked, pos, end) is None:
            yield from flush(_SETEXT.fullmatch(text, pos, end) is not None)
        else:
            paragraph.append((pos, end))
        pos = end + 1
    yield from flush(False)


def _html_blocks(text: str, masked: str) -> Iterator[Span]:
    """Blocks of an HTML page: text between block-level tags and blank lines; headings left out."""
    separators: list[Span] = [m.span() for m in _HTML_BLOCK_TAG.finditer(text)]
    separators.extend(m.span() for m in _BLANK_RUN.finditer(masked))
    closers: dict[str, _Closer] = {}
    for m in _HTML_HEADING.finditer(text):
        level = m.group("level")
        if level not in closers:
            closers[level] = _Closer(re.compile(rf"</h{level}\s*>", re.I))
        close = closers[level].search(text, m.end())
        separators.append((m.start(), close.end() if close else m.end()))
    pos = 0
    for start, end in _merge(separators, len(text)):
        if start > pos:
            yield pos, start
        pos = max(pos, end)
    if pos < len(text):
        yield pos, len(text)


def blocks(doc: Document) -> list[Span]:
    r"""Return the prose blocks of a document, in text order, as (start, end) offsets into ``doc.text``.

    A block is a paragraph (lines between blank lines; in HTML, text between block-level tags). When the
    lines of a paragraph look like paragraphs themselves (long, or mostly ending a sentence, as in scraped
    one-paragraph-per-line text), each line is a block. Headings, and in documents of three or more
    paragraphs the short stand-alone lines without final punctuation (titles, picture captions), are left
    out. Each block is trimmed of whitespace and masked characters; entirely masked blocks are dropped;
    blocks over :data:`MAX_BLOCK_CHARS` are split at sentence-like boundaries into pieces of at most
    :data:`SPLIT_BLOCK_CHARS` so parsing memory stays bounded. Sentences should never cross a block boundary.

    Args:
        doc: The document.

    Returns:
        Sorted, non-overlapping, non-empty spans.

    Examples:
        >>> doc = document_from_text("# Title\n\nTurkey backs Azerbaijan.\nRussia objects.\n")
        >>> [doc.text[s:e] for s, e in blocks(doc)]
        ['Turkey backs Azerbaijan.', 'Russia objects.']
    """
    text = doc.text
    masked = masked_text(doc)
    raw = _html_blocks(text, masked) if is_html(text, doc.name) else _text_blocks(text, masked)
    result: list[Span] = []
    for start, end in raw:
        trimmed = _trim(masked, start, end)
        if trimmed is None:
            continue
        if trimmed[1] - trimmed[0] > MAX_BLOCK_CHARS:
            result.extend(_split_long(masked, *trimmed))
        else:
            result.append(trimmed)
    return result


# --------------------------------------------------------------------------------------------------
# Building documents

_TITLE_TAG = re.compile(r"<title\b[^>]{0,2000}>(?P<title>[^<]{0,2000})</title\s*>", re.I)
_META_TAG = re.compile(r"<meta\b(?:[^>\"']|\"[^\"]{0,2000}\"|'[^']{0,2000}')*>", re.I)
_TIME_TAG = re.compile(r"<time\b(?:[^>\"']|\"[^\"]{0,2000}\"|'[^']{0,2000}')*>", re.I)
_ATTRIBUTE = re.compile(r"([\w:.-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>\"']+))")
_DATE_META_KEYS = frozenset(
    {
        "article:published_time",
        "og:published_time",
        "datepublished",
        "date",
        "pubdate",
        "publishdate",
        "dc.date",
        "dc.date.issued",
        "dcterms.date",
        "parsely-pub-date",
        "sailthru.date",
    }
)
_TITLE_META_KEYS = frozenset({"og:title", "twitter:title"})


def _attributes(tag: str) -> dict[str, str]:
    return {
        m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or m.group(4) or "")
        for m in _ATTRIBUTE.finditer(tag)
    }


def _html_metadata(text: str) -> tuple[str | None, str | None, str | None]:
    """Title, date and canonical URL of an HTML page, from <title>, <meta> and <time>."""
    head = text[:500_000]
    title = date = url = None
    m = _TITLE_TAG.search(head)
    if m:
        title = " ".join(html.unescape(m.group("title")).split()) or None
    for tag in _META_TAG.finditer(head):
        attrs = _attributes(tag.group(0))
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        content = attrs.get("content", "")
        if date is None and key in _DATE_META_KEYS:
            date = normalise_date(content)
        elif title is None and key in _TITLE_META_KEYS and content.strip():
            title = " ".join(content.split())
        elif url is None and key == "og:url" and content.strip():
            url = content.strip()
    if date is None:
        for tag in _TIME_TAG.finditer(text):
            value = _attributes(tag.group(0)).get("datetime")
            if value and (date := normalise_date(value)):
                break
    return title, date, url


def _first_title(text: str, masked: str, body_start: int) -> str | None:
    atx = _ATX.search(text, body_start)
    if atx >= 0:
        start, end = _line_bounds(text, atx)
        title = " ".join(masked[start:end].split())
        if title:
            return title
    first = _NON_SPACE.search(masked, body_start)
    if first is None:
        return None
    start, end = _line_bounds(masked, first.start())
    line = " ".join(masked[start:end].split())
    if len(line) <= 150 and not line.endswith((".", "!", "?", ",", ";", ":")):
        return line
    return None


def _clean(value: object) -> str | None:
    """A front matter value as one line of text: scalars, dates and short lists only (never a whole tree)."""
    flat = _meta_str(value)
    if flat is None:
        return None
    text = " ".join(flat[:2000].split())
    return text or None


def _build(
    name: str,
    text: str,
    *,
    content_hash: str,
    warnings: list[str],
    date: str | None = None,
) -> Document:
    if is_html(text, name):
        spans = _html_skip_spans(text)
        title, html_date, url = _html_metadata(text)
        return Document(
            name=name,
            text=text,
            title=title,
            date=date or html_date,
            url=url,
            skip_spans=_merge(spans, len(text)),
            content_hash=content_hash,
            warnings=tuple(warnings),
        )
    body_start, front, fm_warnings = _front_matter(text, name)
    warnings.extend(fm_warnings)
    spans = _text_skip_spans(text, body_start)
    if body_start:
        spans.append((0, body_start))
    skip_spans = _merge(spans, len(text))
    front = front or {}
    meta = {
        key: value_str
        for key, value in front.items()
        if key not in ("title", "date", "source", "url") and (value_str := _meta_str(value)) is not None
    }
    front_date = normalise_date(front.get("date")) if front.get("date") is not None else None
    if front.get("date") is not None and front_date is None:
        shown = _meta_str(front.get("date")) or type(front.get("date")).__name__
        warnings.append(f"{name}: front matter date {shown[:40]!r} is not a date; ignored")
    title = _clean(front.get("title"))
    if title is None:
        title = _first_title(text, _mask(text, skip_spans), body_start)
    return Document(
        name=name,
        text=text,
        title=title,
        date=date or front_date or document_date_from_head(text[body_start:]),
        source=_clean(front.get("source")),
        url=_clean(front.get("url")),
        body_start=body_start,
        skip_spans=skip_spans,
        content_hash=content_hash,
        warnings=tuple(warnings),
        meta=meta,
    )


def document_from_text(text: str, name: str = "<text>", date: str | None = None) -> Document:
    r"""Build a document from a string (gold sentences, the Python API), exactly as if read from a file.

    Args:
        text: The text.
        name: The document name used in outputs and messages.
        date: The document date (ISO); overrides any date found in the text.

    Returns:
        The document; ``content_hash`` is the SHA-256 of the UTF-8 encoded text.

    Examples:
        >>> doc = document_from_text("---\ntitle: Talks\ndate: 2020-07-17\n---\nTurkey backs Azerbaijan.\n")
        >>> doc.title, doc.date, doc.text[doc.body_start:]
        ('Talks', '2020-07-17', 'Turkey backs Azerbaijan.\n')
    """
    content_hash = hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()
    return _build(
        name, text, content_hash=content_hash, warnings=[], date=normalise_date(date) if date else None
    )


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


def load_document(path: str | os.PathLike[str], name: str | None = None) -> Document:
    """Read one input file into a document.

    Args:
        path: The file.
        name: The document name (defaults to the file name); see :func:`iter_input_files`.

    Returns:
        The document. ``content_hash`` is the SHA-256 of the file's bytes; a guessed encoding or broken
        front matter adds a message to ``warnings``. An empty file gives a document without blocks.

    Raises:
        InputError: The file cannot be read, is binary, is not a regular file (a FIFO, a device) or is
            larger than :data:`MAX_INPUT_BYTES`.
    """
    file_path = Path(path)
    label = name or file_path.name
    raw = _read_regular_file(file_path)
    text, warnings = _decode(raw, str(file_path), label)
    return _build(label, text, content_hash=hashlib.sha256(raw).hexdigest(), warnings=warnings)


def load_documents(
    paths: Iterable[str | os.PathLike[str]],
    strict: bool = False,
    exclude: Iterable[str | os.PathLike[str]] = (),
) -> Iterator[Document | Skipped]:
    """Read every input file under ``paths`` (see :func:`iter_input_files`), one at a time.

    Args:
        paths: Files and folders.
        strict: Raise on the first unreadable file instead of yielding :class:`Skipped` and going on.
        exclude: Folders never to read (the build's output folder).

    Yields:
        A document per readable file, a ``Skipped`` for each unreadable file, missing path or output folder.

    Raises:
        InputError: Two different files have the same document name (always); with ``strict=True``, any
            unreadable input.
    """
    names = _Names()
    skip = tuple(Path(p) for p in exclude)
    for raw in paths:
        try:
            files = _files_under(raw, skip)
        except InputError as error:
            if strict:
                raise
            yield Skipped(name=str(raw), path=Path(raw), reason=str(error))
            continue
        for file_path, name in files:
            if not names.fresh(name, file_path):
                continue
            try:
                yield load_document(file_path, name)
            except InputError as error:
                if strict:
                    raise
                yield Skipped(name=name, path=file_path, reason=str(error))
