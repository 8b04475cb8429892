"""The optional generator against a fake OpenAI-compatible server started in the test."""

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from retrieval.answer import Chatbot
from retrieval.generate import GeneratorError, GeneratorOptions, OpenAICompatibleGenerator
from retrieval.types import Chunk

CHUNK = Chunk(id="city/move-in-report#1", document_id="city/move-in-report", ordinal=1,
              text="이사한 날부터 14일 이내에 신고해야 합니다.", title="전입신고", section="개요",
              source="city/move-in-report.md", url=None, visibility="public", department="civil")


class FakeLLM(BaseHTTPRequestHandler):
    requests: ClassVar[list[dict]] = []
    reply: ClassVar[str | None] = None

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeLLM.requests.append({"path": self.path, "body": body, "auth": self.headers.get("Authorization")})
        if FakeLLM.reply is None:
            self.send_response(500)
            self.end_headers()
            return
        payload = json.dumps({"choices": [{"message": {"role": "assistant", "content": FakeLLM.reply}}]})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(payload.encode())

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def fake_llm() -> Iterator[str]:
    FakeLLM.requests = []
    FakeLLM.reply = "이사한 날부터 14일 이내에 전입신고를 해야 합니다 [1]."
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeLLM)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


def test_generator_sends_passages_and_returns_reply(fake_llm: str) -> None:
    generator = OpenAICompatibleGenerator(GeneratorOptions(base_url=fake_llm, api_key="city-key"))
    assert generator.generate("전입신고 기한?", [CHUNK]) == "이사한 날부터 14일 이내에 전입신고를 해야 합니다 [1]."
    request = FakeLLM.requests[0]
    assert request["path"] == "/v1/chat/completions"
    assert request["auth"] == "Bearer city-key"
    assert "14일 이내" in request["body"]["messages"][1]["content"]
    assert "[1] 전입신고 > 개요" in request["body"]["messages"][1]["content"]


def test_generator_failure_is_a_generator_error(fake_llm: str) -> None:
    FakeLLM.reply = None
    with pytest.raises(GeneratorError, match="chat/completions"):
        OpenAICompatibleGenerator(GeneratorOptions(base_url=fake_llm)).generate("질문", [CHUNK])


def test_bad_url_is_named() -> None:
    with pytest.raises(ValueError, match="ftp://x"):
        OpenAICompatibleGenerator(GeneratorOptions(base_url="ftp://x"))


@pytest.mark.slow
def test_chatbot_uses_generator_and_falls_back(knowledge_base, fake_llm: str) -> None:
    chatbot = Chatbot(knowledge_base.index,
                      generator=OpenAICompatibleGenerator(GeneratorOptions(base_url=fake_llm, timeout_s=5)))
    answer = chatbot.ask("전입신고 며칠 안에 해야 돼요?")
    assert answer.answer.endswith("[1].")
    assert answer.citations[0].id == "city/move-in-report"
    FakeLLM.reply = None
    fallback = chatbot.ask("전입신고 며칠 안에 해야 돼요?")
    assert fallback.handoff is False and "14일" in fallback.answer and not fallback.answer.endswith("[1].")
    off_topic = chatbot.ask("비트코인 지금 사도 될까요?")
    assert off_topic.handoff is True
    assert len(FakeLLM.requests) == 2, "hand-offs never reach the generator"
