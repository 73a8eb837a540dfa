"""The knowledge base (Markdown files in data/docs/) split into passages, and the retrieval evaluation set."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

PROJECT_ROOT = Path(os.environ.get("PROJECT_ROOT", Path(__file__).resolve().parents[2]))
DOCS_DIR = PROJECT_ROOT / "data" / "docs"
EVAL_PATH = PROJECT_ROOT / "data" / "eval_questions.csv"


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    text: str


@dataclass(frozen=True)
class Passage:
    doc_id: str
    title: str
    text: str


def load_documents(docs_dir: Path = DOCS_DIR) -> list[Document]:
    documents = []
    for path in sorted(docs_dir.glob("*.md")):
        lines = path.read_text(encoding="utf-8").strip().splitlines()
        title = lines[0].lstrip("# ").strip() if lines and lines[0].startswith("#") else path.stem
        body = " ".join(line.strip() for line in lines[1:] if line.strip())
        documents.append(Document(id=path.stem, title=title, text=body))
    if not documents:
        raise ValueError(f"no Markdown documents in {docs_dir}")
    return documents


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]


def to_passages(documents: list[Document], max_sentences: int = 2) -> list[Passage]:
    """Passages of a few sentences: small enough to be specific, large enough to carry context."""
    passages = []
    for doc in documents:
        parts = sentences(doc.text)
        for start in range(0, len(parts), max_sentences):
            text = " ".join(parts[start : start + max_sentences])
            passages.append(Passage(doc_id=doc.id, title=doc.title, text=text))
    return passages


def load_eval_questions(path: Path = EVAL_PATH) -> pd.DataFrame:
    df = pd.read_csv(path)
    if list(df.columns) != ["question", "doc_id"]:
        raise ValueError(f"{path} must have the columns question,doc_id")
    return df
