"""Retrieval evaluation: does the right document come back for each question in data/eval_questions.csv?"""

from __future__ import annotations

import json

from .data import load_eval_questions
from .train import PROJECT_ROOT, KeywordRetriever, build_index

REPORT_PATH = PROJECT_ROOT / "reports" / "metrics.json"


def evaluate(index, questions=None, k: int = 3) -> dict[str, float]:
    questions = questions if questions is not None else load_eval_questions()
    hits, reciprocal_ranks = 0, []
    for question, doc_id in zip(questions["question"], questions["doc_id"]):
        ranked = [p.doc_id for p, _ in index.search(question, k=len(index.passages))]
        rank = ranked.index(doc_id) + 1 if doc_id in ranked else None
        hits += rank is not None and rank <= k
        reciprocal_ranks.append(1 / rank if rank else 0.0)
    return {f"recall@{k}": hits / len(questions), "mrr": sum(reciprocal_ranks) / len(questions)}


def compare() -> dict[str, dict[str, float]]:
    return {
        "baseline (keyword overlap)": evaluate(build_index(retriever=KeywordRetriever())),
        "tf-idf retriever": evaluate(build_index()),
    }


def main() -> None:
    results = compare()
    REPORT_PATH.parent.mkdir(parents=True, exist_ok=True)
    REPORT_PATH.write_text(json.dumps(results, indent=2) + "\n")
    metrics = list(next(iter(results.values())))
    print("| retriever | " + " | ".join(metrics) + " |")
    print("|---" * (len(metrics) + 1) + "|")
    for name, values in results.items():
        print(f"| {name} | " + " | ".join(f"{values[m]:.3f}" for m in metrics) + " |")


if __name__ == "__main__":
    main()
