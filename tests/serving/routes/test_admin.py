"""Admin API: users, configuration files checked before writing, manual uploads; admins only, all logged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient
from sqlalchemy import select

from serving.app import create_app
from serving.db import AuditEvent
from serving.settings import PROJECT_ROOT, Settings
from tests.serving.routes.conftest import sign_in


@pytest.fixture
def client(settings: Settings, tmp_path: Path):
    config = tmp_path / "config"
    for folder in ("registry", "dictionaries"):
        shutil.copytree(PROJECT_ROOT / "data" / folder, config / folder)
    with TestClient(create_app(settings.model_copy(update={"config_dir": config}))) as client:
        client.config_dir = config
        yield client


def test_only_admins(client: TestClient) -> None:
    assert client.get("/api/admin/users").status_code == 401
    sign_in(client, "clerk1")
    assert client.get("/api/admin/users").status_code == 403
    assert client.put("/api/admin/config/stopwords", json={"text": "x"}).status_code == 403


def test_users_are_created_with_registry_departments_and_can_be_disabled(client: TestClient) -> None:
    sign_in(client, "boss", role="admin")
    created = client.post("/api/admin/users", json={"username": "kim", "password": "correct-horse-battery",
                                                    "role": "clerk", "department": "roads"})
    assert created.status_code == 201 and created.json()["department"] == "roads"
    bad = client.post("/api/admin/users", json={"username": "lee", "password": "correct-horse-battery",
                                                "role": "clerk", "department": "moon"})
    assert bad.status_code == 422 and "등록부" in bad.json()["detail"]
    short = client.post("/api/admin/users", json={"username": "park", "password": "short", "role": "admin"})
    assert short.status_code == 422 and "10자" in short.json()["detail"]
    kim_token = sign_in(client, "kim")  # the clerk signs in …
    sign_in(client, "boss", role="admin")
    assert client.post("/api/admin/users/kim/active", data={"active": "false"}).json()["active"] is False
    client.headers["Authorization"] = f"Bearer {kim_token}"
    assert client.get("/api/auth/me").status_code == 401  # … and is out as soon as the account is disabled
    sign_in(client, "boss", role="admin")
    assert client.post("/api/admin/users/boss/active", data={"active": "false"}).status_code == 422


def test_a_broken_dictionary_is_refused_and_a_good_one_saved(client: TestClient) -> None:
    sign_in(client, "boss", role="admin")
    original = client.get("/api/admin/config/urgent_terms").json()["text"]
    broken = client.put("/api/admin/config/urgent_terms", json={"text": "terms: [unclosed"})
    assert broken.status_code == 422 and "저장하지 않았습니다" in broken.json()["detail"]
    assert (client.config_dir / "dictionaries" / "urgent_terms.yaml").read_text(encoding="utf-8") == original
    data = yaml.safe_load(original)
    data["terms"].append({"term": "옹벽붕괴", "severity": 3, "category": "붕괴"})
    edited = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    saved = client.put("/api/admin/config/urgent_terms", json={"text": edited})
    assert saved.status_code == 200
    assert "옹벽붕괴" in (client.config_dir / "dictionaries" / "urgent_terms.yaml").read_text(encoding="utf-8")
    assert client.get("/api/admin/config/not_a_file").status_code == 422
    with client.app.state.database.session() as session:
        assert session.scalar(select(AuditEvent).where(AuditEvent.action == "edit_config")).target_id == "urgent_terms"


def test_a_registry_edit_reaches_the_pages_without_a_restart(client: TestClient) -> None:
    """The served registry is cached between requests, and re-read once its file changes."""
    sign_in(client, "boss", role="admin")
    assert client.post("/api/admin/users", json={"username": "kim", "password": "correct-horse-battery",
                                                 "role": "clerk", "department": "ports"}).status_code == 422
    registry = yaml.safe_load(client.get("/api/admin/config/departments").json()["text"])
    registry["departments"].append({"code": "ports", "name": "항만물류과", "bureau": "경제항만국",
                                    "duties": "항만 물류, 부두 시설"})
    text = yaml.safe_dump(registry, allow_unicode=True, sort_keys=False)
    assert client.put("/api/admin/config/departments", json={"text": text}).status_code == 200
    created = client.post("/api/admin/users", json={"username": "kim", "password": "correct-horse-battery",
                                                    "role": "clerk", "department": "ports"})
    assert created.status_code == 201
    assert "항만물류과" in client.get("/admin").text
