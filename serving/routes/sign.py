"""Sign-language guidance for the kiosk: glosses, signing video, spoken guidance, recognition of a short
clip; and the admin side (lexicon entries, recorded poses, enrolled recognition templates)."""

from __future__ import annotations

import hashlib
import os
import time
import uuid
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, HTTPException, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse
from pydantic import BaseModel, StringConstraints

from serving.db import AuditEvent, InterpreterCall
from serving.deps import AdminDep, IntegerKey, SessionDep, SettingsDep, client_ip, lazy_component
from serving.interpreter_calls import cancel_call, get_call, load_desk, place_call, waiting_ahead
from serving.models import build_sign_recognizer, build_sign_translator, sign_templates_dir
from serving.ratelimit import check_rate, rate_limited
from serving.uploads import save_upload
from signlang import Gloss, GlossToPose, import_recorded_pose, load_kiosk_vocabulary, load_lexicon, render, render_text
from signlang.lexicon import lexicon_codes, save_entry
from signlang.recognize import SignRecognizer, calibrate, load_features, look_alikes
from signlang.voice import SpeechSynthesizer

# Rate-limited where a request costs real CPU: rendering a text not seen before, recognising a clip, placing a
# call. A kiosk replaying cached guidance, speaking it and following its call must never meet the limit.
router = APIRouter(prefix="/api/sign", tags=["sign"])

UNREVIEWED_NOTICE = ("이 수어는 농인 검수를 거치지 않은 자동 생성 안내입니다. 정확한 안내는 수어통역사에게 요청하세요. "
                     "(Authored signs, not yet reviewed by Deaf signers; not a replacement for an interpreter.)")
GuidanceText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
MAX_CLIP_MB = 30


def _folder(settings) -> Path:
    return settings.config_dir / "signlang"


def _touch(path: Path) -> None:
    # The clock in nanoseconds, not the file system's coarser timestamp: replays a few ms apart stay in order.
    now = time.time_ns()
    os.utime(path, ns=(now, now))


def _cached(path: Path) -> bool:
    """Whether ``path`` is in the cache; a hit is touched, so eviction takes what nobody asks for any more."""
    try:
        _touch(path)
    except FileNotFoundError:
        return False
    return True


def _store(temporary: Path, path: Path, budget_mb: float) -> None:
    """Put a rendered file in the cache, then remove the least recently asked files beyond the budget.

    A file bigger than the whole budget is served but evicts nothing (one long free text must not wipe every
    kiosk clip). A render still being written is left alone; one left behind by a failed render for an hour
    counts like any file.
    """
    temporary.replace(path)
    _touch(path)
    budget = budget_mb * 1024 * 1024
    newest = path.stat().st_size
    if newest > budget:
        return
    files = []
    abandoned = time.time_ns() - 3600 * 10**9
    for entry in os.scandir(path.parent):
        try:
            if entry.is_file() and entry.path != str(path):
                stat = entry.stat()
                if ".partial" not in entry.name or stat.st_mtime_ns < abandoned:
                    files.append((stat.st_mtime_ns, stat.st_size, entry.path))
        except FileNotFoundError:
            continue  # another request evicted it while this one was looking
    total = newest + sum(size for _, size, _ in files)
    for _, size, name in sorted(files):
        if total <= budget:
            break
        Path(name).unlink(missing_ok=True)
        total -= size


def translator(request: Request):
    return lazy_component(request, "sign_translator", lambda: build_sign_translator(request.app.state.settings))


def signer(request: Request) -> GlossToPose:
    settings = request.app.state.settings
    return lazy_component(request, "sign_signer",
                          lambda: GlossToPose(load_lexicon(_folder(settings)), _folder(settings)))


def recognizer(request: Request) -> SignRecognizer:
    return lazy_component(request, "sign_recognizer", lambda: build_sign_recognizer(request.app.state.settings))


def _forget_sign_components(request: Request) -> None:
    """After an admin change, the next request rebuilds from the edited files."""
    for name in ("sign_translator", "sign_signer", "sign_recognizer"):
        setattr(request.app.state, name, None)


@router.get("/gloss")
def gloss(text: Annotated[GuidanceText, Query()], request: Request) -> dict[str, Any]:
    """한국어 → 수어 글로스, each with its source (lexicon, sentence, number, fingerspelling)."""
    glosses = translator(request).translate(text)
    entries = translator(request).lexicon.entries
    return {"glosses": [{**asdict(g), "reviewed": bool(entries[g.gloss].reviewed) if g.gloss in entries else False}
                        for g in glosses],
            "notice": UNREVIEWED_NOTICE}


@router.get("/video")
async def video(text: Annotated[GuidanceText, Query()], request: Request, settings: SettingsDep,
                format: Annotated[Literal["mp4", "gif", "pose"], Query()] = "mp4") -> FileResponse:
    """수어 영상 (rendered once per text and lexicon version, then served from the cache)."""
    folder = _folder(settings)
    version = "".join(str(p.stat().st_mtime_ns) for p in sorted(folder.rglob("*")) if p.is_file())
    key = hashlib.sha256(f"{text}\n{version}".encode()).hexdigest()[:32]
    path = settings.data_dir / "sign" / "cache" / f"{key}.{format}"
    if not _cached(path):
        check_rate(request, "sign")
        # one temporary file per request: two kiosks asking for the same new text at once must not share one
        temporary = path.with_name(f"{key}.{uuid.uuid4().hex[:8]}.partial.{format}")
        await run_in_threadpool(render_text, text, temporary, translator(request), signer(request))
        await run_in_threadpool(_store, temporary, path, settings.sign_cache_mb)
    media = {"mp4": "video/mp4", "gif": "image/gif", "pose": "application/octet-stream"}[format]
    return FileResponse(path, media_type=media, headers={"Cache-Control": "public, max-age=86400"})


@router.get("/speech", response_class=FileResponse, responses={200: {"content": {"audio/wav": {}}}})
async def speech(text: Annotated[GuidanceText, Query()], request: Request, settings: SettingsDep) -> FileResponse:
    """음성 안내 (espeak-ng Korean) for blind citizens, synthesised once per text and served from the cache."""
    path = settings.data_dir / "sign" / "cache" / f"{hashlib.sha256(text.encode()).hexdigest()[:32]}.wav"
    if not _cached(path):
        check_rate(request, "sign")
        audio = await run_in_threadpool(SpeechSynthesizer().synthesize, text)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.stem}.{uuid.uuid4().hex[:8]}.partial")
        temporary.write_bytes(audio)
        await run_in_threadpool(_store, temporary, path, settings.sign_cache_mb)
    return FileResponse(path, media_type="audio/wav", headers={"Cache-Control": "public, max-age=86400"})


@router.get("/kiosk")
def kiosk_config(settings: SettingsDep) -> dict[str, Any]:
    """The kiosk's buttons (services) and the sign commands it recognises."""
    return load_kiosk_vocabulary(_folder(settings))


@router.post("/recognize", dependencies=[Depends(rate_limited("sign"))])
async def recognize(request: Request, settings: SettingsDep,
                    file: Annotated[UploadFile, File(description="짧은 수어 영상 (webm, mp4)")]) -> dict[str, Any]:
    """수어 인식: a 2–5 s clip from the kiosk camera → the command, or unknown."""
    clip = await save_upload(file, settings.data_dir / "uploads", MAX_CLIP_MB << 20,
                             suffix=Path(file.filename or "clip.webm").suffix.lower()[:8] or ".webm", expected="media")
    try:
        features = await run_in_threadpool(load_features, clip)
        result = await run_in_threadpool(recognizer(request).recognize, features)
    finally:
        clip.unlink(missing_ok=True)  # a camera clip of a person: never kept
    commands = {c["gloss"]: c["service"] for c in kiosk_config(settings)["commands"]}
    return {**asdict(result), "service": commands.get(result.gloss) if result.gloss else None}


class InterpreterCallIn(BaseModel):
    kiosk: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)] | None = None


class InterpreterCallStatus(BaseModel):
    id: int
    kiosk: str
    status: str
    waiting_ahead: int


def _call_status(session, call: InterpreterCall) -> InterpreterCallStatus:
    return InterpreterCallStatus(id=call.id, kiosk=call.kiosk, status=call.status,
                                 waiting_ahead=waiting_ahead(session, call))


@router.post("/interpreter-calls", status_code=201, response_model=InterpreterCallStatus,
             dependencies=[Depends(rate_limited("sign"))])
def call_interpreter(body: InterpreterCallIn, session: SessionDep, settings: SettingsDep) -> InterpreterCallStatus:
    """수어통역사 호출: the staff desk sees the call at once; pressing again returns the same open call."""
    return _call_status(session, place_call(session, body.kiosk or load_desk(settings.config_dir).default_kiosk))


@router.get("/interpreter-calls/{call_id}", response_model=InterpreterCallStatus)
def interpreter_call_status(call_id: IntegerKey, session: SessionDep) -> InterpreterCallStatus:
    """호출 상태 for the kiosk: waiting (with how many before it), accepted (someone is coming), done."""
    return _call_status(session, get_call(session, call_id))


@router.post("/interpreter-calls/{call_id}/cancel", response_model=InterpreterCallStatus)
def cancel_interpreter_call(call_id: IntegerKey, session: SessionDep) -> InterpreterCallStatus:
    return _call_status(session, cancel_call(session, get_call(session, call_id)))


# --- admin ---------------------------------------------------------------------------------------

class LexiconEntryIn(BaseModel):
    words: list[Annotated[str, StringConstraints(min_length=1, max_length=50)]] = []
    category: str = ""
    hands: int = 1
    dominant: dict[str, str]
    nondominant: dict[str, str] | None = None
    nonmanual: str = "none"
    duration_s: float = 0.8
    reviewed: bool = False
    note: str = ""


@router.get("/lexicon")
def lexicon_entries(_admin: AdminDep, settings: SettingsDep) -> list[dict[str, Any]]:
    lexicon = load_lexicon(_folder(settings))
    recorded = {p.stem for p in (_folder(settings) / "poses").glob("*.pose")}
    return [{**asdict(entry), "recorded_pose": gloss in recorded} for gloss, entry in lexicon.entries.items()]


@router.get("/lexicon/codes")
def lexicon_code_tables(_admin: AdminDep, settings: SettingsDep) -> dict[str, Any]:
    """수형·수위·수향·수동 코드표 (what an entry may use, with descriptions)."""
    return lexicon_codes(_folder(settings))


@router.get("/lexicon/{gloss}/video", response_class=FileResponse,
            responses={200: {"content": {"video/mp4": {}, "application/octet-stream": {}},
                             "description": "MP4, or the .pose for pose-viewer"}})
async def preview_sign(gloss: Annotated[str, StringConstraints(min_length=1, max_length=50)], _admin: AdminDep,
                       request: Request, settings: SettingsDep,
                       format: Annotated[Literal["mp4", "pose"], Query()] = "mp4") -> FileResponse:
    """한 수어 미리 보기: the entry as the avatar signs it now (after an edit, before anyone relies on it)."""
    avatar = signer(request)
    if gloss not in avatar.lexicon.entries:
        raise HTTPException(404, f"사전에 없는 글로스입니다 (no sign {gloss!r} in the lexicon)")
    path = settings.data_dir / "sign" / "preview" / f"{hashlib.sha256(gloss.encode()).hexdigest()[:16]}.{format}"
    signed = await run_in_threadpool(avatar.run, [[Gloss(gloss, "lexicon", (gloss,))]])
    await run_in_threadpool(render, signed, path)
    media = "video/mp4" if format == "mp4" else "application/octet-stream"
    return FileResponse(path, media_type=media, headers={"Cache-Control": "no-store"})


@router.put("/lexicon/{gloss}")
async def edit_entry(gloss: Annotated[str, StringConstraints(min_length=1, max_length=50)], body: LexiconEntryIn,
               admin: AdminDep, session: SessionDep, settings: SettingsDep, request: Request) -> dict[str, Any]:
    """수어 사전 항목 추가·수정 (checked as a whole before it is written). The answer lists the signs the
    edited one now looks too much like (``look_alikes``): the kiosk could not tell them apart."""
    entry = save_entry(_folder(settings), {"gloss": gloss, **body.model_dump()})
    session.add(AuditEvent(actor=admin.username, action="edit_sign", target_type="sign_lexicon", target_id=gloss,
                           client_ip=client_ip(request)))
    _forget_sign_components(request)
    pairs = await run_in_threadpool(look_alikes, signer(request), [gloss])
    return {**asdict(entry), "look_alikes": [{"gloss": p.other if p.gloss == gloss else p.gloss,
                                              "distance": p.distance} for p in pairs]}


@router.post("/lexicon/{gloss}/pose")
async def upload_recorded_pose(gloss: str, admin: AdminDep, session: SessionDep, settings: SettingsDep,
                               request: Request, file: Annotated[UploadFile, File()]) -> dict[str, str]:
    """녹화한 포즈(.pose, MediaPipe holistic)로 저작 수어 바꾸기."""
    data = await file.read(MAX_CLIP_MB << 20)
    lexicon = load_lexicon(_folder(settings))
    stored = import_recorded_pose(_folder(settings), gloss, data, lexicon)
    session.add(AuditEvent(actor=admin.username, action="import_pose", target_type="sign_lexicon", target_id=gloss,
                           client_ip=client_ip(request)))
    _forget_sign_components(request)
    return {"gloss": gloss, "stored": stored.name}


@router.post("/templates/{gloss}")
async def enrol_template(gloss: str, admin: AdminDep, session: SessionDep, settings: SettingsDep,
                         request: Request, file: Annotated[UploadFile, File()]) -> dict[str, Any]:
    """인식 템플릿 녹화 등록: a signer's clip of a kiosk command joins the vocabulary; the threshold is
    re-chosen on the new templates."""
    commands = {c["gloss"] for c in kiosk_config(settings)["commands"]}
    if gloss not in commands:
        from signlang.recognize import TemplateError

        raise TemplateError(f"{gloss!r} is not a kiosk command; add it to kiosk_vocabulary.yaml first")
    clip = await save_upload(file, settings.data_dir / "uploads", MAX_CLIP_MB << 20,
                             suffix=Path(file.filename or "clip.webm").suffix.lower()[:8] or ".webm", expected="media")
    try:
        features = await run_in_threadpool(load_features, clip)
    finally:
        clip.unlink(missing_ok=True)
    store = recognizer(request).store
    store.add(gloss, features)
    await run_in_threadpool(calibrate, store)
    store.save(sign_templates_dir(settings))
    session.add(AuditEvent(actor=admin.username, action="enrol_sign", target_type="sign_template", target_id=gloss,
                           client_ip=client_ip(request)))
    _forget_sign_components(request)
    return {"gloss": gloss, "templates": store.glosses.count(gloss), "threshold": store.threshold}
