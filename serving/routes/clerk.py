"""The clerk's complaint desk: the department's queue (masked), opening personal data with a reason,
reassignment (which teaches the router), replies and status. Every call needs a signed-in clerk."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from pydantic import BaseModel, StringConstraints

from nlp.dictionaries import Dictionaries
from nlp.pii import PLACEHOLDERS
from serving.complaint_store import (
    Status,
    analytics_records,
    answer,
    mask_missed,
    open_for_clerk,
    reassign,
    reveal,
    set_status,
)
from serving.complaint_store import department_queue as queue_for
from serving.complaints import DashboardChart, dashboard_summary, render_dashboard_chart
from serving.db import Complaint, utcnow
from serving.deps import ClerkDep, DictionariesDep, IntegerKey, SessionDep, SettingsDep, client_ip
from serving.interpreter_calls import accept_call, check_desk, desk_calls, finish_call, get_call, load_desk
from serving.routes.complaints import AnalyzerDep

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/api/clerk", tags=["clerk"])

ReceiptNo = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{8}$")]


class ComplaintSummary(BaseModel):
    receipt_no: str
    created_at: datetime
    status: str
    region: str | None
    type: str | None
    department: str | None
    urgent: bool
    urgency_score: float
    urgent_terms: list[str]
    text_masked: str

    @classmethod
    def of(cls, complaint: Complaint) -> ComplaintSummary:
        return cls(receipt_no=complaint.receipt_no, created_at=complaint.created_at, status=complaint.status,
                   region=complaint.region, type=complaint.type_code, department=complaint.department_code,
                   urgent=complaint.urgent, urgency_score=complaint.urgency_score,
                   urgent_terms=list((complaint.analysis or {}).get("urgent_terms", [])),
                   text_masked=complaint.text_masked)


class ReviewWord(BaseModel):
    """Where in ``text_masked`` a word that may be a name stands."""

    text: str
    start: int
    end: int


class ComplaintDetail(ComplaintSummary):
    has_contact: bool
    analysis: dict[str, Any]
    reply: str | None
    replied_by: str | None
    # Words still in the masked text that may be a name, for the clerk to check (and mask) before anyone else reads it.
    names_to_review: list[ReviewWord]


class RevealRequest(BaseModel):
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=500)]


class RevealedPublic(BaseModel):
    text: str
    contact: str | None


class ReassignRequest(BaseModel):
    department: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]


class ReplyRequest(BaseModel):
    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=10_000)]


class StatusRequest(BaseModel):
    status: Status


class MaskRequest(BaseModel):
    value: Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=64)]
    type: Literal[tuple(PLACEHOLDERS)] = "NAME"  # type: ignore[valid-type]


class MaskResult(ComplaintDetail):
    masked: int


@router.get("/complaints", response_model=list[ComplaintSummary])
def department_queue(user: ClerkDep, session: SessionDep,
                     status: Annotated[Status | None, Query()] = None,
                     limit: Annotated[int, Query(ge=1, le=500)] = 100) -> list[ComplaintSummary]:
    """우리 부서 민원 (urgent first, then newest); personal data masked."""
    return [ComplaintSummary.of(c) for c in queue_for(session, user, status=status, limit=limit)]


def get_name_review(analyzer: AnalyzerDep, settings: SettingsDep) -> Callable[[str], list[ReviewWord]]:
    """Where a masked text has words that may be a name the masker left. An aid, not a gate: if it fails, the
    clerk's action has been done and is answered, with nothing marked."""
    def review(text: str) -> list[ReviewWord]:
        try:
            spans = analyzer.masker.names_to_review(text, settings.name_review_floor)
        except Exception:  # whatever breaks the aid, the complaint is still shown
            logger.exception("names to review could not be read")
            return []
        return [ReviewWord(text=span.text, start=span.start, end=span.end) for span in spans]
    return review


NameReviewDep = Annotated[Callable[[str], list[ReviewWord]], Depends(get_name_review)]


def _detail(complaint: Complaint, review: Callable[[str], list[ReviewWord]]) -> ComplaintDetail:
    return ComplaintDetail(**ComplaintSummary.of(complaint).model_dump(), has_contact=bool(complaint.contact_encrypted),
                           analysis=complaint.analysis or {}, reply=complaint.reply_masked,
                           replied_by=complaint.replied_by, names_to_review=review(complaint.text_masked))


@router.get("/complaints/{receipt_no}", response_model=ComplaintDetail)
def open_complaint(receipt_no: ReceiptNo, user: ClerkDep, session: SessionDep, review: NameReviewDep,
                   request: Request) -> ComplaintDetail:
    """민원 상세 (masked), with the router's candidates, evidence and similar past answers."""
    return _detail(open_for_clerk(session, user, receipt_no, client_ip=client_ip(request)), review)


@router.post("/complaints/{receipt_no}/reveal", response_model=RevealedPublic)
def reveal_personal_data(receipt_no: ReceiptNo, body: RevealRequest, user: ClerkDep, session: SessionDep,
                         settings: SettingsDep, request: Request) -> RevealedPublic:
    """개인정보 열람: the original text and contact, logged with the reason."""
    complaint = open_for_clerk(session, user, receipt_no, client_ip=client_ip(request))
    revealed = reveal(session, settings.field_cipher(), user, complaint, body.reason, client_ip=client_ip(request))
    return RevealedPublic(text=revealed.text, contact=revealed.contact)


@router.post("/complaints/{receipt_no}/reassign", response_model=ComplaintDetail)
def reassign_complaint(receipt_no: ReceiptNo, body: ReassignRequest, user: ClerkDep, session: SessionDep,
                       settings: SettingsDep, dictionaries: DictionariesDep, review: NameReviewDep,
                       request: Request) -> ComplaintDetail:
    """다른 부서로 이관 (the correction becomes training data for routing)."""
    complaint = open_for_clerk(session, user, receipt_no, client_ip=client_ip(request), for_update=True)
    known = {d.code for d in dictionaries.departments}
    reassign(session, user, complaint, body.department, known, settings.complaint_training_copies(),
             client_ip=client_ip(request))
    return _detail(complaint, review)


@router.post("/complaints/{receipt_no}/reply", response_model=ComplaintDetail)
def reply_to_complaint(receipt_no: ReceiptNo, body: ReplyRequest, user: ClerkDep, session: SessionDep,
                       settings: SettingsDep, analyzer: AnalyzerDep, review: NameReviewDep,
                       request: Request) -> ComplaintDetail:
    """답변 등록 (masked before it is stored and shown on the status page)."""
    complaint = open_for_clerk(session, user, receipt_no, client_ip=client_ip(request), for_update=True)
    answer(session, settings.field_cipher(), user, complaint, body.text,
           lambda text: analyzer.masker.mask(text).text, client_ip=client_ip(request))
    return _detail(complaint, review)


@router.post("/complaints/{receipt_no}/mask", response_model=MaskResult)
def mask_missed_personal_data(receipt_no: ReceiptNo, body: MaskRequest, user: ClerkDep, session: SessionDep,
                              settings: SettingsDep, review: NameReviewDep, request: Request) -> MaskResult:
    """놓친 개인정보 가리기: what the masker missed becomes a placeholder everywhere it is stored; a missed name
    is kept encrypted to teach the name scorer."""
    complaint = open_for_clerk(session, user, receipt_no, client_ip=client_ip(request), for_update=True)
    count = mask_missed(session, settings.field_cipher(), user, complaint, body.value, body.type,
                        settings.complaint_training_copies(), client_ip=client_ip(request))
    return MaskResult(**_detail(complaint, review).model_dump(), masked=count)


@router.post("/complaints/{receipt_no}/status", response_model=ComplaintDetail)
def change_status(receipt_no: ReceiptNo, body: StatusRequest, user: ClerkDep, session: SessionDep,
                  review: NameReviewDep, request: Request) -> ComplaintDetail:
    complaint = open_for_clerk(session, user, receipt_no, client_ip=client_ip(request), for_update=True)
    set_status(session, user, complaint, body.status, client_ip=client_ip(request))
    return _detail(complaint, review)


# --- interpreter calls from the kiosk ---------------------------------------------------------------------------

class InterpreterCallView(BaseModel):
    id: int
    kiosk: str
    status: str
    created_at: datetime
    accepted_by: str | None
    accepted_at: datetime | None
    closed_at: datetime | None


def _call_view(call) -> InterpreterCallView:
    return InterpreterCallView(id=call.id, kiosk=call.kiosk, status=call.status, created_at=call.created_at,
                               accepted_by=call.accepted_by, accepted_at=call.accepted_at, closed_at=call.closed_at)


@router.get("/interpreter-calls", response_model=list[InterpreterCallView])
def interpreter_calls(user: ClerkDep, session: SessionDep, settings: SettingsDep) -> list[InterpreterCallView]:
    """수어통역 호출 (the desk department's clerks): open calls oldest first, then today's closed ones."""
    check_desk(user, load_desk(settings.config_dir))
    return [_call_view(call) for call in desk_calls(session)]


@router.post("/interpreter-calls/{call_id}/accept", response_model=InterpreterCallView)
def accept_interpreter_call(call_id: IntegerKey, user: ClerkDep, session: SessionDep, settings: SettingsDep,
                            request: Request) -> InterpreterCallView:
    """응대하기: the kiosk tells the citizen someone is coming; a second clerk gets 409."""
    check_desk(user, load_desk(settings.config_dir))
    return _call_view(accept_call(session, user, get_call(session, call_id), client_ip(request)))


@router.post("/interpreter-calls/{call_id}/done", response_model=InterpreterCallView)
def finish_interpreter_call(call_id: IntegerKey, user: ClerkDep, session: SessionDep, settings: SettingsDep,
                            request: Request) -> InterpreterCallView:
    check_desk(user, load_desk(settings.config_dir))
    return _call_view(finish_call(session, user, get_call(session, call_id), client_ip(request)))


# --- dashboard ---------------------------------------------------------------------------------------------------

DashboardDays = Annotated[int, Query(ge=7, le=730, description="기간: 최근 며칠 (days back)")]
DashboardDepartment = Annotated[str | None, Query(max_length=64, description="부서 코드; 비우면 시 전체")]


def _dashboard_records(session: SessionDep, dictionaries: Dictionaries, days: int, department: str | None):
    if department is not None and department not in {d.code for d in dictionaries.departments}:
        raise HTTPException(422, f"없는 부서입니다 (unknown department {department!r})")
    return analytics_records(session, utcnow() - timedelta(days=days), department)


@router.get("/dashboard")
def dashboard(_user: ClerkDep, session: SessionDep, dictionaries: DictionariesDep, days: DashboardDays = 90,
              department: DashboardDepartment = None) -> dict[str, Any]:
    """민원 통계: counts by type, department and region, weekly series, rising keywords, urgent-term spikes by
    region, next week's forecast. Aggregates of masked data only, so every clerk may see the whole city."""
    records = _dashboard_records(session, dictionaries, days, department)
    return {"days": days, "department": department, **dashboard_summary(records, dictionaries.stopwords)}


@router.get("/dashboard/{chart}.png", response_class=Response,
            responses={200: {"content": {"image/png": {}}, "description": "PNG"}})
def dashboard_chart(chart: DashboardChart, _user: ClerkDep, session: SessionDep, dictionaries: DictionariesDep,
                    days: DashboardDays = 90, department: DashboardDepartment = None) -> Response:
    """대시보드 그림: wordcloud, weekly_by_type or by_department, drawn from the same records as the numbers."""
    records = _dashboard_records(session, dictionaries, days, department)
    with tempfile.TemporaryDirectory(prefix="dashboard-") as folder:
        path = render_dashboard_chart(records, chart, Path(folder) / f"{chart}.png", dictionaries)
        return Response(path.read_bytes(), media_type="image/png", headers={"Cache-Control": "no-store"})
