"""Complaint type classification and department routing.

Day one, with no labelled history, ``ZeroShotClassifier`` combines embedding similarity to each
label's description (registry duties, type names, the city's keyword hints) with keyword evidence
found by the term matcher. When the city has history, ``HistoryClassifier`` blends those scores
with the votes of the most similar labelled past complaints, so it starts from the day-one
knowledge instead of replacing it. Every prediction carries its top-3 and the matched terms.
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
from nlp.korean import Analyzer, SpacyPipeline, TermMatcher, content_tokens
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


@dataclass(frozen=True)
class HistoryOptions:
    """Blend of day-one scores, votes of the most similar past complaints and, once the history is large
    enough, a logistic regression over the embedding and morpheme TF-IDF (weights chosen by cross-validation
    on the dev set plus the authored history; never on held-out)."""

    neighbours: int = 10
    temperature: float = 0.05  # softmax over neighbour similarities: nearer cases vote more
    zero_shot_weight: float = 0.75
    # With a learned model the history says more, and the day-one scores get this weight instead.
    learned_zero_shot_weight: float = 0.35
    # Share of the non-zero-shot weight given to the learned model (the rest goes to the neighbours' votes).
    learned_share: float = 0.0
    # Below this many labelled complaints a regression over ~400 dimensions overfits; the neighbours carry it.
    min_learned_examples: int = 200
    regularisation: float = 4.0  # inverse strength C of the logistic regression


class HistoryClassifier:
    """Learns from the city's labelled history: the nearest past complaints vote, and with enough history a
    logistic regression over embedding + morpheme TF-IDF adds what the neighbours miss (words specific to
    one department that the embedding blurs).

    Clerks' corrections (``remember``) join the neighbours at once; the regression learns them at the next
    ``train --append``. The zero-shot scores keep labels with little history reachable.
    """

    def __init__(self, zero_shot: ZeroShotClassifier, options: HistoryOptions | None = None) -> None:
        self.zero_shot = zero_shot
        self.options = options or HistoryOptions()
        self._vectors = np.zeros((0, 0), dtype=np.float32)
        self._labels: list[str] = []
        self._learned: LearnedModel | None = None

    def __len__(self) -> int:
        return len(self._labels)

    def fit(self, features: Sequence[TextFeatures], labels: Sequence[str]) -> HistoryClassifier:
        self._vectors = np.zeros((0, 0), dtype=np.float32)
        self._labels = []
        self.remember(features, labels)
        self._learned = None
        if self.options.learned_share > 0 and len(labels) >= self.options.min_learned_examples \
                and len(set(labels)) > 1:
            self._learned = LearnedModel.fit(features, labels, self.options.regularisation)
        return self

    def remember(self, features: Sequence[TextFeatures], labels: Sequence[str]) -> HistoryClassifier:
        unknown = sorted(set(labels) - set(self.zero_shot.codes))
        if unknown:
            raise NlpError(f"labels {unknown} are not in the registry ({', '.join(self.zero_shot.codes)})")
        if len(features) != len(labels):
            raise NlpError(f"{len(features)} texts but {len(labels)} labels")
        if not features:
            return self
        vectors = np.stack([item.vector for item in features]).astype(np.float32)
        self._vectors = vectors if not len(self._labels) else np.concatenate([self._vectors, vectors])
        self._labels.extend(labels)
        return self

    def predict(self, features: Sequence[TextFeatures]) -> list[Prediction]:
        if not self._labels:
            raise ModelNotTrainedError("no labelled history; run `civicai complaints train`")
        scores, evidence = self.zero_shot.raw_scores(features)
        zero_shot = _softmax(scores, self.zero_shot.options.temperature)
        index = {code: i for i, code in enumerate(self.zero_shot.codes)}
        similarity = np.stack([item.vector for item in features]) @ self._vectors.T
        k = min(self.options.neighbours, len(self._labels))
        learned = self._learned.probabilities(features, self.zero_shot.codes) if self._learned is not None else None
        weight = self.options.zero_shot_weight if learned is None else self.options.learned_zero_shot_weight
        predictions = []
        for row in range(len(features)):
            nearest = np.argpartition(-similarity[row], k - 1)[:k]
            weights = np.exp((similarity[row, nearest] - similarity[row, nearest].max()) / self.options.temperature)
            votes = np.zeros(len(self.zero_shot.codes))
            for j, weight in zip(nearest, weights, strict=True):
                votes[index[self._labels[j]]] += weight
            history_share = (votes / votes.sum()) if learned is None else (
                (1 - self.options.learned_share) * votes / votes.sum() + self.options.learned_share * learned[row])
            blended = weight * zero_shot[row] + (1 - weight) * history_share
            top = _top(self.zero_shot.codes, blended, ())
            predictions.append(Prediction(top.code, top.score, top.candidates,
                                          self.zero_shot._evidence_for(evidence[row], top.code)))
        return predictions

    def save(self, folder: Path, metadata: dict) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        np.save(folder / "vectors.npy", self._vectors)
        (folder / "labels.json").write_text(json.dumps(self._labels, ensure_ascii=False), encoding="utf-8")
        if self._learned is not None:
            self._learned.save(folder / LEARNED_FILE)
        (folder / "meta.json").write_text(
            json.dumps({"saved_at": datetime.now(UTC).isoformat(), **metadata}, ensure_ascii=False, indent=2),
            encoding="utf-8",
        )
        return folder

    def load(self, folder: Path) -> HistoryClassifier:
        if not (folder / "labels.json").is_file():
            raise ModelNotTrainedError(f"no trained model at {folder}; run `civicai complaints train`")
        labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
        unknown = sorted(set(labels) - set(self.zero_shot.codes))
        if unknown:
            raise ModelNotTrainedError(f"model at {folder} uses codes {unknown} no longer in the registry")
        self._vectors, self._labels = np.load(folder / "vectors.npy"), labels
        # A model saved before the regression existed, or with too little history for one, has no file.
        learned = folder / LEARNED_FILE
        self._learned = LearnedModel.load(learned) if learned.is_file() and self.options.learned_share > 0 else None
        return self


LEARNED_FILE = "learned.joblib"


def _lemmas(features: TextFeatures) -> list[str]:
    return [token.lemma for token in content_tokens(features.tokens)]


class LearnedModel:
    """Logistic regression over [embedding | morpheme-lemma TF-IDF]: the supervised part of the history model."""

    def __init__(self, vectorizer, model) -> None:
        self.vectorizer = vectorizer
        self.model = model

    @classmethod
    def fit(cls, features: Sequence[TextFeatures], labels: Sequence[str], regularisation: float) -> LearnedModel:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        # Lemma lists are the documents: the vectorizer must not split or lower-case them again.
        vectorizer = TfidfVectorizer(analyzer=_identity, min_df=2, sublinear_tf=True)
        vectorizer.fit([_lemmas(item) for item in features])
        model = LogisticRegression(C=regularisation, max_iter=3000, class_weight="balanced")
        model.fit(cls._matrix(vectorizer, features), list(labels))
        return cls(vectorizer, model)

    @staticmethod
    def _matrix(vectorizer, features: Sequence[TextFeatures]):
        from scipy.sparse import csr_matrix, hstack

        dense = csr_matrix(np.stack([item.vector for item in features]).astype(np.float32))
        return hstack([dense, vectorizer.transform([_lemmas(item) for item in features])]).tocsr()

    def probabilities(self, features: Sequence[TextFeatures], codes: Sequence[str]) -> np.ndarray:
        """Shape (texts, len(codes)); codes the history never saw get 0."""
        known = self.model.predict_proba(self._matrix(self.vectorizer, features))
        result = np.zeros((len(features), len(codes)))
        column = {code: i for i, code in enumerate(codes)}
        for j, code in enumerate(self.model.classes_):
            if code in column:
                result[:, column[code]] = known[:, j]
        return result

    def save(self, path: Path) -> None:
        import joblib

        joblib.dump({"vectorizer": self.vectorizer, "model": self.model}, path)

    @classmethod
    def load(cls, path: Path) -> LearnedModel:
        import joblib

        saved = joblib.load(path)
        return cls(saved["vectorizer"], saved["model"])


def _identity(lemmas: list[str]) -> list[str]:
    return lemmas
