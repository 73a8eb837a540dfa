"""Data tests: the schema and invariants the model relies on (ML Test Score Data 1, Monitor 2)."""

import pandas as pd
import pytest

from {{packageName}}.data import LABEL, LABELS, TEXT, load_tickets


def test_schema(tickets):
    assert list(tickets.columns) == [TEXT, LABEL]
    assert len(tickets) >= 100


def test_texts_are_non_empty_and_bounded(tickets):
    lengths = tickets[TEXT].str.len()
    assert (lengths > 0).all()
    assert (lengths < 500).all()


def test_every_label_is_known_and_represented(tickets):
    counts = tickets[LABEL].value_counts()
    assert set(counts.index) == set(LABELS)
    # No label may be rare enough that the test split would miss it.
    assert counts.min() >= 20


def test_no_duplicate_rows(tickets):
    assert not tickets.duplicated(subset=[TEXT]).any()


def test_split_does_not_leak(data):
    assert set(data.train[TEXT]).isdisjoint(set(data.test[TEXT]))
    assert set(data.test[LABEL]) == set(LABELS)


def test_loader_rejects_unknown_labels(tmp_path):
    path = tmp_path / "bad.csv"
    pd.DataFrame({TEXT: ["hello"], LABEL: ["spam"]}).to_csv(path, index=False)
    with pytest.raises(ValueError, match="unknown labels"):
        load_tickets(path)
