"""Interpreter calls: a Deaf citizen presses "수어통역사 호출" at a kiosk, the staff desk named in
``data/signlang/kiosk_vocabulary.yaml`` sees the call at once, one clerk accepts it (the kiosk then says
someone is coming) and closes it when done. No HTTP here; the sign and clerk routes call these functions.

A call holds no personal data: only which kiosk and when.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from serving.db import AuditEvent, InterpreterCall, User, utcnow
from signlang import load_kiosk_vocabulary

CallStatus = Literal["waiting", "accepted", "done", "cancelled"]
OPEN_STATUSES = ("waiting", "accepted")
# A call nobody closed (the citizen left, the clerk forgot) stops blocking the kiosk's next call.
STALE_AFTER = timedelta(hours=2)


class InterpreterCallError(ValueError):
    """A call that cannot change that way (already closed, accepted by someone else)."""


class InterpreterCallNotFoundError(LookupError):
    """No call with that number."""


class InterpreterDeskForbiddenError(PermissionError):
    """The clerk's department does not answer interpreter calls."""


@dataclass(frozen=True)
class InterpreterDesk:
    department: str  # department code whose clerks answer the calls (admins always may)
    default_kiosk: str


def load_desk(config_dir: Path) -> InterpreterDesk:
    desk = load_kiosk_vocabulary(config_dir / "signlang").get("interpreter") or {}
    return InterpreterDesk(department=str(desk.get("desk_department", "civil")),
                           default_kiosk=str(desk.get("default_kiosk", "민원실 키오스크")))


def check_desk(user: User, desk: InterpreterDesk) -> None:
    if user.role != "admin" and user.department != desk.department:
        raise InterpreterDeskForbiddenError(
            f"수어통역 호출은 {desk.department} 부서에서 받습니다 (interpreter calls go to the {desk.department} desk)")


def place_call(session: Session, kiosk: str) -> InterpreterCall:
    """A new call, or the kiosk's call that is still open: pressing the button twice does not call twice."""
    open_call = session.scalars(select(InterpreterCall).where(
        InterpreterCall.kiosk == kiosk, InterpreterCall.status.in_(OPEN_STATUSES),
        InterpreterCall.created_at >= utcnow() - STALE_AFTER).order_by(InterpreterCall.id.desc())).first()
    if open_call is not None:
        return open_call
    call = InterpreterCall(kiosk=kiosk, status="waiting", created_at=utcnow())
    session.add(call)
    session.flush()
    return call


def get_call(session: Session, call_id: int) -> InterpreterCall:
    call = session.get(InterpreterCall, call_id)
    if call is None:
        raise InterpreterCallNotFoundError(f"호출 {call_id}번이 없습니다 (no interpreter call {call_id})")
    return call


def waiting_ahead(session: Session, call: InterpreterCall) -> int:
    """Calls still waiting that were placed before this one."""
    if call.status != "waiting":
        return 0
    return int(session.scalar(select(func.count()).select_from(InterpreterCall).where(
        InterpreterCall.status == "waiting", InterpreterCall.id < call.id,
        InterpreterCall.created_at >= utcnow() - STALE_AFTER)) or 0)


def cancel_call(session: Session, call: InterpreterCall) -> InterpreterCall:
    """The citizen withdrew the call at the kiosk."""
    if call.status not in OPEN_STATUSES:
        raise InterpreterCallError(f"이미 끝난 호출입니다 (call {call.id} is already {call.status})")
    call.status, call.closed_at = "cancelled", utcnow()
    return call


def desk_calls(session: Session, limit: int = 20) -> list[InterpreterCall]:
    """Open calls first (oldest waiting on top), then today's closed ones."""
    since = utcnow() - STALE_AFTER
    open_calls = session.scalars(select(InterpreterCall).where(
        InterpreterCall.status.in_(OPEN_STATUSES), InterpreterCall.created_at >= since)
        .order_by(InterpreterCall.id)).all()
    closed = session.scalars(select(InterpreterCall).where(
        InterpreterCall.status.not_in(OPEN_STATUSES), InterpreterCall.created_at >= utcnow() - timedelta(days=1))
        .order_by(InterpreterCall.id.desc()).limit(limit)).all()
    return [*open_calls, *closed]


def accept_call(session: Session, user: User, call: InterpreterCall, client_ip: str) -> InterpreterCall:
    if call.status == "accepted" and call.accepted_by == user.username:
        return call
    if call.status != "waiting":
        raise InterpreterCallError(f"호출 {call.id}번은 이미 {call.accepted_by or ''} {call.status} 상태입니다 "
                                   f"(call is {call.status})")
    call.status, call.accepted_by, call.accepted_at = "accepted", user.username, utcnow()
    session.add(AuditEvent(actor=user.username, action="accept_interpreter_call", target_type="interpreter_call",
                           target_id=str(call.id), client_ip=client_ip))
    return call


def finish_call(session: Session, user: User, call: InterpreterCall, client_ip: str) -> InterpreterCall:
    if call.status not in OPEN_STATUSES:
        raise InterpreterCallError(f"이미 끝난 호출입니다 (call {call.id} is already {call.status})")
    call.status, call.closed_at = "done", utcnow()
    call.accepted_by = call.accepted_by or user.username
    session.add(AuditEvent(actor=user.username, action="finish_interpreter_call", target_type="interpreter_call",
                           target_id=str(call.id), client_ip=client_ip))
    return call
