"""Fax and scanner streaks through a text line: a white dropout row and a black line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
import pytest

import ocr
from ocr import preprocess
from tests.ocr.conftest import CONTINUATION, FIRST_PAGE, Render

SavePng = Callable[[np.ndarray, str], Path]
WORDS = ("đất", "trồng", "lúa", "gia", "đình", "thu", "hồi", "bồi", "thường", "đúng", "quy", "định")


def _fax_page(render_page: Render) -> tuple[np.ndarray, list[int]]:
    """A page of text at 150 dpi, black and white, and a row inside each text line."""
    lines = FIRST_PAGE + CONTINUATION
    page = render_page(lines, width=2400, points=12)[::2, ::2]
    page = np.where(page < 128, 0, 255).astype(np.uint8)
    rows = (page == 0).sum(axis=1)
    pitch, size = 75, 50  # render(): line i starts at 60 + 75 i px at 300 dpi, letters 50 px
    middles = []
    for number, line in enumerate(lines):
        if line:
            top = (60 + number * pitch) // 2
            # the two rows to cut: inside the line, with plenty of ink just above and below
            inside = [min(rows[y - 1], rows[y + 2]) for y in range(top, top + size // 2)]
            middles.append(top + int(np.argmax(inside)))
    return page, middles


def _words(text: str) -> int:
    return sum(word in text.split() for word in WORDS)


@pytest.mark.parametrize("ink", [255, 0], ids=["white dropout", "black streak"])
def test_a_streak_through_every_line_costs_no_words(render_page: Render, save_png: SavePng,
                                                     ink: int) -> None:
    page, middles = _fax_page(render_page)
    clean = ocr.read(save_png(page, "clean.png")).text
    for y in middles:
        page[y:y + 2, :] = ink
    streaked = ocr.read(save_png(page, "streaked.png")).text
    assert _words(streaked) >= _words(clean) - 1 >= len(WORDS) - 2, (clean, streaked)


def test_dropout_rows_are_filled_only_inside_text_lines(render_page: Render) -> None:
    page, middles = _fax_page(render_page)
    cut = page.copy()
    gap = slice(middles[0], middles[0] + 2)
    cut[gap, :] = 255
    filled = preprocess.fill_dropouts(cut)
    original, restored = page[gap] == 0, filled[gap] == 0
    assert restored.sum() >= 0.5 * original.sum()  # the crossing strokes are joined again...
    assert not (restored & ~cv2.dilate(original.astype(np.uint8), np.ones((3, 3))).astype(bool)
                ).any()  # ...and nothing is drawn where the letters had no ink
    untouched = np.ones(page.shape[0], bool)
    untouched[gap] = False
    assert np.array_equal(filled[untouched], cut[untouched])


def test_clean_and_underlined_pages_are_left_alone(render_page: Render) -> None:
    page, middles = _fax_page(render_page)
    assert preprocess.fill_dropouts(page) is page
    underlined = page.copy()
    baseline = middles[3] + 8
    underlined[baseline + 3:baseline + 5, 30:900] = 0  # an underline just below a text line
    assert np.array_equal(preprocess.fill_dropouts(underlined), underlined)


def test_a_rule_on_a_tilted_page_goes_and_the_letters_stay(render_page: Render) -> None:
    page = render_page(FIRST_PAGE + CONTINUATION, width=2400, points=12)
    tilted = page.copy()
    y = 60 + 4 * 75 + 60  # between two lines of text
    cv2.line(tilted, (40, y), (2360, y + 18), 0, 3)  # 0.45° across the page
    cleaned = preprocess.remove_lines(tilted)
    rule = np.zeros_like(page)
    cv2.line(rule, (40, y), (2360, y + 18), 255, 3)
    assert (cleaned[rule > 0] == 0).mean() < 0.05  # the rule is gone
    letters = page < 128
    assert (cleaned[letters] < 128).mean() > 0.99  # the letters are not
