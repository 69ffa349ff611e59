"""Regression guard on extraction quality: scores on our gold set stay just below the issue's targets.

Targets (issue 3): L1 F1 >= 0.90 on the whole gold set and >= 0.80 on its other-regions part. The
thresholds sit a little below, so a real regression fails CI while run-to-run noise does not.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from actorgraph.evaluate import EvaluationReport, evaluate_files
from actorgraph.extract import Extractor

pytestmark = pytest.mark.model

GOLD = sorted((Path(__file__).resolve().parent / "gold").glob("*.jsonl"))


@pytest.fixture(scope="module")
def report() -> EvaluationReport:
    return evaluate_files(GOLD, Extractor())


def test_gold_files_are_there() -> None:
    assert {p.name for p in GOLD} >= {"corpus.jsonl", "phenomena.jsonl", "other_regions.jsonl"}


def test_overall_l1_f1(report: EvaluationReport) -> None:
    assert report.overall.l1.f1 >= 0.88, report.render()


def test_other_regions_l1_f1(report: EvaluationReport) -> None:
    assert report.by_file["other_regions.jsonl"].l1.f1 >= 0.78, report.render()


def test_precision_stays_high(report: EvaluationReport) -> None:
    assert report.overall.l1.precision >= 0.93, report.render()
