from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actorgraph.documents import (
    MAX_BLOCK_CHARS,
    Skipped,
    blocks,
    document_from_text,
    is_html,
    iter_input_files,
    load_document,
    load_documents,
    masked_text,
)
from actorgraph.errors import InputError
from actorgraph.model import Document

HOSTILE = Path(__file__).parent / "hostile" / "inputs"


def block_texts(doc: Document) -> list[str]:
    return [doc.text[s:e] for s, e in blocks(doc)]


def check_invariants(doc: Document) -> None:
    """Offsets contract: masked text as long as the text, only blanks where it differs, blocks in bounds."""
    masked = masked_text(doc)
    assert len(masked) == len(doc.text)
    for original, blanked in zip(doc.text, masked, strict=True):
        if original != blanked:
            assert blanked == " "
    assert all(c == "\n" for o, c in zip(doc.text, masked, strict=True) if o == "\n")
    previous_end = 0
    for start, end in blocks(doc):
        assert previous_end <= start < end <= len(doc.text)
        assert masked[start:end].strip(), "a block is never entirely masked"
        assert not masked[start].isspace() and not masked[end - 1].isspace()
        assert end - start <= MAX_BLOCK_CHARS
        previous_end = end
    for start, end in doc.skip_spans:
        assert 0 <= start < end <= len(doc.text)


def visible(doc: Document) -> str:
    """The words left after masking (for 'does X appear unmasked' checks)."""
    return " ".join(masked_text(doc).split())


# ----------------------------------------------------------------------------- masking


def test_markdown_link_text_kept_and_url_masked() -> None:
    doc = document_from_text('Turkey backs [Azerbaijan](https://example.org/aze "title") firmly.\n')
    check_invariants(doc)
    assert visible(doc) == "Turkey backs Azerbaijan firmly."
    (block,) = blocks(doc)
    assert doc.text[block[0] : block[1]].startswith("Turkey backs [Azerbaijan]")


def test_images_emphasis_code_and_footnotes_masked() -> None:
    text = "![Erdogan and Aliyev](img.png)\n\n**Turkey** _supports_ `Baku` strongly.[4] Really.^1 See [^2].\n"
    doc = document_from_text(text)
    check_invariants(doc)
    assert visible(doc) == "Turkey supports Baku strongly. Really. See ."
    assert "Erdogan" not in visible(doc)


def test_snake_case_and_arithmetic_are_not_emphasis() -> None:
    doc = document_from_text("The file_name field stays.\n")
    assert visible(doc) == "The file_name field stays."


def test_bare_urls_and_emails_masked() -> None:
    doc = document_from_text(
        "See https://example.org/a_(b)?x=1. Or www.example.com, or mail press@mfa.gov.tr.\n"
    )
    check_invariants(doc)
    assert visible(doc) == "See . Or , or mail ."


def test_headings_rules_tables_quotes_lists() -> None:
    text = (
        "# Turkey and Russia #\n\nIntro sentence here.\n\n---\n\n| Country | Position |\n|---|---|\n"
        "| Turkey | supports |\n\n> Quoted words here.\n\n- Turkey supports Azerbaijan.\n- Russia objects.\n"
    )
    doc = document_from_text(text)
    check_invariants(doc)
    masked = masked_text(doc)
    assert "#" not in masked and "|" not in masked and ">" not in masked and "---" not in masked
    texts = block_texts(doc)
    assert "Turkey and Russia #" not in " ".join(texts)  # headings are not blocks
    assert "Intro sentence here." in texts
    assert "Turkey supports Azerbaijan." in texts and "Russia objects." in texts


def test_front_matter_masked_and_read() -> None:
    text = (
        "---\ntitle: Lavrov meets Cavusoglu\ndate: 2020-07-13\nsource: TASS\nurl: https://x.org/a\n"
        "tags: [Russia, Turkey]\nauthor: Jane\n---\nRussia and Turkey held talks.\n"
    )
    doc = document_from_text(text, name="a.md")
    check_invariants(doc)
    assert (doc.title, doc.date, doc.source, doc.url) == (
        "Lavrov meets Cavusoglu",
        "2020-07-13",
        "TASS",
        "https://x.org/a",
    )
    assert doc.meta == {"tags": "Russia, Turkey", "author": "Jane"}
    assert doc.text[doc.body_start :] == "Russia and Turkey held talks.\n"
    assert (0, doc.body_start) == doc.skip_spans[0]
    assert block_texts(doc) == ["Russia and Turkey held talks."]
    assert not doc.warnings


def test_front_matter_string_date() -> None:
    doc = document_from_text("---\ndate: 'August 31, 2020'\n---\nText.\n")
    assert doc.date == "2020-08-31"


def test_date_and_title_from_head_without_front_matter() -> None:
    doc = document_from_text(
        "Russian-Turkish relations\n\n10 m.   |  2020-08-31\n\nIn July 2020, clashes began.\n"
    )
    assert doc.title == "Russian-Turkish relations"
    assert doc.date == "2020-08-31"
    assert "2020-08-31" not in visible(doc)  # the byline is masked


def test_explicit_date_overrides() -> None:
    assert document_from_text("2020-08-31\n\nText.", date="2021-01-02").date == "2021-01-02"


def test_boilerplate_blocks_masked() -> None:
    text = (
        "Turkey supports Azerbaijan.\n\nBy Jane Doe\n\nShare this:\n\nFacebook | Twitter\n\n"
        "## Related posts\n\n- [Russia warns Turkey](https://x.org/a)\n- Iran and Israel\n\n"
        "Photo: Erdogan in Baku (Reuters)\n\n"
        "A Message from The Moscow Times:\nDear readers,\nPlease support our journalism.\nRemind me later.\n"
    )
    doc = document_from_text(text)
    check_invariants(doc)
    assert block_texts(doc) == ["Turkey supports Azerbaijan."]
    for word in ("Jane", "Facebook", "Russia warns", "Iran", "Erdogan", "Moscow", "readers"):
        assert word not in visible(doc)


def test_by_contrast_is_not_a_byline() -> None:
    doc = document_from_text("By contrast, Turkey supports Azerbaijan.\n")
    assert visible(doc) == "By contrast, Turkey supports Azerbaijan."


def test_reference_list_at_end_masked() -> None:
    text = (
        "Turkey will support Azerbaijan.[1]\n\nRussia objected.[2]\n\n"
        "[1] Turkey says it will support Azerbaijan, Nor Marmara, 23.07.2020\n\n[2] Russia objects, TASS\n"
    )
    doc = document_from_text(text)
    check_invariants(doc)
    assert block_texts(doc) == [
        "Turkey will support Azerbaijan.",
        "Russia objected.",
    ]  # trailing markers trimmed
    assert "Nor Marmara" not in visible(doc)


def test_one_sentence_per_line_gives_line_blocks() -> None:
    lines = [
        "On Oct. 14, after almost three weeks of war, Erdogan called his Russian counterpart Vladimir Putin.",
        "After thirty years of conflict Turkey inserted itself as a party on the side of Azerbaijan.",
        "Both Putin and Erdogan spoke in favor of the political process.",
    ]
    doc = document_from_text("\n".join(lines) + "\n")
    assert block_texts(doc) == lines


def test_hard_wrapped_paragraph_is_one_block() -> None:
    text = (
        "Turkey said on Monday that it\nwould continue to support\nAzerbaijan in the conflict.\n\nNext one.\n"
    )
    doc = document_from_text(text)
    assert block_texts(doc) == [
        "Turkey said on Monday that it\nwould continue to support\nAzerbaijan in the conflict.",
        "Next one.",
    ]


def test_single_sentence_without_period_is_a_block() -> None:
    doc = document_from_text("Turkey supports Azerbaijan")
    assert block_texts(doc) == ["Turkey supports Azerbaijan"]


def test_standalone_caption_lines_are_not_blocks() -> None:
    text = (
        "Title of the piece\n\nTurkey supports Azerbaijan in the war.\n\n"
        "The Ministry of Foreign Affairs of Russia building\n\nRussia criticised Turkey.\n"
    )
    doc = document_from_text(text)
    assert block_texts(doc) == ["Turkey supports Azerbaijan in the war.", "Russia criticised Turkey."]


def test_long_block_is_split() -> None:
    sentence = "Turkey supports Azerbaijan and Russia criticised Turkey for it. "
    doc = document_from_text(sentence * 1000)
    check_invariants(doc)
    pieces = blocks(doc)
    assert len(pieces) > 1
    assert all(doc.text[s:e].startswith("Turkey") for s, e in pieces)
    assert all(doc.text[s:e].endswith(".") for s, e in pieces)
    hard = document_from_text("x" * (MAX_BLOCK_CHARS * 2 + 5))
    check_invariants(hard)
    assert sum(e - s for s, e in blocks(hard)) == MAX_BLOCK_CHARS * 2 + 5


def test_crlf_text() -> None:
    doc = document_from_text("# Title\r\n\r\nTurkey backs Baku.\r\nRussia objects.\r\n")
    check_invariants(doc)
    assert block_texts(doc) == ["Turkey backs Baku.", "Russia objects."]


# ----------------------------------------------------------------------------- HTML


def test_html_page() -> None:
    doc = load_document(HOSTILE / "page.html")
    check_invariants(doc)
    assert doc.title == "Ankara & Baku sign pact"
    assert doc.date == "2020-07-17"
    shown = visible(doc)
    for hidden in (
        "alert",
        "Russia threatens",
        "supports Armenia",
        "color",
        "Iran",
        "javascript",
        "Georgia",
        "China",
    ):
        assert hidden not in shown
    texts = [" ".join(masked_text(doc)[s:e].split()) for s, e in blocks(doc)]
    assert texts == [
        "Turkey signed a defence pact with Azerbaijan on Friday.",
        "Russia criticised the agreement. It called for restraint.",
        "Read the full statement here.",
    ]


def test_html_detected_by_content() -> None:
    assert is_html("  <!doctype html><p>x</p>")
    assert is_html("<html><body>x</body></html>", "page")
    assert not is_html("Turkey <b>said</b> so.", "a.txt")


def test_script_in_markdown_masked_even_unclosed() -> None:
    doc = document_from_text("Turkey backs Baku.\n\n<script>alert('Russia attacks')\n\nmore script\n")
    check_invariants(doc)
    assert visible(doc) == "Turkey backs Baku."


# ----------------------------------------------------------------------------- files and encodings


def test_latin1_and_cp1252_decoded_with_warning() -> None:
    latin = load_document(HOSTILE / "latin1.txt")
    assert "français" in latin.text and "Besançon" in latin.text
    assert len(latin.warnings) == 1 and "latin1.txt" in latin.warnings[0] and "latin-1" in latin.warnings[0]
    cp = load_document(HOSTILE / "cp1252.txt")
    assert "Turkey’s" in cp.text and "“we stand with Azerbaijan”" in cp.text
    assert len(cp.warnings) == 1 and "cp1252" in cp.warnings[0]


def test_utf16_bom() -> None:
    doc = load_document(HOSTILE / "utf16_bom.txt")
    assert doc.text.startswith("Russia condemned Turkey’s")
    assert block_texts(doc) == [
        "Russia condemned Turkey’s statements on Nagorno-Karabakh.",
        "Armenia thanked France.",
    ]
    assert any("UTF-16" in w for w in doc.warnings)


def test_utf8_bom_and_content_hash(tmp_path: Path) -> None:
    raw = b"\xef\xbb\xbfTurkey supports Azerbaijan.\n"
    path = tmp_path / "bom.txt"
    path.write_bytes(raw)
    doc = load_document(path)
    assert doc.text == "Turkey supports Azerbaijan.\n"
    assert not doc.warnings
    assert doc.content_hash == hashlib.sha256(raw).hexdigest()
    assert doc.name == "bom.txt"


def test_binary_file_raises() -> None:
    with pytest.raises(InputError, match=r"binary\.txt: binary file, skipped"):
        load_document(HOSTILE / "binary.txt")


def test_binary_without_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(1, 32)) * 50 + b"\xff\xfe\xfd" * 10)
    with pytest.raises(InputError, match="binary file"):
        load_document(path)


def test_missing_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        load_document(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="cannot read"):
        load_document(tmp_path)


def test_empty_file_gives_empty_document() -> None:
    doc = load_document(HOSTILE / "empty.txt")
    assert doc.text == "" and blocks(doc) == [] and masked_text(doc) == ""


def test_only_boilerplate_has_no_blocks() -> None:
    doc = load_document(HOSTILE / "only_boilerplate.md")
    check_invariants(doc)
    assert blocks(doc) == []


@pytest.mark.parametrize("name", ["front_matter_unclosed.md", "front_matter_bad_yaml.md"])
def test_malformed_front_matter_warns_and_keeps_body(name: str) -> None:
    doc = load_document(HOSTILE / name)
    check_invariants(doc)
    (warning,) = doc.warnings
    assert warning.startswith(f"{name}: line ")
    assert re.search(r"line \d+", warning)
    assert block_texts(doc) == [
        "Turkey supports Azerbaijan in the conflict.",
        "Russia called for restraint on both sides.",
    ]
    assert "title" not in visible(doc)


def test_bad_yaml_line_number() -> None:
    doc = load_document(HOSTILE / "front_matter_bad_yaml.md")
    assert "line 5" in doc.warnings[0]


def test_front_matter_not_a_mapping() -> None:
    doc = document_from_text("---\n- a\n- b\n---\nText here.\n", name="x.md")
    assert doc.warnings and "x.md: line 2" in doc.warnings[0]
    assert block_texts(doc) == ["Text here."]


def test_markdown_article_fixture() -> None:
    doc = load_document(HOSTILE / "markdown_article.md")
    check_invariants(doc)
    assert doc.title == "Lavrov and Cavusoglu discuss Karabakh"
    assert doc.date == "2020-07-13"
    assert doc.meta["author"] == "Jane Doe"
    shown = visible(doc)
    assert "Turkish counterpart" in shown and "https" not in shown and "Mevlut" not in shown
    assert "Related" not in shown and "Minsk" not in shown


@pytest.mark.parametrize(
    "path", sorted(p for p in HOSTILE.iterdir() if p.name != "binary.txt"), ids=lambda p: p.name
)
def test_every_hostile_fixture_keeps_the_invariants(path: Path) -> None:
    check_invariants(load_document(path))


def test_nested_brackets_and_long_lines_are_fast() -> None:
    doc = load_document(HOSTILE / "nested_brackets.md")
    check_invariants(doc)
    assert "Iran condemned Israel." in block_texts(doc)
    pathological = document_from_text(
        "<a" * 20000 + "[(" * 20000 + "# " + " " * 20000 + "x\n" + "_*`" * 20000
    )
    check_invariants(pathological)


# ----------------------------------------------------------------------------- finding and loading files


def test_iter_input_files(tmp_path: Path) -> None:
    for rel in [
        "b.txt",
        "a.md",
        "sub/c.html",
        "sub/d",
        "sub/e.pdf",
        ".hidden.txt",
        ".git/f.txt",
        "z.markdown",
        "A.TXT",
    ]:
        path = tmp_path / "in" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    single = tmp_path / "single.txt"
    single.write_text("x")
    found = [
        (p.relative_to(tmp_path).as_posix(), name) for p, name in iter_input_files([tmp_path / "in", single])
    ]
    assert found == [
        ("in/A.TXT", "A.TXT"),
        ("in/a.md", "a.md"),
        ("in/b.txt", "b.txt"),
        ("in/sub/c.html", "sub/c.html"),
        ("in/sub/d", "sub/d"),
        ("in/z.markdown", "z.markdown"),
        ("single.txt", "single.txt"),
    ]
    with pytest.raises(InputError, match="no such file"):
        list(iter_input_files([tmp_path / "missing"]))


def test_load_documents_skips_bad_files_and_continues(tmp_path: Path) -> None:
    results = list(load_documents([HOSTILE, tmp_path / "missing"]))
    skipped = [r for r in results if isinstance(r, Skipped)]
    docs = [r for r in results if isinstance(r, Document)]
    assert [s.name for s in skipped] == ["binary.txt", str(tmp_path / "missing")]
    assert "binary file" in skipped[0].reason and skipped[0].path == HOSTILE / "binary.txt"
    assert len(docs) == len(list(HOSTILE.iterdir())) - 1
    assert [d.name for d in docs] == sorted(d.name for d in docs)
    with pytest.raises(InputError, match="binary"):
        list(load_documents([HOSTILE], strict=True))


# ----------------------------------------------------------------------------- properties and scale

MARKUP = st.sampled_from(
    [
        "# ",
        "## ",
        "**",
        "*",
        "_",
        "`",
        "[",
        "]",
        "(",
        ")",
        "![",
        "](",
        "http://x.org/a ",
        "www.y.com ",
        "<script>",
        "</script>",
        "<p>",
        "</p>",
        "<!--",
        "-->",
        "<b>",
        "---\n",
        "---",
        "\n",
        "\n\n",
        " | ",
        "[1]",
        "^2",
        "> ",
        "- ",
        "1. ",
        "By Jane Doe\n",
        "Related posts\n",
        "A Message from X:\n",
        "\r\n",
        "Turkey supports Azerbaijan. ",
        "Russia ",
        "said ",
        "on July 3, 2020 ",
        "é",
        "“",
        "\t",
        "~~~\n",
        "```\n",
        "title: x\n",
        "a@b.org ",
        "<https://z.org>",
        "\xa0",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(MARKUP, st.text(max_size=8)), max_size=60))
def test_property_masking_keeps_offsets(pieces: list[str]) -> None:
    check_invariants(document_from_text("".join(pieces)))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(MARKUP, st.text(max_size=8)), max_size=40))
def test_property_html_keeps_offsets(pieces: list[str]) -> None:
    check_invariants(document_from_text("<!doctype html>" + "".join(pieces), name="x.html"))


@pytest.mark.slow
def test_50_mb_file_in_bounded_time_and_memory(tmp_path: Path) -> None:
    import resource
    import time

    paragraph = (
        "Turkey supports **Azerbaijan** and [Russia](https://example.org/ru) criticised Turkey for its "
        "statements on the conflict, an official said on July 13, 2020.[4]\n"
        "Armenia thanked France for its position in the OSCE Minsk Group.\n\n"
    )
    path = tmp_path / "big.md"
    path.write_text("# Big\n\n" + paragraph * (50_000_000 // len(paragraph)), encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    doc = load_document(path)
    found = blocks(doc)
    elapsed = time.perf_counter() - started
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert len(doc.text) > 49_000_000
    assert len(found) > 400_000  # two one-line blocks per paragraph
    assert (
        doc.text[found[-1][0] : found[-1][1]]
        == "Armenia thanked France for its position in the OSCE Minsk Group."
    )
    assert elapsed < 120
    assert grown_mb < 1500  # a few copies of the text plus the spans, never per-character objects


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("WASHINGTON (Reuters) - Turkey criticised Greece.", "Turkey"),
        ("KYIV, March 3 (AP) — Ukraine accused Russia.", "Ukraine"),
        ("MOSCOW, Oct. 5, 2020 -- Russia urged Turkey to stop.", "Russia"),
        ("Intro line.\n\nBEIJING (Xinhua) - China and Laos signed a deal.", "China"),
    ],
)
def test_a_news_dateline_is_not_part_of_the_first_sentence(text: str, starts: str) -> None:
    """The city of a dateline is where the news was filed, not an actor of the first sentence."""
    doc = document_from_text(text)
    spans = blocks(doc)
    last = masked_text(doc)[spans[-1][0] : spans[-1][1]]
    assert last.lstrip().startswith(starts)


@pytest.mark.parametrize(
    "text",
    ["NATO — Russia criticised the alliance.", "Prose here,\nWASHINGTON (Reuters) - wrapped mid-paragraph."],
)
def test_capitals_and_a_dash_without_agency_or_date_are_prose(text: str) -> None:
    doc = document_from_text(text)
    assert " ".join(masked_text(doc).split()) == " ".join(text.split())
