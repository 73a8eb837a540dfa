"""Recommendations for a user from the saved model, on the command line:

python -m {{packageName}}.predict USER_ID
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .model import MODEL_PATH, PopularityRecommender, load_model


def recommend(model: PopularityRecommender, user_id: int, k: int = 10) -> tuple[list[int], bool]:
    """The items, and whether the user was unknown (cold start: popular items, not personal)."""
    return model.recommend(user_id, k), not model.is_known(user_id)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("user_id", type=int)
    parser.add_argument("-k", type=int, default=10, help="how many items")
    parser.add_argument("--model-path", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    try:
        model = load_model(args.model_path)
    except (FileNotFoundError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    items, cold = recommend(model, args.user_id, args.k)
    note = " (cold start: most popular items)" if cold else ""
    print(f"user {args.user_id}:{note} " + "; ".join(model.title(i) for i in items))
    return 0


if __name__ == "__main__":
    sys.exit(main())
