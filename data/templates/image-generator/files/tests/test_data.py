"""Data tests: shapes, ranges, balance and determinism."""

import numpy as np
import pytest

from {{packageName}}.data import SHAPES, SIZE, draw, make_dataset, split


def test_images_have_the_expected_shape_and_range(dataset):
    assert dataset.images.shape[1:] == (SIZE, SIZE)
    assert dataset.images.dtype == np.float32
    assert dataset.images.min() >= 0.0 and dataset.images.max() <= 1.0


def test_classes_are_balanced(dataset):
    counts = np.bincount(dataset.labels, minlength=len(SHAPES))
    assert counts.min() == counts.max()


def test_no_blank_images(dataset):
    assert (dataset.images.reshape(len(dataset.images), -1).sum(axis=1) > 5).all()


def test_generation_is_deterministic(dataset):
    again = make_dataset()
    assert np.array_equal(again.images, dataset.images)


def test_split_sizes(dataset):
    train_part, test_part = split(dataset)
    assert len(train_part.labels) + len(test_part.labels) == len(dataset.labels)


def test_unknown_shape_is_rejected():
    with pytest.raises(ValueError, match="unknown shape"):
        draw("dragon", np.random.default_rng(0))
