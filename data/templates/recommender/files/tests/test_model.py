"""Model tests: beats popularity, handles cold start and popularity bias, tunes on validation."""

import numpy as np
import pandas as pd
import pytest

from {{packageName}}.evaluate import ranking_metrics
from {{packageName}}.model import (
    ItemKNNRecommender,
    PopularityRecommender,
    load_model,
    save_model,
)
from {{packageName}}.train import tune_neighbours


@pytest.fixture(scope="module")
def baseline(split, items):
    return PopularityRecommender().fit(split.train, items)


def test_beats_the_popularity_baseline(split, model, baseline):
    ours = ranking_metrics(model, split.validation, split.train)
    theirs = ranking_metrics(baseline, split.validation, split.train)
    assert ours["recall@10"] >= theirs["recall@10"] * 1.2


def test_popularity_bias_is_lower_than_the_baseline(split, model, baseline):
    ours = ranking_metrics(model, split.validation, split.train)
    theirs = ranking_metrics(baseline, split.validation, split.train)
    assert ours["coverage"] > theirs["coverage"]
    assert ours["mean_popularity_percentile"] < theirs["mean_popularity_percentile"]


def test_never_recommends_what_the_user_has_seen(split, model):
    seen = set(split.train.loc[split.train["user_id"] == 0, "item_id"])
    assert seen.isdisjoint(model.recommend(0, 20))


def test_cold_start_user_gets_popular_items(model):
    unknown = 10_000
    assert not model.is_known(unknown)
    items = model.recommend(unknown, 5)
    assert len(items) == 5
    counts = dict(zip(model.item_ids, model.popularity, strict=True))
    assert items == sorted(items, key=lambda i: -counts[i])


def test_recommendations_are_deterministic(model):
    assert model.recommend(3, 10) == model.recommend(3, 10)


def test_save_and_load_round_trip(tmp_path, model):
    loaded = load_model(save_model(model, tmp_path / "recommender.npz", {"note": "test"}))
    assert loaded.recommend(1, 10) == model.recommend(1, 10)
    assert loaded.recommend(10_000, 10) == model.recommend(10_000, 10)
    assert loaded.title(model.item_ids[0]) == model.title(model.item_ids[0])
    assert loaded.meta == {"note": "test"}


def test_neighbours_are_tuned_without_looking_at_the_test_split(split, items):
    chosen, scores = tune_neighbours(split, items, candidates=(5, 40))
    blind = split.__class__(split.train, split.validation, split.test.iloc[0:0])
    assert tune_neighbours(blind, items, candidates=(5, 40)) == (chosen, scores)
    assert scores[chosen] == max(scores.values())


def test_fewer_neighbours_change_the_scores(split, items):
    narrow = ItemKNNRecommender(neighbours=2).fit(split.train, items)
    wide = ItemKNNRecommender(neighbours=40).fit(split.train, items)
    assert narrow.neighbour_index.shape == (len(items), 2)
    seen = narrow.seen(0)
    assert not np.array_equal(narrow.scores(seen), wide.scores(seen))


def test_memory_grows_with_the_catalogue_times_neighbours_not_its_square():
    # MovieLens has about 10,000 movies: a dense item-by-item matrix would take 800 MB.
    rng = np.random.default_rng(0)
    n_items, neighbours = 4000, 20
    interactions = pd.DataFrame(
        {
            "user_id": rng.integers(0, 300, size=6000),
            "item_id": rng.integers(0, n_items, size=6000),
            "timestamp": np.arange(6000),
        }
    ).drop_duplicates(["user_id", "item_id"])
    items = pd.DataFrame(
        {
            "item_id": np.arange(n_items),
            "title": [f"item {i}" for i in range(n_items)],
            "genres": "drama",
            "released_at": 0,
        }
    )
    model = ItemKNNRecommender(neighbours).fit(interactions, items)
    stored = sum(v.nbytes for v in vars(model).values() if isinstance(v, np.ndarray))
    assert stored < n_items * neighbours * 8 * 4
    assert len(model.recommend(int(interactions["user_id"].iloc[0]), 10)) == 10


def test_interactions_with_unknown_items_are_refused_with_the_ids(split, items):
    stray = pd.DataFrame({"user_id": [0], "item_id": [12345], "timestamp": [0]})
    with pytest.raises(ValueError, match=r"missing from the items table: \[12345\]"):
        ItemKNNRecommender().fit(pd.concat([split.train, stray]), items)
