"""A Celery worker killed in the middle of a transcription: the next worker resumes it (RabbitMQ, PostgreSQL)."""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from serving.db import Database
from serving.jobs import CeleryJobRunner, get_job
from serving.minutes import MeetingRequest, create_meeting
from serving.settings import Settings
from speech import SAMPLING_RATE, load_audio
from tests.conftest import SAMPLE_MEETING, SHARED_MODELS_DIR

BROKER_URL = os.environ.get("CIVICAI_TEST_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")


def _broker_answers() -> bool:
    import socket
    from urllib.parse import urlparse

    url = urlparse(BROKER_URL)
    try:
        with socket.create_connection((url.hostname, url.port or 5672), timeout=2):
            return True
    except OSError:
        return False


def _start_worker(environment: dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", "from serving.cli import main; main()", "worker"],
        env=environment, stdout=log.open("ab"), stderr=subprocess.STDOUT, start_new_session=True,
    )


def _wait(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.5)


@pytest.mark.reliability("fault", "전사 중 Celery 작업자 강제 종료 (worker killed mid-transcription)",
                         "the next worker resumes the job from its checkpoint; the upload is kept")
@pytest.mark.slow
@pytest.mark.services
def test_killed_worker_job_resumes_on_the_next_worker(tmp_path: Path, postgres_url: str) -> None:
    if not _broker_answers():
        pytest.skip(f"no broker at {BROKER_URL}")
    settings = Settings(
        environment="test", data_dir=tmp_path / "var", database_url=postgres_url, broker_url=BROKER_URL,
        job_queue=f"civicai-test-{uuid.uuid4().hex[:8]}", minutes_chunk_seconds=30, diarizer="resemblyzer",
        whisper_model=str(SHARED_MODELS_DIR / "whisper-base"),
    )
    environment = {**os.environ, "CIVICAI_DATA_DIR": str(settings.data_dir), "CIVICAI_DATABASE_URL": postgres_url,
                   "CIVICAI_BROKER_URL": BROKER_URL, "CIVICAI_JOB_QUEUE": settings.job_queue,
                   "CIVICAI_MINUTES_CHUNK_SECONDS": "30", "CIVICAI_DIARIZER": "resemblyzer",
                   "CIVICAI_WHISPER_MODEL": settings.whisper_model, "CIVICAI_ENVIRONMENT": "test"}
    audio = tmp_path / "meeting.wav"
    sf.write(audio, np.tile(load_audio(SAMPLE_MEETING), 3), SAMPLING_RATE)  # 97 s: four chunks
    database = Database(postgres_url)
    database.migrate()
    with database.session() as session:
        meeting, job_id = create_meeting(session, settings, audio, "meeting.wav",
                                         MeetingRequest(title="중단 복구 시험", num_speakers=2), "test")
        meeting_id = meeting.id
    CeleryJobRunner(settings).submit(job_id)

    first_log, second_log = tmp_path / "worker1.log", tmp_path / "worker2.log"
    chunks = settings.data_dir / "jobs" / job_id / "chunks"
    first = _start_worker(environment, first_log)
    try:
        _wait(lambda: chunks.is_dir() and any(chunks.glob("*.json")), 240, "the first chunk")
    finally:
        os.killpg(first.pid, signal.SIGKILL)  # no clean shutdown: the job is mid-flight
        first.wait()
    done_before_kill = sorted(p.name for p in chunks.glob("*.json"))
    with database.session() as session:
        assert get_job(session, job_id).status == "running"

    second = _start_worker(environment, second_log)
    try:
        def finished() -> bool:
            with database.session() as session:
                return get_job(session, job_id).status in ("succeeded", "failed")

        _wait(finished, 300, "the resumed job")
    finally:
        os.killpg(second.pid, signal.SIGTERM)
        second.wait(timeout=60)
    with database.session() as session:
        job = get_job(session, job_id)
        assert job.status == "succeeded", job.error
        assert job.attempts == 2 and job.progress == 100.0
        assert job.result["meeting_id"] == meeting_id
    log = second_log.read_text(encoding="utf-8", errors="replace")
    # The second worker decoded only the chunks the first had not finished.
    assert "chunk at" in log, log[-2000:]  # it did transcribe the rest
    assert done_before_kill[0] == "0000.json" and "chunk at 0 s" not in log, log[-2000:]
    database.dispose()
