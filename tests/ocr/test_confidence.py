"""Pages Tesseract cannot read are marked, with their confidence; their garbage is withheld."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np

import ocr
from ocr.parallel import worker_count
from tests.ocr.conftest import FIRST_PAGE, Render


def _scribbles(width: int = 1500, height: int = 1100) -> np.ndarray:
    """Lines of joined loops: handwriting no OCR engine reads."""
    rng = np.random.default_rng(3)
    page = np.full((height, width), 250, np.uint8)
    for y in range(80, height - 60, 70):
        x = 60
        while x < width - 200:
            span = int(rng.integers(90, 220))
            t = np.linspace(0, 1, 40)
            loops = rng.uniform(3, 7)
            xs = x + t * span + 18 * np.cos(2 * math.pi * loops * t)
            ys = y + 14 * np.sin(2 * math.pi * loops * t)
            points = np.stack([xs, ys], axis=1).astype(np.int32)
            cv2.polylines(page, [points], False, 40, 4, lineType=cv2.LINE_AA)
            x += span + 40
    return page


def test_handwriting_needs_transcription_and_no_text_is_passed_on(
        save_png: Callable[[np.ndarray, str], Path]) -> None:
    letter = ocr.read(save_png(_scribbles(), "handwritten.png"))
    page = letter.pages[0]
    assert page.needs_transcription and letter.needs_transcription
    assert page.text == "" and letter.text == ""
    assert 0.0 <= page.confidence < 100.0
    assert page.warnings  # why: nothing read, low confidence or not Vietnamese
    assert not page.blank  # there is ink: a person must read it


def test_printed_page_is_not_marked(render_page: Render,
                                    save_png: Callable[[np.ndarray, str], Path]) -> None:
    page = ocr.read(save_png(render_page(FIRST_PAGE), "p.png")).pages[0]
    assert not page.needs_transcription and page.text and page.rejected_text == ""


def test_processes_never_exceed_the_cores() -> None:
    import os

    cores = os.cpu_count() or 1
    assert worker_count(500, ocr.OcrConfig()) == cores
    assert worker_count(1, ocr.OcrConfig()) == 1
    assert worker_count(500, ocr.OcrConfig(workers=64)) == cores
