"""The quarterly figures a reception board publishes, for any period."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from classifier.labels import LOAI_DON, THAM_QUYEN, XU_LY
from service.models import CONFIRMED, CaseRecord, Letter, Suggestion

WITHIN = ("thu_ly",)  # accepted: within the office's jurisdiction
OUTSIDE = ("huong_dan", "chuyen_don", "don_doc")  # guided, forwarded, urged (TT 05/2021)


def period_stats(session: Session, date_from: date, date_to: date, *, today: date
                 ) -> dict[str, Any]:
    """Counts over the case records confirmed in the period plus the letters received in it."""
    in_period = CaseRecord.ngay_xac_nhan.between(date_from, date_to)

    def by(column: Any, keys: tuple[str, ...]) -> dict[str, int]:
        counts = dict.fromkeys(keys, 0)
        rows = session.execute(select(column, func.count()).where(in_period).group_by(column))
        for key, count in rows:
            counts[key] = count
        return counts

    by_xu_ly = by(CaseRecord.xu_ly, XU_LY)
    received = session.scalar(select(func.count()).select_from(Letter).where(
        Letter.ngay_nhan.between(date_from, date_to))) or 0
    collective = session.scalar(select(func.count()).select_from(CaseRecord).where(
        in_period, CaseRecord.tap_the.is_(True))) or 0
    late_cases = session.scalar(select(func.count()).select_from(CaseRecord).where(
        in_period, CaseRecord.han_xu_ly < CaseRecord.ngay_xac_nhan)) or 0
    late_letters = session.scalar(select(func.count()).select_from(Letter).join(Suggestion).where(
        Letter.ngay_nhan.between(date_from, date_to), Letter.status != CONFIRMED,
        Suggestion.deadline < today)) or 0
    return {
        "from": date_from.isoformat(), "to": date_to.isoformat(),
        "received": received,
        "confirmed": sum(by_xu_ly.values()),
        "by_loai_don": by(CaseRecord.loai_don, LOAI_DON),
        "by_tham_quyen": by(CaseRecord.tham_quyen, THAM_QUYEN),
        "within_jurisdiction": sum(by_xu_ly.get(k, 0) for k in WITHIN),
        "outside_jurisdiction": sum(by_xu_ly.get(k, 0) for k in OUTSIDE),
        "by_xu_ly": by_xu_ly,
        "collective": collective,
        "overdue": late_cases + late_letters,
    }
