"""Errors of the nlp package. Messages name the value received, what is allowed, and the fix."""


class NlpError(Exception):
    """Base class of every error the nlp package raises on purpose."""


class DictionaryError(NlpError):
    """A dictionary or registry file is missing or malformed."""


class AnalyzerUnavailableError(NlpError):
    """An optional analyzer's package is not installed."""


class ModelNotTrainedError(NlpError):
    """A supervised model was asked for but none has been trained."""

