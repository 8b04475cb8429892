"""Word documents with python-docx: headings from paragraph styles, tables kept whole."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from retrieval.ingest._common import Extracted, clean_text, open_archive, parse_errors, table_block
from retrieval.types import Block

logger = logging.getLogger(__name__)

# Korean Word shows the built-in "Heading N" as "제목 N" and "Title" as "제목"; files carry either name.
_HEADING_STYLE = re.compile(r"^(?:heading|제목)\s*([1-9])$", re.IGNORECASE)
_TITLE_STYLES = {"title", "제목"}


def extract_docx(path: Path) -> Extracted:
    """Body paragraphs and tables in reading order; headers, footers and text boxes are not read."""
    open_archive(path, "DOCX").close()
    with parse_errors(path, "DOCX"):
        document = docx.Document(str(path))
        blocks: list[Block] = []
        for item in document.iter_inner_content():
            block = _table(item) if isinstance(item, Table) else _paragraph(item)
            if block is not None:
                blocks.append(block)
        title = (document.core_properties.title or "").strip()
    logger.debug("%s: %d blocks", path.name, len(blocks))
    return Extracted(blocks=tuple(blocks), title=title or None)


def _paragraph(paragraph: Paragraph) -> Block | None:
    text = clean_text(paragraph.text)
    if not text:
        return None
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    style = style.strip()
    if style.lower() in _TITLE_STYLES:
        return Block(kind="heading", text=text.replace("\n", " "), level=0)
    match = _HEADING_STYLE.match(style)
    if match:
        return Block(kind="heading", text=text.replace("\n", " "), level=int(match.group(1)))
    return Block(kind="paragraph", text=text)


def _table(table: Table) -> Block | None:
    rows = []
    for row in table.rows:
        cells = []
        previous = None
        for cell in row.cells:
            # A horizontally merged cell is returned once per grid column it spans; keep it once.
            if previous is not None and cell == previous:
                continue
            cells.append(cell.text)
            previous = cell
        rows.append(cells)
    return table_block(rows)
