"""Service settings from the environment (DONTHU_*), behind one cached getter tests override."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

from classifier import DEFAULT_MODEL_PATH, DEFAULT_RULES_DIR, ClassifierConfig, OfficeConfig
from ocr import OcrConfig


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DONTHU_", env_file=".env", extra="ignore")

    data_dir: Path = Path("var")
    database_url: str = ""  # empty: a SQLite file in data_dir
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
    max_upload_mb: int = 50
    workers: int = 0  # local processing pool; 0: one per core
    secret_key: str = "change-me"
    token_minutes: int = 480
    redis_url: str = "redis://127.0.0.1:6379/0"

    def sqlite_url(self) -> str:
        return f"sqlite:///{(self.data_dir / 'donthu.sqlite3').resolve()}"

    def effective_database_url(self) -> str:
        return self.database_url or self.sqlite_url()

    def ocr_config(self) -> OcrConfig:
        return OcrConfig(lang=self.ocr_lang, timeout_seconds=self.ocr_timeout_seconds,
                         max_pages=self.max_pages, workers=self.ocr_workers)

    def classifier_config(self) -> ClassifierConfig:
        office = OfficeConfig(province=self.province, level=self.office_level,
                              name=self.office_name)
        return ClassifierConfig(model_path=self.model_path, rules_dir=self.rules_dir,
                                office=office)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
