"""Retrievers and the chatbot. They live in this importable module so an index pickled by
`python -m ...train` loads in any other process (the API, `predict`, `evaluate`); a class defined
in `__main__` would not.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import joblib
import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from .data import Passage, sentences
from .guard import looks_like_injection
from .tracking import PROJECT_ROOT

MODEL_PATH = PROJECT_ROOT / "models" / "index.joblib"
REFUSAL = "I don't know: the documentation does not cover that."
INJECTION_REFUSAL = "I can only answer questions about the documentation."


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


def _stem(word: str) -> str:
    """A crude suffix stripper, enough for "notes", "imported" and "syncing" to match their stem."""
    for suffix, min_length in (("ing", 6), ("ed", 5), ("s", 4)):
        if word.endswith(suffix) and len(word) >= min_length and not word.endswith("ss"):
            return word[: -len(suffix)]
    return word


def terms(text: str) -> list[str]:
    """The words that carry meaning, in order: stop words dropped, suffixes stripped."""
    return [_stem(w) for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in ENGLISH_STOP_WORDS]


def content_terms(text: str) -> set[str]:
    return set(terms(text))


class KeywordRetriever:
    """Ranks passages by how many question words they share: the simplest thing that could work."""

    name = "keyword overlap"

    def fit(self, passages: list[Passage]) -> KeywordRetriever:
        # Instructions hidden in documents are dropped at indexing time: never retrieved.
        self.passages = [p for p in passages if not looks_like_injection(p.text)]
        self.dropped = len(passages) - len(self.passages)
        return self

    def scores(self, question: str) -> np.ndarray:
        words = _words(question)
        return np.array(
            [len(words & _words(p.title + " " + p.text)) for p in self.passages], dtype=float
        )

    def search(self, question: str, k: int = 3) -> list[tuple[Passage, float]]:
        scores = self.scores(question)
        order = np.argsort(-scores, kind="stable")[:k]
        return [(self.passages[i], float(scores[i])) for i in order]


class TfidfRetriever(KeywordRetriever):
    """Cosine similarity of TF-IDF vectors of `terms` and their bigrams."""

    name = "tf-idf"

    def fit(self, passages: list[Passage]) -> TfidfRetriever:
        super().fit(passages)
        # `terms` is a module-level function, so the fitted vectorizer pickles by reference.
        self.vectorizer = TfidfVectorizer(
            tokenizer=terms,
            token_pattern=None,
            lowercase=False,
            ngram_range=(1, 2),
            sublinear_tf=True,
        )
        self.matrix = self.vectorizer.fit_transform([p.title + " " + p.text for p in self.passages])
        return self

    def scores(self, question: str) -> np.ndarray:
        # TF-IDF rows are L2-normalised, so the dot product is the cosine similarity.
        return (self.matrix @ self.vectorizer.transform([question]).T).toarray().ravel()


@dataclass(frozen=True)
class Answer:
    text: str
    sources: list[str] = field(default_factory=list)
    refused: bool = False
    # The best retrieval score: what the refusal threshold is compared with.
    score: float = 0.0


class Chatbot:
    """Guard, retrieve, then answer with one sentence and the document it came from, or refuse.

    Refuses when the best retrieval score is below `min_score` (chosen on validation questions).
    """

    def __init__(self, retriever: KeywordRetriever, min_score: float = 0.0, k: int = 3) -> None:
        self.retriever = retriever
        self.params: dict[str, object] = {
            "retriever": retriever.name,
            "min_score": min_score,
            "k": k,
        }
        # Filled in by training: the validation scores behind min_score.
        self.validation: dict[str, float] = {}

    def fit(self, passages: list[Passage]) -> Chatbot:
        self.retriever.fit(passages)
        # Inverse document frequency over sentences: rare words decide which sentence answers.
        units = [content_terms(s) for p in self.retriever.passages for s in sentences(p.text)]
        counts = Counter(term for unit in units for term in unit)
        self.idf = {t: math.log((1 + len(units)) / (1 + n)) + 1 for t, n in counts.items()}
        return self

    def answer(self, question: str, min_score: float | None = None) -> Answer:
        if looks_like_injection(question):
            return Answer(INJECTION_REFUSAL, refused=True)
        threshold = self.params["min_score"] if min_score is None else min_score
        results = self.retriever.search(question, int(self.params["k"]))
        top = results[0][1] if results else 0.0
        if not results or top < threshold or top <= 0:
            return Answer(REFUSAL, refused=True, score=top)
        terms = content_terms(question)
        candidates = [(s, p.doc_id) for p, _ in results for s in sentences(p.text)]
        # max keeps the first of equal scores, i.e. the sentence from the better-ranked passage.
        best, doc_id = max(
            candidates, key=lambda c: sum(self.idf.get(t, 0.0) for t in terms & content_terms(c[0]))
        )
        return Answer(best, sources=[doc_id], score=top)


def save(model: Chatbot, path: Path = MODEL_PATH) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, path)
    return path


def load(path: Path = MODEL_PATH) -> Chatbot:
    if not path.exists():
        raise FileNotFoundError(f"no index at {path}; run make train first")
    return joblib.load(path)


def load_or_exit(path: Path = MODEL_PATH) -> Chatbot:
    """For the command line: the saved model, or exit with the reason (status 1)."""
    try:
        return load(path)
    except FileNotFoundError as error:
        raise SystemExit(str(error)) from None
