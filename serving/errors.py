"""Domain errors → HTTP. Stable ``detail`` strings that tests check; never a stack trace to a client."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from nlp.errors import DictionaryError, ModelNotTrainedError, NlpError
from retrieval.errors import EmbeddingError, RetrievalError, UnsafeArchiveError, UnsupportedFormatError
from serving.audit import AuditReportError
from serving.complaint_store import ComplaintError, ComplaintForbiddenError, ComplaintNotFoundError
from serving.crypto import DataKeyError
from serving.interpreter_calls import (
    InterpreterCallError,
    InterpreterCallNotFoundError,
    InterpreterDeskForbiddenError,
)
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
    (InterpreterCallNotFoundError, 404),
    (InterpreterDeskForbiddenError, 403),
    (InterpreterCallError, 409),
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


# Pydantic's error types in the words a citizen or clerk understands; anything else falls back to a general line.
_KOREAN_VALIDATION: dict[str, str] = {
    "missing": "필수 항목이 빠졌습니다",
    "string_too_short": "내용이 너무 짧습니다",
    "string_too_long": "내용이 너무 깁니다",
    "too_short": "항목이 너무 적습니다",
    "too_long": "항목이 너무 많습니다",
    "string_pattern_mismatch": "형식이 맞지 않습니다",
    "json_invalid": "JSON 형식이 잘못되었습니다",
    "json_type": "JSON 본문이 필요합니다",
    "model_attributes_type": "JSON 객체가 필요합니다",
    "dict_type": "JSON 객체가 필요합니다",
    "list_type": "목록이 필요합니다",
    "string_type": "글자가 필요합니다",
    "string_unicode": "UTF-8 글자가 아닙니다",
    "int_parsing": "숫자가 필요합니다",
    "int_type": "숫자가 필요합니다",
    "float_parsing": "숫자가 필요합니다",
    "bool_parsing": "참/거짓 값이 필요합니다",
    "bool_type": "참/거짓 값이 필요합니다",
    "greater_than": "값이 너무 작습니다",
    "greater_than_equal": "값이 너무 작습니다",
    "less_than": "값이 너무 큽니다",
    "less_than_equal": "값이 너무 큽니다",
    "literal_error": "허용되지 않는 값입니다",
    "enum": "허용되지 않는 값입니다",
    "datetime_parsing": "날짜·시각 형식이 맞지 않습니다",
    "datetime_from_date_parsing": "날짜·시각 형식이 맞지 않습니다",
    "date_parsing": "날짜 형식이 맞지 않습니다",
    "extra_forbidden": "알 수 없는 항목입니다",
    "value_error": "값이 올바르지 않습니다",
}


def korean_validation_message(error_type: str) -> str:
    return _KOREAN_VALIDATION.get(error_type, "값이 올바르지 않습니다")


def _field_name(loc: list) -> str:
    # ("body", "items", 0, "text") → "items.0.text"; the body itself is "본문".
    parts = [str(part) for part in loc if part not in ("body", "query", "path", "header", "cookie")]
    return ".".join(parts) or "본문"


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
        # and would repeat personal data: report only where and what, with a Korean line for people.
        problems = [{"loc": list(item.get("loc", ())), "msg": item.get("msg", ""), "type": item.get("type", ""),
                     "msg_ko": korean_validation_message(item.get("type", ""))}
                    for item in error.errors()]
        summary = "; ".join(f"{_field_name(p['loc'])}: {p['msg_ko']}" for p in problems[:5])
        return JSONResponse(status_code=422, content={
            "detail": problems, "message": f"요청 내용을 확인해 주세요 — {summary} (invalid request)"})

    app.add_exception_handler(RequestValidationError, invalid_request)

    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        # FastAPI answers a body it cannot decode (CP949 sent as JSON, a torn multipart) with a bare English 400.
        if error.status_code == 400 and error.detail == "There was an error parsing the body":
            return JSONResponse(status_code=422, content={
                "detail": [{"loc": ["body"], "msg": "the body is not UTF-8 JSON or valid form data",
                            "type": "body_unreadable", "msg_ko": "본문을 읽을 수 없습니다"}],
                "message": "요청 본문을 읽을 수 없습니다: UTF-8 JSON으로 보내 주세요 (the body is not readable UTF-8 "
                           "JSON or form data)"})
        return await http_exception_handler(request, error)

    app.add_exception_handler(StarletteHTTPException, http_error)
