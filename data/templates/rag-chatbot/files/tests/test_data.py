"""Data tests: the knowledge base, the evaluation set and the real-docs converter."""

import io
import urllib.error
import zipfile

import pytest
from conftest import PROJECT_DIR

from {{packageName}} import data as data_module
from {{packageName}}.data import (
    ANSWERABLE,
    convert_markdown_docs,
    load_documents,
    load_eval_questions,
    to_passages,
)


def test_documents_have_titles_and_text(documents):
    assert len(documents) >= 10
    for doc in documents:
        assert doc.title and len(doc.text.split()) >= 20


def test_document_ids_are_unique(documents):
    ids = [d.id for d in documents]
    assert len(ids) == len(set(ids))


def test_every_document_has_eval_questions(documents, questions):
    answerable = questions[questions[ANSWERABLE]]
    assert {d.id for d in documents} <= set(answerable["doc_id"])


def test_every_expected_answer_is_in_its_document(documents, questions):
    texts = {d.id: d.text.lower() for d in documents}
    answerable = questions[questions[ANSWERABLE]]
    for doc_id, answer in zip(answerable["doc_id"], answerable["answer"], strict=True):
        assert answer.lower() in texts[doc_id], (doc_id, answer)


def test_both_splits_hold_answerable_and_unanswerable_questions(data):
    for part in (data.validation, data.test):
        assert part[ANSWERABLE].sum() >= 10
        assert (~part[ANSWERABLE]).sum() >= 5
    assert set(data.validation["question"]).isdisjoint(data.test["question"])


def test_passages_are_short(passages):
    assert all(len(p.text.split()) <= 80 for p in passages)


def test_empty_knowledge_base_is_an_error(tmp_path):
    with pytest.raises(ValueError, match="no Markdown documents"):
        load_documents(tmp_path)


def test_questions_about_unknown_documents_are_an_error(tmp_path, documents):
    path = tmp_path / "questions.csv"
    path.write_text("question,doc_id,answer,split\nWhat?,nowhere,it,test\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown documents"):
        load_eval_questions(path, documents=documents)


def test_questions_with_an_unknown_split_are_an_error(tmp_path, documents):
    path = tmp_path / "questions.csv"
    path.write_text("question,doc_id,answer,split\nWhat?,sync,seconds,train\n", encoding="utf-8")
    with pytest.raises(ValueError, match="split"):
        load_eval_questions(path, documents=documents)


def test_mkdocs_sample_converts_to_plain_documents(tmp_path):
    written = convert_markdown_docs(PROJECT_DIR / "tests" / "fixtures" / "mkdocs_docs", tmp_path)
    assert sorted(p.name for p in written) == ["guide-timeouts.md", "index.md"]
    documents = {d.id: d for d in load_documents(tmp_path)}
    timeouts = documents["guide-timeouts"]
    assert timeouts.title == "Timeouts"
    assert "```" not in timeouts.text and "client.get(" not in timeouts.text
    assert "[" not in timeouts.text and "](" not in timeouts.text
    assert "five seconds" in timeouts.text
    assert to_passages(list(documents.values()))


def test_download_converts_the_archive_docs_folder(monkeypatch, tmp_path):
    fixture = PROJECT_DIR / "tests" / "fixtures" / "mkdocs_docs"
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("project-main/README.md", "# Not documentation\n")
        for path in fixture.rglob("*.md"):
            zipped.writestr(
                f"project-main/docs/{path.relative_to(fixture).as_posix()}", path.read_text()
            )
    monkeypatch.setattr(
        data_module.urllib.request, "urlopen", lambda *a, **k: io.BytesIO(archive.getvalue())
    )
    written = data_module.download_docs(tmp_path / "real")
    assert sorted(p.name for p in written) == ["guide-timeouts.md", "index.md"]


def test_download_fails_clearly_offline(monkeypatch, tmp_path):
    def offline(*args, **kwargs):
        raise urllib.error.URLError("no network")

    monkeypatch.setattr(data_module.urllib.request, "urlopen", offline)
    with pytest.raises(SystemExit, match="could not download"):
        data_module.download_docs(tmp_path / "real")
    assert not (tmp_path / "real").exists()
