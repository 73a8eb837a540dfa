"""Retrievers: TF-IDF cosine similarity, and the keyword-overlap baseline it must beat. "Training" builds the index."""

from __future__ import annotations

import re
from pathlib import Path

import joblib
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from .data import PROJECT_ROOT, Passage, load_documents, to_passages
from .guard import looks_like_injection

MODEL_PATH = PROJECT_ROOT / "models" / "index.joblib"


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


class KeywordRetriever:
    """Ranks passages by how many question words they share: the simplest thing that could work."""

    def fit(self, passages: list[Passage]) -> KeywordRetriever:
        # Instructions hidden in documents are dropped at indexing time, so they can never be retrieved.
        self.passages = [p for p in passages if not looks_like_injection(p.text)]
        self.dropped = len(passages) - len(self.passages)
        return self

    def scores(self, question: str) -> np.ndarray:
        words = _words(question)
        return np.array([len(words & _words(p.title + " " + p.text)) for p in self.passages], dtype=float)

    def search(self, question: str, k: int = 3) -> list[tuple[Passage, float]]:
        scores = self.scores(question)
        order = np.argsort(-scores, kind="stable")[:k]
        return [(self.passages[i], float(scores[i])) for i in order]


class TfidfRetriever(KeywordRetriever):
    def fit(self, passages: list[Passage]) -> TfidfRetriever:
        super().fit(passages)
        self.vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, stop_words="english")
        self.matrix = self.vectorizer.fit_transform([p.title + " " + p.text for p in self.passages])
        return self

    def scores(self, question: str) -> np.ndarray:
        # TF-IDF rows are L2-normalised, so the dot product is the cosine similarity.
        return (self.matrix @ self.vectorizer.transform([question]).T).toarray().ravel()


def build_index(passages: list[Passage] | None = None, retriever=None):
    passages = passages if passages is not None else to_passages(load_documents())
    return (retriever if retriever is not None else TfidfRetriever()).fit(passages)


def save(index, path: Path = MODEL_PATH) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(index, path)
    return path


def load(path: Path = MODEL_PATH):
    return joblib.load(path)


def main() -> None:
    index = build_index()
    print(f"indexed {len(index.passages)} passages ({index.dropped} dropped by the guard); saved to {save(index)}")


if __name__ == "__main__":
    main()
