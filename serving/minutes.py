"""Meeting minutes as a service: uploads become jobs, jobs become transcripts and drafts, drafts get edited.

Used by the minutes routes and the CLI; knows the database and the data folder, not HTTP.
"""

from __future__ import annotations

import logging
import re
import shutil
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from nlp.pii import UNIQUE_IDENTIFIER_TYPES, PiiMasker
from serving.db import AuditEvent, Meeting, MinutesVersion, Voiceprint, utcnow
from serving.jobs import JobCancelledError, JobContext, create_job, register
from serving.settings import Settings
from speech.types import Minutes

logger = logging.getLogger(__name__)

IDENTIFIER_MASKER = PiiMasker(UNIQUE_IDENTIFIER_TYPES)
TRANSCRIBE_JOB = "transcribe_meeting"
AUDIO_SUFFIXES = frozenset({".wav", ".mp3", ".m4a", ".aac", ".ogg", ".opus", ".webm", ".mp4", ".flac", ".mov",
                            ".mkv", ".wma", ".amr", ".3gp"})


class MinutesError(Exception):
    """A minutes request that cannot be done as asked (message for the clerk)."""


class MeetingNotFoundError(MinutesError):
    pass


class VersionConflictError(MinutesError):
    """Someone saved the minutes since this clerk opened them."""


@dataclass(frozen=True)
class MeetingRequest:
    title: str
    place: str | None = None
    held_at: datetime | None = None
    organizer: str | None = None
    language: str = "ko"
    hotwords: str | None = None
    num_speakers: int | None = None


def safe_suffix(filename: str | None) -> str:
    """The upload's extension if it is a known audio/video one, else ''. The name itself is never a path."""
    suffix = Path(filename or "").suffix.lower()
    return suffix if suffix in AUDIO_SUFFIXES else ""


def display_name(filename: str | None) -> str:
    """The clerk's file name for display: no folders, no control characters, at most 200 characters."""
    name = re.split(r"[\\/]", filename or "")[-1]
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip() or "recording"
    return name[:200]


def meeting_dir(settings: Settings, meeting_id: int) -> Path:
    return settings.data_dir / "meetings" / str(meeting_id)


def create_meeting(session: Session, settings: Settings, upload: Path, filename: str | None,
                   request: MeetingRequest, actor: str) -> tuple[Meeting, str]:
    """Store the meeting and its transcription job; ``upload`` is moved into the meeting's folder.

    Returns the meeting and the job id; the caller submits the job after the session commits.
    """
    meeting = Meeting(
        title=request.title, place=request.place, held_at=request.held_at, organizer=request.organizer,
        status="uploaded", audio_name=display_name(filename), speaker_names={}, current_version=0,
        options={"language": request.language, "hotwords": request.hotwords, "num_speakers": request.num_speakers},
        created_by=actor,
    )
    session.add(meeting)
    session.flush()
    folder = meeting_dir(settings, meeting.id)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"recording{safe_suffix(filename) or '.bin'}"
    shutil.move(str(upload), target)
    meeting.audio_path = str(target.relative_to(settings.data_dir))
    job = create_job(session, TRANSCRIBE_JOB, {"meeting_id": meeting.id})
    meeting.job_id = job.id
    meeting.status = "transcribing"
    _audit(session, actor, "upload", meeting)
    return meeting, job.id


def get_meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise MeetingNotFoundError(f"meeting {meeting_id} not found (회의를 찾을 수 없습니다)")
    return meeting


def latest_minutes(session: Session, meeting: Meeting) -> tuple[int, Minutes]:
    if meeting.current_version == 0:
        raise MinutesError(
            f"meeting {meeting.id} has no minutes yet; status {meeting.status} (아직 회의록 초안이 없습니다)"
        )
    row = session.scalars(select(MinutesVersion).where(
        MinutesVersion.meeting_id == meeting.id, MinutesVersion.version == meeting.current_version)).one()
    return row.version, Minutes.model_validate(row.document)


def _lock_at_version(session: Session, meeting: Meeting, base_version: int, message: str) -> None:
    """Lock the meeting row and check the clerk worked on the current version; ``message`` may use {current}."""
    # The row lock makes two saves at the same moment queue up on PostgreSQL; SQLite locks the file.
    # Flush first: refresh would otherwise throw away this session's unsaved changes to the meeting.
    session.flush()
    session.refresh(meeting, with_for_update=True)
    if base_version != meeting.current_version:
        raise VersionConflictError(message.format(current=meeting.current_version))


def save_minutes(session: Session, meeting: Meeting, minutes: Minutes, base_version: int, author: str,
                 note: str | None = None) -> int:
    """Store an edit as a new version. ``base_version`` is the version the clerk edited: if someone
    saved in between, nothing is written and the clerk is told to reload (no silent overwrite)."""
    _lock_at_version(session, meeting, base_version,
                     f"minutes were changed by someone else (version {{current}}, you edited {base_version}); "
                     "reload and apply your edit again "
                     "(다른 사용자가 먼저 수정했습니다. 새로 불러온 뒤 다시 수정하세요)")
    version = meeting.current_version + 1
    document = _mask_strings(minutes.model_dump(mode="json"))  # a clerk may type an identifier too
    session.add(MinutesVersion(meeting_id=meeting.id, version=version, document=document, author=author, note=note))
    meeting.current_version = version
    # An edit after approval needs a new approval: the archive keeps the approved text until then.
    if meeting.status in ("transcribing", "uploaded", "approved"):
        meeting.status = "drafted"
    _audit(session, author, "edit_minutes", meeting, reason=note)
    session.flush()
    return version


def approve(session: Session, meeting: Meeting, base_version: int, actor: str) -> Minutes:
    """The clerk signs off the minutes as they are now (the version they reviewed must still be current)."""
    _lock_at_version(session, meeting, base_version,
                     f"minutes changed since you reviewed them (version {{current}}, you reviewed {base_version}); "
                     "review again before approving (검토한 뒤 다른 수정이 있었습니다)")
    _, minutes = latest_minutes(session, meeting)
    meeting.status = "approved"
    _audit(session, actor, "approve_minutes", meeting, reason=f"version {base_version}")
    return minutes


def delete_recording(session: Session, settings: Settings, meeting: Meeting, actor: str, reason: str) -> bool:
    """Destroy the meeting's audio file (True when there was one). Minutes and transcript stay."""
    if meeting.audio_path is None:
        return False
    (settings.data_dir / meeting.audio_path).unlink(missing_ok=True)
    meeting.audio_path = None
    _audit(session, actor, "delete_recording", meeting, reason=reason)
    return True


def purge_meeting(session: Session, settings: Settings, meeting: Meeting, actor: str, reason: str) -> None:
    """Destroy what an unapproved meeting holds about people: recording, transcript, drafts, voiceprints."""
    delete_recording(session, settings, meeting, actor, reason)
    for version in versions(session, meeting):
        session.delete(version)
    meeting.transcript = None
    meeting.voiceprints = {}
    meeting.speaker_names = {}
    meeting.current_version = 0
    meeting.purged_at = utcnow()
    _audit(session, actor, "purge", meeting, reason=reason)


def _mask_strings(value: Any) -> Any:
    if isinstance(value, str):
        return IDENTIFIER_MASKER.mask(value).text if any(c.isdigit() for c in value) else value
    if isinstance(value, list):
        return [_mask_strings(item) for item in value]
    if isinstance(value, dict):
        return {key: _mask_strings(item) for key, item in value.items()}
    return value


def mask_identifiers(document: dict[str, Any]) -> dict[str, Any]:
    """Unique identifiers (주민등록·외국인등록·여권·운전면허번호) said in a meeting are never stored in the clear:
    segment texts are masked, and a segment that held one loses its word timings (the digits are spread over
    several words, which cannot be masked one by one)."""
    segments = []
    for segment in document.get("segments", []):
        masked = IDENTIFIER_MASKER.mask(segment.get("text", ""))
        if masked.spans:
            segment = {**segment, "text": masked.text, "words": []}
        segments.append(segment)
    return {**document, "segments": segments}


def versions(session: Session, meeting: Meeting) -> list[MinutesVersion]:
    return list(session.scalars(select(MinutesVersion).where(MinutesVersion.meeting_id == meeting.id)
                                .order_by(MinutesVersion.version.desc())))


def rename_speakers(session: Session, meeting: Meeting, names: dict[str, str], base_version: int,
                    author: str) -> int:
    """Name the diarizer's speakers once (SPEAKER_01 → "김OO 과장"); applied to the minutes as a new version."""
    labels = set((meeting.transcript or {}).get("speakers", ())) | set(meeting.speaker_names)
    unknown = sorted(set(names) - labels)
    if unknown:
        raise MinutesError(f"unknown speaker labels {unknown}; this meeting has {sorted(labels)} (없는 화자입니다)")
    previous = dict(meeting.speaker_names)
    meeting.speaker_names = {**previous, **{label: name.strip() for label, name in names.items() if name.strip()}}
    _, minutes = latest_minutes(session, meeting)
    # The current minutes show either the raw label or the name given before: both become the new name.
    replacements = {}
    for label, name in meeting.speaker_names.items():
        replacements[label] = name
        if label in previous:
            replacements[previous[label]] = name
    renamed = Minutes.model_validate(_replace_values(minutes.model_dump(mode="json"), replacements))
    return save_minutes(session, meeting, renamed, base_version, author, note="화자 이름 지정")


def _replace_values(value: Any, replacements: dict[str, str]) -> Any:
    """Replace whole string values (speakers, owners, attendees); free text is left as spoken."""
    if isinstance(value, dict):
        return {key: _replace_values(item, replacements) for key, item in value.items()}
    if isinstance(value, list):
        return [_replace_values(item, replacements) for item in value]
    if isinstance(value, str):
        return replacements.get(value, value)
    return value


def _audit(session: Session, actor: str, action: str, meeting: Meeting, reason: str | None = None,
           client_ip: str | None = None) -> None:
    session.add(AuditEvent(actor=actor, action=action, target_type="meeting", target_id=str(meeting.id),
                           reason=reason, client_ip=client_ip))


def record_export(session: Session, meeting: Meeting, actor: str, fmt: str, public: bool, reason: str | None,
                  client_ip: str | None) -> None:
    """Downloads of minutes are logged with who, what and why (개인정보 다운로드 사유)."""
    kind = "public" if public else "full"
    _audit(session, actor, f"export_{kind}", meeting, reason=f"{fmt}: {reason or ''}".strip(), client_ip=client_ip)


# --- the job -------------------------------------------------------------------------------


@register(TRANSCRIBE_JOB)
def transcribe_meeting(context: JobContext) -> dict[str, Any]:
    """Upload → chunked ASR + diarization (resumable) → transcript → first draft of the minutes."""
    from serving.models import asr_options, build_minutes_drafter, build_transcriber
    from speech import make_diarizer
    from speech.longform import JobCancelled, LongFormOptions, RecordingTranscriber
    from speech.voiceprint import VoiceprintEncoder
    from speech.writers import JsonWriter, transcript_from_json

    settings, database = context.settings, context.database
    meeting_id = int(context.payload["meeting_id"])
    with database.session() as session:
        meeting = get_meeting(session, meeting_id)
        if meeting.audio_path is None:
            raise MinutesError(f"meeting {meeting_id}: the recording was deleted (녹음 파일이 삭제되었습니다)")
        source = settings.data_dir / meeting.audio_path
        options = dict(meeting.options)
        meeting.status = "transcribing"
    transcriber = context.component("transcriber", lambda: build_transcriber(settings))
    diarizer = None
    if settings.diarizer != "none":
        diarizer = context.component(f"diarizer:{settings.diarizer}", lambda: make_diarizer(settings.diarizer))
    recording = RecordingTranscriber(
        transcriber,
        diarizer,
        asr_options(settings, options.get("language") or "ko", options.get("hotwords")),
        LongFormOptions(chunk_s=settings.minutes_chunk_seconds, diarize=diarizer is not None,
                        num_speakers=options.get("num_speakers"), max_seconds=settings.max_audio_hours * 3600),
    )
    workdir = settings.data_dir / "jobs" / context.job_id
    try:
        transcript = recording.run(source, workdir, progress=lambda p: context.progress(p * 0.97),
                                   should_cancel=context.should_cancel)
    except JobCancelled as cancelled:
        with database.session() as session:
            get_meeting(session, meeting_id).status = "cancelled"
        raise JobCancelledError(str(cancelled)) from cancelled
    except Exception:
        with database.session() as session:
            get_meeting(session, meeting_id).status = "failed"
        raise
    drafter = context.component("minutes_drafter", lambda: build_minutes_drafter(settings))
    encoder = context.component("voiceprint_encoder", VoiceprintEncoder)
    samples = np.memmap(workdir / "audio.pcm", dtype="<i2", mode="r") if (workdir / "audio.pcm").is_file() else None
    with database.session() as session:
        meeting = get_meeting(session, meeting_id)
        if samples is not None and transcript.turns:
            recognise_speakers(session, settings, meeting, encoder.speaker_voiceprints(samples, transcript.turns))
        document = mask_identifiers(JsonWriter.document(transcript))
        meeting.transcript = document
        meeting.duration = transcript.info.duration
        minutes = drafter.draft_transcript(transcript_from_json(document), draft_options(settings, meeting))
        save_minutes(session, meeting, minutes, meeting.current_version, author="system", note="자동 초안")
        meeting.status = "drafted"
    context.progress(100.0)
    # The transcript is stored; the checkpoints (decoded audio, chunks) are no longer needed.
    shutil.rmtree(workdir, ignore_errors=True)
    speakers = sorted({t.speaker for t in transcript.turns})
    return {"meeting_id": meeting_id, "segments": len(transcript.segments), "speakers": speakers,
            "duration": transcript.info.duration}


def recognise_speakers(session: Session, settings: Settings, meeting: Meeting, voiceprints: dict) -> list:
    """Keep this meeting's voiceprints (encrypted) and name speakers who match enrolled attendees."""
    from speech.voiceprint import match_speakers

    cipher = settings.field_cipher()
    meeting.voiceprints = {
        label: cipher.encrypt(vector.astype("<f4").tobytes(), f"meeting:{meeting.id}:{label}")
        for label, vector in voiceprints.items()
    }
    enrolled = {row.name: np.frombuffer(cipher.decrypt(row.vector, f"voiceprint:{row.id}"), dtype="<f4")
                for row in session.scalars(select(Voiceprint))}
    matches = match_speakers(voiceprints, enrolled)
    names = dict(meeting.speaker_names)
    for match in matches:
        names.setdefault(match.label, match.name)
    meeting.speaker_names = names
    meeting.options = {**meeting.options, "recognised_speakers": [
        {"label": m.label, "name": m.name, "similarity": m.similarity} for m in matches]}
    if matches:
        _audit(session, "system", "recognise_speakers", meeting, reason=", ".join(m.name for m in matches))
    return matches


def enrol_speakers(session: Session, settings: Settings, meeting: Meeting, labels: list[str], actor: str) -> list[str]:
    """Enrol the named speakers' voiceprints; the clerk confirms each attendee consented (생체정보 수집 동의)."""
    cipher = settings.field_cipher()
    enrolled = []
    for label in labels:
        name = meeting.speaker_names.get(label)
        token = meeting.voiceprints.get(label)
        if not name or not token:
            raise MinutesError(f"{label}: name the speaker first, and it needs ≥ 3 s of speech "
                               "(이름이 지정되고 발화가 충분한 화자만 등록할 수 있습니다)")
        vector = cipher.decrypt(token, f"meeting:{meeting.id}:{label}")
        for old in session.scalars(select(Voiceprint).where(Voiceprint.name == name)):
            session.delete(old)  # one voiceprint per person: the newest recording replaces the old one
        identifier = str(uuid.uuid4())
        session.add(Voiceprint(id=identifier, name=name, vector=cipher.encrypt(vector, f"voiceprint:{identifier}"),
                               consent_by=actor, source_meeting_id=meeting.id))
        _audit(session, actor, "enrol_voiceprint", meeting, reason=f"{label} → {name} (동의 확인)")
        enrolled.append(name)
    return enrolled


def delete_voiceprint(session: Session, voiceprint_id: str, actor: str) -> None:
    row = session.get(Voiceprint, voiceprint_id)
    if row is None:
        raise MinutesError(f"voiceprint {voiceprint_id} not found (등록된 목소리가 없습니다)")
    session.delete(row)
    session.add(AuditEvent(actor=actor, action="delete_voiceprint", target_type="voiceprint",
                           target_id=voiceprint_id, reason=row.name))


def draft_options(settings: Settings, meeting: Meeting):
    from speech.minutes import DraftOptions

    return DraftOptions(title=meeting.title, held_at=meeting.held_at, place=meeting.place, organizer=meeting.organizer,
                        speaker_names=dict(meeting.speaker_names), known_owners=drafter_owners(settings))


def drafter_owners(settings: Settings) -> tuple[str, ...]:
    """Department names from the city's registry: who can own an action item."""
    from nlp.dictionaries import load_dictionaries

    return tuple(d.name for d in load_dictionaries(settings.config_dir).departments)


def redraft(session: Session, settings: Settings, meeting: Meeting, drafter, base_version: int,
            author: str) -> int:
    """A fresh draft from the stored transcript (after the clerk named speakers or fixed metadata)."""
    from speech.writers import transcript_from_json

    if not meeting.transcript:
        raise MinutesError(f"meeting {meeting.id} has no transcript yet (전사가 끝나지 않았습니다)")
    transcript = transcript_from_json(meeting.transcript)
    minutes = drafter.draft_transcript(transcript, draft_options(settings, meeting))
    return save_minutes(session, meeting, minutes, base_version, author, note="초안 다시 만들기")
