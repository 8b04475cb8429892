"""Speech-to-text over HTTP: live captions on a WebSocket and an OpenAI-compatible transcription endpoint.

``WS /api/minutes/live`` — live captions of a meeting (실시간 자막)

- client → server, binary frames: raw PCM, 16-bit signed little-endian, 16 kHz, mono (the page
  resamples the microphone with an AudioWorklet). Any frame length with an even byte count up to
  ``MAX_FRAME_SECONDS``; 0.1–0.5 s frames suit.
- client → server, text frames (JSON): optionally first ``{"language": "ko", "hotwords": "교통행정과 …"}``
  (before any audio), and ``{"type": "stop"}`` to end: the server flushes the last finals and closes
  (1000). A client that just closes the socket loses the pending words (nothing can be sent after a close).
- server → client, text frames (JSON): ``{"type": "partial" | "final", "text", "start", "end"}`` with
  seconds since the first audio sample (a final is appended for good, a partial replaces the previous
  partial; an empty partial clears it) and ``{"type": "error", "message"}``. A malformed frame gets an
  error and is ignored; the session goes on. Close codes: 1000 after stop, 1008 past the session limit
  (``settings.max_audio_hours``), 1011 when the speech model is unavailable.

``POST /v1/audio/transcriptions`` — OpenAI's transcription API (multipart ``file``, ``model``,
``language``, ``prompt``, ``response_format``, ``temperature``), so existing OpenAI clients work by
changing the base URL. Errors keep this app's shape, ``{"detail": "..."}`` with the usual status codes,
not OpenAI's ``{"error": {...}}``: one error contract for every client of the service.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import logging
from pathlib import Path
from typing import Annotated, Any, Literal

import numpy as np
from fastapi import APIRouter, Depends, File, Form, Request, UploadFile, WebSocket
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.websockets import WebSocketDisconnect

from serving.deps import SettingsDep, lazy_component, require_roles, websocket_user
from serving.minutes import safe_suffix
from serving.models import asr_options, build_transcriber
from serving.settings import Settings
from serving.uploads import save_upload
from speech.asr import AsrOptions, Transcriber
from speech.audio import SAMPLING_RATE, load_audio
from speech.errors import AudioDecodeError, AudioTooLongError, EmptyAudioError, ModelNotFoundError
from speech.live import CaptionEvent, LiveOptions, LiveTranscriber
from speech.types import Transcript
from speech.writers import get_writer

logger = logging.getLogger(__name__)

router = APIRouter(tags=["audio"])

# Live sessions decoding at the same moment. The Whisper model is shared; more parallel decodes only
# split the same CPU cores and make every session late.
LIVE_DECODE_SLOTS = 2
# The longest binary frame accepted (the page sends 0.1–0.5 s).
MAX_FRAME_SECONDS = 5.0
# Audio received but not decoded yet, per session. Past this the server has fallen behind: the oldest
# audio is dropped (and the client told) rather than captions drifting further from the speech.
MAX_PENDING_SECONDS = 60.0
LANGUAGE_PATTERN = r"^(auto|[a-z]{2,3})$"

def get_transcriber(request: Request | WebSocket) -> Transcriber:
    """The app's one Whisper model, shared with every session and request (built on first use)."""
    settings = request.app.state.settings
    return lazy_component(request, "transcriber", lambda: build_transcriber(settings))  # type: ignore[arg-type]


# --- live captions


class LiveConfig(BaseModel):
    """The optional first text frame."""

    model_config = ConfigDict(extra="forbid")

    type: Literal["config"] = "config"
    language: str = Field(default="ko", pattern=LANGUAGE_PATTERN)
    hotwords: str | None = Field(default=None, max_length=1000)


ERROR_NOT_JSON = 'text frames must be JSON objects such as {"type": "stop"} (텍스트 프레임은 JSON 객체여야 합니다)'
ERROR_ODD_FRAME = (
    "binary frames are 16-bit little-endian PCM, 16 kHz mono: the byte count must be even; frame ignored "
    "(16비트 PCM 프레임의 바이트 수는 짝수여야 합니다)"
)
ERROR_BIG_FRAME = (
    f"a binary frame holds at most {MAX_FRAME_SECONDS:g} s of audio; frame ignored "
    f"(프레임 하나는 최대 {MAX_FRAME_SECONDS:g}초입니다)"
)
ERROR_LATE_CONFIG = "settings must come before the first audio frame; ignored (설정은 오디오보다 먼저 보내야 합니다)"
ERROR_UNKNOWN_TYPE = 'unknown message type; send {"type": "stop"} to end (알 수 없는 메시지입니다)'
ERROR_MODEL = "the speech model is not available; ask the administrator (음성 인식 모델을 사용할 수 없습니다)"
ERROR_INTERNAL = "internal error; captions stopped (내부 오류로 자막을 멈췄습니다)"
ERROR_SIGN_IN = "sign in as a clerk to use live captions (실시간 자막은 담당자 로그인이 필요합니다)"


def _session_limit_message(hours: float) -> str:
    return (
        f"session longer than the limit of {hours:g} h; captions stop here "
        f"(세션 최대 길이 {hours:g}시간을 넘었습니다)"
    )


def _behind_message(seconds: float) -> str:
    return (
        f"the server fell behind and skipped {seconds:.1f} s of audio "
        f"(서버 처리가 밀려 오디오 {seconds:.1f}초를 건너뛰었습니다)"
    )


def _config_problem(error: ValidationError) -> str:
    # Where and what, never the value (it may be anything the client sent).
    problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'message'}: {e['msg']}" for e in error.errors())
    return f"invalid settings ({problems}); ignored (설정이 올바르지 않습니다)"


def event_message(event: CaptionEvent) -> dict[str, Any]:
    return {"type": event.kind, "text": event.text, "start": event.start, "end": event.end}


class _LiveSession:
    """One WebSocket: a reader task queues audio, the worker decodes whatever queued in one go."""

    def __init__(self, websocket: WebSocket, settings: Settings, transcriber: Transcriber,
                 slots: asyncio.Semaphore) -> None:
        self.websocket = websocket
        self.settings = settings
        self.transcriber = transcriber
        self.slots = slots
        self.max_samples = int(settings.max_audio_hours * 3600 * SAMPLING_RATE)
        self.config = LiveConfig()
        self.live: LiveTranscriber | None = None
        self.pending: list[np.ndarray] = []
        self.pending_samples = 0
        self.dropped_samples = 0
        self.received_samples = 0
        self.stopping = False
        self.disconnected = False
        self.close_code = 1000
        self.wake = asyncio.Event()
        self.send_lock = asyncio.Lock()

    async def run(self) -> None:
        reader = asyncio.create_task(self.read())
        try:
            await self.work()
        finally:
            reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await reader
        if not self.disconnected:
            with contextlib.suppress(WebSocketDisconnect, RuntimeError, OSError):
                await self.websocket.close(code=self.close_code)

    async def send(self, message: dict[str, Any]) -> None:
        if self.disconnected:
            return
        try:
            async with self.send_lock:
                await self.websocket.send_text(json.dumps(message, ensure_ascii=False))
        except (WebSocketDisconnect, RuntimeError, OSError):
            self.disconnected = True
            self.wake.set()

    async def error(self, message: str) -> None:
        await self.send({"type": "error", "message": message})

    # --- reading

    async def read(self) -> None:
        try:
            while not self.stopping and not self.disconnected:
                message = await self.websocket.receive()
                if message["type"] == "websocket.disconnect":
                    self.disconnected = True
                elif message.get("bytes") is not None:
                    await self.on_audio(message["bytes"])
                elif message.get("text") is not None:
                    await self.on_text(message["text"])
        except (WebSocketDisconnect, RuntimeError, OSError):
            self.disconnected = True
        finally:
            self.wake.set()

    async def on_text(self, text: str) -> None:
        try:
            data = json.loads(text)
        except (json.JSONDecodeError, RecursionError):
            data = None
        if not isinstance(data, dict):
            await self.error(ERROR_NOT_JSON)
            return
        kind = data.get("type", "config")
        if kind == "stop":
            self.stopping = True
        elif kind != "config":
            await self.error(ERROR_UNKNOWN_TYPE)
        elif self.live is not None or self.received_samples:
            await self.error(ERROR_LATE_CONFIG)
        else:
            try:
                self.config = LiveConfig.model_validate(data)
            except ValidationError as problem:
                await self.error(_config_problem(problem))

    async def on_audio(self, data: bytes) -> None:
        if len(data) % 2:
            await self.error(ERROR_ODD_FRAME)
            return
        if len(data) > MAX_FRAME_SECONDS * SAMPLING_RATE * 2:
            await self.error(ERROR_BIG_FRAME)
            return
        if not data:
            return
        samples = np.frombuffer(data, dtype="<i2").astype(np.float32) / 32768.0
        self.received_samples += samples.size
        if self.received_samples > self.max_samples:
            await self.error(_session_limit_message(self.settings.max_audio_hours))
            self.close_code = 1008
            self.stopping = True
            return
        self.pending.append(samples)
        self.pending_samples += samples.size
        limit = int(MAX_PENDING_SECONDS * SAMPLING_RATE)
        dropped = 0
        while self.pending_samples > limit and len(self.pending) > 1:
            oldest = self.pending.pop(0)
            self.pending_samples -= oldest.size
            dropped += oldest.size
        if dropped:
            self.dropped_samples += dropped
            logger.warning("live captions fell behind: %.1f s of audio dropped", dropped / SAMPLING_RATE)
            await self.error(_behind_message(dropped / SAMPLING_RATE))
        self.wake.set()

    # --- decoding

    def _live(self) -> LiveTranscriber:
        if self.live is None:
            options = asr_options(self.settings, self.config.language, self.config.hotwords, batch_size=1)
            self.live = LiveTranscriber(self.transcriber, options, LiveOptions())  # loads Whisper at the first speech
        return self.live

    async def decode(self, method, *args) -> list[CaptionEvent] | None:
        """Run a feed/finish off the event loop; None (after telling the client) when it failed."""
        try:
            async with self.slots:
                return await run_in_threadpool(method, *args)
        except ModelNotFoundError as problem:
            logger.error("live captions: %s", problem)
            await self.error(ERROR_MODEL)
        except Exception:
            logger.exception("live captions failed")
            await self.error(ERROR_INTERNAL)
        self.close_code = 1011
        return None

    async def work(self) -> None:
        while True:
            await self.wake.wait()
            self.wake.clear()
            if self.disconnected:
                return
            if self.pending:
                live = self._live()
                audio = np.concatenate(self.pending)
                dropped, self.dropped_samples = self.dropped_samples, 0
                self.pending, self.pending_samples = [], 0
                for event in live.skip(dropped / SAMPLING_RATE) if dropped else ():
                    await self.send(event_message(event))
                # A backlog goes in pieces of one decode each, so its captions are sent as they come.
                piece = max(1, round(live.options.window_s / 2 * SAMPLING_RATE))
                for start in range(0, audio.size, piece):
                    if self.disconnected:
                        return
                    fed = await self.decode(live.feed, audio[start : start + piece])
                    if fed is None:
                        return
                    for event in fed:
                        await self.send(event_message(event))
                self.wake.set()  # more may have queued meanwhile
                continue
            if self.stopping:
                if self.live is not None:
                    finals = await self.decode(self.live.finish)
                    for event in finals or ():
                        await self.send(event_message(event))
                return


def _decode_slots(websocket: WebSocket) -> asyncio.Semaphore:
    state = websocket.app.state
    slots = getattr(state, "live_decode_slots", None)
    if slots is None:  # created on the event loop: no race
        slots = state.live_decode_slots = asyncio.Semaphore(LIVE_DECODE_SLOTS)
    return slots


@router.websocket("/api/minutes/live")
async def live_captions(websocket: WebSocket) -> None:
    """실시간 자막: 16-bit PCM in, partial and final captions out (protocol in the module docstring)."""
    settings: Settings = websocket.app.state.settings
    await websocket.accept()
    if await run_in_threadpool(websocket_user, websocket, "clerk") is None:
        await websocket.send_text(json.dumps({"type": "error", "message": ERROR_SIGN_IN}, ensure_ascii=False))
        await websocket.close(code=1008)
        return
    transcriber = get_transcriber(websocket)
    try:
        transcriber.check_model_dir()  # cheap; the model itself loads at the first speech
    except ModelNotFoundError as problem:
        logger.error("live captions: %s", problem)
        await websocket.send_text(json.dumps({"type": "error", "message": ERROR_MODEL}, ensure_ascii=False))
        await websocket.close(code=1011)
        return
    await _LiveSession(websocket, settings, transcriber, _decode_slots(websocket)).run()


# --- OpenAI-compatible transcription

ResponseFormat = Literal["json", "text", "srt", "verbose_json", "vtt"]

DETAIL_UNREADABLE = "오디오로 읽을 수 없는 파일입니다 (not a readable audio or video file)"
DETAIL_NO_AUDIO = "소리가 없는 파일입니다: 오디오 트랙이나 음성 샘플이 없습니다 (the file holds no audio)"


def _too_long_detail(hours: float) -> str:
    return f"녹음이 너무 깁니다: 최대 {hours:g}시간 (recording longer than the limit of {hours:g} h)"


def _transcribe_file(transcriber: Transcriber, path: Path, options: AsrOptions, max_hours: float) -> Transcript:
    """Decode and transcribe an uploaded file (runs in a worker thread).

    Decoding errors are raised again with stable messages: the originals name the temporary file and
    quote PyAV, which changes between versions.
    """
    try:
        audio = load_audio(path, max_seconds=max_hours * 3600)
    except AudioTooLongError as error:
        raise AudioTooLongError(_too_long_detail(max_hours)) from error
    except EmptyAudioError as error:
        raise EmptyAudioError(DETAIL_NO_AUDIO) from error
    except AudioDecodeError as error:
        logger.info("transcription upload refused: %s", error.__class__.__name__)
        raise AudioDecodeError(DETAIL_UNREADABLE) from error
    transcriber.warm_up()
    segments, info = transcriber.transcribe(audio, options)
    return Transcript(info=info, segments=tuple(segments))


def verbose_json(transcript: Transcript, words: bool) -> dict[str, Any]:
    """OpenAI's ``verbose_json``. ``seek`` is the segment start in 10 ms frames; ``tokens`` is empty and
    ``temperature`` 0.0 (the decoder does not report them); ``language`` is the ISO code Whisper detected."""
    document: dict[str, Any] = {
        "task": "transcribe",
        "language": transcript.info.language,
        "duration": round(transcript.info.duration, 3),
        "text": transcript.text,
        "segments": [
            {
                "id": index,
                "seek": round(segment.start * 100),
                "start": segment.start,
                "end": segment.end,
                "text": segment.text,
                "tokens": [],
                "temperature": 0.0,
                "avg_logprob": segment.avg_logprob,
                "compression_ratio": segment.compression_ratio,
                "no_speech_prob": segment.no_speech_prob,
            }
            for index, segment in enumerate(transcript.segments)
        ],
    }
    if words:
        document["words"] = [
            {"word": w.text, "start": w.start, "end": w.end} for s in transcript.segments for w in s.words
        ]
    return document


def _header_safe(value: str) -> str:
    return "".join(c for c in value if " " <= c <= "~")[:100]


@router.post("/v1/audio/transcriptions", tags=["openai"], dependencies=[Depends(require_roles("clerk"))])
async def openai_transcriptions(
    request: Request,
    settings: SettingsDep,
    file: Annotated[UploadFile, File(description="녹음 파일 (wav, mp3, m4a, ogg, webm, mp4 …)")],
    model: Annotated[str, Form(max_length=200, description="accepted for compatibility; echoed in `openai-model`")]
    = "whisper-1",
    language: Annotated[str, Form(pattern=LANGUAGE_PATTERN, description="ISO 639-1, or auto")] = "ko",
    prompt: Annotated[str | None, Form(max_length=1000, description="proper nouns to prefer (hotwords)")] = None,
    response_format: Annotated[ResponseFormat, Form()] = "json",
    temperature: Annotated[float, Form(ge=0, le=1, description="accepted; decoding uses its own fallback")] = 0.0,
    timestamp_granularities: Annotated[
        list[Literal["word", "segment"]] | None, Form(alias="timestamp_granularities[]")
    ] = None,
) -> Response:
    """OpenAI 호환 음성 전사 (Whisper). The upload is streamed to a temporary file and always deleted."""
    transcriber = get_transcriber(request)
    upload = await save_upload(file, settings.data_dir / "uploads", settings.max_upload_mb << 20,
                               suffix=safe_suffix(file.filename), expected="media")
    try:
        options = asr_options(settings, language, prompt)
        transcript = await run_in_threadpool(_transcribe_file, transcriber, upload, options, settings.max_audio_hours)
    finally:
        upload.unlink(missing_ok=True)
    headers = {"openai-model": _header_safe(model)}
    if response_format == "json":
        return JSONResponse({"text": transcript.text}, headers=headers)
    if response_format == "verbose_json":
        words = "word" in (timestamp_granularities or ())
        return JSONResponse(verbose_json(transcript, words), headers=headers)
    if response_format == "text":
        return PlainTextResponse(transcript.text + "\n", headers=headers)
    stream = io.StringIO()
    get_writer(response_format).write(transcript, stream)
    media_type = "text/vtt" if response_format == "vtt" else "text/plain"
    return PlainTextResponse(stream.getvalue(), media_type=media_type, headers=headers)
