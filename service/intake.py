"""Backlog scans into the database (review queue), and the queries batch and Celery need.

The database is the truth: a scan is stored once (by sha256), a letter is processed by the
task function that claims it, and what still needs doing is read from letter states, never
from what a broker or a previous run remembers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import or_, select, update

from service.db import session_scope
from service.letters import store_upload
from service.models import PENDING, Letter, utcnow
from service.settings import Settings
from service.tasks import process_letter


def store_scan(path: Path, name: str, settings: Settings, *, ngay_nhan: date | None = None
               ) -> tuple[list[int], bool]:
    """Store the original and its letter row; (letter ids, whether it was known already)."""
    data = path.read_bytes()
    with session_scope(settings) as session:
        return store_upload(session, data, Path(name).name, ngay_nhan, None, settings=settings)


@dataclass(frozen=True)
class LetterState:
    id: int
    status: str
    error: str | None
    last_page: int | None


def process_stored(letter_ids: list[int], settings: Settings, *, worker: str
                   ) -> list[LetterState]:
    """Run the task function on each letter, then on the further letters a stack turned out
    to hold (made while reading the first); every letter of the file as it ends."""
    for letter_id in letter_ids:
        process_letter(letter_id, settings, worker=worker)
    for letter in letters_of_files(letter_ids, settings):
        if letter.status in PENDING and letter.id not in letter_ids:
            process_letter(letter.id, settings, worker=worker)
    return letters_of_files(letter_ids, settings)


def letters_of_files(letter_ids: list[int], settings: Settings) -> list[LetterState]:
    """Every letter of the files these letters came from."""
    with session_scope(settings) as session:
        files = select(Letter.file_id).where(Letter.id.in_(letter_ids)).scalar_subquery()
        rows = session.execute(select(Letter.id, Letter.status, Letter.error, Letter.last_page)
                               .where(Letter.file_id.in_(files)).order_by(Letter.id))
        return [LetterState(*row) for row in rows]


def unclaimed_pending(settings: Settings, *, limit: int = 1000) -> list[int]:
    """Letters waiting for a worker that no live worker holds (oldest first)."""
    now = utcnow()
    with session_scope(settings) as session:
        return list(session.scalars(
            select(Letter.id).where(Letter.status.in_(PENDING),
                                    or_(Letter.lease_owner.is_(None),
                                        Letter.lease_expires_at < now))
            .order_by(Letter.id).limit(limit)))


def release_leases(owners: list[str], settings: Settings) -> int:
    """Give back the letters these (stopped) workers held, so a rerun need not wait for the
    leases to expire; their finished steps are kept."""
    if not owners:
        return 0
    with session_scope(settings) as session:
        result = session.execute(
            update(Letter).where(Letter.lease_owner.in_(owners), Letter.status.in_(PENDING))
            .values(lease_owner=None, lease_expires_at=None)
            .execution_options(synchronize_session=False))
        return int(result.rowcount)  # type: ignore[attr-defined]
