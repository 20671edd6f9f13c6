"""Which body has jurisdiction and what the receiving office does with the letter."""

from __future__ import annotations

from dataclasses import dataclass

from classifier.config import OfficeConfig
from classifier.labels import THAM_QUYEN_VI, XU_LY_VI
from classifier.model import HeadResult
from classifier.suggestion import Fields


@dataclass(frozen=True)
class Routing:
    tham_quyen: str
    co_quan: str | None
    xu_ly: str
    confidence_tham_quyen: float
    confidence_xu_ly: float
    reasons: tuple[str, ...]


def route(heads: dict[str, HeadResult], fields: Fields, office: OfficeConfig) -> Routing:
    """Combine the trained heads with what the fields show."""
    tham_quyen = heads["tham_quyen"]
    xu_ly = heads["xu_ly"]
    reasons = (
        f"Thẩm quyền đề xuất: {THAM_QUYEN_VI[tham_quyen.label]} "
        f"(mô hình, độ tin cậy {tham_quyen.confidence:.0%})",
        f"Hướng xử lý: {XU_LY_VI[xu_ly.label]} (TT 05/2021/TT-TTCP)",
    )
    return Routing(
        tham_quyen=tham_quyen.label, co_quan=None, xu_ly=xu_ly.label,
        confidence_tham_quyen=tham_quyen.confidence, confidence_xu_ly=xu_ly.confidence,
        reasons=reasons,
    )
