"""Urgent / dangerous complaint flagging: dictionary hits plus a semantic score.

The dictionary catches named dangers (싱크홀, 화재, 가스누출); the semantic score catches danger
phrased in plain words ("도로가 꺼졌어요", "연기가 나요") by comparing the complaint's embedding with
authored danger and safe example sentences. Harmless contexts (예방 교육, 보상금 문의) lower the
dictionary score but never hide a hit from the clerk: the terms are always reported.

With labelled history, ``fit()`` learns a logistic regression over the embedding and both scores,
which keeps recall and raises precision; ``save()``/``load()`` version it with the other models.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from nlp.classify import TextFeatures
from nlp.dictionaries import Dictionaries
from nlp.errors import ModelNotTrainedError
from nlp.korean import Analyzer, SpacyPipeline, TermMatcher, compact
from nlp.types import Urgency

logger = logging.getLogger(__name__)

SEVERITY_SCORE = {3: 0.9, 2: 0.7, 1: 0.35}


@dataclass(frozen=True)
class UrgencyOptions:
    threshold: float = 0.5  # urgent when score >= threshold; chosen on the dev set for recall
    harmless_discount: float = 0.45  # how much a harmless context lowers a dictionary score
    # Semantic score = sigmoid(scale * (max danger similarity - max safe similarity - offset))
    semantic_scale: float = 60.0
    semantic_offset: float = 0.0


class UrgencyDetector:
    def __init__(
        self,
        dictionaries: Dictionaries,
        danger_examples: Sequence[str],
        safe_examples: Sequence[str],
        options: UrgencyOptions | None = None,
    ) -> None:
        if not danger_examples or not safe_examples:
            raise ValueError(
                "urgency needs danger and safe example sentences (data/dictionaries/urgent_prototypes.yaml)"
            )
        self.dictionaries = dictionaries
        self.danger_examples = tuple(danger_examples)
        self.safe_examples = tuple(safe_examples)
        self.options = options or UrgencyOptions()
        self._matcher: TermMatcher | None = None
        self._danger: np.ndarray | None = None
        self._safe: np.ndarray | None = None
        self._severity = {term.term: term.severity for term in dictionaries.urgent_terms}
        self._model = None  # supervised model from fit()/load(); None means the rule score decides

    def warm_up(self, embedder, analyzer: Analyzer, pipeline: SpacyPipeline) -> None:
        if self._matcher is not None:
            return
        terms = {}
        for term in self.dictionaries.urgent_terms:
            for surface in (term.term, *term.variants):
                terms.setdefault(surface, term.term)
        self._matcher = TermMatcher(pipeline, analyzer, terms)
        self._danger = embedder.embed_passages(list(self.danger_examples))
        self._safe = embedder.embed_passages(list(self.safe_examples))

    def semantic_scores(self, features: Sequence[TextFeatures]) -> np.ndarray:
        if not features:
            return np.zeros(0)
        vectors = np.stack([item.vector for item in features])
        margin = (vectors @ self._danger.T).max(axis=1) - (vectors @ self._safe.T).max(axis=1)
        return 1 / (1 + np.exp(-self.options.semantic_scale * (margin - self.options.semantic_offset)))

    def detect(self, features: Sequence[TextFeatures]) -> list[Urgency]:
        rule_based = self._rule_based(features)
        if self._model is None or not features:
            return rule_based
        probabilities = self._model["model"].predict_proba(self._matrix(features, rule_based))[:, 1]
        threshold = self._model["threshold"]
        return [
            Urgency(urgent=bool(p >= threshold), score=round(float(p), 4), terms=rule.terms)
            for p, rule in zip(probabilities, rule_based, strict=True)
        ]

    def _matrix(self, features: Sequence[TextFeatures], rule_based: Sequence[Urgency]) -> np.ndarray:
        semantic = self.semantic_scores(features)
        extra = np.array(
            [[rule.score, s, float(bool(rule.terms))] for rule, s in zip(rule_based, semantic, strict=True)]
        )
        return np.hstack([np.stack([item.vector for item in features]), extra])

    def fit(self, features: Sequence[TextFeatures], labels: Sequence[bool], target_recall: float = 0.95):
        """Learn from labelled history; the threshold keeps ``target_recall`` on the training data."""
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import cross_val_predict

        y = np.array(labels, dtype=bool)
        if y.sum() < 3 or (~y).sum() < 3:
            raise ValueError("urgency training needs at least 3 urgent and 3 non-urgent examples")
        matrix = self._matrix(features, self._rule_based(features))
        model = LogisticRegression(C=8.0, class_weight="balanced", max_iter=3000)
        # Threshold from out-of-fold probabilities: in-sample ones are overconfident.
        folds = int(min(5, y.sum(), (~y).sum()))
        held_out = cross_val_predict(model, matrix, y, cv=folds, method="predict_proba")[:, 1]
        urgent_scores = np.sort(held_out[y])
        threshold = float(urgent_scores[int(np.floor((1 - target_recall) * len(urgent_scores)))])
        self._model = {"model": model.fit(matrix, y), "threshold": min(threshold, 0.5)}
        return self

    def save(self, path: Path) -> Path:
        import joblib

        if self._model is None:
            raise ModelNotTrainedError("no urgency model to save; call fit() first")
        path.parent.mkdir(parents=True, exist_ok=True)
        joblib.dump(self._model, path)
        return path

    def load(self, path: Path) -> UrgencyDetector:
        import joblib

        if not path.is_file():
            raise ModelNotTrainedError(f"no urgency model at {path}")
        self._model = joblib.load(path)
        return self

    def unload(self) -> None:
        """Back to the rule-based score (no history model)."""
        self._model = None

    def _rule_based(self, features: Sequence[TextFeatures]) -> list[Urgency]:
        if self._matcher is None:
            raise RuntimeError("call warm_up() before detect()")
        semantic = self.semantic_scores(features)
        results = []
        for item, semantic_score in zip(features, semantic, strict=True):
            found = self._matcher.find(item.text, item.tokens)
            dictionary_score = max((SEVERITY_SCORE[self._severity[t]] for t in found), default=0.0)
            surface = compact(item.text)
            if dictionary_score and any(compact(c) in surface for c in self.dictionaries.harmless_contexts):
                dictionary_score *= 1 - self.options.harmless_discount
            # Either signal alone can raise the flag; both together make it surer.
            score = 1 - (1 - dictionary_score) * (1 - float(semantic_score))
            results.append(
                Urgency(
                    urgent=score >= self.options.threshold,
                    score=round(score, 4),
                    terms=tuple(sorted(found, key=lambda t: -self._severity[t])),
                )
            )
        return results
