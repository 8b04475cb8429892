"""Signed-in API clients for the routes that need a clerk or an admin."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from serving.auth import create_user
from serving.db import Complaint, User, utcnow
from serving.settings import Settings

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


def no_uploads_left(settings: Settings) -> bool:
    """True when no upload (finished or partial) is left in the app's upload folder."""
    folder = settings.data_dir / "uploads"
    return not folder.exists() or not any(folder.iterdir())


# Ten weeks of ordinary complaints every third day, then a burst of gas leaks in one neighbourhood this week
# (no roads complaints: the browser tests' road clerk keeps an empty queue for the complaint they file).
ORDINARY_COMPLAINTS = [("waste", "waste", "수송동", ["쓰레기", "수거"]),
                       ("traffic", "parking", "조촌동", ["주차", "단속"]),
                       ("parks", "parks", "나운동", ["공원", "벤치"])]
ORDINARY_DAYS = [day for day in range(70, 3, -1) if day % 3 == 0]
GAS_LEAKS = 4


def seed_dashboard_complaints(session: Session) -> int:
    """Stored, analysed complaints for the dashboard (masked text only); returns how many."""
    now, number = utcnow(), 0

    def add(department: str, type_code: str, region: str, keywords: list[str], urgent_terms: list[str],
            age: timedelta) -> None:
        nonlocal number
        number += 1
        session.add(Complaint(receipt_no=f"2025-{number:08d}", region=region, text_masked="(통계 시험 민원)",
                              type_code=type_code, department_code=department, sentiment="negative",
                              urgent=bool(urgent_terms), status="answered",
                              analysis={"keywords": keywords, "urgent_terms": urgent_terms}, created_at=now - age))

    for day in ORDINARY_DAYS:
        for department, type_code, region, keywords in ORDINARY_COMPLAINTS:
            add(department, type_code, region, keywords, [], timedelta(days=day, hours=2))
    # all in the week the last record falls in, spread over its days so far: a burst seeded a day back split across
    # a Monday's midnight, and the week's keyword trend then saw half a burst (a failure on Mondays and Tuesdays)
    week_start = now.replace(hour=0, minute=0, second=0, microsecond=0) - timedelta(days=now.weekday())
    for leak in range(GAS_LEAKS):
        age = (now - week_start) * (leak + 1) / (GAS_LEAKS + 1)
        add("safety", "disaster", "나운동", ["가스", "냄새"], ["가스누출"], age)
    session.commit()
    return number
