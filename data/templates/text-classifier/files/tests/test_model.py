"""Model tests: quality against the baseline, choices made on validation, behaviour."""

import pytest

from {{packageName}}.metrics import score
from {{packageName}}.model import Baseline, load, save
from {{packageName}}.train import (
    C_GRID,
    TARGET_ACCURACY,
    choose_review_threshold,
    train_model,
)


def test_beats_the_baseline(data, model):
    baseline = score(Baseline().fit(data.train), data.test)
    ours = score(model, data.test)
    assert ours["macro_f1"] >= baseline["macro_f1"] + 0.3
    assert ours["macro_f1"] >= 0.8


def test_no_label_is_left_behind(data, model):
    assert score(model, data.test)["worst_label_f1"] >= 0.7


def test_choices_are_made_on_validation(data, model):
    assert model.params["C"] in C_GRID
    assert model.validation["routed_accuracy"] >= TARGET_ACCURACY
    assert model.validation["size"] == len(data.validation)


def test_review_threshold_is_the_lowest_that_meets_the_target():
    confidences = [0.95, 0.9, 0.8, 0.7, 0.6, 0.5]
    correct = [True, True, True, False, True, False]
    assert choose_review_threshold(confidences, correct, target=0.75) == 0.6
    assert choose_review_threshold(confidences, correct, target=1.0) == 0.8


def test_review_threshold_sends_everything_to_a_person_when_the_target_is_out_of_reach():
    assert choose_review_threshold([0.9, 0.8], [False, False], target=0.9) == 1.0


def test_low_confidence_tickets_go_to_a_person(model):
    unclear, clear = model.predict(
        ["I have a question", "I was charged twice for my order, please refund me"]
    )
    assert unclear.needs_review
    assert not clear.needs_review and clear.label == "billing"


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
    assert model.predict([text])[0].label == label


def test_invariant_to_casing_and_punctuation(model):
    texts = ["Where is my package", "WHERE IS MY PACKAGE???", "where is my package."]
    assert len({p.label for p in model.predict(texts)}) == 1


def test_confidence_is_a_probability(model):
    prediction = model.predict(["hello there"])[0]
    assert 0.0 <= prediction.confidence <= 1.0


def test_training_is_reproducible(data, model):
    again = train_model(data)
    texts = list(data.test["text"])
    assert again.params == model.params
    assert again.predict(texts) == model.predict(texts)


def test_save_and_load_round_trip(tmp_path, data, model):
    texts = list(data.test["text"])
    assert load(save(model, tmp_path / "model.joblib")).predict(texts) == model.predict(texts)


def test_loading_a_missing_model_says_how_to_get_one(tmp_path):
    with pytest.raises(FileNotFoundError, match="make train"):
        load(tmp_path / "missing.joblib")
