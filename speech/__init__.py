"""Speech: decode recordings, transcribe Korean meetings with speakers, draft and export minutes."""

from speech.asr import AsrOptions, Transcriber
from speech.audio import SAMPLING_RATE, load_audio, probe_duration
from speech.diarize import DiarizationOptions, ResemblyzerDiarizer, SenkoDiarizer, assign_speakers, make_diarizer
from speech.documents import MinutesDocumentWriter, get_document_writer, public_minutes, read_hwpx_text
from speech.errors import AudioDecodeError, AudioTooLongError, EmptyAudioError, ModelNotFoundError, SpeechError
from speech.live import CaptionEvent, LiveOptions, LiveTranscriber
from speech.longform import JobCancelled, LongFormOptions, RecordingTranscriber
from speech.minutes import DraftOptions, MinutesDrafter, transcript_from_lines, transcript_lines
from speech.types import (
    ActionItem,
    AgendaItem,
    Decision,
    Minutes,
    MinutesMetadata,
    Segment,
    Transcript,
    TranscriptionInfo,
    TranscriptLine,
    Turn,
    Word,
)
from speech.writers import get_writer, read_transcript, transcript_from_json

__all__ = [
    "SAMPLING_RATE",
    "ActionItem",
    "AgendaItem",
    "AsrOptions",
    "AudioDecodeError",
    "AudioTooLongError",
    "CaptionEvent",
    "Decision",
    "DiarizationOptions",
    "DraftOptions",
    "EmptyAudioError",
    "JobCancelled",
    "LiveOptions",
    "LiveTranscriber",
    "LongFormOptions",
    "Minutes",
    "MinutesDocumentWriter",
    "MinutesDrafter",
    "MinutesMetadata",
    "ModelNotFoundError",
    "RecordingTranscriber",
    "ResemblyzerDiarizer",
    "Segment",
    "SenkoDiarizer",
    "SpeechError",
    "Transcriber",
    "Transcript",
    "TranscriptLine",
    "TranscriptionInfo",
    "Turn",
    "Word",
    "assign_speakers",
    "get_document_writer",
    "get_writer",
    "load_audio",
    "make_diarizer",
    "probe_duration",
    "public_minutes",
    "read_hwpx_text",
    "read_transcript",
    "transcript_from_json",
    "transcript_from_lines",
    "transcript_lines",
]
