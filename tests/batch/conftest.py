"""Tiny real scans for the batch tests, rendered here (a few lines each, so Tesseract is quick)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from tests.batch.processes import ROOT

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"

WRITERS = ["Trần Thị Hoa", "Lê Văn Bảy", "Phạm Minh Tâm", "Đỗ Thị Lan", "Võ Quốc Hùng",
           "Ngô Thị Mai", "Bùi Văn Sáu", "Huỳnh Thị Thu"]


def letter_text(writer: str) -> str:
    return ("ĐƠN KIẾN NGHỊ\nKính gửi: UBND xã Hòa Tú\n"
            f"Tôi tên là {writer}, trú tại ấp Hòa Phuông.\n"
            "Đường liên ấp bị ngập sâu mỗi khi mưa, đề nghị xã nạo vét mương thoát nước.\n"
            f"Người kiến nghị\n{writer}")


def render_page(text: str) -> Image.Image:
    """A small page at 150 dpi, 12-pt serif: enough for Tesseract, quick to read."""
    page = Image.new("L", (1240, 420), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 25)
    for row, line in enumerate(text.splitlines()):
        draw.text((60, 40 + row * 36), line, font=font, fill=0)
    return page


def write_letter(path: Path, writer: str, *, kind: str = "PNG") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    render_page(letter_text(writer)).save(path, format=kind)
    return path


@pytest.fixture
def backlog(tmp_path: Path) -> Path:
    """Three letters in nested folders: a PNG, a TIFF, and a JPEG with a misleading name."""
    root = tmp_path / "scans"
    write_letter(root / "a.png", WRITERS[0])
    write_letter(root / "2024" / "b.tif", WRITERS[1], kind="TIFF")
    write_letter(root / "2025" / "c.dat", WRITERS[2], kind="JPEG")
    return root


def donthu_batch(*args: str | Path, env: dict[str, str] | None = None,
                 timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "service.cli", "batch", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout, check=False,
                          cwd=ROOT, env={**os.environ, **(env or {})})


def start_donthu(*args: str | Path, env: dict[str, str] | None = None
                 ) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "service.cli", *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=ROOT, env={**os.environ, **(env or {})})
