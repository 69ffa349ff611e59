"""The wheel carries the ontology, gazetteer, lexicon and query library, and never the corpus."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest


@pytest.mark.slow
def test_wheel_contains_ontology_and_not_corpus(repo_root: Path, tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(tmp_path),
            str(repo_root),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("actorgraph-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "actorgraph/_data/ontology/actorgraph.ttl" in names
    assert "actorgraph/_data/ontology/shapes.ttl" in names
    assert any(n.startswith("actorgraph/_data/ontology/queries/") and n.endswith(".rq") for n in names)
    assert any(n.startswith("actorgraph/_data/ontology/gazetteer/") for n in names)
    assert "actorgraph/_data/ontology/lexicon.tsv" in names
    assert "actorgraph/py.typed" in names
    assert {
        "actorgraph/assets/view.js",
        "actorgraph/assets/view.css",
        "actorgraph/assets/view-errors.js",
    } <= set(names)  # the HTML view's script and style
    assert not any(n.startswith("corpus/") or "/corpus/" in n for n in names)


@pytest.mark.slow
def test_installed_wheel_finds_its_ontology(repo_root: Path, tmp_path: Path) -> None:
    """A wheel installed into a clean target folder finds the ontology inside itself (step 3)."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(tmp_path / "dist"),
            str(repo_root),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("actorgraph-*.whl")
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    code = "import actorgraph.resources as r; print(r.ontology_dir())"
    out = subprocess.run(
        [sys.executable, "-c", code],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
    ).stdout.strip()
    assert out.startswith(str(target)), out
