"""Refresh the README's example sessions from real runs (``make readme``).

Each block between ``<!-- run: NAME -->`` and ``<!-- end: NAME -->`` is replaced by the commands of that block
in ``SESSIONS`` and what they printed, run from the repository root with the project's venv on PATH. The README's
outputs are therefore never typed by hand: they are what the commands print. The pictures under docs/ are
written by those commands too, and the screenshots of the HTML pages by ``tests/test_browser.py`` (Chromium).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"

SESSIONS: dict[str, list[str]] = {
    "build": ["actorgraph build corpus/ -o out/"],
    "queries": [
        "actorgraph query out/store --name allies_of --param actor=Ankara",
        "actorgraph query out/store --name relations_between --param a=Russia --param b=TUR --format csv | cut -c1-160 | head -8",
        "actorgraph query out/store 'SELECT ?org (COUNT(?st) AS ?n) WHERE { ?st ag:statementSubject ?org . ?org a ag:InternationalOrganization } GROUP BY ?org ORDER BY DESC(?n)'",
    ],
    "analyze": ["actorgraph analyze out/store --top 5"],
    "views": [
        "actorgraph view out/store -o out/graph.html",
        "actorgraph view out/store --matrix -o docs/matrix.png",
        "actorgraph timeline out/store Russia Turkey -o docs/russia-turkey.png -o out/russia-turkey.csv",
        "head -4 out/russia-turkey.csv",
        "actorgraph export out/store --format trig -o out/graph.trig",
        "actorgraph export out/store --format graphml -o out/graph.graphml",
        "actorgraph validate out/store",
    ],
    "realworld": [
        "python tools/wh_subset.py out-wh/readouts",
        "actorgraph build out-wh/readouts -o out-wh/ --workers 2 | grep -v '^wrote'",
        "actorgraph analyze out-wh/store --top 3",
        "actorgraph view out-wh/store -o out-wh/graph.html",
        "actorgraph view out-wh/store --matrix -o docs/wh-matrix.png",
        "actorgraph timeline out-wh/store Russia Ukraine -o docs/wh-russia-ukraine.png",
    ],
    "extract": [
        "printf 'Turkey supports Azerbaijan.\\nRussia pressures Turkey via Idlib strikes.\\n' > /tmp/two.txt",
        "actorgraph extract /tmp/two.txt --format tsv | cut -f4-8,11",
    ],
    "evaluate": ["actorgraph evaluate tests/gold/*.jsonl | head -12"],
}

#: Screenshots of the HTML pages after the sessions (headless Chromium): graph, picture[#actor=NAME] pairs.
SCREENSHOTS = [
    "out/store",
    "docs/graph.png",
    "out-wh/store",
    "docs/wh-graph.png",
    "out-wh/store",
    "docs/wh-ego.png#actor=Ukraine",
]


def run(command: str) -> str:
    env = dict(
        os.environ, PATH=f"{ROOT / '.venv' / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}", COLUMNS="110"
    )
    env.pop("CI", None)
    proc = subprocess.run(command, shell=True, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if proc.returncode not in (0, 141):  # 141: head closed the pipe
        sys.exit(f"README command failed ({proc.returncode}): {command}\n{proc.stderr}")
    return proc.stdout.rstrip()


#: Run before a block, not shown: the build session shows a cold build.
SETUP = {"build": "rm -rf out", "realworld": "rm -rf out-wh"}


def render(name: str) -> str:
    if name in SETUP:
        run(SETUP[name])
    parts = []
    for command in SESSIONS[name]:
        out = run(command)
        parts.append(f"$ {command}" + (f"\n{out}" if out else ""))
    return "```console\n" + "\n\n".join(parts) + "\n```"


def main() -> int:
    text = README.read_text(encoding="utf-8")
    for name in SESSIONS:
        pattern = re.compile(rf"(<!-- run: {name} -->\n)(?:.*?\n)?(<!-- end: {name} -->)", re.S)
        if not pattern.search(text):
            continue
        block = render(name)
        text = pattern.sub(lambda m, b=block: m.group(1) + b + "\n" + m.group(2), text)
        print(f"refreshed {name}")
    README.write_text(text, encoding="utf-8")
    print(run(f"{sys.executable} tests/test_browser.py {' '.join(repr(a) for a in SCREENSHOTS)}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
