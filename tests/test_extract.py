"""Extraction driver: shards, per-document grouping, writers; and, with the real model, whole-pipeline checks.

The fast tests swap :func:`actorgraph.pipeline.extract_blocks` for a regex fake ("X supports Y."), so the
batching, grouping, streaming, shard and writer logic is tested without spaCy.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import actorgraph.pipeline as pipeline
from actorgraph.errors import ActorgraphError, InputError
from actorgraph.extract import (
    TSV_COLUMNS,
    Extractor,
    in_shard,
    parse_shard,
    select_shard,
    write_assertions,
)
from actorgraph.model import CONTRACT_KEYS, Actor, Assertion, Document, RelationType

# ----------------------------------------------------------------------------- shards


@pytest.mark.parametrize(("spec", "expected"), [("1/1", (1, 1)), ("2/4", (2, 4)), (" 4/4 ", (4, 4))])
def test_parse_shard(spec: str, expected: tuple[int, int]) -> None:
    assert parse_shard(spec) == expected


@pytest.mark.parametrize("spec", ["0/3", "4/3", "1/0", "a/b", "1", "1/2/3", "", "-1/2"])
def test_parse_shard_rejects(spec: str) -> None:
    with pytest.raises(ActorgraphError, match="I/N"):
        parse_shard(spec)


def test_shards_partition_the_names_deterministically() -> None:
    names = [f"folder/doc-{i}.md" for i in range(200)]
    parts = [select_shard(names, (i, 4)) for i in range(1, 5)]
    assert sorted(n for part in parts for n in part) == sorted(names)
    assert all(len(part) > 20 for part in parts)  # roughly balanced
    assert parts[0] == select_shard(reversed(names), (1, 4))[::-1]  # independent of input order
    assert select_shard(names, None) == names
    # a stable hash (not Python's salted hash): the same in a fresh interpreter
    code = (
        "from actorgraph.extract import select_shard; "
        "print(select_shard([f'folder/doc-{i}.md' for i in range(200)], (3, 4)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == str(parts[2])
    assert in_shard("x", (1, 1))


# ----------------------------------------------------------------------------- fake pipeline

STATES = {
    "Turkey": "TUR",
    "Azerbaijan": "AZE",
    "Russia": "RUS",
    "Armenia": "ARM",
    "Georgia": "GEO",
    "Iran": "IRN",
}
SUPPORTS = RelationType("supports", "supports", 1, plover="SUPPORT")
PATTERN = re.compile(r"\b([A-Z]\w+) supports ([A-Z]\w+)\.")


@dataclass(frozen=True)
class FakeBlockTask:
    doc: str
    offset: int
    text: str
    original: str
    date: str | None
    index: int = 0


class FakePipeline:
    """Regex stand-in for the spaCy pipeline; records how far it has read ahead of its output."""

    def __init__(self) -> None:
        self.consumed = 0
        self.max_lead = 0
        self.tasks: list[Any] = []

    def extract_blocks(
        self, nlp: object, tasks: Iterable[Any], batch_size: int = 64
    ) -> Iterator[tuple[Any, list]]:  # type: ignore[type-arg]
        emitted = 0
        batch: list[Any] = []
        for task in tasks:
            self.consumed += 1
            self.tasks.append(task)
            batch.append(task)
            if len(batch) == batch_size:
                yield from self._run(batch)
                emitted += len(batch)
                batch = []
            self.max_lead = max(self.max_lead, self.consumed - emitted)
        yield from self._run(batch)

    def _run(self, batch: list[Any]) -> Iterator[tuple[Any, list[Assertion]]]:
        for task in batch:
            found = []
            for m in PATTERN.finditer(task.text):
                subj, obj = m.group(1), m.group(2)
                found.append(
                    Assertion(
                        doc=task.doc,
                        start=task.offset + m.start(),
                        end=task.offset + m.end(),
                        sentence=task.original[m.start() : m.end()],
                        subject=Actor(subj.lower(), "State", subj, state=STATES.get(subj)),
                        relation=SUPPORTS,
                        object=Actor(obj.lower(), "State", obj, state=STATES.get(obj)),
                        date=task.date,
                        subject_state=STATES.get(subj),
                        object_state=STATES.get(obj),
                        trigger="supports",
                        rule="fake",
                    )
                )
            yield task, found


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakePipeline:
    fake_pipeline = FakePipeline()
    monkeypatch.setattr(pipeline, "extract_blocks", fake_pipeline.extract_blocks, raising=False)
    monkeypatch.setattr(pipeline, "build_nlp", lambda *args, **kwargs: object(), raising=False)
    if not hasattr(pipeline, "BlockTask"):
        monkeypatch.setattr(pipeline, "BlockTask", FakeBlockTask, raising=False)
    return fake_pipeline


def doc(name: str, text: str, date: str | None = None) -> Document:
    from actorgraph.documents import document_from_text

    return document_from_text(text, name=name, date=date)


def test_construction_is_cheap_and_does_not_import_spacy() -> None:
    code = (
        "import sys; from actorgraph.extract import Extractor; e = Extractor(batch_size=3); "
        "assert not e.loaded; assert 'spacy' not in sys.modules, 'spacy imported'; print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "ok", out.stderr


def test_default_models_match_the_pipeline() -> None:
    from actorgraph.extract import DEFAULT_MODELS

    assert DEFAULT_MODELS == pipeline.DEFAULT_MODELS


def test_documents_come_back_grouped_and_in_order(fake: FakePipeline) -> None:
    docs = [
        doc("a.md", "Turkey supports Azerbaijan.\n\nRussia supports Armenia.\n"),
        doc("empty.txt", ""),  # no blocks at all
        doc("b.md", "# Heading\n\nNothing here.\n", date="2020-07-17"),
        doc("c.md", "Iran supports Armenia. Turkey supports Georgia.\n"),
        doc("empty2.txt", "   \n"),
    ]
    out = list(Extractor(batch_size=2).extract_documents(docs))
    assert [d.name for d, _ in out] == ["a.md", "empty.txt", "b.md", "c.md", "empty2.txt"]
    got = {d.name: [(a.subject_state, a.object_state) for a in found] for d, found in out}
    assert got == {
        "a.md": [("TUR", "AZE"), ("RUS", "ARM")],
        "empty.txt": [],
        "b.md": [],
        "c.md": [("IRN", "ARM"), ("TUR", "GEO")],
        "empty2.txt": [],
    }
    for d, found in out:  # offsets refer to the document text
        assert all(d.text[a.start : a.end] == a.sentence for a in found)
    assert {t.doc for t in fake.tasks if t.date} == {"b.md"}


def test_extraction_streams(fake: FakePipeline) -> None:
    """The input is read lazily: a few batches ahead of the output, never the whole corpus."""
    produced = 0

    def docs() -> Iterator[Document]:
        nonlocal produced
        for i in range(500):
            produced += 1
            yield doc(f"{i}.md", "Turkey supports Azerbaijan.\n")

    extractor = Extractor(batch_size=8)
    first = next(iter(extractor.extract_documents(docs())))
    assert first[0].name == "0.md"
    assert produced <= 16
    assert fake.max_lead <= 8


def test_extract_text(fake: FakePipeline) -> None:
    found = Extractor().extract_text("Turkey supports Azerbaijan.", name="probe", date="2020-07-17")
    assert [(a.doc, a.subject_state, a.relation.name, a.object_state, a.date) for a in found] == [
        ("probe", "TUR", "supports", "AZE", "2020-07-17")
    ]


def _write_corpus(folder: Path) -> Path:
    folder.mkdir()
    (folder / "a.md").write_text("---\ntitle: A\ndate: 2020-07-17\n---\n\nTurkey supports Azerbaijan.\n")
    (folder / "b.txt").write_text("Russia supports Armenia.\n\nIran supports Armenia.\n")
    (folder / "c.md").write_text("Nothing of note.\n")
    (folder / "d.md").write_text("Turkey supports Georgia. Iran supports Russia.\n")
    return folder


def test_write_assertions_jsonl_to_a_file(fake: FakePipeline, tmp_path: Path) -> None:
    corpus = _write_corpus(tmp_path / "corpus")
    out = tmp_path / "out" / "assertions.jsonl"
    summary = write_assertions(Extractor(), [corpus], output=out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert (summary.documents, summary.assertions, summary.skipped) == (4, 5, [])
    records = [json.loads(line) for line in lines]
    assert len(records) == 5
    assert tuple(records[0])[: len(CONTRACT_KEYS)] == CONTRACT_KEYS
    first = records[0]
    assert first["doc"] == "a.md" and first["date"] == "2020-07-17"
    assert (corpus / "a.md").read_text()[first["start"] : first["end"]] == first["sentence"]
    assert [p.name for p in out.parent.iterdir()] == ["assertions.jsonl"]  # no temporary file left


def test_write_assertions_keeps_the_old_output_when_extraction_fails(
    fake: FakePipeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _write_corpus(tmp_path / "corpus")
    out = tmp_path / "assertions.jsonl"
    out.write_text("previous\n", encoding="utf-8")

    def broken(*args: object, **kwargs: object) -> Iterator[object]:
        yield from fake.extract_blocks(*args, **kwargs)  # type: ignore[arg-type]
        raise RuntimeError("killed")

    monkeypatch.setattr(pipeline, "extract_blocks", broken)
    with pytest.raises(RuntimeError, match="killed"):
        write_assertions(Extractor(), [corpus], output=out)
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_write_assertions_tsv(fake: FakePipeline, tmp_path: Path) -> None:
    import io

    (tmp_path / "x.md").write_text("Turkey supports\tAzerbaijan. Turkey supports Georgia.\n")
    stream = io.StringIO()
    summary = write_assertions(Extractor(), [tmp_path / "x.md"], fmt="tsv", stream=stream)
    rows = [line.split("\t") for line in stream.getvalue().splitlines()]
    assert rows[0] == list(TSV_COLUMNS)
    # the tab inside the first sentence is read as a space, and written as one in its TSV cell
    assert rows[1][3:6] == ["Turkey", "supports", "Azerbaijan"] and "Turkey supports Azerbaijan." in rows[1]
    assert rows[2] == [
        "x.md",
        "28",
        "52",
        "Turkey",
        "supports",
        "Georgia",
        "false",
        "false",
        "",
        "0.900",
        "",
        "Turkey supports Georgia.",
    ]
    assert summary.assertions == 2
    from actorgraph.extract import _tsv_cell

    assert _tsv_cell("a\tb\nc") == "a b c" and _tsv_cell('say "no"') == 'say "no"'
    with pytest.raises(ActorgraphError, match="unknown output format"):
        write_assertions(Extractor(), [tmp_path / "x.md"], fmt="xml", stream=stream)


def test_write_assertions_to_stdout(
    fake: FakePipeline, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "x.md").write_text("Turkey supports Azerbaijan.\n")
    write_assertions(Extractor(), [tmp_path / "x.md"])
    [line] = capsys.readouterr().out.splitlines()
    assert json.loads(line)["object"]["state"] == "AZE"


def test_binary_file_is_skipped_with_a_reason(fake: FakePipeline, tmp_path: Path) -> None:
    corpus = _write_corpus(tmp_path / "corpus")
    (corpus / "image.txt").write_bytes(bytes(range(256)) * 40)
    out = tmp_path / "out.jsonl"
    summary = write_assertions(Extractor(), [corpus], output=out)
    assert [s.name for s in summary.skipped] == ["image.txt"]
    assert summary.skipped[0].reason
    assert summary.documents == 4 and len(out.read_text().splitlines()) == 5
    with pytest.raises(InputError):
        write_assertions(Extractor(), [corpus], output=out, strict=True)


def test_shards_concatenate_to_the_full_run(fake: FakePipeline, tmp_path: Path) -> None:
    corpus = _write_corpus(tmp_path / "corpus")
    full = tmp_path / "full.jsonl"
    write_assertions(Extractor(), [corpus], output=full)
    pieces: list[str] = []
    documents = 0
    for i in (1, 2, 3):
        part = tmp_path / f"part{i}.jsonl"
        documents += write_assertions(Extractor(), [corpus], output=part, shard=(i, 3)).documents
        pieces.extend(part.read_text(encoding="utf-8").splitlines())
    assert documents == 4
    assert sorted(pieces) == sorted(full.read_text(encoding="utf-8").splitlines())


def test_extractor_pickles_its_settings_only(fake: FakePipeline, tmp_path: Path) -> None:
    import pickle

    actors = tmp_path / "x.tsv"
    actors.write_text("id\ttype\tlabels\tstate\nwakanda\tState\tWakanda\tWAK\n", encoding="utf-8")
    extractor = Extractor(model="en_core_web_sm", actors_files=[actors], batch_size=7)
    _ = extractor.nlp
    clone = pickle.loads(pickle.dumps(extractor))
    assert (clone.model, clone.actors_files, clone.batch_size, clone.loaded) == (
        "en_core_web_sm",
        (actors,),
        7,
        False,
    )


# ----------------------------------------------------------------------------- the real model


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    ext = Extractor()
    _ = ext.nlp
    return ext


def _triples(assertions: list[Assertion]) -> list[tuple[Any, ...]]:
    return [
        (a.subject_state or a.subject.id, a.relation.name, a.object_state or a.object.id, a.negated, a.means)
        for a in assertions
    ]


@pytest.mark.model
def test_turkey_supports_azerbaijan(extractor: Extractor) -> None:
    found = extractor.extract_text("Turkey supports Azerbaijan.", date="2020-07-17")
    assert _triples(found) == [("TUR", "supports", "AZE", False, None)]
    [a] = found
    assert (a.start, a.end, a.sentence, a.hedged, a.mood) == (
        0,
        27,
        "Turkey supports Azerbaijan.",
        False,
        "asserted",
    )
    assert a.subject.iri == "https://w3id.org/actorgraph/actor/turkey"


@pytest.mark.model
def test_pressures_with_means(extractor: Extractor) -> None:
    found = extractor.extract_text("Russia pressures Turkey via Idlib strikes.")
    assert [t[:4] for t in _triples(found)] == [("RUS", "pressures", "TUR", False)]
    assert found[0].means is not None and "Idlib strikes" in found[0].means


@pytest.mark.model
def test_negation_is_kept_as_negated(extractor: Extractor) -> None:
    found = extractor.extract_text("Russia did not support Armenia.")
    assert found and all(a.negated for a in found)


@pytest.mark.model
def test_model_version_key_is_stable(extractor: Extractor) -> None:
    other = Extractor()
    assert other.version_key == extractor.version_key and len(other.version_key) == 40
    assert other.model_name == extractor.model_name and other.model_version
    assert not other.loaded  # the key needs no model load
    code = (
        "import sys; from actorgraph.extract import Extractor; e = Extractor(); k = e.version_key; "
        "assert 'spacy' not in sys.modules, 'spacy imported'; print(k)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == extractor.version_key, out.stderr


def test_code_fingerprint_reads_every_module_of_the_reading_code() -> None:
    """The cache key hashes files that exist, including each module of documents/ and pipeline/."""
    from actorgraph.extract import _code_files

    files = _code_files()
    package = Path(__file__).resolve().parents[1] / "src" / "actorgraph"
    assert all(path.is_file() for path in files), [str(p) for p in files if not p.is_file()]
    hashed = {path.resolve() for path in files}
    for folder in ("documents", "pipeline"):
        modules = set((package / folder).rglob("*.py"))
        assert modules and {p.resolve() for p in modules} <= hashed


def test_code_fingerprint_follows_every_import_of_the_reading_code() -> None:
    """Every actorgraph module the reading code imports at module level, however indirectly, is hashed.

    A module left out (as ``discourse.py`` once was) would let a cached build keep the old reading's
    assertions after an upgrade that changed it.
    """
    import ast

    from actorgraph.extract import _code_files

    package = Path(__file__).resolve().parents[1] / "src" / "actorgraph"
    hashed = {path.resolve() for path in _code_files()}
    todo = [p.resolve() for folder in ("documents", "pipeline") for p in (package / folder).rglob("*.py")]
    todo.remove((package / "pipeline" / "training.py").resolve())  # reads gold files for `make train`
    seen: set[Path] = set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for node in ast.parse(path.read_text(encoding="utf-8")).body:  # module level: what a reading runs
            if not isinstance(node, ast.ImportFrom) or not node.level:
                continue
            base = path.parent
            for _ in range(node.level - 1):
                base = base.parent
            parts = (node.module or "").split(".") if node.module else []
            target = base.joinpath(*parts)
            names = [target / f"{alias.name}.py" for alias in node.names] if not parts else []
            for candidate in [target.with_suffix(".py"), target / "__init__.py", *names]:
                if candidate.is_file() and candidate.resolve().is_relative_to(package):
                    todo.append(candidate.resolve())
    missing = sorted(str(p.relative_to(package)) for p in seen - hashed)
    assert not missing, ", ".join(missing)


TINY_DOCS = {
    "one.md": "---\ndate: 2020-07-17\n---\n\nTurkey supports Azerbaijan. Russia criticised Turkey.\n",
    "two.txt": "Armenia and Azerbaijan clashed on the border.\n\nIran urged both sides to show restraint.\n",
    "three.md": "China threatened Taiwan.\n\nThe United States sanctioned Russia.\n",
    "four.md": "Nothing of importance was said.\n",
}


@pytest.mark.model
def test_real_shards_concatenate_to_the_full_run(extractor: Extractor, tmp_path: Path) -> None:
    corpus = tmp_path / "docs"
    corpus.mkdir()
    for name, text in TINY_DOCS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    full = tmp_path / "full.jsonl"
    write_assertions(extractor, [corpus], output=full)
    pieces = []
    for i in (1, 2):
        part = tmp_path / f"part{i}.jsonl"
        write_assertions(extractor, [corpus], output=part, shard=(i, 2))
        pieces += part.read_text(encoding="utf-8").splitlines()
    expected = full.read_text(encoding="utf-8").splitlines()
    assert expected, "the tiny documents should give some assertions"
    assert sorted(pieces) == sorted(expected)


@pytest.mark.model
def test_two_workers_give_the_single_process_output(extractor: Extractor, tmp_path: Path) -> None:
    docs = [doc(f"{i}-{name}", text) for i in range(6) for name, text in TINY_DOCS.items()]
    single = [(d.name, [a.to_json() for a in found]) for d, found in extractor.extract_documents(docs)]
    parallel = [
        (d.name, [a.to_json() for a in found]) for d, found in Extractor().extract_documents(docs, workers=2)
    ]
    assert parallel == single


@pytest.mark.model
def test_nquads_of_shards_concatenate_into_the_graph_of_one_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 6: shard outputs (N-Quads) concatenate into the same graph as a single run."""
    from click.testing import CliRunner

    from actorgraph.cli import cli

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    docs = tmp_path / "docs"
    docs.mkdir()
    texts = [
        "Turkey supports Azerbaijan.",
        "Russia pressures Turkey via Idlib strikes.",
        "Armenia accused Azerbaijan of shelling Tavush.",
        "France and Germany signed a defence agreement.",
        "Iran condemned Israel.",
    ]
    for i, text in enumerate(texts):
        (docs / f"d{i}.txt").write_text(text + "\n", encoding="utf-8")
    runner = CliRunner()
    whole = tmp_path / "all.nq"
    assert runner.invoke(cli, ["extract", str(docs), "--format", "nq", "-o", str(whole)]).exit_code == 0
    lines: set[str] = set()
    for i in (1, 2, 3):
        part = tmp_path / f"s{i}.nq"
        result = runner.invoke(
            cli, ["extract", str(docs), "--format", "nq", "--shard", f"{i}/3", "-o", str(part)]
        )
        assert result.exit_code == 0, result.output
        lines |= set(part.read_text(encoding="utf-8").splitlines())
    expected = set(whole.read_text(encoding="utf-8").splitlines())
    assert expected and lines == expected
