"""The FastAPI application: one router per area, assembled here."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from serving.db import Database
from serving.errors import install_error_handlers
from serving.routes import admin, audio, auth, chat, clerk, complaints, health, minutes, pages, privacy, sign
from serving.settings import Settings, get_settings

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        database = Database(settings.resolved_database_url)
        database.migrate()
        app.state.database = database
        logger.info("database ready: %s", database.backend)
        import serving.minutes  # noqa: F401  (registers the job handlers)
        from serving.jobs import ThreadJobRunner, make_runner

        runner = make_runner(database, settings)
        app.state.job_runner = runner
        if isinstance(runner, ThreadJobRunner):
            runner.recover()  # jobs a previous process left queued or half done
        try:
            yield
        finally:
            runner.shutdown()
            database.dispose()

    app = FastAPI(
        title="civicai",
        description="시청 민원 AI · 상담 챗봇 · AI 회의록 · 수어 안내 (Korean civic AI services)",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.rate_limiters = {}
    install_error_handlers(app)
    app.include_router(health.router)
    app.include_router(auth.router)
    app.include_router(complaints.router)
    app.include_router(clerk.router)
    app.include_router(privacy.router)
    app.include_router(chat.router)
    app.include_router(minutes.router)
    app.include_router(audio.router)
    app.include_router(sign.router)
    app.include_router(admin.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app
