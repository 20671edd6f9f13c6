"""Engines, sessions and migrations: SQLite by default, PostgreSQL (pg8000) when configured."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from service.settings import Settings

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def make_engine(url: str, *, schema: str = "") -> Engine:
    """An engine for url; `schema` (PostgreSQL) puts every table in that schema."""
    if url.startswith("sqlite"):
        return _sqlite_engine(url)
    engine = create_engine(url, pool_size=20, max_overflow=20, pool_pre_ping=True)
    if schema:
        @event.listens_for(engine, "connect")
        def _search_path(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
            cursor.execute(f'SET search_path TO "{schema}"')
            cursor.close()
            dbapi_connection.commit()
    return engine


def _sqlite_engine(url: str) -> Engine:
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        # The driver's own transaction handling is off so that BEGIN IMMEDIATE below is ours.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        # Take the write lock up front: a reader that later writes can otherwise fail at once
        # with "database is locked" when another writer committed in between (no busy wait).
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@lru_cache(maxsize=8)
def _cached_engine(url: str, schema: str) -> Engine:
    engine = make_engine(url, schema=schema)
    _ENGINES.append(engine)
    return engine


_ENGINES: list[Engine] = []


def _forget_parent_connections() -> None:
    """In a forked child (batch and Celery workers): never use the parent's pooled connections.

    Dropped unclosed, as SQLAlchemy advises: closing them here would end the parent's sessions.
    """
    for engine in _ENGINES:
        engine.dispose(close=False)


os.register_at_fork(after_in_child=_forget_parent_connections)


def engine_for(settings: Settings) -> Engine:
    """One engine (and connection pool) per database per process."""
    return _cached_engine(settings.effective_database_url(), settings.database_schema)


@contextmanager
def transaction(sessions: sessionmaker[Session]) -> Iterator[Session]:
    """A session that commits when the block ends and rolls back when it raises."""
    session = sessions()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def session_scope(settings: Settings) -> AbstractContextManager[Session]:
    """transaction() on the configured database."""
    return transaction(session_factory(engine_for(settings)))


def alembic_config(url: str, *, schema: str = "") -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.attributes["schema"] = schema
    return config


def migrate(url: str, *, schema: str = "") -> None:
    """Bring the database at url up to the newest migration (Alembic upgrade head)."""
    engine = make_engine(url, schema=schema)
    try:
        with engine.begin() as connection:
            config = alembic_config(url, schema=schema)
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    finally:
        engine.dispose()


def check_connection(session: Session) -> None:
    session.execute(text("SELECT 1"))
