import pytest

from speech import AsrOptions, Segment, Transcriber, Transcript, load_audio
from speech.asr import is_hallucination
from tests.conftest import SAMPLE_MEETING, SHARED_MODELS_DIR

OPTIONS = AsrOptions(hallucination_phrases=("시청해 주셔서 감사합니다", "구독과 좋아요"))


@pytest.mark.parametrize(
    ("segment", "dropped"),
    [
        (Segment(0, 2, "시청해주셔서 감사합니다!"), True),
        (Segment(0, 2, "구독과 좋아요 부탁드려요"), True),
        (Segment(0, 2, "   ...  "), True),
        (Segment(0, 9, "네 네 네 네 네 네 네 네 네 네", compression_ratio=3.1), True),
        (Segment(0, 2, "음", no_speech_prob=0.9, avg_logprob=-1.5), True),
        (Segment(0, 2, "예산안을 시청 회의실에서 감사합니다", no_speech_prob=0.1, avg_logprob=-0.3), False),
        (Segment(0, 2, "다음 안건입니다.", no_speech_prob=0.9, avg_logprob=-0.2), False),
    ],
)
def test_hallucination_guard(segment: Segment, dropped: bool) -> None:
    assert is_hallucination(segment, OPTIONS) is dropped


def test_invalid_threads_named() -> None:
    with pytest.raises(ValueError, match="cpu_threads=0"):
        Transcriber("nowhere", cpu_threads=0)


@pytest.mark.slow
def test_assembled_model_transcribes_sample_meeting() -> None:
    transcriber = Transcriber(SHARED_MODELS_DIR / "whisper-base")
    audio = load_audio(SAMPLE_MEETING)
    seen: list[float] = []
    segments, info = transcriber.transcribe(audio, OPTIONS, progress=seen.append)
    transcript = Transcript(info=info, segments=tuple(segments))
    assert info.language == "ko"
    assert info.duration == pytest.approx(32.22, abs=0.05)
    # espeak's Korean is close to unintelligible to Whisper base: the point is that the real model
    # runs end to end and every timestamp stays inside the recording.
    for segment in transcript.segments:
        assert 0 <= segment.start <= segment.end <= info.duration
        for word in segment.words:
            assert segment.start - 0.5 <= word.start <= word.end <= segment.end + 0.5
    assert seen and seen[-1] == 100.0
    assert seen == sorted(seen), "progress only moves forward"


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["silence", "white_noise", "hum"])
def test_no_text_on_silence_or_noise(kind: str) -> None:
    import numpy as np

    rng = np.random.default_rng(0)
    seconds = 20
    t = np.arange(16000 * seconds) / 16000
    audio = {
        "silence": np.zeros(t.size),
        "white_noise": rng.normal(0, 0.05, t.size),
        "hum": 0.2 * np.sin(2 * np.pi * 60 * t) + rng.normal(0, 0.01, t.size),
    }[kind].astype(np.float32)
    transcriber = Transcriber(SHARED_MODELS_DIR / "whisper-base")
    segments, _info = transcriber.transcribe(audio, OPTIONS)
    assert list(segments) == []


def test_shipped_hallucination_list_is_read(tmp_path) -> None:
    from serving.settings import PROJECT_ROOT
    from speech.asr import read_phrase_list

    phrases = read_phrase_list(PROJECT_ROOT / "data" / "speech" / "hallucinations.txt")
    assert "시청해 주셔서 감사합니다" in phrases
    assert not any(p.startswith("#") for p in phrases)
    assert read_phrase_list(tmp_path / "none.txt") == ()
