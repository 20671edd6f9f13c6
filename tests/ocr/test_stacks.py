"""Stacks of letters in one file are split on separator sheets and first-page cues."""

from __future__ import annotations

from pathlib import Path

import numpy as np

import ocr
from ocr.stacks import first_page_score, split_letters
from tests.ocr.conftest import CONTINUATION, FIRST_PAGE, SECOND_LETTER, Render, save_tiff


def _page(number: int, text: str, **flags: bool) -> ocr.Page:
    return ocr.Page(number=number, text=text, confidence=90.0, source="ocr", **flags)


MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nĐƠN TỐ CÁO\n" * 1
BODY = "tiếp tục trình bày sự việc đã nêu ở trang trước, đề nghị cơ quan xem xét giải quyết."


def test_first_page_cues_score_high_and_continuations_low() -> None:
    assert first_page_score(_page(1, MOTTO + "Kính gửi: UBND xã")) == 1.0
    assert first_page_score(_page(1, "Kính gửi: Ban Tiếp công dân tỉnh\nTôi là ...")) >= 0.5
    assert first_page_score(_page(2, BODY)) == 0.0
    assert first_page_score(_page(2, "- 2 -\nKính gửi lại nội dung")) < 0.5
    # OCR slips in the marks do not hide the motto.
    assert first_page_score(_page(1, "CONG HOÀ XÀ HỘl CHU NGHĨA VIET NAM\nĐƠN KHIÊU NẠI")) >= 0.5


def test_split_on_blank_sheets_and_first_pages() -> None:
    pages = (
        _page(1, MOTTO + "Kính gửi: UBND xã A"), _page(2, BODY),
        _page(3, "", blank=True),
        _page(4, "Kính gửi: Công an huyện B\nTôi là Nguyễn Văn C"), _page(5, BODY),
        _page(6, MOTTO + "Kính gửi: Thanh tra tỉnh"),
    )
    letters = split_letters(pages)
    assert [(letter.first_page, letter.last_page) for letter in letters] == [
        (1, 2), (4, 5), (6, 6)]
    assert letters[1].boundary_confidence == 1.0  # after a separator sheet
    assert 0.5 <= letters[2].boundary_confidence <= 1.0


def test_an_unreadable_page_is_not_a_separator() -> None:
    pages = (_page(1, MOTTO), _page(2, "", needs_transcription=True), _page(3, BODY))
    letters = split_letters(pages)
    assert len(letters) == 1 and letters[0].needs_transcription


def test_a_real_tiff_stack_is_split(render_page: Render, tmp_path: Path) -> None:
    blank = np.full((900, 1500), 248, np.uint8)
    blank[400:403, 700:703] = 0  # a speck of dust
    path = save_tiff([render_page(FIRST_PAGE), render_page(CONTINUATION), blank,
                      render_page(SECOND_LETTER), render_page(FIRST_PAGE)], tmp_path / "s.tif")
    document = ocr.read_document(path)
    assert document.pages[2].blank
    assert [(letter.first_page, letter.last_page) for letter in document.letters] == [
        (1, 2), (4, 4), (5, 5)]
