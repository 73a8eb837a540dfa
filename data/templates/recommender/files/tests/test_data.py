"""Data tests: schema, invariants and a split that never trains on the future."""

from {{packageName}}.data import COLUMNS, GENRES, load_interactions


def test_schema(interactions, items):
    assert tuple(interactions.columns) == COLUMNS
    assert set(items.columns) == {"item_id", "title", "genre"}
    assert set(items["genre"]) <= set(GENRES)


def test_ids_are_in_range(interactions, items):
    assert interactions["item_id"].between(0, len(items) - 1).all()
    assert (interactions["user_id"] >= 0).all()


def test_no_duplicate_user_item_pairs(interactions):
    assert not interactions.duplicated(subset=["user_id", "item_id"]).any()


def test_generation_is_deterministic(interactions, items):
    assert load_interactions(items=items).equals(interactions)


def test_popularity_has_a_long_tail(interactions):
    counts = interactions["item_id"].value_counts()
    assert counts.iloc[0] >= 5 * counts.iloc[-1]


def test_split_holds_out_each_users_latest_items(split):
    last_train = split.train.groupby("user_id")["timestamp"].max()
    first_test = split.test.groupby("user_id")["timestamp"].min()
    assert (last_train < first_test.loc[last_train.index]).all()
    assert (split.test.groupby("user_id").size() == 3).all()
