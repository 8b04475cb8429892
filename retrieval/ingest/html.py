"""Saved web pages with lxml: scripts, styles and navigation dropped, h1–h4 as headings, tables kept whole."""

from __future__ import annotations

import codecs
import logging
import re
from pathlib import Path

import lxml.html
from lxml import etree

from retrieval.ingest._common import Extracted, clean_text, decode_text, parse_errors, read_bytes, table_block
from retrieval.types import Block

logger = logging.getLogger(__name__)

_DROPPED = ("script", "style", "nav", "noscript", "template", "head")
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4}
# Elements that end the running paragraph; everything else (span, a, strong, ...) flows inline.
_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h5", "h6", "header", "hr", "li", "main", "ol", "p",
    "pre", "section", "summary", "ul",
}  # fmt: skip
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_WHITESPACE = re.compile(r"\s+")


def extract_html(path: Path) -> Extracted:
    data = read_bytes(path)
    text = _XML_DECLARATION.sub("", decode_text(data, path.name, preferred=_declared_charset(data)))
    with parse_errors(path, "HTML"):
        root = lxml.html.document_fromstring(text)
        title_element = root.find(".//title")
        title = clean_text(title_element.text_content()) if title_element is not None else ""
        etree.strip_elements(root, *_DROPPED, with_tail=False)
        collector = _Collector()
        collector.walk(root.body if root.find("body") is not None else root)
        collector.flush()
    logger.debug("%s: %d blocks", path.name, len(collector.blocks))
    return Extracted(blocks=tuple(collector.blocks), title=title.replace("\n", " ") or None)


def _declared_charset(data: bytes) -> str | None:
    match = _CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
    # Pages labelled EUC-KR routinely contain CP949-only syllables (똠, 햏, ...); CP949 is the superset.
    return "cp949" if name in {"euc_kr", "cp949"} else name


class _Collector:
    """Walks the tree in reading order, gathering inline text until a block boundary."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._parts: list[str] = []

    def flush(self) -> None:
        text = clean_text("".join(self._parts))
        self._parts = []
        if text:
            self.blocks.append(Block(kind="paragraph", text=text))

    def walk(self, element: etree._Element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if not tag:  # comments and processing instructions; their tail is handled by the parent
            return
        if tag in _HEADINGS:
            self.flush()
            text = clean_text(_WHITESPACE.sub(" ", element.text_content()))
            if text:
                self.blocks.append(Block(kind="heading", text=text, level=_HEADINGS[tag]))
            return
        if tag == "table":
            self.flush()
            block = table_block(_rows(element))
            if block is not None:
                self.blocks.append(block)
            return
        if tag == "br":
            self._parts.append("\n")
            return
        if tag in _BLOCK_TAGS:
            self.flush()
        self._add(element.text, tag == "pre")
        for child in element:
            self.walk(child)
            self._add(child.tail, tag == "pre")
        if tag in _BLOCK_TAGS:
            self.flush()

    def _add(self, text: str | None, preformatted: bool) -> None:
        if text:
            self._parts.append(text if preformatted else _WHITESPACE.sub(" ", text))


def _rows(table: etree._Element) -> list[list[str]]:
    rows = []
    for row in table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr"):
        rows.append([_WHITESPACE.sub(" ", cell.text_content()) for cell in row.xpath("./th | ./td")])
    return rows
