"""Training: C and the review threshold are chosen on validation; test is left for evaluate."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from .data import DATA_PATH, LABEL, TEXT, Split, load_tickets, split
from .metrics import score
from .model import MODEL_PATH, TicketClassifier, save

C_GRID = (0.3, 1.0, 3.0, 10.0, 30.0)
# Tickets routed without a person must be right at least this often (on validation).
TARGET_ACCURACY = 0.95


def choose_review_threshold(
    confidences: Sequence[float], correct: Sequence[bool], target: float = TARGET_ACCURACY
) -> float:
    """The lowest confidence threshold whose auto-routed tickets are at least `target` accurate.

    Lowest, so as few tickets as possible wait for a person; 1.0 (everything reviewed) when no
    threshold reaches it.
    """
    pairs = sorted(zip(confidences, correct, strict=True), reverse=True)
    best, right = 1.0, 0
    for count, (confidence, is_correct) in enumerate(pairs, start=1):
        right += is_correct
        # Only thresholds between distinct confidences can be applied.
        next_differs = count == len(pairs) or pairs[count][0] < confidence
        if next_differs and right / count >= target:
            best = confidence
    return float(best)


def train_model(data: Split, target: float = TARGET_ACCURACY) -> TicketClassifier:
    """One model per C on train; keeps the best validation macro-F1; sets the threshold there."""
    candidates = [TicketClassifier(C=c).fit(data.train) for c in C_GRID]
    model = max(candidates, key=lambda m: score(m, data.validation)["macro_f1"])
    predictions = model.predict(list(data.validation[TEXT]))
    correct = [p.label == y for p, y in zip(predictions, data.validation[LABEL], strict=True)]
    threshold = choose_review_threshold([p.confidence for p in predictions], correct, target)
    model.params = {**model.params, "review_threshold": threshold, "target_accuracy": target}
    model.validation = {"size": len(data.validation), **score(model, data.validation)}
    return model


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Train the ticket classifier and save it.")
    parser.add_argument(
        "--data", type=Path, default=DATA_PATH, help="tickets CSV (text,label,group)"
    )
    parser.add_argument("--model", type=Path, default=MODEL_PATH, help="where to save the model")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    data = split(load_tickets(args.data))
    model = train_model(data)
    path = save(model, args.model)
    v = model.validation
    print(
        f"trained on {len(data.train)} tickets in {time.perf_counter() - started:.1f} s; "
        f"C={model.params['C']:g} chosen on {v['size']} validation tickets "
        f"(macro-F1 {v['macro_f1']:.3f}); below confidence {model.params['review_threshold']:.2f} "
        f"a person reviews (validation: {v['coverage']:.0%} auto-routed, "
        f"{v['routed_accuracy']:.1%} of them right); saved to {path}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
