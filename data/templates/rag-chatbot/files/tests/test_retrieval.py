"""Retrieval evaluation as tests: quality on the evaluation set, and better than the keyword baseline."""

from {{packageName}}.evaluate import evaluate
from {{packageName}}.predict import REFUSAL, answer
from {{packageName}}.train import KeywordRetriever, build_index, load, save


def test_retrieval_quality(index, questions):
    metrics = evaluate(index, questions)
    assert metrics["recall@3"] >= 0.9
    assert metrics["mrr"] >= 0.75


def test_beats_the_keyword_baseline(index, passages, questions):
    baseline = evaluate(build_index(passages, KeywordRetriever()), questions)
    assert evaluate(index, questions)["mrr"] > baseline["mrr"]


def test_answers_cite_the_right_source(index):
    result = answer(index, "How much does the Plus plan cost?")
    assert not result.refused
    assert "pricing" in result.sources
    assert "4 euros" in result.text


def test_unanswerable_questions_are_refused(index):
    result = answer(index, "What is the capital of Mongolia?")
    assert result.refused and result.text == REFUSAL


def test_index_round_trip(tmp_path, index, questions):
    assert evaluate(load(save(index, tmp_path / "index.joblib")), questions) == evaluate(index, questions)
