from __future__ import annotations

import os
from pathlib import Path

import pytest

from actorgraph.atomic import atomic_replace_dir, atomic_write_bytes, atomic_write_text, atomic_writer


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.startswith("."))


def test_write_text_creates_parents(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "out.txt"
    atomic_write_text(target, "Türkiye\n")
    assert target.read_text(encoding="utf-8") == "Türkiye\n"
    assert leftovers(target.parent) == []


def test_write_bytes_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    atomic_write_bytes(target, b"old")
    atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"


def test_text_is_written_verbatim(tmp_path: Path) -> None:
    target = tmp_path / "crlf.txt"
    atomic_write_text(target, "a\r\nb\n")
    assert target.read_bytes() == b"a\r\nb\n"


def test_file_mode_is_not_0600(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    atomic_write_text(target, "x")
    assert target.stat().st_mode & 0o044  # readable by group/others as with open() (under a usual umask)


def test_existing_mode_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    os.chmod(target, 0o640)
    atomic_write_text(target, "new")
    assert target.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("error", [RuntimeError("boom"), KeyboardInterrupt()])
def test_writer_failure_keeps_old_file(tmp_path: Path, error: BaseException) -> None:
    target = tmp_path / "graph.ttl"
    target.write_text("old content")
    with pytest.raises(type(error)), atomic_writer(target) as handle:
        handle.write("half a new fil")
        raise error
    assert target.read_text() == "old content"
    assert leftovers(tmp_path) == []


def test_writer_failure_without_old_file(tmp_path: Path) -> None:
    target = tmp_path / "new.txt"
    with pytest.raises(KeyboardInterrupt), atomic_writer(target, "wb") as handle:
        handle.write(b"partial")
        raise KeyboardInterrupt
    assert not target.exists()
    assert leftovers(tmp_path) == []


def test_temp_file_is_hidden_in_same_dir(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    with atomic_writer(target) as handle:
        handle.write("x")
        (temp,) = leftovers(tmp_path)
        assert temp.startswith(".out.txt.") and temp.endswith(".tmp")
        assert not target.exists()
    assert target.exists() and leftovers(tmp_path) == []


def test_bad_mode(tmp_path: Path) -> None:
    with pytest.raises(ValueError), atomic_writer(tmp_path / "x", "a"):
        pass


def test_replace_dir_swaps(tmp_path: Path) -> None:
    target = tmp_path / "store"
    target.mkdir()
    (target / "old").write_text("v1")
    with atomic_replace_dir(target) as new:
        assert new.parent == tmp_path and new.name.startswith(".")
        (new / "new").write_text("v2")
        assert (target / "old").exists()  # the old store stays readable while the new one is built
    assert sorted(p.name for p in target.iterdir()) == ["new"]
    assert leftovers(tmp_path) == []


def test_replace_dir_failure_keeps_old(tmp_path: Path) -> None:
    target = tmp_path / "store"
    target.mkdir()
    (target / "old").write_text("v1")
    with pytest.raises(KeyboardInterrupt), atomic_replace_dir(target) as new:
        (new / "partial").write_text("x")
        raise KeyboardInterrupt
    assert sorted(p.name for p in target.iterdir()) == ["old"]
    assert leftovers(tmp_path) == []


def test_replace_dir_creates(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "store"
    with atomic_replace_dir(target) as new:
        (new / "x").write_text("1")
    assert (target / "x").read_text() == "1"
