"""Models: item-to-item collaborative filtering, and the popularity baseline it must beat."""

from __future__ import annotations

import os
from pathlib import Path

import joblib
import numpy as np
import pandas as pd

from .data import leave_last_out, load_interactions

PROJECT_ROOT = Path(os.environ.get("PROJECT_ROOT", Path(__file__).resolve().parents[2]))
MODEL_PATH = PROJECT_ROOT / "models" / "model.joblib"


class PopularityRecommender:
    """Recommends the most interacted-with items a user has not seen yet."""

    def fit(self, interactions: pd.DataFrame, n_items: int) -> PopularityRecommender:
        counts = np.bincount(interactions["item_id"], minlength=n_items).astype(float)
        self.popularity_ = counts
        self.seen_ = interactions.groupby("user_id")["item_id"].apply(set).to_dict()
        return self

    def scores(self, user_id: int) -> np.ndarray:
        return self.popularity_.copy()

    def is_known(self, user_id: int) -> bool:
        return user_id in self.seen_

    def recommend(self, user_id: int, k: int = 10) -> list[int]:
        scores = self.scores(user_id) if self.is_known(user_id) else self.popularity_.copy()
        # Tiny popularity term breaks ties the same way every time, so results are reproducible.
        scores = scores + 1e-9 * self.popularity_
        for item in self.seen_.get(user_id, ()):
            scores[item] = -np.inf
        top = np.argsort(-scores, kind="stable")[:k]
        return [int(i) for i in top if np.isfinite(scores[i])]


class ItemKNNRecommender(PopularityRecommender):
    """Scores an item by its cosine similarity to the items the user already interacted with."""

    def fit(self, interactions: pd.DataFrame, n_items: int) -> ItemKNNRecommender:
        super().fit(interactions, n_items)
        users = interactions["user_id"].to_numpy()
        n_users = int(users.max()) + 1
        matrix = np.zeros((n_users, n_items))
        matrix[users, interactions["item_id"].to_numpy()] = 1.0
        norms = np.linalg.norm(matrix, axis=0)
        norms[norms == 0] = 1.0
        similarity = (matrix.T @ matrix) / np.outer(norms, norms)
        np.fill_diagonal(similarity, 0.0)
        self.similarity_ = similarity
        return self

    def scores(self, user_id: int) -> np.ndarray:
        seen = list(self.seen_.get(user_id, ()))
        return self.similarity_[seen].sum(axis=0)


def train(interactions: pd.DataFrame, n_items: int, model=None):
    return (model if model is not None else ItemKNNRecommender()).fit(interactions, n_items)


def save(model, path: Path = MODEL_PATH) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, path)
    return path


def load(path: Path = MODEL_PATH):
    return joblib.load(path)


def main() -> None:
    interactions = load_interactions()
    n_items = int(interactions["item_id"].max()) + 1
    model = train(leave_last_out(interactions).train, n_items)
    print(f"fitted on {len(interactions)} interactions; saved to {save(model)}")


if __name__ == "__main__":
    main()
