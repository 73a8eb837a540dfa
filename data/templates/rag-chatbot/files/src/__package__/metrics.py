"""The scores training (on validation) and evaluation (on test) both report, computed one way."""

from __future__ import annotations

import pandas as pd

from .data import ANSWERABLE
from .model import Answer, Chatbot


def is_right(answer: Answer, phrase: str) -> bool:
    """Answered with a sentence that contains the expected phrase (the cited source is the
    document of that sentence by construction; retrieval metrics check the labelled document).
    An unanswerable question (no phrase) has no right answer."""
    return bool(phrase) and not answer.refused and phrase.lower() in answer.text.lower()


def _share(numerator: int, denominator: int) -> float:
    # An empty denominator (no refusals, say) scores 0: nothing to credit.
    return numerator / denominator if denominator else 0.0


def score(chatbot: Chatbot, questions: pd.DataFrame, k: int = 3) -> dict[str, float]:
    """Answers (accuracy on answerable questions), refusals (precision and recall on unanswerable
    ones), the decision accuracy over all questions, and retrieval (recall@k, MRR)."""
    answers = [chatbot.answer(q) for q in questions["question"]]
    answerable = list(questions[ANSWERABLE])
    right = [is_right(a, phrase) for a, phrase in zip(answers, questions["answer"], strict=True)]
    refused = [a.refused for a in answers]
    refused_unanswerable = sum(r and not a for r, a in zip(refused, answerable, strict=True))
    ranks = []
    for question, doc_id in zip(questions["question"], questions["doc_id"], strict=True):
        if doc_id:
            ranked = [p.doc_id for p, _ in chatbot.retriever.search(question, k=10_000)]
            ranks.append(ranked.index(doc_id) + 1 if doc_id in ranked else None)
    return {
        "answer_accuracy": _share(sum(right), sum(answerable)),
        "refusal_precision": _share(refused_unanswerable, sum(refused)),
        "refusal_recall": _share(refused_unanswerable, len(answerable) - sum(answerable)),
        "decision_accuracy": _share(sum(right) + refused_unanswerable, len(answers)),
        f"recall@{k}": _share(sum(r is not None and r <= k for r in ranks), len(ranks)),
        "mrr": sum(1 / r for r in ranks if r) / len(ranks) if ranks else 0.0,
    }
