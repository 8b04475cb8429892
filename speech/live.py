"""Live captions: Whisper re-decodes a sliding window and words that two hypotheses agree on become final.

The policy is whisper_streaming's LocalAgreement-2 (Macháček, Dabre and Bojar, 2023). Audio arrives in
small chunks; after every ``step_s`` of new audio the whole buffer (at most ``window_s``) is decoded
again with word timestamps. A word is *final* once two consecutive hypotheses agree on it (the longest
common prefix after the words already committed); the rest of the newest hypothesis is the *partial*,
which the next decode may still change. Committing lets the buffer be cut at the end of the last
committed sentence (or word), so the window slides along the stream and a decode never sees more than
``window_s`` of audio.

Latency, roughly: a word is final about ``2 × step_s + 2 × decode time`` after it was spoken (it must
appear in two decodes); a partial appears after ``step_s + decode time``. Knobs, in order of effect:

- ``step_s``: how often the buffer is decoded. Smaller means earlier partials and finals but more
  decodes per second of audio; it must stay above the decode time or the session falls behind. When a
  decode is slow, the next one takes all the audio that arrived meanwhile (up to ``window_s / 2``), so
  a slow machine gets fewer, larger steps instead of a growing backlog.
- ``window_s``: the most audio one decode sees. Whisper pads every decode to 30 s, so the encoder costs
  the same for any window; the decoder's cost grows with the words in the window. A longer window
  gives more context, a shorter one faster decodes.
- ``beam_size`` and ``temperature_fallback``: greedy-ish decoding without fallback keeps a decode to
  one pass; fallback re-decodes unclear audio up to five more times (5–6× slower on mumbled speech).
- ``silence_rms``, ``vad_aggressiveness``, ``min_speech_s``: new audio judged silent is not decoded,
  so silence costs nothing. When speech stops, the pending words get one last decode and become final
  at once instead of waiting for a second opinion that would never come.

Not thread-safe: one ``LiveTranscriber`` per stream, fed from one thread at a time (the Whisper model
behind it may be shared).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal, Protocol

import numpy as np

from speech.asr import AsrOptions, is_hallucination
from speech.audio import SAMPLING_RATE
from speech.types import Segment, Word

logger = logging.getLogger(__name__)

# Committed words kept to recognise them when a later hypothesis repeats them at its start.
MAX_OVERLAP_WORDS = 5
# Words starting this long before the end of the last committed word still count as new
# (word timestamps are approximate; the n-gram check removes true repeats).
OVERLAP_TOLERANCE_S = 0.1
_SENTENCE_END = re.compile(r"[.!?。！？…][\"'”’)\]]*$")
_VAD_FRAME = int(0.03 * SAMPLING_RATE)  # webrtcvad takes 10, 20 or 30 ms frames


@dataclass(frozen=True)
class CaptionEvent:
    """One caption update. A ``final`` is appended to the captions for good; a ``partial`` replaces the
    previous partial (an empty partial clears it). Times are seconds since the stream began."""

    kind: Literal["partial", "final"]
    text: str
    start: float
    end: float


@dataclass(frozen=True)
class LiveOptions:
    """Latency and cost knobs of live captioning (see the module docstring for their effect)."""

    step_s: float = 1.0  # new audio that triggers a decode
    window_s: float = 15.0  # the most audio one decode sees (≤ 30 s, Whisper's window)
    # Once the buffer holds this much, it is cut at the end of the last committed sentence.
    sentence_trim_s: float = 4.0
    beam_size: int = 2
    temperature_fallback: bool = False
    # A decode that loops stops here instead of at Whisper's 448 tokens (about 1.2 s instead of 5 s on
    # hard audio); 15 s of fast Korean speech is well under 160 tokens.
    max_new_tokens: int = 160
    silence_rms: float = 0.003  # below this RMS (about −50 dBFS) new audio is silent without asking the VAD
    vad_aggressiveness: int | None = 2  # webrtcvad 0–3; None judges silence by energy alone
    min_speech_s: float = 0.15  # new audio with less voiced time than this is silent
    keep_silence_s: float = 0.5  # silence kept before speech, so a word's onset is never cut


class SupportsTranscribe(Protocol):
    """What the live transcriber needs from ``speech.asr.Transcriber``."""

    def transcribe(self, audio: np.ndarray, options: AsrOptions | None = None) -> tuple[Iterable[Segment], Any]: ...


def _key(word: Word) -> str:
    """Words compare without case and punctuation: "합니다" and "합니다." are the same word."""
    return re.sub(r"[^\w]", "", word.text).casefold() or word.text


def agreed_prefix(previous: Sequence[Word], current: Sequence[Word]) -> tuple[Word, ...]:
    """The words two consecutive hypotheses agree on: their longest common prefix, by text.

    Both hypotheses must already have the committed words removed (``uncommitted_words``). The
    current hypothesis's words are returned: they were decoded with more audio, so their
    punctuation and timestamps are the better ones.
    """
    agreed = 0
    for before, now in zip(previous, current, strict=False):
        if _key(before) != _key(now):
            break
        agreed += 1
    return tuple(current[:agreed])


def uncommitted_words(
    hypothesis: Sequence[Word], committed: Sequence[Word], committed_end: float
) -> tuple[Word, ...]:
    """The part of a hypothesis after what is already final.

    The buffer still holds audio of committed words until it is trimmed, so a hypothesis repeats
    them: words that start before ``committed_end`` (less a small tolerance) are dropped, and so is a
    leading run of up to ``MAX_OVERLAP_WORDS`` words equal to the last committed ones.
    """
    words = [w for w in hypothesis if w.start >= committed_end - OVERLAP_TOLERANCE_S]
    tail = [_key(w) for w in committed[-MAX_OVERLAP_WORDS:]]
    for n in range(min(len(tail), len(words)), 0, -1):
        if tail[-n:] == [_key(w) for w in words[:n]]:
            return tuple(words[n:])
    return tuple(words)


def trim_point(
    committed: Sequence[Word], buffer_start: float, buffer_end: float, options: LiveOptions
) -> float | None:
    """Where to cut the buffer after a commit (stream seconds), or None to keep it whole.

    Past ``sentence_trim_s`` of buffered audio the cut is at the end of the last committed sentence;
    when the next step would overflow ``window_s`` it is at the end of the last committed word,
    sentence or not. Only committed words still inside the buffer count.
    """
    inside = [w for w in committed if buffer_start < w.end <= buffer_end]
    if not inside:
        return None
    length = buffer_end - buffer_start
    if length + options.step_s > options.window_s:
        return inside[-1].end
    if length >= options.sentence_trim_s:
        sentence_ends = [w.end for w in inside if _SENTENCE_END.search(w.text)]
        if sentence_ends:
            return sentence_ends[-1]
    return None


def _join(words: Sequence[Word]) -> str:
    return " ".join(w.text for w in words if w.text).strip()


class LiveTranscriber:
    """Captions for one live stream of 16 kHz mono float32 audio.

    ``feed`` takes chunks of any length and returns the caption events they caused; decoding happens
    inside ``feed`` (call it off the event loop). ``finish`` makes the remaining words final.
    """

    def __init__(
        self,
        transcriber: SupportsTranscribe,
        asr_options: AsrOptions | None = None,
        options: LiveOptions | None = None,
    ) -> None:
        self.options = options or LiveOptions()
        o = self.options
        if o.step_s <= 0:
            raise ValueError(f"step_s={o.step_s} must be positive (about 1 s suits live captions)")
        if not 2 * o.step_s <= o.window_s <= 30:
            raise ValueError(
                f"window_s={o.window_s} must be between 2 × step_s ({2 * o.step_s}) and 30 s (Whisper's window)"
            )
        if o.beam_size < 1:
            raise ValueError(f"beam_size={o.beam_size} must be at least 1")
        if o.vad_aggressiveness is not None and not 0 <= o.vad_aggressiveness <= 3:
            raise ValueError(f"vad_aggressiveness={o.vad_aggressiveness}; choose 0 to 3, or None for energy only")
        self.transcriber = transcriber
        # Hallucination guards and glossary come from these; the decoding knobs are the live ones.
        self.asr_options = asr_options or AsrOptions()
        self._decode_options = replace(
            self.asr_options,
            batch_size=1,
            beam_size=o.beam_size,
            vad_filter=False,  # the window is short and silence never reaches the decoder
            word_timestamps=True,
            condition_on_previous_text=False,
        )
        if not o.temperature_fallback:
            # The real thresholds still apply afterwards: ``is_hallucination`` with ``asr_options``.
            self._decode_options = replace(self._decode_options, temperatures=(0.0,),
                                           max_new_tokens=o.max_new_tokens)
        self._vad = None
        if o.vad_aggressiveness is not None:
            import webrtcvad

            self._vad = webrtcvad.Vad(o.vad_aggressiveness)
        self._step = max(1, round(o.step_s * SAMPLING_RATE))
        self._max_piece = max(self._step, round(o.window_s / 2 * SAMPLING_RATE))
        self._buffer = np.zeros(0, dtype=np.float32)
        self._offset = 0  # stream sample at buffer[0]
        self._unprocessed = 0  # samples at the end of the buffer not decoded yet
        self._hypothesis: tuple[Word, ...] = ()  # the newest decode's uncommitted words
        self._committed: list[Word] = []  # the last committed words (for overlap and trimming)
        self._committed_end = 0.0
        self._final_end = 0.0
        self._partial = ""
        self._finished = False
        self.decodes = 0  # Whisper calls so far (monitoring; silence must not add to it)

    # --- public API

    @property
    def stream_seconds(self) -> float:
        """Audio received so far."""
        return (self._offset + self._buffer.size) / SAMPLING_RATE

    @property
    def buffered_seconds(self) -> float:
        """Audio held for the next decode (bounded by about ``window_s``)."""
        return self._buffer.size / SAMPLING_RATE

    def feed(self, samples: np.ndarray) -> list[CaptionEvent]:
        """Add 16 kHz mono float32 samples (−1…1); returns the caption events they caused."""
        if self._finished:
            raise RuntimeError("this live stream is finished; start a new LiveTranscriber")
        audio = np.asarray(samples, dtype=np.float32)
        if audio.ndim != 1:
            raise ValueError(f"samples must be one mono channel (1-D), got shape {audio.shape}")
        events: list[CaptionEvent] = []
        for start in range(0, audio.size, self._max_piece):
            piece = np.clip(np.nan_to_num(audio[start : start + self._max_piece]), -1.0, 1.0)
            self._buffer = np.concatenate([self._buffer, piece])
            self._unprocessed += piece.size
            if self._unprocessed >= self._step:
                events += self._process()
        return events

    def skip(self, seconds: float) -> list[CaptionEvent]:
        """Account for audio the caller had to drop (it fell behind): pending words become final and the
        clock moves on, so later captions keep their true times."""
        if seconds < 0:
            raise ValueError(f"seconds={seconds} must not be negative")
        events = self._commit(self._hypothesis) + self._set_partial(())
        self._hypothesis = ()
        self._offset += self._buffer.size + round(seconds * SAMPLING_RATE)
        self._buffer = np.zeros(0, dtype=np.float32)
        self._unprocessed = 0
        return events

    def finish(self) -> list[CaptionEvent]:
        """The end of the stream: what is still pending is decoded once more and made final."""
        if self._finished:
            return []
        events: list[CaptionEvent] = []
        tail = self._buffer[self._buffer.size - self._unprocessed :]
        if self._hypothesis or (self._unprocessed and not self._is_silent(tail)):
            self._unprocessed = 0
            events += self._make_room()
            events += self._commit(self._uncommitted(self._decode()) or self._hypothesis)
        events += self._set_partial(())
        self._hypothesis = ()
        self._offset += self._buffer.size
        self._buffer = np.zeros(0, dtype=np.float32)
        self._unprocessed = 0
        self._finished = True
        return events

    # --- one step

    def _process(self) -> list[CaptionEvent]:
        new_audio = self._buffer[self._buffer.size - self._unprocessed :]
        self._unprocessed = 0
        silent = self._is_silent(new_audio)
        if silent and not self._hypothesis:
            # Nothing pending: forget the silence but a short tail, where the next word may begin.
            self._drop_before(self._end - self.options.keep_silence_s)
            return []
        events = self._make_room()
        if silent:
            # Speech just ended: nothing will confirm the pending words, so one last decode (which
            # now hears the whole utterance) becomes final at once.
            events += self._commit(self._uncommitted(self._decode()) or self._hypothesis) + self._set_partial(())
            self._hypothesis = ()
            self._drop_before(self._end - self.options.keep_silence_s)
            return events
        current = self._uncommitted(self._decode())
        if not current:
            # Hearing nothing in speech (usually a dropped hallucination) is no evidence against the
            # pending words: they stay for the next comparison, and the partial does not flicker.
            return events
        agreed = agreed_prefix(self._hypothesis, current)
        events += self._commit(agreed)
        self._hypothesis = current[len(agreed) :]
        events += self._set_partial(self._hypothesis)
        cut = trim_point(self._committed, self._start, self._end, self.options)
        if cut is not None:
            self._drop_before(cut)
        return events

    def _make_room(self) -> list[CaptionEvent]:
        """Before a decode: a buffer over ``window_s`` (nothing committed for a while) is cut.

        The previous hypothesis, seen once, is committed but for its last word (often cut off by the
        buffer's end); if that is not enough, the oldest audio goes: earlier decodes found no words in it.
        """
        if self._length <= self.options.window_s:
            return []
        forced = self._hypothesis[:-1] if len(self._hypothesis) > 1 else self._hypothesis
        events = self._commit(forced)
        self._hypothesis = self._hypothesis[len(forced) :]
        if forced:
            self._drop_before(self._committed_end)
        if self._length > self.options.window_s:
            self._drop_before(self._end - self.options.window_s)
        return events

    # --- helpers

    @property
    def _start(self) -> float:
        return self._offset / SAMPLING_RATE

    @property
    def _end(self) -> float:
        return (self._offset + self._buffer.size) / SAMPLING_RATE

    @property
    def _length(self) -> float:
        return self._buffer.size / SAMPLING_RATE

    def _drop_before(self, time: float) -> None:
        """Cut the buffer so it starts at stream time ``time`` (never past the undecoded audio)."""
        drop = round(time * SAMPLING_RATE) - self._offset
        drop = min(drop, self._buffer.size - self._unprocessed)
        if drop <= 0:
            return
        self._buffer = self._buffer[drop:].copy()
        self._offset += drop

    def _is_silent(self, samples: np.ndarray) -> bool:
        if samples.size == 0:
            return True
        if float(np.sqrt(np.mean(np.square(samples, dtype=np.float64)))) < self.options.silence_rms:
            return True
        if self._vad is None:
            return False
        pcm = (samples * 32767).astype("<i2")
        voiced = sum(
            self._vad.is_speech(pcm[start : start + _VAD_FRAME].tobytes(), SAMPLING_RATE)
            for start in range(0, pcm.size - _VAD_FRAME + 1, _VAD_FRAME)
        )
        return voiced * _VAD_FRAME / SAMPLING_RATE < self.options.min_speech_s

    def _decode(self) -> tuple[Word, ...]:
        """Whisper over the whole buffer; words in stream time, likely hallucinations dropped."""
        self.decodes += 1
        segments, _info = self.transcriber.transcribe(self._buffer, self._decode_options)
        offset = self._start
        words: list[Word] = []
        for segment in segments:
            if is_hallucination(segment, self.asr_options):
                logger.debug("live: dropped a likely hallucination at %.1f s", offset + segment.start)
                continue
            words += [
                replace(w, start=float(round(offset + w.start, 3)), end=float(round(offset + w.end, 3)))
                for w in segment.words
                if w.text
            ]
        return tuple(words)

    def _uncommitted(self, hypothesis: Sequence[Word]) -> tuple[Word, ...]:
        return uncommitted_words(hypothesis, self._committed, self._committed_end)

    def _commit(self, words: Sequence[Word]) -> list[CaptionEvent]:
        text = _join(words)
        if not text:
            return []
        # Finals never go back in time, even when a re-decode moves a word's timestamp a little.
        start = max(words[0].start, self._final_end)
        end = max(words[-1].end, start)
        self._final_end = end
        self._committed_end = max(self._committed_end, words[-1].end)
        self._committed = [*self._committed, *words][-max(MAX_OVERLAP_WORDS, 50) :]
        return [CaptionEvent("final", text, float(round(start, 3)), float(round(end, 3)))]

    def _set_partial(self, words: Sequence[Word]) -> list[CaptionEvent]:
        text = _join(words)
        if text == self._partial:
            return []
        self._partial = text
        start = max(words[0].start, self._final_end) if words else self._final_end
        end = max(words[-1].end, start) if words else start
        return [CaptionEvent("partial", text, float(round(start, 3)), float(round(end, 3)))]
