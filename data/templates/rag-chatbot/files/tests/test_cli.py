"""The commands as the Makefile runs them: what `make train` saves, other processes load."""

import os
import subprocess
import sys

import pytest
from conftest import PROJECT_DIR

from {{packageName}} import evaluate
from {{packageName}}.model import load

PACKAGE = "{{packageName}}"
QUESTION = "How much does the Plus plan cost per month?"


def run(*args: str) -> subprocess.CompletedProcess:
    # src/ first, as the Makefile runs it; any PYTHONPATH of the caller (other site packages) kept.
    paths = [str(PROJECT_DIR / "src"), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_train_then_predict_in_other_processes(tmp_path):
    model_path = tmp_path / "index.joblib"
    trained = run(f"{PACKAGE}.train", "--model", str(model_path))
    assert trained.returncode == 0, trained.stderr
    assert str(model_path) in trained.stdout
    # A class pickled as __main__.X (defined in `python -m ...train`) loads in no other process.
    assert b"__main__" not in model_path.read_bytes()

    predicted = run(f"{PACKAGE}.predict", "--model", str(model_path), QUESTION)
    assert predicted.returncode == 0, predicted.stderr
    assert "4 euros" in predicted.stdout and "sources: pricing" in predicted.stdout
    assert "4 euros" in load(model_path).answer(QUESTION).text


def test_evaluate_without_a_model_says_run_make_train(tmp_path):
    with pytest.raises(SystemExit, match="make train"):
        evaluate.main(["--model", str(tmp_path / "missing.joblib")])
