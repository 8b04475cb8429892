"""Load manuals into Documents: PDF, DOCX, HWPX, HTML, Markdown, TXT and Q&A CSV.

``load_document`` picks the reader from the file's content first (PDF and zip signatures cannot lie the way
extensions do) and its extension second; ``ingest_paths`` loads a batch and reports what it could not load.
"""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

from retrieval.errors import DocumentParseError, RetrievalError, UnsupportedFormatError
from retrieval.ingest._common import Extracted
from retrieval.ingest.docx import extract_docx
from retrieval.ingest.html import extract_html
from retrieval.ingest.hwpx import extract_hwpx
from retrieval.ingest.markdown import extract_markdown
from retrieval.ingest.pdf import extract_pdf
from retrieval.ingest.qa_csv import QaCsvColumns, load_qa_csv
from retrieval.ingest.text import extract_text
from retrieval.types import VISIBILITIES, Document, IngestFailure, IngestReport, Visibility

__all__ = ["SUPPORTED_SUFFIXES", "QaCsvColumns", "detect_format", "ingest_paths", "load_document"]

logger = logging.getLogger(__name__)

SUPPORTED_SUFFIXES: dict[str, str] = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".hwpx": "hwpx",
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".csv": "qa_csv",
}
_EXTRACTORS: dict[str, Callable[[Path], Extracted]] = {
    "pdf": extract_pdf,
    "docx": extract_docx,
    "hwpx": extract_hwpx,
    "html": extract_html,
    "markdown": extract_markdown,
    "text": extract_text,
}
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # HWP 5.0, .doc, .xls, .ppt
# Most restrictive wins when the file and the caller disagree: a document is never more visible than either says.
_RESTRICTIVENESS = {"public": 0, "internal": 1, "department": 2}
_SUPPORTED_LIST = ", ".join(sorted(SUPPORTED_SUFFIXES))


def detect_format(path: str | Path) -> str:
    """The reader for ``path``: pdf, docx, hwpx, html, markdown, text or qa_csv.

    Raises UnsupportedFormatError (with what to convert to) or DocumentParseError when the file cannot be read.
    """
    path = Path(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(2048)
    except OSError as error:
        raise DocumentParseError(
            f"{path.name}: 파일을 열 수 없습니다 (cannot open {path}: {error.strerror or error})."
        ) from error
    suffix = path.suffix.lower()
    if b"%PDF-" in head[:1024]:
        detected = "pdf"
    elif head.startswith(b"PK\x03\x04"):
        detected = _zip_format(path, suffix)
    elif head.startswith(_OLE_SIGNATURE) or suffix in {".hwp", ".doc"}:
        raise UnsupportedFormatError(
            f"{path.name}: 한글 HWP·MS Word DOC 같은 옛 바이너리 형식은 읽을 수 없습니다 (binary HWP/DOC/XLS is "
            f"not supported). 한글에서 'HWPX'로, Word에서 'DOCX'로 다시 저장하거나 PDF로 올려 주세요 "
            f"(save it as HWPX, DOCX or PDF)."
        )
    elif suffix in SUPPORTED_SUFFIXES:
        detected = SUPPORTED_SUFFIXES[suffix]
    elif not suffix:
        detected = _text_format(head)
    else:
        raise UnsupportedFormatError(
            f"{path.name}: 지원하지 않는 파일 형식입니다 (unsupported format {suffix!r}; supported: "
            f"{_SUPPORTED_LIST}). 이 중 하나로 저장해 올려 주세요 (convert it to one of them)."
        )
    expected = SUPPORTED_SUFFIXES.get(suffix)
    if expected is not None and expected != detected:
        logger.info("%s: the content is %s although the extension says %s; reading it as %s", path, detected, suffix,
                    detected)
    return detected


def _zip_format(path: Path, suffix: str) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:64] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        # Damaged: let the reader the extension names report it, or say what the zip should have been.
        if suffix in {".docx", ".hwpx"}:
            return SUPPORTED_SUFFIXES[suffix]
        raise DocumentParseError(
            f"{path.name}: 손상된 압축 파일입니다 (damaged zip archive). 원래 프로그램에서 다시 저장해 올려 주세요 "
            f"(re-save it from the application that made it)."
        ) from None
    if "word/document.xml" in names:
        return "docx"
    if mimetype.startswith(b"application/hwp") or any(name.startswith("Contents/section") for name in names):
        return "hwpx"
    if suffix in {".docx", ".hwpx"}:
        return SUPPORTED_SUFFIXES[suffix]  # its reader explains what is missing
    raise UnsupportedFormatError(
        f"{path.name}: DOCX·HWPX가 아닌 압축 파일입니다 (a zip archive that is neither DOCX nor HWPX, e.g. XLSX, "
        f"PPTX or a plain .zip). 문서를 하나씩 DOCX, HWPX 또는 PDF로 올려 주세요 (upload each document as DOCX, "
        f"HWPX or PDF)."
    )


def _text_format(head: bytes) -> str:
    """For files without an extension (uploads saved under a random name): HTML, Markdown front matter, or text."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    if start.startswith(b"---\n") or start.startswith(b"---\r\n"):
        return "markdown"
    return "text"


def load_document(
    path: str | Path,
    *,
    document_id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    visibility: Visibility | None = None,
    department: str | None = None,
    csv_columns: QaCsvColumns | None = None,
) -> list[Document]:
    """Load one file: a list of one Document, or one per row for a Q&A CSV.

    ``document_id`` defaults to the file's stem; pass a collection-relative id such as "city/move-in-report"
    (``ingest_paths(root=...)`` does). ``title`` and ``url`` replace what the file says. A Q&A CSV ignores all
    three and takes them per row from ``csv_columns``.
    ``visibility`` and ``department`` are the caller's; when a file declares its own (Markdown front matter),
    the more restrictive visibility wins and the file's department wins. With neither, a document is
    "internal": a manual reaches citizens only when someone said it may.
    Raises UnsupportedFormatError, DocumentParseError or UnsafeArchiveError, never a library's own exception.
    """
    path = Path(path)
    if visibility is not None and visibility not in VISIBILITIES:
        raise ValueError(f"visibility={visibility!r} is not one of {VISIBILITIES}")
    if visibility == "department" and not department:
        raise ValueError("visibility='department' needs department=<the owning department's code>")
    if document_id is not None and not document_id.strip():
        raise ValueError(f"document_id={document_id!r} is empty; pass None to use the file name")
    detected = detect_format(path)
    if detected == "qa_csv":
        return load_qa_csv(
            path, columns=csv_columns or QaCsvColumns(), visibility=visibility or "internal", department=department
        )
    extracted = _EXTRACTORS[detected](path)
    if not extracted.blocks:
        raise DocumentParseError(f"{path.name}: 내용이 없는 문서입니다 (the document has no text).")
    headings = [block.text for block in extracted.blocks if block.kind == "heading"]
    resolved_department = extracted.department or department
    resolved_visibility = _most_restrictive(extracted.visibility, visibility)
    if resolved_visibility == "department" and not resolved_department:
        raise DocumentParseError(
            f"{path.name}: visibility가 department인데 담당 부서(department)가 없습니다 (visibility 'department' "
            f"needs a department code). 머리말에 department: <부서 코드>를 적어 주세요 (add 'department: <code>')."
        )
    document = Document(
        id=document_id or path.stem,
        title=title or extracted.title or (headings[0] if headings else path.stem),
        source=str(path),
        format=detected,
        blocks=extracted.blocks,
        url=url,
        visibility=resolved_visibility,
        department=resolved_department,
        updated=extracted.updated,
    )
    logger.debug("loaded %s as %s (%d blocks)", path, document.id, len(document.blocks))
    return [document]


def _most_restrictive(declared: Visibility | None, requested: Visibility | None) -> Visibility:
    candidates = [value for value in (declared, requested) if value is not None]
    if not candidates:
        return "internal"
    return max(candidates, key=_RESTRICTIVENESS.__getitem__)


def ingest_paths(
    paths: Iterable[str | Path],
    *,
    root: str | Path | None = None,
    visibility: Visibility | None = None,
    department: str | None = None,
    csv_columns: QaCsvColumns | None = None,
    progress: Callable[[float], None] | None = None,
) -> IngestReport:
    """Load many files (directories are walked, hidden files skipped) and report every file that failed.

    A file that cannot be read, is unsupported or repeats another file's document id is listed in
    ``failures`` with its reason and skipped; every other file's documents are returned, in path order.
    With ``root``, a file's id is its path under root without the extension ("city/move-in-report"), so two
    "faq.pdf" in different folders do not collide; otherwise it is the file's stem.
    ``progress`` receives 0–100 after each file.
    """
    root_path = Path(root).resolve() if root is not None else None
    files = _expand(paths)
    if root_path is not None:
        outside = [str(file) for file in files if not file.resolve().is_relative_to(root_path)]
        if outside:
            raise ValueError(f"root={str(root)!r} does not contain {outside[:3]}; pass the folder above all files")
    documents: list[Document] = []
    failures: list[IngestFailure] = []
    first_source: dict[str, str] = {}
    for done, file in enumerate(files, start=1):
        document_id = (
            file.resolve().relative_to(root_path).with_suffix("").as_posix() if root_path is not None else None
        )
        try:
            loaded = load_document(
                file, document_id=document_id, visibility=visibility, department=department, csv_columns=csv_columns
            )
            _check_unique(loaded, first_source)
        except RetrievalError as error:
            logger.warning("not ingested: %s", error)
            failures.append(IngestFailure(path=str(file), message=str(error)))
        else:
            for document in loaded:
                first_source[document.id] = document.source
            documents.extend(loaded)
        if progress is not None:
            progress(100.0 * done / len(files))
    logger.info("ingested %d documents from %d files, %d failed", len(documents), len(files), len(failures))
    return IngestReport(documents=tuple(documents), failures=tuple(failures))


def _expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files in the order given, directories expanded in sorted order, each file once."""
    files: list[Path] = []
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(
                file
                for file in path.rglob("*")
                if file.is_file() and not any(part.startswith(".") for part in file.relative_to(path).parts)
            )
        else:
            found = [path]  # a missing file is reported as a failure by load_document
        for file in found:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                files.append(file)
    return files


def _check_unique(loaded: list[Document], first_source: dict[str, str]) -> None:
    for document in loaded:
        if document.id in first_source:
            raise DocumentParseError(
                f"{Path(document.source).name}: 문서 id {document.id!r}가 {first_source[document.id]}와 겹쳐 "
                f"건너뛰었습니다 (duplicate document id, already loaded from {first_source[document.id]}). "
                f"root=로 폴더 경로를 id에 넣거나 파일 이름을 바꿔 주세요 (pass root= or rename the file)."
            )
