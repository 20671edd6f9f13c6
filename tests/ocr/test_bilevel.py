"""Black-and-white low-resolution pages (fax, 1-bit TIFF): cleaned enlarged, read at their size."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np

import ocr
from ocr import preprocess
from tests.ocr.conftest import CONTINUATION, FIRST_PAGE, Render

SavePng = Callable[[np.ndarray, str], Path]
WORDS = ("CỘNG", "HÒA", "HỘI", "NGHĨA", "Độc", "lập", "Hạnh", "phúc", "KHIẾU", "NẠI", "Kính",
         "Chủ", "tịch", "Hòa", "Tú", "trú", "ấp", "Phước.", "đất", "trồng", "lúa", "đình",
         "hồi", "bồi", "thường", "đúng", "định.", "Người", "khiếu", "nại", "Tám")


def _fax(render_page: Render) -> np.ndarray:
    """The letter at 150 dpi, thresholded through noise as a fax machine does: ragged edges."""
    page = render_page(FIRST_PAGE + CONTINUATION, width=2400, points=12)
    small = cv2.resize(page, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    noisy = small.astype(np.float32) + np.random.default_rng(0).normal(0, 18, small.shape)
    return np.where(noisy < 135, 0, 255).astype(np.uint8)


def test_black_and_white_is_told_from_anti_aliased_grey(render_page: Render) -> None:
    page = render_page(FIRST_PAGE, width=1500)
    assert not preprocess.is_bilevel(page)  # rendered with grey edges
    assert preprocess.is_bilevel(np.where(page < 128, 0, 255).astype(np.uint8))
    assert not preprocess.is_bilevel(np.full((50, 50), 255, np.uint8))  # no ink at all


def test_a_fax_is_cleaned_enlarged_but_handed_over_at_its_own_size(render_page: Render) -> None:
    fax = _fax(render_page)
    assert preprocess.upscale_small_text(fax).shape[0] > 1.3 * fax.shape[0]
    cleaned = preprocess.clean_page(fax).image
    assert cleaned.shape == fax.shape
    assert not preprocess.is_bilevel(cleaned)  # the stair-stepped edges averaged into grey
    # A grey page of the same size keeps its enlargement.
    grey = cv2.resize(render_page(FIRST_PAGE, width=2400), None, fx=0.5, fy=0.5,
                      interpolation=cv2.INTER_AREA)
    assert preprocess.clean_page(grey).image.shape[0] > 1.3 * grey.shape[0]


def test_a_fax_reads_with_its_diacritics(render_page: Render, save_png: SavePng) -> None:
    text = ocr.read(save_png(_fax(render_page), "fax.png")).text
    assert sum(word in text.split() for word in WORDS) >= len(WORDS) - 1, text
