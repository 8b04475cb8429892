"""Structure-aware chunking: sections follow headings, Q&A pairs and tables stay whole, paragraphs are packed.

A chunk never mixes two sections, so its heading path (``chunk.section``) says where every sentence in it
comes from. Paragraphs are packed up to ``max_chars`` and a paragraph longer than that is cut at Korean
sentence ends (다. 요. ? !), then at line breaks or spaces; a table or a Q&A pair is never cut, even when it
is longer than ``max_chars``, because half a fee table or an answer without its question misleads.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator

from retrieval.types import Block, Chunk, Document

logger = logging.getLogger(__name__)

DEFAULT_MAX_CHARS = 700
MIN_MAX_CHARS = 100
_SECTION_SEPARATOR = " > "
_BLOCK_SEPARATOR = "\n\n"
# A sentence ends after 다. 요. 죠. and the 개조식 endings of official documents (함. 음. 임. 됨.), or after ? and !,
# optionally followed by closing quotes or brackets; a line break always ends one.
_SENTENCE_END = re.compile(r"(?:(?<=[다요죠함음임됨])\.|[?!？！])[\"'”’)\]」』]*[ \t]+|\n+")


def chunk_document(document: Document, *, max_chars: int = DEFAULT_MAX_CHARS) -> list[Chunk]:
    """Chunks of one document in reading order, with ids ``f"{document.id}#{n}"`` (n from 0)."""
    _check_max_chars(max_chars)
    packer = _Packer(document, max_chars)
    headings: list[Block] = []
    for block in document.blocks:
        if block.kind == "heading":
            packer.flush()
            while headings and headings[-1].level >= block.level:
                headings.pop()
            headings.append(block)
            packer.section = _SECTION_SEPARATOR.join(
                part for part in [document.section or "", *(heading.text for heading in headings)] if part
            )
        elif block.kind == "qa":
            packer.flush()
            packer.emit(block.text, block.page)
        elif block.kind == "table" or len(block.text) <= max_chars:
            packer.add(block.text, block.page)
        else:
            for piece in split_text(block.text, max_chars):
                packer.add(piece, block.page)
    packer.flush()
    if not packer.chunks and headings:
        # A document that is only headings still says something; keep it findable.
        packer.emit("\n".join(block.text for block in document.blocks), None)
    return packer.chunks


def split_text(text: str, max_chars: int) -> list[str]:
    """Cut text longer than ``max_chars`` at sentence ends, keeping each piece at most ``max_chars`` long.

    A single sentence longer than that is cut at the last space before the limit (or at the limit).
    """
    pieces: list[str] = []
    current = ""
    for sentence in _sentences(text):
        if len(sentence.rstrip()) > max_chars:
            if current.strip():
                pieces.append(current.strip())
            current = ""
            pieces.extend(_hard_split(sentence.strip(), max_chars))
        elif current and len(current) + len(sentence.rstrip()) > max_chars:
            pieces.append(current.strip())
            current = sentence
        else:
            current += sentence
    if current.strip():
        pieces.append(current.strip())
    return pieces


def _sentences(text: str) -> Iterator[str]:
    """Sentences with their trailing whitespace, so joining them gives back ``text``."""
    start = 0
    for match in _SENTENCE_END.finditer(text):
        yield text[start : match.end()]
        start = match.end()
    if start < len(text):
        yield text[start:]


def _hard_split(text: str, max_chars: int) -> list[str]:
    pieces = []
    while len(text) > max_chars:
        cut = text.rfind(" ", 0, max_chars + 1)
        if cut < max_chars // 2:  # no space in a useful place (long URL, unspaced text): cut at the limit
            cut = max_chars
        pieces.append(text[:cut].strip())
        text = text[cut:].strip()
    if text:
        pieces.append(text)
    return pieces


def _check_max_chars(max_chars: int) -> None:
    if max_chars < MIN_MAX_CHARS:
        raise ValueError(
            f"max_chars={max_chars} is too small; use at least {MIN_MAX_CHARS} (default {DEFAULT_MAX_CHARS})"
        )


class _Packer:
    """Collects consecutive pieces of one section into chunks of at most ``max_chars`` (atomic pieces excepted)."""

    def __init__(self, document: Document, max_chars: int) -> None:
        self.document = document
        self.max_chars = max_chars
        self.section = document.section or ""
        self.chunks: list[Chunk] = []
        self._parts: list[str] = []
        self._length = 0
        self._page: int | None = None

    def add(self, text: str, page: int | None) -> None:
        added = len(text) + (len(_BLOCK_SEPARATOR) if self._parts else 0)
        if self._parts and self._length + added > self.max_chars:
            self.flush()
            added = len(text)
        if not self._parts:
            self._page = page
        self._parts.append(text)
        self._length += added

    def flush(self) -> None:
        if self._parts:
            self.emit(_BLOCK_SEPARATOR.join(self._parts), self._page)
        self._parts = []
        self._length = 0
        self._page = None

    def emit(self, text: str, page: int | None) -> None:
        document = self.document
        ordinal = len(self.chunks)
        self.chunks.append(
            Chunk(
                id=f"{document.id}#{ordinal}",
                document_id=document.id,
                ordinal=ordinal,
                text=text,
                title=document.title,
                section=self.section,
                source=document.source,
                url=document.url,
                visibility=document.visibility,
                department=document.department,
                updated=document.updated,
                page=page,
            )
        )


class DocumentChunker:
    """Pipeline component: ``DocumentChunker(max_chars=700).run(documents)`` gives every document's chunks.

    ``max_chars`` is validated here so a bad setting fails at start-up, not on the first upload.
    """

    def __init__(self, max_chars: int = DEFAULT_MAX_CHARS) -> None:
        _check_max_chars(max_chars)
        self.max_chars = max_chars

    def run(self, documents: Iterable[Document], *, max_chars: int | None = None) -> list[Chunk]:
        """Chunks of all ``documents`` in order; ``max_chars`` overrides the constructor's value for this call."""
        limit = self.max_chars if max_chars is None else max_chars
        chunks = [chunk for document in documents for chunk in chunk_document(document, max_chars=limit)]
        logger.debug("chunked into %d chunks of at most %d characters", len(chunks), limit)
        return chunks
