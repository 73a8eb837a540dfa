"""Data tests: schema, invariants, a split that never trains on the future, MovieLens conversion."""

from pathlib import Path

import pandas as pd
import pytest

from {{packageName}} import data
from {{packageName}}.data import (
    INTERACTION_COLUMNS,
    ITEM_COLUMNS,
    convert_movielens,
    generate_interactions,
    temporal_split,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ml-latest-small"


def test_schema(interactions, items):
    assert tuple(interactions.columns) == INTERACTION_COLUMNS
    assert tuple(items.columns) == ITEM_COLUMNS
    assert items["item_id"].is_unique


def test_every_interaction_is_with_a_known_item(interactions, items):
    assert interactions["item_id"].isin(items["item_id"]).all()
    assert (interactions["user_id"] >= 0).all()


def test_no_duplicate_user_item_pairs(interactions):
    assert not interactions.duplicated(subset=["user_id", "item_id"]).any()


def test_generation_is_deterministic(interactions, items):
    again, _ = generate_interactions()
    assert again.equals(interactions)


def test_popularity_has_a_long_tail(interactions):
    counts = interactions["item_id"].value_counts()
    assert counts.iloc[0] >= 5 * counts.iloc[-1]


def test_timestamps_are_times_not_sampling_order(interactions, items):
    # Nobody watches a title before its release, so time carries signal the split must respect.
    released = interactions["item_id"].map(items.set_index("item_id")["released_at"])
    assert (interactions["timestamp"] >= released).all()


def test_split_holds_out_each_users_latest_by_time(split):
    last_train = split.train.groupby("user_id")["timestamp"].max()
    first_validation = split.validation.groupby("user_id")["timestamp"].min()
    last_validation = split.validation.groupby("user_id")["timestamp"].max()
    first_test = split.test.groupby("user_id")["timestamp"].min()
    assert (last_train.loc[first_validation.index] <= first_validation).all()
    assert (last_validation.loc[first_test.index] <= first_test).all()
    assert (split.test.groupby("user_id").size() == 3).all()
    assert (split.validation.groupby("user_id").size() == 3).all()


def test_split_keeps_every_interaction_exactly_once(interactions, split):
    parts = pd.concat([split.train, split.validation, split.test])
    assert len(parts) == len(interactions)
    assert not parts.duplicated(subset=["user_id", "item_id"]).any()


def test_users_with_short_histories_stay_in_training():
    short = pd.DataFrame({"user_id": [1, 1, 1], "item_id": [1, 2, 3], "timestamp": [1, 2, 3]})
    split = temporal_split(short)
    assert len(split.train) == 3 and split.test.empty and split.validation.empty


def test_movielens_sample_converts_to_the_loader_format():
    interactions, items = convert_movielens(FIXTURES / "ratings.csv", FIXTURES / "movies.csv")
    assert tuple(interactions.columns) == INTERACTION_COLUMNS
    assert tuple(items.columns) == ITEM_COLUMNS
    ratings = pd.read_csv(FIXTURES / "ratings.csv")
    # Implicit feedback: only ratings of 4 stars or more count as a positive interaction.
    assert len(interactions) == int((ratings["rating"] >= data.POSITIVE_RATING).sum())
    assert interactions["item_id"].isin(items["item_id"]).all()
    assert items.loc[items["item_id"] == 1, "title"].item() == "Toy Story (1995)"
    assert "Comedy" in items.loc[items["item_id"] == 1, "genres"].item().split("|")


def test_download_offline_fails_with_a_clear_message(tmp_path, monkeypatch):
    # Port 9 on localhost refuses connections: the same code path as having no internet.
    monkeypatch.setattr(data, "MOVIELENS_URL", "http://127.0.0.1:9/ml-latest-small.zip")
    with pytest.raises(data.DownloadError, match="could not download .*127.0.0.1:9"):
        data.download_movielens(tmp_path)
    assert not any(tmp_path.iterdir())
