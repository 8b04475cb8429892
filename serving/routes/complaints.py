"""Citizens file complaints and check their status; the analysis API is the same pipeline as
``civicai complaints analyze``."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field, StringConstraints

from nlp.dictionaries import Dictionaries
from nlp.pipeline import ComplaintAnalyzer, ComplaintInput
from serving.complaint_store import NewComplaint, by_receipt, file_complaint
from serving.complaints import analysis_to_json
from serving.deps import ActorDep, DictionariesDep, SessionDep, SettingsDep, lazy_component
from serving.models import build_complaint_analyzer
from serving.ratelimit import rate_limited

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


class ComplaintCreate(BaseModel):
    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=5, max_length=5000)]
    region: Annotated[str, StringConstraints(strip_whitespace=True, max_length=64)] | None = None
    contact: Annotated[str, StringConstraints(strip_whitespace=True, max_length=120)] | None = None
    consent: bool = Field(default=False, description="개인정보 수집·이용 동의 (needed to keep a contact)")


class DepartmentPublic(BaseModel):
    code: str
    name: str
    phone: str = ""


class ComplaintReceipt(BaseModel):
    receipt_no: str
    status: str
    department: DepartmentPublic
    type: str | None
    urgent: bool
    created_at: datetime


class ComplaintStatus(ComplaintReceipt):
    text_masked: str
    reply: str | None
    replied_at: datetime | None


def _department(dictionaries: Dictionaries, code: str | None) -> DepartmentPublic:
    for department in dictionaries.departments:
        if department.code == code:
            return DepartmentPublic(code=department.code, name=department.name, phone=department.phone)
    return DepartmentPublic(code=code or "", name=code or "미지정")


@router.post("", response_model=ComplaintReceipt, status_code=201, dependencies=[Depends(rate_limited("complaints"))])
async def file(body: ComplaintCreate, analyzer: AnalyzerDep, session: SessionDep, settings: SettingsDep,
               dictionaries: DictionariesDep, actor: ActorDep) -> ComplaintReceipt:
    """민원 접수: analysed, routed, personal data masked; the citizen's own text and contact are encrypted."""
    [analysis] = await run_in_threadpool(analyzer.analyze, [ComplaintInput(id="new", text=body.text,
                                                                           region=body.region)])
    record = analysis_to_json(analysis, analyzer.model_version)
    # Database work never runs on the event loop: a lock wait there would stall every other request,
    # including the one holding the lock (seen as a deadlock under 10 concurrent filings on SQLite).
    complaint = await run_in_threadpool(
        file_complaint, session, settings.field_cipher(),
        NewComplaint(text=body.text, region=body.region or None, contact=body.contact or None, consent=body.consent),
        record, actor=actor)
    return ComplaintReceipt(receipt_no=complaint.receipt_no, status=complaint.status,
                            department=_department(dictionaries, complaint.department_code), type=complaint.type_code,
                            urgent=complaint.urgent, created_at=complaint.created_at)


@router.get("/{receipt_no}", response_model=ComplaintStatus)
def status(receipt_no: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{8}$")], session: SessionDep,
           dictionaries: DictionariesDep) -> ComplaintStatus:
    """처리 상태 조회 by receipt number: only masked text, never the contact."""
    complaint = by_receipt(session, receipt_no)
    return ComplaintStatus(receipt_no=complaint.receipt_no, status=complaint.status,
                           department=_department(dictionaries, complaint.department_code), type=complaint.type_code,
                           urgent=complaint.urgent, created_at=complaint.created_at,
                           text_masked=complaint.text_masked, reply=complaint.reply_masked,
                           replied_at=complaint.replied_at)
