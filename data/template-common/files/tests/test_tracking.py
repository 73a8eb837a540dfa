"""Run tracking (shared by every template): metrics.json, experiments.csv and the hashes in them."""

import csv
import json

import pytest

from {{packageName}} import tracking


@pytest.fixture
def reports(tmp_path, monkeypatch):
    """Points the reports at a temporary folder, so tests never touch the project's own."""
    monkeypatch.setattr(tracking, "REPORTS_DIR", tmp_path / "reports")
    monkeypatch.setattr(tracking, "METRICS_PATH", tmp_path / "reports" / "metrics.json")
    monkeypatch.setattr(tracking, "EXPERIMENTS_PATH", tmp_path / "reports" / "experiments.csv")
    return tmp_path / "reports"


def test_sha256_of_changes_with_content_and_names_not_with_order(tmp_path):
    (tmp_path / "a.txt").write_text("one")
    (tmp_path / "b.txt").write_text("two")
    first = tracking.sha256_of([tmp_path / "a.txt", tmp_path / "b.txt"])
    assert first == tracking.sha256_of([tmp_path / "b.txt", tmp_path / "a.txt"])
    assert first == tracking.sha256_of([tmp_path])
    (tmp_path / "b.txt").write_text("three")
    assert tracking.sha256_of([tmp_path]) != first


def test_record_run_writes_metrics_json_and_appends_experiments(tmp_path, reports):
    model = tmp_path / "model.bin"
    model.write_bytes(b"weights")
    data = tmp_path / "data.csv"
    data.write_text("x,y\n1,2\n")
    for accuracy in (0.5, 0.75):
        run = tracking.record_run(
            {"accuracy": accuracy},
            params={"seed": 42},
            split={"test": 10, "how": "stratified"},
            model_path=model,
            data_paths=[data],
        )
    saved = json.loads((reports / "metrics.json").read_text())
    assert saved == run
    assert saved["metrics"] == {"accuracy": 0.75}
    assert saved["split"] == {"test": 10, "how": "stratified"}
    assert saved["model_sha256"] == tracking.sha256_of([model])
    assert saved["data_sha256"] == tracking.sha256_of([data])
    with (reports / "experiments.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [json.loads(row["metrics"]) for row in rows] == [{"accuracy": 0.5}, {"accuracy": 0.75}]
    assert all(json.loads(row["params"]) == {"seed": 42} for row in rows)
