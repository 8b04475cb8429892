"""The access log is append-only and hash-chained; the monthly review finds unusual access. SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import delete, select, text, update
from sqlalchemy.exc import DBAPIError

from serving.audit import AuditReportError, ReviewOptions, monthly_report, report_markdown, verify_chain
from serving.auth import create_user
from serving.db import AuditEvent, Complaint, Database

PASSWORD = "correct-horse-battery"


def kst(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    """A moment of 2026 in Korean time, as UTC."""
    return datetime(2026, month, day, hour, minute, tzinfo=ZoneInfo("Asia/Seoul")).astimezone(UTC)


def add_events(database: Database, *events: AuditEvent) -> None:
    with database.session() as session:
        session.add_all(events)


def test_rows_chain_and_verify(database: Database) -> None:
    add_events(database, *(AuditEvent(actor="clerk1", action="view", target_type="complaint", target_id=str(i))
                           for i in range(5)))
    add_events(database, AuditEvent(actor="clerk2", action="export", target_type="meeting", target_id="3",
                                    reason="정보공개청구 대응"))
    with database.session() as session:
        rows = session.scalars(select(AuditEvent).order_by(AuditEvent.seq)).all()
        assert [r.seq for r in rows] == [1, 2, 3, 4, 5, 6]
        assert all(later.prev_hash == earlier.row_hash for earlier, later in pairwise(rows))
        assert verify_chain(session).ok and verify_chain(session).rows == 6


def test_the_application_cannot_update_or_delete_access_records(database: Database) -> None:
    add_events(database, AuditEvent(actor="clerk1", action="view", target_type="complaint", target_id="1"))
    for statement in (update(AuditEvent).values(actor="someone-else"), delete(AuditEvent)):
        with pytest.raises(DBAPIError, match="append-only"), database.session() as session:
            session.execute(statement)
    with database.session() as session:
        assert session.scalars(select(AuditEvent.actor)).all() == ["clerk1"]


def _bypass_triggers(database: Database, session, statement: str) -> None:
    """What a database owner could do around the triggers; the chain must still give it away."""
    if database.backend == "postgresql":
        session.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))
        session.execute(text(statement))
        session.execute(text("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only"))
    else:
        session.execute(text("DROP TRIGGER audit_log_no_update"))
        session.execute(text("DROP TRIGGER audit_log_no_early_delete"))
        session.execute(text(statement))


@pytest.mark.parametrize("statement, problem", [
    ("UPDATE audit_log SET target_id = '999' WHERE seq = 2", "내용이 바뀜"),
    ("UPDATE audit_log SET reason = 'edited' WHERE seq = 3", "내용이 바뀜"),
    ("DELETE FROM audit_log WHERE seq = 2", "삭제"),
    ("DELETE FROM audit_log WHERE seq = 4", "마지막 행"),
])
def test_tampering_around_the_triggers_is_detected(database: Database, statement: str, problem: str) -> None:
    add_events(database, *(AuditEvent(actor="clerk1", action="view", target_type="complaint", target_id=str(i))
                           for i in range(4)))
    with database.session() as session:
        _bypass_triggers(database, session, statement)
    with database.session() as session:
        check = verify_chain(session)
    assert not check.ok and problem in check.problem


def test_concurrent_writers_never_fork_the_chain(database: Database) -> None:
    def write(worker: int) -> None:
        for i in range(10):
            add_events(database, AuditEvent(actor=f"clerk{worker}", action="view", target_type="complaint",
                                            target_id=str(i)))

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with database.session() as session:
        assert verify_chain(session) == verify_chain(session).__class__(True, 40)


def test_monthly_report_highlights_unusual_access(database: Database) -> None:
    with database.session() as session:
        create_user(session, "kim", PASSWORD, "clerk", department="roads")
        mine = Complaint(receipt_no="2026-000010", text_masked="도로 파손", department_code="roads")
        theirs = Complaint(receipt_no="2026-000011", text_masked="복지 문의", department_code="welfare")
        session.add_all([mine, theirs])
        session.flush()
        ids = mine.id, theirs.id
    add_events(
        database,
        AuditEvent(actor="kim", action="view", target_type="complaint", target_id="2026-000010",
                   complaint_id=ids[0], at=kst(24, 10)),
        AuditEvent(actor="kim", action="view_unmasked", target_type="complaint", target_id="2026-000011",
                   complaint_id=ids[1], at=kst(24, 11)),
        AuditEvent(actor="kim", action="view", target_type="complaint", target_id="2026-000010",
                   complaint_id=ids[0], at=kst(24, 23, 30)),
        AuditEvent(actor="kim", action="export", target_type="meeting", target_id="7", reason="감사 자료 제출",
                   at=kst(25, 14)),
        AuditEvent(actor="lee", action="login_failed", target_type="user", target_id="2", client_ip="10.0.0.9",
                   at=kst(25, 9)),
        *(AuditEvent(actor="park", action="view", target_type="complaint", target_id=str(n), at=kst(26, 15))
          for n in range(4)),
        AuditEvent(actor="kim", action="view", target_type="complaint", target_id="old",
                   at=kst(31, 10, month=10)),  # October: not in the November report
    )
    with database.session() as session:
        report = monthly_report(session, "2026-11", ReviewOptions(bulk_per_day=3))
    # create_user is logged at the real clock, which may or may not fall in November 2026.
    assert report.events == 9 + report.by_action.get("create_user", 0) and report.personal_data_events == 8
    kinds = {(f.kind, f.actor) for f in report.findings}
    assert ("other_department", "kim") in kinds
    assert ("off_hours", "kim") in kinds
    assert ("download", "kim") in kinds
    assert ("failed_login", "lee") in kinds
    assert ("bulk_view", "park") in kinds
    assert ("bulk_view", "kim") not in kinds and ("other_department", "park") not in kinds
    assert report.chain is not None and report.chain.ok
    markdown = report_markdown(report)
    assert "감사 자료 제출" in markdown and "이상 없음" in markdown and "2026-11" in markdown


@pytest.mark.parametrize("month", ["2026-13", "2026/11", "", "11-2026"])
def test_bad_month_is_refused(database: Database, month: str) -> None:
    with database.session() as session, pytest.raises(AuditReportError, match="YYYY-MM"):
        monthly_report(session, month)


def test_upgrading_a_database_with_older_access_records_chains_them(database_url: str) -> None:
    database = Database(database_url)
    database.migrate("0004")
    with database.engine.begin() as connection:
        for n in range(3):
            connection.execute(text(
                "INSERT INTO audit_log (at, actor, action, target_type, target_id) "
                "VALUES (:at, 'clerk1', 'view', 'complaint', :target)"), {"at": datetime.now(UTC), "target": str(n)})
    database.migrate()
    add_events(database, AuditEvent(actor="clerk1", action="view", target_type="complaint", target_id="new"))
    with database.session() as session:
        assert verify_chain(session).ok and verify_chain(session).rows == 4
    database.dispose()
