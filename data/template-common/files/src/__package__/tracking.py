"""Run tracking: what was measured, on which model and data, at which commit.

`record_run` writes `reports/metrics.json` (the latest run, which `make report` turns into the
README's table) and appends one row per run to `reports/experiments.csv`, so the history of
experiments stays in the repository.
"""

from __future__ import annotations

import csv
import hashlib
import json
import subprocess
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
REPORTS_DIR = PROJECT_ROOT / "reports"
METRICS_PATH = REPORTS_DIR / "metrics.json"
EXPERIMENTS_PATH = REPORTS_DIR / "experiments.csv"
EXPERIMENT_COLUMNS = [
    "created_at",
    "git_commit",
    "params",
    "metrics",
    "data_sha256",
    "model_sha256",
]


def sha256_of(paths: Iterable[Path]) -> str:
    """One hash over files and folders (each file below a folder, in path order), names included."""
    digest = hashlib.sha256()
    files: list[Path] = []
    for path in sorted(Path(p) for p in paths):
        files.extend(sorted(f for f in path.rglob("*") if f.is_file()) if path.is_dir() else [path])
    for file in files:
        name = file.relative_to(PROJECT_ROOT) if file.is_relative_to(PROJECT_ROOT) else file.name
        digest.update(str(name).encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()


def git_commit() -> str | None:
    """The commit the code is at ("-dirty" if files differ from it); None outside a git repo."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=10,
        )
        if head.returncode != 0:
            return None
        status = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return head.stdout.strip() + ("-dirty" if status.stdout.strip() else "")


def record_run(
    metrics: dict[str, object],
    *,
    params: dict[str, object],
    split: dict[str, object],
    model_path: Path,
    data_paths: Iterable[Path],
) -> dict[str, object]:
    """Writes reports/metrics.json, appends the run to reports/experiments.csv; returns the run."""
    run = {
        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "git_commit": git_commit(),
        "metrics": metrics,
        "params": params,
        "split": split,
        "model_sha256": sha256_of([model_path]),
        "data_sha256": sha256_of(data_paths),
    }
    REPORTS_DIR.mkdir(parents=True, exist_ok=True)
    METRICS_PATH.write_text(json.dumps(run, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    new_file = not EXPERIMENTS_PATH.exists()
    with EXPERIMENTS_PATH.open("a", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=EXPERIMENT_COLUMNS)
        if new_file:
            writer.writeheader()
        row = {column: run.get(column) for column in EXPERIMENT_COLUMNS}
        row["params"] = json.dumps(params, sort_keys=True)
        row["metrics"] = json.dumps(metrics, sort_keys=True)
        writer.writerow(row)
    return run
