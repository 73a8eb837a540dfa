from pathlib import Path

import pytest

from {{packageName}}.data import (
    load_documents,
    load_eval_questions,
    split_questions,
    to_passages,
)
from {{packageName}}.train import train_model

PROJECT_DIR = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def documents():
    return load_documents()


@pytest.fixture(scope="session")
def passages(documents):
    return to_passages(documents)


@pytest.fixture(scope="session")
def questions(documents):
    return load_eval_questions(documents=documents)


@pytest.fixture(scope="session")
def data(questions):
    return split_questions(questions)


@pytest.fixture(scope="session")
def model(passages, data):
    return train_model(passages, data.validation)
