"""Sentiment of a complaint (negative / neutral / positive) and emotions (anger, distress).

No Korean sentiment model ships offline, so the score comes from the city's editable lexicon
(``sentiment_lexicon.yaml``) and emoticons (``slang.yaml`` emotive), read before normalisation
removes them, plus the embedding's similarity to authored example sentences per label
(``sentiment_prototypes.yaml``), which tells a problem report ("물이 안 나와요") from an inquiry
even where no feeling word is used. Thanks and praise (칭찬 민원) are positive.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from nlp.dictionaries import Dictionaries
from nlp.korean import Analyzer, SpacyPipeline, TermMatcher, clean_unicode
from nlp.types import Sentiment, Token

LABELS = ("negative", "neutral", "positive")


@dataclass(frozen=True)
class SentimentOptions:
    # A complaint is a complaint: negative evidence weighs a little more than praise.
    negative_weight: float = 1.2
    positive_weight: float = 1.0
    emotion_weight: float = 1.5
    # Weight of the example-sentence similarity against one lexicon hit, and its softmax sharpness.
    prototype_weight: float = 2.0
    prototype_temperature: float = 0.02


class SentimentScorer:
    def __init__(
        self,
        dictionaries: Dictionaries,
        prototypes: Mapping[str, Sequence[str]],
        options: SentimentOptions | None = None,
    ) -> None:
        missing = [label for label in LABELS if not prototypes.get(label)]
        if missing:
            raise ValueError(f"sentiment prototypes lack {missing} (data/dictionaries/sentiment_prototypes.yaml)")
        self.dictionaries = dictionaries
        self.prototypes = {label: tuple(prototypes[label]) for label in LABELS}
        self.options = options or SentimentOptions()
        self._matcher: TermMatcher | None = None
        self._prototype_vectors: dict[str, np.ndarray] = {}

    def warm_up(self, embedder, analyzer: Analyzer, pipeline: SpacyPipeline) -> None:
        if self._matcher is not None:
            return
        self._prototype_vectors = {
            label: embedder.embed_passages(list(sentences)) for label, sentences in self.prototypes.items()
        }
        terms: dict[str, str] = {}
        for category in ("negative", "positive", "anger", "distress"):
            for phrase in self.dictionaries.sentiment_lexicon.get(category, ()):
                terms.setdefault(phrase, f"{category}\t{phrase}")
        self._matcher = TermMatcher(pipeline, analyzer, terms)

    def _prototype_probabilities(self, vector: np.ndarray) -> np.ndarray:
        # Mean of the 3 nearest examples per label: robust to one odd example sentence.
        similarity = np.array(
            [np.sort(self._prototype_vectors[label] @ vector)[-3:].mean() for label in LABELS]
        )
        exp = np.exp((similarity - similarity.max()) / self.options.prototype_temperature)
        return exp / exp.sum()

    def score(self, raw_text: str, normalized_text: str, tokens: Sequence[Token], vector: np.ndarray) -> Sentiment:
        """``raw_text`` is read for emoticons (normalisation deletes them), the rest for words."""
        if self._matcher is None:
            raise RuntimeError("call warm_up() before score()")
        counts = {"negative": 0.0, "positive": 0.0, "anger": 0.0, "distress": 0.0}
        for key in self._matcher.find(normalized_text, tokens):
            counts[key.split("\t", 1)[0]] += 1
        raw = clean_unicode(raw_text)
        for category, marks in self.dictionaries.emotive.items():
            if category in counts and any(mark in raw for mark in marks):
                counts[category] += 1
        negative = (
            self.options.negative_weight * counts["negative"]
            + self.options.emotion_weight * (counts["anger"] + counts["distress"])
        )
        positive = self.options.positive_weight * counts["positive"]
        evidence = np.array([negative, 0.0, positive]) + self.options.prototype_weight * self._prototype_probabilities(
            vector
        )
        probabilities = evidence / evidence.sum()
        label = LABELS[int(np.argmax(probabilities))]
        scores = {name: round(float(p), 3) for name, p in zip(LABELS, probabilities, strict=True)}
        emotions = tuple(name for name in ("anger", "distress") if counts[name] > 0)
        return Sentiment(label=label, scores=scores, emotions=emotions)
