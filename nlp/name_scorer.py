"""A learned scorer for personal names that no rule's context introduces.

The rules in ``nlp.pii`` find a name from what stands around it (저는 …입니다, 성명: …, … 씨, 딸 …). Blind test sets
keep showing names no rule reads: a neighbour named in passing, a name Kiwi splits into nouns, a child called by
the given name alone (승우랑, 수아가). This scorer reads every three- or four-syllable start of a Hangul word, and
every two-syllable start before a name's particle, with what surrounds it (Kiwi's tags inside and beside it, the
word before, the ending after it, the shape of a Korean name) and gives the chance that it is a person's name. It is
a logistic regression trained by ``train_name_scorer`` on labelled cases, with every other span of those cases and
of a corpus of ordinary public text as negatives; the weights are a JSON file that ``civicai privacy train-names``
writes and the masker loads (``data/models/pii_names.json``).
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nlp.pii import (
    _COMPOUND_SURNAMES,
    _GIVEN,
    _NOT_GIVEN,
    _NOT_NAMES,
    _SURNAMES,
    _WORD_NAMES,
    PiiMasker,
    _open_syllable,
    _read,
)
from nlp.types import Token

DEFAULT_MODEL = Path(__file__).resolve().parent.parent / "data" / "models" / "pii_names.json"
_WORD = re.compile("[가-힣]+")
# Two syllables alone are mostly words; they are scored as a given name only where the rest of the word is a form a
# name takes: 서연이가, 승우랑, 옥순아, 은결씨, 순례 (a word alone).
_GIVEN_NAME_REST = re.compile(
    r"(?:이)?(?:가|는|를|도|랑|네|야|의|한테|에게|하고|라고|라는|에요|예요|요|형|누나|언니|오빠|나)?|아"
    r"|(?:씨|님)(?:가|는|도|랑|한테|에게|의|이|께서)?"
)
# Tags whose form says something beside a name: the noun before it (딸, 통장, 주무관), punctuation (: ( ').
_TELLING_BEFORE = ("NNG", "NNP", "NNB", "SP", "SS", "SSO", "SSC", "SF")


@dataclass(frozen=True)
class NameScorer:
    """Weights of a logistic regression over span features; spans scoring at least ``threshold`` are names."""

    weights: Mapping[str, float]
    bias: float
    threshold: float
    trained_on: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path = DEFAULT_MODEL) -> NameScorer:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(raw["weights"], raw["bias"], raw["threshold"], raw.get("trained_on", {}))

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        body = {"bias": self.bias, "threshold": self.threshold, "trained_on": dict(self.trained_on),
                "weights": dict(sorted(self.weights.items()))}
        path.write_text(json.dumps(body, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")

    def probability(self, features: Mapping[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def names(self, view: str, tokens: list[Token]) -> Iterator[tuple[int, int, float]]:
        """(start, end, probability) of every span scored as a name."""
        for start, end, features in span_features(view, tokens):
            p = self.probability(features)
            if p >= self.threshold:
                yield start, end, p


def span_features(view: str, tokens: list[Token]) -> Iterator[tuple[int, int, dict[str, float]]]:
    """Every three- or four-syllable start of a Hangul word in ``view``, and every two-syllable start before a form
    a name takes (see _GIVEN_NAME_REST), with its features; ``tokens`` are Kiwi's reading of ``view``."""
    token_starts = [token.start for token in tokens]
    starts = set(token_starts)
    ends = {token.end for token in tokens}
    words = list(_WORD.finditer(view))
    for index, word in enumerate(words):
        text = word.group()
        near_before = index and words[index - 1].end() >= word.start() - 3
        previous = words[index - 1].group() if near_before else "<none>"
        near_after = index + 1 < len(words) and words[index + 1].start() <= word.end() + 3
        following = words[index + 1].group() if near_after else "<none>"
        char_before = view[max(0, word.start() - 1) : word.start()] or "^"
        char_after = view[word.end() : word.end() + 1] or "$"
        for length in range(2, min(4, len(text)) + 1):
            start, end = word.start(), word.start() + length
            span, rest = text[:length], text[length:]
            if length == 2 and not _GIVEN_NAME_REST.fullmatch(rest):
                continue
            inside = tokens[bisect.bisect_left(token_starts, start) : bisect.bisect_left(token_starts, end)]
            # the token just before the span, if one ends at or before its start (none in a text Kiwi skipped)
            before_index = bisect.bisect_left(token_starts, start) - 1
            before = tokens[before_index] if before_index >= 0 and tokens[before_index].end <= start else None
            after_index = bisect.bisect_left(token_starts, end)
            after = tokens[after_index] if after_index < len(tokens) else None
            given = span[2:] if span[:2] in _COMPOUND_SURNAMES else span[1:]
            features = {
                f"len={length}": 1,
                "surname": float(span[0] in _SURNAMES or span[:2] in _COMPOUND_SURNAMES),
                "given_syllables": float(all(ch in _GIVEN for ch in given)),
                "all_given_syllables": float(all(ch in _GIVEN for ch in span)),
                "not_given_syllable": float(any(ch in _NOT_GIVEN for ch in span)),
                f"last={span[-1]}": 1,
                f"first={span[0]}": 1,
                f"first_two={span[:2]}": 1,
                f"last_two={span[-2:]}": 1,
                f"rest={rest[:3]}": 1,
                f"rest1={rest[:1]}": 1,
                f"rest_length={min(len(rest), 4)}": 1,
                "listed_not_name": float(span in _NOT_NAMES),
                "word_name": float(span in _WORD_NAMES),
                "closed_last": float(not _open_syllable(span[-1])),
                "tags=" + "+".join(token.tag for token in inside)[:20]: 1,
                "guessed": float(any(token.guessed for token in inside)),
                "proper_noun": float(any(token.tag == "NNP" for token in inside)),
                "aligned": float(start in starts and end in ends),
                "one_token": float(len(inside) == 1 and inside[0].end == end),
                "spills": float(any(token.end > end for token in inside)),
                f"previous={previous[-4:]}": 1,
                f"previous2={previous[-2:]}": 1,
                f"next={following[:2]}": 1,
                f"char_before={char_before}": 1,
                f"char_after={char_after}": 1,
                "whole_word": float(rest == ""),
                "tag_before=" + (before.tag if before is not None else "^"): 1,
                "form_before=" + (before.form if before is not None and before.tag in _TELLING_BEFORE else "-"): 1,
                "tag_after=" + (after.tag if after is not None else "$"): 1,
                "form_after=" + (after.form if after is not None and after.tag[0] in "JXE" else "-"): 1,
            }
            # a given name alone weighs its evidence apart from a full name's: 딸 before it says more, a surname less
            yield start, end, features if length > 2 else {f"2:{key}": value for key, value in features.items()}


@dataclass(frozen=True)
class LabelledText:
    """A text and the names in it (as written, without particles) that a scorer should find."""

    text: str
    names: frozenset[str]


def labelled_rows(labelled: Iterable[LabelledText]) -> tuple[list[dict[str, float]], list[int]]:
    """Span features of labelled texts: a span equal to one of the text's names is a positive."""
    features: list[dict[str, float]] = []
    targets: list[int] = []
    for case in labelled:
        for start, end, row in span_features(case.text, _read(case.text)):
            features.append(row)
            targets.append(int(case.text[start:end] in case.names))
    return features, targets


def ordinary_rows(texts: Iterable[str]) -> list[dict[str, float]]:
    """Span features of ordinary public text, all negatives except what the rules mask there (public figures'
    names, which are names)."""
    rules = PiiMasker(["NAME"], learned_names=False)
    features = []
    for text in texts:
        named = {span.text for span in rules.find(text)}
        features.extend(row for start, end, row in span_features(text, _read(text)) if text[start:end] not in named)
    return features


def fit_name_scorer(
    features: list[dict[str, float]],
    targets: list[int],
    threshold: float = 0.5,
    positive_weight: float = 5.0,
    min_weight: float = 0.01,
    trained_on: Mapping[str, Any] | None = None,
    withheld: Iterable[str] = (),
) -> NameScorer:
    """A logistic regression over the rows; names are rare, so a positive counts ``positive_weight`` times.
    Weights under ``min_weight`` are dropped: they are most of the features (single words seen once) and move a
    span's score by a few hundredths at most. So is every weight whose feature holds two syllables of a
    ``withheld`` name (real people's names from clerks' marks): the saved weights must not spell them."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    if not any(targets):
        raise ValueError("no labelled name matches a span: give cases with NAME values written as in the text")
    vectorizer = DictVectorizer()
    model = LogisticRegression(C=1.0, max_iter=3000, class_weight={0: 1.0, 1: positive_weight})
    model.fit(vectorizer.fit_transform(features), targets)
    fragments = {name[i : i + 2] for name in withheld for i in range(len(name) - 1) if " " not in name[i : i + 2]}
    weights = {
        name: round(float(weight), 4)
        for name, weight in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(weight) >= min_weight and not any(fragment in name for fragment in fragments)
    }
    info = {"spans": len(targets), "name_spans": sum(targets), "positive_weight": positive_weight,
            "min_weight": min_weight, **(trained_on or {})}
    return NameScorer(weights, round(float(model.intercept_[0]), 4), threshold, info)


def train_name_scorer(labelled: list[LabelledText], ordinary_texts: list[str], threshold: float = 0.5,
                      withheld: Iterable[str] = ()) -> NameScorer:
    """Fit the scorer on labelled texts and ordinary public text (see ``labelled_rows`` and ``ordinary_rows``);
    ``withheld`` names are learned from but never spelled in the weights (see ``fit_name_scorer``)."""
    features, targets = labelled_rows(labelled)
    negatives = ordinary_rows(ordinary_texts)
    return fit_name_scorer(features + negatives, targets + [0] * len(negatives), threshold,
                           trained_on={"labelled_texts": len(labelled), "ordinary_texts": len(ordinary_texts)},
                           withheld=withheld)


def read_labelled_names(path: Path) -> list[LabelledText]:
    """A JSONL file of cases: {"text": …, "pii": [{"type": "NAME", "value": …}, …]}. A name written in several
    words (a foreign name) teaches the character tagger; the scorer, which reads one word at a time, never meets
    it as a span."""
    cases = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            case = json.loads(line)
            names = [item["value"] for item in case["pii"] if item["type"] == "NAME"]
            if not isinstance(case["text"], str) or not all(isinstance(name, str) for name in names):
                raise TypeError("text and NAME values must be strings")
            cases.append(LabelledText(case["text"], frozenset(names)))
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{path}:{number}: not a labelled case ({error})") from error
    return cases


def read_ordinary_texts(path: Path, max_chars: int = 3000) -> list[str]:
    """The Korean text fields of a CSV file (every field over 20 characters with Hangul in it), or the lines of any
    other text file; each cut to ``max_chars``, as Kiwi's cost grows with length and a long text adds little."""
    if Path(path).suffix.lower() != ".csv":
        return [line[:max_chars] for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    import csv

    csv.field_size_limit(1 << 30)
    texts = []
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for value in row.values():
                if isinstance(value, str) and len(value) > 20 and re.search("[가-힣]", value):
                    texts.append(value[:max_chars])
    return texts
