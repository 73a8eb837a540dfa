"""The knowledge base (Markdown files in data/docs/) as passages, and the evaluation questions.

`--download` fetches a real documentation set (the HTTPX docs, BSD-3-Clause) and converts its
MkDocs pages to the same plain Markdown format.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import shutil
import sys
import tempfile
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .tracking import PROJECT_ROOT

# RAG_DOCS_DIR / RAG_EVAL_CSV point the same pipeline at other documents and their questions.
DOCS_DIR = Path(os.environ.get("RAG_DOCS_DIR", PROJECT_ROOT / "data" / "docs"))
EVAL_PATH = Path(os.environ.get("RAG_EVAL_CSV", PROJECT_ROOT / "data" / "eval_questions.csv"))
EVAL_COLUMNS = ["question", "doc_id", "answer", "split"]
SPLITS = ("validation", "test")
ANSWERABLE = "answerable"

REAL_DOCS_DIR = PROJECT_ROOT / "data" / "httpx-docs"
REAL_DOCS_URL = "https://codeload.github.com/encode/httpx/zip/refs/heads/master"


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
    """One document per Markdown file: the `# ` heading is the title, the rest the text."""
    documents = []
    for path in sorted(docs_dir.glob("*.md")):
        lines = path.read_text(encoding="utf-8").strip().splitlines()
        has_title = bool(lines) and lines[0].startswith("#")
        title = lines[0].lstrip("# ").strip() if has_title else path.stem
        body = " ".join(line.strip() for line in lines[1 if has_title else 0 :] if line.strip())
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


def load_eval_questions(
    path: Path = EVAL_PATH, documents: list[Document] | None = None
) -> pd.DataFrame:
    """The questions, each with the document and phrase that answer it (both empty when the
    documents hold no answer) and its split; `answerable` is added."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    if list(df.columns) != EVAL_COLUMNS:
        raise ValueError(f"{path} must have the columns {','.join(EVAL_COLUMNS)}")
    bad_splits = sorted(set(df["split"]) - set(SPLITS))
    if bad_splits:
        raise ValueError(f"{path}: unknown split {bad_splits}; use one of {list(SPLITS)}")
    df[ANSWERABLE] = df["doc_id"] != ""
    if (df[ANSWERABLE] != (df["answer"] != "")).any():
        raise ValueError(f"{path}: a question has a doc_id without an answer, or the reverse")
    if documents is not None:
        unknown = sorted(set(df.loc[df[ANSWERABLE], "doc_id"]) - {d.id for d in documents})
        if unknown:
            raise ValueError(
                f"{path} refers to unknown documents {unknown}: write questions for the documents "
                "you index (set RAG_EVAL_CSV to your own file)"
            )
    return df


@dataclass(frozen=True)
class QuestionSplit:
    validation: pd.DataFrame
    test: pd.DataFrame

    def describe(self) -> dict[str, object]:
        def counts(df: pd.DataFrame) -> str:
            answerable = int(df[ANSWERABLE].sum())
            return f"{len(df)} ({answerable} answerable, {len(df) - answerable} unanswerable)"

        return {
            "validation": counts(self.validation),
            "test": counts(self.test),
            "method": f"the `split` column of {EVAL_PATH.name}",
        }


def split_questions(df: pd.DataFrame) -> QuestionSplit:
    """Validation questions choose the refusal threshold; test questions only score the result."""
    parts = [df[df["split"] == name].reset_index(drop=True) for name in SPLITS]
    return QuestionSplit(*parts)


_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.MULTILINE | re.DOTALL)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_SKIPPED_LINE = re.compile(r"^\s*(\||!!!|\?\?\?|<|---|===|\s{4})")


def markdown_to_text(markdown: str) -> str:
    """MkDocs Markdown as plain prose: no code blocks, tables, admonition markers or HTML;
    links keep their text; headings become sentences."""
    lines = []
    for line in _FENCE.sub("", markdown).splitlines():
        if not line.strip() or _SKIPPED_LINE.match(line):
            continue
        line = _LINK.sub(r"\1", line).replace("`", "").strip()
        if line.startswith("#"):
            line = line.lstrip("# ").rstrip(".:") + "."
        lines.append(line)
    return "\n".join(lines)


def convert_markdown_docs(source: Path, destination: Path) -> list[Path]:
    """Every `*.md` below `source` as a plain document in `destination` (`guide/x.md` becomes
    `guide-x.md`), keeping the first heading as the title."""
    destination.mkdir(parents=True, exist_ok=True)
    written = []
    for path in sorted(source.rglob("*.md")):
        markdown = path.read_text(encoding="utf-8")
        title_match = re.search(r"^#\s+(.+)$", markdown, re.MULTILINE)
        title = title_match.group(1).strip() if title_match else path.stem
        body = markdown_to_text(markdown[title_match.end() :] if title_match else markdown)
        if len(body.split()) < 20:
            continue
        target = destination / ("-".join(path.relative_to(source).with_suffix("").parts) + ".md")
        target.write_text(f"# {title}\n\n{body}\n", encoding="utf-8")
        written.append(target)
    return written


def download_docs(destination: Path = REAL_DOCS_DIR, url: str = REAL_DOCS_URL) -> list[Path]:
    """Downloads the HTTPX repository archive, converts its docs/ folder; exits clearly offline."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            archive = zipfile.ZipFile(io.BytesIO(response.read()))
    except (urllib.error.URLError, OSError, zipfile.BadZipFile) as error:
        raise SystemExit(
            f"could not download {url} ({error}). Check the internet connection; the bundled "
            "documents in data/docs keep working offline."
        ) from error
    with tempfile.TemporaryDirectory() as unpacked:
        docs = [n for n in archive.namelist() if "/docs/" in n and n.endswith(".md")]
        archive.extractall(unpacked, members=docs)
        roots = {Path(unpacked, n.split("/docs/")[0], "docs") for n in docs}
        if len(roots) != 1:
            raise SystemExit(f"{url} has no single docs/ folder of Markdown files")
        if destination.exists():
            shutil.rmtree(destination)
        return convert_markdown_docs(roots.pop(), destination)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check the documents, or download real ones.")
    parser.add_argument(
        "--download", action="store_true", help=f"download the HTTPX docs to {REAL_DOCS_DIR.name}/"
    )
    args = parser.parse_args(argv)
    if args.download:
        written = download_docs()
        print(f"wrote {len(written)} documents to {REAL_DOCS_DIR}; index them with")
        print(
            f"  RAG_DOCS_DIR={REAL_DOCS_DIR.relative_to(PROJECT_ROOT)} "
            "RAG_EVAL_CSV=<your questions.csv> make train evaluate"
        )
        return 0
    documents = load_documents()
    questions = load_eval_questions(documents=documents)
    print(f"{DOCS_DIR}: {len(documents)} documents, {len(to_passages(documents))} passages")
    print(f"{EVAL_PATH}: {split_questions(questions).describe()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
