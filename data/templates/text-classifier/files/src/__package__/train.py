"""Training: a TF-IDF + logistic regression classifier, and the majority-class baseline it must beat."""

from __future__ import annotations

from pathlib import Path

import joblib
import pandas as pd
from sklearn.dummy import DummyClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from .data import LABEL, PROJECT_ROOT, SEED, TEXT, load_tickets, split

MODEL_PATH = PROJECT_ROOT / "models" / "model.joblib"


def build_model() -> Pipeline:
    # Word and bigram TF-IDF is a strong, explainable baseline for short texts; lowercase handles casing.
    return Pipeline(
        [
            ("tfidf", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, lowercase=True)),
            ("clf", LogisticRegression(C=10.0, max_iter=1000, random_state=SEED)),
        ]
    )


def build_baseline() -> DummyClassifier:
    return DummyClassifier(strategy="most_frequent")


def train(df: pd.DataFrame, model: Pipeline | DummyClassifier | None = None):
    model = model if model is not None else build_model()
    model.fit(df[TEXT], df[LABEL])
    return model


def save(model, path: Path = MODEL_PATH) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, path)
    return path


def load(path: Path = MODEL_PATH):
    return joblib.load(path)


def main() -> None:
    data = split(load_tickets())
    model = train(data.train)
    path = save(model)
    print(f"trained on {len(data.train)} tickets; saved to {path}")


if __name__ == "__main__":
    main()
