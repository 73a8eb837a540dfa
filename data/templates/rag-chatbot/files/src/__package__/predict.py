"""`python -m <package>.predict "question"`: the answer and its source from the saved index.

The extractive answerer needs no model download; to use a generative model, send
`guard.build_prompt(...)` to it and keep the same guard, sources and refusal rules around it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .model import MODEL_PATH, load_or_exit


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Answer a question from the documentation.")
    parser.add_argument("question", nargs="+", help="the question")
    parser.add_argument(
        "--model", type=Path, default=MODEL_PATH, help="the index saved by make train"
    )
    args = parser.parse_args(argv)
    chatbot = load_or_exit(args.model)
    result = chatbot.answer(" ".join(args.question))
    print(result.text)
    print("sources:", ", ".join(result.sources) or "-")
    return 0


if __name__ == "__main__":
    sys.exit(main())
