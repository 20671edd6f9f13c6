"""Numbered lists (signature lists, attachments) keep each number on its own line's item."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np

import ocr
from ocr.engine import assemble
from tests.ocr.conftest import Render

SavePng = Callable[[np.ndarray, str], Path]
SIGNERS = ("Trần Văn Hiển", "Phùng Thị Mận", "Lê Văn Tuấn", "Nguyễn Văn Hợp", "Đỗ Văn Long",
           "Nguyễn Thị Thúy", "Trần Thị Dung", "Phùng Văn Kiên", "Lê Thị Yến")


def _table(words: list[tuple[int, int, int, str, int, int]]) -> dict[str, list[object]]:
    """image_to_data's columns for (block, paragraph, line, text, left, top) words."""
    return {"text": [w[3] for w in words], "conf": [95.0] * len(words),
            "block_num": [w[0] for w in words], "par_num": [w[1] for w in words],
            "line_num": [w[2] for w in words], "left": [w[4] for w in words],
            "top": [w[5] for w in words], "width": [40] * len(words),
            "height": [30] * len(words)}


def test_a_column_of_numbers_read_apart_is_put_back_on_its_rows() -> None:
    words = [(1, 1, 1, "1.", 100, 100), (1, 1, 2, "2.", 100, 150),
             (2, 1, 1, "Lê", 160, 102), (2, 1, 1, "Tám", 210, 102),
             (2, 1, 2, "Hồ", 160, 151), (2, 1, 2, "Mai", 210, 151)]
    assert assemble(_table(words)).text == "1. Lê Tám\n2. Hồ Mai"


def test_a_lone_number_with_nothing_beside_it_stays() -> None:
    words = [(1, 1, 1, "Điều", 100, 100), (1, 1, 1, "1", 150, 100),
             (2, 1, 1, "12.", 100, 400)]
    assert assemble(_table(words)).text == "Điều 1\n\n12."


def test_a_real_signature_list_reads_row_by_row(render_page: Render,
                                                save_png: SavePng) -> None:
    lines = tuple(f"{number}. {name}" for number, name in enumerate(SIGNERS, 20))
    page = np.full((3508, 2480), 255, np.uint8)  # an A4 page with the list at its top
    drawn = render_page(lines)
    page[:drawn.shape[0], :drawn.shape[1]] = drawn
    text = ocr.read(save_png(page, "list.png")).pages[0].text
    assert [line.strip() for line in text.splitlines() if line.strip()] == list(lines)
