"""Errors of the speech package. Messages name the value received, what is allowed, and the fix."""


class SpeechError(Exception):
    """Base class of every error the speech package raises on purpose."""


class AudioDecodeError(SpeechError):
    """The file is not audio or video we can decode."""


class EmptyAudioError(SpeechError):
    """The file decodes but holds no samples, or is a video without an audio track."""


class AudioTooLongError(SpeechError):
    """The recording is longer than the configured limit."""


class ModelNotFoundError(SpeechError):
    """The Whisper model folder is missing or incomplete."""
