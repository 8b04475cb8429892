"""Domain errors → HTTP. Stable ``detail`` strings that tests check; never a stack trace to a client."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError

from nlp.errors import DictionaryError, ModelNotTrainedError, NlpError
from retrieval.errors import EmbeddingError, RetrievalError, UnsafeArchiveError, UnsupportedFormatError
from serving.audit import AuditReportError
from serving.complaint_store import ComplaintError, ComplaintForbiddenError, ComplaintNotFoundError
from serving.crypto import DataKeyError
from serving.jobs import JobError, JobNotFoundError
from serving.minutes import MeetingNotFoundError, MinutesError, VersionConflictError
from signlang.errors import SignLanguageError
from speech.errors import AudioDecodeError, AudioTooLongError, EmptyAudioError, ModelNotFoundError, SpeechError

logger = logging.getLogger(__name__)

# Most specific first: the first matching class decides the status.
STATUS_BY_ERROR: list[tuple[type[Exception], int]] = [
    (ComplaintNotFoundError, 404),
    (ComplaintForbiddenError, 403),
    (ComplaintError, 422),
    (AuditReportError, 422),
    (MeetingNotFoundError, 404),
    (VersionConflictError, 409),
    (MinutesError, 422),
    (JobNotFoundError, 404),
    (JobError, 409),
    (AudioTooLongError, 413),
    (EmptyAudioError, 422),
    (AudioDecodeError, 415),
    (SpeechError, 422),
    (DictionaryError, 503),  # the city's configuration is broken: not the caller's fault
    (ModelNotTrainedError, 503),
    (NlpError, 422),
    (EmbeddingError, 503),
    (UnsafeArchiveError, 422),
    (UnsupportedFormatError, 415),
    (RetrievalError, 422),
    (SignLanguageError, 422),
]


def install_error_handlers(app: FastAPI) -> None:
    for error_class, status_code in STATUS_BY_ERROR:

        async def handler(_request: Request, error: Exception, status_code: int = status_code) -> JSONResponse:
            return JSONResponse(status_code=status_code, content={"detail": str(error)})

        app.add_exception_handler(error_class, handler)

    async def model_missing(_request: Request, error: Exception) -> JSONResponse:
        # The message names server paths: for the operator's log, not for the caller.
        logger.error("model unavailable: %s", error)
        return JSONResponse(status_code=503, content={
            "detail": "음성 인식 모델을 사용할 수 없습니다. 관리자에게 알려 주세요 (speech model unavailable)"})

    app.add_exception_handler(ModelNotFoundError, model_missing)

    async def keys_unavailable(_request: Request, error: Exception) -> JSONResponse:
        logger.error("data keys: %s", error)  # names the key file: for the operator only
        return JSONResponse(status_code=503, content={
            "detail": "암호화 키를 사용할 수 없습니다. 관리자에게 알려 주세요 (encryption keys unavailable)"})

    app.add_exception_handler(DataKeyError, keys_unavailable)

    async def database_unavailable(_request: Request, error: Exception) -> JSONResponse:
        logger.error("database unavailable: %s", error.__class__.__name__)
        return JSONResponse(
            status_code=503,
            content={"detail": "데이터베이스에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요. (database unavailable)"},
        )

    app.add_exception_handler(OperationalError, database_unavailable)

    async def invalid_request(_request: Request, error: RequestValidationError) -> JSONResponse:
        # FastAPI's own handler echoes the input back, which fails to encode for lone surrogates (a 500)
        # and would repeat personal data: report only where and what.
        problems = [{"loc": list(item.get("loc", ())), "msg": item.get("msg", ""), "type": item.get("type", "")}
                    for item in error.errors()]
        return JSONResponse(status_code=422, content={"detail": problems})

    app.add_exception_handler(RequestValidationError, invalid_request)
