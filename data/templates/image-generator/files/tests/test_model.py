"""Model tests: the judge cannot be fooled by noise or an unseen shape, samples are the requested
shape, diverse and not copies, and the latent size is chosen without looking at the test split."""

import numpy as np
import pytest
import torch

from {{packageName}}.data import SHAPES, draw
from {{packageName}}.evaluate import (
    MeanImageBaseline,
    sample_metrics,
)
from {{packageName}}.judge import REJECTED
from {{packageName}}.model import load_generator, save_generator
from {{packageName}}.train import tune_latent_dim


class CopyingGenerator:
    """A generator that memorised its training set: the memorisation metric must flag it."""

    def __init__(self, data):
        self.data = data

    def sample(self, labels, generator=None):
        picks = [np.flatnonzero(self.data.labels == int(c))[i] for i, c in enumerate(labels)]
        return torch.from_numpy(self.data.images[picks])


@pytest.fixture(scope="module")
def negative_controls():
    rng = np.random.default_rng(123)
    noise = rng.random((50, 16, 16)).astype(np.float32)
    triangles = np.stack([draw("triangle", rng) for _ in range(50)])
    return noise, triangles


def test_the_judge_recognises_held_out_real_images(judge, split):
    assert (judge.predict(split.test.images) == split.test.labels).mean() >= 0.9


def test_the_judge_rejects_noise(judge, negative_controls):
    noise, _ = negative_controls
    assert (judge.predict(noise) == REJECTED).all()


def test_the_judge_rejects_a_shape_it_was_never_shown(judge, negative_controls):
    _, triangles = negative_controls
    assert (judge.predict(triangles) == REJECTED).mean() >= 0.9


def test_samples_have_the_requested_shape(model, judge, split):
    assert sample_metrics(model, judge, split)["judged_correct"] >= 0.75


def test_the_memorisation_metric_flags_a_copying_generator(judge, split):
    copier = sample_metrics(CopyingGenerator(split.train), judge, split, n_per_class=20)
    assert copier["nn_ratio_vs_held_out"] < 0.1


def test_samples_are_as_far_from_the_training_set_as_new_real_images(model, judge, split):
    assert sample_metrics(model, judge, split)["nn_ratio_vs_held_out"] > 0.5


def test_more_diverse_than_the_mean_image_baseline(model, judge, split):
    baseline = sample_metrics(MeanImageBaseline(split.train), judge, split)
    ours = sample_metrics(model, judge, split)
    assert baseline["diversity"] == 0.0
    assert ours["diversity"] > 0.05


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
    path = save_generator(model, tmp_path / "cvae.pt", SHAPES, {"note": "test"})
    loaded, class_names, meta = load_generator(path)
    labels = torch.tensor([0, 1, 2])
    expected = model.sample(labels, torch.Generator().manual_seed(3))
    assert torch.allclose(loaded.sample(labels, torch.Generator().manual_seed(3)), expected)
    assert class_names == SHAPES
    assert meta == {"note": "test"}


def test_latent_size_is_tuned_without_looking_at_the_test_split(split):
    chosen, losses = tune_latent_dim(split, candidates=(2, 4), epochs=3)
    blind = split.__class__(split.train, split.validation, split.test.subset(np.arange(0)))
    assert tune_latent_dim(blind, candidates=(2, 4), epochs=3) == (chosen, losses)
    assert losses[chosen] == min(losses.values())
