"""Results of the speech package: plain frozen dataclasses, ``dataclasses.asdict`` gives JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field


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


# --- Minutes: what the drafter produces and the clerk edits. Pydantic, because edited minutes come
# back from the browser as JSON and must be validated before they are stored as a new version.


class MinutesModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Decision(MinutesModel):
    """A 결정사항: the sentence that states it, where it was said."""

    text: str = Field(min_length=1, max_length=2000)
    start: float | None = Field(default=None, ge=0)  # seconds into the recording; None when typed by the clerk
    speaker: str | None = None


class ActionItem(MinutesModel):
    """A 조치사항: who does what by when. ``due`` is normalised to ISO date; ``due_text`` is what was said."""

    task: str = Field(min_length=1, max_length=2000)
    owner: str | None = Field(default=None, max_length=200)
    due: date | None = None
    due_text: str | None = Field(default=None, max_length=200)
    start: float | None = Field(default=None, ge=0)
    speaker: str | None = None


class AgendaItem(MinutesModel):
    """One 안건 with its extractive summary (sentences as spoken, never invented)."""

    title: str = Field(min_length=1, max_length=500)
    start: float | None = Field(default=None, ge=0)
    end: float | None = Field(default=None, ge=0)
    summary: tuple[str, ...] = ()
    decisions: tuple[Decision, ...] = ()
    action_items: tuple[ActionItem, ...] = ()


class MinutesMetadata(MinutesModel):
    title: str = Field(min_length=1, max_length=500)
    held_at: datetime | None = None  # 일시
    place: str | None = Field(default=None, max_length=500)  # 장소
    attendees: tuple[str, ...] = ()  # 참석자, as the clerk named the speakers
    organizer: str | None = Field(default=None, max_length=200)  # 주관 부서
    duration: float | None = Field(default=None, ge=0)  # seconds of recording


class TranscriptLine(MinutesModel):
    """One speaker-attributed line of the full transcript as it appears in the minutes."""

    start: float = Field(ge=0)
    end: float = Field(ge=0)
    speaker: str | None = None
    text: str = Field(max_length=20000)


class Minutes(MinutesModel):
    """A meeting's minutes (회의록): metadata, agenda with summaries, decisions, action items, transcript."""

    metadata: MinutesMetadata
    agenda: tuple[AgendaItem, ...] = ()
    transcript: tuple[TranscriptLine, ...] = ()

    @property
    def decisions(self) -> tuple[Decision, ...]:
        return tuple(d for item in self.agenda for d in item.decisions)

    @property
    def action_items(self) -> tuple[ActionItem, ...]:
        return tuple(a for item in self.agenda for a in item.action_items)
