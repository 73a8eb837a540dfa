"""`make evaluate`: scores the saved generator on the held-out test split and records the run.

Is a sample the requested class (judged by a classifier that can say "none of these")? Is it as far
from the training images as new real images are (memorisation)? Are samples of a class diverse?
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import torch

from . import tracking
from .data import Dataset, Split, data_files, draw, load_dataset, split_dataset
from .judge import REJECTED, ShapeJudge, nearest_mse
from .model import MODEL_PATH, load_generator


class MeanImageBaseline:
    """Returns the average training image of the requested class: on-topic, blurry, never new."""

    def __init__(self, data: Dataset):
        n_classes = len(data.class_names)
        self.means = np.stack(
            [data.images[data.labels == i].mean(axis=0) for i in range(n_classes)]
        )

    def sample(
        self, labels: torch.Tensor, generator: torch.Generator | None = None
    ) -> torch.Tensor:
        return torch.from_numpy(self.means[labels.numpy()])


def diversity(images: np.ndarray, labels: np.ndarray) -> float:
    """Mean absolute pixel difference between images of the same class: 0 means mode collapse."""
    flat = images.reshape(len(images), -1)
    per_class = [
        np.abs(flat[labels == c][:, None] - flat[labels == c][None]).mean()
        for c in np.unique(labels)
    ]
    return float(np.mean(per_class))


def sample_metrics(
    generator, judge: ShapeJudge, split: Split, n_per_class: int = 50, seed: int = 0
) -> dict[str, float]:
    labels = torch.arange(len(split.train.class_names)).repeat_interleave(n_per_class)
    samples = generator.sample(labels, torch.Generator().manual_seed(seed)).numpy()
    judged = judge.predict(samples)
    to_train = float(np.median(nearest_mse(samples, split.train.images)))
    held_out = float(np.median(nearest_mse(split.test.images, split.train.images)))
    return {
        "judged_correct": float((judged == labels.numpy()).mean()),
        "rejected": float((judged == REJECTED).mean()),
        # Median distance to the closest training image; new real images set the scale.
        "nn_train_mse": to_train,
        # About 1: as novel as unseen real images; near 0: copies of the training set.
        "nn_ratio_vs_held_out": to_train / held_out,
        "diversity": diversity(samples, labels.numpy()),
    }


def real_reference(judge: ShapeJudge, split: Split) -> dict[str, float]:
    """The same metrics for real held-out images: the judge's accuracy and the scale."""
    judged = judge.predict(split.test.images)
    return {
        "judged_correct": float((judged == split.test.labels).mean()),
        "rejected": float((judged == REJECTED).mean()),
        "nn_train_mse": float(np.median(nearest_mse(split.test.images, split.train.images))),
        "nn_ratio_vs_held_out": 1.0,
        "diversity": diversity(split.test.images, split.test.labels),
    }


def negative_controls(judge: ShapeJudge, n: int = 100, seed: int = 0) -> dict[str, float]:
    """Share of images that are none of the classes which the judge wrongly accepts (want 0)."""
    rng = np.random.default_rng(seed)
    noise = rng.random((n, *judge.train.images.shape[1:])).astype(np.float32)
    triangles = np.stack([draw("triangle", rng) for _ in range(n)])
    return {
        "noise_accepted": float((judge.predict(noise) != REJECTED).mean()),
        "triangles_accepted": float((judge.predict(triangles) != REJECTED).mean()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-path", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    if not args.model_path.exists():
        raise SystemExit(f"no trained model at {args.model_path}: run make train first")
    model, _, meta = load_generator(args.model_path)
    split = split_dataset(load_dataset(meta["data"]))
    # The judge is part of the metric, not of the model: refitting it here is deterministic.
    judge = ShapeJudge.fit(split.train, split.validation)
    metrics = {
        "real test images": real_reference(judge, split),
        "mean-image baseline": sample_metrics(MeanImageBaseline(split.train), judge, split),
        "conditional VAE": sample_metrics(model, judge, split),
        "judge negative controls": negative_controls(judge),
    }
    tracking.record_run(
        metrics,
        params={**meta, "judge_threshold": round(judge.threshold, 5)},
        split=split.describe(),
        model_path=args.model_path,
        data_paths=data_files(meta["data"]),
    )
    for name, values in metrics.items():
        print(f"{name:>24}: " + ", ".join(f"{m} {v:.3f}" for m, v in values.items()))
    print(f"recorded in {tracking.METRICS_PATH} and {tracking.EXPERIMENTS_PATH}; make report")
    return 0


if __name__ == "__main__":
    sys.exit(main())
