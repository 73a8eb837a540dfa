"""Interaction data: a seeded synthetic catalogue by default, MovieLens after `make data`.

Both sources come in one format, so everything downstream is the same:
- interactions: `user_id`, `item_id`, `timestamp` (seconds since the epoch), one row per positive
  interaction;
- items: `item_id`, `title`, `genres` ("|"-separated), `released_at` (seconds; when it appeared).

MovieLens ml-latest-small, fetched from GroupLens and converted by

    python -m {{packageName}}.data --download
"""

from __future__ import annotations

import argparse
import io
import sys
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .tracking import PROJECT_ROOT

SEED = 42
GENRES = ("action", "comedy", "documentary", "drama", "sci-fi")
INTERACTION_COLUMNS = ("user_id", "item_id", "timestamp")
ITEM_COLUMNS = ("item_id", "title", "genres", "released_at")
SOURCES = ("synthetic", "movielens")
MOVIELENS_DIR = PROJECT_ROOT / "data" / "movielens"
MOVIELENS_URL = "https://files.grouplens.org/datasets/movielens/ml-latest-small.zip"
# MovieLens has explicit 0.5-5 star ratings; 4 stars or more counts as "watched and liked".
POSITIVE_RATING = 4.0
DAY = 86_400
START = 1_704_067_200  # 2024-01-01 UTC: synthetic time starts here and runs for a year.


class DownloadError(RuntimeError):
    """The dataset could not be fetched (offline, moved, or refused)."""


def generate_interactions(
    n_users: int = 300, n_items: int = 80, per_user: int = 15, seed: int = SEED
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A year of implicit feedback: long-tail popularity, users who favour one or two genres,
    and items released through the year, so later interactions lean to newer items: time matters."""
    rng = np.random.default_rng(seed)
    genre = rng.choice(len(GENRES), size=n_items)
    # A third of the catalogue exists on day 0; the rest is released through the year.
    released = np.where(rng.random(n_items) < 1 / 3, 0, rng.integers(0, 365, size=n_items)) * DAY
    popularity = 1.0 / np.arange(1, n_items + 1) ** 0.8
    rng.shuffle(popularity)
    rows = []
    for user in range(n_users):
        liked = rng.choice(len(GENRES), size=rng.integers(1, 3), replace=False)
        weights = popularity * np.where(np.isin(genre, liked), 12.0, 1.0)
        times = np.sort(rng.integers(0, 365 * DAY, size=per_user))
        seen: set[int] = set()
        for time in times:
            available = (released <= time) & ~np.isin(np.arange(n_items), list(seen))
            p = np.where(available, weights, 0.0)
            item = int(rng.choice(n_items, p=p / p.sum()))
            seen.add(item)
            rows.append((user, item, START + int(time)))
    items = pd.DataFrame(
        {
            "item_id": np.arange(n_items),
            "title": [f"{GENRES[g].title()} title {i}" for i, g in enumerate(genre)],
            "genres": [GENRES[g] for g in genre],
            "released_at": START + released,
        }
    )
    return pd.DataFrame(rows, columns=list(INTERACTION_COLUMNS)), items


def convert_movielens(ratings_csv: Path, movies_csv: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """MovieLens `ratings.csv` and `movies.csv` in this project's format; ratings of 4 stars or more
    become interactions."""
    ratings = pd.read_csv(ratings_csv)
    movies = pd.read_csv(movies_csv)
    liked = ratings[ratings["rating"] >= POSITIVE_RATING]
    interactions = pd.DataFrame(
        {"user_id": liked["userId"], "item_id": liked["movieId"], "timestamp": liked["timestamp"]}
    ).reset_index(drop=True)
    # MovieLens has no release timestamps; the first rating of a movie stands in for it.
    first_seen = ratings.groupby("movieId")["timestamp"].min()
    items = pd.DataFrame(
        {
            "item_id": movies["movieId"],
            "title": movies["title"],
            "genres": movies["genres"],
            "released_at": movies["movieId"].map(first_seen).fillna(0).astype("int64"),
        }
    )
    return interactions, items


def download_movielens(target: Path = MOVIELENS_DIR, url: str | None = None) -> Path:
    """Downloads ml-latest-small and writes interactions.csv and items.csv under `target`."""
    url = url or MOVIELENS_URL
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            archive = zipfile.ZipFile(io.BytesIO(response.read()))
    except (urllib.error.URLError, OSError, zipfile.BadZipFile) as error:
        raise DownloadError(
            f"could not download {url} ({error}). Check the internet connection; "
            "the synthetic data (the default) still works offline."
        ) from None
    with (
        archive.open("ml-latest-small/ratings.csv") as ratings,
        archive.open("ml-latest-small/movies.csv") as movies,
    ):
        interactions, items = convert_movielens(ratings, movies)
    target.mkdir(parents=True, exist_ok=True)
    interactions.to_csv(target / "interactions.csv", index=False)
    items.to_csv(target / "items.csv", index=False)
    with archive.open("ml-latest-small/README.txt") as readme:
        (target / "README.txt").write_bytes(readme.read())
    return target


def data_files(source: str) -> list[Path]:
    """The files a run's data hash covers: the generator's code, or the converted download."""
    if source == "synthetic":
        return [Path(__file__).resolve()]
    return [MOVIELENS_DIR / "interactions.csv", MOVIELENS_DIR / "items.csv"]


def load_dataset(source: str = "synthetic") -> tuple[pd.DataFrame, pd.DataFrame]:
    """(interactions, items) from the chosen source."""
    if source == "synthetic":
        return generate_interactions()
    if source != "movielens":
        raise ValueError(f"unknown data source {source!r}; expected one of {SOURCES}")
    interactions_csv, items_csv = data_files(source)
    if not interactions_csv.exists():
        raise FileNotFoundError(f"no {interactions_csv}; run `make data` (needs internet) first")
    return pd.read_csv(interactions_csv), pd.read_csv(items_csv)


@dataclass(frozen=True)
class Split:
    train: pd.DataFrame
    validation: pd.DataFrame
    test: pd.DataFrame

    def describe(self) -> dict[str, object]:
        return {
            "train": len(self.train),
            "validation": len(self.validation),
            "test": len(self.test),
            "users_evaluated": int(self.test["user_id"].nunique()),
            "method": "per user by time: latest 3 = test, the 3 before = validation, rest = train",
        }


def temporal_split(df: pd.DataFrame, n_test: int = 3, n_validation: int = 3) -> Split:
    """Each user's latest interactions by time are the test set, the ones just before are the
    validation set: models are tuned and judged on predicting the future from the past. Users with
    too short a history to hold anything out stay entirely in training."""
    ordered = df.sort_values(["user_id", "timestamp", "item_id"], kind="stable")
    from_end = ordered.groupby("user_id").cumcount(ascending=False)
    long_enough = ordered.groupby("user_id")["item_id"].transform("size") > n_test + n_validation
    test = long_enough & (from_end < n_test)
    validation = long_enough & (from_end >= n_test) & (from_end < n_test + n_validation)
    return Split(
        ordered[~test & ~validation].reset_index(drop=True),
        ordered[validation].reset_index(drop=True),
        ordered[test].reset_index(drop=True),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--download", action="store_true", help=f"fetch MovieLens from {MOVIELENS_URL}"
    )
    args = parser.parse_args(argv)
    if not args.download:
        interactions, items = generate_interactions()
        print(
            f"synthetic data: {len(interactions)} interactions, {len(items)} items "
            "(generated, nothing to fetch)"
        )
        return 0
    try:
        target = download_movielens()
    except DownloadError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    interactions, items = load_dataset("movielens")
    print(
        f"MovieLens ml-latest-small: {len(interactions)} interactions of "
        f"{interactions['user_id'].nunique()} users, {len(items)} items, in {target}. "
        "Research-use licence (see README.txt there); train on it with `--data movielens`."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
