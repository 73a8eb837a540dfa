"""Data tests: the knowledge base and the evaluation set agree with each other."""

import pytest

from {{packageName}}.data import load_documents


def test_documents_have_titles_and_text(documents):
    assert len(documents) >= 5
    for doc in documents:
        assert doc.title and len(doc.text.split()) >= 20


def test_document_ids_are_unique(documents):
    ids = [d.id for d in documents]
    assert len(ids) == len(set(ids))


def test_every_eval_question_points_at_a_document(documents, questions):
    assert set(questions["doc_id"]) <= {d.id for d in documents}


def test_every_document_has_eval_questions(documents, questions):
    assert {d.id for d in documents} <= set(questions["doc_id"])


def test_passages_are_short(passages):
    assert all(len(p.text.split()) <= 80 for p in passages)


def test_empty_knowledge_base_is_an_error(tmp_path):
    with pytest.raises(ValueError, match="no Markdown documents"):
        load_documents(tmp_path)
