"""A character-level tagger for personal names, beside the rules and the span scorer.

The span scorer (``nlp.name_scorer``) weighs each feature of a word start on its own, and blind sets keep leaking
names whose evidence is a combination: a given name Kiwi reads otherwise in a chat (사진은 은지가 찍었는데), a full
name between a role and a title (주방장 박효남 요리사님과). This tagger reads every character with the characters around
it (about 30 each side): the character itself and its jamo, its script, Kiwi's tag of the morpheme it stands in, and
whether it is a surname or given-name syllable; and, in weights trained with a ``context_layer`` (the shipped ones:
8), the state of the token it is in after that layer of multilingual-e5-small (``nlp.token_states``: what a model
pretrained on the web's text makes of the words around it, which the labelled sets alone cannot teach: 11 % fewer
leaks on sets no reader saw). Four dilated convolutions over those give each character the chance that it belongs
to a person's name; a run of characters at or over the threshold is a name. The encoder costs seven times the rest
of masking, so weights reading it carry a ``Gate``: a tagger without the states, trained on the same texts, whose
chance picks the parts of a text worth reading (one complaint in eleven has any; the others are not read).

It is trained with PyTorch (``train_name_tagger``, ``civicai privacy train-name-tagger``) on the labelled PII sets,
with ordinary public text as negatives, and runs on numpy alone: the masker never loads torch. The weights, the
gate's too, are one ``.npz`` file (``data/models/pii_name_tagger.npz``) holding single characters and numbers, no
text.
"""

from __future__ import annotations

import json
import math
import os
import random
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, partial
from pathlib import Path
from typing import Any

import numpy as np

from nlp.name_scorer import LabelledText
from nlp.pii import (
    _COMPOUND_SURNAMES,
    _FOLD,
    _GIVEN,
    _HANGUL_WORD,
    _NOT_GIVEN,
    _SURNAMES,
    _WORD_NAMES,
    PiiMasker,
    _nfc,
    _open_syllable,
    _read,
    _syllable_parts,
)
from nlp.types import Token

DEFAULT_MODEL = Path(__file__).resolve().parent.parent / "data" / "models" / "pii_name_tagger.npz"
# Kiwi's tags (without the irregular-conjugation suffix, as nlp.korean gives them); any other is the last id.
_TAGS = ("NNG", "NNP", "NNB", "NR", "NP", "VV", "VA", "VX", "VCP", "VCN", "MM", "MAG", "MAJ", "IC", "JKS", "JKC",
         "JKG", "JKO", "JKB", "JKV", "JKQ", "JX", "JC", "EP", "EF", "EC", "ETN", "ETM", "XPN", "XSN", "XSV", "XSA",
         "XSM", "XR", "SF", "SP", "SS", "SSO", "SSC", "SE", "SO", "SW", "SL", "SH", "SN", "SB", "UN", "W_URL",
         "W_EMAIL", "W_HASHTAG", "W_MENTION", "W_SERIAL", "W_EMOJI", "Z_CODA", "Z_SIOT")
_TAG_ID = {tag: index + 1 for index, tag in enumerate(_TAGS)}  # 0: no morpheme covers the character
_TAG_IDS = len(_TAGS) + 2  # and the last: a tag not listed
# Columns of a character's encoding and the embedding each indexes, with its size (rows are ids, columns width).
_COLUMNS = (("char", None, 48), ("initial", 20, 8), ("vowel", 22, 8), ("final", 29, 8), ("script", 11, 6),
            ("tag", 2 * _TAG_IDS, 16), ("morpheme_position", 3, 4), ("syllable_lists", 16, 8))
# The width the encoder's states are projected to beside the columns, in weights trained with them; the shipped ones
# read layer 8 of 12, which found more names than layer 4 on sets no reader learned from at two thirds of a pass.
_CONTEXT_WIDTH = 64
# The gate's chance from which the states are read near a character. On the training sets 0.1 leaked as much as
# reading them everywhere (128), 0.2 and 0.3 two more; 0.3 reads one complaint in eleven of the dev and held-out
# complaints, 0.1 one in six (2026-12-07).
GATE_CHANCE = 0.3
_DILATIONS = (1, 2, 4, 8)
_KERNEL = 5
# Characters each side a character's chance depends on (the convolutions' reach).
_REACH = _KERNEL // 2 * sum(_DILATIONS)
_WIDTH = 128
_UNKNOWN_CHAR = 1  # 0 pads a batch
_PIECE = 320  # characters a training example is cut into; the tagger sees about 30 each side
_BATCH = 32
_PUNCTUATION = frozenset(".,!?;:'\"()[]{}<>-~/·…")
_GATE_PREFIX = "gate."


def _script(ch: str) -> int:
    code = ord(ch)
    if 0xAC00 <= code <= 0xD7A3:
        return 1
    if "A" <= ch <= "Z":
        return 2
    if "a" <= ch <= "z":
        return 3
    if ch.isdigit():
        return 4
    if ch == " ":
        return 5
    if ch == "\n":
        return 6
    if ch in _PUNCTUATION:
        return 7
    if 0x4E00 <= code <= 0x9FFF:
        return 8
    return 9 if ch.isalpha() else 10  # another script's letter (Cyrillic, Thai) or a symbol


def encode(view: str, tokens: list[Token], vocabulary: Mapping[str, int]) -> np.ndarray:
    """One row per character of ``view`` with the ids of ``_COLUMNS``; ``tokens`` are Kiwi's reading of ``view``."""
    rows = np.zeros((len(view), len(_COLUMNS)), dtype=np.int64)
    for index, ch in enumerate(view):
        rows[index, 0] = vocabulary.get(ch, _UNKNOWN_CHAR)
        parts = _syllable_parts(ch)
        if parts is not None:
            rows[index, 1:4] = parts[0] + 1, parts[1] + 1, parts[2] + 1
        rows[index, 4] = _script(ch)
        rows[index, 7] = ((ch in _SURNAMES) | (ch in _GIVEN) << 1 | (ch in _NOT_GIVEN) << 2
                          | (view[index : index + 2] in _COMPOUND_SURNAMES) << 3)
    for token in tokens:
        tag = _TAG_ID.get(token.tag, _TAG_IDS - 1) + (_TAG_IDS if token.guessed else 0)
        rows[token.start : token.end, 5] = tag
        rows[token.start : token.end, 6] = 2
        if token.start < len(view):
            rows[token.start, 6] = 1
    return rows


@dataclass(frozen=True)
class Gate:
    """Where weights reading the encoder's states read them: within their reach of a character ``tagger`` (one
    without the states) gives at least ``chance``. Names lie there; the rest of a text, most of a complaint, is not
    run through the encoder, and its characters are no name's. Weights without a ``context_layer`` read no states,
    and a gate on them changes nothing."""

    tagger: NameTagger
    chance: float


@dataclass(frozen=True)
class NameTagger:
    """Numpy weights of the convolutional tagger; characters scoring at least ``threshold`` are a name's. With a
    ``context_layer`` it also reads the encoder's states after that layer, only where its ``gate`` says if it has
    one."""

    vocabulary: Mapping[str, int]
    parameters: Mapping[str, np.ndarray]
    threshold: float
    trained_on: Mapping[str, Any] = field(default_factory=dict)
    context_layer: int | None = None
    gate: Gate | None = None

    @classmethod
    def load(cls, path: Path = DEFAULT_MODEL) -> NameTagger:
        with np.load(path, allow_pickle=False) as archive:
            meta = json.loads(str(archive["meta"]))
            parameters = {name: archive[name].astype(np.float32) for name in archive.files if name != "meta"}
        return cls._from(meta, parameters)

    @classmethod
    def _from(cls, meta: Mapping[str, Any], parameters: Mapping[str, np.ndarray]) -> NameTagger:
        gate = None
        if "gate" in meta:  # the gate's weights are the ones under its prefix
            gate_parameters = {name[len(_GATE_PREFIX):]: value for name, value in parameters.items()
                               if name.startswith(_GATE_PREFIX)}
            gate = Gate(cls._from(meta["gate"], gate_parameters), meta["gate"]["chance"])
            parameters = {name: value for name, value in parameters.items() if not name.startswith(_GATE_PREFIX)}
        return cls(meta["vocabulary"], parameters, meta["threshold"], meta.get("trained_on", {}),
                   meta.get("context_layer"), gate)

    def _meta(self) -> dict[str, Any]:
        meta = {"threshold": self.threshold, "trained_on": dict(self.trained_on), "vocabulary": dict(self.vocabulary),
                "context_layer": self.context_layer}
        if self.gate is not None:
            meta["gate"] = {**self.gate.tagger._meta(), "chance": self.gate.chance}
        return meta

    def _all_parameters(self) -> dict[str, np.ndarray]:
        gate = {} if self.gate is None else {_GATE_PREFIX + name: value
                                             for name, value in self.gate.tagger._all_parameters().items()}
        return {**self.parameters, **gate}

    def save(self, path: Path) -> None:
        """Write the weights to ``path`` exactly (numpy would add .npz to any other name) and whole: through a file
        beside it, so an interrupted run leaves the old weights, not half of the new."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        with open(partial, "wb") as handle:
            # half precision: the file is half the size and a character's chance moves by under 0.001
            np.savez_compressed(handle, meta=np.array(json.dumps(self._meta(), ensure_ascii=False)),
                                **{name: value.astype(np.float16) for name, value in self._all_parameters().items()})
        os.replace(partial, path)

    @cached_property
    def _convolutions(self) -> list[np.ndarray]:
        """Each convolution's PyTorch out × in × kernel weights as one (kernel · in) × out matrix, made once: making
        them on every text took a tenth of masking it."""
        return [self.parameters[f"conv{layer}.weight"].transpose(2, 1, 0).reshape(-1, _WIDTH)
                for layer in range(len(_DILATIONS))]

    def probabilities(self, view: str, tokens: list[Token]) -> np.ndarray:
        """The chance that each character of ``view`` belongs to a person's name."""
        if not view:
            return np.zeros(0, dtype=np.float32)
        near = None
        if self.context_layer is not None and self.gate is not None:
            near = _within(self.gate.tagger.probabilities(view, tokens) >= self.gate.chance, _REACH)
            if not near.any():
                return np.zeros(len(view), dtype=np.float32)
        ids = encode(view, tokens, self.vocabulary)
        p = self.parameters
        columns = [p[f"embed.{name}.weight"][ids[:, column]] for column, (name, _, _) in enumerate(_COLUMNS)]
        if self.context_layer is not None:
            # a near character's chance reads states up to _REACH away, and the encoder gives those states from
            # the words about them: _REACH more each side
            where = None if near is None else _within(near, 2 * _REACH)
            columns.append(context_states(view, self.context_layer, where) @ p["context.weight"].T
                           + p["context.bias"])
        hidden = np.concatenate(columns, axis=1)
        hidden = np.maximum(hidden @ p["input.weight"].T + p["input.bias"], 0)
        for layer, (dilation, weight) in enumerate(zip(_DILATIONS, self._convolutions, strict=True)):
            # the kernel's shifted copies of the text side by side against one matrix: one product, not one per tap
            reach = dilation * (_KERNEL // 2)
            padded = np.zeros((len(view) + 2 * reach, _WIDTH), dtype=hidden.dtype)
            padded[reach : reach + len(view)] = hidden
            shifted = np.concatenate([padded[k * dilation : k * dilation + len(view)] for k in range(_KERNEL)], axis=1)
            hidden = hidden + np.maximum(shifted @ weight + p[f"conv{layer}.bias"], 0)
        logits = hidden @ p["output.weight"][0] + p["output.bias"][0]
        chance = 1.0 / (1.0 + np.exp(-np.clip(logits, -50, 50)))
        return chance if near is None else np.where(near, chance, 0.0).astype(np.float32)

    def names(self, view: str, tokens: list[Token]) -> Iterator[tuple[int, int, float]]:
        """(start, end, mean chance) of every run of letters scored at least the threshold; a run goes on over a
        single space or hyphen between two such letters (NGUYEN VAN NAM, 응우옌 반 남, Santos-Kim), never over a line
        break or a comma (two people), and needs two letters."""
        chance = self.probabilities(view, tokens)
        letter = [ch.isalpha() and over for ch, over in zip(view, (chance >= self.threshold).tolist(), strict=True)]
        index, length = 0, len(view)
        while index < length:
            if not letter[index]:
                index += 1
                continue
            end = index + 1
            while end < length and (letter[end] or (view[end] in " -" and end + 1 < length and letter[end + 1])):
                end += 1
            if end - index >= 2:
                yield index, end, float(chance[index:end].mean())
            index = end


def context_states(view: str, layer: int, where: np.ndarray | None = None) -> np.ndarray:
    """Each character's encoder state after ``layer`` (float32, characters × 384); with ``where`` (a bool per
    character) only its runs are read, each on its own, and the other characters' states are zeros."""
    from nlp.token_states import shipped_token_states  # only weights trained with the states load the encoder

    encoder = shipped_token_states(layer)
    if where is None:
        return encoder.per_character(view, layer)
    states = np.zeros((len(view), encoder.width), dtype=np.float32)
    for start, end in _runs(where):
        states[start:end] = encoder.per_character(view[start:end], layer)
    return states


def _within(marked: np.ndarray, reach: int) -> np.ndarray:
    """Whether each position is at most ``reach`` from a marked one."""
    counts = np.concatenate([[0], np.cumsum(marked, dtype=np.int64)])
    positions = np.arange(len(marked))
    return counts[np.minimum(positions + reach + 1, len(marked))] > counts[np.maximum(positions - reach, 0)]


def _runs(marked: np.ndarray) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of marked positions."""
    edges = np.flatnonzero(np.diff(np.concatenate([[0], marked.astype(np.int8), [0]])))
    yield from zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True)


def labelled_characters(text: str, names: Iterable[str]) -> tuple[str, list[Token], bytes]:
    """The masker's view of ``text``, Kiwi's reading of it and a 0/1 label per character: 1 inside every place
    one of ``names`` is written (in the same view: an NFD or full-width name is found); a name of one character
    would label that character everywhere, and is left out."""
    view = _nfc(text).translate(_FOLD)
    labels = bytearray(len(view))
    for name in {_nfc(name).translate(_FOLD).strip() for name in names}:
        if len(name) < 2:
            continue
        at = view.find(name)
        while at >= 0:
            labels[at : at + len(name)] = b"\x01" * len(name)
            at = view.find(name, at + 1)
    return view, _read(view), bytes(labels)


# Surnames a drawn name starts with: half of them the ten most people carry, half any listed (rare ones leak most).
_COMMON_SURNAMES = "김이박최정강조윤장임"
_HANGUL_NAME_LENGTHS = range(2, 5)
# sorted: a frozenset's order changes with each process's string hashing, and a seed must draw the same names
_GIVEN_SYLLABLES = sorted(_GIVEN)
_GIVEN_BY_OPEN_LAST = {open_last: [ch for ch in _GIVEN_SYLLABLES if _open_syllable(ch) == open_last]
                       for open_last in (True, False)}


def _word_names_by_shape() -> dict[tuple[int, bool], list[str]]:
    """The everyday-word names by length and whether they end without a final consonant."""
    shapes: dict[tuple[int, bool], list[str]] = {}
    for word in sorted(_WORD_NAMES):
        shapes.setdefault((len(word), _open_syllable(word[-1])), []).append(word)
    return shapes


_WORD_NAMES_BY_SHAPE = _word_names_by_shape()


def _drawn_given(length: int, open_last: bool, rng: random.Random) -> str:
    """Given-name syllables drawn at random; the last one lacks a final consonant exactly when ``open_last``, so the
    particles after it (이/가, 은/는, 아/야) still fit."""
    return "".join(rng.choice(_GIVEN_SYLLABLES) for _ in range(length - 1)) + rng.choice(_GIVEN_BY_OPEN_LAST[open_last])


def with_names_swapped(case: LabelledText, rng: random.Random) -> LabelledText:
    """``case`` with each name in Hangul written as another drawn at random in its shape: a full name as a surname
    and given syllables, a name of two syllables as a given name (now and then an everyday-word name such as 노을);
    a given name written alone beside its full name keeps following it. The tagger then learns the places names
    stand in rather than the names the sets happen to use. Names in other scripts or typed apart stay."""
    drawn: dict[str, str] = {}
    # longest first (a full name before the given name that follows it), then by spelling: names is a frozenset,
    # whose order changes with each process's string hashing, and a seed must draw the same names in every process
    for name in sorted(case.names, key=lambda name: (-len(name), name)):
        if not (len(name) in _HANGUL_NAME_LENGTHS and _HANGUL_WORD.fullmatch(name)):
            continue
        open_last = _open_syllable(name[-1])
        full = next((original for original in drawn if len(original) > len(name) and original.endswith(name)), None)
        if full is not None:
            drawn[name] = drawn[full][len(drawn[full]) - len(name):]
        elif name[:2] in _COMPOUND_SURNAMES and len(name) >= 3:
            drawn[name] = rng.choice(_COMPOUND_SURNAMES) + _drawn_given(len(name) - 2, open_last, rng)
        elif len(name) >= 3 and name[0] in _SURNAMES:
            surname = rng.choice(_COMMON_SURNAMES if rng.random() < 0.5 else _SURNAMES)
            drawn[name] = surname + _drawn_given(len(name) - 1, open_last, rng)
        else:
            words = _WORD_NAMES_BY_SHAPE.get((len(name), open_last))
            drawn[name] = rng.choice(words) if words and rng.random() < 0.3 else _drawn_given(len(name), open_last, rng)
    if not drawn:
        return case
    pattern = re.compile("|".join(re.escape(name) for name in sorted(drawn, key=len, reverse=True)))
    return LabelledText(pattern.sub(lambda match: drawn[match.group()], case.text),
                        frozenset(drawn.get(name, name) for name in case.names))


def train_name_tagger(labelled: list[LabelledText], ordinary_texts: list[str], threshold: float = 0.7,
                      epochs: int = 6, seed: int = 0, private: Sequence[LabelledText] = (),
                      name_swaps: int = 0, context_layer: int | None = None,
                      read_context: Callable[[str], np.ndarray] | None = None,
                      gate_chance: float | None = None,
                      progress: Callable[[float], None] | None = None) -> NameTagger:
    """Fit the tagger on labelled texts (their names are positives, every other character negative) and ordinary
    public text (negative but for the names the rules find there: public figures'). ``private`` texts (complaints
    clerks marked names in) are learned from like labelled ones, but their characters never enter the vocabulary
    the weights file lists: one only they hold reads as unknown. ``name_swaps`` copies of each labelled text are
    added with its names drawn anew (``with_names_swapped``). Needs PyTorch (about 4 minutes on two cores for the
    shipped sets). With a ``context_layer`` every text is first read by the encoder (8 more minutes): ``read_context``
    gives a view's states in place of reading it (folds of a cross-validation read each text once); with a
    ``gate_chance`` too, a tagger without the states is first trained on the same texts and becomes its ``Gate``.
    ``progress`` is called with the percent done."""
    if read_context is not None and context_layer is None:
        raise ValueError("read_context gives the encoder's states: say which layer they are of (context_layer)")
    if gate_chance is not None and context_layer is None:
        raise ValueError("a gate chooses where the encoder's states are read: say which layer (context_layer)")
    if context_layer is not None and gate_chance is not None:
        report = progress or (lambda _: None)
        same = {"threshold": threshold, "epochs": epochs, "seed": seed, "private": private, "name_swaps": name_swaps}
        # the plain tagger is about a quarter of the time: it reads no states
        plain = train_name_tagger(labelled, ordinary_texts, progress=lambda done: report(done / 4), **same)
        gated = train_name_tagger(labelled, ordinary_texts, context_layer=context_layer, read_context=read_context,
                                  progress=lambda done: report(25 + done * 3 / 4), **same)
        return replace(gated, gate=Gate(plain, gate_chance))
    import torch

    rules = PiiMasker(["NAME"], learned_names=False)
    drawing = random.Random(seed)

    def with_swapped_copies(cases: Sequence[LabelledText]) -> list[tuple[str, list[Token], bytes]]:
        copies = [with_names_swapped(case, drawing) for _ in range(name_swaps) for case in cases]
        return [labelled_characters(case.text, case.names) for case in (*cases, *copies)]

    # a marked text's copies still hold what no swap changes (a name in Chinese characters): they stay out of the
    # vocabulary as the text does
    shared, marked = with_swapped_copies(labelled), with_swapped_copies(private)
    if not any(any(labels) for _, _, labels in shared + marked):
        raise ValueError("no labelled name is written in its text: give cases with NAME values as in the text")
    shared += [labelled_characters(text, {span.text for span in rules.find(text)}) for text in ordinary_texts]
    examples = shared + marked
    counts = Counter(ch for view, _, _ in shared for ch in view)
    vocabulary = {ch: index + 2 for index, (ch, count) in enumerate(counts.most_common()) if count >= 2}
    read = read_context or (partial(context_states, layer=context_layer) if context_layer is not None else None)
    report = progress or (lambda _: None)
    # reading the texts is about 60 % of the time with the encoder, the passes the rest
    read_share = 60 if read else 10
    characters_read, characters = 0, sum(len(view) for view, _, _ in examples)
    pieces = []
    for view, tokens, labels in examples:
        rows = encode(view, tokens, vocabulary)
        # half precision: the 1.5 million characters of the shipped sets hold 1.2 GB so
        states = read(view).astype(np.float16, copy=False) if read else np.zeros((len(view), 0), dtype=np.float16)
        pieces += [(rows[at : at + _PIECE], labels[at : at + _PIECE], states[at : at + _PIECE])
                   for at in range(0, len(view), _PIECE)]
        characters_read += len(view)
        report(read_share * characters_read / characters)
    torch.manual_seed(seed)
    shuffler = random.Random(seed)
    context_width = pieces[0][2].shape[1] if pieces else 0
    model = _torch_tagger(torch, len(vocabulary) + 2, context_width)
    optimizer = torch.optim.AdamW(model.parameters(), lr=2e-3, weight_decay=1e-4)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=2e-3,
                                                   total_steps=epochs * math.ceil(len(pieces) / _BATCH))
    # names are rare among characters: a name's character counts three times
    loss_of = torch.nn.BCEWithLogitsLoss(reduction="none", pos_weight=torch.tensor(3.0))
    for epoch in range(epochs):
        model.train()
        # pieces of like length share a batch (less padding), batches in random order
        pieces.sort(key=lambda piece: len(piece[0]) + shuffler.random() * 40)
        batches = [pieces[at : at + _BATCH] for at in range(0, len(pieces), _BATCH)]
        shuffler.shuffle(batches)
        for batch in batches:
            width = max(len(rows) for rows, _, _ in batch)
            ids = np.zeros((len(batch), width, len(_COLUMNS)), dtype=np.int64)
            context = np.zeros((len(batch), width, context_width), dtype=np.float32)
            targets = np.zeros((len(batch), width), dtype=np.float32)
            present = np.zeros((len(batch), width), dtype=np.float32)
            for row, (rows, labels, states) in enumerate(batch):
                ids[row, : len(rows)] = rows
                context[row, : len(rows)] = states
                targets[row, : len(rows)] = np.frombuffer(labels, dtype=np.uint8)
                present[row, : len(rows)] = 1
            weight = torch.from_numpy(present)
            predicted = model(torch.from_numpy(ids), torch.from_numpy(context), weight)
            loss = (loss_of(predicted, torch.from_numpy(targets)) * weight).sum()
            loss = loss / weight.sum()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            schedule.step()
        report(read_share + (100 - read_share) * (epoch + 1) / epochs)
    parameters = {name: value.detach().numpy().copy() for name, value in model.state_dict().items()}
    info = {"labelled_texts": len(labelled) + len(private), "ordinary_texts": len(ordinary_texts), "epochs": epochs,
            "name_swaps": name_swaps,
            "characters": sum(len(rows) for rows, _, _ in pieces),
            "name_characters": sum(labels.count(1) for _, labels, _ in pieces)}
    return NameTagger(vocabulary, parameters, threshold, info, context_layer)


def _torch_tagger(torch: Any, characters: int, context_width: int = 0) -> Any:
    """The PyTorch module whose state dict ``NameTagger.probabilities`` computes with numpy."""
    nn = torch.nn

    class Tagger(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.embed = nn.ModuleDict({name: nn.Embedding(rows or characters, width)
                                        for name, rows, width in _COLUMNS})
            self.reads_context = context_width > 0
            if self.reads_context:
                self.context = nn.Linear(context_width, _CONTEXT_WIDTH)
                self.context_dropout = nn.Dropout(0.1)
            self.input = nn.Linear(sum(width for _, _, width in _COLUMNS) + _CONTEXT_WIDTH * self.reads_context,
                                   _WIDTH)
            for layer, dilation in enumerate(_DILATIONS):
                setattr(self, f"conv{layer}", nn.Conv1d(_WIDTH, _WIDTH, _KERNEL, dilation=dilation,
                                                        padding=dilation * (_KERNEL // 2)))
            self.dropout = nn.Dropout(0.2)
            self.output = nn.Linear(_WIDTH, 1)

        def forward(self, ids: Any, context: Any = None, present: Any = None) -> Any:
            """``context``: the encoder's state of each character (batch × length × its width), for a network that
            reads it; ``present`` (batch × length, 1 for a character, 0 for padding) zeroes the padding after each
            layer, as the numpy reading pads a text with zeros."""
            keep = torch.ones(ids.shape[:2]) if present is None else present
            keep = keep.unsqueeze(1)
            columns = [self.embed[name](ids[..., column]) for column, (name, _, _) in enumerate(_COLUMNS)]
            if self.reads_context:
                columns.append(self.context(self.context_dropout(context)))
            hidden = torch.cat(columns, -1)
            hidden = torch.relu(self.input(hidden)).transpose(1, 2) * keep
            for layer in range(len(_DILATIONS)):
                hidden = (hidden + torch.relu(getattr(self, f"conv{layer}")(self.dropout(hidden)))) * keep
            return self.output(hidden.transpose(1, 2)).squeeze(-1)

    return Tagger()
