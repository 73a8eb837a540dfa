"""Model tests: beats popularity, handles cold start, and is checked for popularity bias."""

from {{packageName}}.evaluate import evaluate
from {{packageName}}.train import PopularityRecommender, load, save, train


def test_beats_the_popularity_baseline(split, items, model):
    baseline = evaluate(train(split.train, len(items), PopularityRecommender()), split, len(items))
    ours = evaluate(model, split, len(items))
    assert ours["recall@10"] >= baseline["recall@10"] * 1.2


def test_popularity_bias_is_lower_than_the_baseline(split, items, model):
    baseline = evaluate(train(split.train, len(items), PopularityRecommender()), split, len(items))
    ours = evaluate(model, split, len(items))
    assert ours["coverage"] > baseline["coverage"]
    assert ours["mean_popularity_percentile"] < baseline["mean_popularity_percentile"]


def test_never_recommends_what_the_user_has_seen(split, model):
    seen = set(split.train.loc[split.train["user_id"] == 0, "item_id"])
    assert seen.isdisjoint(model.recommend(0, 20))


def test_cold_start_user_gets_popular_items(model):
    unknown = 10_000
    assert not model.is_known(unknown)
    items = model.recommend(unknown, 5)
    assert len(items) == 5
    assert items == sorted(items, key=lambda i: -model.popularity_[i])


def test_recommendations_are_deterministic(model):
    assert model.recommend(3, 10) == model.recommend(3, 10)


def test_save_and_load_round_trip(tmp_path, model):
    assert load(save(model, tmp_path / "model.joblib")).recommend(1, 10) == model.recommend(1, 10)
