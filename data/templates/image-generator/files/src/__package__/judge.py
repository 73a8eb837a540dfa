"""The judge that scores generated images: a small classifier trained on real images, with a
"none of these" class and an out-of-distribution check, so noise or an unseen shape is rejected
instead of being labelled as the nearest class.

- The classifier has one more output than there are classes, trained on negatives: noise, random
  speckles, and elongated rectangles and ellipses (near misses of squares and circles). Triangles
  are never shown to it: the tests use them to check that rejection generalises.
- The out-of-distribution check rejects any image further from the training images of its predicted
  class than every real validation image is (the threshold comes from the validation split).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from .data import SIZE, SUPERSAMPLE, Dataset

REJECTED = -1


def _elongated(kind: str, rng: np.random.Generator) -> np.ndarray:
    n = SIZE * SUPERSAMPLE
    short = rng.uniform(2.0, 3.5) * SUPERSAMPLE
    long = short * rng.uniform(1.7, 2.8)
    a, b = (short, long) if rng.random() < 0.5 else (long, short)
    cy, cx = (SIZE / 2 + rng.uniform(-2, 2, size=2)) * SUPERSAMPLE
    dy, dx = np.mgrid[0:n, 0:n] + 0.5 - np.array([cy, cx])[:, None, None]
    if kind == "rectangle":
        on = (np.abs(dy) <= a) & (np.abs(dx) <= b)
    else:
        on = (dy / a) ** 2 + (dx / b) ** 2 <= 1
    return on.reshape(SIZE, SUPERSAMPLE, SIZE, SUPERSAMPLE).mean(axis=(1, 3)).astype(np.float32)


def negatives(n: int, rng: np.random.Generator) -> np.ndarray:
    """Images that are none of the classes, for the classifier's extra output."""
    makers = (
        lambda: (rng.random((SIZE, SIZE)) * rng.uniform(0.3, 1.0)).astype(np.float32),
        lambda: (rng.random((SIZE, SIZE)) < rng.uniform(0.1, 0.5)).astype(np.float32),
        lambda: _elongated("rectangle", rng),
        lambda: _elongated("ellipse", rng),
    )
    return np.stack([makers[i % len(makers)]() for i in range(n)])


def _flat(images: np.ndarray) -> np.ndarray:
    return np.asarray(images, dtype=np.float32).reshape(len(images), -1)


def nearest_mse(images: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """For each image, the mean squared pixel difference to its closest image in `reference`."""
    a, b = _flat(images), _flat(reference)
    squared = (a**2).sum(1)[:, None] - 2 * a @ b.T + (b**2).sum(1)[None]
    return np.maximum(squared.min(axis=1), 0.0) / a.shape[1]


@dataclass
class ShapeJudge:
    classifier: nn.Module
    train: Dataset
    threshold: float

    @classmethod
    def fit(
        cls, train: Dataset, validation: Dataset, seed: int = 0, epochs: int = 300
    ) -> ShapeJudge:
        rng = np.random.default_rng(seed)
        n_classes = len(train.class_names)
        fake = negatives(len(train), rng)
        x = torch.from_numpy(np.concatenate([_flat(train.images), _flat(fake)]))
        y = torch.from_numpy(np.concatenate([train.labels, np.full(len(fake), n_classes)])).long()
        torch.manual_seed(seed)
        classifier = nn.Sequential(
            nn.Linear(SIZE * SIZE, 64), nn.ReLU(), nn.Linear(64, n_classes + 1)
        )
        optimiser = torch.optim.Adam(classifier.parameters(), lr=3e-3, weight_decay=1e-4)
        for _ in range(epochs):
            loss = F.cross_entropy(classifier(x), y)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
        judge = cls(classifier.eval(), train, threshold=np.inf)
        predicted = judge._classify(validation.images)
        known = predicted != REJECTED
        distances = judge._distance_to_class(validation.images[known], predicted[known])
        judge.threshold = float(distances.max())
        return judge

    @torch.no_grad()
    def _classify(self, images: np.ndarray) -> np.ndarray:
        predicted = self.classifier(torch.from_numpy(_flat(images))).argmax(dim=1).numpy()
        return np.where(predicted == len(self.train.class_names), REJECTED, predicted)

    def _distance_to_class(self, images: np.ndarray, labels: np.ndarray) -> np.ndarray:
        distances = np.full(len(images), np.inf)
        for label in np.unique(labels):
            mine = labels == label
            distances[mine] = nearest_mse(
                images[mine], self.train.images[self.train.labels == label]
            )
        return distances

    def predict(self, images: np.ndarray) -> np.ndarray:
        """The class index of each image, or REJECTED (-1) for none of the classes."""
        predicted = self._classify(images)
        known = predicted != REJECTED
        too_far = np.zeros(len(images), dtype=bool)
        too_far[known] = self._distance_to_class(images[known], predicted[known]) > self.threshold
        return np.where(too_far, REJECTED, predicted)
