"""PDF text with pypdf (BSD-licensed; AGPL PDF libraries are not allowed in civicai), one block per paragraph."""

from __future__ import annotations

import logging
from pathlib import Path

from pypdf import PasswordType, PdfReader

from retrieval.errors import DocumentParseError
from retrieval.ingest._common import Extracted, paragraph_blocks, parse_errors

logger = logging.getLogger(__name__)


def extract_pdf(path: Path) -> Extracted:
    """Text of every page, tagged with its page number so answers can cite "p. 3".

    PDFs carry no reliable heading structure, so everything is paragraphs; the chunker packs them.
    """
    with parse_errors(path, "PDF"):
        reader = PdfReader(path)
        if reader.is_encrypted and _decrypt_with_empty_password(reader) == PasswordType.NOT_DECRYPTED:
            raise DocumentParseError(
                f"{path.name}: 암호화된 PDF는 읽을 수 없습니다 (encrypted PDF: it needs a password to open). "
                f"암호를 해제한 사본을 올려 주세요 (upload a copy saved without a password)."
            )
        blocks = []
        for number, page in enumerate(reader.pages, start=1):
            blocks.extend(paragraph_blocks(page.extract_text() or "", page=number))
        page_count = len(reader.pages)
        title = (reader.metadata.title or "").strip() if reader.metadata else ""
    if page_count == 0:
        raise DocumentParseError(f"{path.name}: 쪽이 하나도 없는 PDF입니다 (the PDF has no pages).")
    if not blocks:
        raise DocumentParseError(
            f"{path.name}: PDF에 글자가 없습니다. 스캔한 이미지로 보이며 OCR(글자 인식)은 지원하지 않습니다 "
            f"(no text layer in {page_count} page(s), probably a scan; OCR is not available). "
            f"글자가 들어 있는 원본 PDF나 DOCX/HWPX를 올려 주세요 (upload the original with text)."
        )
    logger.debug("%s: %d pages, %d paragraphs", path.name, page_count, len(blocks))
    return Extracted(blocks=tuple(blocks), title=title or None)


def _decrypt_with_empty_password(reader: PdfReader) -> PasswordType:
    """Many "encrypted" PDFs only restrict printing or copying and open with an empty user password."""
    try:
        return reader.decrypt("")
    except Exception as error:  # an algorithm pypdf cannot handle is, for the clerk, still "encrypted"
        logger.debug("decrypting with the empty password failed: %r", error)
        return PasswordType.NOT_DECRYPTED
