"""Complaint type classification and department routing.

Day one, with no labelled history, ``ZeroShotClassifier`` combines embedding similarity to each
label's description (registry duties, type names, the city's keyword hints) with keyword evidence
found by the term matcher. When the city has history, ``SupervisedClassifier`` learns a logistic
regression over the embedding, morpheme TF-IDF and the zero-shot scores, so it starts from the
day-one knowledge instead of replacing it. Every prediction carries its top-3 and the matched terms.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from nlp.errors import ModelNotTrainedError, NlpError
from nlp.korean import Analyzer, SpacyPipeline, TermMatcher
from nlp.types import Candidate, Prediction, Token

logger = logging.getLogger(__name__)

TOP_K = 3


@dataclass(frozen=True)
class LabelProfile:
    """What the zero-shot classifier knows of a label: descriptive sentences and keywords."""

    code: str
    descriptions: tuple[str, ...]
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class ZeroShotOptions:
    # Weight of one keyword hit relative to cosine similarity (cosines of e5-small sit in 0.75–0.9,
    # so differences between labels are a few hundredths; one specific keyword should outweigh that).
    keyword_weight: float = 0.03
    # Softmax temperature turning combined scores into probabilities; calibrated on the dev set.
    temperature: float = 0.02


@dataclass(frozen=True)
class TextFeatures:
    """What the classifiers read of one complaint, computed once per text."""

    text: str
    tokens: tuple[Token, ...]
    vector: np.ndarray  # L2-normalised query embedding


def _softmax(scores: np.ndarray, temperature: float) -> np.ndarray:
    scaled = scores / temperature
    scaled -= scaled.max(axis=1, keepdims=True)
    exp = np.exp(scaled)
    return exp / exp.sum(axis=1, keepdims=True)


def _top(codes: Sequence[str], probabilities: np.ndarray, evidence: tuple[str, ...]) -> Prediction:
    order = np.argsort(-probabilities)[:TOP_K]
    candidates = tuple(Candidate(code=codes[i], score=round(float(probabilities[i]), 4)) for i in order)
    return Prediction(code=candidates[0].code, score=candidates[0].score, candidates=candidates, evidence=evidence)


class ZeroShotClassifier:
    """Embedding similarity to label descriptions plus dictionary keyword evidence."""

    def __init__(self, labels: Sequence[LabelProfile], options: ZeroShotOptions | None = None) -> None:
        if not labels:
            raise NlpError("a classifier needs at least one label")
        codes = [label.code for label in labels]
        if len(set(codes)) != len(codes):
            raise NlpError(f"duplicate label codes in {codes}")
        self.labels = tuple(labels)
        self.codes = tuple(codes)
        self.options = options or ZeroShotOptions()
        self._label_vectors: np.ndarray | None = None
        self._matcher: TermMatcher | None = None

    def warm_up(self, embedder, analyzer: Analyzer, pipeline: SpacyPipeline) -> None:
        if self._label_vectors is not None:
            return
        vectors = []
        for label in self.labels:
            embedded = embedder.embed_passages(list(label.descriptions))
            centroid = embedded.mean(axis=0)
            vectors.append(centroid / np.linalg.norm(centroid))
        self._label_vectors = np.stack(vectors).astype(np.float32)
        keyword_map: dict[str, str] = {}
        for label in self.labels:
            for keyword in label.keywords:
                keyword_map.setdefault(keyword, f"{label.code}\t{keyword}")
        self._matcher = TermMatcher(pipeline, analyzer, keyword_map)

    def raw_scores(self, features: Sequence[TextFeatures]) -> tuple[np.ndarray, list[tuple[str, ...]]]:
        """Combined (similarity + keyword) scores, shape (texts, labels), and the evidence per text."""
        if self._label_vectors is None or self._matcher is None:
            raise NlpError("call warm_up() before classifying")
        if not features:
            return np.zeros((0, len(self.codes)), dtype=np.float32), []
        similarity = np.stack([f.vector for f in features]) @ self._label_vectors.T
        hits = np.zeros_like(similarity)
        evidence: list[tuple[str, ...]] = []
        index = {code: i for i, code in enumerate(self.codes)}
        for row, item in enumerate(features):
            matched = self._matcher.find(item.text, item.tokens)
            terms = []
            for key in matched:
                code, keyword = key.split("\t", 1)
                # Longer keywords are more specific ("장애인전용주차구역" vs "주차").
                hits[row, index[code]] += min(2.0, len(keyword.replace(" ", "")) / 3)
                terms.append(keyword)
            evidence.append(tuple(terms))
        return similarity + self.options.keyword_weight * hits, evidence

    def predict(self, features: Sequence[TextFeatures]) -> list[Prediction]:
        scores, evidence = self.raw_scores(features)
        probabilities = _softmax(scores, self.options.temperature)
        predictions = []
        for row in range(len(features)):
            best = self.codes[int(np.argmax(scores[row]))]
            predictions.append(_top(self.codes, probabilities[row], self._evidence_for(evidence[row], best)))
        return predictions

    def _evidence_for(self, terms: tuple[str, ...], code: str) -> tuple[str, ...]:
        label = next(label for label in self.labels if label.code == code)
        keywords = set(label.keywords)
        return tuple(term for term in terms if term in keywords)


class SupervisedClassifier:
    """Logistic regression on [embedding, morpheme TF-IDF, zero-shot scores], trained on city history."""

    def __init__(self, zero_shot: ZeroShotClassifier) -> None:
        self.zero_shot = zero_shot
        self._model = None
        self._tfidf = None
        self.trained_codes: tuple[str, ...] = ()

    @staticmethod
    def _morpheme_text(item: TextFeatures) -> str:
        return " ".join(token.lemma for token in item.tokens if token.tag.startswith(("N", "V", "X", "S")))

    def _matrix(self, features: Sequence[TextFeatures], fit: bool = False):
        from scipy.sparse import csr_matrix, hstack

        morphemes = [self._morpheme_text(item) for item in features]
        if fit:
            from sklearn.feature_extraction.text import TfidfVectorizer

            self._tfidf = TfidfVectorizer(token_pattern=r"\S+", ngram_range=(1, 2), min_df=1, sublinear_tf=True)
            tfidf = self._tfidf.fit_transform(morphemes)
        else:
            tfidf = self._tfidf.transform(morphemes)
        zero_shot, _ = self.zero_shot.raw_scores(features)
        zero_shot = _softmax(zero_shot, self.zero_shot.options.temperature)
        vectors = np.stack([item.vector for item in features])
        return hstack([csr_matrix(vectors), tfidf, csr_matrix(zero_shot * 2.0)]).tocsr()

    def fit(self, features: Sequence[TextFeatures], labels: Sequence[str]) -> SupervisedClassifier:
        from sklearn.linear_model import LogisticRegression

        unknown = sorted(set(labels) - set(self.zero_shot.codes))
        if unknown:
            raise NlpError(f"training labels {unknown} are not in the registry ({', '.join(self.zero_shot.codes)})")
        if len(set(labels)) < 2:
            raise NlpError("training needs at least two different labels")
        matrix = self._matrix(features, fit=True)
        self._model = LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced")
        self._model.fit(matrix, list(labels))
        self.trained_codes = tuple(self._model.classes_)
        return self

    def predict(self, features: Sequence[TextFeatures]) -> list[Prediction]:
        if self._model is None:
            raise ModelNotTrainedError("no supervised model is trained; run `civicai complaints train`")
        probabilities = self._model.predict_proba(self._matrix(features))
        _, evidence = self.zero_shot.raw_scores(features)
        predictions = []
        for row in range(len(features)):
            top = _top(self.trained_codes, probabilities[row], ())
            predictions.append(
                Prediction(top.code, top.score, top.candidates, self.zero_shot._evidence_for(evidence[row], top.code))
            )
        return predictions

    def save(self, folder: Path, metadata: dict) -> Path:
        import joblib

        folder.mkdir(parents=True, exist_ok=True)
        joblib.dump({"model": self._model, "tfidf": self._tfidf, "codes": self.trained_codes}, folder / "model.joblib")
        (folder / "meta.json").write_text(
            json.dumps({"saved_at": datetime.now(UTC).isoformat(), **metadata}, ensure_ascii=False, indent=2),
            encoding="utf-8",
        )
        return folder

    def load(self, folder: Path) -> SupervisedClassifier:
        import joblib

        path = folder / "model.joblib"
        if not path.is_file():
            raise ModelNotTrainedError(f"no trained model at {path}; run `civicai complaints train`")
        state = joblib.load(path)
        self._model, self._tfidf, self.trained_codes = state["model"], state["tfidf"], tuple(state["codes"])
        return self
