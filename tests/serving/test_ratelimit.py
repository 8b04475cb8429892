"""Public endpoints slow down a client that calls too often, with a clear 429; others are unaffected."""

from __future__ import annotations

from fastapi.testclient import TestClient

from serving.app import create_app
from serving.ratelimit import RateLimiter
from serving.settings import Settings


def test_bucket_refills_over_time(monkeypatch) -> None:
    clock = [1000.0]
    monkeypatch.setattr("serving.ratelimit.time.monotonic", lambda: clock[0])
    limiter = RateLimiter(per_minute=6)
    assert all(limiter.allow("a") for _ in range(6))
    assert not limiter.allow("a")
    assert limiter.allow("b")  # another client has its own bucket
    clock[0] += 10  # one token per 10 s
    assert limiter.allow("a") and not limiter.allow("a")
    assert all(RateLimiter(per_minute=0).allow("a") for _ in range(1000))  # 0 = off


def test_login_is_rate_limited_with_a_clear_message(settings: Settings) -> None:
    limited = settings.model_copy(update={"rate_limit_login_per_minute": 3})
    with TestClient(create_app(limited)) as client:
        codes = [client.post("/api/auth/login", json={"username": "x", "password": "y"}).status_code
                 for _ in range(4)]
        assert codes == [401, 401, 401, 429]
        blocked = client.post("/api/auth/login", json={"username": "x", "password": "y"})
        assert "너무 많습니다" in blocked.json()["detail"] and blocked.headers["retry-after"] == "10"
        assert client.get("/health").status_code in (200, 503)  # other endpoints still answer
