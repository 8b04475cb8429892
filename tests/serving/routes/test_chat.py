import json

import pytest
from fastapi.testclient import TestClient

from serving.app import create_app
from serving.settings import Settings


@pytest.fixture(scope="module")
def client(small_config_dir, tmp_path_factory):
    settings = Settings(environment="test", data_dir=tmp_path_factory.mktemp("var"), config_dir=small_config_dir)
    with TestClient(create_app(settings)) as client:
        yield client


def test_bad_chat_requests_are_422(client) -> None:
    assert client.post("/api/chat", json={"question": ""}).status_code == 422
    assert client.post("/api/chat", json={"question": "가" * 1001}).status_code == 422
    assert client.post("/api/chat", json={"question": "여권", "history": ["a"] * 11}).status_code == 422
    assert client.post("/api/chat", json={}).status_code == 422
    blank = client.post("/api/chat", json={"question": "   \n "})
    assert blank.status_code == 422 and blank.json()["detail"][0]["loc"] == ["body", "question"]


@pytest.mark.slow
def test_chat_answers_with_citation(client) -> None:
    response = client.post("/api/chat", json={"question": "여권 재발급 수수료 얼마예요?"})
    assert response.status_code == 200
    body = response.json()
    assert body["handoff"] is False
    assert body["citations"][0]["id"] == "city/passport-issuance"
    assert body["citations"][0]["source"] == "city/passport-issuance.md"


@pytest.mark.slow
def test_chat_hands_off_off_topic(client) -> None:
    body = client.post("/api/chat", json={"question": "비트코인 지금 사도 될까요?"}).json()
    assert body["handoff"] is True
    assert body["citations"] == []
    assert body["department"] is not None and body["department_name"]


@pytest.mark.slow
def test_chat_streams_sentences_then_answer(client) -> None:
    response = client.post("/api/chat/stream", json={"question": "대형폐기물 배출 신고 방법 알려주세요"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    events = [block for block in response.text.split("\n\n") if block]
    assert events[-1].startswith("event: answer")
    answer = json.loads(events[-1].split("data: ", 1)[1])
    assert answer["citations"][0]["id"] == "city/bulky-waste-disposal"
    assert all(e.startswith("event: sentence") for e in events[:-1]) and len(events) >= 2


@pytest.mark.parametrize("question", ["\x1f", "\x1c\x1d"])
def test_a_question_of_separators_alone_is_a_422_not_a_server_error(question: str) -> None:
    from serving.routes.chat import ChatRequest

    # pydantic's strip keeps these, Python's (the chatbot's) drops them: found by the schema fuzzing test
    with pytest.raises(ValueError, match="empty question"):
        ChatRequest(question=question)
