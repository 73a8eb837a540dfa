"""Model tests: retrieval, the answer and its source, refusals, choices made on validation."""

import pytest

from {{packageName}}.data import Document, to_passages
from {{packageName}}.metrics import score
from {{packageName}}.model import (
    REFUSAL,
    Chatbot,
    KeywordRetriever,
    load,
    save,
)
from {{packageName}}.train import (
    build_chatbot,
    choose_min_score,
    train_model,
)


def test_retrieval_quality(model, questions):
    metrics = score(model, questions)
    assert metrics["recall@3"] >= 0.9
    assert metrics["mrr"] >= 0.75


def test_answers_and_refusals_on_the_test_split(model, data):
    metrics = score(model, data.test)
    assert metrics["answer_accuracy"] >= 0.7
    assert metrics["refusal_recall"] >= 0.8
    assert metrics["refusal_precision"] >= 0.6


def test_beats_the_keyword_baseline(passages, data, model):
    baseline = score(train_model(passages, data.validation, KeywordRetriever()), data.test)
    ours = score(model, data.test)
    assert ours["mrr"] > baseline["mrr"]
    assert ours["decision_accuracy"] >= baseline["decision_accuracy"] + 0.2


def test_answer_cites_only_the_source_it_came_from(model):
    result = model.answer("How much does the Plus plan cost per month?")
    assert not result.refused
    assert "4 euros" in result.text
    assert result.sources == ["pricing"]


def test_answer_sentence_is_chosen_without_stop_words():
    doc = Document(
        id="export",
        title="Exports",
        text="It is what it is and you can do what you want with it. "
        "The export is emailed to you as a ZIP file.",
    )
    chatbot = build_chatbot(to_passages([doc]))
    result = chatbot.answer("What is the export and what can you do with it?")
    assert result.text == "The export is emailed to you as a ZIP file."


def test_unanswerable_questions_are_refused(model):
    result = model.answer("What is the capital of Mongolia?")
    assert result.refused and result.text == REFUSAL and result.sources == []


def test_refusal_threshold_maximises_validation_accuracy():
    # Top retrieval scores; whether the answer would be right; whether the question is answerable.
    scores = [0.9, 0.8, 0.5, 0.4, 0.3, 0.1]
    right = [True, True, False, True, False, False]
    answerable = [True, True, True, True, False, False]
    # Refusing below 0.35 gets 5 of 6 right (only the 0.5 answer is wrong); nothing does better.
    assert choose_min_score(scores, right, answerable) == pytest.approx(0.35)


def test_choices_are_made_on_validation(model, data):
    assert model.validation["questions"] == len(data.validation)
    assert model.params["min_score"] > 0


def test_index_round_trip(tmp_path, model, questions):
    loaded = load(save(model, tmp_path / "index.joblib"))
    assert isinstance(loaded, Chatbot)
    assert score(loaded, questions) == score(model, questions)


def test_loading_a_missing_index_says_how_to_get_one(tmp_path):
    with pytest.raises(FileNotFoundError, match="make train"):
        load(tmp_path / "missing.joblib")
