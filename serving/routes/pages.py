"""Server-rendered pages (Jinja2 + a little plain JavaScript; no CDN, the kiosk has no internet).

The pages call the same JSON API as any client; this router only renders HTML and checks who may see it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import StringConstraints

from nlp.dictionaries import Dictionaries
from nlp.pii import PLACEHOLDERS
from serving.auth import session_for_token
from serving.complaint_store import ComplaintNotFoundError, by_receipt
from serving.db import User
from serving.deps import DictionariesDep, IntegerKey, SessionDep, SettingsDep, session_token
from serving.interpreter_calls import load_desk
from serving.routes.chat import get_chatbot
from serving.settings import Settings

TEMPLATES = Jinja2Templates(directory=Path(__file__).resolve().parent.parent / "templates")
router = APIRouter(include_in_schema=False)

CITY_NAME = "군산시"  # shown in page titles; the city changes it in one place


class PageUser:
    """The signed-in user and the session's CSRF token, for rendering."""

    def __init__(self, user: User, csrf_token: str) -> None:
        self.user, self.csrf_token = user, csrf_token


def page_user(request: Request, session: SessionDep) -> PageUser | None:
    token, _ = session_token(request)
    row = session_for_token(session, token) if token else None
    return PageUser(session.get(User, row.user_id), row.csrf_token) if row else None


PageUserDep = Annotated[PageUser | None, Depends(page_user)]


def render(request: Request, template: str, who: PageUser | None, **context: Any) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(request, template, {
        "city_name": CITY_NAME, "user": who.user if who else None, "csrf_token": who.csrf_token if who else "",
        **context})


def staff_page(request: Request, who: PageUser | None, roles: tuple[str, ...]) -> Response | None:
    """A redirect to sign-in for anonymous visitors, 403 for the wrong role, None when allowed."""
    if who is None:
        return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
    if who.user.role != "admin" and who.user.role not in roles:
        raise HTTPException(403, "이 화면을 볼 권한이 없습니다 (your role may not open this page)")
    return None


@router.get("/", response_class=HTMLResponse)
def citizen_home(request: Request, who: PageUserDep, settings: SettingsDep) -> HTMLResponse:
    return render(request, "citizen.html", who, retention_years=round(settings.retention_complaint_days / 365))


@router.get("/status", response_class=HTMLResponse)
@router.get("/status/{receipt_no}", response_class=HTMLResponse)
def complaint_status(request: Request, who: PageUserDep, session: SessionDep, dictionaries: DictionariesDep,
                     receipt_no: Annotated[str, StringConstraints(max_length=20)] | None = None) -> HTMLResponse:
    receipt_no = receipt_no or request.query_params.get("receipt_no", "").strip()[:20] or None
    complaint, department, missing = None, None, False
    if receipt_no:
        try:
            complaint = by_receipt(session, receipt_no)
            department = next((d for d in dictionaries.departments
                               if d.code == complaint.department_code), None)
        except ComplaintNotFoundError:
            missing = True
    return render(request, "status.html", who, complaint=complaint, department=department, receipt_no=receipt_no,
                  missing=missing)


@router.get("/sources/{chunk_id:path}", response_class=HTMLResponse)
def source_passage(chunk_id: str, request: Request, who: PageUserDep) -> HTMLResponse:
    """The manual passage a chat citation points to (public passages only)."""
    chunk = get_chatbot(request).index.get(chunk_id)
    if chunk is None or chunk.visibility != "public":
        raise HTTPException(404, "출처를 찾을 수 없습니다 (no such source)")
    return render(request, "source.html", who, chunk=chunk)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, who: PageUserDep) -> HTMLResponse:
    target = request.query_params.get("next", "")
    safe_next = target if target.startswith("/") and not target.startswith("//") else ""
    return render(request, "login.html", who, next=safe_next)


def _clerk_page(request: Request, who: PageUser | None, settings: Settings, dictionaries: Dictionaries,
                template: str) -> Response:
    """A clerk page that shows departments and complaint types by name (codes → 도로과, 불법주정차)."""
    if (redirect := staff_page(request, who, ("clerk",))) is not None:
        return redirect
    names = {"departments": {d.code: d.name for d in dictionaries.departments},
             "types": {t.code: t.name for t in dictionaries.types}}
    own_department = names["departments"].get(who.user.department or "", "전체 부서")
    desk = load_desk(settings.config_dir)
    answers_interpreter_calls = who.user.role == "admin" or who.user.department == desk.department
    return render(request, template, who, departments=dictionaries.departments, names=names,
                  own_department=own_department, answers_interpreter_calls=answers_interpreter_calls,
                  placeholders=PLACEHOLDERS)


@router.get("/clerk", response_class=HTMLResponse)
def clerk_desk(request: Request, who: PageUserDep, settings: SettingsDep, dictionaries: DictionariesDep) -> Response:
    return _clerk_page(request, who, settings, dictionaries, "clerk.html")


@router.get("/clerk/dashboard", response_class=HTMLResponse)
def complaint_dashboard(request: Request, who: PageUserDep, settings: SettingsDep,
                        dictionaries: DictionariesDep) -> Response:
    return _clerk_page(request, who, settings, dictionaries, "dashboard.html")


@router.get("/clerk/minutes", response_class=HTMLResponse)
def minutes_workspace(request: Request, who: PageUserDep) -> Response:
    if (redirect := staff_page(request, who, ("clerk",))) is not None:
        return redirect
    return render(request, "minutes.html", who)


@router.get("/clerk/minutes/{meeting_id}", response_class=HTMLResponse)
def meeting_page(meeting_id: IntegerKey, request: Request, who: PageUserDep) -> Response:
    if (redirect := staff_page(request, who, ("clerk",))) is not None:
        return redirect
    return render(request, "meeting.html", who, meeting_id=meeting_id)


@router.get("/kiosk", response_class=HTMLResponse)
def kiosk(request: Request, who: PageUserDep) -> HTMLResponse:
    """The city-hall kiosk: full screen, large buttons, sign video + text + voice, sign input by camera."""
    from serving.routes.sign import UNREVIEWED_NOTICE

    kiosk_name = request.query_params.get("kiosk", "").strip()[:100]  # which kiosk, for interpreter calls
    return render(request, "kiosk.html", who, notice=UNREVIEWED_NOTICE, kiosk_name=kiosk_name)


@router.get("/admin", response_class=HTMLResponse)
def admin_page(request: Request, who: PageUserDep, dictionaries: DictionariesDep) -> Response:
    if (redirect := staff_page(request, who, ("admin",))) is not None:
        return redirect
    from serving.routes.admin import CONFIG_FILES

    return render(request, "admin.html", who, departments=dictionaries.departments,
                  config_files=list(CONFIG_FILES))


@router.get("/privacy", response_class=HTMLResponse)
def privacy_page(request: Request, who: PageUserDep) -> Response:
    """The privacy officer's page: monthly access review, log integrity, data-subject requests."""
    if (redirect := staff_page(request, who, ("privacy_officer",))) is not None:
        return redirect
    from serving.db import utcnow

    return render(request, "privacy.html", who, month=utcnow().strftime("%Y-%m"))
