"""Long recordings (1–3 hour meetings): chunked, resumable, cancellable transcription with speakers.

All state lives in a work folder, one file per finished step:

    audio.pcm            16 kHz mono int16, decoded once (read back with np.memmap)
    chunks/0003.json     the segments of chunk 3, written when the chunk is done
    turns.json           the diarization
    transcript.json      the finished transcript

A run that crashes or is cancelled starts again where it stopped: finished chunks are read, not
decoded again. Memory is bounded by one chunk of audio for ASR (the diarizer reads the whole
recording once, as int16 through the memmap).
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from speech.asr import AsrOptions, Transcriber
from speech.audio import SAMPLING_RATE, decode_to_pcm_file
from speech.diarize import DiarizationOptions, assign_speakers
from speech.errors import SpeechError
from speech.types import Segment, Transcript, TranscriptionInfo, Turn, Word
from speech.writers import JsonWriter, read_transcript

logger = logging.getLogger(__name__)

# Shares of the progress bar. Measured on 2 cores, decoding is a few percent of the work and
# diarization about a fifth of batched ASR.
DECODE_SHARE = 3.0
DIARIZE_SHARE = 15.0


class JobCancelled(SpeechError):
    """The clerk cancelled the job; finished chunks stay in the work folder for a later resume."""


@dataclass(frozen=True)
class LongFormOptions:
    chunk_s: float = 300.0  # finished work is saved every chunk: a crash loses at most this much
    cut_search_s: float = 10.0  # chunk borders move to the quietest moment within ± this
    diarize: bool = True
    num_speakers: int | None = None
    max_seconds: float | None = None  # refuse recordings longer than this (settings.max_audio_hours)


Progress = Callable[[float], None]
ShouldCancel = Callable[[], bool]


class RecordingTranscriber:
    """Runs decode → chunked ASR → diarization → speaker assignment for one recording in ``workdir``."""

    def __init__(self, transcriber: Transcriber, diarizer=None, asr_options: AsrOptions | None = None,
                 options: LongFormOptions | None = None) -> None:
        self.transcriber = transcriber
        self.diarizer = diarizer
        self.asr_options = asr_options or AsrOptions()
        self.options = options or LongFormOptions()
        if self.options.chunk_s < 30:
            raise ValueError(f"chunk_s={self.options.chunk_s}; chunks under 30 s cut sentences too often")
        if self.options.diarize and diarizer is None:
            raise ValueError("diarize=True needs a diarizer (speech.make_diarizer)")

    def run(self, source: Path, workdir: Path, progress: Progress | None = None,
            should_cancel: ShouldCancel | None = None) -> Transcript:
        """Transcribe ``source``; safe to call again on the same ``workdir`` after a crash or cancel."""
        workdir.mkdir(parents=True, exist_ok=True)
        report = _Monotonic(progress)
        cancelled = should_cancel or (lambda: False)
        finished = workdir / "transcript.json"
        if finished.is_file():
            report(100.0)
            return read_transcript(finished)

        samples = self._decoded(source, workdir)
        report(DECODE_SHARE)
        duration = samples.size / SAMPLING_RATE
        asr_share = 100.0 - DECODE_SHARE - (DIARIZE_SHARE if self.options.diarize else 0.0) - 1.0
        segments: list[Segment] = []
        language = self.asr_options.language or ""
        language_probability = 1.0
        for index, (begin, end) in enumerate(plan_chunks(samples, self.options)):
            if cancelled():
                raise JobCancelled("작업이 취소되었습니다 (job cancelled)")
            chunk_file = workdir / "chunks" / f"{index:04d}.json"
            if chunk_file.is_file():
                chunk = json.loads(chunk_file.read_text(encoding="utf-8"))
            else:
                chunk = self._transcribe_chunk(samples, begin, end, duration, asr_share, report, cancelled)
                _write_json(chunk_file, chunk)
            segments.extend(_segment_from_json(s) for s in chunk["segments"])
            language = chunk["language"] or language
            language_probability = chunk["language_probability"]
            report(DECODE_SHARE + asr_share * end / samples.size)

        turns: list[Turn] = []
        if self.options.diarize:
            if cancelled():
                raise JobCancelled("작업이 취소되었습니다 (job cancelled)")
            turns = self._diarized(samples, workdir)
        transcript = Transcript(
            info=TranscriptionInfo(language=language, language_probability=language_probability, duration=duration),
            segments=tuple(assign_speakers(segments, turns)),
            turns=tuple(turns),
        )
        _write_json(finished, JsonWriter().document(transcript))
        report(100.0)
        return transcript

    def _decoded(self, source: Path, workdir: Path) -> np.ndarray:
        pcm = workdir / "audio.pcm"
        if not pcm.is_file():
            decode_to_pcm_file(source, pcm, self.options.max_seconds)
        return np.memmap(pcm, dtype="<i2", mode="r")

    def _transcribe_chunk(self, samples: np.ndarray, begin: int, end: int, duration: float, share: float,
                          report: Progress, cancelled: ShouldCancel) -> dict:
        offset = begin / SAMPLING_RATE
        audio = np.asarray(samples[begin:end], dtype=np.float32) / 32768.0

        def chunk_progress(percent: float) -> None:
            position = offset + (end - begin) / SAMPLING_RATE * percent / 100.0
            report(DECODE_SHARE + share * position / duration)

        started = time.perf_counter()
        iterator, info = self.transcriber.transcribe(audio, self.asr_options, progress=chunk_progress)
        segments = []
        for segment in iterator:
            if cancelled():
                raise JobCancelled("작업이 취소되었습니다 (job cancelled)")
            segments.append(_shifted(segment, offset))
        logger.info("chunk at %.0f s: %d segments in %.1f s", offset, len(segments), time.perf_counter() - started)
        return {
            "begin": begin,
            "end": end,
            "language": info.language,
            "language_probability": info.language_probability,
            "segments": [asdict(s) for s in segments],
        }

    def _diarized(self, samples: np.ndarray, workdir: Path) -> list[Turn]:
        turns_file = workdir / "turns.json"
        if turns_file.is_file():
            return [Turn(**t) for t in json.loads(turns_file.read_text(encoding="utf-8"))]
        # The int16 memmap itself: the diarizers read it piece by piece (a float copy is 460 MB at 2 h).
        self.transcriber.unload()  # Whisper's ~1 GB is not needed while the diarizer works
        turns = self.diarizer.diarize(samples, DiarizationOptions(num_speakers=self.options.num_speakers))
        _write_json(turns_file, [asdict(t) for t in turns])
        return turns


def plan_chunks(samples: np.ndarray, options: LongFormOptions) -> list[tuple[int, int]]:
    """Sample ranges of about ``chunk_s``, each border moved to the quietest 0.2 s nearby.

    Deterministic for the same audio, so a resumed job cuts exactly where the first run did.
    """
    total = samples.size
    size = int(options.chunk_s * SAMPLING_RATE)
    search = int(options.cut_search_s * SAMPLING_RATE)
    window = int(0.2 * SAMPLING_RATE)
    borders = [0]
    target = size
    while target < total - size // 3:
        low, high = max(borders[-1] + window, target - search), min(total - window, target + search)
        region = np.asarray(samples[low:high], dtype=np.float32)
        usable = (region.size // window) * window
        if usable:
            energy = np.square(region[:usable]).reshape(-1, window).mean(axis=1)
            cut = low + int(np.argmin(energy)) * window + window // 2
        else:
            cut = target
        borders.append(cut)
        target = cut + size
    borders.append(total)
    return list(itertools.pairwise(borders))


def _shifted(segment: Segment, offset: float) -> Segment:
    words = tuple(
        Word(start=round(w.start + offset, 3), end=round(w.end + offset, 3), text=w.text, probability=w.probability)
        for w in segment.words
    )
    return Segment(
        start=round(segment.start + offset, 3), end=round(segment.end + offset, 3), text=segment.text, words=words,
        speaker=segment.speaker, avg_logprob=segment.avg_logprob, no_speech_prob=segment.no_speech_prob,
        compression_ratio=segment.compression_ratio,
    )


def _segment_from_json(data: dict) -> Segment:
    return Segment(**{**data, "words": tuple(Word(**w) for w in data.get("words", ()))})


def _write_json(path: Path, data) -> None:
    """Write-then-rename: a reader (or a resumed run) never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with open(partial, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False)
        handle.flush()
        os.fsync(handle.fileno())
    partial.replace(path)


class _Monotonic:
    """Progress that only moves forward (resumed chunks and stage shares never make it jump back)."""

    def __init__(self, callback: Progress | None) -> None:
        self.callback = callback
        self.value = -1.0

    def __call__(self, percent: float) -> None:
        percent = min(100.0, percent)
        if percent > self.value:
            self.value = percent
            if self.callback is not None:
                self.callback(float(percent))
