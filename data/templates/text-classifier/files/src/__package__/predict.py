"""`python -m <package>.predict "ticket text" ...`: label, confidence and review flag."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .model import MODEL_PATH, load_or_exit


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Route tickets with the saved model.")
    parser.add_argument("texts", nargs="+", help="ticket texts")
    parser.add_argument(
        "--model", type=Path, default=MODEL_PATH, help="the model saved by make train"
    )
    args = parser.parse_args(argv)
    model = load_or_exit(args.model)
    for text, prediction in zip(args.texts, model.predict(args.texts), strict=True):
        review = "needs review" if prediction.needs_review else "auto-route"
        print(f"{prediction.label} {prediction.confidence:.2f} {review}  {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
