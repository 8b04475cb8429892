import io
import json

import pytest

from speech import Segment, SpeechError, Transcript, TranscriptionInfo, Word, get_writer
from speech.writers import format_timestamp

TRANSCRIPT = Transcript(
    info=TranscriptionInfo(language="ko", language_probability=0.98, duration=3725.5),
    segments=(
        Segment(0.0, 2.5, "회의를 시작하겠습니다.", (Word(0.0, 1.0, "회의를", 0.9),), speaker="SPEAKER_1"),
        Segment(3661.25, 3662.0, "네.", speaker="SPEAKER_2"),
    ),
)


def render(fmt: str) -> str:
    stream = io.StringIO()
    get_writer(fmt).write(TRANSCRIPT, stream)
    return stream.getvalue()


def test_timestamps() -> None:
    assert format_timestamp(3661.25, decimal=",") == "01:01:01,250"
    assert format_timestamp(59.9996) == "00:01:00.000"


def test_srt() -> None:
    assert render("srt") == (
        "1\n00:00:00,000 --> 00:00:02,500\n[SPEAKER_1] 회의를 시작하겠습니다.\n\n"
        "2\n01:01:01,250 --> 01:01:02,000\n[SPEAKER_2] 네.\n\n"
    )


def test_vtt_uses_voice_tags() -> None:
    text = render("vtt")
    assert text.startswith("WEBVTT\n\n00:00:00.000 --> 00:00:02.500\n<v SPEAKER_1>회의를")


def test_json_lists_speakers_and_words() -> None:
    document = json.loads(render("json"))
    assert document["speakers"] == ["SPEAKER_1", "SPEAKER_2"]
    assert document["segments"][0]["words"][0] == {"start": 0.0, "end": 1.0, "text": "회의를", "probability": 0.9}


def test_unknown_format() -> None:
    with pytest.raises(SpeechError, match="'hwp'"):
        get_writer("hwp")
