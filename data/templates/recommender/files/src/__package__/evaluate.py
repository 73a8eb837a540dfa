"""`make evaluate`: scores the saved model on the held-out test split, next to the popularity
baseline, with ranking metrics and the popularity-bias view of the same lists; records the run
in reports/."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from . import tracking
from .data import data_files, load_dataset, temporal_split
from .model import MODEL_PATH, PopularityRecommender, load_model

K = 10


def ranking_metrics(
    model: PopularityRecommender, held_out: pd.DataFrame, known: pd.DataFrame, k: int = K
) -> dict[str, float]:
    """Recall and precision at k on `held_out`, plus catalogue coverage and the mean popularity
    percentile (1.0 = the most popular item in `known`) of everything recommended."""
    truth = held_out.groupby("user_id")["item_id"].apply(set)
    counts = known["item_id"].value_counts().reindex(model.item_ids, fill_value=0).to_numpy()
    percentile = dict(
        zip(
            model.item_ids.tolist(),
            np.argsort(np.argsort(counts, kind="stable")) / max(len(counts) - 1, 1),
            strict=True,
        )
    )
    recalls, precisions, recommended, popularity = [], [], set(), []
    for user, relevant in truth.items():
        items = model.recommend(int(user), k)
        hits = len(relevant.intersection(items))
        recalls.append(hits / len(relevant))
        precisions.append(hits / k)
        recommended.update(items)
        popularity.extend(percentile[i] for i in items)
    return {
        f"recall@{k}": float(np.mean(recalls)),
        f"precision@{k}": float(np.mean(precisions)),
        "coverage": len(recommended) / len(model.item_ids),
        "mean_popularity_percentile": float(np.mean(popularity)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-path", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    if not args.model_path.exists():
        raise SystemExit(f"no trained model at {args.model_path}: run make train first")
    model = load_model(args.model_path)
    interactions, items = load_dataset(model.meta["data"])
    split = temporal_split(interactions)
    if split.test.empty:
        raise SystemExit("no user has more than 6 interactions: nothing to evaluate on")
    known = pd.concat([split.train, split.validation], ignore_index=True)
    # The baseline has nothing to tune, so fitting it here on the same interactions is fair.
    baseline = PopularityRecommender().fit(known, items)
    metrics = {
        "popularity baseline": ranking_metrics(baseline, split.test, known),
        "item-kNN": ranking_metrics(model, split.test, known),
    }
    tracking.record_run(
        metrics,
        params=dict(model.meta),
        split=split.describe(),
        model_path=args.model_path,
        data_paths=data_files(model.meta["data"]),
    )
    for name, values in metrics.items():
        print(f"{name:>20}: " + ", ".join(f"{m} {v:.3f}" for m, v in values.items()))
    print(f"recorded in {tracking.METRICS_PATH} and {tracking.EXPERIMENTS_PATH}; make report")
    return 0


if __name__ == "__main__":
    sys.exit(main())
