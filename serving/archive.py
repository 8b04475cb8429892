"""Search across approved minutes (keyword + semantic): the chatbot's hybrid index over another corpus.

Approved minutes are cut into small passages (agenda summaries, decisions, action items, and windows
of the transcript), personal data masked, and upserted per meeting, so re-approving a meeting
replaces its passages. Hits point back to the meeting and the moment in the recording.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from retrieval.index import HybridIndex, IndexNotBuiltError
from retrieval.knowledge import morpheme_tokenizer
from retrieval.types import Chunk
from speech.types import Minutes

logger = logging.getLogger(__name__)

TRANSCRIPT_WINDOW = 6  # lines per transcript passage: enough context to recognise the discussion


@dataclass(frozen=True)
class ArchiveHit:
    meeting_id: int
    title: str
    section: str
    text: str
    start: float | None  # seconds into the recording, for transcript passages
    score: float


class MinutesArchive:
    """Cheap to construct; the index is loaded (or started empty) on first use."""

    def __init__(self, index_dir: Path, embedder, analyzer, mask) -> None:
        self.index_dir = index_dir
        self.mask = mask
        self._index = HybridIndex(embedder, morpheme_tokenizer(analyzer))
        self._loaded = False
        self._lock = threading.Lock()

    def _ensure_loaded(self) -> None:
        if self._loaded:
            return
        try:
            self._index.load(self.index_dir)
        except IndexNotBuiltError:
            logger.info("minutes archive starts empty at %s", self.index_dir)
        self._loaded = True

    def add(self, meeting_id: int, minutes: Minutes, held_at: datetime | None = None) -> int:
        """Index (or re-index) one meeting's approved minutes; returns the number of passages."""
        chunks = self._passages(meeting_id, minutes, held_at)
        with self._lock:
            self._ensure_loaded()
            if chunks:
                self._index.upsert(chunks)  # replaces the meeting's earlier passages
            else:
                self._index.delete_documents([_document_id(meeting_id)])
            self._index.save(self.index_dir)
        return len(chunks)

    def search(self, query: str, k: int = 10) -> list[ArchiveHit]:
        with self._lock:
            self._ensure_loaded()
        hits = self._index.search(self.mask(query), k=k)
        return [
            ArchiveHit(meeting_id=int(hit.chunk.document_id.split("/", 1)[1]), title=hit.chunk.title,
                       section=hit.chunk.section, text=hit.chunk.text,
                       start=float(hit.chunk.page) if hit.chunk.page is not None else None, score=hit.score)
            for hit in hits
        ]

    def _passages(self, meeting_id: int, minutes: Minutes, held_at: datetime | None) -> list[Chunk]:
        title = minutes.metadata.title
        updated = held_at.date().isoformat() if held_at else None
        texts: list[tuple[str, str, int | None]] = []
        for item in minutes.agenda:
            if item.summary:
                texts.append((f"안건: {item.title}", " ".join(item.summary), None))
            for decision in item.decisions:
                texts.append((f"결정사항 · {item.title}", decision.text, None))
            for action in item.action_items:
                owner = f" (담당: {action.owner})" if action.owner else ""
                due = f" (기한: {action.due.isoformat()})" if action.due else ""
                texts.append((f"조치사항 · {item.title}", f"{action.task}{owner}{due}", None))
        lines = minutes.transcript
        for begin in range(0, len(lines), TRANSCRIPT_WINDOW):
            window = lines[begin:begin + TRANSCRIPT_WINDOW]
            body = "\n".join(f"{line.speaker or ''}: {line.text}".strip(": ") for line in window)
            # Chunk.page carries the second the window starts at (whole seconds), so a hit can seek the audio.
            texts.append(("녹취록", body, int(window[0].start)))
        return [
            Chunk(id=f"{_document_id(meeting_id)}#{ordinal}", document_id=_document_id(meeting_id), ordinal=ordinal,
                  text=self.mask(text), title=title, section=section, source=f"meeting:{meeting_id}",
                  url=f"/clerk/minutes/{meeting_id}", visibility="internal", department=None, updated=updated,
                  page=start)
            for ordinal, (section, text, start) in enumerate(texts)
            if text.strip()
        ]


def _document_id(meeting_id: int) -> str:
    return f"meeting/{meeting_id}"
