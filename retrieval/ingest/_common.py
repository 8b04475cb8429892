"""What the format readers share: the extracted result, safe archive opening, decoding, text and table cleanup."""

from __future__ import annotations

import logging
import re
import unicodedata
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from retrieval.errors import DocumentParseError, RetrievalError, UnsafeArchiveError
from retrieval.types import Block, Visibility

logger = logging.getLogger(__name__)

MAX_ARCHIVE_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
# Below this total a high ratio cannot hurt (a page of repeated table XML can compress 100x legitimately).
RATIO_CHECK_FLOOR_BYTES = 1024 * 1024
MAX_ARCHIVE_MEMBERS = 10_000
_MB = 1024 * 1024


@dataclass(frozen=True)
class Extracted:
    """What a reader found in one file; the dispatcher adds the id, source and caller's metadata."""

    blocks: tuple[Block, ...]
    title: str | None = None
    visibility: Visibility | None = None
    department: str | None = None
    updated: str | None = None


@contextmanager
def parse_errors(path: Path, kind: str) -> Iterator[None]:
    """Turn whatever a parsing library raises into a DocumentParseError naming the file.

    pypdf, python-docx and lxml raise anything on hostile or damaged input (KeyError, struct.error,
    RecursionError, their own errors), and callers should only have to catch RetrievalError.
    """
    try:
        yield
    except RetrievalError:
        raise
    except Exception as error:
        detail = str(error).strip()[:200] or error.__class__.__name__
        raise DocumentParseError(
            f"{path.name}: {kind} 파일이 손상되었거나 읽을 수 없습니다 (corrupt or unreadable {kind}: {detail}). "
            f"원래 프로그램에서 다시 저장해 올려 주세요 (re-save it from the application that made it)."
        ) from error


def open_archive(path: Path, kind: str) -> zipfile.ZipFile:
    """Open a DOCX/HWPX zip after checking, from the central directory alone, that it will not blow up.

    Python's zipfile never inflates a member past its declared size, so checking declared sizes is enough.
    """
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise DocumentParseError(
            f"{path.name}: {kind} 파일이 손상되었습니다 (not a valid {kind} zip archive: {error}). "
            f"원래 프로그램에서 다시 저장해 올려 주세요 (re-save it from the application that made it)."
        ) from error
    try:
        check_archive(archive, path.name, kind)
    except RetrievalError:
        archive.close()
        raise
    return archive


def check_archive(archive: zipfile.ZipFile, name: str, kind: str) -> None:
    members = archive.infolist()
    if len(members) > MAX_ARCHIVE_MEMBERS:
        raise UnsafeArchiveError(
            f"{name}: {kind} 안에 파일이 {len(members)}개 있어 열지 않았습니다 (archive has {len(members)} members, "
            f"limit {MAX_ARCHIVE_MEMBERS}; possible zip bomb). 문서를 다시 저장해 올려 주세요 (re-save the document)."
        )
    total = sum(member.file_size for member in members)
    packed = sum(member.compress_size for member in members)
    if total > MAX_ARCHIVE_BYTES:
        raise UnsafeArchiveError(
            f"{name}: 압축을 풀면 {total / _MB:.0f} MB로 한도 {MAX_ARCHIVE_BYTES // _MB} MB를 넘어 열지 않았습니다 "
            f"(archive expands to {total / _MB:.0f} MB, limit {MAX_ARCHIVE_BYTES // _MB} MB; possible zip bomb). "
            f"문서를 나누거나 그림을 줄여 다시 저장해 주세요 (split the document or shrink its images)."
        )
    ratio = total / max(packed, 1)
    if total > RATIO_CHECK_FLOOR_BYTES and ratio > MAX_COMPRESSION_RATIO:
        raise UnsafeArchiveError(
            f"{name}: 압축률이 {ratio:.0f}배로 한도 {MAX_COMPRESSION_RATIO}배를 넘어 열지 않았습니다 "
            f"(compression ratio {ratio:.0f}, limit {MAX_COMPRESSION_RATIO}; possible zip bomb). "
            f"원래 프로그램에서 다시 저장해 올려 주세요 (re-save it from the application that made it)."
        )


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise DocumentParseError(
            f"{path.name}: 파일을 읽을 수 없습니다 (cannot read file: {error.strerror or error})."
        ) from error


def decode_text(data: bytes, name: str, preferred: str | None = None) -> str:
    """Decode a Korean text file: UTF-8 (with or without BOM), UTF-16 with BOM, then CP949.

    CP949 is a superset of EUC-KR and is what Korean Windows (and Excel's CSV export) writes; it is tried
    last because UTF-8's strict validation rarely accepts a CP949 file, while the reverse happens.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    elif b"\x00" in data[:4096]:
        raise DocumentParseError(
            f"{name}: 텍스트 파일이 아닙니다 (binary data, not text). "
            f"PDF, DOCX, HWPX, HTML, Markdown, TXT 또는 CSV로 올려 주세요 (upload one of the supported formats)."
        )
    else:
        candidates = ["utf-8-sig", "cp949"]
    if preferred:
        candidates.insert(0, preferred)
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if encoding == "cp949":
            logger.info("%s decoded as CP949 (not UTF-8)", name)
        return text.lstrip("\ufeff")
    raise DocumentParseError(
        f"{name}: 글자 인코딩을 알 수 없습니다 (text is neither UTF-8 nor CP949/EUC-KR). "
        f"UTF-8로 저장해 다시 올려 주세요 (save the file as UTF-8)."
    )


_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff]")


def clean_text(text: str) -> str:
    """NFC (so 한글 from macOS or PDFs matches typed queries), one space between words, no blank edges."""
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text)).replace("\r\n", "\n").replace("\r", "\n")
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def paragraph_blocks(text: str, page: int | None = None) -> list[Block]:
    """Plain text to paragraph blocks, one per blank-line-separated run of lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = []
    for part in re.split(r"\n[ \t\u3000]*\n", text):
        cleaned = clean_text(part)
        if cleaned:
            blocks.append(Block(kind="paragraph", text=cleaned, page=page))
    return blocks


def table_block(rows: Sequence[Sequence[str]]) -> Block | None:
    """Render a table as markdown rows (first row as header) so it reads as a table and stays one block."""
    cleaned = [[clean_text(cell).replace("\n", " ").replace("|", "\\|") for cell in row] for row in rows]
    cleaned = [row for row in cleaned if any(row)]
    if not cleaned:
        return None
    lines = ["| " + " | ".join(row) + " |" for row in cleaned]
    lines.insert(1, "|" + "---|" * len(cleaned[0]))
    return Block(kind="table", text="\n".join(lines))
