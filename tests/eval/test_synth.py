import itertools
import tracemalloc
import wave
from pathlib import Path

import numpy as np
import pytest

from eval.synth import (
    MAX_OVERLAP_S,
    NONSPEECH_KINDS,
    NONSPEECH_LEVELS_DB,
    SILENCE_THRESHOLD,
    SynthError,
    cached_meeting,
    espeak_available,
    make_meeting,
    make_nonspeech,
    read_rttm,
)

pytestmark = pytest.mark.skipif(not espeak_available(), reason="espeak-ng is not installed (make installs it)")

RATE = 16000


def read_wav(path: Path) -> np.ndarray:
    with wave.open(str(path)) as handle:
        assert (handle.getnchannels(), handle.getsampwidth(), handle.getframerate()) == (1, 2, RATE)
        return np.frombuffer(handle.readframes(handle.getnframes()), dtype="<i2").astype(np.float64) / 32767


def regions(mask: np.ndarray, bridge_s: float) -> list[tuple[float, float]]:
    """Runs of True (in seconds), joining runs separated by less than ``bridge_s``."""
    padded = np.concatenate([[False], mask, [False]])
    starts = np.flatnonzero(~padded[:-1] & padded[1:])
    ends = np.flatnonzero(padded[:-1] & ~padded[1:])
    joined: list[list[int]] = []
    for start, end in zip(starts, ends, strict=True):
        if joined and start - joined[-1][1] < bridge_s * RATE:
            joined[-1][1] = end
        else:
            joined.append([start, end])
    return [(a / RATE, b / RATE) for a, b in joined]


def union(turns: list[tuple[float, float, str]], bridge_s: float) -> list[tuple[float, float]]:
    mask = np.zeros(RATE * 60, dtype=bool)
    for start, end, _ in turns:
        mask[round(start * RATE) : round(end * RATE)] = True
    return regions(mask, bridge_s)


@pytest.fixture(scope="module")
def meeting(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list]:
    path = tmp_path_factory.mktemp("synth") / "meeting.wav"
    return path, make_meeting(path, speakers=3, minutes=20 / 60, seed=0)


def test_meeting_file_rttm_and_speakers(meeting) -> None:
    path, turns = meeting
    samples = read_wav(path)
    assert samples.size == 20 * RATE
    assert read_rttm(path.with_suffix(".rttm")) == [turn.as_tuple() for turn in turns]
    assert path.with_suffix(".json").is_file()
    assert {turn.speaker for turn in turns} == {"SPK1", "SPK2", "SPK3"}
    assert all(0 <= turn.start < turn.end <= 20 for turn in turns)
    assert all(turn.text for turn in turns)


def test_rttm_turns_are_the_non_silent_regions_of_the_wav(meeting) -> None:
    path, turns = meeting
    samples = read_wav(path)
    # espeak leaves gaps of up to ~0.1 s inside a sentence; sentences and turns are at least 0.2 s apart.
    heard = regions(np.abs(samples) > SILENCE_THRESHOLD, bridge_s=0.15)
    expected = union([turn.as_tuple() for turn in turns], bridge_s=0.15)
    assert len(heard) == len(expected) >= 2
    for (a, b), (c, d) in zip(heard, expected, strict=True):
        assert abs(a - c) <= 0.02 and abs(b - d) <= 0.02, ((a, b), (c, d))
    # Every utterance is loud at both of its own edges (also where it overlaps another voice).
    for turn in turns:
        start, end = round(turn.start * RATE), round(turn.end * RATE)
        assert np.max(np.abs(samples[start : start + 320])) > SILENCE_THRESHOLD, turn
        assert np.max(np.abs(samples[end - 320 : end])) > SILENCE_THRESHOLD, turn
    # Outside every turn (times are rounded to 1 ms: 8 samples of slack) the file is digital silence.
    inside = np.zeros(samples.size, dtype=bool)
    for turn in turns:
        inside[round(turn.start * RATE) - 8 : round(turn.end * RATE) + 8] = True
    assert np.max(np.abs(samples[~inside])) <= SILENCE_THRESHOLD


def test_turn_taking_is_realistic(tmp_path: Path) -> None:
    _path, turns = cached_meeting(tmp_path, speakers=4, minutes=3, seed=3)
    assert {turn.speaker for turn in turns} == {"SPK1", "SPK2", "SPK3", "SPK4"}
    # Consecutive utterances of different speakers: pauses up to 1.5 s, overlaps of at most 0.5 s.
    ordered = sorted(turns, key=lambda turn: turn.start)
    for first, second in itertools.pairwise(ordered):
        if first.speaker != second.speaker and second.start < first.end:
            overlap = min(first.end, second.end) - second.start
            assert overlap <= MAX_OVERLAP_S + 0.001, (first, second)
    lengths = [turn.end - turn.start for turn in turns]
    assert max(lengths) <= 15 and any(length < 1 for length in lengths)  # backchannels are short
    assert any(turn.text in ("네.", "예.", "음.") for turn in turns)


def test_meeting_is_deterministic_for_a_seed(tmp_path: Path, meeting) -> None:
    path, turns = meeting
    again = make_meeting(tmp_path / "again.wav", speakers=3, minutes=20 / 60, seed=0)
    assert again == turns
    assert read_wav(tmp_path / "again.wav").tobytes() == read_wav(path).tobytes()
    other = make_meeting(tmp_path / "other.wav", speakers=3, minutes=20 / 60, seed=1)
    assert other != turns


def test_cache_reuses_the_file(tmp_path: Path) -> None:
    path, turns = cached_meeting(tmp_path, speakers=2, minutes=0.25, seed=5, noise_db=-40.0)
    stamp = path.stat().st_mtime_ns
    again_path, again = cached_meeting(tmp_path, speakers=2, minutes=0.25, seed=5, noise_db=-40.0)
    assert (again_path, again) == (path, turns)
    assert path.stat().st_mtime_ns == stamp
    assert "2spk" in path.name and "seed5" in path.name and "noise-40" in path.name
    # The noise floor between turns is at the requested level.
    samples = read_wav(path)
    outside = np.ones(samples.size, dtype=bool)
    for turn in turns:
        outside[round(turn.start * RATE) - 800 : round(turn.end * RATE) + 800] = False
    level = 20 * np.log10(np.sqrt(np.mean(samples[outside] ** 2)))
    assert level == pytest.approx(-40.0, abs=1.5)


def test_long_meetings_stream_to_disk(tmp_path: Path) -> None:
    """A 10-minute meeting (19 MB of samples as float32 would be 38 MB) is written holding a few seconds."""
    tracemalloc.start()
    try:
        make_meeting(tmp_path / "long.wav", speakers=3, minutes=10, seed=0, noise_db=-45.0)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (tmp_path / "long.wav").stat().st_size == 10 * 60 * RATE * 2 + 44
    assert peak < 12_000_000


def test_bad_parameters_are_refused(tmp_path: Path) -> None:
    with pytest.raises(SynthError, match="speakers=1"):
        make_meeting(tmp_path / "x.wav", speakers=1)
    with pytest.raises(SynthError, match="voices='loud'"):
        make_meeting(tmp_path / "x.wav", voices="loud")
    with pytest.raises(SynthError, match="kind='rain'"):
        make_nonspeech(tmp_path / "x.wav", "rain", 3)
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("kind", NONSPEECH_KINDS)
def test_nonspeech_length_and_level(tmp_path: Path, kind: str) -> None:
    path = make_nonspeech(tmp_path / f"{kind}.wav", kind, 5.5)
    samples = read_wav(path)
    assert samples.size == round(5.5 * RATE)
    if kind == "silence":
        assert not samples.any()
        return
    level = NONSPEECH_LEVELS_DB[kind]
    frames = samples[: samples.size // 1600 * 1600].reshape(-1, 1600)
    frame_db = 20 * np.log10(np.sqrt(np.mean(frames**2, axis=1)))
    if kind == "room":  # the room tone sits at the level; keyboard clicks stand well above it
        assert np.median(frame_db) == pytest.approx(level, abs=2.0)
        assert 20 * np.log10(np.max(np.abs(samples))) > level + 20
    else:
        assert 20 * np.log10(np.sqrt(np.mean(samples**2))) == pytest.approx(level, abs=1.0)
    if kind in ("white", "hum50", "hum60"):  # steady signals: every 0.1 s at the same level
        assert np.ptp(frame_db) < 1.0
    if kind == "pink":  # steady too, but 0.1 s holds few cycles of its strong low frequencies
        assert np.ptp(frame_db) < 5.0
    if kind == "music":  # rhythm: loud onsets and quieter decays
        assert np.ptp(frame_db) > 4.0


def test_hum_has_the_mains_frequency(tmp_path: Path) -> None:
    for mains in (50, 60):
        samples = read_wav(make_nonspeech(tmp_path / f"hum{mains}.wav", f"hum{mains}", 2))
        spectrum = np.abs(np.fft.rfft(samples))
        assert np.argmax(spectrum) / 2 == pytest.approx(mains, abs=1)  # 2 s of audio: 0.5 Hz bins


def test_nonspeech_level_can_be_chosen_and_is_deterministic(tmp_path: Path) -> None:
    quiet = read_wav(make_nonspeech(tmp_path / "a.wav", "pink", 4, seed=3, level_db=-60.0))
    assert 20 * np.log10(np.sqrt(np.mean(quiet**2))) == pytest.approx(-60.0, abs=1.0)
    again = read_wav(make_nonspeech(tmp_path / "b.wav", "pink", 4, seed=3, level_db=-60.0))
    assert quiet.tobytes() == again.tobytes()
