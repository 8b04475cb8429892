"""Results of the nlp package: frozen dataclasses; ``dataclasses.asdict`` gives JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Token:
    """One morpheme from the analyzer; ``lemma`` is the dictionary form (먹었다 → 먹다)."""

    form: str
    tag: str
    start: int
    end: int
    lemma: str
    guessed: bool = False  # a word outside the analyzer's dictionary that it had to guess (허광수, 석다온)


@dataclass(frozen=True)
class PiiSpan:
    """Where personal data was found. ``text`` is the original value: clerk-only, never stored unmasked."""

    type: str  # PHONE, RRN, FRN, EMAIL, ACCOUNT, CARD, CAR_PLATE, ADDRESS, NAME, PASSPORT, DRIVER_LICENSE
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class MaskedText:
    text: str
    spans: tuple[PiiSpan, ...] = ()


@dataclass(frozen=True)
class Candidate:
    code: str
    score: float


@dataclass(frozen=True)
class Prediction:
    """A label with its top candidates and the evidence a clerk can check."""

    code: str
    score: float
    candidates: tuple[Candidate, ...]
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Urgency:
    urgent: bool
    score: float
    terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sentiment:
    label: str  # negative, neutral, positive
    scores: dict[str, float] = field(default_factory=dict)
    emotions: tuple[str, ...] = ()  # anger, distress


@dataclass(frozen=True)
class SimilarCase:
    id: str
    score: float
    title: str
    reply: str
    department: str | None = None


@dataclass(frozen=True)
class ComplaintRecord:
    """An analysed complaint as the analytics functions see it (masked text only)."""

    id: str
    created_at: datetime
    type: str
    department: str
    region: str | None = None
    urgent: bool = False
    urgent_terms: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    sentiment: str | None = None
