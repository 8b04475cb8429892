"""Live captions over a WebSocket and the OpenAI-compatible transcription endpoint."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient

from serving.app import create_app
from serving.routes import audio as audio_routes
from serving.settings import Settings
from speech import load_audio
from speech.audio import SAMPLING_RATE
from tests.conftest import SAMPLE_MEETING
from tests.serving.routes.conftest import no_uploads_left, sign_in

LIVE = "/api/minutes/live"
TRANSCRIBE = "/v1/audio/transcriptions"


@pytest.fixture
def client(settings: Settings):
    with TestClient(create_app(settings)) as client:
        sign_in(client)
        yield client


def pcm(samples: np.ndarray) -> bytes:
    return (np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes()


def silence(seconds: float) -> bytes:
    return bytes(2 * round(seconds * SAMPLING_RATE))


def drain(ws) -> tuple[list[dict], int]:
    """Every message until the server closes; returns them and the close code."""
    messages = []
    while True:
        message = ws.receive()
        if message["type"] == "websocket.close":
            return messages, message.get("code", 1000)
        messages.append(json.loads(message["text"]))


# --- live captions, no model needed


def test_malformed_frames_get_an_error_and_the_session_goes_on(client: TestClient) -> None:
    with client.websocket_connect(LIVE) as ws:
        ws.send_text("not json")
        assert ws.receive_json() == {"type": "error", "message": audio_routes.ERROR_NOT_JSON}
        ws.send_text("[1, 2]")
        assert ws.receive_json()["message"] == audio_routes.ERROR_NOT_JSON
        ws.send_json({"type": "dance"})
        assert ws.receive_json()["message"] == audio_routes.ERROR_UNKNOWN_TYPE
        ws.send_json({"language": "../../etc", "speed": 3})
        problem = ws.receive_json()["message"]
        assert problem.startswith("invalid settings (") and "language" in problem and "speed" in problem
        assert "../../etc" not in problem, "the client's value is not echoed"
        ws.send_bytes(b"\x01\x02\x03")
        assert ws.receive_json() == {"type": "error", "message": audio_routes.ERROR_ODD_FRAME}
        ws.send_bytes(silence(audio_routes.MAX_FRAME_SECONDS + 1))
        assert ws.receive_json()["message"] == audio_routes.ERROR_BIG_FRAME
        for _ in range(6):
            ws.send_bytes(silence(0.5))
        ws.send_json({"language": "en"})
        assert ws.receive_json()["message"] == audio_routes.ERROR_LATE_CONFIG
        ws.send_json({"type": "stop"})
        messages, code = drain(ws)
    assert messages == [], "silence yields no captions"
    assert code == 1000
    assert client.app.state.transcriber._model is None, "silence never loads the model"


def test_client_closing_without_stop_is_clean(client: TestClient) -> None:
    with client.websocket_connect(LIVE) as ws:
        ws.send_json({"language": "ko", "hotwords": "교통행정과"})
        ws.send_bytes(silence(1.5))
    # Leaving the block closes the socket; an exception in the session would be raised here.


def test_session_limit_closes_with_1008(settings: Settings) -> None:
    short = settings.model_copy(update={"max_audio_hours": 2 / 3600})  # two seconds
    with TestClient(create_app(short)) as client:
        sign_in(client)
        with client.websocket_connect(LIVE) as ws:
            for _ in range(5):
                ws.send_bytes(silence(1.0))
            messages, code = drain(ws)
    assert messages == [{"type": "error", "message": audio_routes._session_limit_message(2 / 3600)}]
    assert code == 1008


def test_missing_model_is_an_error_message_and_1011(settings: Settings, tmp_path: Path) -> None:
    broken = settings.model_copy(update={"whisper_model": str(tmp_path / "no-model")})
    with TestClient(create_app(broken)) as client:
        sign_in(client)
        with client.websocket_connect(LIVE) as ws:
            messages, code = drain(ws)
    assert messages == [{"type": "error", "message": audio_routes.ERROR_MODEL}]
    assert code == 1011


# --- live captions with Whisper


def stream_meeting(ws, frame_s: float = 0.5) -> None:
    audio = load_audio(SAMPLE_MEETING)
    size = round(frame_s * SAMPLING_RATE)
    for start in range(0, audio.size, size):
        ws.send_bytes(pcm(audio[start : start + size]))


def check_captions(messages: list[dict], duration: float) -> list[dict]:
    for message in messages:
        assert set(message) == {"type", "text", "start", "end"}, message
        assert message["type"] in ("partial", "final")
        assert isinstance(message["text"], str)
        assert 0 <= message["start"] <= message["end"] <= duration + 0.5
    finals = [m for m in messages if m["type"] == "final"]
    assert all(a["end"] <= b["start"] for a, b in itertools.pairwise(finals)), "finals move forward in time"
    partials = [m for m in messages if m["type"] == "partial"]
    assert not partials or partials[-1]["text"] == "", "stop flushed the pending words"
    return finals


@pytest.mark.slow
def test_live_round_trip_with_the_sample_meeting(client: TestClient) -> None:
    with client.websocket_connect(LIVE) as ws:
        ws.send_json({"language": "ko", "hotwords": "민원서비스 교통행정과"})
        stream_meeting(ws)
        ws.send_json({"type": "stop"})
        messages, code = drain(ws)
    assert code == 1000
    assert not [m for m in messages if m["type"] == "error"], messages
    finals = check_captions(messages, duration=32.3)
    assert finals and all(f["text"].strip() for f in finals)


@pytest.mark.slow
def test_a_session_that_falls_behind_skips_audio_and_keeps_true_times(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The client sends 32 s at once; with room for 2 s of undecoded audio, most is dropped.
    monkeypatch.setattr(audio_routes, "MAX_PENDING_SECONDS", 2.0)
    with client.websocket_connect(LIVE) as ws:
        stream_meeting(ws)
        ws.send_json({"type": "stop"})
        messages, code = drain(ws)
    assert code == 1000
    errors = [m for m in messages if m["type"] == "error"]
    assert errors and all("fell behind" in m["message"] for m in errors)
    check_captions([m for m in messages if m["type"] != "error"], duration=32.3)


# --- OpenAI-compatible transcription: refusals (no model needed)


@pytest.mark.reliability("bad_input", "0바이트 녹음 (zero-length audio)", "400, nothing kept")
def test_empty_file_is_400(client: TestClient, settings: Settings) -> None:
    response = client.post(TRANSCRIBE, files={"file": ("a.wav", b"", "audio/wav")}, data={"model": "whisper-1"})
    assert response.status_code == 400
    assert response.json() == {"detail": "빈 파일입니다 (the uploaded file is empty)"}
    assert no_uploads_left(settings)


def test_a_renamed_text_file_is_refused(client: TestClient, settings: Settings) -> None:
    text = "회의록 메모입니다. this is not audio\n".encode() * 200
    response = client.post(TRANSCRIBE, files={"file": ("meeting.mp3", text, "audio/mpeg")})
    assert response.status_code == 415
    assert response.json()["detail"].startswith("오디오·영상 파일이 아닙니다: 내용이 텍스트")
    assert no_uploads_left(settings)


@pytest.mark.reliability("bad_input", "헤더만 남은 WAV (truncated inside the header)", "415 unreadable, nothing kept")
def test_a_damaged_recording_with_a_real_header_is_refused_by_the_decoder(client: TestClient,
                                                                           settings: Settings) -> None:
    truncated = SAMPLE_MEETING.read_bytes()[:30]  # RIFF/WAVE header cut inside the fmt chunk
    response = client.post(TRANSCRIBE, files={"file": ("meeting.wav", truncated, "audio/wav")})
    assert response.status_code == 415
    assert response.json() == {"detail": audio_routes.DETAIL_UNREADABLE}
    assert no_uploads_left(settings)


def test_oversize_upload_is_413(settings: Settings) -> None:
    small = settings.model_copy(update={"max_upload_mb": 1})
    with TestClient(create_app(small)) as client:
        sign_in(client)
        oversize = SAMPLE_MEETING.read_bytes()[:44] + bytes(2 << 20)  # a real WAV header, then too many samples
        response = client.post(TRANSCRIBE, files={"file": ("a.wav", oversize, "audio/wav")})
    assert response.status_code == 413
    assert response.json() == {"detail": "파일이 너무 큽니다: 최대 1 MB (file larger than the limit)"}
    assert no_uploads_left(small)


def test_too_long_recording_is_413(settings: Settings) -> None:
    short = settings.model_copy(update={"max_audio_hours": 10 / 3600})  # ten seconds; the sample has 32
    with TestClient(create_app(short)) as client:
        sign_in(client)
        response = client.post(TRANSCRIBE, files={"file": ("meeting.wav", SAMPLE_MEETING.read_bytes(), "audio/wav")})
    assert response.status_code == 413
    assert response.json() == {"detail": audio_routes._too_long_detail(10 / 3600)}
    assert no_uploads_left(short)


@pytest.mark.reliability("bad_input", "업로드 이름의 경로 조작 (../../../evil.wav)",
                         "name never used as a path, nothing written outside")
def test_path_traversal_file_name_is_never_a_path(client: TestClient, settings: Settings) -> None:
    name = "../../../evil.wav"
    response = client.post(TRANSCRIBE, files={"file": (name, b"RIFF not really", "audio/wav")})
    assert response.status_code == 415
    assert "오디오·영상 파일이 아닙니다" in response.json()["detail"]
    assert not list(settings.data_dir.parent.rglob("evil.wav"))
    assert no_uploads_left(settings)


@pytest.mark.parametrize(
    ("field", "value"),
    [("response_format", "docx"), ("language", "../ko"), ("temperature", "3"), ("timestamp_granularities[]", "x")],
)
def test_invalid_fields_are_422(client: TestClient, settings: Settings, field: str, value: str) -> None:
    response = client.post(TRANSCRIBE, files={"file": ("a.wav", b"RIFF", "audio/wav")}, data={field: value})
    assert response.status_code == 422
    assert field in response.json()["detail"][0]["loc"]
    assert no_uploads_left(settings)


def test_missing_file_is_422(client: TestClient) -> None:
    response = client.post(TRANSCRIBE, data={"model": "whisper-1"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "file"]


# --- OpenAI-compatible transcription with Whisper


@pytest.mark.slow
def test_every_response_format(client: TestClient, settings: Settings) -> None:
    audio = SAMPLE_MEETING.read_bytes()

    def transcribe(fmt: str, **extra):
        response = client.post(
            TRANSCRIBE,
            # A hostile file name is display text only: the upload still works and lands nowhere else.
            files={"file": ("../../../meeting.wav", audio, "audio/wav")},
            data={"model": "gpt-4o-transcribe", "language": "ko", "prompt": "민원서비스", "response_format": fmt,
                  "temperature": "0", **extra},
        )
        assert response.status_code == 200, response.text
        assert response.headers["openai-model"] == "gpt-4o-transcribe"
        return response

    body = transcribe("json").json()
    assert set(body) == {"text"} and body["text"].strip()

    text = transcribe("text")
    assert text.headers["content-type"].startswith("text/plain")
    assert text.text.strip() and text.text.endswith("\n")

    srt = transcribe("srt").text
    assert srt.startswith("1\n00:00:") and " --> " in srt

    vtt = transcribe("vtt")
    assert vtt.headers["content-type"].startswith("text/vtt")
    assert vtt.text.startswith("WEBVTT\n\n") and " --> " in vtt.text

    verbose = transcribe("verbose_json", **{"timestamp_granularities[]": "word"}).json()
    assert verbose["task"] == "transcribe" and verbose["language"] == "ko"
    assert verbose["duration"] == pytest.approx(32.22, abs=0.05)
    assert verbose["text"].strip() and verbose["segments"]
    for index, segment in enumerate(verbose["segments"]):
        assert set(segment) == {"id", "seek", "start", "end", "text", "tokens", "temperature", "avg_logprob",
                                "compression_ratio", "no_speech_prob"}
        assert segment["id"] == index and segment["tokens"] == []
        assert 0 <= segment["start"] <= segment["end"] <= verbose["duration"]
    assert verbose["words"] and set(verbose["words"][0]) == {"word", "start", "end"}
    plain_verbose = transcribe("verbose_json").json()
    assert "words" not in plain_verbose, "words only when asked for, as OpenAI does"

    assert no_uploads_left(settings)
    assert not list(settings.data_dir.parent.rglob("meeting.wav"))


def test_missing_model_is_503_without_server_paths(settings: Settings, tmp_path: Path) -> None:
    missing = settings.model_copy(update={"whisper_model": str(tmp_path / "secret-models-dir")})
    with TestClient(create_app(missing)) as client:
        sign_in(client)
        with open(SAMPLE_MEETING, "rb") as audio:
            response = client.post("/v1/audio/transcriptions", files={"file": ("m.wav", audio, "audio/wav")},
                                   data={"model": "whisper-1"})
    assert response.status_code == 503
    assert "secret-models-dir" not in response.text and "모델" in response.json()["detail"]
