"""Similar past complaints and their answers, for the clerk's reply (FAISS inner-product index).

Past cases come from the city's history (a CSV of complaint, department, reply). The index is
saved beside a fingerprint of its source, so a restart loads it in milliseconds and a changed
source file rebuilds it.
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from nlp.errors import DictionaryError
from nlp.pii import PiiMasker
from nlp.types import SimilarCase

logger = logging.getLogger(__name__)

PASSAGE_CHARS = 400  # title + the opening of the complaint: where the topic is stated


@dataclass(frozen=True)
class PastCase:
    id: str
    title: str
    text: str
    reply: str
    department: str | None = None


def read_past_cases(path: Path, id_column: str = "proposal_id", title_column: str = "title",
                    text_column: str = "text", reply_column: str = "dept_opinion",
                    department_column: str = "department", masker: PiiMasker | None = None) -> list[PastCase]:
    """Past cases from a CSV; rows without a reply are skipped (nothing to recommend).

    With a ``masker`` every text is masked as it is read, so neither the index nor a recommended
    reply carries a citizen's or an official's name or number.
    """
    mask = (lambda text: masker.mask(text).text) if masker is not None else (lambda text: text)
    if not path.is_file():
        raise DictionaryError(f"past-case file {path} is missing")
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {id_column, text_column, reply_column} - set(reader.fieldnames or ())
        if missing:
            raise DictionaryError(f"{path} lacks columns {sorted(missing)}; has {reader.fieldnames}")
        return [
            PastCase(
                id=row[id_column],
                title=mask((row.get(title_column) or "").strip()),
                text=mask(row[text_column].strip()),
                reply=mask(row[reply_column].strip()),
                department=(row.get(department_column) or "").strip() or None,
            )
            for row in reader
            if row[reply_column] and row[reply_column].strip()
        ]


class SimilarCaseIndex:
    def __init__(self, embedder, cache_dir: Path | None = None) -> None:
        self.embedder = embedder
        self.cache_dir = cache_dir
        self.cases: list[PastCase] = []
        self._index = None

    @staticmethod
    def _fingerprint(cases: Sequence[PastCase], embedder_name: str) -> str:
        digest = hashlib.sha256(embedder_name.encode())
        for case in cases:
            digest.update(json.dumps(asdict(case), ensure_ascii=False).encode())
        return digest.hexdigest()[:16]

    def build(self, cases: Sequence[PastCase]) -> SimilarCaseIndex:
        import faiss

        self.cases = list(cases)
        fingerprint = self._fingerprint(self.cases, self.embedder.name)
        cached = self.cache_dir / f"similar-{fingerprint}.faiss" if self.cache_dir else None
        if cached is not None and cached.is_file():
            self._index = faiss.read_index(str(cached))
            return self
        passages = [f"{case.title}. {case.text[:PASSAGE_CHARS]}" for case in self.cases]
        vectors = self.embedder.embed_passages(passages)
        index = faiss.IndexFlatIP(vectors.shape[1] if len(vectors) else self.embedder.dimension)
        if len(vectors):
            index.add(vectors)
        self._index = index
        if cached is not None:
            cached.parent.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_suffix(".tmp")
            faiss.write_index(index, str(tmp))
            tmp.replace(cached)
        logger.info("similar-case index: %d cases", len(self.cases))
        return self

    def search(self, query_vectors: np.ndarray, k: int = 3) -> list[list[SimilarCase]]:
        if self._index is None:
            raise RuntimeError("build() the index before searching")
        if len(query_vectors) == 0 or not self.cases:
            return [[] for _ in range(len(query_vectors))]
        scores, ids = self._index.search(np.ascontiguousarray(query_vectors, dtype=np.float32), min(k, len(self.cases)))
        return [
            [
                SimilarCase(
                    id=self.cases[i].id,
                    score=round(float(score), 4),
                    title=self.cases[i].title,
                    reply=self.cases[i].reply,
                    department=self.cases[i].department,
                )
                for score, i in zip(row_scores, row_ids, strict=True)
                if i >= 0
            ]
            for row_scores, row_ids in zip(scores, ids, strict=True)
        ]
