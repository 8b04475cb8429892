"""Extractive, cited answers from the city's documents, or a hand-off when they do not answer.

No generative model runs here: the answer is the sentences of the best passage that match the
question, with citations. A confidence from retrieval decides between answering and handing off
to the department the complaint router predicts; out-of-domain questions must be handed off, never
answered from a random passage.
"""

from __future__ import annotations

import functools
import logging
import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from retrieval.generate import GeneratorError, OpenAICompatibleGenerator
from retrieval.index import Hit, HybridIndex
from retrieval.types import Chunk

logger = logging.getLogger(__name__)

SENTENCE_END = re.compile(r"(?<=[.!?。])\s+|(?<=[다요죠까])\.?\s*\n+|\n{2,}")
QUANTITY_WORDS = ("며칠", "몇", "얼마", "언제", "기한", "기간", "수수료", "요금", "비용", "금액", "나이", "시간")
FOLLOW_UP_OPENERS = ("그럼", "그러면", "그건", "그거", "그것", "이건", "이거", "그리고", "또", "그때", "거기", "그 ")
HANDOFF_MESSAGE = (
    "안내 문서에서 정확한 답을 찾지 못했습니다. 담당 부서로 연결해 드릴까요? 민원으로 접수하실 수도 있습니다."
)


@dataclass(frozen=True)
class Audience:
    """Who is asking: citizens see public documents; clerks also internal ones and their department's."""

    role: str = "citizen"  # citizen | clerk
    department: str | None = None

    def allows(self, chunk: Chunk) -> bool:
        if chunk.visibility == "public":
            return True
        if self.role != "clerk":
            return False
        return chunk.visibility == "internal" or chunk.department == self.department


@dataclass(frozen=True)
class Citation:
    id: str  # the document id (백문일련번호, city/<guide>), what a person can look up
    chunk_id: str
    title: str
    section: str
    source: str
    url: str | None
    score: float


@dataclass(frozen=True)
class Answer:
    question: str
    resolved_question: str  # the question with a follow-up's context filled in
    answer: str
    citations: tuple[Citation, ...]
    handoff: bool
    confidence: float
    department: str | None = None
    department_name: str | None = None
    department_phone: str | None = None


@dataclass(frozen=True)
class AnswerOptions:
    k: int = 5
    # Answer only when the best passage is close in meaning (cosine) and shares enough of the question's
    # content morphemes; a very close passage needs no lexical support. Chosen on the dev questions:
    # off-topic questions reach cosines of 0.80–0.88 with e5-small, so cosine alone cannot decide.
    min_dense: float = 0.845
    min_coverage: float = 0.34
    sure_dense: float = 0.88
    max_sentences: int = 3
    max_answer_chars: int = 400
    citations: int = 3


@dataclass(frozen=True)
class DepartmentContact:
    code: str
    name: str
    phone: str = ""


def split_sentences(text: str) -> list[str]:
    parts = [part.strip() for part in SENTENCE_END.split(text) if part and part.strip()]
    return [part for part in parts if len(part) > 1]


def is_follow_up(question: str) -> bool:
    stripped = question.strip()
    return stripped.startswith(FOLLOW_UP_OPENERS) or len(stripped.replace(" ", "")) <= 8


class Chatbot:
    """Answers with citations from a ``HybridIndex``; hands off with a routed department otherwise."""

    def __init__(
        self,
        index: HybridIndex,
        route: Callable[[str], str | None] | None = None,
        departments: Mapping[str, DepartmentContact] | None = None,
        options: AnswerOptions | None = None,
        generator: OpenAICompatibleGenerator | None = None,
    ) -> None:
        self.index = index
        self.generator = generator
        self.route = route
        self.departments = dict(departments or {})
        self.options = options or AnswerOptions()
        # The same top passages come back for many questions; Kiwi on a whole passage costs several ms.
        self._passage_terms = functools.lru_cache(maxsize=4096)(self._terms)

    def resolve(self, question: str, history: Sequence[str] = ()) -> str:
        """Fill a follow-up ("그럼 서류는요?") with the previous question's topic."""
        if history and is_follow_up(question):
            return f"{history[-1]} {question}"
        return question

    def ask(self, question: str, history: Sequence[str] = (), audience: Audience | None = None) -> Answer:
        question = question.strip()
        if not question:
            raise ValueError("empty question (질문이 비어 있습니다)")
        audience = audience or Audience()
        resolved = self.resolve(question, history)
        hits = self.index.search(resolved, k=self.options.k, allowed=audience.allows)
        confidence, coverage = self._confidence(resolved, hits)
        answerable = bool(hits) and confidence >= self.options.min_dense and (
            coverage >= self.options.min_coverage or confidence >= self.options.sure_dense
        )
        citations = tuple(self._citations(hits)) if answerable else ()
        department = self._department(resolved, hits if answerable else [])
        contact = self.departments.get(department or "")
        text = self._compose(resolved, hits) if answerable else HANDOFF_MESSAGE
        return Answer(
            question=question,
            resolved_question=resolved,
            answer=text,
            citations=citations,
            handoff=not answerable,
            confidence=round(confidence, 4),
            department=department,
            department_name=contact.name if contact else None,
            department_phone=contact.phone if contact and contact.phone else None,
        )

    def stream(
        self, question: str, history: Sequence[str] = (), audience: Audience | None = None
    ) -> Iterator[str | Answer]:
        """Sentence by sentence for the web chat (SSE), then the whole ``Answer`` with its citations."""
        answer = self.ask(question, history, audience)
        yield from split_sentences(answer.answer) or [answer.answer]
        yield answer

    # --- internals ---------------------------------------------------------------------------------------

    def _confidence(self, question: str, hits: Sequence[Hit]) -> tuple[float, float]:
        if not hits:
            return 0.0, 0.0
        best = max((hit.dense_score or 0.0) for hit in hits[:3])
        terms = self._terms(question)
        if not terms:
            return best, 0.0
        return best, len(terms & self._passage_terms(hits[0].chunk.search_text)) / len(terms)

    def _terms(self, text: str) -> frozenset[str]:
        return frozenset(self.index.tokenize([text])[0])

    def _citations(self, hits: Sequence[Hit]) -> Iterator[Citation]:
        seen: set[str] = set()
        for hit in hits:
            chunk = hit.chunk
            if chunk.document_id in seen:
                continue
            seen.add(chunk.document_id)
            yield Citation(
                id=chunk.document_id,
                chunk_id=chunk.id,
                title=chunk.title,
                section=chunk.section,
                source=chunk.source,
                url=chunk.url,
                score=round(hit.score, 5),
            )
            if len(seen) >= self.options.citations:
                return

    def _department(self, question: str, hits: Sequence[Hit]) -> str | None:
        for hit in hits[:1]:
            if hit.chunk.department:
                return hit.chunk.department
        return self.route(question) if self.route is not None else None

    def _compose(self, question: str, hits: Sequence[Hit]) -> str:
        """The generator's answer from the cited passages when one is configured, else the extract."""
        if self.generator is not None:
            try:
                return self.generator.generate(question, [hit.chunk for hit in hits[: self.options.citations]])
            except GeneratorError as error:
                logger.warning("falling back to the extractive answer: %s", error)
        return self._extract(question, hits[0].chunk)

    def _extract(self, question: str, chunk: Chunk) -> str:
        """The passage's sentences most similar to the question, in their original order."""
        body = chunk.text
        if chunk.source.lower().endswith(".csv") and "\n" in body:
            body = body.split("\n", 1)[1]  # a Q&A row is "question\nanswer": answer with the answer
        sentences = split_sentences(body)
        if len(sentences) <= self.options.max_sentences:
            return body.strip()[: self.options.max_answer_chars * 2]
        # Lexical overlap with the question's morphemes, not embeddings: embedding every sentence of
        # the passage cost ~0.5 s per question on 2 cores and chose nearly the same sentences.
        question_terms = set(self.index.tokenize([question])[0])
        # "며칠/얼마/언제" questions are answered by a sentence with a number in it (14일, 1,000원).
        wants_number = any(word in question for word in QUANTITY_WORDS)
        scores = [
            len(question_terms & set(terms)) / math.sqrt(len(terms) + 1)
            + (0.5 if wants_number and any(c.isdigit() for c in sentence) else 0.0)
            for sentence, terms in zip(sentences, self.index.tokenize(sentences), strict=True)
        ]
        best = max(range(len(sentences)), key=lambda i: (scores[i], -i))
        chosen = {best}
        for neighbour in sorted(range(len(sentences)), key=lambda i: (-scores[i], i)):
            if len(chosen) >= self.options.max_sentences:
                break
            if abs(neighbour - best) <= 2:
                chosen.add(neighbour)
        text = " ".join(sentences[i] for i in sorted(chosen))
        return text[: self.options.max_answer_chars].rstrip()
