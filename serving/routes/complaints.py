"""Complaint analysis API: the same pipeline as ``civicai complaints analyze``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from nlp.pipeline import ComplaintAnalyzer, ComplaintInput
from serving.complaints import analysis_to_json
from serving.deps import lazy_component
from serving.models import build_complaint_analyzer

router = APIRouter(prefix="/api/complaints", tags=["complaints"])

MAX_BATCH = 100


class ComplaintIn(BaseModel):
    id: str = Field(min_length=1, max_length=64)
    text: str = Field(max_length=20_000)
    channel: str | None = Field(default=None, max_length=32)
    created_at: str | None = Field(default=None, max_length=40)
    region: str | None = Field(default=None, max_length=64)


class AnalyzeRequest(BaseModel):
    items: list[ComplaintIn] = Field(min_length=1, max_length=MAX_BATCH)


class AnalyzeResponse(BaseModel):
    model_version: str
    results: list[dict[str, Any]]


def get_complaint_analyzer(request: Request) -> ComplaintAnalyzer:
    """One analyzer per app, built on first use (it takes ~15 s to warm up)."""
    return lazy_component(request, "complaint_analyzer", lambda: build_complaint_analyzer(request.app.state.settings))


AnalyzerDep = Annotated[ComplaintAnalyzer, Depends(get_complaint_analyzer)]


@router.post("/analyze", response_model=AnalyzeResponse)
async def analyze(body: AnalyzeRequest, analyzer: AnalyzerDep) -> AnalyzeResponse:
    items = [ComplaintInput(**item.model_dump()) for item in body.items]
    analyses = await run_in_threadpool(analyzer.analyze, items)
    version = analyzer.model_version
    results = [analysis_to_json(a, version, item) for a, item in zip(analyses, items, strict=True)]
    return AnalyzeResponse(model_version=version, results=results)
