"""Copy the relation classifier trained by `make train` into the package, then score both paths.

    python tools/ship_classifier.py training/output/model-best

The weights go to src/actorgraph/_models/actorgraph_relation_classifier/ (cfg + model), where the pipeline
factory loads them. The scores printed are `actorgraph evaluate --compare` on the real-prose dev and test
splits and on the older gold files: make train reproduces the shipped weights' scores when they match.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from actorgraph.pipeline.classifier import CLASSIFIER, shipped_classifier_dir


def main() -> None:
    best = Path(sys.argv[1] if len(sys.argv) > 1 else "training/output/model-best") / CLASSIFIER
    if not (best / "model").is_file():
        sys.exit(f"no trained classifier in {best}: run `make train` first")
    target = shipped_classifier_dir()
    target.mkdir(parents=True, exist_ok=True)
    for name in ("cfg", "model"):
        shutil.copyfile(best / name, target / name)
    print(f"shipped {best} -> {target}")


if __name__ == "__main__":
    main()
