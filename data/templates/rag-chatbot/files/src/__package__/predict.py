"""Answering a question: guard, retrieve, then answer extractively with sources, or refuse.

The extractive answerer needs no model download; to use a generative model, send `guard.build_prompt(...)` to it
and keep the same guard, sources and refusal rules around it.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field

from .data import sentences
from .guard import looks_like_injection
from .train import MODEL_PATH, build_index, load, save

MIN_SCORE = 0.1
REFUSAL = "I don't know: the documentation does not cover that."
INJECTION_REFUSAL = "I can only answer questions about the documentation."


@dataclass(frozen=True)
class Answer:
    text: str
    sources: list[str] = field(default_factory=list)
    refused: bool = False


def load_or_build():
    if MODEL_PATH.exists():
        return load(MODEL_PATH)
    index = build_index()
    save(index)
    return index


def answer(index, question: str, k: int = 3) -> Answer:
    if looks_like_injection(question):
        return Answer(INJECTION_REFUSAL, refused=True)
    results = [(p, s) for p, s in index.search(question, k) if s >= MIN_SCORE]
    if not results:
        return Answer(REFUSAL, refused=True)
    words = set(re.findall(r"[a-z0-9]+", question.lower()))
    candidates = [(sentence, p.doc_id) for p, _ in results for sentence in sentences(p.text)]
    best, _ = max(
        candidates, key=lambda c: len(words & set(re.findall(r"[a-z0-9]+", c[0].lower())))
    )
    return Answer(best, sources=sorted({p.doc_id for p, _ in results}))


def main() -> None:
    question = " ".join(sys.argv[1:]) or "How do I export all my notes?"
    result = answer(load_or_build(), question)
    print(result.text)
    print("sources:", ", ".join(result.sources) or "-")


if __name__ == "__main__":
    main()
