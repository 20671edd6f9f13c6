"""The register of case records: lists, one case, the CSV export (identities masked)."""

from __future__ import annotations

import csv
import io
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from service.errors import NotFoundError
from service.models import CaseRecord, Letter
from service.views import case_view

CSV_COLUMNS = ("so_tiep_nhan", "ngay_nhan", "ngay_xac_nhan", "nguoi_viet", "tinh", "tom_tat",
               "loai_don", "linh_vuc", "tham_quyen", "co_quan", "xu_ly", "han_xu_ly", "tap_the",
               "status", "confirmed_by", "letter_id")
_LOAD = (selectinload(CaseRecord.letter).selectinload(Letter.identity),
         selectinload(CaseRecord.letter).selectinload(Letter.case),
         selectinload(CaseRecord.letter).selectinload(Letter.suggestion),
         selectinload(CaseRecord.confirmer))


def list_cases(session: Session, *, loai_don: str | None, date_from: date | None,
               date_to: date | None, limit: int | None, offset: int = 0
               ) -> tuple[list[CaseRecord], int]:
    """Case records confirmed in the period, newest first."""
    query = select(CaseRecord)
    if loai_don:
        query = query.where(CaseRecord.loai_don == loai_don)
    if date_from:
        query = query.where(CaseRecord.ngay_xac_nhan >= date_from)
    if date_to:
        query = query.where(CaseRecord.ngay_xac_nhan <= date_to)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    cases = session.scalars(query.options(*_LOAD).order_by(CaseRecord.id.desc())
                            .limit(limit).offset(offset)).all()
    return list(cases), total


def get_case(session: Session, case_id: int) -> CaseRecord:
    case = session.scalar(select(CaseRecord).where(CaseRecord.id == case_id).options(*_LOAD))
    if case is None:
        raise NotFoundError(f"Không tìm thấy hồ sơ số {case_id}")
    return case


def cases_csv(cases: list[CaseRecord]) -> str:
    """UTF-8 CSV with a BOM (so that Excel reads the Vietnamese); denouncers always masked."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore",
                            lineterminator="\r\n")
    writer.writeheader()
    for case in cases:
        row = case_view(case, entitled=False)
        row["tap_the"] = "có" if row["tap_the"] else "không"
        writer.writerow(row)
    return out.getvalue()
