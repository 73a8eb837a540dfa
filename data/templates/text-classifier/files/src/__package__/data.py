"""Loading, validating and splitting the support-ticket dataset."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sklearn.model_selection import train_test_split

# src/<package>/data.py -> project root; PROJECT_ROOT overrides it when the package is installed elsewhere.
PROJECT_ROOT = Path(os.environ.get("PROJECT_ROOT", Path(__file__).resolve().parents[2]))
DATA_PATH = PROJECT_ROOT / "data" / "tickets.csv"
TEXT, LABEL = "text", "label"
LABELS = ("account", "billing", "shipping", "technical")
SEED = 42


def load_tickets(path: Path = DATA_PATH) -> pd.DataFrame:
    """Reads the CSV and enforces the schema: a non-empty text and a known label per row."""
    df = pd.read_csv(path)
    missing = {TEXT, LABEL} - set(df.columns)
    if missing:
        raise ValueError(f"{path} is missing columns: {sorted(missing)}")
    df = df[[TEXT, LABEL]].copy()
    df[TEXT] = df[TEXT].astype(str).str.strip()
    unknown = set(df[LABEL]) - set(LABELS)
    if unknown:
        raise ValueError(f"{path} has unknown labels: {sorted(unknown)}")
    return df


@dataclass(frozen=True)
class Split:
    train: pd.DataFrame
    test: pd.DataFrame


def split(df: pd.DataFrame, test_size: float = 0.25, seed: int = SEED) -> Split:
    """Stratified split, so every label is in both halves."""
    train, test = train_test_split(df, test_size=test_size, random_state=seed, stratify=df[LABEL])
    return Split(train.reset_index(drop=True), test.reset_index(drop=True))
