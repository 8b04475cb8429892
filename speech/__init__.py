"""Speech: decode recordings, transcribe Korean speech, write transcripts."""

from speech.asr import AsrOptions, Transcriber
from speech.audio import SAMPLING_RATE, load_audio, probe_duration
from speech.errors import AudioDecodeError, AudioTooLongError, EmptyAudioError, ModelNotFoundError, SpeechError
from speech.types import Segment, Transcript, TranscriptionInfo, Word
from speech.writers import get_writer

__all__ = [
    "SAMPLING_RATE",
    "AsrOptions",
    "AudioDecodeError",
    "AudioTooLongError",
    "EmptyAudioError",
    "ModelNotFoundError",
    "Segment",
    "SpeechError",
    "Transcriber",
    "Transcript",
    "TranscriptionInfo",
    "Word",
    "get_writer",
    "load_audio",
    "probe_duration",
]
