"""Live captions: the agreement policy and the sliding buffer on scripted hypotheses, then real Whisper."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from speech import AsrOptions, Segment, Transcriber, Word, load_audio
from speech.audio import SAMPLING_RATE
from speech.live import (
    CaptionEvent,
    LiveOptions,
    LiveTranscriber,
    agreed_prefix,
    trim_point,
    uncommitted_words,
)
from tests.conftest import SAMPLE_MEETING, SHARED_MODELS_DIR


def words(*items: tuple[str, float, float]) -> tuple[Word, ...]:
    return tuple(Word(start=start, end=end, text=text, probability=0.9) for text, start, end in items)


def texts(sequence) -> list[str]:
    return [w.text for w in sequence]


# --- agreed_prefix


def test_agreement_is_the_longest_common_prefix() -> None:
    previous = words(("오늘", 0.0, 0.4), ("회의를", 0.5, 0.9), ("시작", 1.0, 1.3))
    current = words(("오늘", 0.0, 0.4), ("회의를", 0.5, 0.9), ("시작하겠습니다", 1.0, 1.8))
    assert texts(agreed_prefix(previous, current)) == ["오늘", "회의를"]


def test_agreement_ignores_case_and_punctuation_and_keeps_the_newer_words() -> None:
    previous = words(("Hello", 0.0, 0.5), ("합니다", 0.6, 1.0))
    current = words(("hello,", 0.0, 0.45), ("합니다.", 0.6, 1.1), ("네", 1.3, 1.5))
    agreed = agreed_prefix(previous, current)
    assert texts(agreed) == ["hello,", "합니다."]
    assert agreed[1].end == 1.1, "timestamps and punctuation come from the newer hypothesis"


@pytest.mark.parametrize(
    ("previous", "current", "expected"),
    [
        ((), (("가", 0, 1),), []),
        ((("가", 0, 1),), (), []),
        ((("가", 0, 1),), (("나", 0, 1),), []),
        ((("가", 0, 1), ("나", 1, 2)), (("가", 0, 1),), ["가"]),
        ((("가", 0, 1),), (("가", 0, 1), ("나", 1, 2)), ["가"]),
    ],
)
def test_agreement_edge_cases(previous, current, expected) -> None:
    assert texts(agreed_prefix(words(*previous), words(*current))) == expected


# --- uncommitted_words


def test_words_before_the_committed_end_are_dropped() -> None:
    committed = words(("회의를", 0.5, 0.9))
    hypothesis = words(("오늘", 0.0, 0.4), ("회의를", 0.5, 0.9), ("시작", 0.85, 1.3), ("합니다", 1.4, 1.8))
    # "시작" starts 0.05 s before the committed end: within the tolerance of word timestamps.
    assert texts(uncommitted_words(hypothesis, committed, 0.9)) == ["시작", "합니다"]


def test_a_repeated_tail_of_committed_words_is_dropped() -> None:
    committed = words(("다음", 3.0, 3.3), ("안건은", 3.4, 3.9))
    # After a trim, timestamps can shift: the repeat is recognised by text.
    hypothesis = words(("다음", 4.0, 4.3), ("안건은", 4.4, 4.8), ("수어", 4.9, 5.2))
    assert texts(uncommitted_words(hypothesis, committed, 3.9)) == ["수어"]
    unrelated = words(("수어", 4.0, 4.3), ("안내", 4.4, 4.8))
    assert texts(uncommitted_words(unrelated, committed, 3.9)) == ["수어", "안내"]


# --- trim_point

OPTIONS = LiveOptions(step_s=1.0, window_s=10.0, sentence_trim_s=4.0)


def test_no_cut_without_committed_words_in_the_buffer() -> None:
    committed = words(("예전", 1.0, 1.5))
    assert trim_point((), 0.0, 9.5, OPTIONS) is None
    assert trim_point(committed, 2.0, 9.5, OPTIONS) is None, "committed words already cut away do not count"


def test_cut_at_the_last_committed_sentence_end_once_the_buffer_is_long() -> None:
    committed = words(("시작하겠습니다.", 1.0, 2.0), ("지난달", 2.3, 2.8), ("접수된", 2.9, 3.4))
    assert trim_point(committed, 0.0, 3.5, OPTIONS) is None, "short buffer: keep the context"
    assert trim_point(committed, 0.0, 5.0, OPTIONS) == 2.0
    question = words(("있습니까?", 1.0, 1.8), ("네", 2.0, 2.2))
    assert trim_point(question, 0.0, 5.0, OPTIONS) == 1.8


def test_cut_at_the_last_committed_word_before_the_window_overflows() -> None:
    committed = words(("지난달", 2.3, 2.8), ("접수된", 2.9, 3.4))
    assert trim_point(committed, 0.0, 8.0, OPTIONS) is None, "no sentence end, room for another step"
    assert trim_point(committed, 0.0, 9.5, OPTIONS) == 3.4


def test_invalid_options_are_named() -> None:
    with pytest.raises(ValueError, match="window_s=1.0"):
        LiveTranscriber(ScriptedWhisper(()), options=LiveOptions(step_s=1.0, window_s=1.0))
    with pytest.raises(ValueError, match="step_s=0"):
        LiveTranscriber(ScriptedWhisper(()), options=LiveOptions(step_s=0))
    with pytest.raises(ValueError, match="vad_aggressiveness=7"):
        LiveTranscriber(ScriptedWhisper(()), options=LiveOptions(vad_aggressiveness=7))


# --- the whole transcriber on scripted hypotheses
#
# The stream's audio encodes its own clock: a sample at time t is 0.2 + t/200 where someone speaks and
# a thousandth of that where it is silent, so the scripted "Whisper" knows which stretch of the stream
# it was given and answers with the script's words heard in it, like a real decoder would.

SCRIPT = words(
    ("지금부터", 0.2, 0.8), ("회의를", 0.9, 1.4), ("시작하겠습니다.", 1.5, 2.6),
    ("지난달", 3.0, 3.5), ("민원이", 3.6, 4.1), ("증가했습니다.", 4.2, 5.3),
    ("단속", 5.6, 6.0), ("인력을", 6.1, 6.6), ("늘리겠습니까?", 6.7, 7.9),
)


def stream_audio(seconds: float, silent: list[tuple[float, float]] = ()) -> np.ndarray:
    t = np.arange(round(seconds * SAMPLING_RATE)) / SAMPLING_RATE
    audio = 0.2 + t / 200
    for start, end in silent:
        audio[(t >= start) & (t < end)] *= 1e-3
    return audio.astype(np.float32)


class ScriptedWhisper:
    """Answers with the scripted words inside the audio it is given; a word cut off by the end of the
    audio comes out truncated, the way Whisper guesses at half a word."""

    def __init__(self, script, no_speech: bool = False) -> None:
        self.script = script
        self.no_speech = no_speech
        self.calls: list[tuple[float, float]] = []

    def transcribe(self, audio: np.ndarray, options: AsrOptions | None = None):
        first = float(audio[0])
        start = (first if first >= 0.1 else first * 1000) * 200 - 40
        end = start + audio.size / SAMPLING_RATE
        self.calls.append((start, end))
        heard = []
        for w in self.script:
            if start - 0.05 <= w.start and w.end <= end:
                heard.append(Word(round(w.start - start, 3), round(w.end - start, 3), w.text, 0.9))
            elif start - 0.05 <= w.start < end - 0.1:
                heard.append(Word(round(w.start - start, 3), round(end - start, 3), w.text[:1], 0.3))
        if not heard:
            return iter(()), None
        segment = Segment(start=heard[0].start, end=heard[-1].end, text=" ".join(w.text for w in heard),
                          words=tuple(heard), avg_logprob=-0.2, no_speech_prob=0.9 if self.no_speech else 0.01,
                          compression_ratio=1.2)
        return iter([segment]), None


def run(live: LiveTranscriber, audio: np.ndarray, chunk_s: float = 0.5) -> list[CaptionEvent]:
    size = round(chunk_s * SAMPLING_RATE)
    events: list[CaptionEvent] = []
    for start in range(0, audio.size, size):
        events += live.feed(audio[start : start + size])
    return events


def finals(events) -> list[CaptionEvent]:
    return [e for e in events if e.kind == "final"]


ENERGY_ONLY = LiveOptions(step_s=1.0, window_s=6.0, sentence_trim_s=3.0, vad_aggressiveness=None)


def test_every_word_becomes_final_once_in_order() -> None:
    whisper = ScriptedWhisper(SCRIPT)
    live = LiveTranscriber(whisper, options=ENERGY_ONLY)
    events = run(live, stream_audio(8.5))
    before_finish = " ".join(e.text for e in finals(events))
    events += live.finish()
    assert " ".join(e.text for e in finals(events)) == " ".join(texts(SCRIPT))
    assert before_finish, "words are final while the stream goes on, not only at the end"
    ends = [(e.start, e.end) for e in finals(events)]
    assert all(a <= b for a, b in ends)
    assert all(prev[1] <= nxt[0] for prev, nxt in itertools.pairwise(ends)), "finals move forward"
    assert events[-1] == CaptionEvent("partial", "", events[-1].start, events[-1].start), "the partial is cleared"
    assert all(end - start <= ENERGY_ONLY.window_s + 1e-6 for start, end in whisper.calls), "the window slides"
    assert whisper.calls[-1][0] > 0, "the buffer was trimmed"


def test_a_half_heard_word_stays_partial_until_two_decodes_agree() -> None:
    live = LiveTranscriber(ScriptedWhisper(SCRIPT), options=ENERGY_ONLY)
    first = live.feed(stream_audio(1.2))
    # Decoded once: "지금부터" is heard whole, "회의를" half; nothing is agreed yet.
    assert [e.kind for e in first] == ["partial"] and first[0].text.startswith("지금부터")
    second = live.feed(stream_audio(2.2)[round(1.2 * SAMPLING_RATE) :])
    assert finals(second) and finals(second)[0].text == "지금부터"


def test_words_become_final_when_speech_stops_without_finish() -> None:
    whisper = ScriptedWhisper(SCRIPT[:3])
    live = LiveTranscriber(whisper, options=ENERGY_ONLY)
    events = run(live, stream_audio(6.0, silent=[(2.7, 6.0)]))
    assert " ".join(e.text for e in finals(events)) == "지금부터 회의를 시작하겠습니다."
    calls = len(whisper.calls)
    assert run(live, stream_audio(12.0, silent=[(0, 12.0)])[round(6 * SAMPLING_RATE) :]) == []
    assert len(whisper.calls) == calls, "silence after the utterance is never decoded"
    assert live.buffered_seconds <= ENERGY_ONLY.keep_silence_s + ENERGY_ONLY.step_s
    assert live.finish() == []


def test_silence_costs_no_decoding() -> None:
    whisper = ScriptedWhisper(SCRIPT)
    live = LiveTranscriber(whisper, options=ENERGY_ONLY)
    assert run(live, stream_audio(20.0, silent=[(0, 20.0)])) == []
    assert live.finish() == []
    assert whisper.calls == [] and live.decodes == 0
    assert live.stream_seconds == pytest.approx(20.0)


def test_hallucinations_are_dropped() -> None:
    # Whisper's guard: high no-speech probability with low confidence. The scripted segments have a
    # good log-probability, so they stay; a segment with both bad signs goes.
    class Mumbling(ScriptedWhisper):
        def transcribe(self, audio, options=None):
            segments, info = super().transcribe(audio, options)
            return iter([Segment(s.start, s.end, s.text, s.words, avg_logprob=-1.5, no_speech_prob=0.9)
                         for s in segments]), info

    live = LiveTranscriber(Mumbling(SCRIPT), options=ENERGY_ONLY)
    events = run(live, stream_audio(8.5)) + live.finish()
    assert events == []
    assert live.decodes > 0


def test_finals_never_go_back_in_time_when_timestamps_jitter() -> None:
    class Jittery(ScriptedWhisper):
        """Every other decode places the words 150 ms earlier, as real re-decodes do."""

        def transcribe(self, audio, options=None):
            segments, info = super().transcribe(audio, options)
            shift = -0.15 if len(self.calls) % 2 else 0.0
            return iter([Segment(s.start, s.end, s.text, tuple(Word(max(0.0, w.start + shift), w.end + shift,
                                                                    w.text, w.probability) for w in s.words))
                         for s in segments]), info

    live = LiveTranscriber(Jittery(SCRIPT), options=ENERGY_ONLY)
    events = finals(run(live, stream_audio(8.5)) + live.finish())
    assert " ".join(e.text for e in events) == " ".join(texts(SCRIPT))
    assert all(a.end <= b.start for a, b in itertools.pairwise(events))


def test_a_decode_that_hears_nothing_keeps_the_pending_words() -> None:
    class Dropout(ScriptedWhisper):
        """The third decode comes back empty (all of it dropped as a hallucination, say)."""

        def transcribe(self, audio, options=None):
            segments, info = super().transcribe(audio, options)
            return (iter(()), info) if len(self.calls) == 3 else (segments, info)

    live = LiveTranscriber(Dropout(SCRIPT), options=ENERGY_ONLY)
    events = run(live, stream_audio(8.5))
    assert all(e.text for e in events if e.kind == "partial"), "the partial does not flicker to empty"
    events += live.finish()
    assert " ".join(e.text for e in finals(events)) == " ".join(texts(SCRIPT))


def test_large_chunks_are_decoded_in_window_sized_pieces() -> None:
    whisper = ScriptedWhisper(SCRIPT)
    live = LiveTranscriber(whisper, options=ENERGY_ONLY)
    events = live.feed(stream_audio(8.5)) + live.finish()
    assert " ".join(e.text for e in finals(events)) == " ".join(texts(SCRIPT))
    assert all(end - start <= ENERGY_ONLY.window_s + 1e-6 for start, end in whisper.calls)
    assert len(whisper.calls) < 8.5 / ENERGY_ONLY.step_s, "a slow caller gets fewer, larger steps"


def test_skip_keeps_true_times() -> None:
    whisper = ScriptedWhisper(SCRIPT)
    live = LiveTranscriber(whisper, options=ENERGY_ONLY)
    audio = stream_audio(8.5)
    events = run(live, audio[: 3 * SAMPLING_RATE])
    events += live.skip(2.0)  # the caller dropped 3.0–5.0 s
    assert live.stream_seconds == pytest.approx(5.0)
    events += run(live, audio[5 * SAMPLING_RATE :]) + live.finish()
    texts_final = " ".join(e.text for e in finals(events))
    assert "시작하겠습니다." in texts_final and "늘리겠습니까?" in texts_final
    last = finals(events)[-1]
    assert last.end == pytest.approx(7.9, abs=0.01)


def test_no_feeding_after_finish_and_only_mono() -> None:
    live = LiveTranscriber(ScriptedWhisper(SCRIPT), options=ENERGY_ONLY)
    with pytest.raises(ValueError, match="1-D"):
        live.feed(np.zeros((2, 100), dtype=np.float32))
    live.finish()
    assert live.finish() == []
    with pytest.raises(RuntimeError, match="finished"):
        live.feed(np.zeros(100, dtype=np.float32))


# --- real Whisper


def test_silence_and_room_noise_never_load_the_model() -> None:
    """The VAD judges the noise; the real model is never loaded for a silent stream."""
    transcriber = Transcriber(SHARED_MODELS_DIR / "whisper-base")
    live = LiveTranscriber(transcriber)
    rng = np.random.default_rng(0)
    quiet = np.zeros(5 * SAMPLING_RATE, dtype=np.float32)
    hiss = rng.normal(0, 0.01, 10 * SAMPLING_RATE).astype(np.float32)
    assert run(live, np.concatenate([quiet, hiss])) == []
    assert live.finish() == []
    assert live.decodes == 0
    assert transcriber._model is None


@pytest.mark.slow
def test_streaming_the_sample_meeting() -> None:
    transcriber = Transcriber(SHARED_MODELS_DIR / "whisper-base")
    audio = load_audio(SAMPLE_MEETING)
    options = LiveOptions()
    live = LiveTranscriber(transcriber, AsrOptions(hallucination_phrases=("시청해 주셔서 감사합니다",)), options)
    events = run(live, audio, chunk_s=0.5)
    last = live.finish()
    events += last
    duration = audio.size / SAMPLING_RATE
    assert live.decodes >= duration / (options.window_s / 2), "decoded step by step"
    assert events, "espeak's Korean is hard for Whisper base, but it hears something"
    for event in events:
        assert event.kind in ("partial", "final")
        assert 0 <= event.start <= event.end <= duration + 0.5
        assert event.text == event.text.strip()
    final_events = finals(events)
    assert final_events and all(e.text for e in final_events)
    assert all(a.end <= b.start for a, b in itertools.pairwise(final_events))
    # finish() flushed: the last partial is cleared, nothing remains pending.
    partials = [e for e in events if e.kind == "partial"]
    assert not partials or partials[-1].text == ""
    assert live.buffered_seconds == 0
