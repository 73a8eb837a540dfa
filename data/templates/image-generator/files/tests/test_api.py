"""Service tests through FastAPI's TestClient (no server process needed)."""

import base64

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


def test_predict_returns_a_png(client):
    response = client.post("/predict", json={"prompt": "cross", "seed": 3})
    assert response.status_code == 200
    body = response.json()
    png = base64.b64decode(body["png_base64"])
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert (body["width"], body["height"]) == (16, 16)


def test_unsafe_prompt_is_refused(client):
    response = client.post("/predict", json={"prompt": "nsfw"})
    assert response.status_code == 422
    assert "safety filter" in response.json()["detail"]


@pytest.mark.parametrize("payload", [{}, {"prompt": ""}, {"prompt": "circle", "seed": -1}])
def test_predict_rejects_bad_input(client, payload):
    assert client.post("/predict", json=payload).status_code == 422
