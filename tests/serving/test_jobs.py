"""The job table as a queue: claiming, heartbeat takeover, cancel, resume, progress and ETA (SQLite and PostgreSQL)."""

import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import update

from serving.db import Database, Job, utcnow
from serving.jobs import (
    JobCancelledError,
    JobContext,
    JobError,
    JobNotFoundError,
    ThreadJobRunner,
    claim,
    create_job,
    get_job,
    recoverable_jobs,
    register,
    request_cancel,
    requeue,
    run_job,
)
from serving.settings import Settings

STEPS = 5
started = threading.Event()
release = threading.Event()


@register("test_steps")
def steps_job(context: JobContext) -> dict:
    """Five steps; waits at step 2 while ``release`` is clear (so a test can cancel mid-job)."""
    done = context.payload.get("done", [])
    for step in range(STEPS):
        if step == 2:
            started.set()
            release.wait(timeout=30)
        if context.should_cancel():
            raise JobCancelledError("cancelled")
        done.append(step)
        context.progress(100.0 * (step + 1) / STEPS)
    return {"steps": len(done)}


@register("test_broken")
def broken_job(context: JobContext) -> dict:
    raise RuntimeError("secret internal detail /etc/passwd")


@pytest.fixture
def job_settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"job_stale_seconds": 30.0})


def _new_job(database: Database, kind: str = "test_steps", payload: dict | None = None) -> str:
    with database.session() as session:
        return create_job(session, kind, payload or {}).id


def test_unknown_kind_and_missing_job(database: Database) -> None:
    with pytest.raises(JobError, match="unknown job kind"), database.session() as session:
        create_job(session, "no_such_kind", {})
    with pytest.raises(JobNotFoundError), database.session() as session:
        get_job(session, "00000000-0000-0000-0000-000000000000")


def test_job_runs_to_success_with_progress(database: Database, job_settings: Settings) -> None:
    release.set()
    job_id = _new_job(database)
    assert run_job(database, job_settings, job_id) == "succeeded"
    with database.session() as session:
        job = get_job(session, job_id)
        assert (job.status, job.progress, job.result, job.attempts) == ("succeeded", 100.0, {"steps": 5}, 1)
        assert job.finished_at is not None and job.eta_seconds is None
    # A finished job is never claimed again (a duplicate delivery does nothing).
    assert run_job(database, job_settings, job_id) is None


def test_claim_is_exclusive_until_the_heartbeat_goes_stale(database: Database) -> None:
    job_id = _new_job(database)
    assert claim(database, job_id, stale_after=30)
    assert not claim(database, job_id, stale_after=30)  # a live worker holds it
    with database.session() as session:
        session.execute(update(Job).where(Job.id == job_id).values(heartbeat_at=utcnow() - timedelta(seconds=60)))
    assert recoverable_jobs(database, stale_after=30) == [job_id]
    assert claim(database, job_id, stale_after=30)  # its worker died: taken over
    assert not claim(database, job_id, stale_after=30)
    assert claim(database, job_id, stale_after=30, force=True)  # the broker says the holder is gone
    with database.session() as session:
        assert get_job(session, job_id).attempts == 3


def test_cancel_a_queued_job_ends_it_at_once(database: Database, job_settings: Settings) -> None:
    job_id = _new_job(database)
    with database.session() as session:
        assert request_cancel(session, job_id).status == "cancelled"
    assert run_job(database, job_settings, job_id) is None
    with pytest.raises(JobError, match="already cancelled"), database.session() as session:
        request_cancel(session, job_id)


def test_cancel_a_running_job_then_resume(database: Database, job_settings: Settings,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("serving.jobs.CANCEL_CHECK_S", 0.0)
    monkeypatch.setattr("serving.jobs.PROGRESS_WRITE_S", 0.0)
    started.clear()
    release.clear()
    job_id = _new_job(database)
    worker = threading.Thread(target=run_job, args=(database, job_settings, job_id))
    worker.start()
    assert started.wait(timeout=30)
    with database.session() as session:
        assert request_cancel(session, job_id).status == "running"
    release.set()
    worker.join(timeout=30)
    with database.session() as session:
        job = get_job(session, job_id)
        assert job.status == "cancelled" and job.progress == pytest.approx(40.0)
        with pytest.raises(JobError, match="only cancelled or failed"):
            requeue(session, _new_job(database))
        requeue(session, job_id)
    assert run_job(database, job_settings, job_id) == "succeeded"


def test_failure_keeps_internals_out_of_the_message(database: Database, job_settings: Settings) -> None:
    job_id = _new_job(database, "test_broken")
    assert run_job(database, job_settings, job_id) == "failed"
    with database.session() as session:
        job = get_job(session, job_id)
    assert job.status == "failed"
    assert "RuntimeError" in job.error and "/etc/passwd" not in job.error


def test_eta_is_estimated_from_this_runs_rate(database: Database, job_settings: Settings,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("serving.jobs.PROGRESS_WRITE_S", 0.0)
    job_id = _new_job(database)
    context = JobContext(job_id=job_id, payload={}, settings=job_settings, database=database)
    context.progress(10.0)
    time.sleep(0.2)
    context.progress(20.0)
    with database.session() as session:
        job = get_job(session, job_id)
    # 10 points took ~0.2 s, so 80 more take ~1.6 s.
    assert job.progress == 20.0 and 1.0 < job.eta_seconds < 5.0


@pytest.mark.reliability("fault", "서버 프로세스 종료 후 재시작 (in-process runner restart)",
                         "the restarted runner resumes the job")
def test_thread_runner_resumes_what_a_dead_process_left(database: Database, job_settings: Settings) -> None:
    release.set()
    queued = _new_job(database)
    half_done = _new_job(database)
    assert claim(database, half_done, stale_after=30)  # "running" in a process that no longer exists
    runner = ThreadJobRunner(database, job_settings)
    try:
        assert set(runner.recover()) == {queued, half_done}
    finally:
        runner._executor.shutdown(wait=True)
    with database.session() as session:
        assert get_job(session, queued).status == "succeeded"
        assert get_job(session, half_done).status == "succeeded"
