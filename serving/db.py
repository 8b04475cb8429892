"""Storage: SQLAlchemy 2 tables and the engine/session factory. Alembic migrations create the schema.

The same code and migrations run on SQLite (default, a file in the data dir) and PostgreSQL.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    select,
    text,
    update,
)
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

logger = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict] = {dict[str, Any]: JSON, datetime: DateTime(timezone=True)}


class Complaint(Base):
    """A citizen's complaint as stored: only the masked text leaves the clerk's view."""

    __tablename__ = "complaints"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    receipt_no: Mapped[str] = mapped_column(String(32), unique=True, index=True)
    channel: Mapped[str] = mapped_column(String(32), default="web")
    region: Mapped[str | None] = mapped_column(String(64), index=True)
    text_masked: Mapped[str] = mapped_column(Text)
    type_code: Mapped[str | None] = mapped_column(String(64), index=True)
    department_code: Mapped[str | None] = mapped_column(String(64), index=True)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    urgency_score: Mapped[float] = mapped_column(Float, default=0.0)
    sentiment: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="received", index=True)
    analysis: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Personal data, AES-GCM with the receipt number as associated data (serving.crypto): the citizen's own
    # words and contact. Only a clerk who opens them (logged, with a reason) sees them decrypted.
    text_encrypted: Mapped[str | None] = mapped_column(Text)
    contact_encrypted: Mapped[str | None] = mapped_column(Text)
    # What clerks masked by hand because the masker missed it ([{"type", "value", "at"}], encrypted like the
    # text): the masked text no longer has it, and it teaches the name scorer (civicai privacy train-names).
    pii_marks_encrypted: Mapped[str | None] = mapped_column(Text)
    # Keyed hash of the normalised contact, to find a person's complaints without decrypting every row.
    contact_index: Mapped[str | None] = mapped_column(String(64), index=True)
    consent_at: Mapped[datetime | None] = mapped_column()
    reply_masked: Mapped[str | None] = mapped_column(Text)
    replied_by: Mapped[str | None] = mapped_column(String(64))
    replied_at: Mapped[datetime | None] = mapped_column()
    purged_at: Mapped[datetime | None] = mapped_column()  # personal data destroyed (retention or request)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Job(Base):
    """A long-running job (transcription, index build); progress 0–100 is what the pages show."""

    __tablename__ = "jobs"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    status: Mapped[str] = mapped_column(String(16), default="queued", index=True)
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # Set by the page's cancel button; the worker checks it between chunks and stops cleanly.
    cancel_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    eta_seconds: Mapped[float | None] = mapped_column(Float)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # A running job whose worker stops beating is taken over by the next worker (crash recovery).
    heartbeat_at: Mapped[datetime | None] = mapped_column(index=True)
    started_at: Mapped[datetime | None] = mapped_column()
    finished_at: Mapped[datetime | None] = mapped_column()


class Meeting(Base):
    """A recorded meeting: the upload, its transcript and the state of its minutes."""

    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    title: Mapped[str] = mapped_column(String(500))
    place: Mapped[str | None] = mapped_column(String(500))
    held_at: Mapped[datetime | None] = mapped_column()
    organizer: Mapped[str | None] = mapped_column(String(200))
    # uploaded → transcribing → drafted → approved → published (or failed / cancelled)
    status: Mapped[str] = mapped_column(String(16), default="uploaded", index=True)
    audio_name: Mapped[str] = mapped_column(String(255))  # the clerk's file name, for display only
    audio_path: Mapped[str | None] = mapped_column(String(500))  # relative to the data dir; None once deleted
    duration: Mapped[float | None] = mapped_column(Float)
    options: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # language, hotwords, speaker count
    speaker_names: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    transcript: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    job_id: Mapped[str | None] = mapped_column(ForeignKey("jobs.id", ondelete="SET NULL"))
    current_version: Mapped[int] = mapped_column(Integer, default=0)
    # Encrypted voiceprint per diarizer label ({"SPEAKER_01": "v1:k1:..."}): lets the clerk enrol an attendee.
    voiceprints: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_by: Mapped[str] = mapped_column(String(64), default="system")
    # The recording is deleted when the minutes are approved unless a clerk keeps it on purpose.
    keep_recording: Mapped[bool] = mapped_column(Boolean, default=False)
    purged_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class MinutesVersion(Base):
    """Every saved state of a meeting's minutes; edits add rows, nothing is overwritten."""

    __tablename__ = "minutes_versions"
    __table_args__ = (UniqueConstraint("meeting_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    author: Mapped[str] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Voiceprint(Base):
    """An attendee enrolled with consent, so later meetings name them automatically. Biometric: encrypted."""

    __tablename__ = "voiceprints"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    vector: Mapped[str] = mapped_column(Text)  # AES-GCM, associated data "voiceprint:<id>"
    consent_by: Mapped[str] = mapped_column(String(64))  # the clerk who recorded the attendee's consent
    source_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class InterpreterCall(Base):
    """A citizen at a kiosk asked for a sign-language interpreter: the staff desk sees it until someone goes."""

    __tablename__ = "interpreter_calls"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kiosk: Mapped[str] = mapped_column(String(100))  # where the citizen is waiting, e.g. "본관 1층 민원실"
    status: Mapped[str] = mapped_column(String(16), default="waiting", index=True)  # waiting, accepted, done, cancelled
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    accepted_by: Mapped[str | None] = mapped_column(String(64))
    accepted_at: Mapped[datetime | None] = mapped_column()
    closed_at: Mapped[datetime | None] = mapped_column()


class AuditEvent(Base):
    """Who did what to which record, from where: every access to personal data and every admin change.

    Append-only: database triggers refuse UPDATE (and DELETE before the legal two-year minimum), and each
    row carries the SHA-256 of its content chained to the previous row, so an edit made around the
    triggers (by the database owner) is detected by ``serving.audit.verify_chain``.
    """

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(64), index=True)
    action: Mapped[str] = mapped_column(String(32), index=True)
    target_type: Mapped[str] = mapped_column(String(32))
    target_id: Mapped[str] = mapped_column(String(64), index=True)
    # No foreign key: the access record must outlive the complaint it is about.
    complaint_id: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(Text)
    client_ip: Mapped[str | None] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64))
    row_hash: Mapped[str] = mapped_column(String(64))

    def digest(self, prev_hash: str) -> str:
        """SHA-256 over the previous row's hash and this row's content, in a fixed text form."""
        at = self.at.astimezone(UTC) if self.at.tzinfo else self.at
        content = [self.seq, at.strftime("%Y-%m-%dT%H:%M:%S.%f"), self.actor, self.action, self.target_type,
                   self.target_id, self.complaint_id, self.reason, self.client_ip]
        return hashlib.sha256((prev_hash + json.dumps(content, ensure_ascii=False)).encode()).hexdigest()


class AuditChainHead(Base):
    """One row: the last sequence number and hash. Updating it first serialises writers on every backend."""

    __tablename__ = "audit_chain"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    last_hash: Mapped[str] = mapped_column(String(64))


GENESIS_HASH = "0" * 64


@event.listens_for(Session, "before_flush")
def _chain_new_audit_events(session: Session, _context: Any, _instances: Any) -> None:
    new_events = [obj for obj in session.new if isinstance(obj, AuditEvent)]
    if not new_events:
        return
    # The UPDATE takes the row lock (PostgreSQL) or the write lock (SQLite) before the head is read, so two
    # transactions can never chain onto the same previous row.
    session.execute(update(AuditChainHead).where(AuditChainHead.id == 1).values(seq=AuditChainHead.seq))
    head = session.execute(select(AuditChainHead.seq, AuditChainHead.last_hash)
                           .where(AuditChainHead.id == 1)).one()
    seq, last_hash = head.seq, head.last_hash
    for audit_event in new_events:
        seq += 1
        audit_event.seq = seq
        audit_event.at = audit_event.at or utcnow()
        audit_event.prev_hash = last_hash
        audit_event.row_hash = last_hash = audit_event.digest(last_hash)
    session.execute(update(AuditChainHead).where(AuditChainHead.id == 1).values(seq=seq, last_hash=last_hash))


class User(Base):
    """A clerk, admin or privacy officer. Citizens never log in; passwords are kept only as argon2 hashes."""

    __tablename__ = "users"

    ROLES: ClassVar[tuple[str, ...]] = ("clerk", "admin", "privacy_officer")

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    # Registry department code: a clerk sees and handles only their department's complaints.
    department: Mapped[str | None] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column()


class UserSession(Base):
    """A signed-in session. Only the token's SHA-256 is stored, so a database dump cannot be replayed."""

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)
    client_ip: Mapped[str | None] = mapped_column(String(64))


def head_revision() -> str:
    """The newest migration shipped with this code."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(config).get_current_head()


class Database:
    """Engine, sessions and migrations for one database URL."""

    def __init__(self, url: str) -> None:
        self.url = make_url(url)
        connect_args: dict[str, Any] = {}
        if self.url.get_backend_name() == "sqlite":
            if self.url.database and self.url.database != ":memory:":
                Path(self.url.database).parent.mkdir(parents=True, exist_ok=True)
            # The web app's worker threads share the engine; SQLite needs to be told that's fine.
            connect_args = {"check_same_thread": False, "timeout": 30}
        self.engine: Engine = create_engine(url, pool_pre_ping=True, connect_args=connect_args)
        if self.url.get_backend_name() == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def backend(self) -> str:
        return self.url.get_backend_name()

    def migrate(self, revision: str = "head") -> None:
        """Bring the schema to ``revision`` with Alembic (idempotent)."""
        from alembic import command

        command.upgrade(self._alembic_config(), revision)

    def downgrade(self, revision: str) -> None:
        from alembic import command

        command.downgrade(self._alembic_config(), revision)

    def _alembic_config(self):
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        config.attributes["engine"] = self.engine
        return config

    def current_revision(self) -> str | None:
        with self.engine.connect() as connection:
            from alembic.runtime.migration import MigrationContext

            return MigrationContext.configure(connection).get_current_revision()

    def ping(self) -> tuple[bool, str]:
        """(ok, detail) without raising: for the health endpoint."""
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            return True, f"{self.backend} revision {self.current_revision()}"
        except SQLAlchemyError as error:
            return False, f"{self.backend} unavailable: {error.__class__.__name__}"

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on any error: no partial writes."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()
