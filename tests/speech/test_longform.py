"""Long recordings: chunk planning, resumable chunked transcription, cancel, bounded decoding."""

import itertools
import json
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from speech import SAMPLING_RATE, AudioTooLongError, Transcriber, load_audio, make_diarizer
from speech.longform import JobCancelled, LongFormOptions, RecordingTranscriber, plan_chunks
from tests.conftest import SAMPLE_MEETING, SHARED_MODELS_DIR


def test_chunks_cut_in_the_quietest_moment_near_each_border() -> None:
    rng = np.random.default_rng(0)
    samples = (rng.normal(0, 3000, SAMPLING_RATE * 100)).astype(np.int16)
    quiet = slice(SAMPLING_RATE * 33, int(SAMPLING_RATE * 33.5))
    samples[quiet] = 0
    chunks = plan_chunks(samples, LongFormOptions(chunk_s=30, cut_search_s=5))
    assert chunks[0][0] == 0 and chunks[-1][1] == samples.size
    assert all(a[1] == b[0] for a, b in itertools.pairwise(chunks))
    assert quiet.start <= chunks[0][1] <= quiet.stop  # moved from 30 s to the silence at 33 s
    assert plan_chunks(samples, LongFormOptions(chunk_s=30, cut_search_s=5)) == chunks  # deterministic


def test_short_chunks_and_missing_diarizer_are_refused() -> None:
    transcriber = Transcriber(SHARED_MODELS_DIR / "whisper-base")
    with pytest.raises(ValueError, match="chunk_s"):
        RecordingTranscriber(transcriber, None, options=LongFormOptions(chunk_s=5, diarize=False))
    with pytest.raises(ValueError, match="diarizer"):
        RecordingTranscriber(transcriber, None, options=LongFormOptions(diarize=True))


def test_too_long_recording_is_refused_before_any_work(tmp_path: Path) -> None:
    transcriber = Transcriber(SHARED_MODELS_DIR / "whisper-base")
    recording = RecordingTranscriber(transcriber, None, options=LongFormOptions(diarize=False, max_seconds=10))
    with pytest.raises(AudioTooLongError):
        recording.run(SAMPLE_MEETING, tmp_path / "work")
    assert not (tmp_path / "work" / "audio.pcm").exists()


@pytest.mark.slow
def test_cancel_then_resume_reuses_finished_chunks(tmp_path: Path) -> None:
    audio = tmp_path / "long.wav"
    sf.write(audio, np.tile(load_audio(SAMPLE_MEETING), 3), SAMPLING_RATE)  # 97 s, two voices
    recording = RecordingTranscriber(
        Transcriber(SHARED_MODELS_DIR / "whisper-base"), make_diarizer("resemblyzer"),
        options=LongFormOptions(chunk_s=30, diarize=True, num_speakers=2),
    )
    work = tmp_path / "work"
    with pytest.raises(JobCancelled):
        recording.run(audio, work, should_cancel=lambda: len(list((work / "chunks").glob("*.json"))) >= 1)
    finished = {p.name: p.stat().st_mtime_ns for p in (work / "chunks").glob("*.json")}
    assert list(finished) == ["0000.json"]

    progress: list[float] = []
    transcript = recording.run(audio, work, progress=progress.append)
    assert (work / "chunks" / "0000.json").stat().st_mtime_ns == finished["0000.json"]  # not redone
    assert len(list((work / "chunks").glob("*.json"))) == len(plan_chunks(
        np.memmap(work / "audio.pcm", dtype="<i2", mode="r"), LongFormOptions(chunk_s=30)))
    assert progress == sorted(progress) and progress[-1] == 100.0
    assert {t.speaker for t in transcript.turns} == {"SPEAKER_01", "SPEAKER_02"}
    assert transcript.info.duration == pytest.approx(97, abs=1)
    assert all(s.start >= 0 and s.end <= transcript.info.duration + 0.5 for s in transcript.segments)
    # A third run only reads the finished transcript.
    stored = json.loads((work / "transcript.json").read_text(encoding="utf-8"))
    assert recording.run(audio, work).info.duration == pytest.approx(stored["duration"])
