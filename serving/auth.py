"""Clerk and admin accounts: argon2 password hashes, server-side sessions, lockout after failed logins.

No HTTP here: routes and the CLI call these functions. A session token is shown to the client once;
only its SHA-256 is stored, so a copy of the database cannot be used to sign in.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from serving.db import AuditEvent, User, UserSession, utcnow

logger = logging.getLogger(__name__)

MIN_PASSWORD_LENGTH = 10
MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)
SESSION_LIFETIME = timedelta(hours=9)  # one working day; clerks sign in again the next morning

_hasher = PasswordHasher()
# Verifying against this when the user does not exist keeps the response time the same,
# so timing does not tell an attacker which usernames exist.
_DUMMY_HASH = _hasher.hash("civicai-no-such-user")


class AuthError(Exception):
    """Sign-in failed. The message never says whether the username or the password was wrong."""


class AccountLockedError(AuthError):
    pass


class UserError(ValueError):
    """A user could not be created or changed as asked (the message names the bad value)."""


@dataclass(frozen=True)
class SignedIn:
    user: User
    token: str  # shown to the client once, as a cookie or bearer token
    csrf_token: str
    expires_at: datetime


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"비밀번호는 {MIN_PASSWORD_LENGTH}자 이상이어야 합니다 "
                        f"(password must be at least {MIN_PASSWORD_LENGTH} characters)")
    return _hasher.hash(password)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_user(session: Session, username: str, password: str, role: str, *, department: str | None = None,
                display_name: str = "", actor: str = "system", departments: Collection[str] = ()) -> User:
    """``departments``: the registry's codes; when given, a department outside it is refused."""
    username = username.strip()
    if not username or len(username) > 64 or any(c.isspace() for c in username):
        raise UserError(f"사용자 이름이 올바르지 않습니다: {username!r} (1–64 characters, no spaces)")
    if role not in User.ROLES:
        raise UserError(f"알 수 없는 역할입니다: {role!r} (roles: {', '.join(User.ROLES)})")
    if role == "clerk" and not department:
        raise UserError("담당 공무원(clerk)에게는 부서가 필요합니다 (a clerk needs --department)")
    if department and departments and department not in departments:
        raise UserError(f"부서 코드가 등록부에 없습니다: {department!r} (not in the department registry)")
    if session.scalar(select(User).where(User.username == username)) is not None:
        raise UserError(f"이미 있는 사용자입니다: {username!r} (username already exists)")
    user = User(username=username, display_name=display_name or username, password_hash=hash_password(password),
                role=role, department=department)
    session.add(user)
    session.flush()
    session.add(AuditEvent(actor=actor, action="create_user", target_type="user", target_id=str(user.id),
                           reason=f"role={role} department={department or '-'}"))
    return user


def set_password(session: Session, user: User, password: str, *, actor: str) -> None:
    user.password_hash = hash_password(password)
    user.failed_logins = 0
    user.locked_until = None
    # A changed password ends every open session of that user.
    session.execute(delete(UserSession).where(UserSession.user_id == user.id))
    session.add(AuditEvent(actor=actor, action="set_password", target_type="user", target_id=str(user.id)))


def sign_in(session: Session, username: str, password: str, *, client_ip: str | None = None) -> SignedIn:
    """Check the password and open a session; after too many failures the account is locked for a while."""
    now = utcnow()
    user = session.scalar(select(User).where(User.username == username.strip()))
    if user is None or not user.active:
        _verify(_DUMMY_HASH, password)
        raise AuthError("사용자 이름 또는 비밀번호가 틀렸습니다 (wrong username or password)")
    if user.locked_until is not None and _aware(user.locked_until) > now:
        raise AccountLockedError("로그인 실패가 많아 잠시 잠겼습니다. 15분 뒤에 다시 시도하세요 "
                                 "(account locked after repeated failures; try again in 15 minutes)")
    if not _verify(user.password_hash, password):
        user.failed_logins += 1
        if user.failed_logins >= MAX_FAILED_LOGINS:
            user.locked_until = now + LOCKOUT
            user.failed_logins = 0
        session.add(AuditEvent(actor=user.username, action="login_failed", target_type="user",
                               target_id=str(user.id), client_ip=client_ip))
        raise AuthError("사용자 이름 또는 비밀번호가 틀렸습니다 (wrong username or password)")
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
    expires = now + SESSION_LIFETIME
    session.add(UserSession(token_hash=token_hash(token), user_id=user.id, csrf_token=csrf, expires_at=expires,
                            client_ip=client_ip))
    session.add(AuditEvent(actor=user.username, action="login", target_type="user", target_id=str(user.id),
                           client_ip=client_ip))
    return SignedIn(user=user, token=token, csrf_token=csrf, expires_at=expires)


def session_for_token(session: Session, token: str) -> UserSession | None:
    """The live session behind a token, or None when unknown, expired or its user is disabled."""
    row = session.scalar(select(UserSession).where(UserSession.token_hash == token_hash(token)))
    if row is None or _aware(row.expires_at) <= utcnow():
        return None
    user = session.get(User, row.user_id)
    return row if user is not None and user.active else None


def sign_out(session: Session, token: str) -> None:
    session.execute(delete(UserSession).where(UserSession.token_hash == token_hash(token)))


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes for timezone-aware columns; they were written in UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
