"""Privacy by law, end to end through the running app on SQLite and PostgreSQL: complaints and a meeting
carrying unique identifiers leave none in the clear anywhere the system writes; keys rotate; the purge
destroys expired data; data-subject requests; and the monthly access review lists what was done."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
import time
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import inspect, select, text

from serving.app import create_app
from serving.db import AuditEvent, Complaint, Meeting, utcnow
from serving.settings import Settings
from tests.conftest import SAMPLE_MEETING
from tests.serving.routes.conftest import sign_in

pytestmark = pytest.mark.slow  # the real complaint analyzer (embeddings) and, for one test, Whisper

CIVICAI = str(Path(sys.executable).with_name("civicai"))
RRN, FRN, PASSPORT, LICENCE = "900101-1234567", "920815-5234561", "M12345678", "11-12-123456-78"
PHONE, EMAIL = "010-2345-6789", "hong.gildong@example.com"
SECRETS = (RRN, RRN.replace("-", ""), FRN, FRN.replace("-", ""), PASSPORT, LICENCE, LICENCE.replace("-", ""),
           PHONE, PHONE.replace("-", ""), EMAIL)
COMPLAINTS = [
    f"주민등록번호 {RRN} 로 등본을 떼려는데 무인발급기에서 오류가 납니다. 연락 주세요.",
    f"외국인등록번호 {FRN} 인데 아동수당 신청이 되나요? 여권번호는 {PASSPORT} 입니다.",
    f"운전면허번호 {LICENCE} 로 불법주정차 과태료 이의신청을 했는데 답이 없어요.",
]


@pytest.fixture
def app_settings(settings: Settings, database_url: str) -> Settings:
    return settings.model_copy(update={"database_url": database_url, "diarizer": "none"})


@pytest.fixture
def client(app_settings: Settings, complaint_analyzer):
    with TestClient(create_app(app_settings)) as client:
        client.app.state.complaint_analyzer = complaint_analyzer  # the same real analyzer, built once
        yield client


def as_role(client: TestClient, username: str, role: str, department: str | None = None) -> None:
    sign_in(client, username, role=role, department=department)


def file(client: TestClient, text_: str, contact: str | None = PHONE) -> dict:
    client.headers.pop("Authorization", None)  # citizens are anonymous
    response = client.post("/api/complaints", json={"text": text_, "region": "나운동", "contact": contact,
                                                    "consent": contact is not None})
    assert response.status_code == 201, response.text
    return response.json()


def test_citizen_files_and_the_department_handles_it(client: TestClient, app_settings: Settings) -> None:
    receipt = file(client, f"나운동 사거리 도로에 포트홀이 크게 생겼어요. 저는 김철수입니다. {PHONE}")
    assert receipt["department"]["code"] == "roads" and receipt["status"] == "assigned"
    no_consent = client.post("/api/complaints", json={"text": "가로등이 꺼졌어요 확인 부탁합니다", "contact": PHONE})
    assert no_consent.status_code == 422 and "동의" in no_consent.json()["detail"]
    status = client.get(f"/api/complaints/{receipt['receipt_no']}").json()
    assert "김철수" not in status["text_masked"] and "2345" not in json.dumps(status)

    as_role(client, "welfare1", "clerk", "welfare")
    assert client.get(f"/api/clerk/complaints/{receipt['receipt_no']}").status_code == 403
    assert client.get("/api/clerk/complaints").json() == []
    as_role(client, "roads1", "clerk", "roads")
    queue = client.get("/api/clerk/complaints").json()
    assert [c["receipt_no"] for c in queue] == [receipt["receipt_no"]]
    no_reason = client.post(f"/api/clerk/complaints/{receipt['receipt_no']}/reveal", json={"reason": ""})
    assert no_reason.status_code == 422
    revealed = client.post(f"/api/clerk/complaints/{receipt['receipt_no']}/reveal",
                           json={"reason": "민원인에게 현장 위치 확인 전화"}).json()
    assert "김철수" in revealed["text"] and revealed["contact"] == PHONE.replace("-", "")
    reply = client.post(f"/api/clerk/complaints/{receipt['receipt_no']}/reply",
                        json={"text": f"보수 예정입니다. 담당 박영희 주무관 {PHONE}"}).json()
    assert reply["status"] == "answered" and "2345" not in reply["reply"]
    assert client.post(f"/api/clerk/complaints/{receipt['receipt_no']}/reassign",
                       json={"department": "moon"}).status_code == 422
    moved = client.post(f"/api/clerk/complaints/{receipt['receipt_no']}/reassign", json={"department": "welfare"})
    assert moved.status_code == 200 and moved.json()["department"] == "welfare"
    assert client.get(f"/api/clerk/complaints/{receipt['receipt_no']}").status_code == 403
    correction = json.loads((app_settings.data_dir / "complaints" / "corrections.jsonl").read_text().splitlines()[0])
    assert correction["department"] == "welfare" and correction["previous_department"] == "roads"
    assert "김철수" not in correction["text"]
    with client.app.state.database.session() as session:
        actions = [e.action for e in session.scalars(select(AuditEvent).order_by(AuditEvent.seq))]
        reveal_event = session.scalar(select(AuditEvent).where(AuditEvent.action == "view_unmasked"))
        assert reveal_event.reason == "민원인에게 현장 위치 확인 전화" and reveal_event.actor == "roads1"
    assert {"create", "view", "view_unmasked", "reply", "reassign"} <= set(actions)


def _database_text(client: TestClient) -> str:
    """Every value in every table, as text."""
    engine = client.app.state.database.engine
    dump = []
    with engine.connect() as connection:
        for table in inspect(engine).get_table_names():
            for row in connection.execute(text(f'SELECT * FROM "{table}"')):
                dump.append(" ".join(str(value) for value in row))
    return "\n".join(dump)


def _files_text(folder: Path) -> str:
    """Every file the system wrote, with archives (DOCX, HWPX) opened."""
    parts = []
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        raw = path.read_bytes()
        parts.append(raw.decode("utf-8", errors="ignore"))
        if zipfile.is_zipfile(io.BytesIO(raw)):
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                parts += [archive.read(name).decode("utf-8", errors="ignore") for name in archive.namelist()]
    return "\n".join(parts)


def test_no_identifier_in_the_clear_anywhere(client: TestClient, app_settings: Settings,
                                             caplog: pytest.LogCaptureFixture, tmp_path: Path) -> None:
    caplog.set_level(logging.DEBUG)
    receipts = [file(client, body, contact=EMAIL if n else PHONE)["receipt_no"] for n, body in enumerate(COMPLAINTS)]
    as_role(client, "civil1", "clerk", "civil")
    for receipt in receipts:
        client.get(f"/api/clerk/complaints/{receipt}")
    # A meeting through the real job (Whisper); the clerk then types identifiers into the minutes.
    as_role(client, "minutes1", "clerk", "civil")
    with open(SAMPLE_MEETING, "rb") as audio:
        created = client.post("/api/minutes/meetings", files={"file": ("meeting.wav", audio, "audio/wav")},
                              data={"title": "민원 처리 점검 회의"}).json()
    deadline = time.monotonic() + 300
    while client.get(f"/api/minutes/jobs/{created['job']['id']}").json()["status"] not in ("succeeded", "failed"):
        assert time.monotonic() < deadline
        time.sleep(1)
    meeting = f"/api/minutes/meetings/{created['id']}"
    minutes = client.get(f"{meeting}/minutes").json()
    document = minutes["minutes"]
    document["agenda"] = [{"title": f"민원인({PASSPORT}) 처리", "summary": [f"운전면허번호 {LICENCE} 확인"],
                           "decisions": [{"text": f"주민등록번호 {RRN} 민원인에게 등본을 재발급하기로 함"}]}]
    saved = client.put(f"{meeting}/minutes", json={"base_version": minutes["version"], "minutes": document})
    assert saved.status_code == 200, saved.text
    approved = client.post(f"{meeting}/approve", json={"base_version": saved.json()["version"]})
    assert approved.status_code == 200, approved.text
    exports = [client.get(f"{meeting}/export", params={"format": fmt, "reason": "정보공개 청구 대응"}).content
               for fmt in ("docx", "pdf", "txt", "json", "srt")]
    exports.append(client.get(f"{meeting}/export", params={"format": "docx", "public": "true"}).content)
    assert client.get("/api/minutes/search", params={"q": "등본 재발급"}).status_code == 200
    export_dir = tmp_path / "exports"
    export_dir.mkdir()
    for number, content in enumerate(exports):
        (export_dir / f"export-{number}").write_bytes(content)

    everything = "\n".join([_database_text(client), _files_text(app_settings.data_dir), _files_text(export_dir),
                            caplog.text])
    leaked = [secret for secret in SECRETS if secret in everything]
    assert leaked == [], f"plaintext personal data found: {leaked}"
    # ... while the clerk who states a reason still reads the original.
    revealed = client.post(f"/api/clerk/complaints/{receipts[0]}/reveal", json={"reason": "본인 확인"}).json()
    assert RRN in revealed["text"]


def test_key_rotation_keeps_everything_readable(client: TestClient, app_settings: Settings) -> None:
    receipt = file(client, COMPLAINTS[0])["receipt_no"]
    env = {**os.environ, "CIVICAI_DATA_DIR": str(app_settings.data_dir),
           "CIVICAI_DATABASE_URL": app_settings.resolved_database_url}
    for _ in range(2):
        rotated = subprocess.run([CIVICAI, "keys", "rotate"], capture_output=True, text=True, env=env, timeout=300)
        assert rotated.returncode == 0, rotated.stderr
    assert "new key k3; 2 encrypted values now use it" in rotated.stdout  # the text and the contact
    with client.app.state.database.session() as session:
        stored = session.scalar(select(Complaint).where(Complaint.receipt_no == receipt))
        assert stored.text_encrypted.startswith("v1:k3:") and stored.contact_encrypted.startswith("v1:k3:")
    as_role(client, "civil1", "clerk", "civil")
    revealed = client.post(f"/api/clerk/complaints/{receipt}/reveal", json={"reason": "본인 확인"}).json()
    assert RRN in revealed["text"] and revealed["contact"] == PHONE.replace("-", "")
    # The lookup by contact still finds the person after rotation.
    as_role(client, "officer", "privacy_officer")
    found = client.post("/api/privacy/subjects/search", json={"contact": PHONE, "reason": "열람 청구"}).json()
    assert [r["receipt_no"] for r in found] == [receipt]


def test_data_subject_requests(client: TestClient) -> None:
    first = file(client, COMPLAINTS[0], contact="010 2345 6789")["receipt_no"]
    second = file(client, "공원 화장실이 너무 더러워요 청소 부탁드립니다", contact="+82-10-2345-6789")["receipt_no"]
    other = file(client, "버스 정류장 의자가 부서졌어요", contact="010-9999-8888")["receipt_no"]
    as_role(client, "clerk1", "clerk", "civil")
    assert client.post("/api/privacy/subjects/search", json={"contact": PHONE, "reason": "x"}).status_code == 403
    as_role(client, "officer", "privacy_officer")
    found = client.post("/api/privacy/subjects/search", json={"receipt_no": first, "reason": "본인 열람 청구"}).json()
    assert sorted(r["receipt_no"] for r in found) == sorted([first, second])
    assert client.post("/api/privacy/subjects/search", json={"reason": "열람"}).status_code == 422
    assert client.post("/api/privacy/subjects/export", json={"contact": PHONE}).status_code == 422  # no reason
    exported = client.post("/api/privacy/subjects/export", json={"contact": PHONE, "reason": "본인 사본 청구"}).json()
    assert sorted(r["text"][:6] for r in exported["complaints"]) == sorted([COMPLAINTS[0][:6], "공원 화장실"])
    corrected = client.post("/api/privacy/subjects/correct",
                            json={"receipt_no": first, "contact": "010-1111-2222", "reason": "번호 변경"})
    assert corrected.status_code == 204
    assert [r["receipt_no"] for r in client.post(
        "/api/privacy/subjects/search", json={"contact": "01011112222", "reason": "확인"}).json()] == [first]
    deleted = client.post("/api/privacy/subjects/delete", json={"contact": PHONE, "reason": "삭제 청구"}).json()
    assert [r["receipt_no"] for r in deleted] == [second]
    with client.app.state.database.session() as session:
        erased = session.scalar(select(Complaint).where(Complaint.receipt_no == second))
        assert erased.text_encrypted is None and erased.contact_encrypted is None and erased.purged_at
        assert erased.department_code and erased.type_code  # statistics survive
        assert session.scalar(select(Complaint).where(Complaint.receipt_no == other)).text_encrypted
        actions = {e.action for e in session.scalars(select(AuditEvent).where(AuditEvent.actor == "officer"))}
    assert {"search", "subject_export", "correct", "delete"} <= actions


def test_purge_destroys_expired_data_everywhere_and_the_review_lists_it(client: TestClient,
                                                                          app_settings: Settings) -> None:
    old, fresh = file(client, COMPLAINTS[0])["receipt_no"], file(client, COMPLAINTS[2])["receipt_no"]
    long_ago = utcnow() - timedelta(days=app_settings.retention_complaint_days + 1)
    database = client.app.state.database
    recordings = app_settings.data_dir / "meetings"
    with database.session() as session:
        session.scalar(select(Complaint).where(Complaint.receipt_no == old)).created_at = long_ago
        meetings = []
        for status, keep in (("drafted", False), ("approved", True), ("approved", True)):
            meeting = Meeting(title="회의", status=status, audio_name="a.wav", options={}, speaker_names={},
                              transcript={"segments": [{"text": "홍길동 과장 발언"}]}, keep_recording=keep,
                              created_at=long_ago)
            session.add(meeting)
            session.flush()
            audio = recordings / str(meeting.id) / "recording.wav"
            audio.parent.mkdir(parents=True, exist_ok=True)
            audio.write_bytes(b"RIFF....")
            meeting.audio_path = str(audio.relative_to(app_settings.data_dir))
            meetings.append(meeting.id)
        meetings[2:] = []  # the third stays recent: its kept recording is within the period
        session.execute(text("UPDATE meetings SET created_at = :now WHERE id = (SELECT MAX(id) FROM meetings)"),
                        {"now": utcnow()})
    as_role(client, "officer", "privacy_officer")
    result = client.post("/api/privacy/purge").json()
    assert result == {"complaints": 1, "meetings": 1, "recordings": 1, "total": 3}
    with database.session() as session:
        purged = session.scalar(select(Complaint).where(Complaint.receipt_no == old))
        assert purged.text_encrypted is None and purged.contact_encrypted is None and purged.contact_index is None
        assert session.scalar(select(Complaint).where(Complaint.receipt_no == fresh)).text_encrypted is not None
        draft, kept_long = (session.get(Meeting, meeting_id) for meeting_id in meetings)
        assert draft.transcript is None and draft.audio_path is None and draft.purged_at is not None
        assert kept_long.audio_path is None and kept_long.transcript is not None  # approved minutes stay
        remaining = [p for p in recordings.rglob("*.wav")]
        assert len(remaining) == 1  # only the recent kept recording
    assert client.post("/api/privacy/purge").json()["total"] == 0  # nothing twice
    month = utcnow().strftime("%Y-%m")
    report = client.get("/api/privacy/audit/report", params={"month": month}).json()
    assert report["by_action"]["purge"] >= 2 and report["by_action"]["delete_recording"] >= 2
    assert report["chain"]["ok"] is True
    markdown = client.get("/api/privacy/audit/report", params={"month": month, "format": "markdown"}).text
    assert "개인정보 접속기록 점검 보고서" in markdown and "system:retention" in markdown
    assert client.get("/api/privacy/audit/verify").json()["ok"] is True


def test_concurrent_filings_are_all_stored(client: TestClient) -> None:
    """Ten citizens at once: no lock wait may stall the event loop (it did, and SQLite filings timed out)."""
    from concurrent.futures import ThreadPoolExecutor

    from serving.ratelimit import RateLimiter

    client.app.state.rate_limiters["complaints"] = RateLimiter(per_minute=0)  # one address plays ten citizens

    def one(number: int) -> int:
        return client.post("/api/complaints", json={"text": f"{number}번 가로등이 꺼져 밤길이 위험합니다"}).status_code

    with ThreadPoolExecutor(max_workers=10) as pool:
        codes = list(pool.map(one, range(10)))
    assert codes == [201] * 10
    with client.app.state.database.session() as session:
        assert len(session.scalars(select(Complaint)).all()) == 10
