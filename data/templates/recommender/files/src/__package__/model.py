"""The models: item-to-item collaborative filtering, and the popularity baseline it must beat.

Saved models are plain arrays in one `.npz` file (no pickle), so any process can load them and
loading never runs code from the file.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from .tracking import PROJECT_ROOT

MODEL_PATH = PROJECT_ROOT / "models" / "recommender.npz"


class PopularityRecommender:
    """Recommends the most interacted-with items a user has not seen yet."""

    def fit(self, interactions: pd.DataFrame, items: pd.DataFrame) -> PopularityRecommender:
        self.item_ids = items["item_id"].to_numpy()
        self.titles = items["title"].astype(str).to_numpy()
        self._column = {int(item): column for column, item in enumerate(self.item_ids)}
        columns = interactions["item_id"].map(self._column).to_numpy()
        self.popularity = np.bincount(columns, minlength=len(self.item_ids)).astype(float)
        self.users = interactions["user_id"].to_numpy()
        self.user_columns = columns
        self._index_users()
        return self

    def _index_users(self) -> None:
        self._seen: dict[int, np.ndarray] = {}
        for user, columns in pd.Series(self.user_columns).groupby(self.users):
            self._seen[int(user)] = columns.to_numpy()

    def is_known(self, user_id: int) -> bool:
        return user_id in self._seen

    def title(self, item_id: int) -> str:
        return str(self.titles[self._column[int(item_id)]])

    def scores(self, seen: np.ndarray) -> np.ndarray:
        return self.popularity.copy()

    def recommend(self, user_id: int, k: int = 10) -> list[int]:
        """Top-k unseen item ids; unknown users (cold start) get the most popular items."""
        seen = self._seen.get(user_id, np.array([], dtype=int))
        scores = self.scores(seen) if len(seen) else self.popularity.copy()
        # A tiny popularity term breaks ties the same way every time, so results are reproducible.
        scores = scores + 1e-9 * self.popularity
        scores[seen] = -np.inf
        top = np.argsort(-scores, kind="stable")[:k]
        return [int(self.item_ids[c]) for c in top if np.isfinite(scores[c])]


class ItemKNNRecommender(PopularityRecommender):
    """Scores an item by its cosine similarity to the items the user interacted with, keeping
    each item's `neighbours` most similar items (None keeps all); `make train` chooses the number
    on the validation split."""

    def __init__(self, neighbours: int | None = 20):
        self.neighbours = neighbours

    def fit(self, interactions: pd.DataFrame, items: pd.DataFrame) -> ItemKNNRecommender:
        super().fit(interactions, items)
        _, user_rows = np.unique(self.users, return_inverse=True)
        matrix = np.zeros((user_rows.max(initial=-1) + 1, len(self.item_ids)))
        matrix[user_rows, self.user_columns] = 1.0
        norms = np.linalg.norm(matrix, axis=0)
        norms[norms == 0] = 1.0
        similarity = (matrix.T @ matrix) / np.outer(norms, norms)
        np.fill_diagonal(similarity, 0.0)
        if self.neighbours is not None and self.neighbours < len(self.item_ids):
            # Keep each candidate item's strongest neighbours among the items a user may have seen.
            weakest = np.argsort(-similarity, axis=0, kind="stable")[self.neighbours :]
            np.put_along_axis(similarity, weakest, 0.0, axis=0)
        self.similarity = similarity
        return self

    def scores(self, seen: np.ndarray) -> np.ndarray:
        return self.similarity[seen].sum(axis=0)


def save_model(model: ItemKNNRecommender, path: Path, meta: dict[str, object]) -> Path:
    """Writes the fitted arrays and `meta` (JSON: data source, chosen parameters) to one file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        np.savez_compressed(
            handle,
            neighbours=np.array(-1 if model.neighbours is None else model.neighbours),
            item_ids=model.item_ids,
            titles=model.titles.astype(str),
            popularity=model.popularity,
            similarity=model.similarity,
            users=model.users,
            user_columns=model.user_columns,
            meta=np.array(json.dumps(meta)),
        )
    return path


def load_model(path: Path = MODEL_PATH) -> ItemKNNRecommender:
    """The model saved at `path`; FileNotFoundError or ValueError say what is wrong."""
    shown = path.relative_to(PROJECT_ROOT) if path.is_relative_to(PROJECT_ROOT) else path
    if not path.exists():
        raise FileNotFoundError(f"no trained model at {shown}; run make train")
    try:
        with np.load(path, allow_pickle=False) as arrays:
            neighbours = int(arrays["neighbours"])
            model = ItemKNNRecommender(None if neighbours < 0 else neighbours)
            model.item_ids = arrays["item_ids"]
            model.titles = arrays["titles"]
            model.popularity = arrays["popularity"]
            model.similarity = arrays["similarity"]
            model.users = arrays["users"]
            model.user_columns = arrays["user_columns"]
            model.meta = json.loads(str(arrays["meta"]))
    except (OSError, KeyError, ValueError) as error:
        raise ValueError(
            f"{shown} is not a model saved by make train ({error}); run make train"
        ) from None
    model._column = {int(item): column for column, item in enumerate(model.item_ids)}
    model._index_users()
    return model
