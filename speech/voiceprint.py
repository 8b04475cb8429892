"""Voiceprints of a meeting's speakers, so recurring attendees are named without the clerk's help.

One d-vector (Resemblyzer's encoder, whatever the diarizer) per speaker from up to a minute of their
speech; compared by cosine similarity with the voiceprints of people enrolled with their consent.
Voiceprints are biometric personal data: the service stores them encrypted and only with consent.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from speech.audio import SAMPLING_RATE
from speech.types import Turn


def as_float(samples: np.ndarray) -> np.ndarray:
    """Float samples in [-1, 1] from float or int16 PCM (e.g. a memmap of the decoded audio)."""
    if np.issubdtype(samples.dtype, np.integer):
        return np.asarray(samples, dtype=np.float32) / 32768.0
    return np.asarray(samples, dtype=np.float32)

# Cosine similarity above which two voiceprints are taken as the same person. Resemblyzer's
# same-speaker pairs score about 0.85–0.95 and different speakers mostly below 0.75.
MATCH_THRESHOLD = 0.80


@dataclass(frozen=True)
class SpeakerMatch:
    label: str  # the diarizer's SPEAKER_01
    name: str  # the enrolled person
    similarity: float


class VoiceprintEncoder:
    """Cheap to construct; the encoder loads in ``warm_up()``."""

    def __init__(self, max_seconds_per_speaker: float = 60.0, min_seconds: float = 3.0) -> None:
        self.max_seconds = max_seconds_per_speaker
        self.min_seconds = min_seconds
        self._encoder = None
        self._lock = threading.Lock()

    def warm_up(self) -> None:
        with self._lock:
            if self._encoder is None:
                from resemblyzer import VoiceEncoder

                self._encoder = VoiceEncoder(device="cpu", verbose=False)

    def partials(self, region: np.ndarray, rate: float) -> tuple[np.ndarray, list[slice]]:
        """d-vectors of overlapping 1.6 s windows, ``rate`` per second, with the sample slices they cover."""
        self.warm_up()
        with self._lock:
            _, partials, splits = self._encoder.embed_utterance(region, return_partials=True, rate=rate,
                                                                min_coverage=0.5)
        return partials, splits

    def speaker_voiceprints(self, samples: np.ndarray, turns: Sequence[Turn]) -> dict[str, np.ndarray]:
        """A unit vector per speaker with at least ``min_seconds`` of speech (others are too thin to trust).

        ``samples``: float in [-1, 1] or int16 PCM; only the speakers' turns are read (a memmap stays on disk)."""
        self.warm_up()
        pieces: dict[str, list[np.ndarray]] = {}
        seconds: dict[str, float] = {}
        for turn in sorted(turns, key=lambda t: t.end - t.start, reverse=True):  # longest turns are cleanest
            if seconds.get(turn.speaker, 0.0) >= self.max_seconds:
                continue
            start, end = int(turn.start * SAMPLING_RATE), int(turn.end * SAMPLING_RATE)
            piece = as_float(samples[start:end])
            if piece.size:
                pieces.setdefault(turn.speaker, []).append(piece)
                seconds[turn.speaker] = seconds.get(turn.speaker, 0.0) + piece.size / SAMPLING_RATE
        voiceprints = {}
        for speaker, parts in pieces.items():
            if seconds[speaker] < self.min_seconds:
                continue
            with self._lock:
                vector = self._encoder.embed_utterance(np.concatenate(parts))
            voiceprints[speaker] = vector / np.linalg.norm(vector)
        return voiceprints


def match_speakers(voiceprints: Mapping[str, np.ndarray], enrolled: Mapping[str, np.ndarray],
                   threshold: float = MATCH_THRESHOLD) -> list[SpeakerMatch]:
    """Each enrolled person named at most once, to the most similar speaker above ``threshold``."""
    pairs = sorted(
        ((float(np.dot(vector, reference)), label, name)
         for label, vector in voiceprints.items() for name, reference in enrolled.items()),
        reverse=True,
    )
    used_labels: set[str] = set()
    used_names: set[str] = set()
    matches = []
    for similarity, label, name in pairs:
        if similarity < threshold:
            break
        if label in used_labels or name in used_names:
            continue
        used_labels.add(label)
        used_names.add(name)
        matches.append(SpeakerMatch(label=label, name=name, similarity=round(similarity, 4)))
    return sorted(matches, key=lambda m: m.label)
