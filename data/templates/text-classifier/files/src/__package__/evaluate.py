"""Evaluation of the SAVED model on the held-out test split; nothing is tuned here.

Writes reports/metrics.json and a row of reports/experiments.csv (via tracking.record_run), and
reports/review_threshold.csv: how many test tickets would be auto-routed, and how accurately, at
other thresholds.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import pandas as pd

from .data import DATA_PATH, LABEL, TEXT, load_tickets, split
from .metrics import coverage_and_accuracy, score
from .model import MODEL_PATH, Baseline, TicketClassifier, load_or_exit
from .tracking import REPORTS_DIR, record_run

TRADEOFF_PATH = REPORTS_DIR / "review_threshold.csv"
TRADEOFF_THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def tradeoff(model: TicketClassifier, df: pd.DataFrame) -> list[dict[str, float]]:
    """Coverage and accuracy of auto-routed tickets at each threshold in TRADEOFF_THRESHOLDS."""
    predictions = model.predict(list(df[TEXT]))
    correct = [p.label == y for p, y in zip(predictions, df[LABEL], strict=True)]
    rows = []
    for threshold in TRADEOFF_THRESHOLDS:
        routed = [p.confidence >= threshold for p in predictions]
        coverage, routed_accuracy = coverage_and_accuracy(correct, routed)
        rows.append(
            {"threshold": threshold, "coverage": coverage, "routed_accuracy": routed_accuracy}
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Score the saved model on the test split and record the run."
    )
    parser.add_argument(
        "--data", type=Path, default=DATA_PATH, help="tickets CSV (text,label,group)"
    )
    parser.add_argument(
        "--model", type=Path, default=MODEL_PATH, help="the model saved by make train"
    )
    args = parser.parse_args(argv)
    model = load_or_exit(args.model)
    data = split(load_tickets(args.data))
    metrics = {
        "baseline (majority class), test": score(Baseline().fit(data.train), data.test),
        "tf-idf + logistic regression, validation": {
            k: v for k, v in model.validation.items() if k != "size"
        },
        "tf-idf + logistic regression, test": score(model, data.test),
    }
    run = record_run(
        metrics,
        params=model.params,
        split=data.describe(),
        model_path=args.model,
        data_paths=[args.data],
    )
    rows = tradeoff(model, data.test)
    with TRADEOFF_PATH.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    for name, values in metrics.items():
        print(f"{name:42s} " + "  ".join(f"{k} {v:.3f}" for k, v in values.items()))
    print(
        "recorded in reports/metrics.json and reports/experiments.csv "
        f"(model sha256 {run['model_sha256'][:12]}); threshold trade-off on test in "
        f"{TRADEOFF_PATH.relative_to(REPORTS_DIR.parent)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
