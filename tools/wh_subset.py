"""The fixed real-world subset the view tests and README pictures are built from: 300 White House readouts.

``../shared/realworld/wh-statements/`` holds 5,521 statements and releases; its readouts of calls and meetings
with foreign leaders are the densest in relations between states. The subset takes 300 of the files whose
name contains ``readout``, evenly spaced in name order (file ``i * n // 300`` of the ``n`` readouts, from
the first): fixed, spread over 2021-2025 like the readouts themselves, and the same on every machine.

    python tools/wh_subset.py wh300/          # a folder of links to the 300 files (for actorgraph build)
    python tools/wh_subset.py --list          # their paths
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COUNT = 300


def shared_dir() -> Path:
    """``$ACTORGRAPH_SHARED``, else the ``shared`` folder beside the checkout."""
    return Path(os.environ.get("ACTORGRAPH_SHARED") or ROOT.parent / "shared")


def wh_readouts(shared: Path | None = None, count: int = COUNT) -> list[Path]:
    """``count`` readouts of ``wh-statements``, evenly spaced in name order (so in date order)."""
    folder = (shared or shared_dir()) / "realworld" / "wh-statements"
    names = sorted(p.name for p in folder.iterdir() if p.suffix == ".md" and "readout" in p.name)
    if len(names) < count:
        raise SystemExit(f"{folder}: only {len(names)} readouts for a subset of {count}")
    return [folder / names[i * len(names) // count] for i in range(count)]


def link_subset(target: Path, files: list[Path]) -> Path:
    """Make ``target`` a folder of symbolic links to ``files`` (replacing links already there)."""
    target.mkdir(parents=True, exist_ok=True)
    for path in files:
        link = target / path.name
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(path.resolve())
    return target


def main(argv: list[str]) -> int:
    if argv == ["--list"]:
        print("\n".join(str(p) for p in wh_readouts()))
        return 0
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    folder = link_subset(Path(argv[0]), wh_readouts())
    print(f"linked {COUNT} readouts into {folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
