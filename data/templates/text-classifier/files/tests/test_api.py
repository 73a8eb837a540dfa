"""Service tests through FastAPI's TestClient (no server process needed)."""

import json

import pytest
from conftest import PROJECT_DIR
from fastapi.testclient import TestClient

from {{packageName}}.api import create_app
from {{packageName}}.model import save

EXAMPLE = json.loads(
    (PROJECT_DIR / "examples" / "predict_request.json").read_text(encoding="utf-8")
)


@pytest.fixture(scope="module")
def client(model):
    return TestClient(create_app(model))


def test_health_when_the_model_is_loaded(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_predict_the_readme_example(client):
    response = client.post("/predict", json=EXAMPLE)
    assert response.status_code == 200
    body = response.json()
    assert body["label"] == "shipping"
    assert 0.0 <= body["confidence"] <= 1.0
    assert body["needs_review"] is False


def test_unclear_ticket_is_flagged_for_review(client):
    assert (
        client.post("/predict", json={"text": "I have a question"}).json()["needs_review"] is True
    )


@pytest.mark.parametrize("payload", [{}, {"text": ""}, {"text": "   \n\t "}, {"text": "x" * 6000}])
def test_predict_rejects_bad_input(client, payload):
    assert client.post("/predict", json=payload).status_code == 422


def test_demo_page(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "<form" in response.text


def test_model_is_loaded_at_startup(tmp_path, model):
    path = save(model, tmp_path / "model.joblib")
    with TestClient(create_app(model_path=path)) as started:
        assert started.get("/health").status_code == 200
        assert started.post("/predict", json=EXAMPLE).status_code == 200


def test_not_ready_without_a_trained_model(tmp_path):
    with TestClient(create_app(model_path=tmp_path / "missing.joblib")) as not_ready:
        health = not_ready.get("/health")
        assert health.status_code == 503
        assert health.json()["status"] == "not ready"
        assert "make train" in health.json()["reason"]
        predicted = not_ready.post("/predict", json=EXAMPLE)
        assert predicted.status_code == 503
        assert predicted.json()["reason"] == health.json()["reason"]


def test_not_ready_with_an_unreadable_model(tmp_path):
    path = tmp_path / "model.joblib"
    path.write_bytes(b"not a model")
    with TestClient(create_app(model_path=path)) as not_ready:
        response = not_ready.get("/health")
        assert response.status_code == 503
        assert "could not load" in response.json()["reason"]
