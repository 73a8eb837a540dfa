"""Loading, validating and splitting the tickets; `--download` fetches a real dataset (BANKING77).

The loader's format is a CSV with `text`, `label` and `group`. `group` names where a ticket came
from (the template it was written from, or one customer's repeated message): the split keeps each
group on one side, so the test set never holds a near-twin of a training ticket.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sklearn.model_selection import StratifiedGroupKFold

from .tracking import PROJECT_ROOT

TEXT, LABEL, GROUP = "text", "label", "group"
COLUMNS = [TEXT, LABEL, GROUP]
DEFAULT_DATA_PATH = PROJECT_ROOT / "data" / "tickets.csv"
# TICKETS_CSV=data/banking77.csv make train evaluate runs the same pipeline on the downloaded data.
DATA_PATH = Path(os.environ.get("TICKETS_CSV", DEFAULT_DATA_PATH))
SEED = 42

BANKING77_PATH = PROJECT_ROOT / "data" / "banking77.csv"
BANKING77_URLS = [
    "https://raw.githubusercontent.com/PolyAI-LDN/task-specific-datasets/master/banking_data/train.csv",
    "https://raw.githubusercontent.com/PolyAI-LDN/task-specific-datasets/master/banking_data/test.csv",
]


def load_tickets(path: Path = DATA_PATH) -> pd.DataFrame:
    """Reads the CSV and enforces the schema: text, label and group on every row, text not blank."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = set(COLUMNS) - set(df.columns)
    if missing:
        raise ValueError(f"{path} is missing columns: {sorted(missing)}")
    df = df[COLUMNS].copy()
    df[TEXT] = df[TEXT].str.strip()
    for column in COLUMNS:
        empty = df.index[df[column].str.strip() == ""]
        if len(empty):
            # +2: the header is line 1 and pandas counts rows from 0.
            lines = ", ".join(str(i + 2) for i in empty[:5])
            raise ValueError(f"{path}: empty {column} on line {lines}")
    return df


@dataclass(frozen=True)
class Split:
    train: pd.DataFrame
    validation: pd.DataFrame
    test: pd.DataFrame

    def describe(self) -> dict[str, object]:
        return {
            "train": len(self.train),
            "validation": len(self.validation),
            "test": len(self.test),
            "method": f"grouped by `{GROUP}`, stratified by label, 60/20/20, seed {SEED}",
        }


def _hold_out(df: pd.DataFrame, folds: int, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One fold of whole groups (1/folds of the rows, label proportions kept) and the rest."""
    splitter = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed)
    rest, held_out = next(splitter.split(df, df[LABEL], df[GROUP]))
    return df.iloc[rest].reset_index(drop=True), df.iloc[held_out].reset_index(drop=True)


def split(df: pd.DataFrame, seed: int = SEED) -> Split:
    """Train 60%; validation 20% for choices (C, the review threshold); test 20% for the score."""
    rest, test = _hold_out(df, folds=5, seed=seed)
    train, validation = _hold_out(rest, folds=4, seed=seed)
    return Split(train, validation, test)


def convert_banking77(raw: pd.DataFrame) -> pd.DataFrame:
    """BANKING77's `text,category` rows in the loader's format; repeats of a query share a group."""
    text = raw["text"].astype(str).str.strip()
    return pd.DataFrame(
        {TEXT: text, LABEL: raw["category"], GROUP: "banking77:" + text.str.lower()}
    )[text != ""]


def download_banking77(path: Path = BANKING77_PATH) -> Path:
    """Downloads BANKING77 (CC BY 4.0, PolyAI) in the loader's format; exits clearly offline."""
    frames = []
    for url in BANKING77_URLS:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                frames.append(pd.read_csv(io.BytesIO(response.read())))
        except (urllib.error.URLError, OSError) as error:
            raise SystemExit(
                f"could not download {url} ({error}). Check the internet connection; the synthetic "
                f"tickets in {DEFAULT_DATA_PATH.name} keep working offline."
            ) from error
    converted = convert_banking77(pd.concat(frames, ignore_index=True))
    path.parent.mkdir(parents=True, exist_ok=True)
    converted.to_csv(path, index=False)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check the tickets, or download a real dataset.")
    parser.add_argument(
        "--download", action="store_true", help="download BANKING77 to data/banking77.csv"
    )
    args = parser.parse_args(argv)
    if args.download:
        path = download_banking77()
        print(f"wrote {len(load_tickets(path))} BANKING77 queries to {path}; train on them with")
        print(f"  TICKETS_CSV={path.relative_to(PROJECT_ROOT)} make train evaluate")
        return 0
    df = load_tickets()
    labels, groups = df[LABEL].nunique(), df[GROUP].nunique()
    print(f"{DATA_PATH}: {len(df)} tickets, {labels} labels, {groups} groups")
    return 0


if __name__ == "__main__":
    sys.exit(main())
