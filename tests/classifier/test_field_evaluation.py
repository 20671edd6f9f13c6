"""The field figures count exact matches per letter, IDs and phones as sets."""

from __future__ import annotations

from typing import Any

from classifier.corpus import Record
from classifier.field_evaluation import evaluate_fields


def _labels(**overrides: Any) -> dict[str, Any]:
    labels: dict[str, Any] = {
        "nguoi_viet": "Lê Văn A", "ngay_viet": "2026-03-12", "tinh": "Cần Thơ",
        "cccd": ["094069318527", "094069318528"], "dien_thoai": ["0915338740"],
        "so_nguoi_ky": 1, "tham_quyen": "ubnd_xa", "xu_ly": "huong_dan",
        "loai_don": "khieu_nai", "lan_khieu_nai": 1,
    }
    labels.update(overrides)
    return labels


def test_exact_match_per_field_and_misses() -> None:
    records = [Record("a", "…", _labels()), Record("b", "…", _labels(tinh="Sóc Trăng"))]
    predictions = {
        "a": _labels(cccd=["094069318528", "094069318527"]),  # another order: still a match
        "b": _labels(tinh="Cần Thơ", so_nguoi_ky=2),
    }
    scores = {s.name: s for s in evaluate_fields(
        records, lambda r: predictions[r.id],
        checks=["tinh", "cccd", "so_nguoi_ky", "tham_quyen", "lan_khieu_nai"])}
    assert scores["cccd"].accuracy == 1.0
    assert scores["tinh"].accuracy == 0.5 and scores["tinh"].misses == [("b", "Sóc Trăng",
                                                                          "Cần Thơ")]
    assert scores["so_nguoi_ky"].met is False and scores["so_nguoi_ky"].target == 0.90
    assert scores["tham_quyen"].met is True
    assert scores["lan_khieu_nai"].target is None and scores["lan_khieu_nai"].met is None
