"""Claims, leases and the local pool: the database decides what is done, exactly once."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, text, update
from sqlalchemy.exc import DBAPIError

from service.db import session_scope
from service.models import CaseRecord, Letter, Suggestion, utcnow
from service.pool import LocalPool
from service.settings import Settings
from service.tasks import claim_next, process_letter, requeue_stale
from tests.service.conftest import add_read_letter, sample_text, suggested_letter


def test_claim_next_gives_each_letter_to_one_worker(settings: Settings) -> None:
    first = add_read_letter(settings, sample_text("don_khieu_nai.txt"))
    second = add_read_letter(settings, sample_text("don_to_cao.txt"))
    with session_scope(settings) as session:
        assert claim_next(session, "a", 30) == first
        assert claim_next(session, "b", 30) == second
        assert claim_next(session, "c", 30) is None
    assert not process_letter(first, settings, worker="c")  # leased by a
    assert process_letter(first, settings, worker="a")  # its own lease


def test_an_expired_lease_is_released_and_the_letter_resumes(settings: Settings) -> None:
    letter_id = add_read_letter(settings, sample_text("don_khieu_nai.txt"))
    with session_scope(settings) as session:
        assert claim_next(session, "dead-worker", 30) == letter_id
        assert requeue_stale(session) == []  # the lease still runs
        session.execute(update(Letter).values(lease_expires_at=utcnow() - timedelta(seconds=5)))
        session.commit()
        assert requeue_stale(session, older_than_seconds=60) == []
        assert requeue_stale(session) == [letter_id]
        letter = session.get(Letter, letter_id, populate_existing=True)
        assert letter is not None and letter.status == "read" and letter.lease_owner is None
    assert process_letter(letter_id, settings, worker="alive")
    with session_scope(settings) as session:
        assert session.scalar(select(func.count()).select_from(Suggestion)) == 1


def test_process_letter_run_concurrently_stores_one_suggestion(settings: Settings) -> None:
    letter_id = add_read_letter(settings, sample_text("don_khieu_nai.txt"))
    results: list[bool] = []
    threads = [threading.Thread(target=lambda w=w: results.append(
        process_letter(letter_id, settings, worker=w))) for w in ("x", "y", "z")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, False, True]
    with session_scope(settings) as session:
        assert session.scalar(select(func.count()).select_from(Suggestion)) == 1
        assert session.scalar(select(Letter.status)) == "suggested"


def test_local_pool_processes_what_is_pending_and_stops(settings: Settings) -> None:
    letter_ids = [add_read_letter(settings, sample_text(name))
                  for name in ("don_khieu_nai.txt", "don_to_cao.txt")]
    pool = LocalPool(settings, workers=2)
    pool.start()
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with session_scope(settings) as session:
                statuses = set(session.scalars(select(Letter.status)))
            if statuses == {"suggested"}:
                break
            time.sleep(0.1)
    finally:
        pool.stop()
    assert statuses == {"suggested"}
    assert not pool.running
    with session_scope(settings) as session:
        assert session.scalar(select(func.count()).select_from(Suggestion)) == len(letter_ids)


def test_two_officers_confirming_at_once_make_one_case_and_one_409(
        client: TestClient, settings: Settings, headers: dict[str, dict[str, str]]) -> None:
    letter_id = suggested_letter(settings, sample_text("don_khieu_nai.txt"))
    decision = {"loai_don": "khieu_nai", "tham_quyen": "ubnd_tinh", "xu_ly": "thu_ly",
                "linh_vuc": "dat_dai"}
    barrier = threading.Barrier(2)
    statuses: list[int] = []

    def confirm(role: str) -> None:
        barrier.wait()
        response = client.post(f"/api/letters/{letter_id}/review", headers=headers[role],
                               json={"version": 1, "decision": decision})
        statuses.append(response.status_code)

    threads = [threading.Thread(target=confirm, args=(r,)) for r in ("officer", "supervisor")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 409]
    with session_scope(settings) as session:
        assert session.scalar(select(func.count()).select_from(CaseRecord)) == 1


def test_the_audit_log_refuses_updates_and_deletes(client: TestClient, settings: Settings,
                                                   headers: dict[str, dict[str, str]]) -> None:
    for statement in ("UPDATE audit_events SET action = 'x'", "DELETE FROM audit_events"):
        with pytest.raises(DBAPIError, match="append-only"), session_scope(settings) as s:
            s.execute(text(statement))


def test_a_letter_that_keeps_killing_its_worker_is_failed_with_a_reason(
        settings: Settings) -> None:
    letter_id = add_read_letter(settings, sample_text("don_khieu_nai.txt"))
    with session_scope(settings) as session:
        for worker in ("w1", "w2", "w3"):
            assert claim_next(session, worker, 30) == letter_id
            session.execute(update(Letter).values(lease_expires_at=utcnow()
                                                  - timedelta(seconds=1)))
            session.commit()
        assert claim_next(session, "w4", 30) is None  # three workers died on it
        assert requeue_stale(session) == []
        letter = session.get(Letter, letter_id, populate_existing=True)
        assert letter is not None and letter.status == "failed"
        assert letter.error is not None and "gián đoạn 3 lần" in letter.error
