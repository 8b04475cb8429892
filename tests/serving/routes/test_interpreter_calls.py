"""The kiosk's interpreter call reaches the staff desk: one call per kiosk, accepted by one clerk, followed by the
kiosk, closed and audit-logged; other departments are kept out. On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from serving.app import create_app
from serving.db import AuditEvent
from serving.settings import Settings
from tests.serving.routes.conftest import sign_in


@pytest.fixture
def app_settings(settings: Settings, database_url: str) -> Settings:
    return settings.model_copy(update={"database_url": database_url})


def test_call_is_seen_accepted_followed_and_closed(app_settings: Settings) -> None:
    with TestClient(create_app(app_settings)) as kiosk, TestClient(create_app(app_settings)) as desk:
        placed = kiosk.post("/api/sign/interpreter-calls", json={"kiosk": "본관 2층 복지 키오스크"})
        assert placed.status_code == 201
        call = placed.json()
        assert call["status"] == "waiting" and call["kiosk"] == "본관 2층 복지 키오스크"
        again = kiosk.post("/api/sign/interpreter-calls", json={"kiosk": "본관 2층 복지 키오스크"}).json()
        assert again["id"] == call["id"]  # a second press does not call twice
        other = kiosk.post("/api/sign/interpreter-calls", json={}).json()  # the configured default kiosk
        assert other["kiosk"] == "본관 1층 민원실 키오스크" and other["waiting_ahead"] == 1

        assert desk.get("/api/clerk/interpreter-calls").status_code == 401
        sign_in(desk, "roads1", department="roads")
        refused = desk.get("/api/clerk/interpreter-calls")
        assert refused.status_code == 403 and "civil" in refused.json()["detail"]
        sign_in(desk, "civil1", department="civil")
        calls = desk.get("/api/clerk/interpreter-calls").json()
        assert [c["id"] for c in calls] == [call["id"], other["id"]]

        accepted = desk.post(f"/api/clerk/interpreter-calls/{call['id']}/accept")
        assert accepted.status_code == 200 and accepted.json()["accepted_by"] == "civil1"
        assert kiosk.get(f"/api/sign/interpreter-calls/{call['id']}").json()["status"] == "accepted"
        assert kiosk.get(f"/api/sign/interpreter-calls/{other['id']}").json()["waiting_ahead"] == 0

        sign_in(desk, "civil2", department="civil")
        late = desk.post(f"/api/clerk/interpreter-calls/{call['id']}/accept")
        assert late.status_code == 409 and "civil1" in late.json()["detail"]
        assert desk.post(f"/api/clerk/interpreter-calls/{call['id']}/done").status_code == 200
        assert kiosk.get(f"/api/sign/interpreter-calls/{call['id']}").json()["status"] == "done"
        assert desk.post(f"/api/clerk/interpreter-calls/{call['id']}/done").status_code == 409

        cancelled = kiosk.post(f"/api/sign/interpreter-calls/{other['id']}/cancel")
        assert cancelled.json()["status"] == "cancelled"
        assert kiosk.post(f"/api/sign/interpreter-calls/{other['id']}/cancel").status_code == 409
        after = kiosk.post("/api/sign/interpreter-calls", json={}).json()
        assert after["id"] not in (call["id"], other["id"])  # a closed call does not absorb a new one

        with desk.app.state.database.session() as session:
            actions = session.scalars(select(AuditEvent.action).where(
                AuditEvent.target_type == "interpreter_call")).all()
        assert sorted(actions) == ["accept_interpreter_call", "finish_interpreter_call"]


@pytest.mark.parametrize("method, path, body, status", [
    ("post", "/api/sign/interpreter-calls", {"kiosk": "가" * 101}, 422),
    ("post", "/api/sign/interpreter-calls", {"kiosk": "   "}, 422),
    ("get", "/api/sign/interpreter-calls/999999", None, 404),
    ("get", "/api/sign/interpreter-calls/abc", None, 422),
    ("post", "/api/sign/interpreter-calls/999999/cancel", None, 404),
])
def test_bad_interpreter_call_requests_are_4xx(app_settings: Settings, method: str, path: str, body, status: int
                                               ) -> None:
    with TestClient(create_app(app_settings)) as client:
        response = getattr(client, method)(path, **({"json": body} if body is not None else {}))
        assert response.status_code == status and "Traceback" not in response.text
        assert response.json()["detail"]


@pytest.mark.parametrize("path", ["/api/sign/interpreter-calls/99999999999999999999",
                                  "/api/sign/interpreter-calls/99999999999999999999/cancel",
                                  "/api/sign/interpreter-calls/0"])
def test_a_call_number_outside_the_table_is_a_422(app_settings: Settings, path: str) -> None:
    """Found by the schemathesis run: a number beyond SQLite's INTEGER overflowed inside the driver (500)."""
    with TestClient(create_app(app_settings)) as client:
        response = client.post(path) if path.endswith("cancel") else client.get(path)
        assert response.status_code == 422 and "Traceback" not in response.text
