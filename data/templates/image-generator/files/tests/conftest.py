import pytest
import torch

from {{packageName}}.data import make_dataset, split
from {{packageName}}.train import train

# Small networks train faster on few threads; this also keeps parallel CI runners from fighting.
torch.set_num_threads(2)


@pytest.fixture(scope="session")
def dataset():
    return make_dataset()


@pytest.fixture(scope="session")
def train_data(dataset):
    return split(dataset)[0]


@pytest.fixture(scope="session")
def model(train_data):
    return train(train_data)
