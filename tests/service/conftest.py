"""Service fixtures: every test runs on SQLite and on PostgreSQL (a fresh schema per session)."""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from service.api import create_app
from service.db import make_engine, migrate, session_scope
from service.models import READ, Letter, Page, StoredFile
from service.settings import Settings
from service.tasks import process_letter
from service.users import add_user
from tests.conftest import skip_or_fail

DATA = Path(__file__).resolve().parent / "data"
SAMPLES = Path(__file__).resolve().parents[2] / "samples"
PASSWORD = "mat-khau-thu-nghiem"
ROLES = ("clerk", "officer", "supervisor", "admin")
TABLES = ("audit_events", "reviews", "cases", "receipt_counters", "identities", "suggestions",
          "pages", "letters", "files", "login_failures", "users")


@pytest.fixture(scope="session")
def postgres() -> Iterator[tuple[str, str]]:
    """(url, schema): the tables migrated once into a schema of this test session only."""
    url = os.environ.get("DONTHU_TEST_POSTGRES_URL")
    if not url:
        skip_or_fail("DONTHU_TEST_POSTGRES_URL is not set")
    assert url is not None
    schema = f"donthu_test_{os.getpid()}_{secrets.token_hex(3)}"
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as e:  # unreachable server
        engine.dispose()
        skip_or_fail(f"PostgreSQL at DONTHU_TEST_POSTGRES_URL is unreachable: {e}")
    migrate(url, schema=schema)
    yield url, schema
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()


def _empty_postgres(url: str, schema: str) -> None:
    engine = make_engine(url, schema=schema)
    with engine.begin() as connection:
        # TRUNCATE does not fire the audit log's row triggers, which refuse DELETE.
        connection.execute(text(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE"))
    engine.dispose()


def test_settings(data_dir: Path, model_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "env": "test", "data_dir": data_dir, "secret_key": "test-secret-" + "x" * 32,
        "model_path": model_path, "workers": 1, "ocr_workers": 1, "lease_seconds": 30.0,
        "poll_seconds": 0.05, "login_lockout_seconds": 2.0, "database_url": "",
        "database_schema": "",
    }
    values.update(overrides)
    return Settings(**values)


test_settings.__test__ = False  # type: ignore[attr-defined]  # a helper, not a test


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def settings(request: pytest.FixtureRequest, tmp_path: Path, model_path: Path) -> Settings:
    if request.param == "sqlite":
        result = test_settings(tmp_path / "var", model_path)
        migrate(result.effective_database_url())
        return result
    url, schema = request.getfixturevalue("postgres")
    _empty_postgres(url, schema)
    return test_settings(tmp_path / "var", model_path, database_url=url, database_schema=schema)


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture
def headers(client: TestClient, settings: Settings) -> dict[str, dict[str, str]]:
    """A logged-in user of every role: role → Authorization header."""
    with session_scope(settings) as session:
        for role in ROLES:
            add_user(session, role, role=role, password=PASSWORD)
    return {role: login(client, role) for role in ROLES}


def login(client: TestClient, username: str, password: str = PASSWORD) -> dict[str, str]:
    response = client.post("/api/token", data={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def add_read_letter(settings: Settings, text_: str, *, ngay_nhan: date | None = None,
                    needs_transcription: bool = False) -> int:
    """A letter whose pages are already read (no OCR): the worker only classifies it."""
    with session_scope(settings) as session:
        stored = StoredFile(sha256=hashlib.sha256(text_.encode()).hexdigest(),
                            filename="don.png", kind="png", size=len(text_), pages_count=1)
        session.add(stored)
        session.flush()
        letter = Letter(file_id=stored.id, status=READ, first_page=1, last_page=1,
                        ngay_nhan=ngay_nhan or date.today(), ocr_confidence=0.9)
        session.add(letter)
        session.flush()
        session.add(Page(letter_id=letter.id, number=1, source_page=1, text=text_,
                         confidence=0.4 if needs_transcription else 0.9,
                         needs_transcription=needs_transcription))
        return letter.id


def suggested_letter(settings: Settings, text_: str, **kwargs: Any) -> int:
    letter_id = add_read_letter(settings, text_, **kwargs)
    assert process_letter(letter_id, settings, worker="test-worker")
    return letter_id


def sample_text(name: str) -> str:
    path = DATA / name if (DATA / name).exists() else SAMPLES / name
    return path.read_text(encoding="utf-8")
