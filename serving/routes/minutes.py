"""AI minutes API: upload a recording, follow the job, edit versioned minutes, export them."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, Query, Request, Response, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from serving.db import AuditEvent, Job, Meeting, Voiceprint
from serving.deps import ActorDep, IntegerKey, SessionDep, SettingsDep, lazy_component, require_roles
from serving.exports import export_meeting
from serving.jobs import JobRunner, get_job, request_cancel, requeue
from serving.minutes import (
    MeetingRequest,
    MinutesError,
    approve,
    create_meeting,
    delete_recording,
    delete_voiceprint,
    enrol_speakers,
    get_meeting,
    latest_minutes,
    record_export,
    redraft,
    rename_speakers,
    safe_suffix,
    save_minutes,
    versions,
)
from serving.models import build_minutes_archive, build_minutes_drafter
from serving.uploads import save_upload
from speech.types import Minutes

# Meeting recordings, transcripts and minutes are staff work: every endpoint needs a signed-in clerk.
router = APIRouter(prefix="/api/minutes", tags=["minutes"], dependencies=[Depends(require_roles("clerk"))])

ExportFormat = Literal["docx", "hwpx", "pdf", "txt", "md", "json", "srt", "vtt"]


class JobPublic(BaseModel):
    id: str
    kind: str
    status: str
    progress: float
    eta_seconds: float | None
    error: str | None
    result: dict[str, Any] | None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, job: Job) -> JobPublic:
        return cls(id=job.id, kind=job.kind, status=job.status, progress=job.progress, eta_seconds=job.eta_seconds,
                   error=job.error, result=job.result, created_at=job.created_at, updated_at=job.updated_at)


class MeetingPublic(BaseModel):
    id: int
    title: str
    place: str | None
    held_at: datetime | None
    organizer: str | None
    status: str
    audio_name: str
    duration: float | None
    speakers: list[str]
    speaker_names: dict[str, str]
    recognised_speakers: list[dict[str, Any]]  # named automatically from enrolled voiceprints
    current_version: int
    job: JobPublic | None
    created_at: datetime

    @classmethod
    def of(cls, meeting: Meeting, session: Session) -> MeetingPublic:
        job = session.get(Job, meeting.job_id) if meeting.job_id else None
        return cls(
            id=meeting.id, title=meeting.title, place=meeting.place, held_at=meeting.held_at,
            organizer=meeting.organizer, status=meeting.status, audio_name=meeting.audio_name,
            duration=meeting.duration, speakers=list((meeting.transcript or {}).get("speakers", ())),
            speaker_names=dict(meeting.speaker_names), current_version=meeting.current_version,
            recognised_speakers=list((meeting.options or {}).get("recognised_speakers", ())),
            job=JobPublic.of(job) if job else None, created_at=meeting.created_at,
        )


class MinutesPublic(BaseModel):
    meeting_id: int
    version: int
    minutes: Minutes


class MinutesEdit(BaseModel):
    base_version: int = Field(ge=0, description="The version the clerk edited; 409 if someone saved since.")
    minutes: Minutes
    note: str | None = Field(default=None, max_length=500)


class SpeakerNames(BaseModel):
    base_version: int = Field(ge=0)
    names: dict[str, Annotated[str, Field(max_length=100)]] = Field(
        min_length=1, description='{"SPEAKER_01": "김OO 과장"}'
    )
    enroll: list[str] = Field(default_factory=list, max_length=10, description=(
        "Labels whose voice is remembered for later meetings. Only with the attendee's consent "
        "(생체정보 수집·이용 동의를 받은 참석자만)."))


class VoiceprintPublic(BaseModel):
    id: str
    name: str
    consent_by: str
    source_meeting_id: int | None
    created_at: datetime


class Redraft(BaseModel):
    base_version: int = Field(ge=0)


class Approval(Redraft):
    keep_recording: bool = Field(default=False, description="Keep the audio after approval (deleted otherwise)")


class ArchiveHitPublic(BaseModel):
    meeting_id: int
    title: str
    section: str
    text: str
    start: float | None
    score: float


class VersionPublic(BaseModel):
    version: int
    author: str
    note: str | None
    created_at: datetime


class SavedVersion(BaseModel):
    meeting_id: int
    version: int


def get_job_runner(request: Request) -> JobRunner:
    return request.app.state.job_runner


JobRunnerDep = Annotated[JobRunner, Depends(get_job_runner)]


@router.post("/meetings", status_code=202, response_model=MeetingPublic)
async def upload_meeting(
    session: SessionDep,
    settings: SettingsDep,
    runner: JobRunnerDep,
    actor: ActorDep,
    file: Annotated[UploadFile, File(description="회의 녹음 (wav, mp3, m4a, ogg, webm, mp4 …)")],
    title: Annotated[str, Form(min_length=1, max_length=500)],
    place: Annotated[str | None, Form(max_length=500)] = None,
    held_at: Annotated[datetime | None, Form()] = None,
    organizer: Annotated[str | None, Form(max_length=200)] = None,
    language: Annotated[str, Form(pattern=r"^(auto|[a-z]{2,3})$")] = "ko",
    hotwords: Annotated[str | None, Form(max_length=1000)] = None,
    speakers: Annotated[int | None, Form(ge=1, le=10)] = None,
) -> MeetingPublic:
    """회의 녹음 업로드: 전사·화자 분리·초안 작업을 시작합니다 (202; follow the job for progress)."""
    upload = await save_upload(file, settings.data_dir / "uploads", settings.max_upload_mb << 20,
                               suffix=safe_suffix(file.filename), expected="media")
    request = MeetingRequest(title=title, place=place, held_at=held_at, organizer=organizer, language=language,
                             hotwords=hotwords, num_speakers=speakers)
    def store() -> tuple[Meeting, str]:
        meeting, job_id = create_meeting(session, settings, upload, file.filename, request, actor)
        session.commit()  # the worker must see the job before it is submitted
        return meeting, job_id

    # Database work off the event loop (a lock wait there would stall every request).
    meeting, job_id = await run_in_threadpool(store)
    runner.submit(job_id)
    return await run_in_threadpool(MeetingPublic.of, meeting, session)


@router.get("/meetings", response_model=list[MeetingPublic])
def list_meetings(session: SessionDep, limit: Annotated[int, Query(ge=1, le=200)] = 50) -> list[MeetingPublic]:
    meetings = session.scalars(select(Meeting).order_by(Meeting.created_at.desc()).limit(limit)).all()
    return [MeetingPublic.of(m, session) for m in meetings]


@router.get("/meetings/{meeting_id}", response_model=MeetingPublic)
def meeting_detail(meeting_id: IntegerKey, session: SessionDep) -> MeetingPublic:
    meeting = get_meeting(session, meeting_id)
    return MeetingPublic.of(meeting, session)


@router.get("/meetings/{meeting_id}/audio")
def meeting_audio(meeting_id: IntegerKey, request: Request, session: SessionDep, settings: SettingsDep,
                  actor: ActorDep) -> FileResponse:
    """녹음 듣기 (for the transcript editor; range requests work). Listening is logged like any access."""
    meeting = get_meeting(session, meeting_id)
    if meeting.audio_path is None:
        raise MinutesError("녹음 파일이 삭제되었습니다 (the recording was deleted after approval or retention)")
    _log_listening(session, meeting, actor, request)
    return FileResponse(settings.data_dir / meeting.audio_path, filename=meeting.audio_name,
                        content_disposition_type="inline")


def _log_listening(session: Session, meeting: Meeting, actor: str, request: Request) -> None:
    # Players fetch the file in many range requests: one log line per listening session, not per range.
    if request.headers.get("range", "bytes=0-").startswith("bytes=0-"):
        session.add(AuditEvent(actor=actor, action="listen", target_type="meeting", target_id=str(meeting.id),
                               client_ip=request.client.host if request.client else None))


@router.get("/jobs/{job_id}", response_model=JobPublic)
def job_status(job_id: str, session: SessionDep) -> JobPublic:
    """진행률(%)과 남은 시간(초): the page polls this."""
    return JobPublic.of(get_job(session, job_id))


@router.post("/jobs/{job_id}/cancel", response_model=JobPublic)
def cancel_job(job_id: str, session: SessionDep, actor: ActorDep) -> JobPublic:
    return JobPublic.of(request_cancel(session, job_id))


@router.post("/jobs/{job_id}/resume", response_model=JobPublic)
def resume_job(job_id: str, session: SessionDep, runner: JobRunnerDep) -> JobPublic:
    """Start a cancelled or failed job again; finished chunks are not redone."""
    job = requeue(session, job_id)
    session.commit()
    runner.submit(job_id)
    return JobPublic.of(job)


@router.get("/meetings/{meeting_id}/transcript")
def meeting_transcript(meeting_id: IntegerKey, session: SessionDep) -> dict[str, Any]:
    meeting = get_meeting(session, meeting_id)
    if not meeting.transcript:
        raise MinutesError(f"meeting {meeting_id} has no transcript yet (전사가 끝나지 않았습니다)")
    return meeting.transcript


@router.get("/meetings/{meeting_id}/minutes", response_model=MinutesPublic)
def current_minutes(meeting_id: IntegerKey, session: SessionDep) -> MinutesPublic:
    meeting = get_meeting(session, meeting_id)
    version, minutes = latest_minutes(session, meeting)
    return MinutesPublic(meeting_id=meeting_id, version=version, minutes=minutes)


@router.put("/meetings/{meeting_id}/minutes", response_model=SavedVersion)
def edit_minutes(meeting_id: IntegerKey, body: MinutesEdit, session: SessionDep, actor: ActorDep) -> SavedVersion:
    """회의록 수정: saved as a new version; 409 when someone else saved first."""
    meeting = get_meeting(session, meeting_id)
    version = save_minutes(session, meeting, body.minutes, body.base_version, actor, body.note)
    return SavedVersion(meeting_id=meeting_id, version=version)


@router.get("/meetings/{meeting_id}/minutes/versions", response_model=list[VersionPublic])
def minutes_versions(meeting_id: IntegerKey, session: SessionDep) -> list[VersionPublic]:
    rows = versions(session, get_meeting(session, meeting_id))
    return [VersionPublic(version=r.version, author=r.author, note=r.note, created_at=r.created_at) for r in rows]


@router.get("/meetings/{meeting_id}/minutes/versions/{version}", response_model=MinutesPublic)
def minutes_version(meeting_id: IntegerKey, version: IntegerKey, session: SessionDep) -> MinutesPublic:
    rows = [r for r in versions(session, get_meeting(session, meeting_id)) if r.version == version]
    if not rows:
        raise MinutesError(f"meeting {meeting_id} has no version {version} (없는 판입니다)")
    return MinutesPublic(meeting_id=meeting_id, version=version, minutes=Minutes.model_validate(rows[0].document))


@router.put("/meetings/{meeting_id}/speakers", response_model=SavedVersion)
def name_speakers(meeting_id: IntegerKey, body: SpeakerNames, session: SessionDep, settings: SettingsDep,
                  actor: ActorDep) -> SavedVersion:
    """화자 이름 지정 (SPEAKER_01 → 김OO 과장), once per meeting; the minutes get a new version."""
    meeting = get_meeting(session, meeting_id)
    version = rename_speakers(session, meeting, body.names, body.base_version, actor)
    if body.enroll:
        enrol_speakers(session, settings, meeting, body.enroll, actor)
    return SavedVersion(meeting_id=meeting_id, version=version)


@router.get("/voiceprints", response_model=list[VoiceprintPublic])
def list_voiceprints(session: SessionDep) -> list[VoiceprintPublic]:
    """등록된 목소리 (names only; the voiceprints themselves never leave the server)."""
    rows = session.scalars(select(Voiceprint).order_by(Voiceprint.name)).all()
    return [VoiceprintPublic(id=r.id, name=r.name, consent_by=r.consent_by, source_meeting_id=r.source_meeting_id,
                             created_at=r.created_at) for r in rows]


@router.delete("/voiceprints/{voiceprint_id}", status_code=204)
def remove_voiceprint(voiceprint_id: str, session: SessionDep, actor: ActorDep) -> Response:
    """목소리 등록 삭제 (consent withdrawn): destroyed at once."""
    delete_voiceprint(session, voiceprint_id, actor)
    return Response(status_code=204)


@router.post("/meetings/{meeting_id}/draft", response_model=SavedVersion)
async def draft_again(meeting_id: IntegerKey, body: Redraft, request: Request, session: SessionDep,
                      settings: SettingsDep, actor: ActorDep) -> SavedVersion:
    """초안 다시 만들기: a fresh draft from the transcript, as a new version."""
    drafter = lazy_component(request, "minutes_drafter", lambda: build_minutes_drafter(settings))
    meeting = await run_in_threadpool(get_meeting, session, meeting_id)
    version = await run_in_threadpool(redraft, session, settings, meeting, drafter, body.base_version, actor)
    return SavedVersion(meeting_id=meeting_id, version=version)


def get_archive(request: Request):
    settings = request.app.state.settings
    return lazy_component(request, "minutes_archive", lambda: build_minutes_archive(settings))


@router.post("/meetings/{meeting_id}/approve", response_model=MeetingPublic)
async def approve_minutes(meeting_id: IntegerKey, body: Approval, request: Request, session: SessionDep,
                          settings: SettingsDep, actor: ActorDep) -> MeetingPublic:
    """회의록 확정: the reviewed version becomes the approved minutes and enters the searchable archive.
    The recording is deleted then, unless ``keep_recording`` (kept until the retention period ends)."""
    def store() -> tuple[Meeting, Minutes]:
        meeting = get_meeting(session, meeting_id)
        minutes = approve(session, meeting, body.base_version, actor)
        meeting.keep_recording = body.keep_recording
        if not body.keep_recording:
            delete_recording(session, settings, meeting, actor, "회의록 확정 (minutes approved)")
        session.commit()
        return meeting, minutes

    meeting, minutes = await run_in_threadpool(store)
    await run_in_threadpool(get_archive(request).add, meeting.id, minutes, meeting.held_at)
    return await run_in_threadpool(MeetingPublic.of, meeting, session)


@router.get("/search", response_model=list[ArchiveHitPublic])
async def search_minutes(request: Request, q: Annotated[str, Query(min_length=1, max_length=200)],
                         k: Annotated[int, Query(ge=1, le=50)] = 10) -> list[ArchiveHitPublic]:
    """지난 회의록 검색 (keyword + semantic) over approved minutes; personal data is masked in the index."""
    hits = await run_in_threadpool(get_archive(request).search, q.strip(), k)
    return [ArchiveHitPublic(**asdict(hit)) for hit in hits]


@router.get("/meetings/{meeting_id}/export")
def export_minutes(
    meeting_id: IntegerKey,
    request: Request,
    session: SessionDep,
    actor: ActorDep,
    format: Annotated[ExportFormat, Query(description="docx, hwpx, pdf, txt, md, json, srt, vtt")] = "docx",
    public: Annotated[bool, Query(description="공개용: 개인정보 가림, 이름 대신 직함")] = False,
    reason: Annotated[str | None, Query(max_length=200, description="내려받는 사유 (원본일 때 필수)")] = None,
) -> Response:
    """회의록 내려받기. The full version holds personal data: a reason is required and logged."""
    meeting = get_meeting(session, meeting_id)
    if not public and not (reason and reason.strip()):
        raise MinutesError(
            "원본 회의록을 내려받으려면 사유를 입력하세요 (a reason is required to download the full minutes)"
        )
    content, media_type, filename = export_meeting(session, meeting, format, public)
    client = request.client.host if request.client else None
    record_export(session, meeting, actor, format, public, reason, client)
    disposition = f"attachment; filename=minutes-{meeting_id}.{format}; filename*=UTF-8''{quote(filename)}"
    return Response(content=content, media_type=media_type, headers={"Content-Disposition": disposition})
