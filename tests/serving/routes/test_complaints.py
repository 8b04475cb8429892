import pytest
from fastapi.testclient import TestClient

from serving.app import create_app
from serving.settings import Settings


def test_bad_requests_are_clean_422(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        assert client.post("/api/complaints/analyze", json={"items": []}).status_code == 422
        assert client.post("/api/complaints/analyze", content=b"{not json", headers={
            "content-type": "application/json"}).status_code == 422
        surrogate = client.post("/api/complaints/analyze", content=b'{"items": [{"id": "a", "text": "\\ud800"}]}',
                                headers={"content-type": "application/json"})
        assert surrogate.status_code in (200, 422)
        too_long = {"items": [{"id": "a", "text": "가" * 20_001}]}
        response = client.post("/api/complaints/analyze", json=too_long)
        assert response.status_code == 422
        assert "Traceback" not in response.text


@pytest.mark.slow
def test_analyze_masks_and_routes(settings: Settings) -> None:
    body = {"items": [
        {"id": "c1", "text": "저는 박지훈입니다 010 9876 5432 나운동 사거리에 포트홀이 크게 생겼어요"},
        {"id": "c2", "text": ""},
    ]}
    with TestClient(create_app(settings)) as client:
        response = client.post("/api/complaints/analyze", json=body)
    assert response.status_code == 200
    first, second = response.json()["results"]
    assert first["department"] == "roads"
    assert "9876" not in first["masked_text"] and "박지훈" not in first["masked_text"]
    assert {"PHONE", "NAME"} <= set(first["pii_types"])
    assert second == {"id": "c2", "error": "empty text (민원 내용이 비어 있습니다)"}
