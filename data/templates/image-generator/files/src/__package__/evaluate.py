"""Sample quality without a pretrained judge: is it the right shape, is it realistic, is it diverse, is it novel?"""

from __future__ import annotations

import json

import numpy as np
import torch

from .data import SHAPES, Dataset, make_dataset, split
from .train import PROJECT_ROOT, train

REPORT_PATH = PROJECT_ROOT / "reports" / "metrics.json"


class MeanImageBaseline:
    """Always returns the average training image of the requested shape: realistic-looking on average, never new."""

    def __init__(self, data: Dataset):
        self.means = np.stack([data.images[data.labels == i].mean(axis=0) for i in range(len(SHAPES))])

    def sample(self, labels: torch.Tensor, generator: torch.Generator | None = None) -> torch.Tensor:
        return torch.from_numpy(self.means[labels.numpy()])


def fill_ratio(images: np.ndarray) -> np.ndarray:
    """Share of the bounding box the shape fills: about 1 for squares, 0.65 for circles, 0.45 for crosses."""
    ratios = []
    for image in images:
        on = image > 0.5
        if not on.any():
            ratios.append(0.0)
            continue
        ys, xs = np.nonzero(on)
        ratios.append(on.sum() / ((ys.max() - ys.min() + 1) * (xs.max() - xs.min() + 1)))
    return np.array(ratios)


class ShapeJudge:
    """Classifies an image by its fill ratio; interpretable and position-invariant, fitted on real images."""

    def __init__(self, data: Dataset):
        ratios = fill_ratio(data.images)
        self.centres = np.array([ratios[data.labels == i].mean() for i in range(len(SHAPES))])

    def predict(self, images: np.ndarray) -> np.ndarray:
        return np.abs(fill_ratio(images)[:, None] - self.centres[None]).argmin(axis=1)


def evaluate(generator_model, train_data: Dataset, n_per_shape: int = 50, seed: int = 0) -> dict[str, float]:
    labels = torch.arange(len(SHAPES)).repeat_interleave(n_per_shape)
    samples = generator_model.sample(labels, torch.Generator().manual_seed(seed)).numpy()
    flat, real = samples.reshape(len(samples), -1), train_data.images.reshape(len(train_data.images), -1)
    distances = ((flat[:, None, :] - real[None, :, :]) ** 2).mean(axis=2)
    pairwise = [
        float(np.abs(flat[labels == i][:, None] - flat[labels == i][None]).mean())
        for i in range(len(SHAPES))
    ]
    return {
        # The requested shape, as judged by a classifier fitted on real images.
        "shape_accuracy": float((ShapeJudge(train_data).predict(samples) == labels.numpy()).mean()),
        # Mean squared distance to the closest real image: lower is more realistic.
        "nearest_real_mse": float(distances.min(axis=1).mean()),
        # Mean absolute difference between samples of the same shape: 0 means mode collapse.
        "diversity": float(np.mean(pairwise)),
    }


def compare() -> dict[str, dict[str, float]]:
    train_data, _ = split(make_dataset())
    return {
        "baseline (mean image)": evaluate(MeanImageBaseline(train_data), train_data),
        "conditional VAE": evaluate(train(train_data), train_data),
    }


def main() -> None:
    results = compare()
    REPORT_PATH.parent.mkdir(parents=True, exist_ok=True)
    REPORT_PATH.write_text(json.dumps(results, indent=2) + "\n")
    metrics = list(next(iter(results.values())))
    print("| model | " + " | ".join(metrics) + " |")
    print("|---" * (len(metrics) + 1) + "|")
    for name, values in results.items():
        print(f"| {name} | " + " | ".join(f"{values[m]:.3f}" for m in metrics) + " |")


if __name__ == "__main__":
    main()
