"""Prediction for one or many texts, loading the saved model (or training one when none is saved yet)."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from .data import load_tickets, split
from .train import MODEL_PATH, load, save, train


@dataclass(frozen=True)
class Prediction:
    label: str
    confidence: float


def load_or_train():
    if MODEL_PATH.exists():
        return load(MODEL_PATH)
    model = train(split(load_tickets()).train)
    save(model)
    return model


def predict(model, texts: list[str]) -> list[Prediction]:
    probabilities = model.predict_proba(texts)
    classes = list(model.classes_)
    return [
        Prediction(label=str(classes[row.argmax()]), confidence=float(row.max()))
        for row in probabilities
    ]


def main() -> None:
    texts = sys.argv[1:] or ["My card was charged twice"]
    for text, prediction in zip(texts, predict(load_or_train(), texts)):
        print(f"{prediction.label:10s} {prediction.confidence:.2f}  {text}")


if __name__ == "__main__":
    main()
