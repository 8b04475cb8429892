"""Faults around the running app: the database gone at startup or in the middle of requests, the disk full
during an upload. Each test is a row of the evaluation report's fault table (eval/reliability.py); the worker
killed mid-transcription and the stale minutes edit are tested beside their code with the same marker."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import make_url

from serving.app import create_app
from serving.db import AuditEvent, Complaint
from serving.settings import Settings
from tests.conftest import SAMPLE_MEETING
from tests.serving.routes.conftest import sign_in

CIVICAI = str(Path(sys.executable).with_name("civicai"))
DATABASE_DOWN = "데이터베이스에 연결할 수 없습니다"


@pytest.mark.reliability("fault", "시작할 때 데이터베이스 없음 (database unavailable at startup)",
                         "civicai serve exits 1 with one Korean/English line, no traceback, password hidden")
def test_serve_without_a_database_exits_with_one_clear_line(tmp_path: Path) -> None:
    environment = {"PATH": "/usr/bin:/bin", "CIVICAI_DATA_DIR": str(tmp_path / "var"),
                   "CIVICAI_DATABASE_URL": "postgresql+psycopg://civicai:s3cret@127.0.0.1:1/civicai"}
    result = subprocess.run([CIVICAI, "serve", "--port", "0"], capture_output=True, text=True, env=environment,
                            timeout=120)
    assert result.returncode == 1
    assert DATABASE_DOWN in result.stderr and "database unavailable" in result.stderr
    assert "Traceback" not in result.stderr and "s3cret" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


class TcpProxy:
    """A loopback TCP relay in front of PostgreSQL that can be cut and restored, like a database host that
    reboots or a network that drops: every open connection dies at once, new ones are refused."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.port = 0
        self._listener: socket.socket | None = None
        self._connections: list[socket.socket] = []
        self._lock = threading.Lock()

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        with self._lock:
            listener, self._listener = self._listener, None
            connections, self._connections = self._connections, []
        if listener is not None:
            listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() blocked in the relay thread; close alone does not
            listener.close()
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
            connection.close()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(("127.0.0.1", self.target_port))
            except OSError:
                client.close()
                continue
            with self._lock:
                self._connections += [client, server]
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)


@pytest.fixture
def proxied_postgres(postgres_url: str) -> Iterator[tuple[str, TcpProxy]]:
    url = make_url(postgres_url)
    proxy = TcpProxy(url.port or 5432)
    proxy.start()
    try:
        yield url.set(port=proxy.port).render_as_string(hide_password=False), proxy
    finally:
        proxy.cut()


@pytest.mark.slow
@pytest.mark.services
@pytest.mark.reliability("fault", "요청 도중 데이터베이스 끊김 (database lost mid-request, PostgreSQL)",
                         "503 with a Korean/English message, no partial rows; service recovers when it returns")
def test_database_lost_mid_request_is_503_without_partial_writes(
        settings: Settings, postgres_url: str, proxied_postgres: tuple[str, TcpProxy], complaint_analyzer) -> None:
    url, proxy = proxied_postgres
    direct = create_engine(postgres_url)

    def rows() -> tuple[int, int]:
        with direct.connect() as connection:
            return (connection.scalar(select(func.count()).select_from(Complaint)),
                    connection.scalar(select(func.count()).select_from(AuditEvent)))

    complaint = {"text": "나운동 사거리 신호등이 고장 나서 차들이 엉켜 있어요", "region": "나운동"}
    try:
        with TestClient(create_app(settings.model_copy(update={"database_url": url}))) as client:
            client.app.state.complaint_analyzer = complaint_analyzer
            first = client.post("/api/complaints", json=complaint)
            assert first.status_code == 201
            receipt = first.json()["receipt_no"]
            before = rows()

            proxy.cut()
            lost = client.post("/api/complaints", json=complaint)
            assert lost.status_code == 503 and DATABASE_DOWN in lost.json()["detail"]
            assert "Traceback" not in lost.text and "psycopg" not in lost.text
            status = client.get(f"/api/complaints/{receipt}")
            assert status.status_code == 503
            assert rows() == before  # nothing half-written while the database was away

            proxy.start()
            again = client.post("/api/complaints", json=complaint)
            assert again.status_code == 201 and again.json()["receipt_no"] != receipt
            assert client.get(f"/api/complaints/{receipt}").status_code == 200
            assert rows()[0] == before[0] + 1
    finally:
        direct.dispose()


@pytest.fixture
def full_disk(settings: Settings) -> Iterator[Path]:
    """The upload folder on a 1 MB tmpfs: the disk fills during the upload."""
    uploads = settings.data_dir / "uploads"
    uploads.mkdir(parents=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(uploads)], capture_output=True,
                             text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (needs root): {mounted.stderr.strip()}")
    try:
        yield uploads
    finally:
        subprocess.run(["umount", "-l", str(uploads)], check=False)


@pytest.mark.reliability("fault", "업로드 중 디스크 가득 참 (disk full during upload)",
                         "507 with a Korean/English message, no partial file, the service keeps answering")
def test_disk_full_during_upload_is_507_and_leaves_nothing(settings: Settings, full_disk: Path) -> None:
    recording = SAMPLE_MEETING.read_bytes()
    assert len(recording) > 1 << 20
    with TestClient(create_app(settings)) as client:
        sign_in(client)
        for endpoint, form in (("/v1/audio/transcriptions", {}), ("/api/minutes/meetings", {"title": "주간 회의"})):
            response = client.post(endpoint, files={"file": ("meeting.wav", recording, "audio/wav")}, data=form)
            assert response.status_code == 507, response.text
            assert response.json()["detail"].startswith("서버 저장 공간이 부족합니다")
            assert not list(full_disk.iterdir())
        assert client.get("/api/minutes/meetings").json() == []
        assert client.get("/health").status_code == 200
