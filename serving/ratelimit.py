"""Per-client rate limits for the public endpoints (chat, complaint filing, sign recognition, sign-in).

A token bucket per (area, client address) in this process: enough for one server; behind several workers the
limit applies per worker (put the proxy's limit in front for a hard city-wide cap).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from fastapi import HTTPException, Request

from serving.deps import client_ip


class RateLimiter:
    def __init__(self, per_minute: int, burst: int | None = None) -> None:
        self.per_minute = per_minute
        self.capacity = float(burst or max(1, per_minute))  # a minute's worth at once, then the steady rate
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        if self.per_minute <= 0:
            return True
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.per_minute / 60)
            allowed = tokens >= 1
            self._buckets[key] = (tokens - 1 if allowed else tokens, now)
            if len(self._buckets) > 100_000:  # forget idle clients rather than grow without bound
                self._buckets = {k: v for k, v in self._buckets.items() if now - v[1] < 600}
            return allowed


def check_rate(request: Request, area: str) -> None:
    """429 with a Korean/English message when this client has used up its requests in ``area``."""
    limiters: dict[str, RateLimiter] = request.app.state.rate_limiters
    limiter = limiters.get(area)
    if limiter is None:
        per_minute = getattr(request.app.state.settings, f"rate_limit_{area}_per_minute")
        limiter = limiters.setdefault(area, RateLimiter(per_minute))
    if not limiter.allow(client_ip(request)):
        raise HTTPException(429, "요청이 너무 많습니다. 잠시 후 다시 시도해 주세요 (too many requests; slow down)",
                            headers={"Retry-After": "10"})


def rate_limited(area: str) -> Callable[[Request], None]:
    """A dependency: ``check_rate`` for every call of a route."""

    def check(request: Request) -> None:
        check_rate(request, area)

    return check
