"""Results of the speech package: plain frozen dataclasses, ``dataclasses.asdict`` gives JSON."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Word:
    start: float
    end: float
    text: str
    probability: float


@dataclass(frozen=True)
class Segment:
    start: float
    end: float
    text: str
    words: tuple[Word, ...] = ()
    speaker: str | None = None
    avg_logprob: float = 0.0
    no_speech_prob: float = 0.0
    compression_ratio: float = 0.0


@dataclass(frozen=True)
class Turn:
    """A stretch of one speaker's voice, from diarization (present even where no words were recognised)."""

    start: float
    end: float
    speaker: str


@dataclass(frozen=True)
class TranscriptionInfo:
    language: str
    language_probability: float
    duration: float


@dataclass(frozen=True)
class Transcript:
    """A finished transcription: what the writers and the minutes drafter consume."""

    info: TranscriptionInfo
    segments: tuple[Segment, ...] = field(default_factory=tuple)
    turns: tuple[Turn, ...] = field(default_factory=tuple)

    @property
    def text(self) -> str:
        return " ".join(segment.text for segment in self.segments).strip()
