"""Sign-in, sessions, roles and CSRF, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from serving.app import create_app
from serving.auth import MAX_FAILED_LOGINS, UserError, create_user, token_hash
from serving.db import AuditEvent, User, UserSession
from serving.settings import Settings
from tests.serving.routes.conftest import PASSWORD, sign_in


@pytest.fixture
def client(settings: Settings, database_url: str):
    with TestClient(create_app(settings.model_copy(update={"database_url": database_url}))) as client:
        yield client


def test_login_gives_cookie_token_and_csrf_and_me_works(client: TestClient) -> None:
    sign_in(client)
    del client.headers["Authorization"]
    response = client.post("/api/auth/login", json={"username": "clerk1", "password": PASSWORD})
    assert response.status_code == 200
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    body = response.json()
    assert body["user"] == {"username": "clerk1", "display_name": "clerk1", "role": "clerk", "department": "civil"}
    assert client.get("/api/auth/me").json()["username"] == "clerk1"  # by the cookie
    # Only a hash of the token is stored.
    with client.app.state.database.session() as session:
        hashes = set(session.scalars(select(UserSession.token_hash)))
    assert body["token"] not in hashes and token_hash(body["token"]) in hashes


def test_wrong_password_and_unknown_user_get_the_same_answer(client: TestClient) -> None:
    sign_in(client)
    wrong = client.post("/api/auth/login", json={"username": "clerk1", "password": "not-the-password"})
    unknown = client.post("/api/auth/login", json={"username": "nobody", "password": "not-the-password"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()


def test_repeated_failures_lock_the_account(client: TestClient) -> None:
    sign_in(client)
    for _ in range(MAX_FAILED_LOGINS):
        client.post("/api/auth/login", json={"username": "clerk1", "password": "guess-guess-guess"})
    locked = client.post("/api/auth/login", json={"username": "clerk1", "password": PASSWORD})
    assert locked.status_code == 429 and "잠시 잠겼습니다" in locked.json()["detail"]
    with client.app.state.database.session() as session:
        failures = session.scalars(select(AuditEvent).where(AuditEvent.action == "login_failed")).all()
    assert len(failures) == MAX_FAILED_LOGINS


def test_clerk_routes_need_sign_in_and_the_right_role(client: TestClient) -> None:
    anonymous = client.get("/api/minutes/meetings")
    assert anonymous.status_code == 401 and "로그인" in anonymous.json()["detail"]
    sign_in(client, "privacy", role="privacy_officer")
    assert client.get("/api/minutes/meetings").status_code == 403
    sign_in(client, "clerk1")
    assert client.get("/api/minutes/meetings").status_code == 200
    sign_in(client, "boss", role="admin")
    assert client.get("/api/minutes/meetings").status_code == 200


def test_cookie_changes_need_the_csrf_token(client: TestClient) -> None:
    sign_in(client)
    del client.headers["Authorization"]
    csrf = client.post("/api/auth/login", json={"username": "clerk1", "password": PASSWORD}).json()["csrf_token"]
    unknown_voiceprint = "/api/minutes/voiceprints/00000000-0000-4000-8000-000000000000"
    without = client.delete(unknown_voiceprint)
    assert without.status_code == 403 and "CSRF" in without.json()["detail"]
    with_token = client.delete(unknown_voiceprint, headers={"X-CSRF-Token": csrf})
    # Past the CSRF check, the route itself answers: that voiceprint does not exist.
    assert with_token.status_code == 422 and "CSRF" not in with_token.json()["detail"]


def test_logout_ends_the_session(client: TestClient) -> None:
    sign_in(client)
    assert client.post("/api/auth/logout").status_code == 204
    assert client.get("/api/minutes/meetings").status_code == 401


def test_bad_login_bodies_are_422(client: TestClient) -> None:
    assert client.post("/api/auth/login", json={"username": "", "password": "x"}).status_code == 422
    assert client.post("/api/auth/login", content=b"{not json", headers={"content-type": "application/json"}
                       ).status_code == 422


def test_user_rules(client: TestClient) -> None:
    with client.app.state.database.session() as session:
        with pytest.raises(UserError, match="10자"):
            create_user(session, "short", "short", "clerk", department="civil")
        with pytest.raises(UserError, match="부서"):
            create_user(session, "nodept", PASSWORD, "clerk")
        with pytest.raises(UserError, match="등록부"):
            create_user(session, "baddept", PASSWORD, "clerk", department="moon", departments={"civil"})
        with pytest.raises(UserError, match="역할"):
            create_user(session, "x", PASSWORD, "mayor")
        user = create_user(session, "ok", PASSWORD, "clerk", department="civil")
        assert user.password_hash.startswith("$argon2") and PASSWORD not in user.password_hash
        with pytest.raises(UserError, match="이미"):
            create_user(session, "ok", PASSWORD, "clerk", department="civil")
        assert session.scalar(select(User).where(User.username == "ok")) is not None
