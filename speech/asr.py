"""Speech recognition with faster-whisper (CTranslate2), with guards against Whisper's failure modes."""

from __future__ import annotations

import contextlib
import logging
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import numpy as np

from speech.audio import SAMPLING_RATE
from speech.errors import ModelNotFoundError
from speech.types import Segment, TranscriptionInfo, Word

logger = logging.getLogger(__name__)

REQUIRED_MODEL_FILES = ("model.bin", "config.json", "tokenizer.json", "vocabulary.txt")


@dataclass(frozen=True)
class AsrOptions:
    """Decoding knobs. Defaults are the ones measured on 2 CPU cores for Korean meetings."""

    language: str | None = "ko"  # None lets Whisper detect the language
    beam_size: int = 5
    vad_filter: bool = True
    word_timestamps: bool = True
    # Off: conditioning on earlier text is what lets one hallucination loop through a whole meeting.
    condition_on_previous_text: bool = False
    # Proper nouns (departments, places, attendees) the decoder should prefer.
    hotwords: str | None = None
    # Speech regions decoded together. Batching is the big speed lever on 2 cores (about 2.4x on
    # long-form Korean at nearly the same CER); 1 decodes sequentially with temperature fallback.
    batch_size: int = 8
    # Decoding is retried at the next temperature when a result looks like a loop or noise. One
    # temperature turns the fallback off: what live captions want (5–6× faster on hard audio).
    temperatures: tuple[float, ...] = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
    # A cap on tokens per window stops a repetition loop early (None: Whisper's own limit of 448).
    max_new_tokens: int | None = None
    compression_ratio_threshold: float = 2.4
    no_speech_threshold: float = 0.6
    log_prob_threshold: float = -1.0
    # Phrases Whisper invents on silence or music (subtitle credits learned from video data).
    hallucination_phrases: tuple[str, ...] = field(default_factory=tuple)


def read_phrase_list(path: Path) -> tuple[str, ...]:
    """One phrase per line; blank lines and ``#`` comments skipped (a missing file means no phrases)."""
    if not path.is_file():
        return ()
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


def _normalise(text: str) -> str:
    return re.sub(r"[\s.,!?~·…'\"]+", "", text)


def is_hallucination(segment: Segment, options: AsrOptions) -> bool:
    """True for segments that are almost surely not speech: known credit phrases, loops, silence."""
    text = _normalise(segment.text)
    if not text:
        return True
    if any(_normalise(phrase) in text for phrase in options.hallucination_phrases if phrase.strip()):
        return True
    if segment.compression_ratio > options.compression_ratio_threshold:
        return True
    return segment.no_speech_prob > options.no_speech_threshold and segment.avg_logprob < options.log_prob_threshold


class Transcriber:
    """Whisper in CTranslate2 format. Cheap to construct; the model loads in ``warm_up()``."""

    def __init__(self, model_dir: str | Path, compute_type: str = "int8", cpu_threads: int = 2) -> None:
        self.model_dir = Path(model_dir)
        if cpu_threads < 1:
            raise ValueError(f"cpu_threads={cpu_threads} must be at least 1")
        self.compute_type = compute_type
        self.cpu_threads = cpu_threads
        self._model = None
        self._lock = threading.Lock()  # two sessions starting together must not load the model twice

    def check_model_dir(self) -> None:
        missing = [name for name in REQUIRED_MODEL_FILES if not (self.model_dir / name).is_file()]
        if missing:
            raise ModelNotFoundError(
                f"Whisper model folder {self.model_dir} lacks {', '.join(missing)}; "
                "run `civicai models assemble` or set CIVICAI_WHISPER_MODEL to a CTranslate2 Whisper folder"
            )

    def warm_up(self) -> None:
        with self._lock:
            if self._model is not None:
                return
            self.check_model_dir()
            from faster_whisper import WhisperModel

            logger.info("loading Whisper from %s (%s)", self.model_dir, self.compute_type)
            self._model = WhisperModel(
                str(self.model_dir), device="cpu", compute_type=self.compute_type, cpu_threads=self.cpu_threads
            )

    def unload(self) -> None:
        """Free the model (loaded again on next use) and give the memory back to the system."""
        with self._lock:
            if self._model is None:
                return
            self._model = None
        import gc

        gc.collect()
        _release_freed_memory()

    def transcribe(
        self,
        audio: np.ndarray,
        options: AsrOptions | None = None,
        progress: Callable[[float], None] | None = None,
    ) -> tuple[Iterator[Segment], TranscriptionInfo]:
        """Start transcribing 16 kHz mono samples.

        Returns a lazy iterator of segments and the info; the decoding happens while iterating,
        so a caller can stream segments and report progress (0–100, by audio position).
        """
        options = options or AsrOptions()
        if options.batch_size < 1:
            raise ValueError(f"batch_size={options.batch_size} must be at least 1")
        if not options.temperatures:
            raise ValueError("temperatures must hold at least one value, e.g. (0.0,)")
        self.warm_up()
        assert self._model is not None
        # The batched pipeline cuts the audio at VAD speech regions; without VAD it has nothing to batch.
        if options.batch_size > 1 and options.vad_filter:
            from faster_whisper import BatchedInferencePipeline

            decode = partial(BatchedInferencePipeline(self._model).transcribe, batch_size=options.batch_size)
        else:
            decode = self._model.transcribe
        raw_segments, raw_info = decode(
            audio,
            language=options.language,
            beam_size=options.beam_size,
            vad_filter=options.vad_filter,
            word_timestamps=options.word_timestamps,
            condition_on_previous_text=options.condition_on_previous_text,
            hotwords=options.hotwords,
            temperature=list(options.temperatures),
            max_new_tokens=options.max_new_tokens,
            compression_ratio_threshold=options.compression_ratio_threshold,
            no_speech_threshold=options.no_speech_threshold,
            log_prob_threshold=options.log_prob_threshold,
        )
        duration = audio.size / SAMPLING_RATE
        info = TranscriptionInfo(
            language=raw_info.language,
            language_probability=float(raw_info.language_probability),
            duration=duration,
        )
        return self._segments(raw_segments, options, duration, progress), info

    @staticmethod
    def _segments(raw_segments, options: AsrOptions, duration: float, progress) -> Iterator[Segment]:
        for raw in raw_segments:
            words = tuple(
                Word(start=round(w.start, 3), end=round(w.end, 3), text=w.word.strip(), probability=w.probability)
                for w in (raw.words or ())
            )
            segment = Segment(
                start=round(raw.start, 3),
                end=round(min(raw.end, duration), 3),
                text=raw.text.strip(),
                words=words,
                avg_logprob=raw.avg_logprob,
                no_speech_prob=raw.no_speech_prob,
                compression_ratio=raw.compression_ratio,
            )
            if progress is not None and duration > 0:
                progress(min(100.0, 100.0 * segment.end / duration))
            if is_hallucination(segment, options):
                # The text itself is not logged: a transcript may hold names and numbers.
                logger.info("dropped a likely hallucination at %.1f s (%d characters)", segment.start,
                            len(segment.text))
                continue
            yield segment
        if progress is not None:
            progress(100.0)


def _release_freed_memory() -> None:
    """glibc keeps freed heap in its arenas; malloc_trim hands it back (CTranslate2 frees ~1 GB here)."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    if name:
        with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to trim
            ctypes.CDLL(name).malloc_trim(0)
