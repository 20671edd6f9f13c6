"""A denouncer's identity blacked out on a page image, with the real Tesseract."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np

import ocr
from ocr.engine import WordBox
from ocr.redact import find_phrase
from tests.ocr.conftest import Render

SavePng = Callable[[np.ndarray, str], Path]
LETTER = (
    "ĐƠN TỐ CÁO",
    "Kính gửi: Chủ tịch UBND thành phố Cần Thơ",
    "Tôi tên là Trần Thị Mai Hương, sinh năm 1985, CCCD số 092185004321,",
    "trú tại ấp Mỹ Lợi, xã Phong Điền, thành phố Cần Thơ. Điện thoại: 0908 123 456.",
    "Tôi tố cáo ông Phạm Văn Khánh, Chủ tịch UBND xã Phong Điền, đã nhận tiền",
    "của nhiều hộ dân để bỏ qua vi phạm xây dựng trên đất nông nghiệp.",
    "Đề nghị xác minh, xử lý nghiêm và giữ bí mật thông tin người tố cáo.",
    "", "", "", "", "", "", "",
    "Người tố cáo",
    "", "", "",
    "Trần Thị Mai Hương",
)
IDENTITY = ("Trần Thị Mai Hương", "ấp Mỹ Lợi, xã Phong Điền, thành phố Cần Thơ",
            "092185004321", "0908123456")


def _boxes(*words: str) -> list[WordBox]:
    return [WordBox(w, 10 * i, 0, 10 * i + 8, 10, (1, 1, 1), 90.0) for i, w in enumerate(words)]


def test_phrases_are_found_split_misread_and_without_their_neighbours() -> None:
    boxes = _boxes("Điện", "thoại:", "0908", "123", "456.", "Tôi", "là", "Trần", "Thj", "Mai",
                   "Hương,", "sinh")
    assert find_phrase(boxes, "0908123456") == [(2, 4)]  # groups of digits, a full stop
    # "Thj": one letter misread; a neighbouring word may go too, never the name stay
    covered = {i for first, last in find_phrase(boxes, "Trần Thị Mai Hương")
               for i in range(first, last + 1)}
    assert {7, 8, 9, 10} <= covered <= set(range(6, 12))
    assert find_phrase(boxes, "Lê Văn Bảy") == []
    assert find_phrase(boxes, "0908123457") == [(2, 4)]  # one digit misread is still hidden


def test_short_names_are_hidden_whole_and_numbers_glued_to_their_label_are_found() -> None:
    boxes = _boxes("Tôi", "là", "Nguyễn", "Văn", "An,", "CCCD:092185004321,", "SĐT", "0908.123.456")
    assert find_phrase(boxes, "Nguyễn Văn An") == [(2, 3), (2, 4)]  # the exact run is kept
    assert find_phrase(boxes, "Lê Văn Tám") == []
    assert find_phrase(boxes, "092185004321") == [(5, 5)]
    assert find_phrase(boxes, "0908123456") == [(7, 7)]


def _page_with_signature(render_page: Render) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    page = render_page(LETTER, width=2480).copy()
    size = round(12 * 300 / 72)
    name_top = 60 + (len(LETTER) - 1) * round(size * 1.5)
    # A handwritten signature between "Người tố cáo" and the signed name.
    top, bottom, left, right = name_top - 3 * size, name_top - size // 2, 120, 520
    xs = np.linspace(left, right, 40)
    ys = (top + bottom) / 2 + (bottom - top) / 2.5 * np.sin(xs / 23.0)
    cv2.polylines(page, [np.column_stack([xs, ys]).astype(np.int32)], False, 0, 6)
    return page, (left, top, right, bottom)


def test_identity_and_signature_are_blacked_out_and_the_rest_stays_legible(
        render_page: Render, save_png: SavePng) -> None:
    page, signature = _page_with_signature(render_page)
    preview = ocr.render_page(save_png(page, "to_cao.png"), 1, dpi=150)
    redacted = ocr.redact_page(preview, IDENTITY, signers=IDENTITY[:1])
    assert redacted.missing == () and redacted.regions >= 6

    text = ocr.read(save_png(cv2.imdecode(np.frombuffer(redacted.png, np.uint8),
                                          cv2.IMREAD_GRAYSCALE), "redacted.png")).text
    for secret in ("Hương", "092185004321", "Mỹ Lợi", "0908", "456"):
        assert secret not in text, text
    for kept in ("Phạm Văn Khánh", "ĐƠN TỐ CÁO", "Người tố cáo", "nông nghiệp"):
        assert kept in text, text

    image = cv2.imdecode(np.frombuffer(redacted.png, np.uint8), cv2.IMREAD_GRAYSCALE)
    scale = image.shape[0] / page.shape[0]
    left, top, right, bottom = (round(v * scale) for v in signature)
    ink_left = (page[signature[1]:signature[3], signature[0]:signature[2]] < 128).mean()
    assert ink_left > 0.03  # the signature was there
    assert (image[top:bottom, left:right] < 128).mean() > 0.95  # and is now black


def test_a_page_scanned_sideways_is_redacted_and_shown_upright(
        render_page: Render, save_png: SavePng) -> None:
    page, _ = _page_with_signature(render_page)
    sideways = np.ascontiguousarray(np.rot90(page))  # turned a quarter anticlockwise
    preview = ocr.render_page(save_png(sideways, "sideways.png"), 1, dpi=150)
    redacted = ocr.redact_page(preview, IDENTITY, signers=IDENTITY[:1])
    assert redacted.missing == ()
    image = cv2.imdecode(np.frombuffer(redacted.png, np.uint8), cv2.IMREAD_GRAYSCALE)
    assert image.shape[1] > image.shape[0]  # upright again: the letter is wider than tall
    text = ocr.read(save_png(image, "redacted.png")).text
    assert "092185004321" not in text and "Hương" not in text and "Phạm Văn Khánh" in text


def test_a_phrase_the_letter_shows_but_the_image_redaction_misses_is_unsafe(
        render_page: Render, save_png: SavePng) -> None:
    page = render_page(("Kính gửi: Chủ tịch UBND xã Phong Điền", "Tôi tố cáo ông Phạm Văn Khánh."))
    preview = ocr.render_page(save_png(page, "page.png"), 1, dpi=150)
    # As if the page's own reading (a turned or warped scan) had found the name there.
    result = ocr.redact_page(preview, ("Nguyễn Văn An", "0912345678"),
                             expected_text="Tôi là Nguyễn Văn An, tố cáo ông Phạm Văn Khánh.")
    assert result.missing == ("Nguyễn Văn An", "0912345678")
    assert result.unsafe == ("Nguyễn Văn An",)  # the phone number is on another page
