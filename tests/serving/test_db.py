"""Storage on SQLite and the local PostgreSQL: the same migrations, the same behaviour."""

import pytest
from sqlalchemy import inspect, select
from sqlalchemy.exc import IntegrityError

from serving.db import AuditEvent, Complaint, Database, Job, head_revision


def _complaint(receipt_no: str, **fields) -> Complaint:
    return Complaint(receipt_no=receipt_no, text_masked="가로등이 꺼졌어요 [전화번호]", **fields)


def test_migrations_create_schema_and_are_idempotent(database_url: str) -> None:
    database = Database(database_url)
    database.migrate()
    database.migrate()
    assert database.current_revision() == head_revision() == "0008"
    tables = set(inspect(database.engine).get_table_names())
    assert "pii_marks_encrypted" in {c["name"] for c in inspect(database.engine).get_columns("complaints")}
    database.downgrade("0007")
    assert "pii_marks_encrypted" not in {c["name"] for c in inspect(database.engine).get_columns("complaints")}
    assert {"complaints", "jobs", "audit_log", "meetings", "minutes_versions", "alembic_version"} <= tables
    database.downgrade("0001")
    assert "meetings" not in inspect(database.engine).get_table_names()
    assert "cancel_requested" not in {c["name"] for c in inspect(database.engine).get_columns("jobs")}
    database.downgrade("base")
    assert "complaints" not in inspect(database.engine).get_table_names()
    database.migrate()
    assert database.current_revision() == "0008"
    database.dispose()


def test_complaint_round_trip_with_json_and_timezone(database_url: str) -> None:
    database = Database(database_url)
    database.migrate()
    with database.session() as session:
        session.add(
            _complaint(
                "2026-000001",
                region="나운동",
                type_code="streetlight",
                department_code="roads",
                urgent=True,
                urgency_score=0.91,
                analysis={"urgent_terms": ["감전"], "department_candidates": [{"code": "roads", "score": 0.8}]},
            )
        )
    with database.session() as session:
        stored = session.scalars(select(Complaint).where(Complaint.receipt_no == "2026-000001")).one()
        assert stored.region == "나운동"
        assert stored.urgent is True
        assert stored.status == "received"
        assert stored.analysis["urgent_terms"] == ["감전"]
        assert stored.created_at.utcoffset() is not None or database.backend == "sqlite"
    database.dispose()


def test_failed_transaction_leaves_no_partial_write(database_url: str) -> None:
    database = Database(database_url)
    database.migrate()
    with database.session() as session:
        session.add(_complaint("2026-000002"))
    with pytest.raises(IntegrityError), database.session() as session:
        session.add(Job(id="job-1", kind="transcribe", payload={"file": "a.wav"}))
        session.flush()
        session.add(_complaint("2026-000002"))  # duplicate receipt number
        session.flush()
    with database.session() as session:
        assert session.get(Job, "job-1") is None
        assert len(session.scalars(select(Complaint)).all()) == 1
    database.dispose()


def test_audit_event_outlives_the_complaint_it_is_about(database_url: str) -> None:
    database = Database(database_url)
    database.migrate()
    with database.session() as session:
        complaint = _complaint("2026-000003")
        session.add(complaint)
        session.flush()
        session.add(
            AuditEvent(actor="clerk1", action="view", target_type="complaint", target_id="2026-000003",
                       complaint_id=complaint.id, client_ip="127.0.0.1")
        )
    with database.session() as session:
        session.delete(session.scalars(select(Complaint)).one())
    with database.session() as session:
        event = session.scalars(select(AuditEvent)).one()
        assert event.target_id == "2026-000003"
        assert event.complaint_id == complaint.id
    database.dispose()


def test_ping_reports_unreachable_database() -> None:
    database = Database("postgresql+psycopg://postgres@127.0.0.1:1/none?connect_timeout=2")
    ok, detail = database.ping()
    assert ok is False
    assert "unavailable" in detail
