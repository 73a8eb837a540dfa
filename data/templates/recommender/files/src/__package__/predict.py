"""Recommendations for a user id, from the saved model (or a freshly fitted one when none is saved yet)."""

from __future__ import annotations

import sys

from .data import leave_last_out, load_interactions, load_items
from .train import MODEL_PATH, load, save, train


def load_or_train():
    if MODEL_PATH.exists():
        return load(MODEL_PATH)
    model = train(leave_last_out(load_interactions()).train, len(load_items()))
    save(model)
    return model


def recommend(model, user_id: int, k: int = 10) -> tuple[list[int], bool]:
    """The items, and whether the user was unknown (cold start: popular items instead of personal ones)."""
    return model.recommend(user_id, k), not model.is_known(user_id)


def main() -> None:
    user = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    items, cold = recommend(load_or_train(), user)
    titles = load_items().set_index("item_id")["title"]
    print(f"user {user}{' (cold start)' if cold else ''}: " + ", ".join(titles[i] for i in items))


if __name__ == "__main__":
    main()
