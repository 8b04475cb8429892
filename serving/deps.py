"""FastAPI dependencies, as ``Annotated`` aliases so routes stay short."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Path, Request, WebSocket
from sqlalchemy.orm import Session

from nlp.dictionaries import Dictionaries, DictionaryStore
from serving.auth import session_for_token
from serving.db import Database, User
from serving.settings import Settings

SESSION_COOKIE = "civicai_session"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def get_app_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_database(request: Request) -> Database:
    return request.app.state.database


def get_session(database: Annotated[Database, Depends(get_database)]) -> Iterator[Session]:
    """One transaction per request, committed before the response is sent (scope="function" where it is
    used): a client told "201 created" can rely on the row being there, and a failed commit is an error
    response instead of a lost write."""
    with database.session() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session, scope="function")]

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


def get_dictionaries(request: Request) -> Dictionaries:
    """The city's registry and dictionaries, parsed again only when one of their files changed: parsing every
    YAML file per request held the event loop for most of a busy server's time."""
    store = lazy_component(request, "dictionary_store", lambda: DictionaryStore(request.app.state.settings.config_dir))
    return store.current()


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def session_token(request: Request) -> tuple[str | None, bool]:
    """(token, came from the cookie). API clients send ``Authorization: Bearer``; pages send the cookie."""
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and credentials:
        return credentials.strip(), False
    return request.cookies.get(SESSION_COOKIE), True


def optional_user(request: Request, session: SessionDep) -> User | None:
    """The signed-in user, or None. A cookie-authenticated change must carry the session's CSRF token,
    so another site cannot make a clerk's browser submit it."""
    token, from_cookie = session_token(request)
    if not token:
        return None
    row = session_for_token(session, token)
    if row is None:
        return None
    if from_cookie and request.method not in SAFE_METHODS and request.headers.get(CSRF_HEADER) != row.csrf_token:
        raise HTTPException(403, "보안 토큰(CSRF)이 없거나 맞지 않습니다. 페이지를 새로 고치세요 "
                                 "(missing or wrong CSRF token)")
    return session.get(User, row.user_id)


def require_roles(*roles: str) -> Callable[..., User]:
    """A dependency that lets through only signed-in users with one of ``roles`` (admin always passes)."""

    def check(user: Annotated[User | None, Depends(optional_user)]) -> User:
        if user is None:
            raise HTTPException(401, "로그인이 필요합니다 (sign-in required)", headers={"WWW-Authenticate": "Bearer"})
        if user.role != "admin" and user.role not in roles:
            raise HTTPException(403, "이 작업을 할 권한이 없습니다 (your role may not do this)")
        return user

    return check


def websocket_user(websocket: WebSocket, *roles: str) -> User | None:
    """The signed-in user of a WebSocket (cookie or Bearer header) if their role allows, else None.
    WebSockets skip CSRF headers; the SameSite=strict cookie keeps other sites from opening one as a clerk."""
    scheme, _, credentials = websocket.headers.get("authorization", "").partition(" ")
    token = credentials.strip() if scheme.lower() == "bearer" else websocket.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    database: Database = websocket.app.state.database
    with database.session() as session:
        row = session_for_token(session, token)
        user = session.get(User, row.user_id) if row is not None else None
        if user is None or (user.role != "admin" and user.role not in roles):
            return None
        session.expunge(user)
        return user


def current_actor(request: Request, user: Annotated[User | None, Depends(optional_user)]) -> str:
    """Who is acting, for the audit log: the signed-in username, else "anonymous@<ip>"."""
    if user is not None:
        return user.username
    return f"anonymous@{client_ip(request)}"[:64]


SettingsDep = Annotated[Settings, Depends(get_app_settings)]
# A number in a path that a table keys on (meeting, interpreter call, minutes version): in the range of the
# INTEGER columns on both databases, so a huge number is a 422 instead of an overflow inside the SQLite driver.
IntegerKey = Annotated[int, Path(ge=1, le=2**31 - 1)]
DictionariesDep = Annotated[Dictionaries, Depends(get_dictionaries)]
DatabaseDep = Annotated[Database, Depends(get_database)]
ActorDep = Annotated[str, Depends(current_actor)]
OptionalUserDep = Annotated[User | None, Depends(optional_user)]
ClerkDep = Annotated[User, Depends(require_roles("clerk"))]
AdminDep = Annotated[User, Depends(require_roles("admin"))]
PrivacyOfficerDep = Annotated[User, Depends(require_roles("privacy_officer"))]
