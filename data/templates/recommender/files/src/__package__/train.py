"""`make train`: choose the number of neighbours on the validation split, refit, save to models/."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

from .data import SOURCES, Split, load_dataset, temporal_split
from .evaluate import K, ranking_metrics
from .model import MODEL_PATH, ItemKNNRecommender, save_model

NEIGHBOUR_CANDIDATES = (5, 10, 20, 40, 80)


def tune_neighbours(
    split: Split, items: pd.DataFrame, candidates: tuple[int, ...] = NEIGHBOUR_CANDIDATES
) -> tuple[int, dict[int, float]]:
    """Fits on train, scores recall@K on validation; never looks at the test split."""
    widest = ItemKNNRecommender(max(candidates)).fit(split.train, items)
    scores = {
        n: ranking_metrics(widest.with_neighbours(n), split.validation, split.train)[f"recall@{K}"]
        for n in sorted(candidates)
    }
    # Ties go to the first (smallest) candidate: the simpler model.
    return max(scores, key=lambda n: scores[n]), scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", choices=SOURCES, default="synthetic")
    parser.add_argument("--model-path", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        interactions, items = load_dataset(args.data)
    except FileNotFoundError as error:
        raise SystemExit(f"error: {error}") from None
    split = temporal_split(interactions)
    if split.validation.empty:
        raise SystemExit("no user has more than 6 interactions: nothing to validate or test on")
    neighbours, scores = tune_neighbours(split, items)
    # The final model also learns from the validation interactions; the test split stays unseen.
    fitted_on = pd.concat([split.train, split.validation], ignore_index=True)
    model = ItemKNNRecommender(neighbours).fit(fitted_on, items)
    meta = {
        "data": args.data,
        "neighbours": neighbours,
        f"validation_recall@{K}": {str(n): round(s, 4) for n, s in scores.items()},
    }
    path = save_model(model, args.model_path, meta)
    print(
        f"item-kNN with {neighbours} neighbours (validation recall@{K} "
        f"{scores[neighbours]:.3f}) fitted on {len(fitted_on)} interactions of "
        f"{fitted_on['user_id'].nunique()} users in {time.perf_counter() - started:.1f} s; "
        f"{len(split.test)} held out for make evaluate; saved to {path}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
