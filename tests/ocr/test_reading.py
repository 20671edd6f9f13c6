"""Real scans through the real Tesseract: orientation, skew, stamps, TIFF and PDF pages."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import ocr
from ocr import preprocess
from tests.ocr.conftest import (
    CONTINUATION,
    FIRST_PAGE,
    Render,
    save_image_pdf,
    save_tiff,
    words_found,
)

KEY_WORDS = ("CỘNG HÒA", "Kính gửi", "Chủ tịch", "Hòa Tú", "Lý Văn Tám", "Hòa Phước")
SavePng = Callable[[np.ndarray, str], Path]


def test_clean_page_reads_with_its_diacritics(render_page: Render, save_png: SavePng) -> None:
    letter = ocr.read(save_png(render_page(FIRST_PAGE), "page.png"))
    assert words_found(letter.text, KEY_WORDS) == len(KEY_WORDS), letter.text
    page = letter.pages[0]
    assert page.source == "ocr" and page.confidence > 80 and not page.needs_transcription


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_a_page_scanned_turned_is_read_upright(render_page: Render, save_png: SavePng,
                                               degrees: int) -> None:
    turned = np.ascontiguousarray(np.rot90(render_page(FIRST_PAGE + CONTINUATION),
                                           k=degrees // 90))
    letter = ocr.read(save_png(turned, "turned.png"))
    assert words_found(letter.text, KEY_WORDS) >= 5, letter.text
    assert letter.pages[0].rotation == degrees  # turned clockwise by as much


def test_skew_is_measured_and_removed(render_page: Render, save_png: SavePng) -> None:
    page = render_page(FIRST_PAGE + CONTINUATION)
    padded = np.pad(page, 150, constant_values=255)
    skewed = preprocess.rotate(padded, 4.0)
    assert preprocess.estimate_skew(skewed) == pytest.approx(-4.0, abs=0.3)
    letter = ocr.read(save_png(skewed, "skewed.png"))
    assert words_found(letter.text, KEY_WORDS) == len(KEY_WORDS), letter.text


def _stamped(page: np.ndarray) -> np.ndarray:
    """A red seal over the middle of the text and a blue signature across it."""
    rgb = np.repeat(page[..., None], 3, axis=2).astype(np.float32)
    mask = np.zeros(page.shape, np.uint8)
    height, width = page.shape
    import cv2  # only to draw the test's stamp

    cv2.circle(mask, (width // 2, height // 2), height // 3, 255, 14)
    cv2.line(mask, (80, height // 3), (width - 80, height // 2), 255, 9)
    alpha = (mask / 255.0)[..., None]
    red = np.array([200, 35, 45]) / 255.0
    return (rgb * (1 - alpha + alpha * red)).astype(np.uint8)


def test_red_and_blue_ink_is_taken_out_black_text_stays(render_page: Render) -> None:
    page = render_page(FIRST_PAGE)
    stamped = _stamped(page)
    cleaned = preprocess.drop_coloured_ink(stamped)
    red_only = (stamped[..., 0] > 150) & (stamped[..., 1] < 100)
    assert cleaned[red_only].min() > 200  # the stamp is paper now
    black = page < 60
    assert np.median(cleaned[black]) < 60  # the text under it is still ink


def test_stamped_page_reads_as_well_as_the_clean_one(render_page: Render,
                                                     save_png: SavePng) -> None:
    letter = ocr.read(save_png(_stamped(render_page(FIRST_PAGE)), "stamped.png"))
    assert words_found(letter.text, KEY_WORDS) >= 5, letter.text


def test_multi_page_tiff_gives_one_page_each(render_page: Render, tmp_path: Path) -> None:
    path = save_tiff([render_page(FIRST_PAGE), render_page(CONTINUATION)],
                     tmp_path / "scan.tif")
    document = ocr.read_document(path)
    assert document.kind == "tiff" and [p.number for p in document.pages] == [1, 2]
    assert "Kính gửi" in document.pages[0].text
    assert "bồi thường" in document.pages[1].text
    assert len(document.letters) == 1  # the second page continues the first


def test_scanned_pdf_pages_are_rasterised_and_read(render_page: Render, tmp_path: Path) -> None:
    path = save_image_pdf([render_page(FIRST_PAGE)], tmp_path / "scan.bin")  # any name
    document = ocr.read_document(path)
    assert document.kind == "pdf" and document.pages[0].source == "ocr"
    assert words_found(document.pages[0].text, KEY_WORDS) >= 5


def test_jpeg_photo_with_exif_rotation_is_turned_upright(render_page: Render,
                                                         tmp_path: Path) -> None:
    upright = Image.fromarray(render_page(FIRST_PAGE))
    stored = upright.transpose(Image.Transpose.ROTATE_90)  # the camera's raw pixels
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    path = tmp_path / "photo.jpg"
    stored.save(path, quality=92, exif=exif)
    letter = ocr.read(path)
    assert words_found(letter.text, KEY_WORDS) >= 5
    assert letter.pages[0].rotation == 0


def test_render_page_gives_png_for_the_review_screen(render_page: Render,
                                                     tmp_path: Path) -> None:
    tiff = save_tiff([render_page(FIRST_PAGE), render_page(CONTINUATION)], tmp_path / "s.tif")
    pdf = save_image_pdf([render_page(FIRST_PAGE)], tmp_path / "s.pdf")
    for path, number in ((tiff, 2), (pdf, 1)):
        png = ocr.render_page(path, number, dpi=50)
        assert png.startswith(b"\x89PNG")
        assert max(Image.open(io.BytesIO(png)).size) <= round(11.69 * 50)
    with pytest.raises(ocr.PageNotFoundError, match="no page 3"):
        ocr.render_page(tiff, 3)
