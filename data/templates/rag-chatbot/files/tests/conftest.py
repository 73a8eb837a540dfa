import pytest

from {{packageName}}.data import load_documents, load_eval_questions, to_passages
from {{packageName}}.train import build_index


@pytest.fixture(scope="session")
def documents():
    return load_documents()


@pytest.fixture(scope="session")
def passages(documents):
    return to_passages(documents)


@pytest.fixture(scope="session")
def questions():
    return load_eval_questions()


@pytest.fixture(scope="session")
def index(passages):
    return build_index(passages)
