"""Results of the retrieval package: frozen dataclasses; ``dataclasses.asdict`` gives JSON."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

BlockKind = Literal["heading", "paragraph", "table", "qa"]
# public: citizens see it; internal: any city employee; department: only the owning department's staff.
Visibility = Literal["public", "internal", "department"]
VISIBILITIES: tuple[Visibility, ...] = ("public", "internal", "department")


@dataclass(frozen=True)
class Block:
    """One structural unit of a document, in reading order.

    ``level`` is the heading depth (0 for a Word "Title", 1 for h1/"Heading 1"/"개요 1", ...) and 0 otherwise.
    Tables are rendered as ``| a | b |`` rows; a ``qa`` block is the question, a newline, then the answer.
    ``page`` is the 1-based PDF page the block comes from, so answers can cite it; None for other formats.
    """

    kind: BlockKind
    text: str
    level: int = 0
    page: int | None = None


@dataclass(frozen=True)
class Document:
    """A loaded file (or one row of a Q&A CSV) before chunking.

    ``id`` is stable across runs: given by the caller (e.g. ``city/move-in-report``), the file's stem, or the
    CSV id column. ``section`` is where the document sits in its collection (CSV: ``대분류명 > 소분류명``);
    headings inside the document are blocks. ``updated`` is an ISO date when the source declares one.
    """

    id: str
    title: str
    source: str
    format: str  # pdf, docx, hwpx, html, markdown, text, qa_csv
    blocks: tuple[Block, ...]
    url: str | None = None
    section: str | None = None
    visibility: Visibility = "internal"
    department: str | None = None
    updated: str | None = None

    @property
    def text(self) -> str:
        return "\n\n".join(block.text for block in self.blocks)


@dataclass(frozen=True)
class Chunk:
    """The unit that is embedded, BM25-indexed and cited; it carries everything a citation and a filter need.

    ``id`` is ``f"{document_id}#{ordinal}"``: the same for an unchanged document on every run, so an index can
    replace a document's chunks by ``document_id`` and keep the rest. ``section`` is the heading path,
    e.g. ``"전입신고 > 구비 서류"``.
    """

    id: str
    document_id: str
    ordinal: int
    text: str
    title: str
    section: str
    source: str
    url: str | None
    visibility: Visibility
    department: str | None
    updated: str | None = None
    page: int | None = None

    @property
    def search_text(self) -> str:
        """Title and heading path before the body: a chunk under "구비 서류" should match a query about 구비 서류
        even when its own sentences never say so. Embed and BM25-index this; show ``text`` to people."""
        parts = [self.section] if self.section else []
        # Markdown manuals start with "# <title>", so the section path usually begins with the title already.
        if self.title and not (self.section == self.title or self.section.startswith(f"{self.title} > ")):
            parts.insert(0, self.title)
        header = " > ".join(parts)
        return f"{header}\n{self.text}" if header else self.text


@dataclass(frozen=True)
class IngestFailure:
    """A file that could not be loaded, with the message to show the clerk who uploaded it."""

    path: str
    message: str


@dataclass(frozen=True)
class IngestReport:
    """What a batch load produced: every document that loaded, and every file that did not, with the reason."""

    documents: tuple[Document, ...]
    failures: tuple[IngestFailure, ...] = ()
