"""Q&A knowledge bases in CSV: one document per row, the question and answer kept together as one block.

The defaults match the shipped 찾기쉬운 생활법령정보 백문백답 file (data/manuals/baekmun_3categories.csv).
"""

from __future__ import annotations

import csv
import hashlib
import io
import logging
from dataclasses import dataclass
from pathlib import Path

from retrieval.errors import DocumentParseError
from retrieval.ingest._common import decode_text, parse_errors, read_bytes
from retrieval.types import Block, Document, Visibility

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class QaCsvColumns:
    """Which CSV columns hold what. Only question and answer are required; set the others to None when absent.

    Without an id column a row's id is a hash of its question, so it survives reordering of the file.
    ``category`` columns are joined with " > " into the document's section (e.g. "복지 > 기초연금").
    """

    question: str = "질문"
    answer: str = "답변"
    id: str | None = "백문일련번호"
    url: str | None = "원문링크"
    title: str | None = "주제"
    category: tuple[str, ...] = ("대분류명", "소분류명")


def load_qa_csv(
    path: Path, *, columns: QaCsvColumns, visibility: Visibility, department: str | None
) -> list[Document]:
    """Every row with a question or an answer becomes a document; answers keep their newlines and [표] markers."""
    text = decode_text(read_bytes(path), path.name)
    with parse_errors(path, "CSV"):
        reader = csv.DictReader(io.StringIO(text, newline=""))
        _check_columns(reader.fieldnames or [], columns, path.name)
        documents: list[Document] = []
        first_row_of: dict[str, int] = {}
        for row_number, row in enumerate(reader, start=2):  # row 1 is the header, as a spreadsheet shows it
            document = _document(row, row_number, path, columns, visibility, department)
            if document is None:
                logger.warning("%s row %d: no question and no answer; skipped", path.name, row_number)
                continue
            if document.id in first_row_of:
                raise DocumentParseError(
                    f"{path.name}: {row_number}행의 id {document.id!r}가 {first_row_of[document.id]}행과 겹칩니다 "
                    f"(duplicate id {document.id!r} in rows {first_row_of[document.id]} and {row_number}). "
                    f"id 열 값을 고유하게 고쳐 주세요 (make the id column unique)."
                )
            first_row_of[document.id] = row_number
            documents.append(document)
    if not documents:
        raise DocumentParseError(f"{path.name}: 질문·답변이 있는 행이 없습니다 (no rows with a question or answer).")
    logger.debug("%s: %d Q&A documents", path.name, len(documents))
    return documents


def _check_columns(header: list[str], columns: QaCsvColumns, name: str) -> None:
    wanted = [columns.question, columns.answer, columns.id, columns.url, columns.title, *columns.category]
    missing = [column for column in wanted if column is not None and column not in header]
    if missing:
        raise DocumentParseError(
            f"{name}: CSV에 {', '.join(missing)} 열이 없습니다 (missing columns {missing}; the file has "
            f"{[column for column in header if column]}). 열 이름을 QaCsvColumns(question=..., answer=..., "
            f"id=..., ...)로 알려 주세요 (pass csv_columns=QaCsvColumns(...) naming this file's columns)."
        )


def _document(
    row: dict[str, str | None],
    row_number: int,
    path: Path,
    columns: QaCsvColumns,
    visibility: Visibility,
    department: str | None,
) -> Document | None:
    def value(column: str | None) -> str:
        if column is None:
            return ""
        return (row.get(column) or "").replace("\r\n", "\n").replace("\r", "\n").strip()

    question, answer = value(columns.question), value(columns.answer)
    if not question and not answer:
        return None
    if columns.id is None:
        document_id = f"{path.stem}/{hashlib.sha1(question.encode('utf-8')).hexdigest()[:12]}"
    else:
        document_id = value(columns.id)
        if not document_id:
            raise DocumentParseError(
                f"{path.name}: {row_number}행의 id 열 {columns.id!r}이 비어 있습니다 (empty id in row {row_number}). "
                f"값을 채우거나 QaCsvColumns(id=None)으로 질문에서 id를 만드세요 (fill it or use id=None)."
            )
    section = " > ".join(part for part in (value(column) for column in columns.category) if part)
    return Document(
        id=document_id,
        title=value(columns.title) or question.split("\n")[0] or document_id,
        source=str(path),
        format="qa_csv",
        blocks=(Block(kind="qa", text=f"{question}\n{answer}".strip()),),
        url=value(columns.url) or None,
        section=section or None,
        visibility=visibility,
        department=department,
    )
