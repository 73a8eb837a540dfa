import pytest
import torch

from {{packageName}}.data import make_shapes, split_dataset
from {{packageName}}.judge import ShapeJudge
from {{packageName}}.train import train_generator

# Networks this small train fastest on one thread, and parallel CI runners do not fight over cores.
torch.set_num_threads(1)


@pytest.fixture(scope="session")
def dataset():
    return make_shapes()


@pytest.fixture(scope="session")
def split(dataset):
    return split_dataset(dataset)


@pytest.fixture(scope="session")
def model(split):
    return train_generator(split.train, latent_dim=2)


@pytest.fixture(scope="session")
def judge(split):
    return ShapeJudge.fit(split.train, split.validation)
