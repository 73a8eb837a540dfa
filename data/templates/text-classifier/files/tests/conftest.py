from pathlib import Path

import pytest

from {{packageName}}.data import load_tickets, split
from {{packageName}}.train import train_model

PROJECT_DIR = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def tickets():
    return load_tickets()


@pytest.fixture(scope="session")
def data(tickets):
    return split(tickets)


@pytest.fixture(scope="session")
def model(data):
    return train_model(data)
