"""Data tests: schema and invariants the model relies on, the split, the real-data converter."""

import io
import urllib.error

import pandas as pd
import pytest
from conftest import PROJECT_DIR

from {{packageName}} import data as data_module
from {{packageName}}.data import (
    GROUP,
    LABEL,
    TEXT,
    convert_banking77,
    load_tickets,
    split,
)
from {{packageName}}.synthetic import LABELS, generate


def test_schema(tickets):
    assert list(tickets.columns) == [TEXT, LABEL, GROUP]
    assert len(tickets) >= 1000


def test_texts_are_non_empty_and_bounded(tickets):
    lengths = tickets[TEXT].str.len()
    assert (lengths > 0).all()
    assert (lengths < 500).all()


def test_every_label_is_known_and_represented(tickets):
    counts = tickets[LABEL].value_counts()
    assert set(counts.index) == set(LABELS)
    assert counts.min() >= 100


def test_no_duplicate_texts(tickets):
    assert not tickets[TEXT].str.lower().duplicated().any()


def test_shipped_data_is_what_the_generator_writes(tickets):
    pd.testing.assert_frame_equal(tickets, generate())


def test_split_keeps_each_group_on_one_side(data):
    train, validation, test = (
        set(part[GROUP]) for part in (data.train, data.validation, data.test)
    )
    assert train.isdisjoint(validation) and train.isdisjoint(test) and validation.isdisjoint(test)


def test_split_sizes_and_labels(tickets, data):
    sizes = [len(data.train), len(data.validation), len(data.test)]
    assert sum(sizes) == len(tickets)
    assert sizes[0] > sizes[1] > 0 and sizes[0] > sizes[2] > 0
    for part in (data.train, data.validation, data.test):
        assert set(part[LABEL]) == set(LABELS)


def test_split_is_reproducible(tickets, data):
    again = split(tickets)
    assert list(again.test[TEXT]) == list(data.test[TEXT])


def test_loader_rejects_whitespace_only_text(tmp_path):
    path = tmp_path / "tickets.csv"
    path.write_text("text,label,group\nhello,billing,g1\n   ,billing,g2\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"empty text on line 3"):
        load_tickets(path)


def test_loader_rejects_missing_columns(tmp_path):
    path = tmp_path / "tickets.csv"
    pd.DataFrame({TEXT: ["hello"], LABEL: ["billing"]}).to_csv(path, index=False)
    with pytest.raises(ValueError, match="missing columns"):
        load_tickets(path)


def test_banking77_sample_converts_to_the_loader_format(tmp_path):
    raw = pd.read_csv(PROJECT_DIR / "tests" / "fixtures" / "banking77_sample.csv")
    converted = convert_banking77(raw)
    path = tmp_path / "banking77.csv"
    converted.to_csv(path, index=False)
    loaded = load_tickets(path)
    assert list(loaded.columns) == [TEXT, LABEL, GROUP]
    assert set(loaded[LABEL]) == set(raw["category"])
    assert loaded[TEXT].str.len().gt(0).all()
    # Exact repeats of a query share a group, so they never straddle the split.
    assert loaded[GROUP].nunique() == raw["text"].str.strip().str.lower().nunique()


def test_download_writes_both_files_in_the_loader_format(monkeypatch, tmp_path):
    sample = (PROJECT_DIR / "tests" / "fixtures" / "banking77_sample.csv").read_bytes()
    monkeypatch.setattr(data_module.urllib.request, "urlopen", lambda *a, **k: io.BytesIO(sample))
    path = data_module.download_banking77(tmp_path / "banking77.csv")
    # The sample stands in for both the train and the test file.
    assert len(load_tickets(path)) == 2 * len(pd.read_csv(io.BytesIO(sample)))


def test_download_fails_clearly_offline(monkeypatch, tmp_path):
    def offline(*args, **kwargs):
        raise urllib.error.URLError("no network")

    monkeypatch.setattr(data_module.urllib.request, "urlopen", offline)
    with pytest.raises(SystemExit, match="could not download"):
        data_module.download_banking77(tmp_path / "banking77.csv")
    assert not (tmp_path / "banking77.csv").exists()
