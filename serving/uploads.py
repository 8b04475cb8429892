"""Uploads streamed to disk with a size cap: never held in memory, never named by the client, and checked by
their first bytes (a renamed file is refused before any decoder sees it)."""

from __future__ import annotations

import errno
import logging
import os
import tempfile
from pathlib import Path
from typing import Literal

from fastapi import HTTPException, UploadFile

logger = logging.getLogger(__name__)

CHUNK_BYTES = 1 << 20

ExpectedContent = Literal["media"]

# Container and stream signatures of the recordings a city office sends (phone, recorder, video conference).
# (offset, bytes): the content is media when any one matches.
_MEDIA_SIGNATURES: tuple[tuple[int, bytes], ...] = (
    (8, b"WAVE"),  # RIFF WAV
    (8, b"AVI "),  # RIFF AVI
    (0, b"ID3"),  # MP3 with a tag
    (0, b"fLaC"),
    (0, b"OggS"),  # Ogg Vorbis / Opus
    (4, b"ftyp"),  # MP4, M4A, MOV, 3GP
    (0, b"\x1a\x45\xdf\xa3"),  # Matroska, WebM
    (0, b"#!AMR"),
    (0, b"FORM"),  # AIFF
    (0, b"caff"),
    (0, b".snd"),
    (0, b"FLV"),
    (0, b"\x30\x26\xb2\x75\x8e\x66\xcf\x11"),  # ASF: WMA, WMV
    (0, b"\x00\x00\x01\xba"),  # MPEG program stream
)
# What a wrong file usually is, so the message can say it.
_OTHER_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF 문서 (a PDF document)"),
    (b"PK\x03\x04", "압축 파일·DOCX·HWPX (a zip archive or office document)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "HWP·DOC 문서 (an HWP or DOC document)"),
    (b"\xff\xd8\xff", "JPEG 사진 (a JPEG image)"),
    (b"\x89PNG", "PNG 그림 (a PNG image)"),
    (b"GIF8", "GIF 그림 (a GIF image)"),
    (b"\x7fELF", "실행 파일 (an executable)"),
    (b"MZ", "실행 파일 (an executable)"),
)


def is_media(head: bytes) -> bool:
    """True when ``head`` (the file's first bytes) starts an audio or video container or stream."""
    if any(head[offset:offset + len(signature)] == signature for offset, signature in _MEDIA_SIGNATURES):
        return True
    # MPEG audio (MP3 without a tag) and ADTS AAC start with an 11-bit frame sync; MPEG-TS with 0x47 every 188 bytes.
    if len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0:
        return True
    return len(head) >= 377 and head[0] == head[188] == head[376] == 0x47


def describe_content(head: bytes) -> str:
    """A clerk-readable guess of what a non-media upload is."""
    for signature, description in _OTHER_SIGNATURES:
        if head.startswith(signature):
            return description
    if head[8:12] == b"WEBP":
        return "WebP 그림 (a WebP image)"
    if b"\x00" not in head[:4096]:
        return "텍스트 (text)"
    return "알 수 없는 바이너리 (unknown binary data)"


def _check_content(head: bytes, expected: ExpectedContent) -> None:
    if expected == "media" and not is_media(head):
        raise HTTPException(
            status_code=415,
            detail=f"오디오·영상 파일이 아닙니다: 내용이 {describe_content(head)}입니다. wav, mp3, m4a, ogg, webm, mp4 "
                   f"녹음을 올려 주세요 (not an audio or video file; upload a recording)",
        )


async def save_upload(upload: UploadFile, directory: Path, max_bytes: int, suffix: str = "",
                      expected: ExpectedContent | None = None) -> Path:
    """Copy the upload to a fresh file in ``directory``; 413 past ``max_bytes``, 400 when empty, 415 when
    ``expected`` is given and the first bytes are something else, 507 on a full disk.

    The file name is generated here: the client's name is display text only (no path traversal), and the
    client's extension and Content-Type are never trusted for the content. A failed upload leaves no file behind.
    """
    directory.mkdir(parents=True, exist_ok=True)
    descriptor, name = tempfile.mkstemp(dir=directory, prefix="upload-", suffix=suffix)
    path = Path(name)
    size = 0
    try:
        with os.fdopen(descriptor, "wb") as handle:
            while chunk := await upload.read(CHUNK_BYTES):
                if size == 0 and expected is not None:
                    _check_content(chunk, expected)
                size += len(chunk)
                if size > max_bytes:
                    raise HTTPException(
                        status_code=413,
                        detail=f"파일이 너무 큽니다: 최대 {max_bytes // (1 << 20)} MB (file larger than the limit)",
                    )
                handle.write(chunk)
        if size == 0:
            raise HTTPException(status_code=400, detail="빈 파일입니다 (the uploaded file is empty)")
    except OSError as error:
        path.unlink(missing_ok=True)
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            logger.error("upload refused: disk full in %s", directory)
            raise HTTPException(
                status_code=507, detail="서버 저장 공간이 부족합니다. 관리자에게 알려 주세요 (server storage is full)"
            ) from error
        raise
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path
