"""``GET /health``: is the database reachable, are jobs being worked on, are the offline models in place."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Response, status
from pydantic import BaseModel

from serving.deps import DatabaseDep, SettingsDep
from serving.jobs import job_status
from serving.models import model_status

router = APIRouter(tags=["health"])


class ComponentStatus(BaseModel):
    name: str
    ready: bool
    detail: str


class HealthPublic(BaseModel):
    status: str  # "ok", "degraded" (a model missing) or "unavailable" (no database)
    version: str
    database: ComponentStatus
    jobs: ComponentStatus
    models: list[ComponentStatus]


@router.get("/health", response_model=HealthPublic)
def health(settings: SettingsDep, database: DatabaseDep, response: Response) -> HealthPublic:
    from importlib.metadata import version

    db_ok, db_detail = database.ping()
    models = [ComponentStatus(**asdict(item)) for item in model_status(settings)]
    jobs = ComponentStatus(name="jobs", **job_status(database, settings)) if db_ok else ComponentStatus(
        name="jobs", ready=False, detail="database unavailable")
    if not db_ok:
        overall = "unavailable"
        response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    elif all(model.ready for model in models) and jobs.ready:
        overall = "ok"
    else:
        overall = "degraded"
    return HealthPublic(
        status=overall,
        version=version("civicai"),
        database=ComponentStatus(name="database", ready=db_ok, detail=db_detail),
        jobs=jobs,
        models=models,
    )
