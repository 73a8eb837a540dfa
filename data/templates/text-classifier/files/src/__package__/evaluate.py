"""Evaluation: the model against the baseline on the held-out split, per label as well as overall."""

from __future__ import annotations

import json

import pandas as pd
from sklearn.metrics import accuracy_score, f1_score

from .data import LABEL, LABELS, PROJECT_ROOT, TEXT, load_tickets, split
from .train import build_baseline, train

REPORT_PATH = PROJECT_ROOT / "reports" / "metrics.json"


def evaluate(model, df: pd.DataFrame) -> dict[str, float]:
    predicted = model.predict(df[TEXT])
    per_label = f1_score(df[LABEL], predicted, labels=list(LABELS), average=None, zero_division=0)
    return {
        "accuracy": float(accuracy_score(df[LABEL], predicted)),
        "macro_f1": float(f1_score(df[LABEL], predicted, average="macro", zero_division=0)),
        # The worst label is the slice that matters most for routing.
        "worst_label_f1": float(per_label.min()),
    }


def compare() -> dict[str, dict[str, float]]:
    data = split(load_tickets())
    return {
        "baseline (majority class)": evaluate(train(data.train, build_baseline()), data.test),
        "tf-idf + logistic regression": evaluate(train(data.train), data.test),
    }


def markdown_table(results: dict[str, dict[str, float]]) -> str:
    metrics = list(next(iter(results.values())))
    lines = ["| model | " + " | ".join(metrics) + " |", "|---" * (len(metrics) + 1) + "|"]
    for name, values in results.items():
        lines.append(f"| {name} | " + " | ".join(f"{values[m]:.3f}" for m in metrics) + " |")
    return "\n".join(lines)


def main() -> None:
    results = compare()
    REPORT_PATH.parent.mkdir(parents=True, exist_ok=True)
    REPORT_PATH.write_text(json.dumps(results, indent=2) + "\n")
    print(markdown_table(results))


if __name__ == "__main__":
    main()
