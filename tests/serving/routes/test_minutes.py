"""Minutes API: upload → job → draft, versioned edits with conflict check, speaker names, exports, audit."""

import io
import time
import zipfile
from datetime import datetime

import pytest
from docx import Document
from fastapi.testclient import TestClient
from sqlalchemy import select

from serving.app import create_app
from serving.db import AuditEvent, Database, Meeting, Voiceprint
from serving.minutes import save_minutes
from serving.settings import Settings
from speech.documents import read_hwpx_text
from speech.types import ActionItem, AgendaItem, Decision, Minutes, MinutesMetadata, TranscriptLine
from tests.conftest import SAMPLE_MEETING
from tests.serving.routes.conftest import sign_in

DRAFT = Minutes(
    metadata=MinutesMetadata(title="도로 보수 예산 회의", place="시청 3층 중회의실",
                             held_at=datetime(2026, 11, 23, 14), attendees=("SPEAKER_01", "SPEAKER_02")),
    agenda=(AgendaItem(
        title="포트홀 긴급 보수",
        summary=("민원인 홍길동 씨 연락처는 010-1234-5678 입니다.",),
        decisions=(Decision(text="긴급 보수 예산 3억 원을 확정합니다.", start=10.0, speaker="SPEAKER_01"),),
        action_items=(ActionItem(task="현장 점검 결과를 보고하겠습니다.", owner="SPEAKER_02", start=20.0,
                                 speaker="SPEAKER_02"),),
    ),),
    transcript=(TranscriptLine(start=0.0, end=5.0, speaker="SPEAKER_01", text="회의를 시작하겠습니다."),
                TranscriptLine(start=10.0, end=15.0, speaker="SPEAKER_01", text="긴급 보수 예산 3억 원을 확정합니다."),
                TranscriptLine(start=20.0, end=24.0, speaker="SPEAKER_02",
                               text="현장 점검 결과를 보고하겠습니다. 제 번호는 010-1234-5678 입니다.")),
)


@pytest.fixture
def client(settings: Settings):
    with TestClient(create_app(settings)) as client:
        sign_in(client)
        yield client


@pytest.fixture
def meeting_id(client: TestClient) -> int:
    """A transcribed meeting with a first draft, stored the way the job stores it."""
    database: Database = client.app.state.database
    with database.session() as session:
        meeting = Meeting(title="도로 보수 예산 회의", status="drafted", audio_name="meeting.wav", options={},
                          speaker_names={}, current_version=0,
                          transcript={"speakers": ["SPEAKER_01", "SPEAKER_02"], "segments": [], "turns": []})
        session.add(meeting)
        session.flush()
        save_minutes(session, meeting, DRAFT, 0, author="system")
        return meeting.id


def test_bad_uploads_are_4xx_and_leave_no_file(client: TestClient, settings: Settings) -> None:
    empty = client.post("/api/minutes/meetings", files={"file": ("a.wav", b"", "audio/wav")}, data={"title": "회의"})
    assert empty.status_code == 400 and "빈 파일" in empty.json()["detail"]
    no_title = client.post("/api/minutes/meetings", files={"file": ("a.wav", b"RIFF", "audio/wav")})
    assert no_title.status_code == 422
    bad_language = client.post("/api/minutes/meetings", files={"file": ("a.wav", b"RIFF", "audio/wav")},
                               data={"title": "회의", "language": "../etc"})
    assert bad_language.status_code == 422
    renamed = client.post("/api/minutes/meetings", files={"file": ("회의.mp3", b"%PDF-1.7 minutes", "audio/mpeg")},
                          data={"title": "회의"})
    assert renamed.status_code == 415 and "PDF" in renamed.json()["detail"]
    assert not list((settings.data_dir / "uploads").glob("*")) if (settings.data_dir / "uploads").exists() else True


def test_oversize_upload_is_413(settings: Settings) -> None:
    small = settings.model_copy(update={"max_upload_mb": 1})
    with TestClient(create_app(small)) as client:
        sign_in(client)
        oversize = SAMPLE_MEETING.read_bytes()[:44] + bytes(2 << 20)  # a real WAV header, then too many samples
        response = client.post("/api/minutes/meetings", files={"file": ("a.wav", oversize, "audio/wav")},
                               data={"title": "회의"})
    assert response.status_code == 413
    assert not list((small.data_dir / "uploads").glob("*"))


def test_unknown_meeting_and_job_are_404(client: TestClient) -> None:
    assert client.get("/api/minutes/meetings/999").status_code == 404
    assert client.get("/api/minutes/jobs/nope").status_code == 404
    assert client.post("/api/minutes/jobs/nope/cancel").status_code == 404


@pytest.mark.reliability("fault", "두 직원이 같은 회의록을 동시에 편집 (two clerks, one minutes)",
                         "the stale edit gets 409, nothing silently overwritten")
def test_edits_are_versioned_and_a_stale_edit_is_409(client: TestClient, meeting_id: int) -> None:
    current = client.get(f"/api/minutes/meetings/{meeting_id}/minutes").json()
    assert current["version"] == 1
    edited = current["minutes"]
    edited["agenda"][0]["title"] = "포트홀 긴급 보수 (수정)"
    first = client.put(f"/api/minutes/meetings/{meeting_id}/minutes", json={"base_version": 1, "minutes": edited})
    assert first.json() == {"meeting_id": meeting_id, "version": 2}
    stale = client.put(f"/api/minutes/meetings/{meeting_id}/minutes", json={"base_version": 1, "minutes": edited})
    assert stale.status_code == 409 and "다른 사용자가 먼저 수정" in stale.json()["detail"]
    versions = client.get(f"/api/minutes/meetings/{meeting_id}/minutes/versions").json()
    assert [v["version"] for v in versions] == [2, 1]
    assert client.get(f"/api/minutes/meetings/{meeting_id}/minutes/versions/1").json()["minutes"]["agenda"][0][
        "title"] == "포트홀 긴급 보수"
    invalid = client.put(f"/api/minutes/meetings/{meeting_id}/minutes",
                         json={"base_version": 2, "minutes": {**edited, "agenda": [{"title": ""}]}})
    assert invalid.status_code == 422


def test_speaker_names_apply_to_the_minutes(client: TestClient, meeting_id: int) -> None:
    unknown = client.put(f"/api/minutes/meetings/{meeting_id}/speakers",
                         json={"base_version": 1, "names": {"SPEAKER_09": "누구"}})
    assert unknown.status_code == 422
    named = client.put(f"/api/minutes/meetings/{meeting_id}/speakers",
                       json={"base_version": 1, "names": {"SPEAKER_01": "김민수 과장", "SPEAKER_02": "이서연 주무관"}})
    assert named.json()["version"] == 2
    minutes = client.get(f"/api/minutes/meetings/{meeting_id}/minutes").json()["minutes"]
    assert minutes["metadata"]["attendees"] == ["김민수 과장", "이서연 주무관"]
    assert minutes["agenda"][0]["action_items"][0]["owner"] == "이서연 주무관"
    assert [line["speaker"] for line in minutes["transcript"]] == ["김민수 과장", "김민수 과장", "이서연 주무관"]
    renamed = client.put(f"/api/minutes/meetings/{meeting_id}/speakers",
                         json={"base_version": 2, "names": {"SPEAKER_01": "김민수 국장"}})
    assert renamed.json()["version"] == 3
    minutes = client.get(f"/api/minutes/meetings/{meeting_id}/minutes").json()["minutes"]
    assert minutes["metadata"]["attendees"] == ["김민수 국장", "이서연 주무관"]


def test_exports_full_needs_a_reason_and_public_masks(client: TestClient, meeting_id: int) -> None:
    url = f"/api/minutes/meetings/{meeting_id}/export"
    assert client.get(url, params={"format": "docx"}).status_code == 422  # full version without a reason
    assert client.get(url, params={"format": "exe", "public": True}).status_code == 422
    full = client.get(url, params={"format": "docx", "reason": "정보공개 청구 검토"})
    assert full.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(full.content)).paragraphs)
    assert "010-1234-5678" in "\n".join([text] + [c.text for t in Document(io.BytesIO(full.content)).tables
                                                  for r in t.rows for c in r.cells])
    for fmt in ("docx", "hwpx", "pdf", "txt", "md", "json", "srt", "vtt"):
        response = client.get(url, params={"format": fmt, "public": True})
        assert response.status_code == 200, fmt
        if fmt == "hwpx":
            content = read_hwpx_text(response.content)
            assert zipfile.ZipFile(io.BytesIO(response.content)).namelist()[0] == "mimetype"
        elif fmt in ("txt", "md", "json", "srt", "vtt"):
            content = response.content.decode("utf-8")
        else:
            continue
        assert "010-1234-5678" not in content and "3억 원" in content, fmt
        assert "SPEAKER_01" not in content, fmt
    assert "attachment" in full.headers["content-disposition"]
    with client.app.state.database.session() as session:
        events = session.scalars(select(AuditEvent).where(AuditEvent.target_id == str(meeting_id))).all()
    exports = [e for e in events if e.action.startswith("export")]
    assert exports[0].action == "export_full" and "정보공개 청구 검토" in exports[0].reason
    assert {e.action for e in exports} == {"export_full", "export_public"}


def _upload_and_wait(client: TestClient, title: str) -> dict:
    with open(SAMPLE_MEETING, "rb") as audio:
        created = client.post("/api/minutes/meetings", files={"file": ("meeting.wav", audio, "audio/wav")},
                              data={"title": title, "speakers": "2"}).json()
    deadline = time.monotonic() + 300
    while client.get(f"/api/minutes/jobs/{created['job']['id']}").json()["status"] not in ("succeeded", "failed"):
        assert time.monotonic() < deadline
        time.sleep(1)
    return client.get(f"/api/minutes/meetings/{created['id']}").json()


@pytest.mark.slow
def test_upload_to_draft_through_the_job(client: TestClient, settings: Settings) -> None:
    with open(SAMPLE_MEETING, "rb") as audio:
        created = client.post(
            "/api/minutes/meetings",
            files={"file": ("../../회의 녹음.wav", audio, "audio/wav")},
            data={"title": "도로 보수 예산 회의", "place": "시청 3층 중회의실", "held_at": "2026-11-23T14:00:00+09:00",
                  "speakers": "2"},
        )
    assert created.status_code == 202
    meeting = created.json()
    assert meeting["audio_name"] == "회의 녹음.wav" and meeting["status"] == "transcribing"
    stored = list((settings.data_dir / "meetings" / str(meeting["id"])).iterdir())
    assert [p.name for p in stored] == ["recording.wav"]  # the client's name is never a path
    job_id = meeting["job"]["id"]
    deadline = time.monotonic() + 300
    while (job := client.get(f"/api/minutes/jobs/{job_id}").json())["status"] not in ("succeeded", "failed"):
        assert time.monotonic() < deadline
        time.sleep(1)
    assert job["status"] == "succeeded" and job["progress"] == 100.0
    assert job["result"]["speakers"] == ["SPEAKER_01", "SPEAKER_02"]
    detail = client.get(f"/api/minutes/meetings/{meeting['id']}").json()
    assert detail["status"] == "drafted" and detail["current_version"] == 1
    assert detail["duration"] == pytest.approx(32.2, abs=0.2)
    minutes = client.get(f"/api/minutes/meetings/{meeting['id']}/minutes").json()["minutes"]
    assert minutes["metadata"]["place"] == "시청 3층 중회의실"
    transcript = client.get(f"/api/minutes/meetings/{meeting['id']}/transcript").json()
    assert len(transcript["turns"]) >= 2
    assert not (settings.data_dir / "jobs" / job_id).exists()  # checkpoints removed once stored

    # Both attendees consent to voice enrolment; the next meeting names them by itself.
    names = {"SPEAKER_01": "김민수 과장", "SPEAKER_02": "이서연 주무관"}
    named = client.put(f"/api/minutes/meetings/{meeting['id']}/speakers",
                       json={"base_version": 1, "names": names, "enroll": ["SPEAKER_01", "SPEAKER_02"]})
    assert named.status_code == 200, named.text
    enrolled = client.get("/api/minutes/voiceprints").json()
    assert sorted(v["name"] for v in enrolled) == ["김민수 과장", "이서연 주무관"]
    with client.app.state.database.session() as session:
        stored = session.scalars(select(Voiceprint)).all()
    assert all(v.vector.startswith("v1:") for v in stored)  # encrypted at rest

    second = _upload_and_wait(client, "두 번째 회의")
    assert second["speaker_names"] == names
    assert {r["name"] for r in second["recognised_speakers"]} == set(names.values())
    assert all(r["similarity"] >= 0.8 for r in second["recognised_speakers"])
    attendees = client.get(f"/api/minutes/meetings/{second['id']}/minutes").json()["minutes"]["metadata"]["attendees"]
    assert set(attendees) == set(names.values())

    assert client.delete(f"/api/minutes/voiceprints/{enrolled[0]['id']}").status_code == 204  # consent withdrawn
    assert len(client.get("/api/minutes/voiceprints").json()) == 1
    assert client.delete(f"/api/minutes/voiceprints/{enrolled[0]['id']}").status_code == 422


@pytest.mark.slow
def test_approved_minutes_are_searchable_with_personal_data_masked(client: TestClient, meeting_id: int) -> None:
    stale = client.post(f"/api/minutes/meetings/{meeting_id}/approve", json={"base_version": 0})
    assert stale.status_code == 409
    approved = client.post(f"/api/minutes/meetings/{meeting_id}/approve", json={"base_version": 1})
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    hits = client.get("/api/minutes/search", params={"q": "포트홀 보수 예산 확정"}).json()
    assert hits and hits[0]["meeting_id"] == meeting_id
    assert any("3억 원" in hit["text"] for hit in hits)
    everything = " ".join(hit["text"] for hit in client.get("/api/minutes/search",
                                                            params={"q": "연락처 번호", "k": 50}).json())
    assert "010-1234-5678" not in everything and "[전화번호]" in everything
    transcript_hits = [h for h in hits if h["section"] == "녹취록"]
    assert all(h["start"] is not None for h in transcript_hits)
    # Editing approved minutes sends them back to draft: they need a new approval.
    current = client.get(f"/api/minutes/meetings/{meeting_id}/minutes").json()
    client.put(f"/api/minutes/meetings/{meeting_id}/minutes", json={"base_version": 1, "minutes": current["minutes"]})
    assert client.get(f"/api/minutes/meetings/{meeting_id}").json()["status"] == "drafted"
    assert client.get("/api/minutes/search", params={"q": ""}).status_code == 422
