"""Uploads streamed to disk with a size cap: never held in memory, never named by the client."""

from __future__ import annotations

import errno
import logging
import os
import tempfile
from pathlib import Path

from fastapi import HTTPException, UploadFile

logger = logging.getLogger(__name__)

CHUNK_BYTES = 1 << 20


async def save_upload(upload: UploadFile, directory: Path, max_bytes: int, suffix: str = "") -> Path:
    """Copy the upload to a fresh file in ``directory``; 413 past ``max_bytes``, 400 when empty, 507 on a full disk.

    The file name is generated here: the client's name is display text only (no path traversal).
    A failed upload leaves no file behind.
    """
    directory.mkdir(parents=True, exist_ok=True)
    descriptor, name = tempfile.mkstemp(dir=directory, prefix="upload-", suffix=suffix)
    path = Path(name)
    size = 0
    try:
        with os.fdopen(descriptor, "wb") as handle:
            while chunk := await upload.read(CHUNK_BYTES):
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
