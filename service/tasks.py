"""The task functions every queue runs (local pool, Celery): the database decides what is done.

A worker claims a letter with a lease; every write that follows is guarded by that lease, so a
worker that died (or was too slow and lost its lease) can never store a second result.
A letter is read (OCR, stack split, pages stored → `read`) and then classified (suggestion
stored → `suggested`) in two transactions: a crash between them resumes at classification.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

from sqlalchemy import case, or_, select, update
from sqlalchemy.exc import InterfaceError as DBInterfaceError
from sqlalchemy.exc import OperationalError as DBOperationalError
from sqlalchemy.orm import Session

import classifier
import ocr
from service import audit
from service.db import session_scope
from service.failure_reasons import failure_reason
from service.identity import split_identity, store_identity
from service.known_letters import KnownLetters, known_letters
from service.letters import original_path
from service.models import (
    FAILED,
    PENDING,
    READ,
    RECEIVED,
    SUGGESTED,
    Identity,
    Letter,
    Page,
    StoredFile,
    Suggestion,
    utcnow,
)
from service.processing import classify_letter, read_file
from service.settings import Settings

log = logging.getLogger(__name__)


# A letter whose worker died this many times (e.g. killed for memory on a huge scan) is failed
# with a reason instead of killing the next worker too; "retry" resets the count.
MAX_ATTEMPTS = 3


def _claimable(now: Any, worker: str) -> Any:
    return (Letter.status.in_(PENDING)
            & or_(Letter.lease_owner == worker,
                  (Letter.attempts < MAX_ATTEMPTS)
                  & or_(Letter.lease_owner.is_(None), Letter.lease_expires_at < now)))


def claim_next(session: Session, worker: str, lease_seconds: float) -> int | None:
    """Claim the oldest pending letter for worker (commits); None when nothing is pending.

    PostgreSQL skips rows other workers are claiming (FOR UPDATE SKIP LOCKED); on SQLite, where
    writers are serialised, the guarded UPDATE alone decides.
    """
    now = utcnow()
    candidates = session.scalars(
        select(Letter.id).where(_claimable(now, worker)).order_by(Letter.id).limit(8)
        .with_for_update(skip_locked=True)).all()
    for letter_id in candidates:
        if _claim(session, letter_id, worker, lease_seconds):
            session.commit()
            return letter_id
    session.commit()
    return None


def _claim(session: Session, letter_id: int, worker: str, lease_seconds: float) -> bool:
    now = utcnow()
    result = session.execute(
        update(Letter).where(Letter.id == letter_id, _claimable(now, worker))
        .values(lease_owner=worker, lease_expires_at=now + timedelta(seconds=lease_seconds),
                # renewing one's own claim (pool: claim_next, then process_letter) is no attempt
                attempts=Letter.attempts + case((Letter.lease_owner == worker, 0), else_=1))
        .execution_options(synchronize_session=False))
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


def requeue_stale(session: Session, older_than_seconds: float = 0.0) -> list[int]:
    """Release the leases that expired more than older_than_seconds ago (commits).

    The letters stay `received` or `read` (a read letter is not read again) and are claimable;
    one that has used up its attempts is failed with the reason instead.
    """
    cutoff = utcnow() - timedelta(seconds=older_than_seconds)
    stale = list(session.execute(
        select(Letter.id, Letter.attempts).where(
            Letter.status.in_(PENDING), Letter.lease_owner.is_not(None),
            Letter.lease_expires_at < cutoff)
        .with_for_update(skip_locked=True)).all())
    released = []
    for letter_id, attempts in stale:
        values: dict[str, Any] = {"lease_owner": None, "lease_expires_at": None}
        if attempts >= MAX_ATTEMPTS:
            values.update(status=FAILED, error=f"Xử lý bị gián đoạn {attempts} lần (máy xử lý "
                          "dừng giữa chừng); kiểm tra tệp gốc rồi bấm xử lý lại")
        session.execute(update(Letter).where(Letter.id == letter_id).values(**values)
                        .execution_options(synchronize_session=False))
        audit.record(session, "letter_failed" if "status" in values else "lease_expired",
                     letter_id=letter_id, attempts=attempts)
        if "status" not in values:
            released.append(letter_id)
    session.commit()
    return released


def process_letter(letter_id: int, settings: Settings, *, worker: str) -> bool:
    """Read and classify one letter if it can be claimed; False when it was not claimed.

    Idempotent and safe to run concurrently: a letter already suggested, confirmed, failed or
    leased by another worker is left alone. Raises when the database is unreachable.
    """
    with session_scope(settings) as session:
        if not _claim(session, letter_id, worker, settings.lease_seconds):
            return False
    with _lease_kept(letter_id, worker, settings):
        try:
            status = _status(letter_id, settings)
            if status == RECEIVED:
                status = _read(letter_id, settings, worker)
            if status == READ:
                _classify(letter_id, settings, worker)
        except (ocr.OcrError, classifier.ClassifierError, OSError) as e:
            _fail(letter_id, worker, settings, failure_reason(e))
        except (DBOperationalError, DBInterfaceError):
            raise  # the database away is not the letter's fault: retried, or the lease expires
        except Exception as e:  # a bug must not leave the letter leased until it expires
            log.exception("letter %s: unexpected error", letter_id)
            _fail(letter_id, worker, settings, f"Lỗi hệ thống khi xử lý: {type(e).__name__}: {e}")
    return True


def _status(letter_id: int, settings: Settings) -> str | None:
    with session_scope(settings) as session:
        return session.scalar(select(Letter.status).where(Letter.id == letter_id))


def _guard(session: Session, letter_id: int, worker: str, status: str) -> Letter | None:
    """The letter, locked, if worker still holds its lease in the given status."""
    return session.scalar(select(Letter).where(
        Letter.id == letter_id, Letter.lease_owner == worker, Letter.status == status)
        .with_for_update())


def _read(letter_id: int, settings: Settings, worker: str) -> str | None:
    """OCR the letter's file; store its pages and any further letters of a stack."""
    with session_scope(settings) as session:
        letter = session.get(Letter, letter_id)
        assert letter is not None
        stored = session.get(StoredFile, letter.file_id)
        assert stored is not None
        path = original_path(stored, settings)
    document = read_file(path, settings)  # slow: outside any transaction
    with session_scope(settings) as session:
        letter = _guard(session, letter_id, worker, RECEIVED)
        if letter is None:
            return None  # the lease was lost: another worker owns the letter now
        stored = session.get(StoredFile, letter.file_id)
        assert stored is not None
        stored.pages_count = len(document.pages)
        for index, part in enumerate(document.letters or (ocr.Letter(pages=document.pages),)):
            target = letter if index == 0 else Letter(
                file_id=letter.file_id, ngay_nhan=letter.ngay_nhan, status=READ)
            target.first_page, target.last_page = part.first_page, part.last_page
            target.ocr_confidence = round(part.confidence / 100.0, 3)
            target.status = READ
            session.add(target)
            session.flush()
            for number, page in enumerate(part.pages, 1):
                session.add(Page(letter_id=target.id, number=number, source_page=page.number,
                                 text=page.text, confidence=round(page.confidence / 100.0, 3),
                                 needs_transcription=page.needs_transcription))
            audit.record(session, "letter_read", letter_id=target.id, worker=worker,
                         pages=len(part.pages), first_page=part.first_page)
        return READ


def _classify(letter_id: int, settings: Settings, worker: str) -> None:
    with session_scope(settings) as session:
        letter = session.get(Letter, letter_id)
        assert letter is not None
        pages = list(session.scalars(select(Page).where(Page.letter_id == letter_id)
                                     .order_by(Page.number)))
        ngay_nhan = letter.ngay_nhan
        ocr_confidence = letter.ocr_confidence
    text = "\n\n".join(p.text for p in pages if p.text)
    needs = any(p.needs_transcription for p in pages) or not text.strip()
    known = known_letters_of(settings)
    with session_scope(settings) as session:
        known.refresh(session)
    with known.locked() as index:  # no transaction open: classifying takes a while
        suggestion = classify_letter(text, settings, ngay_nhan=ngay_nhan,
                                     ocr_confidence=ocr_confidence, needs_transcription=needs,
                                     known_letters=index, letter_id=str(letter_id))
    with session_scope(settings) as session:
        letter = _guard(session, letter_id, worker, READ)
        if letter is None:
            return
        save_suggestion(session, letter_id, suggestion.to_dict())
        letter.status = SUGGESTED
        letter.lease_owner = None
        letter.lease_expires_at = None
        letter.error = None
        audit.record(session, "letter_suggested", letter_id=letter_id, worker=worker,
                     model_version=suggestion.model_version)


def known_letters_of(settings: Settings) -> KnownLetters:
    return known_letters(f"{settings.effective_database_url()}#{settings.database_schema}")


def save_suggestion(session: Session, letter_id: int, data: dict[str, Any]) -> Suggestion:
    """Store (or replace) a letter's suggestion; the writer's identity goes to `identities`."""
    working, identity_values = split_identity(data["fields"])
    data = {**data, "fields": working}
    suggestion = session.scalar(select(Suggestion).where(Suggestion.letter_id == letter_id))
    if suggestion is None:
        suggestion = Suggestion(letter_id=letter_id)
        session.add(suggestion)
    deadline = data.get("deadlines", {}).get("xu_ly_don")
    suggestion.model_version = data.get("model_version") or ""
    suggestion.loai_don = data["loai_don"]
    suggestion.tham_quyen = data["tham_quyen"]
    suggestion.xu_ly = data["xu_ly"]
    suggestion.linh_vuc = data["linh_vuc"]
    suggestion.confidence = float(data["confidence"]["loai_don"])
    suggestion.abstain = bool(data["abstain"])
    suggestion.deadline = _iso_date(deadline)
    suggestion.data = data
    identity = session.get(Identity, letter_id)
    if identity is None:
        identity = Identity(letter_id=letter_id)
        session.add(identity)
    store_identity(identity, identity_values)
    session.flush()
    return suggestion


def _iso_date(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else None


def _fail(letter_id: int, worker: str, settings: Settings, reason: str) -> None:
    with session_scope(settings) as session:
        result = session.execute(
            update(Letter).where(Letter.id == letter_id, Letter.lease_owner == worker,
                                 Letter.status.in_(PENDING))
            .values(status=FAILED, error=reason, lease_owner=None, lease_expires_at=None)
            .execution_options(synchronize_session=False))
        if result.rowcount == 1:  # type: ignore[attr-defined]
            audit.record(session, "letter_failed", letter_id=letter_id, worker=worker,
                         reason=reason)


@contextmanager
def _lease_kept(letter_id: int, worker: str, settings: Settings) -> Iterator[None]:
    """Renew the lease while the work runs, so a slow letter is not taken over."""
    done = threading.Event()
    interval = max(settings.lease_seconds / 3.0, 0.2)

    def renew() -> None:
        while not done.wait(interval):
            try:
                with session_scope(settings) as session:
                    session.execute(
                        update(Letter).where(Letter.id == letter_id, Letter.lease_owner == worker,
                                             Letter.status.in_(PENDING))
                        .values(lease_expires_at=utcnow()
                                + timedelta(seconds=settings.lease_seconds))
                        .execution_options(synchronize_session=False))
            except Exception:  # a missed renewal only risks a takeover, which is safe
                log.warning("letter %s: lease renewal failed", letter_id, exc_info=True)

    thread = threading.Thread(target=renew, name=f"lease-{letter_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()
