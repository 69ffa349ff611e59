"""Regenerate the expected graph files under tests/data/expected/ (`make golden`).

The tests build the tiny fixture graph (tests/data/tiny_assertions.jsonl with the documents and static
gazetteer of tests/data/tiny_fixture.py) and compare it with these files using rdflib.compare.isomorphic,
so run this on purpose after an intended change to the graph shape, and review the diff.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"
EXPECTED = DATA / "expected"


def main() -> int:
    sys.path.insert(0, str(DATA))
    from actorgraph.graph import write_graph
    from tiny_fixture import build_tiny_dataset

    dataset = build_tiny_dataset()
    for name, fmt in (("tiny.ttl", "turtle"), ("tiny.trig", "trig")):
        path = write_graph(dataset, EXPECTED / name, fmt)
        print(f"wrote {path.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
