"""Long-running jobs (meeting transcription): stored in the ``jobs`` table, run by a worker.

The table is the truth: status, progress, ETA and the cancel flag live there, so the pages read
them the same way whichever worker runs the job. Two runners:

- in-process (``broker_url`` empty): one background thread in the web app. Right for one machine.
- Celery (``broker_url`` set, e.g. amqp://guest@127.0.0.1:5672//): ``civicai worker`` processes.
  Tasks are acknowledged late, so a worker that dies mid-job gives the job back to the broker
  and the next worker resumes it from the work folder's checkpoints.

A running job beats a heartbeat every few seconds; a job whose heartbeat stopped is stale and may
be taken over (``claim``). That is what makes a crash cost at most one chunk of work.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Protocol

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from serving.db import Database, Job, utcnow
from serving.settings import Settings

logger = logging.getLogger(__name__)

HEARTBEAT_S = 5.0
PROGRESS_WRITE_S = 1.0  # progress is written at most this often (and always at 100)
CANCEL_CHECK_S = 2.0
FINAL_STATES = frozenset({"succeeded", "failed", "cancelled"})


class JobError(Exception):
    """A job cannot be created, found or changed as asked."""


class JobNotFoundError(JobError):
    pass


class JobCancelledError(Exception):
    """Raised inside a handler when the clerk cancelled; the job ends as ``cancelled``."""


Handler = Callable[["JobContext"], dict[str, Any]]
HANDLERS: dict[str, Handler] = {}


def register(kind: str) -> Callable[[Handler], Handler]:
    """Declare the function that runs jobs of ``kind`` (the module must be imported by the worker)."""

    def decorate(function: Handler) -> Handler:
        HANDLERS[kind] = function
        return function

    return decorate


_COMPONENTS: dict[str, Any] = {}
_COMPONENTS_LOCK = threading.Lock()


@dataclass
class JobContext:
    """What a handler gets: its payload, progress and cancel hooks, and the process's shared models."""

    job_id: str
    payload: dict[str, Any]
    settings: Settings
    database: Database
    _started: float = field(default_factory=time.monotonic)
    _first_progress: float | None = None
    _last_write: float = 0.0
    _last_cancel_check: float = 0.0
    _cancelled: bool = False

    def progress(self, percent: float) -> None:
        """Store progress (0–100) and an ETA from the rate of this run; throttled."""
        now = time.monotonic()
        if self._first_progress is None:
            self._first_progress, self._started = percent, now
        if percent < 100.0 and now - self._last_write < PROGRESS_WRITE_S:
            return
        self._last_write = now
        done = percent - self._first_progress
        eta = (now - self._started) / done * (100.0 - percent) if done > 0.5 else None
        with self.database.session() as session:
            session.execute(
                update(Job).where(Job.id == self.job_id)
                .values(progress=round(percent, 2), eta_seconds=None if eta is None else round(eta, 1),
                        heartbeat_at=utcnow())
            )

    def should_cancel(self) -> bool:
        now = time.monotonic()
        if not self._cancelled and now - self._last_cancel_check >= CANCEL_CHECK_S:
            self._last_cancel_check = now
            with self.database.session() as session:
                self._cancelled = bool(session.scalar(select(Job.cancel_requested).where(Job.id == self.job_id)))
        return self._cancelled

    @staticmethod
    def component(name: str, build: Callable[[], Any]) -> Any:
        """A model shared by every job in this process (built once: Whisper, the diarizer, Kiwi)."""
        with _COMPONENTS_LOCK:
            if name not in _COMPONENTS:
                _COMPONENTS[name] = build()
            return _COMPONENTS[name]


def create_job(session: Session, kind: str, payload: dict[str, Any]) -> Job:
    if kind not in HANDLERS:
        raise JobError(f"unknown job kind {kind!r}; known: {', '.join(sorted(HANDLERS))}")
    job = Job(id=str(uuid.uuid4()), kind=kind, status="queued", progress=0.0, payload=payload)
    session.add(job)
    session.flush()
    return job


def get_job(session: Session, job_id: str) -> Job:
    job = session.get(Job, job_id)
    if job is None:
        raise JobNotFoundError(f"job {job_id!r} not found (작업을 찾을 수 없습니다)")
    return job


def request_cancel(session: Session, job_id: str) -> Job:
    """Queued jobs end at once; running ones stop at their next check (finished chunks are kept)."""
    job = get_job(session, job_id)
    if job.status in FINAL_STATES:
        raise JobError(f"job {job_id} already {job.status} (이미 끝난 작업입니다)")
    if job.status == "queued":
        job.status, job.finished_at = "cancelled", utcnow()
    job.cancel_requested = True
    session.flush()
    return job


def requeue(session: Session, job_id: str) -> Job:
    """Put a cancelled or failed job back in the queue; its work folder's checkpoints are reused."""
    job = get_job(session, job_id)
    if job.status not in ("cancelled", "failed"):
        raise JobError(
            f"job {job_id} is {job.status}; only cancelled or failed jobs can be resumed (재개할 수 없는 상태입니다)"
        )
    job.status, job.cancel_requested, job.error, job.finished_at = "queued", False, None, None
    session.flush()
    return job


def _abandoned(stale_after: float):
    """Running, but its worker has not beaten for ``stale_after`` seconds: the worker is gone."""
    stale = utcnow() - timedelta(seconds=stale_after)
    return (Job.status == "running") & or_(Job.heartbeat_at.is_(None), Job.heartbeat_at < stale)


def claim(database: Database, job_id: str, stale_after: float, force: bool = False) -> bool:
    """Atomically mark the job running for this worker.

    Succeeds for a queued job, or a running one whose heartbeat is older than ``stale_after``
    (its worker died), or — with ``force`` — any running one (the broker redelivered it because
    the previous worker's connection died).
    """
    claimable = or_(Job.status == "queued", Job.status == "running" if force else _abandoned(stale_after))
    with database.session() as session:
        result = session.execute(
            update(Job).where(Job.id == job_id, Job.cancel_requested.is_(False), claimable)
            .values(status="running", attempts=Job.attempts + 1, heartbeat_at=utcnow(), started_at=utcnow(),
                    error=None)
        )
        return result.rowcount == 1


def _finish(database: Database, job_id: str, status: str, result: dict | None = None, error: str | None = None):
    with database.session() as session:
        values: dict[str, Any] = {"status": status, "finished_at": utcnow(), "eta_seconds": None, "error": error}
        if status == "succeeded":
            values.update(progress=100.0, result=result)
        session.execute(update(Job).where(Job.id == job_id).values(**values))


def run_job(database: Database, settings: Settings, job_id: str, force: bool = False) -> str | None:
    """Claim and run one job; returns its final status, or None when another worker holds it."""
    if not claim(database, job_id, settings.job_stale_seconds, force=force):
        logger.info("job %s not claimable (done, cancelled or held by a live worker)", job_id)
        return None
    with database.session() as session:
        job = get_job(session, job_id)
        kind, payload = job.kind, dict(job.payload)
    context = JobContext(job_id=job_id, payload=payload, settings=settings, database=database)
    beating = threading.Event()
    heart = threading.Thread(target=_heartbeat, args=(database, job_id, beating), daemon=True)
    heart.start()
    try:
        result = HANDLERS[kind](context)
    except JobCancelledError:
        _finish(database, job_id, "cancelled")
        logger.info("job %s cancelled", job_id)
        return "cancelled"
    except Exception as error:  # any failure ends the job with a message; the upload is kept for a retry
        message = _public_message(error)
        logger.exception("job %s (%s) failed", job_id, kind)
        _finish(database, job_id, "failed", error=message)
        return "failed"
    finally:
        beating.set()
        heart.join(timeout=HEARTBEAT_S)
    _finish(database, job_id, "succeeded", result=result)
    return "succeeded"


def _public_message(error: Exception) -> str:
    """Domain errors carry user-facing messages; anything else is reported without internals."""
    from nlp.errors import NlpError
    from retrieval.errors import RetrievalError
    from speech.errors import SpeechError

    if isinstance(error, SpeechError | NlpError | RetrievalError | JobError):
        return str(error)
    return f"내부 오류로 작업이 실패했습니다 (internal error: {error.__class__.__name__}); 관리자에게 문의하세요"


def _heartbeat(database: Database, job_id: str, stop: threading.Event) -> None:
    while not stop.wait(HEARTBEAT_S):
        try:
            with database.session() as session:
                session.execute(update(Job).where(Job.id == job_id, Job.status == "running")
                                .values(heartbeat_at=utcnow()))
        except Exception:  # a missed beat only risks an early takeover; never kill the job for it
            logger.warning("heartbeat for job %s failed", job_id, exc_info=True)


def recoverable_jobs(database: Database, stale_after: float) -> list[str]:
    """Jobs to (re)start after a restart: queued ones and running ones whose worker is gone."""
    with database.session() as session:
        return list(session.scalars(
            select(Job.id).where(Job.cancel_requested.is_(False), or_(Job.status == "queued", _abandoned(stale_after)))
            .order_by(Job.created_at)
        ))


def job_status(database: Database, settings: Settings) -> dict[str, Any]:
    """For /health: how jobs run, how many wait, and whether any running job's worker stopped beating."""
    from sqlalchemy import func

    with database.session() as session:
        counts = dict(session.execute(select(Job.status, func.count()).where(Job.status.in_(("queued", "running")))
                                      .group_by(Job.status)).all())
        stalled = session.scalar(select(func.count()).where(_abandoned(settings.job_stale_seconds))) or 0
    runner = "celery workers" if settings.broker_url else "in-process"
    detail = f"{runner}; {counts.get('queued', 0)} queued, {counts.get('running', 0)} running"
    if stalled:
        detail += f", {stalled} stalled (worker gone; resumes when a worker starts)"
    return {"ready": stalled == 0, "detail": detail}


class JobRunner(Protocol):
    def submit(self, job_id: str) -> None: ...

    def shutdown(self) -> None: ...


class ThreadJobRunner:
    """One background thread in this process, jobs one after another (2 cores: one job at a time)."""

    def __init__(self, database: Database, settings: Settings) -> None:
        self.database = database
        self.settings = settings
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="civicai-job")

    def submit(self, job_id: str) -> None:
        self._executor.submit(run_job, self.database, self.settings, job_id)

    def recover(self) -> list[str]:
        # This process just started, so no running job can be ours: any heartbeat is from a dead process.
        job_ids = recoverable_jobs(self.database, stale_after=0)
        for job_id in job_ids:
            logger.info("resuming job %s after a restart", job_id)
            self._executor.submit(run_job, self.database, self.settings, job_id, True)
        return job_ids

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


class CeleryJobRunner:
    """Sends job ids to ``civicai worker`` processes through the broker."""

    def __init__(self, settings: Settings) -> None:
        from serving.worker import make_celery

        self.app = make_celery(settings)

    def submit(self, job_id: str) -> None:
        self.app.send_task("civicai.run_job", args=[job_id])

    def shutdown(self) -> None:
        pass


def make_runner(database: Database, settings: Settings) -> JobRunner:
    if settings.broker_url:
        return CeleryJobRunner(settings)
    return ThreadJobRunner(database, settings)
