"""File bytes to text: byte order marks, UTF-16 without one, damaged UTF-8 lines, legacy encodings, binary."""

from __future__ import annotations

import codecs
import re

from ..errors import InputError

_SAMPLE_BYTES = 65_536
_BINARY_RATIO = 0.10

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
