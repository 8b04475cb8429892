"""The clerk's complaint dashboard: numbers and pictures from the stored (masked) complaints, on both databases."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from serving.app import create_app
from serving.settings import Settings
from tests.serving.routes.conftest import (
    GAS_LEAKS,
    ORDINARY_COMPLAINTS,
    ORDINARY_DAYS,
    seed_dashboard_complaints,
    sign_in,
)


@pytest.fixture
def client(settings: Settings, database_url: str):
    with TestClient(create_app(settings.model_copy(update={"database_url": database_url}))) as client:
        with client.app.state.database.session() as session:
            seed_dashboard_complaints(session)
        yield client


def test_dashboard_counts_spikes_and_forecast(client: TestClient) -> None:
    assert client.get("/api/clerk/dashboard").status_code == 401
    sign_in(client)
    data = client.get("/api/clerk/dashboard", params={"days": 90}).json()
    per_department = len(ORDINARY_DAYS)
    assert data["complaints"] == per_department * len(ORDINARY_COMPLAINTS) + GAS_LEAKS
    assert data["urgent"] == GAS_LEAKS
    by_department = {row["key"]: row["count"] for row in data["by_department"]}
    assert by_department == {"waste": per_department, "traffic": per_department, "parks": per_department,
                             "safety": GAS_LEAKS}
    [spike] = data["urgent_spikes"]
    assert (spike["region"], spike["term"], spike["count"]) == ("나운동", "가스누출", GAS_LEAKS)
    assert {f["key"] for f in data["forecast_next_week"]} >= {"waste", "parking"}
    assert any(t["keyword"] == "가스" and t["rising"] for t in data["keyword_trends"])

    waste_only = client.get("/api/clerk/dashboard", params={"department": "waste"}).json()
    assert [row["key"] for row in waste_only["by_department"]] == ["waste"]
    recent = client.get("/api/clerk/dashboard", params={"days": 7}).json()
    assert recent["complaints"] < data["complaints"]


def test_dashboard_pictures_are_png_and_bad_filters_are_422(client: TestClient) -> None:
    sign_in(client)
    for chart in ("wordcloud", "weekly_by_type", "by_department"):
        response = client.get(f"/api/clerk/dashboard/{chart}.png", params={"days": 90})
        assert response.status_code == 200 and response.headers["content-type"] == "image/png"
        assert response.content.startswith(b"\x89PNG") and len(response.content) > 5000
    assert client.get("/api/clerk/dashboard/secrets.png").status_code == 422
    unknown = client.get("/api/clerk/dashboard", params={"department": "moon"})
    assert unknown.status_code == 422 and "없는 부서" in unknown.json()["detail"]
    assert client.get("/api/clerk/dashboard", params={"days": 100_000}).status_code == 422


def test_dashboard_page_is_for_staff(client: TestClient) -> None:
    assert client.get("/clerk/dashboard", follow_redirects=False).status_code in (302, 303, 307)
    sign_in(client)
    page = client.get("/clerk/dashboard")
    assert page.status_code == 200 and "민원 통계" in page.text and "dashboard.js" in page.text
