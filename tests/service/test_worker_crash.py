"""A worker process killed (SIGKILL) in the middle of a letter: after a restart the letter is
processed exactly once — one set of pages, one suggestion per letter, nothing lost."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from service.db import session_scope
from service.letters import store_upload
from service.models import AuditEvent, Letter, Page, Suggestion
from service.settings import Settings

pytestmark = pytest.mark.slow
PAGES = 3  # at a few seconds of Tesseract each, long enough to be killed mid-letter


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve(settings: Settings, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DONTHU_ENV": "test", "DONTHU_DATA_DIR": str(settings.data_dir),
           "DONTHU_DATABASE_URL": settings.database_url,
           "DONTHU_DATABASE_SCHEMA": settings.database_schema,
           "DONTHU_SECRET_KEY": settings.secret_key, "DONTHU_MODEL_PATH": str(settings.model_path),
           "DONTHU_LEASE_SECONDS": "2", "DONTHU_POLL_SECONDS": "0.2", "DONTHU_OCR_WORKERS": "1"}
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "service.cli", "serve", "--port", str(_free_port()),
             "--workers", "1"], env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True)


def _wait(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def test_a_letter_survives_a_killed_worker_and_is_processed_once(
        settings: Settings, tmp_path: Path, fixtures_dir: Path) -> None:
    page = Image.open(fixtures_dir / "letter_clean.png")
    scan = tmp_path / "stack.tiff"
    page.save(scan, save_all=True, append_images=[page] * (PAGES - 1), compression="tiff_lzw")
    with session_scope(settings) as session:
        (letter_id,), _ = store_upload(session, scan.read_bytes(), "stack.tiff", None, None,
                                       settings=settings)

    def letter() -> Letter:
        with session_scope(settings) as session:
            found = session.get(Letter, letter_id)
            assert found is not None
            return found

    log = tmp_path / "serve.log"
    first = _serve(settings, log)
    try:
        _wait(lambda: letter().lease_owner is not None, 90, "the first worker's claim")
        time.sleep(1.0)  # well inside the OCR of the first pages
        assert letter().status == "received", "the letter was finished before the kill"
    finally:
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(10)
    killed = letter()
    assert killed.status == "received" and killed.lease_owner is not None
    with session_scope(settings) as session:
        assert session.scalar(select(func.count()).select_from(Page)) == 0

    second = _serve(settings, log)
    try:
        def all_suggested() -> bool:
            with session_scope(settings) as session:
                statuses = set(session.scalars(select(Letter.status)))
            return statuses == {"suggested"}
        _wait(all_suggested, 240, "the restarted worker to finish: " + log.read_text()[-2000:])
    finally:
        os.killpg(second.pid, signal.SIGTERM)
        second.wait(30)

    with session_scope(settings) as session:
        letters = session.scalars(select(Letter).order_by(Letter.id)).all()
        assert letters[0].id == letter_id and letters[0].attempts == 2
        assert sum(1 for x in letters if x.file_id == letters[0].file_id) == len(letters)
        covered = sorted(n for x in letters
                         for n in range(x.first_page or 0, (x.last_page or -1) + 1))
        assert covered == list(range(1, PAGES + 1))  # every page in exactly one letter
        assert session.scalar(select(func.count()).select_from(Page)) == PAGES
        suggestions = session.scalars(select(Suggestion.letter_id)).all()
        assert sorted(suggestions) == [x.id for x in letters]  # one per letter
        reads = session.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "letter_read", AuditEvent.letter_id == letter_id))
        assert reads == 1
