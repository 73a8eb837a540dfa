"""Service tests through FastAPI's TestClient (no server process needed)."""

import pytest
from fastapi.testclient import TestClient

from {{packageName}}.api import create_app
from {{packageName}}.data import LABELS


@pytest.fixture(scope="module")
def client(model):
    return TestClient(create_app(model))


def test_health(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_predict(client):
    response = client.post("/predict", json={"text": "Where is my package?"})
    assert response.status_code == 200
    body = response.json()
    assert body["label"] in LABELS
    assert body["label"] == "shipping"
    assert 0.0 <= body["confidence"] <= 1.0


@pytest.mark.parametrize("payload", [{}, {"text": ""}, {"text": "x" * 6000}])
def test_predict_rejects_bad_input(client, payload):
    assert client.post("/predict", json=payload).status_code == 422
