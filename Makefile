# actorgraph task runner. `make` lists the targets.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
CORPUS  ?= corpus
OUT     ?= out
REALCORPUS ?= quick

.DEFAULT_GOAL := help
.PHONY: help install run demo test test-fast check fmt lint typecheck namespaces golden readme dist dist-check bench clean train

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP) ## create .venv and install the package with its dev dependencies

run: install ## install, then build the graph from corpus/ into out/
	$(BIN)/actorgraph build $(CORPUS) -o $(OUT)

demo: run ## same as run

test: install ## install, then run every test (model, server and browser tests included)
	$(BIN)/python -m pytest -q

test-fast: install ## unit tests only (no model, browser, server or slow tests)
	$(BIN)/python -m pytest -q -m "not model and not browser and not server and not slow"

fmt: install ## format the code
	$(BIN)/ruff format src tests bench tools
	$(BIN)/ruff check --fix src tests bench tools

lint: install ## check-only linters (ruff, formatting, stale namespaces)
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/python tools/gen_namespaces.py --check

typecheck: install ## mypy (strict for actorgraph.*)
	$(BIN)/mypy

check: lint typecheck test ## lint + typecheck + test

namespaces: install ## regenerate src/actorgraph/namespaces.py from ontology/actorgraph.ttl
	$(BIN)/python tools/gen_namespaces.py

golden: install ## regenerate the expected Turtle files under tests/data/expected/
	$(BIN)/python tools/make_golden.py

readme: install ## refresh the README's example sessions from real runs (needs out/ from `make run`)
	$(BIN)/python tools/update_readme.py

dist: install ## build the wheel and sdist into dist/
	$(BIN)/python -m build --outdir dist .

dist-check: dist ## build the wheel and check the ontology is inside it
	$(BIN)/python -m pytest -q tests/test_dist.py

train: install ## retrain the relation classifier from the gold (dev split only) and ship its weights
	$(BIN)/python -m spacy train training/relation_classifier.cfg --output training/output
	$(BIN)/python tools/ship_classifier.py training/output/model-best
	$(BIN)/actorgraph evaluate --compare tests/gold/realprose/dev.jsonl tests/gold/realprose/test.jsonl tests/gold/corpus.jsonl tests/gold/phenomena.jsonl tests/gold/other_regions.jsonl

bench: install ## run every benchmark and write bench/RESULTS.md (REALCORPUS=full: all 5,521 real documents)
	$(BIN)/python -m pip install --quiet -e ".[dev,bench]"
	$(BIN)/python bench/run_all.py --realcorpus $(REALCORPUS)

clean: ## remove build outputs (keeps .venv)
	rm -rf $(OUT) dist build .pytest_cache .mypy_cache .ruff_cache
