"""Model tests: samples are the requested shape, realistic, diverse and not copies; beats the mean-image baseline."""

import numpy as np
import torch

from {{packageName}}.data import SHAPES
from {{packageName}}.evaluate import MeanImageBaseline, evaluate
from {{packageName}}.train import load, save


def test_samples_have_the_requested_shape(model, train_data):
    assert evaluate(model, train_data)["shape_accuracy"] >= 0.75


def test_more_realistic_and_diverse_than_the_baseline(model, train_data):
    baseline = evaluate(MeanImageBaseline(train_data), train_data)
    ours = evaluate(model, train_data)
    assert ours["nearest_real_mse"] < baseline["nearest_real_mse"]
    assert ours["diversity"] > baseline["diversity"] + 0.05


def test_samples_are_not_copies_of_training_images(model, train_data):
    samples = model.sample(torch.arange(len(SHAPES)).repeat(10), torch.Generator().manual_seed(1))
    flat = samples.numpy().reshape(len(samples), -1)
    real = train_data.images.reshape(len(train_data.images), -1)
    nearest = ((flat[:, None] - real[None]) ** 2).mean(axis=2).min(axis=1)
    assert (nearest > 1e-4).all()


def test_outputs_are_numerically_stable(model):
    samples = model.sample(torch.zeros(16, dtype=torch.long)).numpy()
    assert np.isfinite(samples).all()
    assert samples.min() >= 0.0 and samples.max() <= 1.0


def test_same_seed_same_image(model):
    labels = torch.tensor([0, 1, 2])
    first = model.sample(labels, torch.Generator().manual_seed(7))
    second = model.sample(labels, torch.Generator().manual_seed(7))
    assert torch.equal(first, second)


def test_save_and_load_round_trip(tmp_path, model):
    loaded = load(save(model, tmp_path / "cvae.pt"))
    labels = torch.tensor([0, 1, 2])
    expected = model.sample(labels, torch.Generator().manual_seed(3))
    assert torch.allclose(loaded.sample(labels, torch.Generator().manual_seed(3)), expected)


def test_the_judge_recognises_real_shapes(train_data, dataset):
    from {{packageName}}.data import split
    from {{packageName}}.evaluate import ShapeJudge

    test_part = split(dataset)[1]
    assert (ShapeJudge(train_data).predict(test_part.images) == test_part.labels).mean() >= 0.95
