"""The chatbot's knowledge base: manuals ingested, chunked and kept in a persisted ``HybridIndex``.

``KnowledgeBase.build`` indexes the default manuals that ship in ``data/manuals`` (the easylaw
백문백답 Q&A and the city's service guides); ``add`` and ``delete`` change one document at a time.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from nlp.korean import KiwiAnalyzer
from retrieval.chunking import DocumentChunker
from retrieval.index import HybridIndex, IndexNotBuiltError, morpheme_tokens
from retrieval.ingest import ingest_paths
from retrieval.types import IngestReport

logger = logging.getLogger(__name__)


def morpheme_tokenizer(analyzer: KiwiAnalyzer) -> Callable[[Sequence[str]], list[list[str]]]:
    def tokenize(texts: Sequence[str]) -> list[list[str]]:
        return [morpheme_tokens(tokens) for tokens in analyzer.tokenize_many(list(texts))]

    return tokenize


def _relative(source: str, root: Path) -> str:
    path, root = Path(source), root.resolve()
    return str(path.relative_to(root)) if path.is_relative_to(root) else path.name


class KnowledgeBase:
    def __init__(self, index_dir: Path, manuals_dir: Path, embedder, analyzer: KiwiAnalyzer) -> None:
        self.index_dir = Path(index_dir)
        self.manuals_dir = Path(manuals_dir)
        self.index = HybridIndex(embedder, morpheme_tokenizer(analyzer))
        self.chunker = DocumentChunker()

    def load_or_build(self, progress: Callable[[float], None] | None = None) -> HybridIndex:
        """Load the saved index, or build the default one when there is none (or it is stale)."""
        try:
            return self.index.load(self.index_dir)
        except IndexNotBuiltError as reason:
            logger.info("building the knowledge base: %s", reason)
            self.build(progress=progress)
            return self.index

    def build(self, progress: Callable[[float], None] | None = None) -> IngestReport:
        """Index every manual under ``manuals_dir`` from scratch."""
        report = ingest_paths([self.manuals_dir], root=self.manuals_dir, visibility="public")
        # Citations show where a passage comes from; a path inside the server is not for citizens.
        documents = [replace(d, source=_relative(d.source, self.manuals_dir)) for d in report.documents]
        report = replace(report, documents=tuple(documents))
        self.index = HybridIndex(self.index.embedder, self.index.tokenize)
        self.index.upsert(self.chunker.run(report.documents), progress=progress)
        self.index.save(self.index_dir)
        return report

    def add(
        self,
        paths: Iterable[str | Path],
        visibility: str | None = None,
        department: str | None = None,
        progress: Callable[[float], None] | None = None,
    ) -> IngestReport:
        """Add or replace documents; only their chunks are embedded. Failed files are reported, not fatal."""
        self.load_or_build()
        report = ingest_paths(list(paths), visibility=visibility, department=department)
        report = replace(report, documents=tuple(replace(d, source=Path(d.source).name) for d in report.documents))
        self.index.upsert(self.chunker.run(report.documents), progress=progress)
        self.index.save(self.index_dir)
        return report

    def delete(self, document_ids: Iterable[str]) -> int:
        self.load_or_build()
        removed = self.index.delete_documents(document_ids)
        if removed:
            self.index.save(self.index_dir)
        return removed
