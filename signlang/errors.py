"""Errors of the signlang package. Messages name the value received, what is allowed, and the fix."""


class SignLanguageError(Exception):
    """Base class of every error the signlang package raises on purpose."""


class LexiconError(SignLanguageError):
    """The sign lexicon or sentence DB is missing or malformed."""
