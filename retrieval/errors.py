"""Errors of the retrieval package. Messages name the file or value received, what is allowed, and the fix.

Messages are Korean first with an English gloss in parentheses: clerks read them in the admin pages.
"""


class RetrievalError(Exception):
    """Base class of every error the retrieval package raises on purpose."""


class UnsupportedFormatError(RetrievalError):
    """The file is not one of the formats we ingest (PDF, DOCX, HWPX, HTML, Markdown, TXT, Q&A CSV)."""


class DocumentParseError(RetrievalError):
    """The file has a supported format but cannot be read: corrupt, encrypted, image-only, or malformed metadata."""


class UnsafeArchiveError(RetrievalError):
    """A DOCX/HWPX archive would expand too far (zip bomb) and was refused before anything was decompressed."""


class EmbeddingError(RetrievalError):
    """The embedding backend cannot be used as configured."""
