"""The model classes, in an importable module: a model pickled by `python -m ...train` must load in
any other process (the API, `predict`, `evaluate`), which a class defined in `__main__` would not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import joblib
import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from .data import LABEL, TEXT
from .tracking import PROJECT_ROOT

MODEL_PATH = PROJECT_ROOT / "models" / "model.joblib"
SEED = 42


@dataclass(frozen=True)
class Prediction:
    label: str
    confidence: float
    # True when the confidence is below the review threshold: a person should route this ticket.
    needs_review: bool


class TicketClassifier:
    """TF-IDF (words, bigrams) + logistic regression; below `review_threshold` a person reviews."""

    def __init__(self, C: float = 1.0, review_threshold: float = 0.0) -> None:
        self.params: dict[str, float] = {"C": C, "review_threshold": review_threshold}
        # Filled in by training: the validation scores behind the choices above.
        self.validation: dict[str, float] = {}
        self.pipeline = Pipeline(
            [
                ("tfidf", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, lowercase=True)),
                ("clf", LogisticRegression(C=C, max_iter=2000, random_state=SEED)),
            ]
        )

    def fit(self, df: pd.DataFrame) -> TicketClassifier:
        self.pipeline.fit(df[TEXT], df[LABEL])
        return self

    @property
    def labels(self) -> list[str]:
        return [str(label) for label in self.pipeline.classes_]

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        return self.pipeline.predict_proba(list(texts))

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        threshold = self.params["review_threshold"]
        labels = self.labels
        return [
            Prediction(labels[row.argmax()], float(row.max()), bool(row.max() < threshold))
            for row in self.probabilities(texts)
        ]


class Baseline:
    """Always the most frequent training label: the score any real model must clearly beat."""

    def fit(self, df: pd.DataFrame) -> Baseline:
        self.label = str(df[LABEL].mode()[0])
        return self

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        return [Prediction(self.label, 1.0, False) for _ in texts]


def save(model: TicketClassifier, path: Path = MODEL_PATH) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, path)
    return path


def load(path: Path = MODEL_PATH) -> TicketClassifier:
    if not path.exists():
        raise FileNotFoundError(f"no trained model at {path}; run make train first")
    return joblib.load(path)


def load_or_exit(path: Path = MODEL_PATH) -> TicketClassifier:
    """For the command line: the saved model, or exit with the reason (status 1)."""
    try:
        return load(path)
    except FileNotFoundError as error:
        raise SystemExit(str(error)) from None
