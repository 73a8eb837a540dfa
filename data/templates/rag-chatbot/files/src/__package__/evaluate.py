"""Evaluation of the SAVED index on the test questions (nothing is tuned here), recorded with
tracking: answers, refusals and retrieval, beside the keyword-overlap baseline."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .data import DOCS_DIR, EVAL_PATH, load_documents, load_eval_questions, split_questions
from .metrics import score
from .model import MODEL_PATH, KeywordRetriever, load_or_exit
from .tracking import record_run
from .train import train_model


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score the saved index on the test questions.")
    parser.add_argument("--docs", type=Path, default=DOCS_DIR, help="folder of Markdown documents")
    parser.add_argument(
        "--questions", type=Path, default=EVAL_PATH, help="evaluation questions CSV"
    )
    parser.add_argument(
        "--model", type=Path, default=MODEL_PATH, help="the index saved by make train"
    )
    args = parser.parse_args(argv)
    chatbot = load_or_exit(args.model)
    documents = load_documents(args.docs)
    data = split_questions(load_eval_questions(args.questions, documents))
    # The baseline learns nothing but its threshold, chosen on validation like the model's.
    baseline = train_model(chatbot.retriever.passages, data.validation, KeywordRetriever())
    name = chatbot.params["retriever"]
    metrics = {
        "baseline (keyword overlap), test": score(baseline, data.test),
        f"{name}, validation": {k: v for k, v in chatbot.validation.items() if k != "questions"},
        f"{name}, test": score(chatbot, data.test),
    }
    run = record_run(
        metrics,
        params=chatbot.params,
        split=data.describe(),
        model_path=args.model,
        data_paths=[args.docs, args.questions],
    )
    for row, values in metrics.items():
        print(f"{row:34s} " + "  ".join(f"{k} {v:.3f}" for k, v in values.items()))
    print(
        "recorded in reports/metrics.json and reports/experiments.csv "
        f"(index sha256 {run['model_sha256'][:12]})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
