"""Celery worker for jobs (``civicai worker``): the scale path when one web process is not enough.

Every worker runs one job at a time (``--pool solo``, prefetch 1: a 2-core machine has no room for
more), and acknowledges a job only when it ends. If the worker is killed the broker hands the job
to the next worker, which resumes from the checkpoints in the job's work folder.
"""

from __future__ import annotations

import logging

from celery import Celery

from serving.settings import Settings

logger = logging.getLogger(__name__)


def make_celery(settings: Settings) -> Celery:
    if not settings.broker_url:
        raise ValueError("CIVICAI_BROKER_URL is empty; set it to amqp://guest@127.0.0.1:5672// to use workers")
    app = Celery("civicai", broker=settings.broker_url)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_default_queue=settings.job_queue,
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
        # Meetings take up to an hour; Redis would otherwise redeliver a job still being worked on.
        broker_transport_options={"visibility_timeout": 6 * 3600},
    )

    @app.task(name="civicai.run_job", bind=True)
    def run_job_task(task, job_id: str) -> str | None:
        from serving import minutes  # noqa: F401  (registers the job handlers)
        from serving.db import Database
        from serving.jobs import run_job

        database = Database(settings.resolved_database_url)
        try:
            # A redelivered job's previous worker lost its broker connection: it is gone, take over at once.
            redelivered = bool((task.request.delivery_info or {}).get("redelivered"))
            return run_job(database, settings, job_id, force=redelivered)
        finally:
            database.dispose()

    return app


def run_worker(settings: Settings) -> None:
    """Run a worker in this process until it is stopped (jobs left unfinished go back to the queue)."""
    from serving import minutes  # noqa: F401  (registers the job handlers)
    from serving.db import Database
    from serving.jobs import recoverable_jobs

    app = make_celery(settings)
    database = Database(settings.resolved_database_url)
    database.migrate()
    # Jobs queued while no broker was reachable, or whose worker died without the broker noticing.
    for job_id in recoverable_jobs(database, settings.job_stale_seconds):
        app.send_task("civicai.run_job", args=[job_id])
    database.dispose()
    app.worker_main(["worker", "--pool=solo", "--concurrency=1", "-Q", settings.job_queue, "--loglevel=INFO",
                     "--without-gossip", "--without-mingle", "--without-heartbeat"])
