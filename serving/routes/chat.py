"""Citizen chat API: cited answers or a hand-off, as JSON or streamed sentence by sentence (SSE)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse
from pydantic import AfterValidator, BaseModel, Field, StringConstraints

from retrieval.answer import Answer, Chatbot
from serving.chat import answer_to_json
from serving.deps import lazy_component
from serving.models import build_chatbot, build_knowledge_base
from serving.ratelimit import rate_limited
from serving.routes.complaints import get_complaint_analyzer

router = APIRouter(prefix="/api/chat", tags=["chat"], dependencies=[Depends(rate_limited("chat"))])


def _has_text(question: str) -> str:
    # Python's strip (what the chatbot applies) also drops separators pydantic keeps (\x1c-\x1f, \x85): a question
    # of those alone passed validation and ended as a 500 from the chatbot's "empty question"
    if not question.strip():
        raise ValueError("empty question (질문이 비어 있습니다)")
    return question


class ChatRequest(BaseModel):
    question: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000), AfterValidator(_has_text)
    ]
    history: list[Annotated[str, Field(max_length=1000)]] = Field(default_factory=list, max_length=10)


def get_knowledge_base(request: Request):
    """The manuals index, shared by the chatbot and the admin's uploads (an upload is answerable at once)."""
    analyzer = get_complaint_analyzer(request)
    return lazy_component(request, "knowledge_base", lambda: build_knowledge_base(
        request.app.state.settings, analyzer.embedder, analyzer.kiwi))


def get_chatbot(request: Request) -> Chatbot:
    """One chatbot per app, built on first use (loads or builds the manuals index)."""
    analyzer = get_complaint_analyzer(request)
    knowledge_base = get_knowledge_base(request)
    return lazy_component(request, "chatbot", lambda: build_chatbot(
        request.app.state.settings, knowledge_base=knowledge_base, complaint_analyzer=analyzer))


ChatbotDep = Annotated[Chatbot, Depends(get_chatbot)]


@router.post("")
async def chat(body: ChatRequest, chatbot: ChatbotDep) -> dict:
    answer = await run_in_threadpool(chatbot.ask, body.question, body.history)
    return answer_to_json(answer)


@router.post("/stream")
async def chat_stream(body: ChatRequest, chatbot: ChatbotDep) -> StreamingResponse:
    """Server-sent events: ``sentence`` events with the answer's text, then one ``answer`` event."""
    parts = await run_in_threadpool(lambda: list(chatbot.stream(body.question, body.history)))

    def events() -> Iterator[str]:
        for part in parts:
            if isinstance(part, Answer):
                yield f"event: answer\ndata: {json.dumps(answer_to_json(part), ensure_ascii=False)}\n\n"
            else:
                yield f"event: sentence\ndata: {json.dumps(part, ensure_ascii=False)}\n\n"

    return StreamingResponse(events(), media_type="text/event-stream")
