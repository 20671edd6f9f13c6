"""PDF input, the one home of pypdfium2 and pdfplumber.

pypdfium2 (PDFium, C++) does the fast work: it opens the file, reads every page's text layer
(milliseconds a page) and rasterises scanned pages. pdfplumber (pdfminer, pure Python, ~50×
slower) is the second reader, asked only about pages whose PDFium text does not read as
Vietnamese (fonts without a Unicode map, legacy TCVN3/VNI encodings): it decodes some of those
fonts differently. A page neither reads well is OCRed like a scan.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pdfplumber
import pypdfium2
import pypdfium2.raw as pdfium_c
from pdfminer.pdfparser import PDFSyntaxError

from ocr.errors import CorruptFileError, EmptyFileError, EncryptedPdfError, TooLargeError
from ocr.models import OcrConfig
from ocr.vietnamese import syllable_share

# A page whose layer has fewer letters than this is treated as a scanned page.
_MIN_LAYER_LETTERS = 40
# Below this share of well-formed syllables a layer is mojibake, not Vietnamese.
_MIN_SYLLABLE_SHARE = 0.75
# PDFium marks a hyphen it found at a line end with these characters.
_PDFIUM_FIXES = str.maketrans({"\r": None, "\ufffe": "-", "\x02": "-"})


def _open(path: Path) -> pypdfium2.PdfDocument:
    try:
        return pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as e:
        # PDFium refuses a page-less file with a stale error code: ask pdfminer first.
        if _has_no_pages(path):
            raise EmptyFileError(f"{path}: the PDF has no pages; scan the letter again") from e
        if getattr(e, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise EncryptedPdfError(
                f"{path}: the PDF is password-protected; save an unprotected copy and upload it"
            ) from e
        raise CorruptFileError(f"{path}: the PDF is damaged ({e}); scan it again") from e


def _has_no_pages(path: Path) -> bool:
    try:
        with pdfplumber.open(path) as pdf:
            return len(pdf.pages) == 0
    except Exception:  # pdfminer cannot read it either: it is damaged, not empty
        return False


def _check_page_count(path: Path, count: int, config: OcrConfig) -> None:
    if count == 0:
        raise EmptyFileError(f"{path}: the PDF has no pages; scan the letter again")
    if count > config.max_pages:
        raise TooLargeError(
            f"{path}: {count} pages, more than the limit of {config.max_pages}; "
            "split the stack into smaller files"
        )


def page_count(path: Path, config: OcrConfig) -> int:
    pdf = _open(path)
    try:
        count = len(pdf)
        _check_page_count(path, count, config)
        return count
    finally:
        pdf.close()


def is_usable_layer(text: str) -> bool:
    """Enough letters, and they read as Vietnamese (not mojibake)."""
    if sum(ch.isalpha() for ch in text) < _MIN_LAYER_LETTERS:
        return False
    share, _ = syllable_share(text)
    return share >= _MIN_SYLLABLE_SHARE


def read_text_layer(path: Path, config: OcrConfig) -> list[str | None]:
    """Return each page's own text, or None where the page carries no usable text layer."""
    pdf = _open(path)
    try:
        _check_page_count(path, len(pdf), config)
        texts: list[str | None] = []
        second_opinion: list[int] = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            text = textpage.get_text_range().translate(_PDFIUM_FIXES)
            textpage.close()
            page.close()
            if is_usable_layer(text):
                texts.append(text)
            else:
                texts.append(None)
                if sum(ch.isalpha() for ch in text) >= _MIN_LAYER_LETTERS:
                    second_opinion.append(index)
    finally:
        pdf.close()
    for index, text in zip(second_opinion, _read_with_pdfplumber(path, second_opinion),
                           strict=True):
        texts[index] = text if is_usable_layer(text) else None
    return texts


def _read_with_pdfplumber(path: Path, indices: list[int]) -> list[str]:
    if not indices:
        return []
    try:
        with pdfplumber.open(path) as pdf:
            return [pdf.pages[i].extract_text() or "" for i in indices]
    except (PDFSyntaxError, ValueError, KeyError, TypeError) as e:
        raise CorruptFileError(f"{path}: the PDF is damaged ({e}); scan it again") from e


def render_page(path: Path, index: int, config: OcrConfig, *, dpi: int | None = None
                ) -> np.ndarray:
    """Page `index` (0-based) as an RGB image at `dpi` (by default the configured one)."""
    dpi = dpi or config.dpi
    pdf = _open(path)
    try:
        _check_page_count(path, len(pdf), config)
        page = pdf[index]
        width, height = page.get_size()
        scale = dpi / 72.0
        if width * scale * height * scale > config.max_pixels:
            raise TooLargeError(
                f"{path}: page {index + 1} is too large to render at {dpi} dpi; "
                "rescan it on A4 paper"
            )
        image = page.render(scale=scale).to_pil().convert("RGB")
        page.close()
        return np.asarray(image)
    finally:
        pdf.close()
