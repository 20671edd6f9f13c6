"""An officer types the text of a page OCR could not read; the letter is classified again."""

from __future__ import annotations

import unicodedata

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from service import audit
from service.errors import ConflictError, NotFoundError
from service.models import SUGGESTED, Letter, Page, User
from service.processing import classify_letter
from service.settings import Settings
from service.tasks import save_suggestion


def transcribe_page(session: Session, letter_id: int, number: int, *, text: str, version: int,
                    user: User, settings: Settings) -> None:
    page = session.scalar(select(Page).where(Page.letter_id == letter_id, Page.number == number))
    if page is None:
        raise NotFoundError(f"Đơn số {letter_id} không có trang {number}")
    result = session.execute(
        update(Letter).where(Letter.id == letter_id, Letter.version == version,
                             Letter.status == SUGGESTED)
        .values(version=Letter.version + 1).execution_options(synchronize_session=False))
    letter = session.get(Letter, letter_id, populate_existing=True)
    assert letter is not None
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise ConflictError("Đơn đã thay đổi hoặc không còn chờ duyệt; hãy tải lại",
                            current_version=letter.version)
    page.text = unicodedata.normalize("NFC", text.replace("\x00", "")).strip()
    page.confidence = 1.0
    page.needs_transcription = False
    page.transcribed_by = user.id
    session.flush()
    pages = list(session.scalars(select(Page).where(Page.letter_id == letter_id)
                                 .order_by(Page.number)))
    full_text = "\n\n".join(p.text for p in pages if p.text)
    weights = [max(len(p.text), 1) for p in pages]
    confidence = sum(p.confidence * w for p, w in zip(pages, weights, strict=True)) / sum(weights)
    suggestion = classify_letter(
        full_text, settings, ngay_nhan=letter.ngay_nhan, ocr_confidence=confidence,
        needs_transcription=any(p.needs_transcription for p in pages) or not full_text.strip())
    save_suggestion(session, letter_id, suggestion.to_dict())
    audit.record(session, "page_transcribed", user=user, letter_id=letter_id, page=number)
