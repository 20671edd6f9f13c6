"""Across machines: `donthu batch --celery` and real `donthu worker` processes, real Redis, a
real database. Workers are killed, Redis restarts, the database goes away: every letter still
ends exactly once (one suggestion, read once and classified once), none stuck."""

from __future__ import annotations

import os
import secrets
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select, text

from service.db import make_engine, migrate, session_scope
from service.models import AuditEvent, Letter, Suggestion
from service.settings import Settings
from tests.batch.conftest import donthu_batch
from tests.batch.processes import wait_until
from tests.batch.services import PrivateRedis, TcpProxy, Worker, redis_reachable
from tests.conftest import skip_or_fail

pytestmark = [pytest.mark.slow, pytest.mark.redis]

LEASE_SECONDS = "3"


@pytest.fixture
def shared_redis() -> str:
    """The real Redis, db 15; each test on a queue of its own, so runs never mix."""
    url = os.environ.get("DONTHU_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    problem = redis_reachable(url)
    if problem:
        skip_or_fail(f"Redis at {url} is unreachable: {problem}")
    return url


@pytest.fixture
def private_redis(tmp_path: Path, shared_redis: str) -> Iterator[PrivateRedis]:
    server = PrivateRedis(tmp_path)
    server.start()
    yield server
    server.stop()


def env_for(tmp_path: Path, redis_url: str, **extra: str) -> dict[str, str]:
    return {"DONTHU_DATA_DIR": str(tmp_path / "var"), "DONTHU_REDIS_URL": redis_url,
            "DONTHU_CELERY_QUEUE": f"donthu-test-{secrets.token_hex(4)}",
            "DONTHU_LEASE_SECONDS": LEASE_SECONDS, "DONTHU_DATABASE_URL": "",
            "DONTHU_DATABASE_SCHEMA": "", **extra}


def settings_for(env: dict[str, str]) -> Settings:
    return Settings(data_dir=Path(env["DONTHU_DATA_DIR"]),
                    database_url=env["DONTHU_DATABASE_URL"],
                    database_schema=env["DONTHU_DATABASE_SCHEMA"])


def statuses(settings: Settings) -> dict[int, str]:
    with session_scope(settings) as session:
        return {row.id: row.status for row in session.execute(select(Letter.id, Letter.status))}


def assert_each_letter_ended_once(settings: Settings, letters: int) -> None:
    with session_scope(settings) as session:
        rows = session.execute(select(Letter.id, Letter.status, Letter.lease_owner)).all()
        assert len(rows) == letters
        assert {status for _, status, _ in rows} == {"suggested"}
        assert all(owner is None for _, _, owner in rows), "a lease left behind"
        suggestions = Counter(session.scalars(select(Suggestion.letter_id)))
        events = Counter((row.action, row.letter_id) for row in session.execute(
            select(AuditEvent.action, AuditEvent.letter_id)
            .where(AuditEvent.action.in_(["letter_read", "letter_suggested"]))))
    assert set(suggestions.values()) == {1} and len(suggestions) == letters
    assert set(events.values()) == {1} and len(events) == 2 * letters, events


def enqueue(backlog: Path, env: dict[str, str], letters: int) -> None:
    result = donthu_batch(backlog, "--celery", env=env)
    assert result.returncode == 0, result.stderr
    assert f"queued: {letters} letters" in result.stdout


def test_a_killed_worker_loses_nothing_and_nothing_runs_twice(
        backlog: Path, tmp_path: Path, shared_redis: str, model_path: Path) -> None:
    env = env_for(tmp_path, shared_redis)
    settings = settings_for(env)
    enqueue(backlog, env, 3)
    with Worker(env, tmp_path / "first.log") as first:
        first_letter_done(settings, first)
        wait_until(lambda: _leased(settings), 30, "the next letter to be claimed", first.output)
        first.kill()  # SIGKILL mid-letter: its message is unacknowledged, its lease held
    with Worker(env, tmp_path / "second.log", pool="prefork") as second:
        every_letter_done(settings, second)
    assert_each_letter_ended_once(settings, 3)
    with session_scope(settings) as session:
        expired = session.scalars(select(AuditEvent.letter_id)
                                  .where(AuditEvent.action == "lease_expired")).all()
    assert expired, "the killed worker's letter was not taken back by the sweeper"


def first_letter_done(settings: Settings, worker: Worker) -> None:
    wait_until(lambda: "suggested" in statuses(settings).values(), 90, "a first letter",
               worker.output)


def every_letter_done(settings: Settings, worker: Worker) -> None:
    wait_until(lambda: set(statuses(settings).values()) == {"suggested"}, 90,
               "every letter to be suggested", worker.output)


def _leased(settings: Settings) -> bool:
    with session_scope(settings) as session:
        return bool(session.scalar(select(Letter.id).where(Letter.lease_owner.is_not(None))))


def test_redis_restarted_mid_batch(backlog: Path, tmp_path: Path,
                                   private_redis: PrivateRedis, model_path: Path) -> None:
    env = env_for(tmp_path, private_redis.url)
    settings = settings_for(env)
    enqueue(backlog, env, 3)
    with Worker(env, tmp_path / "worker.log") as worker:
        first_letter_done(settings, worker)
        private_redis.stop()  # no persistence: every queued message is gone
        private_redis.start()
        every_letter_done(settings, worker)
    assert_each_letter_ended_once(settings, 3)


@pytest.fixture
def postgres_behind_proxy() -> Iterator[tuple[str, str, TcpProxy]]:
    url = os.environ.get("DONTHU_TEST_POSTGRES_URL")
    if not url:
        skip_or_fail("DONTHU_TEST_POSTGRES_URL is not set")
    assert url is not None
    parts = urlsplit(url)
    proxy = TcpProxy((parts.hostname or "127.0.0.1", parts.port or 5432))
    proxy.start()
    proxied = parts._replace(netloc=f"{parts.username}@127.0.0.1:{proxy.port}").geturl()
    schema = f"donthu_batch_{os.getpid()}_{secrets.token_hex(3)}"
    try:
        migrate(url, schema=schema)
    except Exception as e:
        proxy.stop()
        skip_or_fail(f"PostgreSQL at DONTHU_TEST_POSTGRES_URL is unreachable: {e}")
    yield proxied, schema, proxy
    proxy.stop()
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()


@pytest.mark.postgres
def test_the_database_briefly_unreachable(
        backlog: Path, tmp_path: Path, shared_redis: str,
        postgres_behind_proxy: tuple[str, str, TcpProxy], model_path: Path) -> None:
    url, schema, proxy = postgres_behind_proxy
    env = env_for(tmp_path, shared_redis, DONTHU_DATABASE_URL=url,
                  DONTHU_DATABASE_SCHEMA=schema)
    settings = settings_for(env)
    enqueue(backlog, env, 3)
    with Worker(env, tmp_path / "worker.log") as worker:
        wait_until(lambda: _leased(settings), 90, "a letter to be claimed", worker.output)
        proxy.stop()  # mid-letter: open connections cut, new ones refused
        time.sleep(4)
        proxy.start()
        every_letter_done(settings, worker)
    assert_each_letter_ended_once(settings, 3)
    log = worker.output()
    assert "lease renewal failed" in log or "Retry in" in log, "the outage was not noticed"
