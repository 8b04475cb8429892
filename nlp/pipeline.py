"""The complaint pipeline: mask → normalise → analyse → classify, route, flag, score, recommend.

Personal data is masked first, so nothing downstream (embeddings, keywords, stored analysis)
ever sees it. ``ComplaintAnalyzer`` holds the models; dictionaries are re-read when a file under
``data/`` changes. Once the city's labelled history is loaded (``train()``), type and department
blend the zero-shot scores with the votes of similar past complaints, and urgency uses a model
learned from the history.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import yaml

from nlp.classify import HistoryClassifier, HistoryOptions, LabelProfile, TextFeatures, ZeroShotClassifier
from nlp.dictionaries import Dictionaries, DictionaryStore
from nlp.errors import DictionaryError, ModelNotTrainedError, NlpError
from nlp.korean import KiwiAnalyzer, SpacyPipeline, clean_unicode, keywords, normalize
from nlp.pii import PiiMasker
from nlp.sentiment import SentimentScorer
from nlp.similar import SimilarCaseIndex, read_past_cases
from nlp.types import MaskedText, Prediction, Sentiment, SimilarCase, Urgency
from nlp.urgency import UrgencyDetector

logger = logging.getLogger(__name__)

MAX_TEXT_CHARS = 20_000  # longer input is cut: no real complaint is longer, and it bounds latency
# Neighbour weights: leave-one-out on the dev set (routing leans more on the registry, types more on history).
# With ≥ 200 labelled complaints a learned model joins; its weights come from 5-fold cross-validation over the
# dev set and the authored history (`python -m eval.tune_history`), never from the held-out set.
DEPARTMENT_HISTORY = HistoryOptions(neighbours=10, temperature=0.05, zero_shot_weight=0.8,
                                    learned_zero_shot_weight=0.35, learned_share=0.75)
TYPE_HISTORY = HistoryOptions(neighbours=20, temperature=0.01, zero_shot_weight=0.6,
                              learned_zero_shot_weight=0.2, learned_share=0.75)
CURRENT_FILE = "CURRENT"


@dataclass(frozen=True)
class ComplaintInput:
    id: str
    text: str
    channel: str | None = None
    created_at: str | None = None
    region: str | None = None


@dataclass(frozen=True)
class ComplaintAnalysis:
    id: str
    type: Prediction | None = None
    department: Prediction | None = None
    urgency: Urgency | None = None
    sentiment: Sentiment | None = None
    masked: MaskedText | None = None
    keywords: tuple[str, ...] = ()
    similar: tuple[SimilarCase, ...] = ()
    error: str | None = None


@dataclass(frozen=True)
class LabelledComplaint:
    text: str
    type: str
    department: str
    urgent: bool
    # the filed complaint a clerk's correction came from (none for a city's labelled file): a hand mask or an
    # erasure finds the model's copy of the text by it
    receipt_no: str | None = None


@dataclass
class _Components:
    """Everything built from one version of the dictionaries."""

    dictionaries: Dictionaries
    analyzer: KiwiAnalyzer
    pipeline: SpacyPipeline
    types: ZeroShotClassifier
    departments: ZeroShotClassifier
    urgency: UrgencyDetector
    sentiment: SentimentScorer
    history_types: HistoryClassifier | None = None
    history_departments: HistoryClassifier | None = None
    model_version: str | None = None  # the history model in use; None means zero-shot
    loaded_from: str | None = None  # the CURRENT value last acted on (a failed load is not retried per call)


def department_profiles(dictionaries: Dictionaries) -> list[LabelProfile]:
    return [
        LabelProfile(d.code, (f"{d.name}: {d.duties}", d.description or d.duties), d.keywords)
        for d in dictionaries.departments
    ]


def type_profiles(dictionaries: Dictionaries) -> list[LabelProfile]:
    return [LabelProfile(t.code, (t.name, t.description or t.name), t.keywords) for t in dictionaries.types]


def _read_examples(path: Path) -> dict[str, list[str]]:
    if not path.is_file():
        raise DictionaryError(f"{path} is missing")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise DictionaryError(f"{path}: expected label: [sentences]")
    return {str(key): [str(s) for s in value or ()] for key, value in data.items()}


class ComplaintAnalyzer:
    """Cheap to construct; ``warm_up()`` loads Kiwi, spaCy, embeddings and the indexes (~15 s)."""

    def __init__(
        self,
        config_dir: Path,
        embedder,
        models_dir: Path | None = None,
        cache_dir: Path | None = None,
        past_cases: Path | None = None,
    ) -> None:
        self.store = DictionaryStore(config_dir)
        self.config_dir = Path(config_dir)
        self.embedder = embedder
        self.models_dir = models_dir
        self.cache_dir = cache_dir
        self.past_cases = past_cases if past_cases is not None else self.config_dir / "complaints" / (
            "seoul_adopted_proposals_clean.csv"
        )
        self.masker = PiiMasker()
        self._components: _Components | None = None
        self._similar: SimilarCaseIndex | None = None
        self._lock = threading.Lock()

    # --- loading -----------------------------------------------------------------------------------

    def warm_up(self) -> None:
        self.masker.warm_up()
        self._current_components()
        with self._lock:
            if self._similar is None:
                cases = read_past_cases(self.past_cases, masker=self.masker)
                self._similar = SimilarCaseIndex(self.embedder, self.cache_dir).build(cases)

    def _current_components(self) -> _Components:
        dictionaries = self.store.current()
        with self._lock:
            if self._components is None or self._components.dictionaries is not dictionaries:
                self._components = self._build(dictionaries)
            elif self._current_version() != self._components.loaded_from:
                self._load_history(self._components)  # a new model was trained or CURRENT rolled back
            return self._components

    def _current_version(self) -> str | None:
        if self.models_dir is None or not (self.models_dir / CURRENT_FILE).is_file():
            return None
        return (self.models_dir / CURRENT_FILE).read_text(encoding="utf-8").strip() or None

    def _build(self, dictionaries: Dictionaries) -> _Components:
        previous = self._components
        if previous is not None and previous.dictionaries.user_words == dictionaries.user_words:
            analyzer, pipeline = previous.analyzer, previous.pipeline  # Kiwi takes seconds to load
        else:
            analyzer = KiwiAnalyzer(dictionaries.user_words)
            analyzer.warm_up()
            pipeline = SpacyPipeline(analyzer)
        self.embedder.warm_up()
        folder = self.config_dir / "dictionaries"
        urgent_examples = _read_examples(folder / "urgent_prototypes.yaml")
        components = _Components(
            dictionaries=dictionaries,
            analyzer=analyzer,
            pipeline=pipeline,
            types=ZeroShotClassifier(type_profiles(dictionaries)),
            departments=ZeroShotClassifier(department_profiles(dictionaries)),
            urgency=UrgencyDetector(dictionaries, urgent_examples.get("danger", ()), urgent_examples.get("safe", ())),
            sentiment=SentimentScorer(dictionaries, _read_examples(folder / "sentiment_prototypes.yaml")),
        )
        components.types.warm_up(self.embedder, analyzer, pipeline)
        components.departments.warm_up(self.embedder, analyzer, pipeline)
        components.urgency.warm_up(self.embedder, analyzer, pipeline)
        components.sentiment.warm_up(self.embedder, analyzer, pipeline)
        self._load_history(components)
        return components

    def _load_history(self, components: _Components) -> None:
        version = self._current_version()
        components.loaded_from = version
        components.history_types = components.history_departments = None
        components.model_version = None
        components.urgency.unload()
        if version is None or self.models_dir is None:
            return
        folder = self.models_dir / version
        try:
            types = HistoryClassifier(components.types, TYPE_HISTORY).load(folder / "type")
            departments = HistoryClassifier(components.departments, DEPARTMENT_HISTORY).load(folder / "department")
            components.history_types, components.history_departments = types, departments
            components.urgency.load(folder / "urgency.joblib")
        except (ModelNotTrainedError, OSError, KeyError, ValueError) as error:
            # A model trained against another registry must not crash the service: fall back to day-one.
            logger.warning("complaint history model %s not used: %s", version, error)
            components.history_types = components.history_departments = None
            components.urgency.unload()
            return
        components.model_version = version
        logger.info("using complaint history model %s", version)

    def _history_examples(self, components: _Components) -> list[LabelledComplaint]:
        if components.model_version is None or self.models_dir is None:
            return []
        path = self.models_dir / components.model_version / "examples.jsonl"
        if not path.is_file():
            return []
        with open(path, encoding="utf-8") as handle:
            return [LabelledComplaint(**json.loads(line)) for line in handle if line.strip()]

    @property
    def dictionaries(self) -> Dictionaries:
        return self._current_components().dictionaries

    @property
    def kiwi(self) -> KiwiAnalyzer:
        """The Kiwi analyzer with the city's user dictionary, for other capabilities to share."""
        return self._current_components().analyzer

    def zero_shot_classifiers(self) -> tuple[ZeroShotClassifier, ZeroShotClassifier]:
        """The day-one (registry-only) department and type classifiers, for evaluations that fit their own
        history model on top of them."""
        components = self._current_components()
        return components.departments, components.types

    @property
    def model_version(self) -> str:
        return self._current_components().model_version or "zero-shot"

    # --- analysis ------------------------------------------------------------------------------------

    def features(self, texts: Sequence[str]) -> list[TextFeatures]:
        """Normalise, tokenise and embed texts that are already masked."""
        components = self._current_components()
        normalized = [normalize(text, components.dictionaries.slang) for text in texts]
        tokens = components.analyzer.tokenize_many(normalized)
        vectors = self.embedder.embed_queries(normalized)
        return [
            TextFeatures(text=n, tokens=tuple(t), vector=v)
            for n, t, v in zip(normalized, tokens, vectors, strict=True)
        ]

    def analyze(
        self,
        items: Sequence[ComplaintInput],
        similar_k: int = 3,
        progress: Callable[[float], None] | None = None,
    ) -> list[ComplaintAnalysis]:
        """Analyse a batch; an item with empty text gets an ``error`` and the others go on."""
        self.warm_up()
        components = self._current_components()
        results: dict[int, ComplaintAnalysis] = {}
        work: list[tuple[int, ComplaintInput, MaskedText]] = []
        for position, item in enumerate(items):
            # Mask first, then cut: a number straddling the cut would otherwise escape every rule.
            masked = self.masker.mask(item.text or "")
            if len(masked.text) > MAX_TEXT_CHARS:
                masked = MaskedText(masked.text[:MAX_TEXT_CHARS], masked.spans)
            if not clean_unicode(masked.text):
                results[position] = ComplaintAnalysis(id=item.id, error="empty text (민원 내용이 비어 있습니다)")
            else:
                work.append((position, item, masked))
        if work:
            features = self.features([masked.text for _, _, masked in work])
            types = self._predict(components.history_types, components.types, features)
            departments = self._predict(components.history_departments, components.departments, features)
            urgencies = components.urgency.detect(features)
            similar = self._similar.search(np.stack([f.vector for f in features]), k=similar_k)
            for index, (position, item, masked) in enumerate(work):
                feature = features[index]
                results[position] = ComplaintAnalysis(
                    id=item.id,
                    type=types[index],
                    department=departments[index],
                    urgency=urgencies[index],
                    sentiment=components.sentiment.score(masked.text, feature.text, feature.tokens, feature.vector),
                    masked=masked,
                    keywords=tuple(dict.fromkeys(keywords(feature.tokens, components.dictionaries.stopwords))),
                    similar=tuple(similar[index]),
                )
                if progress is not None:
                    progress(100.0 * (index + 1) / len(work))
        return [results[position] for position in range(len(items))]

    @staticmethod
    def _predict(history, zero_shot, features) -> list[Prediction]:
        return (history or zero_shot).predict(features)

    # --- training ------------------------------------------------------------------------------------

    def train(self, examples: Sequence[LabelledComplaint], append: bool = False) -> str:
        """Learn type, department and urgency from labelled history; make the result current.

        ``append`` adds the examples (e.g. clerks' reassignments) to the current history instead of
        replacing it. Returns the new version. Earlier versions stay on disk, so a bad model is undone
        by writing the previous version into ``CURRENT``.
        """
        if self.models_dir is None:
            raise NlpError("no models_dir configured to save the trained model in")
        components = self._current_components()
        history = list(self._history_examples(components)) if append else []
        examples = [*history, *examples]
        if len(examples) < 20:
            raise NlpError(f"training needs at least 20 labelled complaints, got {len(examples)}")
        masked = [self.masker.mask(example.text).text for example in examples]
        features = self.features(masked)
        version = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        folder = self.models_dir / version
        metadata = {"examples": len(examples), "registry": list(components.dictionaries.department_codes)}
        HistoryClassifier(components.types, TYPE_HISTORY).fit(features, [e.type for e in examples]).save(
            folder / "type", metadata)
        HistoryClassifier(components.departments, DEPARTMENT_HISTORY).fit(
            features, [e.department for e in examples]).save(folder / "department", metadata)
        components.urgency.fit(features, [e.urgent for e in examples]).save(folder / "urgency.joblib")
        # The masked texts are kept so a later ``append`` can re-learn urgency from the whole history;
        # they hold no personal data (masked above).
        with open(folder / "examples.jsonl", "w", encoding="utf-8") as handle:
            for text, example in zip(masked, examples, strict=True):
                handle.write(json.dumps({**asdict(example), "text": text}, ensure_ascii=False) + "\n")
        (folder / "meta.json").write_text(json.dumps({"version": version, **metadata}, ensure_ascii=False))
        tmp = self.models_dir / (CURRENT_FILE + ".tmp")
        tmp.write_text(version, encoding="utf-8")
        tmp.replace(self.models_dir / CURRENT_FILE)
        with self._lock:
            self._load_history(components)
        return version
