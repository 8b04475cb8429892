"""Plain text files in whatever encoding a Korean office saved them."""

from __future__ import annotations

from pathlib import Path

from retrieval.ingest._common import Extracted, decode_text, paragraph_blocks, read_bytes


def extract_text(path: Path) -> Extracted:
    """Paragraphs are separated by blank lines; plain text has no headings to find."""
    return Extracted(blocks=tuple(paragraph_blocks(decode_text(read_bytes(path), path.name))))
