from fastapi.testclient import TestClient

from serving.app import create_app
from serving.db import head_revision
from serving.settings import Settings


def test_health_reports_database_and_models(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        response = client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == {"name": "database", "ready": True, "detail": f"sqlite revision {head_revision()}"}
    assert body["jobs"] == {"name": "jobs", "ready": True, "detail": "in-process; 0 queued, 0 running"}
    names = {model["name"]: model for model in body["models"]}
    assert set(names) == {"whisper", "embeddings", "kiwi"}
    assert names["kiwi"]["ready"] is True
    assert body["status"] in {"ok", "degraded"}
    assert body["status"] == ("ok" if all(m["ready"] for m in body["models"]) else "degraded")


def test_health_says_which_model_is_missing(settings: Settings, tmp_path) -> None:
    missing = settings.model_copy(update={"whisper_model": str(tmp_path / "no-model")})
    with TestClient(create_app(missing)) as client:
        body = client.get("/health").json()
    whisper = next(model for model in body["models"] if model["name"] == "whisper")
    assert body["status"] == "degraded"
    assert whisper["ready"] is False
    assert "model.bin" in whisper["detail"]


def test_unknown_route_is_a_clean_404(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        response = client.get("/no-such-page")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}
