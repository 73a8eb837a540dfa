import pytest

from {{packageName}}.data import leave_last_out, load_interactions, load_items
from {{packageName}}.train import train


@pytest.fixture(scope="session")
def items():
    return load_items()


@pytest.fixture(scope="session")
def interactions(items):
    return load_interactions(items=items)


@pytest.fixture(scope="session")
def split(interactions):
    return leave_last_out(interactions)


@pytest.fixture(scope="session")
def model(split, items):
    return train(split.train, len(items))
