"""Signed-in API clients for the routes that need a clerk or an admin."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from serving.auth import create_user
from serving.db import User

PASSWORD = "correct-horse-battery"


def sign_in(client: TestClient, username: str = "clerk1", role: str = "clerk", department: str | None = "civil") -> str:
    """Create the user in the app's database (once) and put its bearer token on the client; returns the token."""
    with client.app.state.database.session() as session:
        if session.scalar(select(User).where(User.username == username)) is None:
            create_user(session, username, PASSWORD, role, department=department if role == "clerk" else None)
    response = client.post("/api/auth/login", json={"username": username, "password": PASSWORD})
    response.raise_for_status()
    token = response.json()["token"]
    client.headers["Authorization"] = f"Bearer {token}"
    return token
