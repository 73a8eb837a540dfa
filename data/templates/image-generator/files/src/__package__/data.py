"""Small 16x16 greyscale images with a label each: seeded synthetic shapes by default, handwritten
digits (UCI optdigits) after `make data`.

Both sources give a `Dataset`: float32 images in [0, 1] (N x 16 x 16), integer labels, and the class
names, which are also the prompts the generator accepts.
"""

from __future__ import annotations

import argparse
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .tracking import PROJECT_ROOT

SIZE = 16
SHAPES = ("circle", "square", "cross")
# Drawn only as a negative control: the judge must not recognise it as one of SHAPES.
OUT_OF_SCOPE_SHAPES = ("triangle",)
SEED = 42
SOURCES = ("shapes", "optdigits")
SUPERSAMPLE = 4
OPTDIGITS_DIR = PROJECT_ROOT / "data" / "optdigits"
OPTDIGITS_URL = "https://archive.ics.uci.edu/ml/machine-learning-databases/optdigits/"
OPTDIGITS_FILES = ("optdigits.tra", "optdigits.tes")
DIGIT_NAMES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


class DownloadError(RuntimeError):
    """The dataset could not be fetched (offline, moved, or refused)."""


def draw(shape: str, rng: np.random.Generator) -> np.ndarray:
    """One anti-aliased image of `shape` with a random size and position (continuous, so no two
    images are the same and held-out images are genuinely new)."""
    n = SIZE * SUPERSAMPLE
    r = rng.uniform(3.5, 6.0) * SUPERSAMPLE
    cy, cx = (SIZE / 2 + rng.uniform(-1.5, 1.5, size=2)) * SUPERSAMPLE
    dy, dx = np.mgrid[0:n, 0:n] + 0.5 - np.array([cy, cx])[:, None, None]
    arm = 1.5 * SUPERSAMPLE
    if shape == "circle":
        on = dy**2 + dx**2 <= r * r
    elif shape == "square":
        on = (np.abs(dy) <= r) & (np.abs(dx) <= r)
    elif shape == "cross":
        on = ((np.abs(dy) <= r) & (np.abs(dx) <= arm)) | ((np.abs(dx) <= r) & (np.abs(dy) <= arm))
    elif shape == "triangle":
        on = (np.abs(dy) <= r) & (np.abs(dx) <= (dy + r) / 2)
    else:
        raise ValueError(f"unknown shape {shape!r}; expected one of {SHAPES + OUT_OF_SCOPE_SHAPES}")
    # Averaging a 4x finer drawing gives soft, realistic edges.
    return on.reshape(SIZE, SUPERSAMPLE, SIZE, SUPERSAMPLE).mean(axis=(1, 3)).astype(np.float32)


@dataclass(frozen=True)
class Dataset:
    images: np.ndarray  # N x SIZE x SIZE, float32 in [0, 1]
    labels: np.ndarray  # N, int index into class_names
    class_names: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.labels)

    def subset(self, index: np.ndarray) -> Dataset:
        return Dataset(self.images[index], self.labels[index], self.class_names)


def make_shapes(per_shape: int = 200, seed: int = SEED) -> Dataset:
    rng = np.random.default_rng(seed)
    labels = np.repeat(np.arange(len(SHAPES)), per_shape)
    images = np.stack([draw(SHAPES[label], rng) for label in labels])
    order = rng.permutation(len(labels))
    return Dataset(images[order], labels[order], SHAPES)


def read_optdigits(paths: list[Path]) -> Dataset:
    """UCI optdigits CSV rows (64 counts 0-16 of an 8x8 grid, then the digit) as 16x16 images."""
    rows = np.concatenate(
        [np.loadtxt(path, delimiter=",", dtype=np.int64, ndmin=2) for path in paths]
    )
    if rows.shape[1] != 65 or rows.min() < 0 or rows[:, :64].max() > 16 or rows[:, 64].max() > 9:
        raise ValueError(
            f"{', '.join(map(str, paths))}: not optdigits rows (64 values 0-16, a digit)"
        )
    small = rows[:, :64].reshape(-1, 8, 8).astype(np.float32) / 16.0
    images = small.repeat(2, axis=1).repeat(2, axis=2)
    return Dataset(images, rows[:, 64], DIGIT_NAMES)


def download_optdigits(target: Path = OPTDIGITS_DIR, base_url: str | None = None) -> Path:
    base_url = base_url or OPTDIGITS_URL
    fetched = {}
    for name in OPTDIGITS_FILES:
        try:
            with urllib.request.urlopen(base_url + name, timeout=60) as response:
                fetched[name] = response.read()
        except (urllib.error.URLError, OSError) as error:
            raise DownloadError(
                f"could not download {base_url + name} ({error}). Check the internet connection; "
                "the synthetic shapes (the default) still work offline."
            ) from None
    target.mkdir(parents=True, exist_ok=True)
    for name, content in fetched.items():
        (target / name).write_bytes(content)
    read_optdigits([target / name for name in OPTDIGITS_FILES])  # fails loudly on a bad download
    return target


def data_files(source: str) -> list[Path]:
    """The files a run's data hash covers: the generator's code, or the downloaded files."""
    if source == "shapes":
        return [Path(__file__).resolve()]
    return [OPTDIGITS_DIR / name for name in OPTDIGITS_FILES]


def load_dataset(source: str = "shapes") -> Dataset:
    if source == "shapes":
        return make_shapes()
    if source != "optdigits":
        raise ValueError(f"unknown data source {source!r}; expected one of {SOURCES}")
    paths = data_files(source)
    if not all(path.exists() for path in paths):
        raise FileNotFoundError(f"no {OPTDIGITS_DIR}; run `make data` (needs internet) first")
    return read_optdigits(paths)


@dataclass(frozen=True)
class Split:
    train: Dataset
    validation: Dataset
    test: Dataset

    def describe(self) -> dict[str, object]:
        return {
            "train": len(self.train),
            "validation": len(self.validation),
            "test": len(self.test),
            "method": "seeded random permutation: 60% train, 20% validation, 20% test",
        }


def split_dataset(data: Dataset, seed: int = SEED) -> Split:
    """Train fits the models, validation chooses the latent size and the judge's threshold, test is
    only read by `make evaluate`."""
    order = np.random.default_rng(seed).permutation(len(data))
    n_train, n_validation = int(len(data) * 0.6), int(len(data) * 0.2)
    return Split(
        data.subset(order[:n_train]),
        data.subset(order[n_train : n_train + n_validation]),
        data.subset(order[n_train + n_validation :]),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--download", action="store_true", help=f"fetch optdigits from {OPTDIGITS_URL}"
    )
    args = parser.parse_args(argv)
    if not args.download:
        print(f"synthetic shapes: {len(make_shapes())} images (generated, nothing to fetch)")
        return 0
    try:
        target = download_optdigits()
    except DownloadError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(
        f"UCI optdigits: {len(load_dataset('optdigits'))} images in {target} (CC BY 4.0); "
        "train on them with `--data optdigits`."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
