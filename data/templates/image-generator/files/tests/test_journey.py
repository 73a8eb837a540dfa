"""The day-one journey in separate processes: `python -m ... train`, then predict, serve and
evaluate in other processes.

Training and serving run in different processes in real life; a model that only loads in the
process that trained it must fail here, not in production.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from {{packageName}} import evaluate, tracking
from {{packageName}}.api import create_app
from {{packageName}}.data import make_shapes, split_dataset
from {{packageName}}.model import ConditionalVAE

PROJECT_ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = json.loads(
    (PROJECT_ROOT / "examples" / "predict_request.json").read_text(encoding="utf-8")
)


def run_module(module: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT / "src"), "OMP_NUM_THREADS": "1"}
    return subprocess.run(
        [sys.executable, "-m", f"{tracking.__package__}.{module}", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    model_path = tmp_path_factory.mktemp("models") / "cvae.pt"
    # Few epochs keep the test quick; the journey is the same as `make train`.
    result = run_module("train", "--model-path", str(model_path), "--epochs", "8")
    assert result.returncode == 0, result.stderr
    return model_path, result.stdout


def test_train_summary_counts_what_it_trained_on_and_held_out(trained):
    _, stdout = trained
    split = split_dataset(make_shapes())
    assert f"trained on {len(split.train)} images" in stdout
    assert f"{len(split.validation)} validation" in stdout
    assert f"{len(split.test)} test images held out for make evaluate" in stdout


def test_a_model_trained_by_the_cli_serves_from_another_process(trained):
    model_path, _ = trained
    client = TestClient(create_app(model_path=model_path))
    assert client.get("/health").json()["status"] == "ok"
    response = client.post("/predict", json=EXAMPLE)
    assert response.status_code == 200, response.text


def test_the_predict_cli_loads_the_saved_model(trained):
    model_path, _ = trained
    result = run_module("predict", "--model-path", str(model_path), "square")
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 16


def test_the_predict_cli_explains_a_missing_model(tmp_path):
    result = run_module("predict", "--model-path", str(tmp_path / "none.pt"), "square")
    assert result.returncode != 0
    assert "make train" in result.stderr


@pytest.fixture
def reports(tmp_path, monkeypatch):
    monkeypatch.setattr(tracking, "REPORTS_DIR", tmp_path)
    monkeypatch.setattr(tracking, "METRICS_PATH", tmp_path / "metrics.json")
    monkeypatch.setattr(tracking, "EXPERIMENTS_PATH", tmp_path / "experiments.csv")
    return tmp_path


def test_evaluate_scores_the_saved_model_without_retraining(trained, reports, monkeypatch):
    model_path, _ = trained

    def retrain(*_args, **_kwargs):
        raise AssertionError("evaluate must score the saved generator, not train a new one")

    monkeypatch.setattr(ConditionalVAE, "forward", retrain)
    evaluate.main(["--model-path", str(model_path)])
    run = json.loads((reports / "metrics.json").read_text(encoding="utf-8"))
    assert run["model_sha256"] == tracking.sha256_of([model_path])
    assert {"conditional VAE", "mean-image baseline", "real test images"} <= set(run["metrics"])
    assert run["metrics"]["judge negative controls"]["noise_accepted"] == 0.0
    assert run["split"]["test"] == 120
    assert run["params"]["latent_dim"] in (2, 4, 8)
    assert len((reports / "experiments.csv").read_text(encoding="utf-8").splitlines()) == 2


def test_evaluate_without_a_model_says_run_make_train_first(tmp_path, reports):
    with pytest.raises(SystemExit, match="run make train first"):
        evaluate.main(["--model-path", str(tmp_path / "none.pt")])
