"""The per-document extraction cache: hits, misses, pruning, damaged entries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from actorgraph.cache import ExtractionCache, content_hash
from actorgraph.model import Actor, Assertion, Document, RelationType

TURKEY = Actor("turkey", "State", "Turkey", state="TUR")
AZERBAIJAN = Actor("azerbaijan", "State", "Azerbaijan", state="AZE")
NATO = Actor("nato", "InternationalOrganization", "NATO")
SUPPORTS = RelationType("supports", "supports", 1, plover="SUPPORT")


def make_doc(name: str = "a.md", text: str = "Turkey supports Azerbaijan.", **meta: str) -> Document:
    return Document(name=name, text=text, content_hash=f"hash-of-{text}", **meta)  # type: ignore[arg-type]


def make_assertion(doc: Document, obj: Actor = AZERBAIJAN, negated: bool = False) -> Assertion:
    return Assertion(
        doc=doc.name,
        start=0,
        end=len(doc.text),
        sentence=doc.text,
        subject=TURKEY,
        relation=SUPPORTS,
        object=obj,
        negated=negated,
        date="2020-07-17",
        subject_state="TUR",
        object_state=obj.state,
        trigger="supports",
        rule="svo",
    )


@pytest.fixture
def cache(tmp_path: Path) -> ExtractionCache:
    return ExtractionCache(tmp_path / ".cache", "version-1")


def test_put_then_get_round_trips_the_contract(cache: ExtractionCache) -> None:
    doc = make_doc()
    stored = [make_assertion(doc), make_assertion(doc, NATO, negated=True)]
    assert cache.get(doc) is None
    cache.put(doc, stored)
    got = cache.get(doc)
    assert got is not None
    assert [a.to_json() for a in got] == [a.to_json() for a in stored]
    assert doc in cache
    assert len(cache) == 1


def test_empty_result_is_a_hit_not_a_miss(cache: ExtractionCache) -> None:
    doc = make_doc(text="Nothing happens here.")
    cache.put(doc, [])
    assert cache.get(doc) == []


def test_header_keeps_the_document_metadata(cache: ExtractionCache) -> None:
    doc = make_doc(title="Talks", date="2020-07-17", source="Example News", url="https://example.org/a")
    cache.put(doc, [make_assertion(doc)])
    [(meta, assertions)] = list(cache.entries())
    assert meta == {
        "name": "a.md",
        "title": "Talks",
        "date": "2020-07-17",
        "source": "Example News",
        "url": "https://example.org/a",
        "content_hash": doc.content_hash,
    }
    assert len(assertions) == 1
    header = json.loads(cache.path_for(doc).read_text(encoding="utf-8").splitlines()[0])
    assert header["document"]["name"] == "a.md" and header["count"] == 1


def test_other_version_key_misses(tmp_path: Path) -> None:
    doc = make_doc()
    ExtractionCache(tmp_path, "version-1").put(doc, [make_assertion(doc)])
    assert ExtractionCache(tmp_path, "version-2").get(doc) is None
    assert ExtractionCache(tmp_path, "version-1").get(doc) is not None


def test_changed_content_misses_and_replaces_the_old_entry(cache: ExtractionCache) -> None:
    old = make_doc(text="Turkey supports Azerbaijan.")
    new = make_doc(text="Turkey supports NATO.")
    cache.put(old, [make_assertion(old)])
    assert cache.get(new) is None
    cache.put(new, [make_assertion(new, NATO)])
    assert cache.get(old) is None  # superseded: the file was replaced
    assert len(cache) == 1


def test_content_hash_falls_back_to_the_text() -> None:
    assert content_hash(Document("a", "x")) == content_hash(Document("b", "x"))
    assert content_hash(Document("a", "x")) != content_hash(Document("a", "y"))


def test_prune_by_name_and_by_content_hash(tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path, "v1")
    docs = [make_doc(f"{i}.md", f"Text {i}.") for i in range(4)]
    for doc in docs:
        cache.put(doc, [])
    ExtractionCache(tmp_path, "v0").put(docs[0], [])  # an older extractor version
    removed = cache.prune({docs[0].name, docs[1].content_hash})
    assert removed == 3  # docs 2 and 3, and the v0 entry
    assert cache.get(docs[0]) == [] and cache.get(docs[1]) == []
    assert cache.get(docs[2]) is None and cache.get(docs[3]) is None
    assert [p.name for p in tmp_path.iterdir()] == [cache.version_dir.name]


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # killed mid-write without the atomic rename
        lambda text: "not json\n" + text,
        lambda text: text + '{"doc": "extra line"}\n',  # count no longer matches
        lambda text: "",
        lambda text: text.replace('"subject"', '"subjekt"', 1),  # an assertion that no longer parses
    ],
    ids=["truncated", "garbage-header", "count-mismatch", "empty", "broken-assertion"],
)
def test_damaged_entry_is_a_miss_and_removed(cache: ExtractionCache, damage) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc()
    cache.put(doc, [make_assertion(doc), make_assertion(doc, NATO)])
    path = cache.path_for(doc)
    path.write_text(damage(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert cache.get(doc) is None
    assert not path.exists()
    cache.put(doc, [make_assertion(doc)])  # and the next build simply stores it again
    assert cache.get(doc) is not None


def test_entry_of_another_document_with_same_file_is_not_served(cache: ExtractionCache) -> None:
    doc = make_doc()
    cache.put(doc, [make_assertion(doc)])
    path = cache.path_for(doc)
    lines = path.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    header["document"]["name"] = "someone-else.md"
    path.write_text("\n".join([json.dumps(header), *lines[1:]]) + "\n", encoding="utf-8")
    assert cache.get(doc) is None


def test_writes_leave_no_temporary_files_and_record_mtimes(cache: ExtractionCache) -> None:
    for i in range(3):
        doc = make_doc(f"{i}.md", f"Text {i}.")
        cache.put(doc, [make_assertion(doc)])
    names = [p.name for p in cache.version_dir.iterdir()]
    assert len(names) == 3 and all(n.endswith(".jsonl") and not n.startswith(".") for n in names)
    assert len(cache.mtimes()) == 3


def test_prune_removes_stale_temporary_files(cache: ExtractionCache) -> None:
    doc = make_doc()
    cache.put(doc, [])
    (cache.version_dir / ".x.jsonl.abc.tmp").write_text("partial", encoding="utf-8")
    cache.prune({doc.name})
    assert [p.name for p in cache.version_dir.iterdir()] == [cache.path_for(doc).name]
