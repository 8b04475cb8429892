"""Shared fixtures: settings in a temporary data dir, and real SQLite / PostgreSQL databases."""

from __future__ import annotations

import csv
import json
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("OMP_WAIT_POLICY", "passive")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from serving.settings import PROJECT_ROOT, Settings

POSTGRES_ADMIN_URL = os.environ.get("CIVICAI_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
SAMPLE_MEETING = PROJECT_ROOT / "data" / "audio" / "meeting.wav"
# The assembled model is shared by every test session (assembling copies 145 MB).
SHARED_MODELS_DIR = PROJECT_ROOT / "var" / "models"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        environment="test",
        data_dir=tmp_path / "var",
        whisper_model=str(SHARED_MODELS_DIR / "whisper-base"),
    )


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'civicai-test.db'}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database for one test, dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import OperationalError

    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"civicai_test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as error:
        admin.dispose()
        pytest.skip(f"no PostgreSQL server answers at {POSTGRES_ADMIN_URL}: {error.__class__.__name__}")
    try:
        yield make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.services)])
def database_url(request: pytest.FixtureRequest) -> str:
    """Every storage test runs on both backends."""
    fixture = "sqlite_url" if request.param == "sqlite" else "postgres_url"
    return request.getfixturevalue(fixture)


SMALL_GUIDES = ("move-in-report.md", "passport-issuance.md", "bulky-waste-disposal.md",
                "complaint-transfer-procedure.md")


def write_small_manuals(target: Path) -> Path:
    """Three public city guides, one internal guide and the first twelve easylaw Q&A rows."""
    manuals = PROJECT_ROOT / "data" / "manuals"
    (target / "city").mkdir(parents=True)
    for name in SMALL_GUIDES:
        shutil.copy(manuals / "city" / name, target / "city" / name)
    with open(manuals / "baekmun_3categories.csv", encoding="utf-8-sig", newline="") as source:
        reader = csv.DictReader(source)
        rows = list(reader)[:12]
        fields = reader.fieldnames
    with open(target / "baekmun_3categories.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return target


@pytest.fixture(scope="session")
def complaint_analyzer(tmp_path_factory: pytest.TempPathFactory):
    """The real complaint analyzer (embeddings, Kiwi, dictionaries), built once for the whole session."""
    from serving.models import build_complaint_analyzer

    settings = Settings(environment="test", data_dir=tmp_path_factory.mktemp("analyzer") / "var")
    analyzer = build_complaint_analyzer(settings)
    analyzer.warm_up()
    return analyzer


@pytest.fixture(scope="session")
def small_config_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real city configuration with a small manuals folder, so a whole knowledge base builds in seconds.
    Shared by the whole session: tests that write configuration copy it first."""
    target = tmp_path_factory.mktemp("config") / "data"
    for folder in ("registry", "dictionaries", "complaints", "signlang", "speech"):
        shutil.copytree(PROJECT_ROOT / "data" / folder, target / folder)
    write_small_manuals(target / "manuals")
    return target


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A ``reliability(table, case, expected)`` marker becomes a JUnit property, so the evaluation report can list
    every bad-input and fault case with what was expected and whether it held (eval/reliability.py)."""
    for item in items:
        marker = item.get_closest_marker("reliability")
        if marker is None:
            continue
        table, case, expected = marker.args
        if table not in ("bad_input", "fault", "property"):
            raise pytest.UsageError(f"{item.nodeid}: reliability table must be bad_input, fault or property")
        item.user_properties.append(("reliability", json.dumps(
            {"table": table, "case": case, "expected": expected}, ensure_ascii=False)))
