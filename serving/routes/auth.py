"""Sign-in for clerks, admins and privacy officers: a session cookie for pages, the same token as Bearer for APIs."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from pydantic import BaseModel, Field

from serving.auth import AccountLockedError, AuthError, sign_in, sign_out
from serving.deps import SESSION_COOKIE, OptionalUserDep, SessionDep, SettingsDep, client_ip, session_token
from serving.ratelimit import rate_limited

router = APIRouter(prefix="/api/auth", tags=["auth"])


class LoginRequest(BaseModel):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)


class UserPublic(BaseModel):
    username: str
    display_name: str
    role: str
    department: str | None


class LoginResponse(BaseModel):
    user: UserPublic
    token: str = Field(description="Bearer token for API clients; pages use the HttpOnly cookie instead")
    csrf_token: str = Field(description="Send as X-CSRF-Token with every change made with the cookie")
    expires_at: datetime


@router.post("/login", response_model=LoginResponse, dependencies=[Depends(rate_limited("login"))])
def login(body: LoginRequest, request: Request, response: Response, session: SessionDep,
          settings: SettingsDep) -> LoginResponse:
    try:
        signed = sign_in(session, body.username, body.password, client_ip=client_ip(request))
    except AccountLockedError as error:
        session.commit()  # keep the failure count and lock even though the request fails
        raise HTTPException(429, str(error)) from error
    except AuthError as error:
        session.commit()
        raise HTTPException(401, str(error)) from error
    response.set_cookie(SESSION_COOKIE, signed.token, httponly=True, samesite="strict",
                        secure=settings.environment == "production", expires=signed.expires_at)
    user = signed.user
    return LoginResponse(user=UserPublic(username=user.username, display_name=user.display_name, role=user.role,
                                         department=user.department),
                         token=signed.token, csrf_token=signed.csrf_token, expires_at=signed.expires_at)


@router.post("/logout", status_code=204)
def logout(request: Request, session: SessionDep) -> Response:
    token, _ = session_token(request)
    if token:
        sign_out(session, token)
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("/me", response_model=UserPublic)
def me(user: OptionalUserDep) -> UserPublic:
    if user is None:
        raise HTTPException(401, "로그인이 필요합니다 (sign-in required)")
    return UserPublic(username=user.username, display_name=user.display_name, role=user.role,
                      department=user.department)
