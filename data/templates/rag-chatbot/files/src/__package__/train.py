"""Building the index ("training"): the refusal threshold is chosen on the validation questions;
the test questions are left for evaluate."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from .data import (
    ANSWERABLE,
    DOCS_DIR,
    EVAL_PATH,
    Passage,
    load_documents,
    load_eval_questions,
    split_questions,
    to_passages,
)
from .metrics import is_right, score
from .model import MODEL_PATH, Chatbot, KeywordRetriever, TfidfRetriever, save


def build_chatbot(
    passages: list[Passage], retriever: KeywordRetriever | None = None, min_score: float = 0.0
) -> Chatbot:
    return Chatbot(retriever or TfidfRetriever(), min_score=min_score).fit(passages)


def choose_min_score(
    scores: Sequence[float], right: Sequence[bool], answerable: Sequence[bool]
) -> float:
    """The refusal threshold with the most right decisions (a right answer to an answerable
    question, a refusal of an unanswerable one); the lowest of equals, to refuse less.

    Candidates lie halfway between neighbouring scores, so a threshold never sits on a score.
    """
    levels = sorted(set(scores))
    candidates = [0.0] + [(a + b) / 2 for a, b in zip(levels, levels[1:], strict=False)]
    candidates.append(levels[-1] + 1e-9 if levels else 0.0)

    def right_decisions(threshold: float) -> int:
        return sum(
            (ok if s >= threshold else not can)
            for s, ok, can in zip(scores, right, answerable, strict=True)
        )

    return max(candidates, key=lambda t: (right_decisions(t), -t))


def train_model(
    passages: list[Passage], validation: pd.DataFrame, retriever: KeywordRetriever | None = None
) -> Chatbot:
    """Indexes the passages, then sets the refusal threshold on the validation questions."""
    chatbot = build_chatbot(passages, retriever)
    answers = [chatbot.answer(q, min_score=0.0) for q in validation["question"]]
    right = [is_right(a, phrase) for a, phrase in zip(answers, validation["answer"], strict=True)]
    min_score = choose_min_score([a.score for a in answers], right, list(validation[ANSWERABLE]))
    chatbot.params = {**chatbot.params, "min_score": min_score}
    chatbot.validation = {"questions": len(validation), **score(chatbot, validation)}
    return chatbot


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the retrieval index and save it.")
    parser.add_argument("--docs", type=Path, default=DOCS_DIR, help="folder of Markdown documents")
    parser.add_argument(
        "--questions", type=Path, default=EVAL_PATH, help="evaluation questions CSV"
    )
    parser.add_argument("--model", type=Path, default=MODEL_PATH, help="where to save the index")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    documents = load_documents(args.docs)
    validation = split_questions(load_eval_questions(args.questions, documents)).validation
    chatbot = train_model(to_passages(documents), validation)
    path = save(chatbot, args.model)
    v = chatbot.validation
    print(
        f"indexed {len(chatbot.retriever.passages)} passages from {len(documents)} documents "
        f"({chatbot.retriever.dropped} dropped by the guard) "
        f"in {time.perf_counter() - started:.1f} s; refusal threshold "
        f"{chatbot.params['min_score']:.3f} chosen on {v['questions']} validation "
        f"questions (answer accuracy {v['answer_accuracy']:.3f}, refusal recall "
        f"{v['refusal_recall']:.3f}); saved to {path}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
