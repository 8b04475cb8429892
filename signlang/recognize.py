"""Small-vocabulary sign recognition: nearest templates by dynamic time warping, with calibrated rejection.

Two matchers, measured side by side in ``eval/sign_recognition.py``: the baseline (DTW over shoulder-normalised
hand and arm positions) and the default (DTW over two signer-independent views — where the hands are and what
shape they make — against templates augmented in speed, size and tilt). A query farther than the store's
threshold from every template is ``unknown``; the threshold is chosen on data (``calibrate``), not guessed.
"""

from __future__ import annotations

import csv
import json
import logging
import math
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np

from signlang.errors import SignLanguageError
from signlang.features import FEATURE_VERSION, SignFeatures, features_for_video, features_from_pose

logger = logging.getLogger(__name__)

Method = Literal["views", "baseline"]
VIDEO_SUFFIXES = frozenset({".mp4", ".mov", ".avi", ".webm", ".mkv", ".m4v"})


class TemplateError(SignLanguageError):
    """The template folder or store is missing or malformed."""


@dataclass(frozen=True)
class Candidate:
    gloss: str
    score: float  # normalised DTW distance: lower is closer


@dataclass(frozen=True)
class Recognition:
    gloss: str | None
    score: float
    unknown: bool
    candidates: tuple[Candidate, ...]


@dataclass(frozen=True)
class MatchOptions:
    method: Method = "views"
    band: int = 8                 # Sakoe-Chiba band (frames of the resampled sequence)
    handshape_weight: float = 0.6
    augment: bool = True          # compare with speed/size/tilt variants of each template (views only)
    top_k: int = 3


@dataclass
class TemplateStore:
    """Labelled feature templates and the rejection threshold that goes with them."""

    glosses: list[str] = field(default_factory=list)
    features: list[SignFeatures] = field(default_factory=list)
    threshold: dict[str, float] = field(default_factory=dict)  # per method

    def add(self, gloss: str, features: SignFeatures) -> None:
        self.glosses.append(gloss)
        self.features.append(features)

    def add_pose(self, gloss: str, pose) -> None:
        self.add(gloss, features_from_pose(pose))

    @property
    def vocabulary(self) -> list[str]:
        return sorted(set(self.glosses))

    def without(self, glosses: Iterable[str]) -> TemplateStore:
        drop = set(glosses)
        kept = [(g, f) for g, f in zip(self.glosses, self.features, strict=True) if g not in drop]
        return TemplateStore([g for g, _ in kept], [f for _, f in kept], dict(self.threshold))

    # --- persistence ----------------------------------------------------------------------------

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        arrays: dict[str, np.ndarray] = {}
        for index, features in enumerate(self.features):
            arrays[f"t{index}"], arrays[f"h{index}"], arrays[f"r{index}"] = (features.trajectory, features.handshape,
                                                                              features.raw)
        np.savez_compressed(folder / "templates.npz", **arrays)
        meta = {"feature_version": FEATURE_VERSION, "glosses": self.glosses, "threshold": self.threshold,
                "mirrored": [f.mirrored for f in self.features]}
        (folder / "store.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> TemplateStore:
        meta_path = folder / "store.json"
        if not meta_path.is_file():
            raise TemplateError(f"{folder}: 등록된 수어 템플릿이 없습니다 (no enrolled templates; record some on the "
                                "admin page or pass --templates)")
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("feature_version") != FEATURE_VERSION:
            raise TemplateError(f"{folder}: templates were made with feature version {meta.get('feature_version')}, "
                                f"this code uses {FEATURE_VERSION}; enrol them again")
        arrays = np.load(folder / "templates.npz")
        features = [SignFeatures(arrays[f"t{i}"], arrays[f"h{i}"], arrays[f"r{i}"], bool(m))
                    for i, m in enumerate(meta["mirrored"])]
        return cls(list(meta["glosses"]), features, {k: float(v) for k, v in meta.get("threshold", {}).items()})

    @classmethod
    def from_labelled_folder(cls, folder: Path, cache_dir: Path | None = None) -> tuple[TemplateStore, list[str]]:
        """Clips (or .pose files) named in ``labels.csv`` (columns ``file``, ``korean``). Returns the store and
        one message per file that could not be used; the others are still enrolled."""
        labels = folder / "labels.csv"
        if not labels.is_file():
            raise TemplateError(f"{labels}: 없습니다 (a template folder needs labels.csv with columns file, korean)")
        with open(labels, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
        if not rows or "file" not in rows[0] or "korean" not in rows[0]:
            raise TemplateError(f"{labels}: needs the columns file and korean (열 이름: file, korean)")
        store, problems = cls(), []
        for row in rows:
            path = folder / row["file"]
            try:
                store.add(row["korean"].strip(), load_features(path, cache_dir))
            except SignLanguageError as error:
                problems.append(f"{row['file']}: {error}")
        if not store.glosses:
            raise TemplateError(f"{folder}: no usable template ({'; '.join(problems[:3])})")
        return store, problems


def load_features(path: Path, cache_dir: Path | None = None) -> SignFeatures:
    """Features of a video or a .pose file."""
    if path.suffix.lower() == ".pose":
        from signlang.gloss2pose import read_pose

        if not path.is_file():
            raise TemplateError(f"{path.name}: 파일이 없습니다 (no such file)")
        return features_from_pose(read_pose(path.read_bytes(), path.name))
    return features_for_video(path, cache_dir)


# --- matching ---------------------------------------------------------------------------------------

def _frame_costs(query: SignFeatures, templates: Sequence[SignFeatures], options: MatchOptions) -> np.ndarray:
    """(templates, frames, frames) cost of matching each query frame with each template frame."""
    if options.method == "baseline":
        stacked = np.stack([t.raw for t in templates])
        return np.linalg.norm(query.raw[None, :, None, :] - stacked[:, None, :, :], axis=3)
    trajectory = np.stack([t.trajectory for t in templates])
    handshape = np.stack([t.handshape for t in templates])
    return (np.linalg.norm(query.trajectory[None, :, None, :] - trajectory[:, None, :, :], axis=3)
            + options.handshape_weight * np.linalg.norm(query.handshape[None, :, None, :]
                                                        - handshape[:, None, :, :], axis=3))


def dtw_distances(costs: np.ndarray, band: int) -> np.ndarray:
    """Banded DTW over a batch of cost matrices (templates × n × m), normalised by path length."""
    count, n, m = costs.shape
    total = np.full((count, n + 1, m + 1), np.inf)
    total[:, 0, 0] = 0.0
    for i in range(1, n + 1):
        centre = i * m / n
        low, high = max(1, math.floor(centre - band)), min(m, math.ceil(centre + band))
        for j in range(low, high + 1):
            best = np.minimum(np.minimum(total[:, i - 1, j], total[:, i, j - 1]), total[:, i - 1, j - 1])
            total[:, i, j] = costs[:, i - 1, j - 1] + best
    return total[:, n, m] / (n + m)


def augmentations(features: SignFeatures) -> list[SignFeatures]:
    """Speed, size and tilt variants of a template's trajectory (a new signer moves at another pace, with
    other arm lengths, in a slightly turned camera); hand shapes are already size-free."""
    variants = [features]
    frames = len(features.trajectory)
    grid = np.linspace(0, 1, frames)
    for warp in (0.8, 1.25):
        source = grid ** warp
        variants.append(_retime(features, source))
    for scale, angle in ((0.88, 0.0), (1.12, 0.0), (1.0, 0.12), (1.0, -0.12)):
        c, s = math.cos(angle), math.sin(angle)
        rotation = np.array([[c, -s], [s, c]])
        trajectory = features.trajectory.reshape(frames, -1, 2) @ rotation.T * scale
        variants.append(SignFeatures(trajectory.reshape(frames, -1), features.handshape, features.raw,
                                     features.mirrored))
    return variants


def _retime(features: SignFeatures, source: np.ndarray) -> SignFeatures:
    grid = np.linspace(0, 1, len(features.trajectory))

    def warp(values: np.ndarray) -> np.ndarray:
        return np.stack([np.interp(source, grid, values[:, i]) for i in range(values.shape[1])], axis=1)

    return SignFeatures(warp(features.trajectory), warp(features.handshape), warp(features.raw), features.mirrored)


class SignRecognizer:
    """Nearest templates by DTW; ``unknown`` beyond the store's calibrated threshold."""

    def __init__(self, store: TemplateStore, options: MatchOptions | None = None) -> None:
        if not store.glosses:
            raise TemplateError("the template store is empty (등록된 수어가 없습니다)")
        self.store = store
        self.options = options or MatchOptions()
        self._expanded: list[tuple[str, SignFeatures]] = []
        for gloss, features in zip(store.glosses, store.features, strict=True):
            variants = augmentations(features) if self.options.augment and self.options.method == "views" \
                else [features]
            self._expanded += [(gloss, variant) for variant in variants]

    @property
    def threshold(self) -> float | None:
        return self.store.threshold.get(self.options.method)

    def distances(self, query: SignFeatures) -> dict[str, float]:
        """Closest distance to each gloss of the store."""
        costs = _frame_costs(query, [f for _, f in self._expanded], self.options)
        values = dtw_distances(costs, self.options.band)
        best: dict[str, float] = {}
        for (gloss, _), value in zip(self._expanded, values, strict=True):
            best[gloss] = min(best.get(gloss, math.inf), float(value))
        return best

    def recognize(self, query: SignFeatures) -> Recognition:
        ranked = sorted(self.distances(query).items(), key=lambda item: item[1])
        candidates = tuple(Candidate(g, round(d, 4)) for g, d in ranked[: self.options.top_k])
        gloss, score = ranked[0]
        unknown = self.threshold is not None and score > self.threshold
        return Recognition(None if unknown else gloss, round(score, 4), unknown, candidates)


# Calibrating at 0.95 on the templates gave about 0.9 on signs never seen (at 0.9 it gave 0.87, KSL-77 folds).
DEFAULT_TARGET_REJECTION = 0.95


def calibrate(store: TemplateStore, options: MatchOptions | None = None,
              target_rejection: float = DEFAULT_TARGET_REJECTION,
              unknown_queries: Sequence[SignFeatures] = ()) -> float:
    """Choose the rejection threshold on data and store it.

    Leave-one-gloss-out over the store itself: each template (and its variants) is matched against the other
    glosses only, so its best distance is what an unknown sign scores; extra ``unknown_queries`` (signs known
    not to be in the vocabulary) join them. The threshold lets ``target_rejection`` of those through as unknown.
    """
    options = options or MatchOptions()
    unknown_scores = []
    vocabulary = store.vocabulary
    if len(vocabulary) < 2 and not unknown_queries:
        raise TemplateError("calibration needs at least two glosses or some signs outside the vocabulary")
    for gloss in vocabulary:
        others = store.without([gloss])
        if not others.glosses:
            continue
        recognizer = SignRecognizer(others, options)
        for features, owner in zip(store.features, store.glosses, strict=True):
            if owner == gloss:
                unknown_scores += [min(recognizer.distances(variant).values())
                                   for variant in augmentations(features)[:3]]
    if unknown_queries:
        recognizer = SignRecognizer(store, options)
        unknown_scores += [min(recognizer.distances(q).values()) for q in unknown_queries]
    threshold = float(np.quantile(unknown_scores, 1 - target_rejection))
    store.threshold[options.method] = threshold
    return threshold


def rendered_features(gloss_to_pose, gloss: str) -> SignFeatures:
    """Features of one authored sign as the avatar signs it."""
    from signlang.types import Gloss

    return features_from_pose(gloss_to_pose.run([[Gloss(gloss, "lexicon", (gloss,))]]).pose)


def store_from_authored(vocabulary: Sequence[str], gloss_to_pose, calibration_glosses: Sequence[str] = ()
                        ) -> TemplateStore:
    """Templates rendered from the authored lexicon, for a kiosk whose staff have not recorded real signers
    yet; calibrated with other lexicon signs as the unknowns."""
    store = TemplateStore()
    for gloss in vocabulary:
        store.add(gloss, rendered_features(gloss_to_pose, gloss))
    calibrate(store, MatchOptions(),
              unknown_queries=[rendered_features(gloss_to_pose, g) for g in calibration_glosses])
    return store


# Tracking-sized jitter (2 px) alone moves a rendered sign about 0.10 from itself; two signs closer than this
# cannot be told apart by the recogniser, and hardly by a person watching the small avatar.
LOOK_ALIKE_DISTANCE = 0.15


@dataclass(frozen=True)
class LookAlike:
    gloss: str
    other: str
    distance: float


def look_alikes(gloss_to_pose, glosses: Sequence[str] | None = None,
                min_distance: float = LOOK_ALIKE_DISTANCE) -> list[LookAlike]:
    """Pairs of authored signs that render too much alike (normalised DTW of the default matcher's views
    below ``min_distance``), closest first. ``glosses`` limits the check to pairs involving those signs
    (an admin's edit); by default every pair of the lexicon is checked."""
    every = sorted(gloss_to_pose.lexicon.entries)
    features = {gloss: rendered_features(gloss_to_pose, gloss) for gloss in every}
    options = MatchOptions(augment=False)
    checked = list(every if glosses is None else glosses)
    pairs: dict[tuple[str, str], float] = {}
    for gloss in checked:
        others = [other for other in every if other != gloss and (min(gloss, other), max(gloss, other)) not in pairs]
        if not others:
            continue
        distances = dtw_distances(_frame_costs(features[gloss], [features[o] for o in others], options),
                                  options.band)
        for other, distance in zip(others, distances, strict=True):
            pairs[(min(gloss, other), max(gloss, other))] = float(distance)
    found = [LookAlike(a, b, round(d, 4)) for (a, b), d in pairs.items() if d < min_distance]
    return sorted(found, key=lambda pair: pair.distance)


def recognize_files(paths: Sequence[Path], recognizer: SignRecognizer, cache_dir: Path | None = None
                    ) -> list[dict[str, Any]]:
    """One result per file for ``civicai sign recognize --json``; a bad file gets an ``error`` and the rest go on."""
    results: list[dict[str, Any]] = []
    for path in paths:
        try:
            recognition = recognizer.recognize(load_features(path, cache_dir))
        except SignLanguageError as error:
            results.append({"file": str(path), "error": str(error)})
            continue
        results.append({"file": str(path), "gloss": recognition.gloss, "score": recognition.score,
                        "unknown": recognition.unknown,
                        "candidates": [asdict(c) for c in recognition.candidates]})
    return results
