"""Small 16x16 greyscale shape images, generated with a fixed seed so the project trains offline in seconds.

Swap `make_dataset` for your own images (float32 in [0, 1], shape N x 16 x 16, with a label per image) and record
their licence in the deploy checklist before training on them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SIZE = 16
SHAPES = ("circle", "square", "cross")
SEED = 42


def draw(shape: str, rng: np.random.Generator) -> np.ndarray:
    """One image of `shape` at a random position and size."""
    image = np.zeros((SIZE, SIZE), dtype=np.float32)
    # Sizes and positions vary a little: enough to need a generative model, few enough to learn in seconds.
    r = int(rng.integers(4, 7))
    cy, cx = (SIZE // 2 + int(v) for v in rng.integers(-1, 2, size=2))
    yy, xx = np.mgrid[0:SIZE, 0:SIZE]
    if shape == "circle":
        image[(yy - cy) ** 2 + (xx - cx) ** 2 <= r * r] = 1.0
    elif shape == "square":
        image[cy - r : cy + r + 1, cx - r : cx + r + 1] = 1.0
    elif shape == "cross":
        image[cy - r : cy + r + 1, cx - 1 : cx + 2] = 1.0
        image[cy - 1 : cy + 2, cx - r : cx + r + 1] = 1.0
    else:
        raise ValueError(f"unknown shape {shape!r}; expected one of {SHAPES}")
    return image


@dataclass(frozen=True)
class Dataset:
    images: np.ndarray  # N x SIZE x SIZE, float32 in [0, 1]
    labels: np.ndarray  # N, int index into SHAPES


def make_dataset(per_shape: int = 200, seed: int = SEED) -> Dataset:
    rng = np.random.default_rng(seed)
    images, labels = [], []
    for label, shape in enumerate(SHAPES):
        for _ in range(per_shape):
            images.append(draw(shape, rng))
            labels.append(label)
    order = rng.permutation(len(images))
    return Dataset(np.stack(images)[order], np.array(labels)[order])


def split(data: Dataset, test_fraction: float = 0.2) -> tuple[Dataset, Dataset]:
    n_test = int(len(data.labels) * test_fraction)
    return (
        Dataset(data.images[n_test:], data.labels[n_test:]),
        Dataset(data.images[:n_test], data.labels[:n_test]),
    )
