"""FastAPI dependencies, as ``Annotated`` aliases so routes stay short."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from serving.db import Database
from serving.settings import Settings


def get_app_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_database(request: Request) -> Database:
    return request.app.state.database


def get_session(database: Annotated[Database, Depends(get_database)]) -> Iterator[Session]:
    with database.session() as session:
        yield session


_BUILD_LOCK = threading.Lock()


def lazy_component(request: Request, name: str, build: Callable[[], Any]) -> Any:
    """A model-holding component kept on the app, built once on first use (even under concurrent requests)."""
    state = request.app.state
    component = getattr(state, name, None)
    if component is None:
        with _BUILD_LOCK:
            component = getattr(state, name, None)
            if component is None:
                component = build()
                setattr(state, name, component)
    return component


def current_actor(request: Request) -> str:
    """Who is acting, for the audit log. Until sign-in exists every caller is "anonymous@<ip>"."""
    user = getattr(request.state, "user", None)
    if user:
        return str(user)
    host = request.client.host if request.client else "unknown"
    return f"anonymous@{host}"[:64]


SettingsDep = Annotated[Settings, Depends(get_app_settings)]
DatabaseDep = Annotated[Database, Depends(get_database)]
SessionDep = Annotated[Session, Depends(get_session)]
ActorDep = Annotated[str, Depends(current_actor)]
