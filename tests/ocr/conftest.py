"""Tiny real scans made in the test: short Vietnamese texts rendered with DejaVu (CI installs
fonts-dejavu-core), saved as PNG/TIFF/PDF, read by the real Tesseract."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")

FIRST_PAGE = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "",
    "ĐƠN KHIẾU NẠI",
    "Kính gửi: Chủ tịch UBND xã Hòa Tú",
    "Tôi tên là Lý Văn Tám, trú tại ấp Hòa Phước.",
)
CONTINUATION = (
    "đất trồng lúa của gia đình tôi bị thu hồi",
    "nhưng chưa được bồi thường đúng quy định.",
    "Người khiếu nại",
    "Lý Văn Tám",
)
SECOND_LETTER = (
    "Kính gửi: Ban Tiếp công dân tỉnh Cà Mau",
    "Tôi là Trần Thị Mười, ở khóm 3 phường 5.",
    "Đường trước nhà ngập nước đã hai tháng nay.",
)

Render = Callable[..., np.ndarray]


def render(lines: tuple[str, ...], *, width: int = 1500, points: int = 12) -> np.ndarray:
    """A small white page at 300 dpi with the lines in black, as a grey array."""
    size = round(points * 300 / 72)
    font = ImageFont.truetype(str(FONT), size)
    height = 120 + len(lines) * round(size * 1.5)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    for number, line in enumerate(lines):
        draw.text((60, 60 + number * round(size * 1.5)), line, font=font, fill=0)
    return np.asarray(page)


@pytest.fixture(scope="session")
def render_page() -> Render:
    if not FONT.exists():
        pytest.fail(f"{FONT} is missing: apt-get install fonts-dejavu-core")
    return render


@pytest.fixture
def save_png(tmp_path: Path) -> Callable[[np.ndarray, str], Path]:
    def save(image: np.ndarray, name: str = "page.png") -> Path:
        path = tmp_path / name
        Image.fromarray(image).save(path, dpi=(300, 300))
        return path
    return save


def save_tiff(images: list[np.ndarray], path: Path) -> Path:
    frames = [Image.fromarray(image) for image in images]
    frames[0].save(path, save_all=True, append_images=frames[1:], dpi=(300, 300),
                   compression="tiff_lzw")
    return path


def save_image_pdf(images: list[np.ndarray], path: Path) -> Path:
    frames = [Image.fromarray(image) for image in images]
    frames[0].save(path, "PDF", save_all=True, append_images=frames[1:], resolution=300)
    return path


def words_found(text: str, words: tuple[str, ...]) -> int:
    return sum(word in text for word in words)
