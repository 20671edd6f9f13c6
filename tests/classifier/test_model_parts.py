"""The model's parts that decide what officers see: the abstain threshold and the closing view."""

from __future__ import annotations

import numpy as np

from classifier.features import closing_view
from classifier.model import choose_threshold


def _outcomes(confidences: list[float], correct: list[bool]) -> np.ndarray:
    return np.column_stack([confidences, correct]).astype(float)


def test_threshold_needs_evidence_not_just_a_lucky_streak() -> None:
    # Ten confident letters all right is not yet proof of 99% accuracy: abstain on everything
    # below the most confident letter rather than trust them.
    few = _outcomes([0.99 - i / 100 for i in range(10)], [True] * 10)
    assert choose_threshold(few, 0.99) == few[0, 0]


def test_threshold_stops_before_the_errors() -> None:
    confidences = [1.0 - i / 2000 for i in range(1000)]
    correct = [True] * 800 + [False, True] * 100  # errors start at rank 800
    threshold = choose_threshold(_outcomes(confidences, correct), 0.99)
    assert confidences[799] >= threshold > confidences[830]
    assert threshold >= confidences[800] - 0.02


def test_closing_view_keeps_the_request_and_drops_the_title() -> None:
    letter = "ĐƠN KHIẾU NẠI\n" + "nội dung " * 60 + "Nay tôi đề nghị kiểm tra, xử lý vi phạm."
    view = closing_view(letter)
    assert "de nghi kiem tra" in view
    assert "khieu nai" not in view
