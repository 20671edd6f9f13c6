"""A PDF that carries its own text is read from that layer, without OCR."""

from __future__ import annotations

import time
from pathlib import Path

from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

import ocr
from tests.ocr.conftest import CONTINUATION, FIRST_PAGE, FONT, Render


def _text_pdf(path: Path, pages: list[tuple[str, ...]]) -> Path:
    pdfmetrics.registerFont(TTFont("DejaVuSerif", str(FONT)))
    pdf = canvas.Canvas(str(path))
    for lines in pages:
        pdf.setFont("DejaVuSerif", 12)
        for number, line in enumerate(lines):
            pdf.drawString(72, 760 - 18 * number, line)
        pdf.showPage()
    pdf.save()
    return path


def test_text_layer_is_used_and_is_fast(tmp_path: Path) -> None:
    path = _text_pdf(tmp_path / "born-digital.pdf", [FIRST_PAGE, CONTINUATION * 2])
    started = time.perf_counter()
    document = ocr.read_document(path)
    elapsed = time.perf_counter() - started
    assert [p.source for p in document.pages] == ["text_layer", "text_layer"]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in document.pages[0].text
    assert "Kính gửi: Chủ tịch UBND xã Hòa Tú" in document.pages[0].text
    assert document.pages[0].confidence == 100.0
    assert elapsed < 2.0  # no Tesseract was started (that alone takes longer)


def test_a_mojibake_layer_is_not_trusted_the_page_is_ocred(tmp_path: Path,
                                                           render_page: Render) -> None:
    # The page shows proper Vietnamese, but its invisible text layer is what a legacy TCVN3
    # font (or a poor scanner OCR) left behind.
    legacy = ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "§éc lËp - Tù do - H¹nh phóc",
              "§¥N KHIÕU N¹I", "KÝnh göi: Chñ tÞch UBND x· Hßa Tó", "T«i tªn lµ Lý V¨n T¸m")
    pdfmetrics.registerFont(TTFont("DejaVuSerif", str(FONT)))
    path = tmp_path / "sandwich.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(360, 216))
    pdf.drawImage(ImageReader(Image.fromarray(render_page(FIRST_PAGE))), 0, 0, 360, 216)
    text = pdf.beginText(20, 190)
    text.setTextRenderMode(3)  # invisible
    text.setFont("DejaVuSerif", 10)
    for line in legacy:
        text.textLine(line)
    pdf.drawText(text)
    pdf.save()
    document = ocr.read_document(path)
    assert document.pages[0].source == "ocr"
    assert "Kính gửi" in document.letters[0].text and "Céng" not in document.letters[0].text


def test_mixed_pdf_keeps_the_layer_pages_and_ocrs_the_rest(tmp_path: Path) -> None:
    path = _text_pdf(tmp_path / "mixed.pdf", [FIRST_PAGE, ()])
    document = ocr.read_document(path)
    assert document.pages[0].source == "text_layer"
    assert document.pages[1].source == "ocr" and document.pages[1].blank
