"""Character error rate on a city's own recordings: how a city checks what the recogniser gets right.

Put recordings and their reference transcripts side by side in one folder (subfolders are searched too)::

    council-2025-03-04.m4a   council-2025-03-04.txt
    desk-call-017.wav        desk-call-017.txt

``evaluate_folder`` transcribes every recording that has a ``.txt`` of the same name and compares the two
after normalisation (NFC, lower case, only letters, digits and combining marks kept, so spacing and
punctuation, which Korean writers and Whisper place differently, do not count). CER is the Levenshtein
distance over reference characters (syllables for Hangul); the total is the sum of edits over the sum of
reference characters, so long recordings weigh more than short ones. The report holds counts and timings
only, never the transcripts (recordings of citizens may carry personal details).
"""

from __future__ import annotations

import logging
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

logger = logging.getLogger(__name__)

AUDIO_SUFFIXES = (".wav", ".mp3", ".m4a", ".aac", ".ogg", ".oga", ".opus", ".flac", ".webm", ".mp4", ".wma",
                  ".3gp", ".amr", ".mkv", ".mov")
REFERENCE_SUFFIX = ".txt"


def normalise(text: str) -> str:
    """NFC, lower case, and only letters, digits and combining marks: spaces and punctuation do not count."""
    text = unicodedata.normalize("NFC", text).casefold()
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LNM")


def edit_distance(reference: str, hypothesis: str) -> int:
    """Levenshtein distance (substitutions, deletions, insertions all cost 1), row by row in numpy.

    Within a row, insertions chain left to right: ``row[j] = min_k≤j (candidate[k] + j - k)``, which is a
    running minimum of ``candidate - index``, so each row is a few vector operations and memory stays
    linear: an hour of speech (about 20,000 syllables each side) takes seconds.
    """
    if len(reference) < len(hypothesis):
        reference, hypothesis = hypothesis, reference
    if not hypothesis:
        return len(reference)
    columns = np.frombuffer(hypothesis.encode("utf-32-le"), dtype=np.uint32)
    index = np.arange(len(hypothesis) + 1, dtype=np.int64)
    previous = index.copy()
    for n, character in enumerate(reference, start=1):
        candidate = np.empty_like(previous)
        candidate[0] = n
        substitution = previous[:-1] + (columns != ord(character))
        np.minimum(substitution, previous[1:] + 1, out=candidate[1:])
        previous = np.minimum.accumulate(candidate - index) + index
    return int(previous[-1])


def character_error_rate(reference: str, hypothesis: str) -> float:
    """Edits needed to turn the hypothesis into the reference, per reference character, after ``normalise``.

    An empty reference (after normalisation) gives 0.0 when the hypothesis is empty too and 1.0 otherwise:
    any text there is wrong, and a ratio over zero characters would be infinite.
    """
    reference, hypothesis = normalise(reference), normalise(hypothesis)
    if not reference:
        return 0.0 if not hypothesis else 1.0
    return edit_distance(reference, hypothesis) / len(reference)


@dataclass(frozen=True)
class FileCer:
    """One recording: counts and timings, or the error that kept it from being scored."""

    name: str  # path relative to the folder
    duration_s: float = 0.0
    reference_characters: int = 0
    hypothesis_characters: int = 0
    edits: int = 0
    seconds: float = 0.0  # decoding + transcription
    error: str | None = None

    @property
    def cer(self) -> float | None:
        """None when the file failed or its reference is empty (its edits still count in the total)."""
        if self.error is not None or self.reference_characters == 0:
            return None
        return self.edits / self.reference_characters

    @property
    def rtf(self) -> float | None:
        return self.seconds / self.duration_s if self.error is None and self.duration_s > 0 else None


@dataclass(frozen=True)
class CerReport:
    folder: str
    files: tuple[FileCer, ...]  # scored and failed recordings, in name order
    skipped: tuple[str, ...] = ()  # recordings without a reference, references without a recording

    @property
    def scored(self) -> tuple[FileCer, ...]:
        return tuple(f for f in self.files if f.error is None)

    @property
    def errors(self) -> tuple[FileCer, ...]:
        return tuple(f for f in self.files if f.error is not None)

    @property
    def total_edits(self) -> int:
        return sum(f.edits for f in self.scored)

    @property
    def total_reference_characters(self) -> int:
        return sum(f.reference_characters for f in self.scored)

    @property
    def cer(self) -> float | None:
        """Sum of edits over sum of reference characters (None when nothing was scored)."""
        characters = self.total_reference_characters
        return self.total_edits / characters if characters else None

    @property
    def audio_seconds(self) -> float:
        return sum(f.duration_s for f in self.scored)

    @property
    def rtf(self) -> float | None:
        audio = self.audio_seconds
        return sum(f.seconds for f in self.scored) / audio if audio else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "folder": self.folder,
            "cer": self.cer,
            "rtf": self.rtf,
            "total_edits": self.total_edits,
            "total_reference_characters": self.total_reference_characters,
            "audio_seconds": self.audio_seconds,
            "files": [{"name": f.name, "duration_s": f.duration_s, "reference_characters": f.reference_characters,
                       "hypothesis_characters": f.hypothesis_characters, "edits": f.edits, "cer": f.cer,
                       "seconds": f.seconds, "rtf": f.rtf, "error": f.error} for f in self.files],
            "skipped": list(self.skipped),
        }

    def markdown(self) -> str:
        def number(value: float | None, digits: int = 3) -> str:
            return "–" if value is None else f"{value:.{digits}f}"

        lines = [
            f"# 음성 인식 정확도 (character error rate): `{self.folder}`",
            "",
            f"{len(self.scored)} recordings scored ({self.audio_seconds / 60:.1f} min), {len(self.errors)} failed, "
            f"{len(self.skipped)} skipped. Total CER **{number(self.cer)}** "
            f"({self.total_edits} edits / {self.total_reference_characters} reference characters), "
            f"real-time factor {number(self.rtf)}. Spaces and punctuation are not counted.",
            "",
            "| file | minutes | reference characters | recognised characters | edits | CER | RTF |",
            "|---|---|---|---|---|---|---|",
        ]
        for f in self.scored:
            lines.append(f"| {f.name} | {f.duration_s / 60:.1f} | {f.reference_characters} | {f.hypothesis_characters} "
                         f"| {f.edits} | {number(f.cer)} | {number(f.rtf)} |")
        lines.append(f"| **total** | {self.audio_seconds / 60:.1f} | {self.total_reference_characters} "
                     f"| {sum(f.hypothesis_characters for f in self.scored)} | {self.total_edits} "
                     f"| **{number(self.cer)}** | {number(self.rtf)} |")
        if self.errors:
            lines += ["", "Failed (오류):", ""] + [f"- {f.name}: {f.error}" for f in self.errors]
        if self.skipped:
            lines += ["", "Skipped, no matching recording or reference (건너뜀):", ""]
            lines += [f"- {name}" for name in self.skipped]
        return "\n".join(lines) + "\n"


def read_reference(path: Path) -> str:
    """A reference transcript: UTF-8 (a BOM is fine), any line breaks."""
    return path.read_text(encoding="utf-8-sig")


def _pairs(folder: Path) -> tuple[list[tuple[Path, Path]], list[str]]:
    audio = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in AUDIO_SUFFIXES)
    references = {p.with_suffix(""): p for p in folder.rglob("*") if p.is_file() and p.suffix == REFERENCE_SUFFIX}
    pairs, skipped, matched = [], [], set()
    for path in audio:
        reference = references.get(path.with_suffix(""))
        if reference is None:
            skipped.append(f"{path.relative_to(folder)} (no {path.stem}{REFERENCE_SUFFIX})")
        elif reference in matched:
            skipped.append(f"{path.relative_to(folder)} ({reference.name} already paired with another recording)")
        else:
            matched.add(reference)
            pairs.append((path, reference))
    skipped += [f"{p.relative_to(folder)} (no recording)" for p in sorted(set(references.values()) - matched)]
    return pairs, skipped


def evaluate_folder(
    audio_dir: str | Path,
    transcriber: Any,
    options: Any = None,
    markdown_path: str | Path | None = None,
    progress: Callable[[float], None] | None = None,
) -> CerReport:
    """Transcribe every recording in ``audio_dir`` that has a reference ``.txt`` and score it.

    ``transcriber`` is a ``speech.Transcriber`` (or anything with its ``transcribe(samples, options)``);
    ``options`` its ``AsrOptions`` (the product's, with the city's glossary, for a fair figure). A recording
    that cannot be decoded or transcribed becomes an error row, not an exception. Writes the markdown
    table to ``markdown_path`` when given. ``progress`` receives 0–100 by files done.
    """
    from speech import load_audio
    from speech.audio import SAMPLING_RATE
    from speech.errors import SpeechError

    folder = Path(audio_dir)
    if not folder.is_dir():
        raise NotADirectoryError(f"{folder}: not a folder of recordings and .txt references (폴더가 아닙니다)")
    pairs, skipped = _pairs(folder)
    files: list[FileCer] = []
    for n, (audio_path, reference_path) in enumerate(pairs):
        name = str(audio_path.relative_to(folder))
        try:
            reference = normalise(read_reference(reference_path))
        except (OSError, UnicodeDecodeError) as error:
            files.append(FileCer(name, error=f"reference {reference_path.name} unreadable: {error}"))
            continue
        started = time.perf_counter()
        try:
            samples = load_audio(audio_path)
            segments, _info = transcriber.transcribe(samples, options)
            hypothesis = normalise(" ".join(segment.text for segment in segments))
        except (SpeechError, OSError, RuntimeError, ValueError) as error:
            logger.warning("%s: %s", name, error)
            files.append(FileCer(name, error=str(error).splitlines()[0] if str(error) else type(error).__name__))
            continue
        seconds = time.perf_counter() - started
        result = FileCer(name, duration_s=samples.size / SAMPLING_RATE, reference_characters=len(reference),
                         hypothesis_characters=len(hypothesis), edits=edit_distance(reference, hypothesis),
                         seconds=seconds)
        logger.info("%s: CER %s, RTF %.3f", name, "–" if result.cer is None else f"{result.cer:.3f}", result.rtf)
        files.append(result)
        if progress is not None:
            progress(100.0 * (n + 1) / len(pairs))
    report = CerReport(str(folder), tuple(files), tuple(skipped))
    if markdown_path is not None:
        Path(markdown_path).write_text(report.markdown(), encoding="utf-8")
    if progress is not None:
        progress(100.0)
    return report
