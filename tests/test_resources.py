from __future__ import annotations

from pathlib import Path

import pytest

from actorgraph import resources
from actorgraph.errors import OntologyNotFoundError


def test_source_checkout_finds_top_level_ontology(repo_root: Path) -> None:
    assert resources.ontology_dir() in {repo_root / "ontology", resources.ontology_dir()}
    assert (resources.ontology_dir() / "actorgraph.ttl").is_file()


def test_explicit_argument_wins(tmp_path: Path) -> None:
    (tmp_path / "actorgraph.ttl").write_text("", encoding="utf-8")
    assert resources.ontology_dir(tmp_path) == tmp_path


def test_env_var_is_tried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "actorgraph.ttl").write_text("", encoding="utf-8")
    monkeypatch.setenv(resources.ENV_VAR, str(tmp_path))
    assert resources.ontology_dir() == tmp_path


def test_missing_everywhere_lists_every_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(resources.ENV_VAR, str(tmp_path / "nope-env"))
    monkeypatch.setattr(resources, "__file__", str(tmp_path / "a" / "b" / "c" / "resources.py"))
    monkeypatch.setattr(resources.resources, "files", lambda _pkg: tmp_path / "no-wheel")
    with pytest.raises(OntologyNotFoundError) as info:
        resources.ontology_dir(tmp_path / "nope-arg")
    message = str(info.value)
    for part in ("nope-arg", "nope-env", "no-wheel"):
        assert part in message


def test_data_files_are_where_the_helpers_say() -> None:
    assert resources.queries_dir().name == "queries"
    assert resources.gazetteer_dir().name == "gazetteer"
    assert resources.shapes_path().name == "shapes.ttl"
    assert resources.lexicon_path().name == "lexicon.tsv"
