"""Implicit-feedback interactions, generated with a fixed seed so the project runs offline and reproducibly.

The generator mimics what makes recommendation hard: a long-tail item popularity (Zipf) and users whose taste
concentrates on one or two genres. Swap `load_interactions` for your own logs (user_id, item_id, timestamp).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

SEED = 42
GENRES = ("action", "comedy", "documentary", "drama", "sci-fi")
COLUMNS = ("user_id", "item_id", "timestamp")


def load_items(n_items: int = 80, seed: int = SEED) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    genres = rng.choice(len(GENRES), size=n_items)
    return pd.DataFrame(
        {
            "item_id": np.arange(n_items),
            "title": [f"{GENRES[g].title()} title {i}" for i, g in enumerate(genres)],
            "genre": [GENRES[g] for g in genres],
        }
    )


def load_interactions(
    n_users: int = 300, per_user: int = 15, items: pd.DataFrame | None = None, seed: int = SEED
) -> pd.DataFrame:
    items = items if items is not None else load_items(seed=seed)
    rng = np.random.default_rng(seed + 1)
    n_items = len(items)
    popularity = 1.0 / np.arange(1, n_items + 1) ** 0.8
    rng.shuffle(popularity)
    genre_index = items["genre"].map({g: i for i, g in enumerate(GENRES)}).to_numpy()
    rows = []
    for user in range(n_users):
        liked = rng.choice(len(GENRES), size=rng.integers(1, 3), replace=False)
        weights = popularity * np.where(np.isin(genre_index, liked), 12.0, 1.0)
        chosen = rng.choice(n_items, size=per_user, replace=False, p=weights / weights.sum())
        rows.extend((user, int(item), t) for t, item in enumerate(chosen))
    return pd.DataFrame(rows, columns=list(COLUMNS))


@dataclass(frozen=True)
class Split:
    train: pd.DataFrame
    test: pd.DataFrame


def leave_last_out(df: pd.DataFrame, n_last: int = 3) -> Split:
    """Each user's latest interactions are the test set: the model predicts the future from the past."""
    ordered = df.sort_values(["user_id", "timestamp"])
    rank_from_end = ordered.groupby("user_id").cumcount(ascending=False)
    return Split(
        ordered[rank_from_end >= n_last].reset_index(drop=True),
        ordered[rank_from_end < n_last].reset_index(drop=True),
    )
