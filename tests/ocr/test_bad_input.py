"""Every kind of bad input gets a typed error whose message says what to do; nothing hangs."""

from __future__ import annotations

import zlib
from pathlib import Path

import numpy as np
import pypdfium2
import pytest
from PIL import Image
from reportlab.pdfgen import canvas

import ocr
from tests.ocr.conftest import Render, save_image_pdf, save_tiff


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"")
    with pytest.raises(ocr.EmptyFileError, match="empty"):
        ocr.read(path)


def test_unknown_file_type_is_refused_whatever_its_name(tmp_path: Path) -> None:
    path = tmp_path / "scan.png"
    path.write_bytes(b"PK\x03\x04 this is a zip archive, not a scan")
    with pytest.raises(ocr.UnsupportedFileError, match="PDF, TIFF, JPEG or PNG"):
        ocr.read(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ocr.UnsupportedFileError, match="not found"):
        ocr.read(tmp_path / "nothing.png")
    with pytest.raises(ocr.UnsupportedFileError, match="folder"):
        ocr.read(tmp_path)


def test_corrupt_png(tmp_path: Path) -> None:
    path = tmp_path / "scan.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00garbage" * 50)
    with pytest.raises(ocr.CorruptFileError, match="scan it again"):
        ocr.read(path)


def test_truncated_jpeg(tmp_path: Path, render_page: Render) -> None:
    path = tmp_path / "scan.jpg"
    Image.fromarray(render_page(("Kính gửi",))).save(path, quality=90)
    path.write_bytes(path.read_bytes()[:600])
    with pytest.raises(ocr.CorruptFileError):
        ocr.read(path)


def test_corrupt_pdf(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"\x00 not really a pdf " * 40)
    with pytest.raises(ocr.CorruptFileError, match="damaged"):
        ocr.read(path)


def test_encrypted_pdf(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path), encrypt="mat-khau")
    pdf.drawString(72, 720, "Secret letter")
    pdf.save()
    with pytest.raises(ocr.EncryptedPdfError, match="password"):
        ocr.read(path)


def test_pdf_without_pages(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    empty = pypdfium2.PdfDocument.new()
    empty.save(str(path))
    empty.close()
    with pytest.raises(ocr.EmptyFileError, match="no pages"):
        ocr.read(path)


def test_image_over_the_pixel_limit(tmp_path: Path) -> None:
    path = tmp_path / "scan.png"
    Image.new("L", (400, 300), 255).save(path)
    with pytest.raises(ocr.TooLargeError, match="300 dpi"):
        ocr.read(path, ocr.OcrConfig(max_pixels=100_000))


def test_decompression_bomb_is_refused_before_decoding(tmp_path: Path) -> None:
    # A 30000×30000 PNG of one colour: a few kilobytes on disk, 900 megapixels decoded.
    side = 30_000
    row = b"\x00" + b"\xff" * (side // 8)
    data = zlib.compress(row * side, 9)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (len(body).to_bytes(4, "big") + kind + body
                + zlib.crc32(kind + body).to_bytes(4, "big"))

    header = side.to_bytes(4, "big") * 2 + bytes([1, 0, 0, 0, 0])  # 1-bit grey
    path = tmp_path / "bomb.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data)
                     + chunk(b"IEND", b""))
    assert path.stat().st_size < 200_000
    with pytest.raises(ocr.TooLargeError, match="too large"):
        ocr.read(path)


def test_tiff_with_more_pages_than_the_limit(tmp_path: Path) -> None:
    blank = np.full((200, 150), 255, np.uint8)
    path = save_tiff([blank] * 3, tmp_path / "stack.tif")
    with pytest.raises(ocr.TooLargeError, match="limit of 2"):
        ocr.read(path, ocr.OcrConfig(max_pages=2))


def test_pdf_with_more_pages_than_the_limit(tmp_path: Path) -> None:
    blank = np.full((200, 150), 255, np.uint8)
    path = save_image_pdf([blank] * 3, tmp_path / "stack.pdf")
    with pytest.raises(ocr.TooLargeError, match="split the stack"):
        ocr.read(path, ocr.OcrConfig(max_pages=2))


def test_tesseract_timeout_becomes_an_engine_error(tmp_path: Path, render_page: Render) -> None:
    path = tmp_path / "scan.png"
    Image.fromarray(render_page(("Kính gửi: Chủ tịch UBND xã Hòa Tú",) * 8)).save(path)
    with pytest.raises(ocr.EngineError, match="timeout"):
        ocr.read(path, ocr.OcrConfig(timeout_seconds=0.01))
