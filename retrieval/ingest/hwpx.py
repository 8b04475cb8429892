"""Hangul HWPX (OWPML, KS X 6101): the zipped section XML read directly with zipfile and lxml.

Elements are matched by local name because Hancom's 2011 namespaces and the 2024 OWPML ones both occur.
Binary .hwp (HWP 5.0) is not read; the dispatcher asks for an HWPX copy instead.
"""

from __future__ import annotations

import logging
import re
import zipfile
from pathlib import Path

from lxml import etree

from retrieval.errors import DocumentParseError
from retrieval.ingest._common import Extracted, clean_text, open_archive, parse_errors, table_block
from retrieval.types import Block

logger = logging.getLogger(__name__)

_SECTION = re.compile(r"^Contents/section(\d+)\.xml$")
# Hangul's outline styles are "개요 1".."개요 7" (engName "Outline N"); converted Word files bring "Heading N".
_HEADING_STYLE = re.compile(r"^(?:개요|제목|outline|heading)\s*([1-9])$", re.IGNORECASE)
# Page headers and footers repeat on every page and would pollute every paragraph they are anchored to.
_SKIPPED = {"header", "footer"}


def extract_hwpx(path: Path) -> Extracted:
    """Paragraphs (hp:p / hp:t) and tables (hp:tbl) of every section in order; headings from outline styles."""
    with open_archive(path, "HWPX") as archive, parse_errors(path, "HWPX"):
        sections = sorted(
            (name for name in archive.namelist() if _SECTION.match(name)),
            key=lambda name: int(_SECTION.match(name).group(1)),
        )
        if not sections:
            raise DocumentParseError(
                f"{path.name}: HWPX 본문(Contents/section*.xml)이 없습니다 (no Contents/section*.xml; "
                f"not an HWPX document). 한글에서 HWPX로 다시 저장해 올려 주세요 (re-save it as HWPX in Hangul)."
            )
        heading_styles = _heading_styles(archive)
        blocks: list[Block] = []
        for name in sections:
            root = _parse(archive.read(name))
            for element in root:
                if _local(element) == "p":
                    _paragraph(element, heading_styles, blocks)
        title = _title(archive)
    logger.debug("%s: %d sections, %d blocks", path.name, len(sections), len(blocks))
    return Extracted(blocks=tuple(blocks), title=title)


def _parse(data: bytes) -> etree._Element:
    # No entities, no network, no huge trees: the XML comes from an uploaded file.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
    return etree.fromstring(data, parser=parser)


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _heading_styles(archive: zipfile.ZipFile) -> dict[str, int]:
    """Style id → heading level, from Contents/header.xml."""
    if "Contents/header.xml" not in archive.namelist():
        return {}
    levels = {}
    for element in _parse(archive.read("Contents/header.xml")).iter():
        if _local(element) != "style":
            continue
        for name in (element.get("name", ""), element.get("engName", "")):
            match = _HEADING_STYLE.match(name.strip())
            if match:
                levels[element.get("id", "")] = int(match.group(1))
                break
    return levels


def _title(archive: zipfile.ZipFile) -> str | None:
    if "Contents/content.hpf" not in archive.namelist():
        return None
    for element in _parse(archive.read("Contents/content.hpf")).iter():
        if _local(element) == "title" and (element.text or "").strip():
            return clean_text(element.text)
    return None


def _paragraph(paragraph: etree._Element, heading_styles: dict[str, int], blocks: list[Block]) -> None:
    """One hp:p: its own text as a paragraph or heading, then each table anchored in it (tables live in runs)."""
    parts: list[str] = []
    tables: list[etree._Element] = []
    _collect(paragraph, parts, tables)
    text = clean_text("".join(parts))
    if text:
        level = heading_styles.get(paragraph.get("styleIDRef", ""))
        if level is not None:
            blocks.append(Block(kind="heading", text=text.replace("\n", " "), level=level))
        else:
            blocks.append(Block(kind="paragraph", text=text))
    for table in tables:
        block = table_block(_rows(table))
        if block is not None:
            blocks.append(block)


def _collect(element: etree._Element, parts: list[str], tables: list[etree._Element] | None) -> None:
    """Text under ``element``; tables are set aside (or, inside a cell, flattened when ``tables`` is None)."""
    for child in element:
        name = _local(child)
        if name in _SKIPPED:
            continue
        if name == "tbl" and tables is not None:
            tables.append(child)
        elif name == "t":
            parts.append(_run_text(child))
        else:
            if name == "p":  # a paragraph nested in a text box, footnote or cell
                parts.append("\n")
            _collect(child, parts, tables)


def _run_text(element: etree._Element) -> str:
    """hp:t holds text with inline hp:tab / hp:lineBreak children whose tails continue the text."""
    parts = [element.text or ""]
    for child in element:
        name = _local(child)
        if name == "tab":
            parts.append(" ")
        elif name == "lineBreak":
            parts.append("\n")
        parts.append(child.tail or "")
    return "".join(parts)


def _rows(table: etree._Element) -> list[list[str]]:
    rows = []
    for row in table:
        if _local(row) != "tr":
            continue
        cells = []
        for cell in row:
            if _local(cell) == "tc":
                parts: list[str] = []
                _collect(cell, parts, None)
                cells.append(" ".join(clean_text("".join(parts)).split("\n")))
        rows.append(cells)
    return rows
