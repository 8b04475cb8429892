"""Domain errors → HTTP. Stable ``detail`` strings that tests check; never a stack trace to a client."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError

from nlp.errors import DictionaryError, EmptyTextError, ModelNotTrainedError, NlpError
from retrieval.errors import RetrievalError, UnsafeArchiveError, UnsupportedFormatError
from speech.errors import AudioDecodeError, AudioTooLongError, EmptyAudioError, ModelNotFoundError, SpeechError

logger = logging.getLogger(__name__)

# Most specific first: the first matching class decides the status.
STATUS_BY_ERROR: list[tuple[type[Exception], int]] = [
    (AudioTooLongError, 413),
    (EmptyAudioError, 422),
    (AudioDecodeError, 415),
    (ModelNotFoundError, 503),
    (SpeechError, 422),
    (DictionaryError, 503),  # the city's configuration is broken: not the caller's fault
    (ModelNotTrainedError, 503),
    (EmptyTextError, 422),
    (NlpError, 422),
    (UnsafeArchiveError, 422),
    (UnsupportedFormatError, 415),
    (RetrievalError, 422),
]


def install_error_handlers(app: FastAPI) -> None:
    for error_class, status_code in STATUS_BY_ERROR:

        async def handler(_request: Request, error: Exception, status_code: int = status_code) -> JSONResponse:
            return JSONResponse(status_code=status_code, content={"detail": str(error)})

        app.add_exception_handler(error_class, handler)

    async def database_unavailable(_request: Request, error: Exception) -> JSONResponse:
        logger.error("database unavailable: %s", error.__class__.__name__)
        return JSONResponse(
            status_code=503,
            content={"detail": "데이터베이스에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요. (database unavailable)"},
        )

    app.add_exception_handler(OperationalError, database_unavailable)
