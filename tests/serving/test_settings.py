from pathlib import Path

import pytest
from pydantic import ValidationError

from serving.settings import Settings


def test_defaults_use_sqlite_in_data_dir(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    assert settings.resolved_database_url == f"sqlite:///{tmp_path / 'civicai.db'}"
    assert settings.whisper_model_dir == tmp_path / "models" / "whisper-base"
    assert (settings.config_dir / "registry" / "departments.yaml").is_file()


def test_environment_variables_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CIVICAI_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("CIVICAI_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
    monkeypatch.setenv("CIVICAI_MAX_UPLOAD_MB", "50")
    settings = Settings()
    assert settings.data_dir == tmp_path
    assert settings.resolved_database_url.startswith("postgresql+psycopg://")
    assert settings.max_upload_mb == 50


def test_config_file_is_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    config = tmp_path / "civicai.yaml"
    config.write_text("broker_url: redis://127.0.0.1:6379/0\nmax_audio_hours: 3\n", encoding="utf-8")
    monkeypatch.setenv("CIVICAI_CONFIG_FILE", str(config))
    settings = Settings()
    assert settings.broker_url == "redis://127.0.0.1:6379/0"
    assert settings.max_audio_hours == 3


def test_missing_config_file_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CIVICAI_CONFIG_FILE", str(tmp_path / "nope.yaml"))
    with pytest.raises(ValueError, match="nope.yaml"):
        Settings()


def test_production_rejects_placeholder_secret() -> None:
    with pytest.raises(ValidationError, match="CIVICAI_SECRET_KEY"):
        Settings(environment="production")
    assert Settings(environment="production", secret_key="a-real-secret-3f9c1e").environment == "production"


def test_unknown_setting_is_rejected() -> None:
    with pytest.raises(ValidationError):
        Settings(databse_url="typo")
