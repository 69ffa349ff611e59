"""Regression guards on extraction quality, on our own gold and on the real-prose test split.

The thresholds sit a little below what the shipped extractor measures (see the README's "Extraction on real
prose"), so a real regression fails CI while run-to-run noise does not. Where a target of the issues is not
met yet, the guard sits just under the measured level, and the target is written beside it: raising the guard
is part of meeting the target.

- Our gold (issue 3): L1 F1 >= 0.90 overall and >= 0.80 on other regions (met); issue 12 asks >= 0.92 overall
  (met: measured 0.923) and no regression on any file (met: every file is above where the issue found it).
- Real-prose **test** split (issue 12): L1 F1 >= 0.85 with precision >= 0.85 and every genre >= 0.75 (not
  met: measured 0.582, precision 0.698). The test split is scored here, not tuned on (one look led to a design
  change once: the README's real-prose section says when and how). Its precision rests on about 600
  predictions, a standard error of about 0.02, and the seven trainings of the last three rounds (each on
  slightly different code) put it between 0.665 and 0.703 and F1 between 0.565 and 0.582. The guards
  therefore sit about one standard error under the measured values (F1 0.56, precision 0.67), not at them: a
  guard inside the noise fails on a retrain, not on a regression.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from actorgraph.evaluate import EvaluationReport, evaluate_files
from actorgraph.extract import Extractor

pytestmark = pytest.mark.model

GOLD_DIR = Path(__file__).resolve().parent / "gold"
GOLD = sorted(GOLD_DIR.glob("*.jsonl"))
TEST_SPLIT = GOLD_DIR / "realprose" / "test.jsonl"


@pytest.fixture(scope="module")
def report() -> EvaluationReport:
    return evaluate_files(GOLD, Extractor())


@pytest.fixture(scope="module")
def real_prose() -> tuple[EvaluationReport, EvaluationReport]:
    """The test split scored with the trained classifier and with the rules alone."""
    return evaluate_files([TEST_SPLIT], Extractor()), evaluate_files(
        [TEST_SPLIT], Extractor(classifier=False)
    )


def test_gold_files_are_there() -> None:
    assert {p.name for p in GOLD} >= {"corpus.jsonl", "phenomena.jsonl", "other_regions.jsonl"}
    assert TEST_SPLIT.is_file()


def test_overall_l1_f1(report: EvaluationReport) -> None:
    assert report.overall.l1.f1 >= 0.92, report.render()


def test_no_file_regresses(report: EvaluationReport) -> None:
    """Per file, above what the rules alone scored before the real-prose work (0.788, 0.939, 0.978).

    The floors sit a little below the measured 0.821, 0.950 and 0.993; the other regions' file has 91
    sentences, so one relation the classifier keeps or drops moves it by about 0.006: its floor (0.94) is
    about one relation under the measured value, and still above where the issue found it.
    """
    floors = {"corpus.jsonl": 0.80, "other_regions.jsonl": 0.94, "phenomena.jsonl": 0.98}
    for name, floor in floors.items():
        assert report.by_file[name].l1.f1 >= floor, (name, report.render())


def test_precision_stays_high(report: EvaluationReport) -> None:
    assert report.overall.l1.precision >= 0.95, report.render()


def test_real_prose_test_split(real_prose: tuple[EvaluationReport, EvaluationReport]) -> None:
    trained, _rules = real_prose
    assert trained.overall.records == 1397
    assert trained.overall.l1.f1 >= 0.56, trained.render()
    assert trained.overall.l1.precision >= 0.67, trained.render()


def test_trained_path_is_not_worse_than_the_rules(
    real_prose: tuple[EvaluationReport, EvaluationReport],
) -> None:
    """The classifier is shipped because it scores better; if it ever does not, revisit the design."""
    trained, rules = real_prose
    assert trained.overall.l1.f1 >= rules.overall.l1.f1 - 0.005, (trained.render(), rules.render())
