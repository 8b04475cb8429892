"""Results of the signlang package: frozen dataclasses; ``dataclasses.asdict`` gives JSON."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

GlossSource = Literal["lexicon", "sentence", "number", "fingerspelling"]


@dataclass(frozen=True)
class Gloss:
    """One sign to show: its gloss label, where it came from, and the Korean tokens it renders."""

    gloss: str
    source: GlossSource
    tokens: tuple[str, ...]


@dataclass(frozen=True)
class HandForm:
    handshape: str
    location: str
    orientation: str
    movement: str = "none"


@dataclass(frozen=True)
class LexiconEntry:
    """A sign's parametric form. ``reviewed`` stays False until a Deaf KSL reviewer signs it off."""

    gloss: str
    words: tuple[str, ...]
    category: str
    hands: int
    dominant: HandForm
    nondominant: HandForm | None
    nonmanual: str
    duration_s: float
    reviewed: bool
    note: str = ""


@dataclass(frozen=True)
class SentenceEntry:
    id: str
    korean: str
    glosses: tuple[str, ...]
    reviewed: bool
