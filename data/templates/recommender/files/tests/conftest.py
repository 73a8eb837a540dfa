import pytest

from {{packageName}}.data import load_dataset, temporal_split
from {{packageName}}.model import ItemKNNRecommender


@pytest.fixture(scope="session")
def dataset():
    return load_dataset()


@pytest.fixture(scope="session")
def interactions(dataset):
    return dataset[0]


@pytest.fixture(scope="session")
def items(dataset):
    return dataset[1]


@pytest.fixture(scope="session")
def split(interactions):
    return temporal_split(interactions)


@pytest.fixture(scope="session")
def model(split, items):
    return ItemKNNRecommender(neighbours=20).fit(split.train, items)
