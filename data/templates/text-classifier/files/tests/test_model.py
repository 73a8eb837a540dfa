"""Model tests: quality against the baseline, behaviour, and reproducibility."""

import pytest

from {{packageName}}.evaluate import evaluate
from {{packageName}}.predict import predict
from {{packageName}}.train import build_baseline, load, save, train


def test_beats_the_baseline(data, model):
    baseline = evaluate(train(data.train, build_baseline()), data.test)
    ours = evaluate(model, data.test)
    assert ours["macro_f1"] >= baseline["macro_f1"] + 0.3
    assert ours["accuracy"] >= 0.85


def test_no_label_is_left_behind(data, model):
    assert evaluate(model, data.test)["worst_label_f1"] >= 0.7


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("I was charged twice, please refund me", "billing"),
        ("my parcel has not arrived yet", "shipping"),
        ("the app crashes when I open the camera", "technical"),
        ("I cannot log in to my account", "account"),
    ],
)
def test_obvious_examples(model, text, label):
    assert predict(model, [text])[0].label == label


def test_invariant_to_casing_and_punctuation(model):
    texts = ["Where is my package", "WHERE IS MY PACKAGE???", "where is my package."]
    assert len({p.label for p in predict(model, texts)}) == 1


def test_confidence_is_a_probability(model):
    prediction = predict(model, ["hello there"])[0]
    assert 0.0 <= prediction.confidence <= 1.0


def test_training_is_reproducible(data, model):
    again = train(data.train)
    assert list(again.predict(data.test["text"])) == list(model.predict(data.test["text"]))


def test_save_and_load_round_trip(tmp_path, data, model):
    path = save(model, tmp_path / "model.joblib")
    assert list(load(path).predict(data.test["text"])) == list(model.predict(data.test["text"]))
