"""The JSONL extraction contract: every line `actorgraph extract` writes validates against the repo schema."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from actorgraph.model import CONTRACT_KEYS, Actor, Assertion, RelationType

jsonschema = pytest.importorskip("jsonschema")

REPO = Path(__file__).resolve().parents[1]
SCHEMA_PATH = REPO / "schemas" / "assertion.schema.json"

SMALL_CORPUS = {
    "a.md": "---\ntitle: Border clashes\ndate: 2020-07-17\n---\n\n# Clashes\n\n"
    "Turkey supports Azerbaijan. Armenia and Azerbaijan clashed on the border.\n\n"
    "Russia did not support Armenia, the [ministry](https://example.org) said.[1]\n",
    "b.txt": "Beijing warned Taipei on Monday. India may sanction Pakistan.\n",
}


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def _sample() -> dict[str, Any]:
    return Assertion(
        doc="a.md",
        start=10,
        end=37,
        sentence="Turkey supports Azerbaijan.",
        subject=Actor("turkey", "State", "Turkey", state="TUR"),
        relation=RelationType("supports", "supports", 1, plover="SUPPORT"),
        object=Actor("azerbaijan", "State", "Azerbaijan", state="AZE"),
        date="2020-07-17",
        means="militia attacks",
        reported_by=Actor("sergey-lavrov", "Person", "Sergey Lavrov", state="RUS"),
        trigger="supports",
        rule="svo",
    ).to_json()


def test_schema_accepts_the_contract_example(validator: Any) -> None:
    validator.validate(_sample())
    minimal = {k: v for k, v in _sample().items() if k not in {"mood", "reported_by", "trigger", "rule"}}
    validator.validate(minimal)
    org = copy.deepcopy(minimal)
    org["object"] = {
        "id": "https://w3id.org/actorgraph/actor/nato",
        "label": "NATO",
        "type": "InternationalOrganization",
        "state": None,
    }
    org["date"] = "2020-07"
    org["relation"]["plover"] = None
    validator.validate(org)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("start",), "10"),
        (("negated",), "false"),
        (("confidence",), 1.5),
        (("date",), "17 July 2020"),
        (("subject", "state"), "TR"),
        (("subject", "type"), "Country"),
        (("subject", "id"), "turkey"),
        (("relation", "polarity"), 2),
        (("relation", "id"), "supports"),
        (("mood",), "maybe"),
        (("extra",), 1),
        (("subject", "extra"), 1),
    ],
)
def test_schema_rejects_wrong_types_and_unknown_keys(
    validator: Any, path: tuple[str, ...], value: Any
) -> None:
    data = _sample()
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert not validator.is_valid(data)


@pytest.mark.parametrize(
    "key",
    CONTRACT_KEYS,
)
def test_schema_requires_every_contract_key(validator: Any, key: str) -> None:
    data = _sample()
    del data[key]
    assert not validator.is_valid(data)


def _corpus(tmp_path: Path) -> Path:
    corpus = REPO / "corpus"
    if corpus.is_dir() and any(corpus.iterdir()):
        return corpus
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in SMALL_CORPUS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.model
def test_extract_cli_output_validates_against_the_schema(validator: Any, tmp_path: Path) -> None:
    from actorgraph.cli import cli
    from actorgraph.documents import iter_input_files, load_document

    corpus = _corpus(tmp_path)
    result = CliRunner().invoke(cli, ["extract", str(corpus), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert lines, "the corpus should yield assertions"
    texts = {name: load_document(path, name).text for path, name in iter_input_files([corpus])}
    for number, line in enumerate(lines, 1):
        data = json.loads(line)
        errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
        assert not errors, f"line {number}: {[e.message for e in errors]}\n{line}"
        assert data["doc"] in texts
        assert texts[data["doc"]][data["start"] : data["end"]] == data["sentence"], f"line {number}: offsets"


@pytest.mark.model
def test_extract_cli_writes_a_file_and_tsv(tmp_path: Path) -> None:
    from actorgraph.cli import cli

    folder = tmp_path / "small"
    folder.mkdir()
    for name, text in SMALL_CORPUS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "blob.txt").write_bytes(bytes(range(256)) * 20)
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["extract", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "warning: skipped blob.txt" in result.stderr
    assert out.read_text(encoding="utf-8").count("\n") >= 1
    tsv = CliRunner().invoke(cli, ["extract", str(folder / "a.md"), "--format", "tsv", "--shard", "1/1"])
    assert tsv.exit_code == 0 and tsv.stdout.startswith("doc\tstart\tend\tsubject\trelation")
    bad = CliRunner().invoke(cli, ["extract", str(folder / "a.md"), "--shard", "3/2"])
    assert bad.exit_code == 1 and "invalid shard" in bad.stderr
