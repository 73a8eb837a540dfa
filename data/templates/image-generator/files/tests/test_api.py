"""Service tests through FastAPI's TestClient (no server process needed)."""

import base64
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from {{packageName}}.api import create_app
from {{packageName}}.data import SHAPES

EXAMPLE_PATH = Path(__file__).resolve().parents[1] / "examples" / "predict_request.json"


@pytest.fixture(scope="module")
def client(model):
    return TestClient(create_app(model, class_names=SHAPES))


def test_health_is_ok_when_the_model_is_loaded(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_the_readme_example_request_is_served(client):
    response = client.post("/predict", json=json.loads(EXAMPLE_PATH.read_text(encoding="utf-8")))
    assert response.status_code == 200, response.text


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


@pytest.mark.parametrize(
    "payload", [{}, {"prompt": ""}, {"prompt": "   "}, {"prompt": "circle", "seed": -1}]
)
def test_predict_rejects_bad_input(client, payload):
    assert client.post("/predict", json=payload).status_code == 422


def test_the_demo_page_is_served_at_the_root(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    # The form is prefilled with the README's example request (HTML-escaped).
    assert "&quot;prompt&quot;" in response.text


@pytest.fixture
def unready(tmp_path):
    return TestClient(create_app(model_path=tmp_path / "models" / "cvae.pt"))


def test_health_is_503_with_a_reason_until_a_model_is_trained(unready):
    response = unready.get("/health")
    assert response.status_code == 503
    assert response.json()["status"] == "not ready"
    assert "make train" in response.json()["reason"]


def test_predict_is_503_until_a_model_is_trained(unready):
    response = unready.post("/predict", json={"prompt": "circle"})
    assert response.status_code == 503
    assert "make train" in response.json()["reason"]


def test_a_corrupt_model_file_is_reported_not_served(tmp_path):
    path = tmp_path / "cvae.pt"
    path.write_bytes(b"not a model")
    response = TestClient(create_app(model_path=path)).get("/health")
    assert response.status_code == 503
    assert path.name in response.json()["reason"]
