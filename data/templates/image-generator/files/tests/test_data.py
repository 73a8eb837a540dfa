"""Data tests: shapes, ranges, balance, novelty of held-out images, and the optdigits reader."""

from pathlib import Path

import numpy as np
import pytest

from {{packageName}} import data
from {{packageName}}.data import (
    SHAPES,
    SIZE,
    draw,
    make_shapes,
    read_optdigits,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "optdigits"


def test_images_have_the_expected_shape_and_range(dataset):
    assert dataset.images.shape[1:] == (SIZE, SIZE)
    assert dataset.images.dtype == np.float32
    assert dataset.images.min() >= 0.0 and dataset.images.max() <= 1.0


def test_classes_are_balanced(dataset):
    counts = np.bincount(dataset.labels, minlength=len(SHAPES))
    assert counts.min() == counts.max()


def test_no_blank_images(dataset):
    assert (dataset.images.reshape(len(dataset), -1).sum(axis=1) > 5).all()


def test_generation_is_deterministic(dataset):
    assert np.array_equal(make_shapes().images, dataset.images)


def test_held_out_images_are_not_copies_of_training_images(split):
    # Otherwise "samples are far from the training set" would be impossible for real data too.
    train = split.train.images.reshape(len(split.train), -1)
    test = split.test.images.reshape(len(split.test), -1)
    nearest = ((test[:, None] - train[None]) ** 2).mean(axis=2).min(axis=1)
    assert (nearest > 1e-4).all()


def test_split_is_a_partition_with_every_class_in_each_part(dataset, split):
    parts = (split.train, split.validation, split.test)
    assert sum(len(p) for p in parts) == len(dataset)
    assert [len(p) for p in parts] == [360, 120, 120]
    for part in parts:
        assert set(part.labels) == set(range(len(SHAPES)))


def test_unknown_shape_is_rejected():
    with pytest.raises(ValueError, match="unknown shape"):
        draw("dragon", np.random.default_rng(0))


def test_optdigits_sample_reads_as_16x16_images():
    sample = read_optdigits([FIXTURES / "optdigits-sample.tra"])
    rows = np.loadtxt(FIXTURES / "optdigits-sample.tra", delimiter=",", dtype=int)
    assert sample.images.shape == (len(rows), SIZE, SIZE)
    assert sample.images.min() >= 0.0 and sample.images.max() <= 1.0
    assert list(sample.labels) == list(rows[:, -1])
    assert sample.class_names[int(rows[0, -1])] == data.DIGIT_NAMES[int(rows[0, -1])]
    # Each 8x8 count (0-16) becomes a 2x2 block of the same grey level.
    assert sample.images[0, 0, 2] == sample.images[0, 1, 3] == rows[0, 1] / 16


def test_optdigits_reader_rejects_other_files(tmp_path):
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("1,2,3\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not optdigits rows"):
        read_optdigits([wrong])


def test_download_offline_fails_with_a_clear_message(tmp_path):
    # Port 9 on localhost refuses connections: the same code path as having no internet.
    with pytest.raises(data.DownloadError, match="could not download .*127.0.0.1:9"):
        data.download_optdigits(tmp_path, base_url="http://127.0.0.1:9/")
    assert not any(tmp_path.iterdir())
