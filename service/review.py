"""The review queue, and the officer's confirmation that turns a letter into a case record.

Optimistic locking: a confirmation names the version it read; the guarded UPDATE on
(id, version, status) lets exactly one of two concurrent confirmations through.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased, selectinload

from service import audit
from service.errors import ConflictError, NotFoundError
from service.identity import (
    IDENTITY_KEYS,
    PROTECTED_LOAI_DON,
    identity_dict,
    mask_text,
    store_identity,
)
from service.models import (
    CONFIRMED,
    SUGGESTED,
    CaseRecord,
    Identity,
    Letter,
    Page,
    ReceiptCounter,
    Review,
    Suggestion,
    User,
)
from service.schemas import Decision
from service.views import OPENING_CHARS, QueueRow, summary

DECISION_KEYS = ("loai_don", "tham_quyen", "xu_ly", "linh_vuc", "co_quan")
# A case that is accepted stays open until settled; any other outcome ends the office's handling.
CASE_STATUS = {"thu_ly": "dang_giai_quyet"}
CASE_STATUS_DEFAULT = "da_xu_ly"


def review_queue(session: Session, *, loai_don: str | None, tham_quyen: str | None,
                 status: str, overdue: bool | None, limit: int, offset: int, today: date
                 ) -> tuple[list[QueueRow], int]:
    """Letters with a suggestion, by legal deadline (none last), then lowest confidence."""
    conditions = [Letter.status == status]
    if loai_don:
        conditions.append(Suggestion.loai_don == loai_don)
    if tham_quyen:
        conditions.append(Suggestion.tham_quyen == tham_quyen)
    if overdue is True:
        conditions.append(Suggestion.deadline < today)
    elif overdue is False:
        conditions.append((Suggestion.deadline >= today) | Suggestion.deadline.is_(None))
    total = session.scalar(select(func.count()).select_from(Letter).join(Suggestion)
                           .where(*conditions)) or 0
    first_page = aliased(Page)
    rows = session.execute(
        select(Letter, Suggestion, Identity, CaseRecord.loai_don,
               func.substr(first_page.text, 1, OPENING_CHARS))
        .join(Suggestion, Suggestion.letter_id == Letter.id)
        .outerjoin(Identity, Identity.letter_id == Letter.id)
        .outerjoin(CaseRecord, CaseRecord.letter_id == Letter.id)
        .outerjoin(first_page, (first_page.letter_id == Letter.id) & (first_page.number == 1))
        .where(*conditions)
        .order_by(Suggestion.deadline.asc().nulls_last(), Suggestion.confidence.asc(),
                  Letter.id.asc())
        .limit(limit).offset(offset)).all()
    return [QueueRow(letter, suggestion, identity, case_loai_don, opening or "")
            for letter, suggestion, identity, case_loai_don, opening in rows], total


def confirm(session: Session, letter_id: int, *, version: int, decision: Decision, user: User,
            today: date) -> CaseRecord:
    """Confirm (or correct and confirm) a suggested letter into a case record."""
    result = session.execute(
        update(Letter).where(Letter.id == letter_id, Letter.version == version,
                             Letter.status == SUGGESTED)
        .values(status=CONFIRMED, version=Letter.version + 1)
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:  # type: ignore[attr-defined]
        _refuse(session, letter_id)
    letter = session.scalar(select(Letter).where(Letter.id == letter_id).options(
        selectinload(Letter.pages), selectinload(Letter.suggestion),
        selectinload(Letter.identity)).execution_options(populate_existing=True))
    assert letter is not None and letter.suggestion is not None
    suggestion = letter.suggestion
    corrections = decision.fields.corrections()
    final_fields, identity, identity_changes = _apply_fields(session, letter, corrections)
    changes = _changes(suggestion, decision, corrections, identity_changes)
    case = CaseRecord(
        letter_id=letter.id, so_tiep_nhan=_next_receipt(session, today.year),
        ngay_nhan=letter.ngay_nhan, ngay_xac_nhan=today, tinh=final_fields.get("tinh"),
        tom_tat=_tom_tat(letter, decision, identity), loai_don=decision.loai_don,
        linh_vuc=decision.linh_vuc, tham_quyen=decision.tham_quyen,
        co_quan=decision.co_quan if decision.co_quan is not None else suggestion.data.get(
            "co_quan"),
        xu_ly=decision.xu_ly, han_xu_ly=suggestion.deadline,
        tap_the=int(final_fields.get("so_nguoi_ky") or 1) > 1,
        status=CASE_STATUS.get(decision.xu_ly, CASE_STATUS_DEFAULT), confirmed_by=user.id)
    try:
        with session.begin_nested():
            session.add(case)
            session.flush()
    except IntegrityError as e:  # a second case for the letter: the unique key's backstop
        raise ConflictError("Đơn này đã được xác nhận thành hồ sơ",
                            current_version=letter.version) from e
    session.add(Review(letter_id=letter.id, user_id=user.id, version=version,
                       decision=_without_identity(decision), changes=changes))
    audit.record(session, "letter_confirmed", user=user, letter_id=letter.id, case_id=case.id,
                 so_tiep_nhan=case.so_tiep_nhan, changed=sorted(changes))
    return case


def _without_identity(decision: Decision) -> dict[str, Any]:
    data = decision.model_dump(mode="json", exclude_unset=True)
    data["fields"] = {k: v for k, v in data.get("fields", {}).items() if k not in IDENTITY_KEYS}
    return data


def _refuse(session: Session, letter_id: int) -> None:
    letter = session.get(Letter, letter_id, populate_existing=True)
    if letter is None:
        raise NotFoundError(f"Không tìm thấy đơn số {letter_id}")
    if letter.status == CONFIRMED:
        message = "Đơn này đã được xác nhận thành hồ sơ"
    elif letter.status != SUGGESTED:
        message = "Đơn chưa có đề xuất để duyệt (đang xử lý hoặc bị lỗi)"
    else:
        message = "Đơn đã được người khác thay đổi; hãy tải lại trước khi xác nhận"
    raise ConflictError(message, current_version=letter.version)


def _apply_fields(session: Session, letter: Letter, corrections: dict[str, Any]
                  ) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """(final fields, final identity, identity changes): corrections applied to the
    suggestion; identity corrections go to `identities`, never into the working record."""
    assert letter.suggestion is not None
    fields = dict(letter.suggestion.data.get("fields", {}))
    identity = letter.identity or Identity(letter_id=letter.id)
    values = identity_dict(letter.identity)
    identity_changes = {k: v for k, v in corrections.items()
                        if k in IDENTITY_KEYS and values.get(k) != v}
    if identity_changes:
        store_identity(identity, {**values, **identity_changes})
        session.add(identity)
    fields.update({k: v for k, v in corrections.items() if k not in IDENTITY_KEYS})
    return fields, {**values, **identity_changes}, identity_changes


def _changes(suggestion: Suggestion, decision: Decision, corrections: dict[str, Any],
             identity_changes: dict[str, Any]) -> dict[str, Any]:
    """What the officer changed: {key: {"from": suggested, "to": decided}}."""
    suggested = suggestion.data
    changes: dict[str, Any] = {}
    for key in DECISION_KEYS:
        chosen = getattr(decision, key)
        if chosen is not None and chosen != suggested.get(key):
            changes[key] = {"from": suggested.get(key), "to": chosen}
    fields = suggested.get("fields", {})
    for key, value in corrections.items():
        if key in IDENTITY_KEYS:
            if key in identity_changes:
                changes[f"fields.{key}"] = {"changed": True}  # never copy an identity here
        elif fields.get(key) != value:
            changes[f"fields.{key}"] = {"from": fields.get(key), "to": value}
    return changes


def _tom_tat(letter: Letter, decision: Decision, identity: dict[str, Any]) -> str:
    """The register's summary: the officer's note, else the letter's opening; a denunciation's
    summary never names the denouncer."""
    note = (decision.note or "").strip()
    text = note or summary(letter.text)
    return mask_text(text, identity) if decision.loai_don == PROTECTED_LOAI_DON else text


def _next_receipt(session: Session, year: int) -> str:
    """The next receipt number of the year, e.g. "2026/000123" (the counter row is locked)."""
    for _ in range(3):
        last = session.scalar(update(ReceiptCounter).where(ReceiptCounter.year == year)
                              .values(last=ReceiptCounter.last + 1)
                              .returning(ReceiptCounter.last))
        if last is not None:
            return f"{year}/{last:06d}"
        try:
            with session.begin_nested():
                session.add(ReceiptCounter(year=year, last=1))
            return f"{year}/{1:06d}"
        except IntegrityError:
            continue  # another confirmation created the year's counter first
    raise ConflictError("Không cấp được số tiếp nhận; vui lòng thử lại")
