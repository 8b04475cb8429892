"""The privacy officer's desk (개인정보 보호책임자): data-subject requests, the monthly access review,
the access log's integrity, and running the retention purge. Every call needs a privacy officer or admin."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, StringConstraints, model_validator

from serving.audit import monthly_report, report_markdown, verify_chain
from serving.complaint_store import by_receipt, correct_contact, erase, export_subject, find_subject
from serving.db import AuditEvent
from serving.deps import PrivacyOfficerDep, SessionDep, SettingsDep, client_ip
from serving.retention import purge_expired

router = APIRouter(prefix="/api/privacy", tags=["privacy"])

Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=500)]


class SubjectQuery(BaseModel):
    contact: Annotated[str, StringConstraints(strip_whitespace=True, max_length=120)] | None = None
    receipt_no: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{8}$")] | None = None

    @model_validator(mode="after")
    def _one_key(self) -> SubjectQuery:
        if not self.contact and not self.receipt_no:
            raise ValueError("연락처나 접수번호가 필요합니다 (give a contact or a receipt number)")
        return self


class SubjectRequest(SubjectQuery):
    reason: Reason


class SubjectRecord(BaseModel):
    receipt_no: str
    status: str
    created_at: str
    department: str | None
    erased: bool


class Correction(BaseModel):
    receipt_no: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{8}$")]
    contact: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=120)]
    reason: Reason


@router.post("/subjects/search", response_model=list[SubjectRecord])
def search_subject(body: SubjectRequest, officer: PrivacyOfficerDep, session: SessionDep, settings: SettingsDep,
                   request: Request) -> list[SubjectRecord]:
    """정보주체의 기록 찾기 (by contact or receipt number); the search itself is logged."""
    rows = find_subject(session, settings.field_cipher(), contact=body.contact, receipt_no=body.receipt_no)
    session.add(AuditEvent(actor=officer.username, action="search", target_type="subject",
                           target_id=",".join(r.receipt_no for r in rows)[:64] or "-", reason=body.reason,
                           client_ip=client_ip(request)))
    return [SubjectRecord(receipt_no=r.receipt_no, status=r.status, created_at=r.created_at.isoformat(),
                          department=r.department_code, erased=r.purged_at is not None) for r in rows]


@router.post("/subjects/export")
def export(body: SubjectRequest, officer: PrivacyOfficerDep, session: SessionDep, settings: SettingsDep,
           request: Request) -> dict[str, Any]:
    """열람·사본 청구: everything about the person, decrypted, each record logged with the reason."""
    cipher = settings.field_cipher()
    rows = find_subject(session, cipher, contact=body.contact, receipt_no=body.receipt_no)
    return export_subject(session, cipher, officer.username, rows, body.reason, client_ip=client_ip(request))


@router.post("/subjects/correct", status_code=204)
def correct(body: Correction, officer: PrivacyOfficerDep, session: SessionDep, settings: SettingsDep,
            request: Request) -> None:
    """정정 청구: replace the contact stored with a complaint."""
    correct_contact(session, settings.field_cipher(), officer.username, by_receipt(session, body.receipt_no),
                    body.contact, client_ip=client_ip(request))


@router.post("/subjects/delete", response_model=list[SubjectRecord])
def delete(body: SubjectRequest, officer: PrivacyOfficerDep, session: SessionDep, settings: SettingsDep,
           request: Request) -> list[SubjectRecord]:
    """삭제 청구: destroy the person's text and contact in every complaint (codes stay for statistics)."""
    rows = find_subject(session, settings.field_cipher(), contact=body.contact, receipt_no=body.receipt_no)
    erase(session, officer.username, [row for row in rows if row.purged_at is None], body.reason,
          settings.complaint_training_copies(), client_ip=client_ip(request))
    return [SubjectRecord(receipt_no=r.receipt_no, status=r.status, created_at=r.created_at.isoformat(),
                          department=r.department_code, erased=True) for r in rows]


@router.get("/audit/report")
def audit_report(officer: PrivacyOfficerDep, session: SessionDep, request: Request,
                 month: Annotated[str, Query(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")],
                 format: Annotated[str, Query(pattern="^(json|markdown)$")] = "json") -> Any:
    """월간 접속기록 점검 보고서."""
    report = monthly_report(session, month)
    session.add(AuditEvent(actor=officer.username, action="audit_review", target_type="audit_log", target_id=month,
                           client_ip=client_ip(request)))
    if format == "markdown":
        return PlainTextResponse(report_markdown(report), media_type="text/markdown; charset=utf-8")
    return asdict(report)


@router.get("/audit/verify")
def audit_verify(_officer: PrivacyOfficerDep, session: SessionDep) -> dict[str, Any]:
    """접속기록 위·변조 검사."""
    return asdict(verify_chain(session))


@router.post("/purge")
def purge(_officer: PrivacyOfficerDep, session: SessionDep, settings: SettingsDep) -> dict[str, int]:
    """보존기간이 지난 개인정보 파기 (the same as the daily `civicai privacy purge`)."""
    report = purge_expired(session, settings)
    return {**asdict(report), "total": report.total}
