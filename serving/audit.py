"""The access log's integrity check and the privacy officer's monthly review (개인정보 접속기록 점검).

The 안전성 확보조치 기준 asks that access records of personal data be checked at least monthly. The report
lists every access in the month and highlights what a reviewer should look at: bulk viewing, access outside
working hours, staff opening other departments' complaints, failed sign-ins, and downloads with their reasons.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from serving.db import GENESIS_HASH, AuditChainHead, AuditEvent, Complaint, User

MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
# Actions that touch a person's data (sign-ins and admin changes are listed, but are not data access).
PERSONAL_DATA_ACTIONS = frozenset({
    "view", "view_unmasked", "search", "export", "download", "correct", "delete", "purge", "subject_export",
    "delete_voiceprint", "enrol_voiceprint", "recognise_speakers", "rename_speakers",
})


class AuditReportError(ValueError):
    """The report was asked for in a form that cannot be answered (the message says what is allowed)."""


@dataclass(frozen=True)
class ChainCheck:
    ok: bool
    rows: int
    first_bad_seq: int | None = None
    problem: str = ""


@dataclass(frozen=True)
class Finding:
    kind: str  # bulk_view | off_hours | other_department | failed_login | download
    actor: str
    at: datetime
    detail: str


@dataclass(frozen=True)
class ReviewOptions:
    timezone: str = "Asia/Seoul"
    work_start: time = time(8, 0)
    work_end: time = time(20, 0)
    # More personal-data accesses than this by one person on one day is worth a look.
    bulk_per_day: int = 50


@dataclass(frozen=True)
class AccessReport:
    month: str
    events: int
    personal_data_events: int
    by_action: dict[str, int]
    by_actor: dict[str, int]
    findings: list[Finding] = field(default_factory=list)
    chain: ChainCheck | None = None


def verify_chain(session: Session) -> ChainCheck:
    """Recompute every row's hash in order. An edited, inserted or removed row breaks the chain.

    Rows older than the two-year minimum may have been purged from the start: the first row left anchors
    the chain with its stored previous hash."""
    expected_prev: str | None = None
    expected_seq: int | None = None
    rows = 0
    for audit_event in session.scalars(select(AuditEvent).order_by(AuditEvent.seq)).yield_per(1000):
        rows += 1
        if expected_seq is not None and audit_event.seq != expected_seq:
            return ChainCheck(False, rows, expected_seq, f"row {expected_seq} is missing (행이 삭제됨)")
        if expected_prev is None:
            expected_prev = audit_event.prev_hash if audit_event.seq > 1 else GENESIS_HASH
        if audit_event.prev_hash != expected_prev:
            return ChainCheck(False, rows, audit_event.seq, "previous-hash link broken (연결이 끊김)")
        if audit_event.digest(expected_prev) != audit_event.row_hash:
            return ChainCheck(False, rows, audit_event.seq, "row content changed (내용이 바뀜)")
        expected_prev, expected_seq = audit_event.row_hash, audit_event.seq + 1
    head = session.get(AuditChainHead, 1)
    if head is not None and rows and (head.seq != expected_seq - 1 or head.last_hash != expected_prev):
        return ChainCheck(False, rows, head.seq, "latest rows removed (마지막 행이 삭제됨)")
    return ChainCheck(True, rows)


def month_bounds(month: str, timezone: str) -> tuple[datetime, datetime]:
    found = MONTH.match(month)
    if not found:
        raise AuditReportError(f"월은 YYYY-MM 형식이어야 합니다: {month!r} (month must look like 2026-11)")
    year, number = int(found.group(1)), int(found.group(2))
    zone = ZoneInfo(timezone)
    start = datetime(year, number, 1, tzinfo=zone)
    end = start + timedelta(days=calendar.monthrange(year, number)[1])
    return start.astimezone(UTC), end.astimezone(UTC)


def monthly_report(session: Session, month: str, options: ReviewOptions | None = None) -> AccessReport:
    options = options or ReviewOptions()
    start, end = month_bounds(month, options.timezone)
    zone = ZoneInfo(options.timezone)
    events = session.scalars(
        select(AuditEvent).where(AuditEvent.at >= start, AuditEvent.at < end).order_by(AuditEvent.seq)).all()
    departments = dict(session.execute(select(User.username, User.department)).all())
    complaint_ids = {e.complaint_id for e in events if e.complaint_id is not None}
    complaint_departments = dict(session.execute(
        select(Complaint.id, Complaint.department_code).where(Complaint.id.in_(complaint_ids))).all()
    ) if complaint_ids else {}

    findings: list[Finding] = []
    per_day: Counter[tuple[str, str]] = Counter()
    first_of_day: dict[tuple[str, str], datetime] = {}
    personal = 0
    for audit_event in events:
        at = (audit_event.at if audit_event.at.tzinfo else audit_event.at.replace(tzinfo=UTC)).astimezone(zone)
        if audit_event.action == "login_failed":
            findings.append(Finding("failed_login", audit_event.actor, at, f"from {audit_event.client_ip or '?'}"))
        if audit_event.action not in PERSONAL_DATA_ACTIONS:
            continue
        personal += 1
        day = (audit_event.actor, at.date().isoformat())
        per_day[day] += 1
        first_of_day.setdefault(day, at)
        what = f"{audit_event.action} {audit_event.target_type} {audit_event.target_id}"
        if at.weekday() >= 5 or not options.work_start <= at.time() < options.work_end:
            findings.append(Finding("off_hours", audit_event.actor, at, what))
        own = departments.get(audit_event.actor)
        theirs = complaint_departments.get(audit_event.complaint_id)
        if own and theirs and own != theirs:
            findings.append(Finding("other_department", audit_event.actor, at, f"{what} (부서 {theirs}, 본인 {own})"))
        if audit_event.action in {"export", "download", "subject_export"}:
            findings.append(Finding("download", audit_event.actor, at, f"{what}; 사유: {audit_event.reason or '없음'}"))
    for (actor, day), count in per_day.items():
        if count > options.bulk_per_day:
            findings.append(Finding("bulk_view", actor, first_of_day[(actor, day)],
                                    f"{day}: {count} personal-data accesses (> {options.bulk_per_day})"))
    findings.sort(key=lambda f: (f.at, f.kind))
    return AccessReport(
        month=month, events=len(events), personal_data_events=personal,
        by_action=dict(Counter(e.action for e in events).most_common()),
        by_actor=dict(Counter(e.actor for e in events).most_common()),
        findings=findings, chain=verify_chain(session),
    )


FINDING_TITLES = {
    "bulk_view": "대량 조회 (bulk access)",
    "off_hours": "근무시간 외 접근 (off-hours access)",
    "other_department": "다른 부서 민원 열람 (other department's complaints)",
    "failed_login": "로그인 실패 (failed sign-ins)",
    "download": "다운로드·내보내기와 사유 (downloads with reason)",
}


def report_markdown(report: AccessReport) -> str:
    chain = report.chain
    lines = [
        f"# 개인정보 접속기록 점검 보고서 — {report.month}",
        "",
        f"- 접속기록 {report.events}건, 그중 개인정보 처리 {report.personal_data_events}건",
        "- 접속기록 위·변조 검사 (hash chain): "
        + ("이상 없음 (intact)" if chain is None or chain.ok
           else f"**위·변조 의심: 일련번호 {chain.first_bad_seq} — {chain.problem}**"),
        "",
        "## 행위별 (by action)",
        "",
        *[f"- {action}: {count}" for action, count in report.by_action.items()],
        "",
        "## 사용자별 (by actor)",
        "",
        *[f"- {actor}: {count}" for actor, count in report.by_actor.items()],
    ]
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        grouped[finding.kind].append(finding)
    for kind, title in FINDING_TITLES.items():
        lines += ["", f"## {title}: {len(grouped[kind])}건", ""]
        lines += [f"- {f.at:%Y-%m-%d %H:%M} {f.actor}: {f.detail}" for f in grouped[kind]] or ["- 없음"]
    return "\n".join(lines) + "\n"
