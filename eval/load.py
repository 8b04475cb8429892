"""Load test: 50 concurrent citizens chatting and filing complaints against the running server on loopback,
once with SQLite and once with PostgreSQL; latency percentiles, errors, and whether every accepted complaint
was stored."""

from __future__ import annotations

import asyncio
import logging
import os
import random
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
# Two ways to be 50 citizens: firing the next request the moment an answer arrives (a stress test: the server
# always has ~50 requests queued), and reading each answer for 3–8 s first, as people at a web page do.
SCENARIOS: tuple[tuple[str, tuple[float, float] | None], ...] = (("no think time", None),
                                                                 ("3–8 s think time", (3.0, 8.0)))
WARM_UP_QUESTION = "주민등록등본은 어디서 뗄 수 있나요?"  # not one of the measured questions
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
                   results: dict[str, list], receipts: list[str], think: tuple[float, float] | None) -> None:
    pause = random.Random(number)  # the same pauses in every run and on both databases

    async def read_the_answer() -> None:
        if think is not None:
            await asyncio.sleep(pause.uniform(*think))

    for k in range(QUESTIONS_PER_USER):
        question = questions[(number * QUESTIONS_PER_USER + k) % len(questions)]
        await read_the_answer()
        start = time.perf_counter()
        try:
            response = await client.post("/api/chat", json={"question": question})
            ok = response.status_code == 200
        except httpx.HTTPError:
            ok = False
        results["chat"].append((time.perf_counter() - start, ok))
    await read_the_answer()
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


async def _run_users(url: str, questions: list[str], complaints: list[str], think: tuple[float, float] | None
                     ) -> tuple[dict[str, list], list[str], float]:
    results: dict[str, list] = {"chat": [], "complaint": []}
    receipts: list[str] = []
    limits = httpx.Limits(max_connections=USERS)
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:
        started = time.perf_counter()
        await asyncio.gather(*(_citizen(client, n, questions, complaints, results, receipts, think)
                               for n in range(USERS)))
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
    # Every question asked once per run (166 distinct for 150 chats) and a fresh server per run: no answer is
    # served from a cache the previous run filled.
    questions = [row["question"] for name in ("chat_questions_holdout.jsonl", "chat_questions_dev.jsonl")
                 for row in read_jsonl(DATA / name)]
    complaints = [row["text"] for row in read_jsonl(DATA / "complaints_holdout.jsonl") if len(row["text"]) >= 5]
    backends: list[tuple[str, str, callable]] = []
    work = context.out_dir.parent / "load"
    work.mkdir(parents=True, exist_ok=True)
    sqlite_file = work / f"load-{uuid.uuid4().hex[:8]}.db"
    backends.append(("SQLite", f"sqlite:///{sqlite_file}", lambda: sqlite_file.unlink(missing_ok=True)))
    postgres = _postgres_database()
    if postgres is not None:
        backends.append(("PostgreSQL", postgres[0], postgres[1]))
    rows, data, samples_by_run = [], {}, {}
    for name, url, cleanup in backends:
        runs = []
        for scenario, think in SCENARIOS:
            server, base = _start_server(context, url)
            try:
                # Warm-up: models load and the manuals index opens before the clock starts.
                httpx.post(f"{base}/api/chat", json={"question": WARM_UP_QUESTION}, timeout=900)
                httpx.post(f"{base}/api/complaints", json={"text": complaints[0]}, timeout=900)
                results, receipts, elapsed = asyncio.run(_run_users(base, questions, complaints, think))
                runs.append((scenario, think, results, receipts, elapsed, _stored(url, receipts)))
            finally:
                server.terminate()
                try:
                    server.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait()
        for scenario, think, results, receipts, elapsed, stored in runs:
            prefix = name if think is None else f"{name}_think"
            for kind, samples in results.items():
                timing = Timing(tuple(seconds for seconds, _ in samples))
                errors = sum(not ok for _, ok in samples)
                data[f"{prefix}_{kind}"] = {"p50_ms": round(timing.median * 1000),
                                            "p95_ms": round(timing.percentile(95) * 1000), "errors": errors,
                                            "requests": len(samples)}
                samples_by_run[(name, scenario, kind)] = [seconds for seconds, _ in samples]
                rows.append(f"| {name} | {scenario} | {kind} | {len(samples)} | {timing.median * 1000:.0f} | "
                            f"{timing.percentile(95) * 1000:.0f} | {errors} |")
            lost = len(receipts) - stored
            data[f"{prefix}_lost_complaints"] = lost
            data[f"{prefix}_throughput_rps"] = round(sum(len(s) for s in results.values()) / elapsed, 1)
            rows.append(f"| {name} | {scenario} | accepted complaints stored | {len(receipts)} | | | lost {lost} |")
        cleanup()
    data["latency_samples_s"] = {" / ".join(key): values for key, values in samples_by_run.items()}
    figure = _latency_figure(context, samples_by_run)
    chat_p95 = {key: data[key]["p95_ms"] for key in data if key.endswith("_chat")}
    markdown = "\n".join([
        f"{USERS} concurrent citizens on loopback against `civicai serve` (one process, 2 cores), each asking "
        f"{QUESTIONS_PER_USER} different questions (no question twice in a run, a fresh server per run, so no "
        "answer comes from a cache) and filing one complaint (full analysis, routing, encryption), "
        "once firing each request as soon as the last answer arrived (stress) and once reading each answer for "
        "3–8 s first (as people do). Rate limits off for the run (one address plays all citizens). "
        "Target: chat p95 ≤ 1 s, zero errors, zero lost complaints.",
        "",
        "| database | scenario | request | count | p50 ms | p95 ms | errors |",
        "|---|---|---|---|---|---|---|",
        *rows,
        "",
        "Throughput (requests/s, no think time): " + ", ".join(
            f"{name} {data[f'{name}_throughput_rps']}" for name, _, _ in backends) + ". Chat p95 target "
        + ("met in every run." if all(v <= 1000 for v in chat_p95.values()) else
           "**not met** in: " + ", ".join(f"{k.removesuffix('_chat').replace('_', ' ')} {v} ms"
                                         for k, v in chat_p95.items() if v > 1000) + "."),
        "",
        f"![Latency distributions]({figure})",
    ])
    return Section("Load: 50 concurrent citizens", markdown, data, (figure,))


def _latency_figure(context: BenchContext, samples: dict[tuple[str, str, str], list[float]]) -> str:
    """Cumulative latency distributions: chat and complaint filing, each database and scenario."""
    from eval.plots import pyplot

    figure = "load_latency.png"
    plt = pyplot()
    fig, axes = plt.subplots(1, 2, figsize=(9.5, 3.6), sharey=True)
    for axis, kind in zip(axes, ("chat", "complaint"), strict=True):
        for (name, scenario, measured), values in samples.items():
            if measured != kind or not values:
                continue
            ordered = sorted(values)
            fractions = [(i + 1) / len(ordered) for i in range(len(ordered))]
            axis.step(ordered, fractions, where="post", label=f"{name}, {scenario}",
                      linestyle="-" if "no think" in scenario else "--")
        axis.axvline(1.0, color="#c53030", linestyle=":", linewidth=1, label="1 s target" if kind == "chat" else None)
        axis.set_xscale("log")
        axis.set_xlabel("latency (s)")
        axis.set_title(f"{kind} ({USERS} concurrent citizens)", fontsize=9)
        axis.grid(alpha=0.3)
    axes[0].set_ylabel("share of requests")
    axes[0].legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(context.out_dir / figure, dpi=120)
    plt.close(fig)
    return figure
