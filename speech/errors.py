"""Errors of the speech package. Messages name the value received, what is allowed, and the fix."""


class SpeechError(Exception):
    """Base class of every error the speech package raises on purpose."""


class AudioDecodeError(SpeechError):
    """The file is not audio or video we can decode (or it has no audio track)."""


class EmptyAudioError(SpeechError):
    """The file decodes but holds no samples."""


class AudioTooLongError(SpeechError):
    """The recording is longer than the configured limit."""


class ModelNotFoundError(SpeechError):
    """The Whisper model folder is missing or incomplete."""
