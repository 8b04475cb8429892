import random
import unicodedata
import wave
from pathlib import Path

import numpy as np
import pytest

from eval.cer import CerReport, FileCer, character_error_rate, edit_distance, evaluate_folder, normalise
from speech import Segment, TranscriptionInfo


def plain_levenshtein(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        previous, row[0] = row[:], i
        for j, cb in enumerate(b, 1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (ca != cb))
    return row[-1]


@pytest.mark.parametrize(("reference", "hypothesis", "edits"), [
    ("kitten", "sitting", 3),
    ("", "abc", 3),
    ("abc", "", 3),
    ("abc", "abc", 0),
    ("안녕하세요", "안녕하시오", 2),  # two syllables substituted
    ("회의를시작합니다", "회의시작합니다", 1),  # one syllable deleted
    ("네", "네네네", 2),  # two inserted
])
def test_known_edit_counts(reference: str, hypothesis: str, edits: int) -> None:
    assert edit_distance(reference, hypothesis) == edits
    assert edit_distance(hypothesis, reference) == edits


def test_matches_the_textbook_recurrence_on_random_strings() -> None:
    rng = random.Random(7)
    for _ in range(500):
        a = "".join(rng.choice("가나다라a") for _ in range(rng.randint(0, 15)))
        b = "".join(rng.choice("가나다라a") for _ in range(rng.randint(0, 15)))
        assert edit_distance(a, b) == plain_levenshtein(a, b), (a, b)


def test_rate_is_edits_over_reference_characters() -> None:
    assert character_error_rate("가나다라", "가나다") == pytest.approx(0.25)
    assert character_error_rate("가나", "가나다라마바") == pytest.approx(2.0)  # insertions can exceed 1


def test_spacing_punctuation_case_and_unicode_form_do_not_count() -> None:
    assert normalise(" 안녕, 하세요! ") == "안녕하세요"
    assert character_error_rate("전입신고는 14일 안에 하세요.", "전입 신고는 14일안에 하세요") == 0.0
    assert character_error_rate("CivicAI 민원", "civicai 민원") == 0.0
    decomposed = unicodedata.normalize("NFD", "한국어 회의록")
    assert len(decomposed) > len("한국어 회의록")
    assert character_error_rate("한국어 회의록", decomposed) == 0.0
    assert character_error_rate("십오 분", "15분") > 0  # numbers are not verbalised: a real difference


def test_empty_reference() -> None:
    assert character_error_rate("", "") == 0.0
    assert character_error_rate("...", " ") == 0.0  # nothing left after normalisation
    assert character_error_rate("", "시청해 주셔서 감사합니다") == 1.0
    assert character_error_rate("네.", "") == 1.0


def test_totals_weigh_by_reference_length() -> None:
    report = CerReport("x", (FileCer("a", 60, 100, 100, 10, 6.0), FileCer("b", 60, 300, 300, 90, 6.0),
                             FileCer("c", error="broken")))
    assert report.cer == pytest.approx(100 / 400)  # not the mean of 0.1 and 0.3
    assert report.rtf == pytest.approx(0.1)
    assert [f.name for f in report.errors] == ["c"]


def write_wav(path: Path, seconds: float) -> None:
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(16000)
        tone = 0.1 * np.sin(2 * np.pi * 220 * np.arange(int(seconds * 16000)) / 16000)
        handle.writeframes((tone * 32767).astype("<i2").tobytes())


class FakeTranscriber:
    """Answers by the length of the audio, so the folder logic is tested without a model."""

    def __init__(self, answers: dict[int, str]) -> None:
        self.answers = answers

    def transcribe(self, samples, options=None):
        text = self.answers[round(samples.size / 16000)]
        info = TranscriptionInfo("ko", 1.0, samples.size / 16000)
        return iter([Segment(0.0, 1.0, text)]), info


def test_folder_pairs_scores_skips_and_reports_errors(tmp_path: Path) -> None:
    write_wav(tmp_path / "a.wav", 1)
    (tmp_path / "a.txt").write_text("\ufeff안녕하세요.\n", encoding="utf-8")  # BOM and newline are fine
    (tmp_path / "sub").mkdir()
    write_wav(tmp_path / "sub" / "b.wav", 2)
    (tmp_path / "sub" / "b.txt").write_text("회의를 시작합니다", encoding="utf-8")
    write_wav(tmp_path / "no-reference.wav", 3)
    (tmp_path / "no-audio.txt").write_text("고아 참조", encoding="utf-8")
    (tmp_path / "broken.m4a").write_bytes(b"this is not audio at all" * 10)
    (tmp_path / "broken.txt").write_text("무엇이든", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not part of the set", encoding="utf-8")

    markdown = tmp_path / "out" / "cer.md"
    markdown.parent.mkdir()
    seen: list[float] = []
    report = evaluate_folder(tmp_path, FakeTranscriber({1: "안녕 하세요", 2: "회의 시작 합니다"}),
                             markdown_path=markdown, progress=seen.append)

    scored = {f.name: f for f in report.scored}
    assert set(scored) == {"a.wav", "sub/b.wav"}
    assert (scored["a.wav"].edits, scored["a.wav"].reference_characters, scored["a.wav"].cer) == (0, 5, 0.0)
    assert (scored["sub/b.wav"].edits, scored["sub/b.wav"].reference_characters) == (1, 8)
    assert scored["sub/b.wav"].duration_s == pytest.approx(2.0, abs=0.01)
    assert scored["sub/b.wav"].rtf is not None and scored["sub/b.wav"].rtf > 0
    assert report.cer == pytest.approx(1 / 13)
    assert [f.name for f in report.errors] == ["broken.m4a"]
    assert "broken.m4a" in report.errors[0].error
    assert report.skipped == ("no-reference.wav (no no-reference.txt)", "no-audio.txt (no recording)")
    text = markdown.read_text(encoding="utf-8")
    assert "| sub/b.wav | 0.0 | 8 | 7 | 1 | 0.125 |" in text
    assert "**0.077**" in text and "broken.m4a" in text and "no-audio.txt" in text
    assert "안녕" not in text  # counts only: transcripts of citizens stay out of the report
    assert seen[-1] == 100.0 and seen == sorted(seen)


def test_folder_must_exist(tmp_path: Path) -> None:
    with pytest.raises(NotADirectoryError, match="missing"):
        evaluate_folder(tmp_path / "missing", FakeTranscriber({}))


@pytest.mark.slow
def test_real_transcriber_on_the_sample_meeting(tmp_path: Path) -> None:
    import json
    import shutil

    from speech import AsrOptions, Transcriber
    from tests.conftest import SAMPLE_MEETING, SHARED_MODELS_DIR

    shutil.copy(SAMPLE_MEETING, tmp_path / "meeting.wav")
    reference = json.loads(SAMPLE_MEETING.with_name("meeting_reference.json").read_text(encoding="utf-8"))
    (tmp_path / "meeting.txt").write_text(" ".join(turn["text"] for turn in reference), encoding="utf-8")
    report = evaluate_folder(tmp_path, Transcriber(SHARED_MODELS_DIR / "whisper-base"), AsrOptions())
    (only,) = report.scored
    assert only.reference_characters > 100
    # espeak-ng Korean is close to unintelligible to Whisper base: the point is the plumbing.
    assert report.cer is not None and 0.3 < report.cer <= 2.0
    assert 0 < report.rtf < 2
