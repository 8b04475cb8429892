"""The kiosk's spoken guidance, with the real espeak-ng."""

from __future__ import annotations

import io
import wave

import pytest

from signlang.voice import MAX_CHARACTERS, SpeechSynthesizer, VoiceError, VoiceOptions


def duration_s(wav: bytes) -> float:
    with wave.open(io.BytesIO(wav)) as reader:
        return reader.getnframes() / reader.getframerate()


def test_korean_guidance_becomes_speech_whose_length_follows_the_text() -> None:
    synthesizer = SpeechSynthesizer()
    short = synthesizer.synthesize("안녕하세요.")
    long = synthesizer.synthesize("안녕하세요. 주민등록등본은 1층 열린민원과 3번 창구에서 발급합니다.")
    assert short.startswith(b"RIFF") and long.startswith(b"RIFF")
    assert duration_s(long) > 2 * duration_s(short) > 0


def test_slower_speech_is_longer() -> None:
    text = "여권 신청은 2층에서 합니다."
    normal = duration_s(SpeechSynthesizer().synthesize(text))
    slow = duration_s(SpeechSynthesizer(VoiceOptions(words_per_minute=100)).synthesize(text))
    assert slow > normal


def test_text_that_looks_like_an_option_is_read_not_obeyed() -> None:
    assert SpeechSynthesizer().synthesize("--help").startswith(b"RIFF")


@pytest.mark.parametrize("text, message", [
    ("", "비어"), ("   \u200b ", "비어"), ("가" * (MAX_CHARACTERS + 1), "너무 깁니다"),
])
def test_bad_text_is_refused_with_a_message(text: str, message: str) -> None:
    with pytest.raises(VoiceError, match=message):
        SpeechSynthesizer().synthesize(text)


def test_missing_engine_is_a_clear_error() -> None:
    synthesizer = SpeechSynthesizer(executable="no-such-espeak")
    assert not synthesizer.available()
    with pytest.raises(VoiceError, match="espeak-ng"):
        synthesizer.synthesize("안녕하세요")


def test_options_are_checked() -> None:
    with pytest.raises(VoiceError, match="words_per_minute"):
        SpeechSynthesizer(VoiceOptions(words_per_minute=5))
