"""PDF input: the text layer through pdfplumber, page images through pypdfium2."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pdfplumber
import pypdfium2
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError

from ocr.errors import CorruptFileError, EmptyFileError, EncryptedPdfError, TooLargeError
from ocr.models import OcrConfig

# A page whose layer has fewer letters than this is treated as a scanned page.
_MIN_LAYER_CHARS = 40


def read_text_layer(path: Path, config: OcrConfig) -> list[str | None]:
    """Return each page's own text, or None where the page carries no usable text layer."""
    try:
        with pdfplumber.open(path) as pdf:
            if not pdf.pages:
                raise EmptyFileError(f"{path}: the PDF has no pages; scan the letter again")
            if len(pdf.pages) > config.max_pages:
                raise TooLargeError(
                    f"{path}: {len(pdf.pages)} pages, more than the limit of "
                    f"{config.max_pages}; split the stack into smaller files"
                )
            texts: list[str | None] = []
            for page in pdf.pages:
                text = page.extract_text(layout=False) or ""
                letters = sum(ch.isalpha() for ch in text)
                texts.append(text if letters >= _MIN_LAYER_CHARS else None)
            return texts
    except PDFPasswordIncorrect as e:
        raise EncryptedPdfError(
            f"{path}: the PDF is password-protected; save an unprotected copy and upload it"
        ) from e
    except (PDFSyntaxError, ValueError, KeyError, TypeError) as e:
        raise CorruptFileError(f"{path}: the PDF is damaged ({e}); scan it again") from e
    except Exception as e:
        if "password" in str(e).lower() or "encrypt" in str(e).lower():
            raise EncryptedPdfError(
                f"{path}: the PDF is password-protected; save an unprotected copy and upload it"
            ) from e
        if isinstance(e, EmptyFileError | TooLargeError):
            raise
        raise CorruptFileError(f"{path}: the PDF cannot be read ({e}); scan it again") from e


def render_pages(path: Path, page_numbers: list[int], config: OcrConfig) -> Iterator[np.ndarray]:
    """Yield RGB images of the given 0-based pages at the configured resolution."""
    try:
        pdf = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as e:
        if "password" in str(e).lower():
            raise EncryptedPdfError(
                f"{path}: the PDF is password-protected; save an unprotected copy and upload it"
            ) from e
        raise CorruptFileError(f"{path}: the PDF cannot be rendered ({e}); scan it again") from e
    try:
        scale = config.dpi / 72.0
        for number in page_numbers:
            page = pdf[number]
            width, height = page.get_size()
            if width * scale * height * scale > config.max_pixels:
                raise TooLargeError(
                    f"{path}: page {number + 1} is too large to render at {config.dpi} dpi"
                )
            bitmap = page.render(scale=scale)
            yield np.asarray(bitmap.to_pil().convert("RGB"))
    finally:
        pdf.close()
