"""The models: item-to-item collaborative filtering, and the popularity baseline it must beat.

Saved models are plain arrays in one `.npz` file (no pickle), so any process can load them and
loading never runs code from the file.
"""

from __future__ import annotations

import copy
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
        mapped = interactions["item_id"].map(self._column)
        if mapped.isna().any():
            unknown = sorted(set(interactions.loc[mapped.isna(), "item_id"]))[:5]
            raise ValueError(f"interactions with items missing from the items table: {unknown}")
        columns = mapped.to_numpy(dtype=int)
        self.popularity = np.bincount(columns, minlength=len(self.item_ids)).astype(float)
        self.users = interactions["user_id"].to_numpy()
        self.user_columns = columns
        self._index_users()
        return self

    def _index_users(self) -> None:
        self._seen: dict[int, np.ndarray] = {}
        for user, columns in pd.Series(self.user_columns).groupby(self.users):
            self._seen[int(user)] = columns.to_numpy()

    def seen(self, user_id: int) -> np.ndarray:
        """The columns of the items the user interacted with in the fitted data."""
        return self._seen.get(user_id, np.array([], dtype=int))

    def is_known(self, user_id: int) -> bool:
        return user_id in self._seen

    def title(self, item_id: int) -> str:
        return str(self.titles[self._column[int(item_id)]])

    def scores(self, seen: np.ndarray) -> np.ndarray:
        return self.popularity.copy()

    def recommend(self, user_id: int, k: int = 10) -> list[int]:
        """Top-k unseen item ids; unknown users (cold start) get the most popular items."""
        seen = self.seen(user_id)
        scores = self.scores(seen) if len(seen) else self.popularity.copy()
        # A tiny popularity term breaks ties the same way every time, so results are reproducible.
        scores = scores + 1e-9 * self.popularity
        scores[seen] = -np.inf
        top = np.argsort(-scores, kind="stable")[:k]
        return [int(self.item_ids[c]) for c in top if np.isfinite(scores[c])]


def item_neighbours(
    user_rows: np.ndarray, item_columns: np.ndarray, n_items: int, k: int, chunk: int = 512
) -> tuple[np.ndarray, np.ndarray]:
    """Each item's `k` most cosine-similar items (indexes and similarities, strongest first),
    computed a block of items at a time so memory grows with n_items x k, never n_items squared."""
    matrix = np.zeros((user_rows.max(initial=-1) + 1, n_items), dtype=np.float32)
    matrix[user_rows, item_columns] = 1.0
    norms = np.linalg.norm(matrix, axis=0)
    matrix /= np.where(norms == 0, 1.0, norms)
    k = min(k, n_items - 1)
    index = np.zeros((n_items, k), dtype=np.int32)
    weight = np.zeros((n_items, k), dtype=np.float32)
    for start in range(0, n_items, chunk):
        block = matrix[:, start : start + chunk].T @ matrix
        rows = np.arange(len(block))
        block[rows, rows + start] = -np.inf  # an item is not its own neighbour
        # Sort by similarity, then by index, so ties are broken the same way on every machine.
        top = np.lexsort((np.broadcast_to(np.arange(n_items), block.shape), -block))[:, :k]
        index[start : start + chunk] = top
        weight[start : start + chunk] = np.take_along_axis(block, top, axis=1)
    return index, weight


class ItemKNNRecommender(PopularityRecommender):
    """Scores an item by its cosine similarity to the items the user interacted with, among the
    item's `neighbours` most similar items; `make train` picks the number on validation data."""

    def __init__(self, neighbours: int = 20):
        self.neighbours = neighbours

    def fit(self, interactions: pd.DataFrame, items: pd.DataFrame) -> ItemKNNRecommender:
        super().fit(interactions, items)
        _, user_rows = np.unique(self.users, return_inverse=True)
        self.neighbour_index, self.neighbour_weight = item_neighbours(
            user_rows, self.user_columns, len(self.item_ids), self.neighbours
        )
        return self

    def with_neighbours(self, neighbours: int) -> ItemKNNRecommender:
        """The same model keeping fewer neighbours; no refit, as neighbours are sorted."""
        narrower = copy.copy(self)
        narrower.neighbours = neighbours
        narrower.neighbour_index = self.neighbour_index[:, :neighbours]
        narrower.neighbour_weight = self.neighbour_weight[:, :neighbours]
        return narrower

    def scores(self, seen: np.ndarray) -> np.ndarray:
        is_seen = np.zeros(len(self.item_ids), dtype=bool)
        is_seen[seen] = True
        return (self.neighbour_weight * is_seen[self.neighbour_index]).sum(axis=1, dtype=float)


def save_model(model: ItemKNNRecommender, path: Path, meta: dict[str, object]) -> Path:
    """Writes the fitted arrays and `meta` (JSON: data source, chosen parameters) to one file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        np.savez_compressed(
            handle,
            neighbours=np.array(model.neighbours),
            item_ids=model.item_ids,
            titles=model.titles.astype(str),
            popularity=model.popularity,
            neighbour_index=model.neighbour_index,
            neighbour_weight=model.neighbour_weight,
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
            model = ItemKNNRecommender(int(arrays["neighbours"]))
            model.item_ids = arrays["item_ids"]
            model.titles = arrays["titles"]
            model.popularity = arrays["popularity"]
            model.neighbour_index = arrays["neighbour_index"]
            model.neighbour_weight = arrays["neighbour_weight"]
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
