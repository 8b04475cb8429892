"""Administration: users and roles, the city's registry and dictionaries (edited as files, checked before they
are written), and manuals for the chatbot. Every call needs an admin and every change is in the access log."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field, StringConstraints
from sqlalchemy import select

from nlp.dictionaries import load_dictionaries
from nlp.errors import DictionaryError
from serving.auth import UserError, create_user
from serving.db import AuditEvent, User
from serving.deps import AdminDep, DictionariesDep, SessionDep, SettingsDep, client_ip
from serving.routes.chat import get_knowledge_base
from serving.uploads import save_upload

router = APIRouter(prefix="/api/admin", tags=["admin"])

# The editable configuration files, by name: folder and file under the config dir.
CONFIG_FILES = {
    "departments": ("registry", "departments.yaml"),
    "complaint_types": ("registry", "complaint_types.yaml"),
    "urgent_terms": ("dictionaries", "urgent_terms.yaml"),
    "synonyms": ("dictionaries", "synonyms.yaml"),
    "stopwords": ("dictionaries", "stopwords.txt"),
    "neologisms": ("dictionaries", "neologisms.yaml"),
    "slang": ("dictionaries", "slang.yaml"),
    "issue_words": ("dictionaries", "issue_words.yaml"),
    "department_keywords": ("dictionaries", "department_keywords.yaml"),
    "type_keywords": ("dictionaries", "type_keywords.yaml"),
}
ConfigName = Literal[tuple(CONFIG_FILES)]  # type: ignore[valid-type]


class UserPublic(BaseModel):
    username: str
    display_name: str
    role: str
    department: str | None
    active: bool


class UserCreate(BaseModel):
    username: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
    password: str = Field(min_length=1, max_length=256)
    role: Literal["clerk", "admin", "privacy_officer"]
    department: str | None = None
    display_name: str = Field(default="", max_length=100)


class ConfigText(BaseModel):
    text: str = Field(max_length=2_000_000)


def _public(user: User) -> UserPublic:
    return UserPublic(username=user.username, display_name=user.display_name, role=user.role,
                      department=user.department, active=user.active)


@router.get("/users", response_model=list[UserPublic])
def list_users(_admin: AdminDep, session: SessionDep) -> list[UserPublic]:
    return [_public(u) for u in session.scalars(select(User).order_by(User.username))]


@router.post("/users", response_model=UserPublic, status_code=201)
def add_user(body: UserCreate, admin: AdminDep, session: SessionDep, dictionaries: DictionariesDep) -> UserPublic:
    departments = {d.code for d in dictionaries.departments}
    try:
        user = create_user(session, body.username, body.password, body.role, department=body.department,
                           display_name=body.display_name, actor=admin.username, departments=departments)
    except UserError as error:
        raise HTTPException(422, str(error)) from error
    return _public(user)


@router.post("/users/{username}/active", response_model=UserPublic)
def set_active(username: str, active: Annotated[bool, Form()], admin: AdminDep, session: SessionDep,
               request: Request) -> UserPublic:
    """계정 사용 중지·재개 (a disabled account's sessions stop working at once)."""
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise HTTPException(404, f"사용자가 없습니다: {username[:64]} (no such user)")
    if user.id == admin.id and not active:
        raise HTTPException(422, "자기 계정은 중지할 수 없습니다 (you cannot disable your own account)")
    user.active = active
    session.add(AuditEvent(actor=admin.username, action="user_active" if active else "user_disabled",
                           target_type="user", target_id=str(user.id), client_ip=client_ip(request)))
    return _public(user)


@router.get("/config/{name}", response_model=ConfigText)
def read_config(name: ConfigName, _admin: AdminDep, settings: SettingsDep) -> ConfigText:
    folder, filename = CONFIG_FILES[name]
    return ConfigText(text=(settings.config_dir / folder / filename).read_text(encoding="utf-8"))


@router.put("/config/{name}", response_model=ConfigText)
def write_config(name: ConfigName, body: ConfigText, admin: AdminDep, session: SessionDep, settings: SettingsDep,
                 request: Request) -> ConfigText:
    """사전·부서 등록부 수정: the whole configuration is loaded with the new file in a scratch copy first, so a
    broken edit is refused with the loader's message and the service keeps the last good files."""
    folder, filename = CONFIG_FILES[name]
    with tempfile.TemporaryDirectory(prefix="civicai-config-") as scratch:
        trial = Path(scratch)
        for part in ("registry", "dictionaries"):
            shutil.copytree(settings.config_dir / part, trial / part)
        (trial / folder / filename).write_text(body.text, encoding="utf-8")
        try:
            load_dictionaries(trial)
        except (DictionaryError, KeyError, TypeError, ValueError) as error:
            raise HTTPException(422, f"{filename}: 저장하지 않았습니다 (not saved): {error}") from error
    target = settings.config_dir / folder / filename
    temporary = target.with_suffix(target.suffix + ".tmp")
    temporary.write_text(body.text, encoding="utf-8")
    temporary.replace(target)  # the complaint pipeline reloads changed dictionaries on its next request
    session.add(AuditEvent(actor=admin.username, action="edit_config", target_type="config", target_id=name,
                           client_ip=client_ip(request)))
    return ConfigText(text=body.text)


@router.post("/manuals", status_code=201)
async def upload_manual(request: Request, admin: AdminDep, session: SessionDep, settings: SettingsDep,
                        file: Annotated[UploadFile, File(description="PDF, DOCX, HWPX, HTML, MD, TXT, Q&A CSV")],
                        visibility: Annotated[Literal["public", "internal"], Form()] = "public") -> dict:
    """안내서 올리기: stored under the manuals folder and added to the chatbot's index (only its chunks embed)."""
    name = Path(file.filename or "manual.txt").name
    suffix = Path(name).suffix.lower()
    upload = await save_upload(file, settings.data_dir / "uploads", settings.max_upload_mb << 20, suffix=suffix)
    target = settings.config_dir / "manuals" / "uploaded" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(upload, target)
    report = await run_in_threadpool(get_knowledge_base(request).add, [target], visibility)
    session.add(AuditEvent(actor=admin.username, action="add_manual", target_type="manual", target_id=name[:64],
                           client_ip=client_ip(request)))
    if not report.documents:
        target.unlink(missing_ok=True)
        raise HTTPException(422, f"{name}: 읽을 수 있는 내용이 없습니다 (nothing readable): "
                                 + "; ".join(f.message for f in report.failures)[:300])
    return {"file": name, "documents": len(report.documents)}
