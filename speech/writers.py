"""Transcript writers, one class per output format behind ``get_writer(fmt)``."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import ClassVar, TextIO

from speech.errors import SpeechError
from speech.types import Segment, Transcript, TranscriptionInfo, Turn, Word


def format_timestamp(seconds: float, decimal: str = ".", always_hours: bool = True) -> str:
    milliseconds = max(0, round(seconds * 1000))
    hours, milliseconds = divmod(milliseconds, 3_600_000)
    minutes, milliseconds = divmod(milliseconds, 60_000)
    secs, milliseconds = divmod(milliseconds, 1000)
    head = f"{hours:02d}:" if always_hours or hours else ""
    return f"{head}{minutes:02d}:{secs:02d}{decimal}{milliseconds:03d}"


def _line(segment_text: str, speaker: str | None) -> str:
    return f"[{speaker}] {segment_text}" if speaker else segment_text


class TranscriptWriter:
    extension: ClassVar[str]

    def write(self, transcript: Transcript, stream: TextIO) -> None:
        raise NotImplementedError

    def write_file(self, transcript: Transcript, path: str | Path) -> None:
        with open(path, "w", encoding="utf-8") as stream:
            self.write(transcript, stream)


class JsonWriter(TranscriptWriter):
    extension = "json"

    def write(self, transcript: Transcript, stream: TextIO) -> None:
        json.dump(self.document(transcript), stream, ensure_ascii=False, indent=2)

    @staticmethod
    def document(transcript: Transcript) -> dict:
        """The JSON the CLI prints, the API returns and the minutes store (``read_transcript`` reads it back)."""
        speakers = sorted({s.speaker for s in transcript.segments if s.speaker} | {t.speaker for t in transcript.turns})
        return {
            "duration": round(transcript.info.duration, 3),
            "language": transcript.info.language,
            "language_probability": round(transcript.info.language_probability, 4),
            "speakers": speakers,
            "turns": [asdict(turn) for turn in transcript.turns],
            "segments": [
                {
                    "start": s.start,
                    "end": s.end,
                    "speaker": s.speaker,
                    "text": s.text,
                    "words": [asdict(w) for w in s.words],
                }
                for s in transcript.segments
            ],
        }


class TextWriter(TranscriptWriter):
    extension = "txt"

    def write(self, transcript: Transcript, stream: TextIO) -> None:
        for segment in transcript.segments:
            stream.write(_line(segment.text, segment.speaker) + "\n")


class SrtWriter(TranscriptWriter):
    extension = "srt"

    def write(self, transcript: Transcript, stream: TextIO) -> None:
        for index, segment in enumerate(transcript.segments, start=1):
            start = format_timestamp(segment.start, decimal=",")
            end = format_timestamp(segment.end, decimal=",")
            stream.write(f"{index}\n{start} --> {end}\n{_line(segment.text, segment.speaker)}\n\n")


class VttWriter(TranscriptWriter):
    extension = "vtt"

    def write(self, transcript: Transcript, stream: TextIO) -> None:
        stream.write("WEBVTT\n\n")
        for segment in transcript.segments:
            start = format_timestamp(segment.start)
            end = format_timestamp(segment.end)
            text = f"<v {segment.speaker}>{segment.text}" if segment.speaker else segment.text
            stream.write(f"{start} --> {end}\n{text}\n\n")


WRITERS: dict[str, type[TranscriptWriter]] = {
    cls.extension: cls for cls in (JsonWriter, TextWriter, SrtWriter, VttWriter)
}


def transcript_from_json(data: dict) -> Transcript:
    """The inverse of ``JsonWriter.document``."""
    if not isinstance(data, dict):
        raise SpeechError("not a civicai transcript JSON object (전사 JSON 형식이 아닙니다)")
    try:
        info = TranscriptionInfo(
            language=str(data.get("language") or ""),
            language_probability=float(data.get("language_probability", 1.0)),
            duration=float(data.get("duration") or 0.0),
        )
        segments = tuple(
            Segment(
                start=float(s["start"]),
                end=float(s["end"]),
                text=str(s.get("text", "")),
                speaker=s.get("speaker"),
                words=tuple(Word(**w) for w in s.get("words", ())),
            )
            for s in data.get("segments", ())
        )
        turns = tuple(Turn(start=float(t["start"]), end=float(t["end"]), speaker=str(t["speaker"]))
                      for t in data.get("turns", ()))
    except (TypeError, KeyError, ValueError, AttributeError) as error:
        raise SpeechError(f"not a civicai transcript JSON (전사 JSON 형식이 아닙니다): {error}") from error
    return Transcript(info=info, segments=segments, turns=turns)


def read_transcript(path: str | Path) -> Transcript:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SpeechError(
            f"{Path(path).name}: cannot read transcript JSON (전사 파일을 읽을 수 없습니다): {error}"
        ) from error
    return transcript_from_json(data)


def get_writer(fmt: str) -> TranscriptWriter:
    try:
        return WRITERS[fmt.lower()]()
    except KeyError:
        raise SpeechError(
            f"unknown transcript format {fmt!r}; choose one of {', '.join(sorted(WRITERS))}"
        ) from None
