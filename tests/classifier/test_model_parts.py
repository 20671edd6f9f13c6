"""The model's parts that decide what officers see: the abstain threshold and the request views."""

from __future__ import annotations

import numpy as np

from classifier.features import closing_view, request_view
from classifier.model import choose_threshold
from classifier.normalize import strip_diacritics


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


def test_request_view_keeps_each_request_sentence_from_its_request_word_on() -> None:
    letter = ("ĐƠN PHẢN ÁNH\nKính gửi: Chủ tịch UBND xã Tân An\n"
              "Ông Trần Văn Bốn, cán bộ địa chính, đã nhận 20 triệu đồng của nhà tôi. "
              "Gia đình tôi sống ở đây đã lâu. "
              "Vì vậy tôi đề nghị làm rõ và xử lý nghiêm ông Bốn theo pháp luật. Xin cảm ơn.")
    view = request_view(letter)
    assert "de nghi lam ro va xu ly nghiem ong bon" in view
    assert "phan anh" in view  # the title is a request word too: the model weighs it
    assert "gia dinh toi song" not in view and "tran van bon can bo" not in view
    assert view == request_view(strip_diacritics(letter))  # typed without accents: same view


def test_request_view_ignores_letters_without_a_request_word() -> None:
    assert request_view("Nhà tôi ở thôn Đông. Đường bị ngập sâu.") == ""
