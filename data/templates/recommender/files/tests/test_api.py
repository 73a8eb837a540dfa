"""Service tests through FastAPI's TestClient (no server process needed)."""

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from {{packageName}}.api import create_app

EXAMPLE_PATH = Path(__file__).resolve().parents[1] / "examples" / "predict_request.json"


@pytest.fixture(scope="module")
def client(model):
    return TestClient(create_app(model))


def test_health_is_ok_when_the_model_is_loaded(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_the_readme_example_request_is_served(client):
    response = client.post("/predict", json=json.loads(EXAMPLE_PATH.read_text(encoding="utf-8")))
    assert response.status_code == 200, response.text


def test_predict_known_user(client):
    body = client.post("/predict", json={"user_id": 1, "k": 5}).json()
    assert len(body["items"]) == 5
    assert len(body["titles"]) == 5
    assert body["cold_start"] is False


def test_predict_cold_start(client):
    assert client.post("/predict", json={"user_id": 99999}).json()["cold_start"] is True


@pytest.mark.parametrize("payload", [{}, {"user_id": -1}, {"user_id": 1, "k": 0}, {"user_id": "x"}])
def test_predict_rejects_bad_input(client, payload):
    assert client.post("/predict", json=payload).status_code == 422


def test_the_demo_page_is_served_at_the_root(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    # The form is prefilled with the README's example request (HTML-escaped).
    assert "&quot;user_id&quot;" in response.text


@pytest.fixture
def unready(tmp_path):
    return TestClient(create_app(model_path=tmp_path / "models" / "recommender.npz"))


def test_health_is_503_with_a_reason_until_a_model_is_trained(unready):
    response = unready.get("/health")
    assert response.status_code == 503
    assert response.json()["status"] == "not ready"
    assert "make train" in response.json()["reason"]


def test_predict_is_503_until_a_model_is_trained(unready):
    response = unready.post("/predict", json={"user_id": 1})
    assert response.status_code == 503
    assert "make train" in response.json()["reason"]


def test_a_corrupt_model_file_is_reported_not_served(tmp_path):
    path = tmp_path / "recommender.npz"
    path.write_bytes(b"not a model")
    response = TestClient(create_app(model_path=path)).get("/health")
    assert response.status_code == 503
    assert str(path.name) in response.json()["reason"]
