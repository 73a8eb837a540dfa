"""Ranking metrics on each user's held-out latest items, plus the popularity-bias view of the same lists."""

from __future__ import annotations

import json

import numpy as np

from .data import leave_last_out, load_interactions, load_items
from .train import PROJECT_ROOT, PopularityRecommender, train

REPORT_PATH = PROJECT_ROOT / "reports" / "metrics.json"
K = 10


def evaluate(model, split, n_items: int, k: int = K) -> dict[str, float]:
    truth = split.test.groupby("user_id")["item_id"].apply(set)
    recalls, precisions, recommended, popularity = [], [], set(), []
    # Popularity percentile of each item in the training data: 1.0 is the most popular.
    ranks = np.argsort(np.argsort(model.popularity_)) / max(n_items - 1, 1)
    for user, relevant in truth.items():
        items = model.recommend(int(user), k)
        hits = len(relevant.intersection(items))
        recalls.append(hits / len(relevant))
        precisions.append(hits / k)
        recommended.update(items)
        popularity.extend(ranks[items])
    return {
        f"recall@{k}": float(np.mean(recalls)),
        f"precision@{k}": float(np.mean(precisions)),
        "coverage": len(recommended) / n_items,
        "mean_popularity_percentile": float(np.mean(popularity)),
    }


def compare() -> dict[str, dict[str, float]]:
    items = load_items()
    split = leave_last_out(load_interactions(items=items))
    n_items = len(items)
    return {
        "baseline (most popular)": evaluate(train(split.train, n_items, PopularityRecommender()), split, n_items),
        "item-kNN (cosine)": evaluate(train(split.train, n_items), split, n_items),
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
