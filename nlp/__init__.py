"""Korean text and complaint AI: morphology, dictionaries, PII masking, classification, routing,
urgency, sentiment, similar cases and analytics."""

from nlp.dictionaries import Dictionaries, DictionaryStore, load_dictionaries
from nlp.errors import AnalyzerUnavailableError, DictionaryError, ModelNotTrainedError, NlpError
from nlp.korean import KiwiAnalyzer, OktAnalyzer, SpacyPipeline, TermMatcher, normalize
from nlp.pii import PiiMasker
from nlp.pipeline import ComplaintAnalysis, ComplaintAnalyzer, ComplaintInput, LabelledComplaint
from nlp.types import (
    Candidate,
    ComplaintRecord,
    MaskedText,
    PiiSpan,
    Prediction,
    Sentiment,
    SimilarCase,
    Token,
    Urgency,
)

__all__ = [
    "AnalyzerUnavailableError",
    "Candidate",
    "ComplaintAnalysis",
    "ComplaintAnalyzer",
    "ComplaintInput",
    "ComplaintRecord",
    "Dictionaries",
    "DictionaryError",
    "DictionaryStore",
    "KiwiAnalyzer",
    "LabelledComplaint",
    "MaskedText",
    "ModelNotTrainedError",
    "NlpError",
    "OktAnalyzer",
    "PiiMasker",
    "PiiSpan",
    "Prediction",
    "Sentiment",
    "SimilarCase",
    "SpacyPipeline",
    "TermMatcher",
    "Token",
    "Urgency",
    "load_dictionaries",
    "normalize",
]
