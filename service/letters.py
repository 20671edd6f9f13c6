"""Letters: uploads stored first (by content hash), then the clerk's and officer's views of them."""

from __future__ import annotations

import hashlib
import os
import tempfile
from datetime import date
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

import ocr
from ocr.ingest import sniff_kind
from service import audit
from service.errors import ConflictError, NotFoundError, UnsupportedUploadError
from service.models import FAILED, RECEIVED, STATUSES, Letter, StoredFile, User
from service.settings import Settings, get_settings

MAX_FILENAME = 255


def store_upload(session: Session, data: bytes, filename: str, ngay_nhan: date | None,
                 user: User | None, *, settings: Settings | None = None
                 ) -> tuple[list[int], bool]:
    """Store the original under <data_dir>/originals/ by sha256, then its rows.

    Returns the ids of the file's letters and whether the same content was already known
    (then nothing new is stored and no new letter is made).
    """
    settings = settings or get_settings()
    sha256 = hashlib.sha256(data).hexdigest()
    existing = _file_by_hash(session, sha256)
    if existing is not None:
        return [letter.id for letter in existing.letters], True
    path, kind = _write_original(data, sha256, settings)
    stored = StoredFile(sha256=sha256, filename=_clean_filename(filename), kind=kind,
                        size=len(data), uploaded_by=user.id if user else None)
    try:
        with session.begin_nested():
            session.add(stored)
            session.flush()
    except IntegrityError:  # the same file uploaded concurrently: the other upload won
        existing = _file_by_hash(session, sha256)
        if existing is None:
            raise
        return [letter.id for letter in existing.letters], True
    letter = Letter(file_id=stored.id, status=RECEIVED, ngay_nhan=ngay_nhan or date.today())
    session.add(letter)
    session.flush()
    audit.record(session, "letter_uploaded", user=user, letter_id=letter.id,
                 sha256=sha256, filename=stored.filename, size=len(data), path=path.name)
    return [letter.id], False


def original_path(stored: StoredFile, settings: Settings) -> Path:
    return settings.originals_dir() / f"{stored.sha256}.{stored.kind}"


def _file_by_hash(session: Session, sha256: str) -> StoredFile | None:
    return session.scalar(select(StoredFile).where(StoredFile.sha256 == sha256)
                          .options(selectinload(StoredFile.letters)))


def _write_original(data: bytes, sha256: str, settings: Settings) -> tuple[Path, str]:
    """Write the bytes unchanged (atomically) and return the path and the sniffed type."""
    directory = settings.originals_dir()
    directory.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=directory, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        try:
            kind = sniff_kind(Path(temporary))
        except ocr.OcrError as e:
            raise UnsupportedUploadError(
                "Tệp không phải PDF, TIFF, JPEG hoặc PNG (hoặc rỗng); hãy quét lại và lưu "
                "ở một trong các định dạng này") from e
        path = directory / f"{sha256}.{kind}"
        os.replace(temporary, path)
        return path, kind
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _clean_filename(filename: str) -> str:
    name = Path((filename or "").replace("\x00", "")).name.strip() or "scan"
    return name[-MAX_FILENAME:]


def get_letter(session: Session, letter_id: int) -> Letter:
    letter = session.scalar(select(Letter).where(Letter.id == letter_id).options(
        selectinload(Letter.pages), selectinload(Letter.suggestion),
        selectinload(Letter.identity), selectinload(Letter.case), selectinload(Letter.file)))
    if letter is None:
        raise NotFoundError(f"Không tìm thấy đơn số {letter_id}")
    return letter


def list_letters(session: Session, *, status: str | None, limit: int, offset: int
                 ) -> tuple[list[Letter], int]:
    """The clerk's progress list, newest first."""
    query = select(Letter)
    if status:
        query = query.where(Letter.status == status)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    letters = session.scalars(query.options(selectinload(Letter.file))
                              .order_by(Letter.created_at.desc(), Letter.id.desc())
                              .limit(limit).offset(offset)).all()
    return list(letters), total


def status_counts(session: Session) -> dict[str, int]:
    """How many letters are in each state (every state present)."""
    counts = dict.fromkeys(STATUSES, 0)
    for status, count in session.execute(select(Letter.status, func.count())
                                         .group_by(Letter.status)):
        counts[status] = count
    return counts


def retry(session: Session, letter_id: int, user: User) -> Letter:
    """Put a failed letter back in the queue (its original was kept)."""
    result = session.execute(
        update(Letter).where(Letter.id == letter_id, Letter.status == FAILED)
        .values(status=RECEIVED, error=None, attempts=0, lease_owner=None,
                lease_expires_at=None, version=Letter.version + 1))
    letter = get_letter(session, letter_id)
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise ConflictError(f"Đơn số {letter_id} không ở trạng thái lỗi nên không thể xử lý lại",
                            current_version=letter.version)
    audit.record(session, "letter_retried", user=user, letter_id=letter_id)
    session.refresh(letter)
    return letter
