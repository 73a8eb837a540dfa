"""The scores training (on validation) and evaluation (on test) both report, computed one way."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sklearn.metrics import accuracy_score, f1_score

from .data import LABEL, TEXT
from .model import Baseline, TicketClassifier


def coverage_and_accuracy(correct: Sequence[bool], routed: Sequence[bool]) -> tuple[float, float]:
    """The share of tickets routed without a person, and the accuracy on those."""
    kept = [c for c, r in zip(correct, routed, strict=True) if r]
    return len(kept) / len(correct), (sum(kept) / len(kept) if kept else 1.0)


def score(model: TicketClassifier | Baseline, df: pd.DataFrame) -> dict[str, float]:
    """Accuracy, macro-F1, worst label F1; share and accuracy of tickets routed automatically."""
    predictions = model.predict(list(df[TEXT]))
    predicted = [p.label for p in predictions]
    labels = sorted(set(df[LABEL]))
    per_label = f1_score(df[LABEL], predicted, labels=labels, average=None, zero_division=0)
    correct = [p == y for p, y in zip(predicted, df[LABEL], strict=True)]
    coverage, routed_accuracy = coverage_and_accuracy(
        correct, [not p.needs_review for p in predictions]
    )
    return {
        "accuracy": float(accuracy_score(df[LABEL], predicted)),
        "macro_f1": float(f1_score(df[LABEL], predicted, average="macro", zero_division=0)),
        # The worst label is the team whose tickets get lost most often.
        "worst_label_f1": float(per_label.min()),
        "coverage": coverage,
        "routed_accuracy": routed_accuracy,
    }
