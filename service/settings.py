"""Service settings from the environment (DONTHU_*), behind one cached getter tests override."""

from __future__ import annotations

import os
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic_settings import BaseSettings, SettingsConfigDict

from classifier import DEFAULT_MODEL_PATH, DEFAULT_RULES_DIR, ClassifierConfig, OfficeConfig
from ocr import OcrConfig

PLACEHOLDER_SECRET = "change-me"


class SettingsError(ValueError):
    """The configuration cannot be used (e.g. a placeholder secret outside tests)."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DONTHU_", env_file=".env", extra="ignore")

    env: Literal["dev", "test", "prod"] = "dev"
    data_dir: Path = Path("var")
    database_url: str = ""  # empty: a SQLite file in data_dir
    database_schema: str = ""  # PostgreSQL only: keep the tables in this schema (tests use one)
    model_path: Path = DEFAULT_MODEL_PATH
    rules_dir: Path = DEFAULT_RULES_DIR  # an officer's edited copy of classifier/rules/
    training_data_dir: Path = Path(__file__).resolve().parent.parent / "training_data"
    province: str | None = None  # the receiving office's province; None: the letter's own
    office_level: str = "tinh"
    office_name: str | None = None
    ocr_lang: str = "vie"
    ocr_timeout_seconds: float = 120.0
    ocr_workers: int = 0
    max_pages: int = 200
    max_upload_mb: float = 50
    workers: int = 0  # local processing pool; 0: one per core
    lease_seconds: float = 300.0  # a claimed letter returns to the queue when its lease expires
    poll_seconds: float = 1.0
    secret_key: str = ""  # empty: generated once into <data_dir>/secret_key
    token_minutes: int = 480
    login_max_failures: int = 5  # failures before logins for that name are slowed down
    login_lockout_seconds: float = 30.0  # first lockout; doubles with each further failure
    identity_roles: str = "supervisor"  # comma-separated roles entitled to a denouncer's identity
    redis_url: str = "redis://127.0.0.1:6379/0"
    celery_queue: str = "donthu"  # offices sharing one Redis each use their own queue

    def sqlite_url(self) -> str:
        return f"sqlite:///{(self.data_dir / 'donthu.sqlite3').resolve()}"

    def effective_database_url(self) -> str:
        return self.database_url or self.sqlite_url()

    def originals_dir(self) -> Path:
        return self.data_dir / "originals"

    def pages_dir(self) -> Path:
        return self.data_dir / "pages"

    def corrections_path(self) -> Path:
        return self.data_dir / "corrections.jsonl"

    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)

    def entitled_roles(self) -> frozenset[str]:
        return frozenset(r.strip() for r in self.identity_roles.split(",") if r.strip())

    def worker_count(self) -> int:
        return self.workers or os.cpu_count() or 1

    def signing_key(self) -> str:
        """The token key: DONTHU_SECRET_KEY, else one generated once into <data_dir>/secret_key."""
        if self.secret_key:
            if self.secret_key == PLACEHOLDER_SECRET and self.env != "test":
                raise SettingsError("DONTHU_SECRET_KEY is the placeholder; set a real secret")
            return self.secret_key
        path = self.data_dir / "secret_key"
        if not path.exists():
            _write_once(path, secrets.token_urlsafe(48))
        return path.read_text().strip()

    def ocr_config(self) -> OcrConfig:
        return OcrConfig(lang=self.ocr_lang, timeout_seconds=self.ocr_timeout_seconds,
                         max_pages=self.max_pages, workers=self.ocr_workers)

    def classifier_config(self) -> ClassifierConfig:
        office = OfficeConfig(province=self.province, level=self.office_level,
                              name=self.office_name)
        return ClassifierConfig(model_path=self.model_path, rules_dir=self.rules_dir,
                                office=office)


def _write_once(path: Path, content: str) -> None:
    """Create path with content, readable by the owner only; a concurrent creator wins."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(content)
    try:
        os.link(temporary, path)  # atomic, and fails when another process got there first
    except FileExistsError:
        pass
    finally:
        temporary.unlink()


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
