"""Property-based: requests generated from /openapi.json (valid and invalid) never get a 5xx,
and every response matches the schema the API publishes — on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance
from sqlalchemy import text

from classifier import DEFAULT_MODEL_PATH
from service.api import create_app
from service.db import make_engine, migrate, session_scope
from service.settings import Settings
from service.users import add_user
from tests.conftest import skip_or_fail
from tests.service.conftest import PASSWORD, login, sample_text, suggested_letter, test_settings

EXAMPLES_PER_OPERATION = 40
# Schemas are read when the module is collected, so the apps exist before any fixture runs
# (schemathesis' lazy fixture loader does not work with pytest 9); the databases are filled
# by the fixtures below.
DATA_DIR = Path(tempfile.mkdtemp(prefix="donthu-schemathesis-"))
POSTGRES_URL = os.environ.get("DONTHU_TEST_POSTGRES_URL", "")
CONFIGS = {
    "sqlite": test_settings(DATA_DIR / "sqlite", DEFAULT_MODEL_PATH),
    "postgres": test_settings(DATA_DIR / "postgres", DEFAULT_MODEL_PATH,
                              database_url=POSTGRES_URL,
                              database_schema=f"donthu_st_{os.getpid()}_{secrets.token_hex(3)}"),
}
APPS: dict[str, FastAPI] = {name: create_app(config) for name, config in CONFIGS.items()}
TOKENS: dict[str, dict[str, str]] = {}
sqlite_schema = schemathesis.openapi.from_asgi("/openapi.json", APPS["sqlite"])
postgres_schema = schemathesis.openapi.from_asgi("/openapi.json", APPS["postgres"])


def _seed(name: str) -> None:
    """An admin and one letter of each kind."""
    config = CONFIGS[name]
    migrate(config.effective_database_url(), schema=config.database_schema)
    with session_scope(config) as session:
        add_user(session, "admin", role="admin", password=PASSWORD)
    suggested_letter(config, sample_text("don_khieu_nai.txt"))
    suggested_letter(config, sample_text("don_to_cao.txt"))
    with TestClient(APPS[name]) as client:
        TOKENS[name] = login(client, "admin")


@pytest.fixture(scope="module")
def sqlite_app(model_path: Path) -> Iterator[None]:
    assert model_path == DEFAULT_MODEL_PATH
    _seed("sqlite")
    yield
    shutil.rmtree(DATA_DIR, ignore_errors=True)


@pytest.fixture(scope="module")
def postgres_app(model_path: Path) -> Iterator[None]:
    config: Settings = CONFIGS["postgres"]
    if not POSTGRES_URL:
        skip_or_fail("DONTHU_TEST_POSTGRES_URL is not set")
    _seed("postgres")
    yield
    engine = make_engine(POSTGRES_URL)
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{config.database_schema}" CASCADE'))
    engine.dispose()


def check(case: schemathesis.Case, backend: str) -> None:
    response = case.call(headers=TOKENS[backend])
    assert response.status_code < 500, (case.method, case.path, response.text)
    if response.status_code >= 400:
        assert isinstance(response.json()["detail"], str)
    # A schema cannot say "the bytes must be a scan": 415 for random bytes is the contract.
    not_a_scan = case.path == "/api/letters" and response.status_code in (413, 415)
    case.validate_response(response, excluded_checks=[positive_data_acceptance]
                           if not_a_scan else None)


@sqlite_schema.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None,
          suppress_health_check=list(HealthCheck))
def test_sqlite_api_never_answers_5xx(sqlite_app: None, case: schemathesis.Case) -> None:
    check(case, "sqlite")


@postgres_schema.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None,
          suppress_health_check=list(HealthCheck))
@pytest.mark.postgres
def test_postgres_api_never_answers_5xx(postgres_app: None, case: schemathesis.Case) -> None:
    check(case, "postgres")
