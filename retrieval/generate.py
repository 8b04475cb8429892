"""Optional generator: an OpenAI-compatible chat endpoint (a city's on-premise LLM, a llama.cpp server)
writes the answer from the retrieved passages only, keeping their citations.

Off by default. Any failure (timeout, bad status, empty reply) falls back to the extractive answer:
a citizen always gets an answer grounded in the documents.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import httpx

from retrieval.types import Chunk

logger = logging.getLogger(__name__)

SYSTEM_PROMPT = (
    "당신은 시청 민원 안내 도우미입니다. 아래 [자료]에 있는 내용만으로 한국어로 짧고 정확하게 답하세요. "
    "자료에 없는 내용은 추측하지 말고 '안내 자료에 없는 내용입니다'라고 답하세요. "
    "문장 끝에 근거 자료 번호를 [1]처럼 적으세요."
)


class GeneratorError(Exception):
    """The generation endpoint did not give a usable answer."""


@dataclass(frozen=True)
class GeneratorOptions:
    base_url: str  # e.g. http://10.0.0.5:8080/v1
    model: str = "local"
    api_key: str | None = None  # read from settings by the caller, never stored in the index
    timeout_s: float = 20.0
    max_tokens: int = 400
    temperature: float = 0.1


class OpenAICompatibleGenerator:
    def __init__(self, options: GeneratorOptions) -> None:
        if not options.base_url.startswith(("http://", "https://")):
            raise ValueError(f"generator base_url={options.base_url!r} must start with http:// or https://")
        self.options = options

    def generate(self, question: str, chunks: Sequence[Chunk]) -> str:
        sources = "\n\n".join(f"[{n}] {chunk.title} > {chunk.section}\n{chunk.text}" for n, chunk in
                              enumerate(chunks, start=1))
        headers = {"Authorization": f"Bearer {self.options.api_key}"} if self.options.api_key else {}
        payload = {
            "model": self.options.model,
            "messages": [
                {"role": "system", "content": SYSTEM_PROMPT},
                {"role": "user", "content": f"[자료]\n{sources}\n\n[질문]\n{question}"},
            ],
            "max_tokens": self.options.max_tokens,
            "temperature": self.options.temperature,
        }
        url = self.options.base_url.rstrip("/") + "/chat/completions"
        try:
            response = httpx.post(url, json=payload, headers=headers, timeout=self.options.timeout_s)
            response.raise_for_status()
            text = response.json()["choices"][0]["message"]["content"].strip()
        except (httpx.HTTPError, KeyError, IndexError, TypeError, ValueError) as error:
            raise GeneratorError(f"generator at {url} failed: {error.__class__.__name__}") from error
        if not text:
            raise GeneratorError(f"generator at {url} returned an empty answer")
        return text
