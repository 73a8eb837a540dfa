import pytest
import torch

from {{packageName}}.data import make_dataset, split
from {{packageName}}.train import train

# A network this small trains fastest on one thread, and parallel CI runners do not fight over cores.
torch.set_num_threads(1)


@pytest.fixture(scope="session")
def dataset():
    return make_dataset()


@pytest.fixture(scope="session")
def train_data(dataset):
    return split(dataset)[0]


@pytest.fixture(scope="session")
def model(train_data):
    return train(train_data)
