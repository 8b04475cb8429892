"""Speech: decode recordings, transcribe Korean speech, write transcripts."""

from speech.asr import AsrOptions, Transcriber
from speech.audio import SAMPLING_RATE, load_audio, probe_duration
from speech.diarize import DiarizationOptions, ResemblyzerDiarizer, SenkoDiarizer, assign_speakers, make_diarizer
from speech.errors import AudioDecodeError, AudioTooLongError, EmptyAudioError, ModelNotFoundError, SpeechError
from speech.types import Segment, Transcript, TranscriptionInfo, Turn, Word
from speech.writers import get_writer

__all__ = [
    "SAMPLING_RATE",
    "AsrOptions",
    "AudioDecodeError",
    "AudioTooLongError",
    "DiarizationOptions",
    "EmptyAudioError",
    "ModelNotFoundError",
    "ResemblyzerDiarizer",
    "Segment",
    "SenkoDiarizer",
    "SpeechError",
    "Transcriber",
    "Transcript",
    "TranscriptionInfo",
    "Turn",
    "Word",
    "assign_speakers",
    "get_writer",
    "load_audio",
    "make_diarizer",
    "probe_duration",
]
