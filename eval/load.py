"""Load test: 50 concurrent citizens chatting and filing complaints against the running server on loopback,
once with SQLite and once with PostgreSQL; latency percentiles, errors, and whether every accepted complaint
was stored."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx

from eval.complaints import read_jsonl
from eval.metrics import Timing
from eval.report import BenchContext, Section

logger = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parent / "data"
USERS = 50
QUESTIONS_PER_USER = 3
POSTGRES_ADMIN = os.environ.get("CIVICAI_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start_server(context: BenchContext, database_url: str) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    environment = {**os.environ, "CIVICAI_DATA_DIR": str(context.data_dir),
                   "CIVICAI_CONFIG_DIR": str(context.config_dir), "CIVICAI_DATABASE_URL": database_url,
                   "CIVICAI_WHISPER_MODEL": str(context.whisper_model_dir)}
    for area in ("chat", "complaints", "sign", "login"):  # one address plays 50 citizens here
        environment[f"CIVICAI_RATE_LIMIT_{area.upper()}_PER_MINUTE"] = "0"
    server = subprocess.Popen([str(Path(sys.executable).with_name("civicai")), "serve", "--port", str(port)],
                              env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/health", timeout=5).status_code in (200, 503):
                return server, url
        except httpx.TransportError:
            time.sleep(0.3)
    server.kill()
    raise RuntimeError("the server did not start for the load test")


async def _citizen(client: httpx.AsyncClient, number: int, questions: list[str], complaints: list[str],
                   results: dict[str, list], receipts: list[str]) -> None:
    for k in range(QUESTIONS_PER_USER):
        question = questions[(number * QUESTIONS_PER_USER + k) % len(questions)]
        start = time.perf_counter()
        try:
            response = await client.post("/api/chat", json={"question": question})
            ok = response.status_code == 200
        except httpx.HTTPError:
            ok = False
        results["chat"].append((time.perf_counter() - start, ok))
    start = time.perf_counter()
    try:
        response = await client.post("/api/complaints", json={"text": complaints[number % len(complaints)],
                                                              "region": "나운동"})
        ok = response.status_code == 201
        if ok:
            receipts.append(response.json()["receipt_no"])
    except httpx.HTTPError:
        ok = False
    results["complaint"].append((time.perf_counter() - start, ok))


async def _run_users(url: str, questions: list[str], complaints: list[str]) -> tuple[dict[str, list], list[str], float]:
    results: dict[str, list] = {"chat": [], "complaint": []}
    receipts: list[str] = []
    limits = httpx.Limits(max_connections=USERS)
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:
        started = time.perf_counter()
        await asyncio.gather(*(_citizen(client, n, questions, complaints, results, receipts) for n in range(USERS)))
        elapsed = time.perf_counter() - started
    return results, receipts, elapsed


def _stored(database_url: str, receipts: list[str]) -> int:
    from sqlalchemy import func, select

    from serving.db import Complaint, Database

    database = Database(database_url)
    with database.session() as session:
        count = session.scalar(select(func.count()).select_from(Complaint).where(Complaint.receipt_no.in_(receipts)))
    database.dispose()
    return int(count or 0)


def _postgres_database() -> tuple[str, callable] | None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import OperationalError

    admin = create_engine(POSTGRES_ADMIN, isolation_level="AUTOCOMMIT")
    name = f"civicai_load_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError:
        admin.dispose()
        return None

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return make_url(POSTGRES_ADMIN).set(database=name).render_as_string(hide_password=False), drop


def load_test(context: BenchContext) -> Section:
    questions = [row["question"] for row in read_jsonl(DATA / "chat_questions_holdout.jsonl")]
    complaints = [row["text"] for row in read_jsonl(DATA / "complaints_holdout.jsonl") if len(row["text"]) >= 5]
    backends: list[tuple[str, str, callable]] = []
    work = context.out_dir.parent / "load"
    work.mkdir(parents=True, exist_ok=True)
    sqlite_file = work / f"load-{uuid.uuid4().hex[:8]}.db"
    backends.append(("SQLite", f"sqlite:///{sqlite_file}", lambda: sqlite_file.unlink(missing_ok=True)))
    postgres = _postgres_database()
    if postgres is not None:
        backends.append(("PostgreSQL", postgres[0], postgres[1]))
    rows, data = [], {}
    for name, url, cleanup in backends:
        server, base = _start_server(context, url)
        try:
            # Warm-up: models load and the manuals index opens before the clock starts.
            httpx.post(f"{base}/api/chat", json={"question": questions[0]}, timeout=900)
            httpx.post(f"{base}/api/complaints", json={"text": complaints[0]}, timeout=900)
            results, receipts, elapsed = asyncio.run(_run_users(base, questions, complaints))
            stored = _stored(url, receipts)
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        for kind, samples in results.items():
            timing = Timing(tuple(seconds for seconds, _ in samples))
            errors = sum(not ok for _, ok in samples)
            data[f"{name}_{kind}"] = {"p50_ms": round(timing.median * 1000),
                                      "p95_ms": round(timing.percentile(95) * 1000), "errors": errors,
                                      "requests": len(samples)}
            rows.append(f"| {name} | {kind} | {len(samples)} | {timing.median * 1000:.0f} | "
                        f"{timing.percentile(95) * 1000:.0f} | {errors} |")
        lost = len(receipts) - stored
        data[f"{name}_lost_complaints"] = lost
        data[f"{name}_throughput_rps"] = round(sum(len(s) for s in results.values()) / elapsed, 1)
        rows.append(f"| {name} | accepted complaints stored | {len(receipts)} | | | lost {lost} |")
        cleanup()
    markdown = "\n".join([
        f"{USERS} concurrent citizens on loopback against `civicai serve` (one process, 2 cores), each asking "
        f"{QUESTIONS_PER_USER} held-out questions and filing one complaint (full analysis, routing, encryption). "
        "Rate limits off for the run (one address plays all citizens). Target: chat p95 ≤ 1 s, zero errors, zero "
        "lost complaints.",
        "",
        "| database | request | count | p50 ms | p95 ms | errors |",
        "|---|---|---|---|---|---|",
        *rows,
        "",
        "Throughput (requests/s, whole run): " + ", ".join(
            f"{name} {data[f'{name}_throughput_rps']}" for name, _, _ in backends) + ".",
    ])
    return Section("Load: 50 concurrent citizens", markdown, data)
