"""Service tests through FastAPI's TestClient (no server process needed)."""

import pytest
from fastapi.testclient import TestClient

from {{packageName}}.api import create_app


@pytest.fixture(scope="module")
def client(model):
    return TestClient(create_app(model))


def test_health(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_predict_known_user(client):
    body = client.post("/predict", json={"user_id": 1, "k": 5}).json()
    assert len(body["items"]) == 5
    assert body["cold_start"] is False


def test_predict_cold_start(client):
    assert client.post("/predict", json={"user_id": 99999}).json()["cold_start"] is True


@pytest.mark.parametrize("payload", [{}, {"user_id": -1}, {"user_id": 1, "k": 0}, {"user_id": "x"}])
def test_predict_rejects_bad_input(client, payload):
    assert client.post("/predict", json=payload).status_code == 422
