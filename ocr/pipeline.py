"""File → pages → text, read top to bottom."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from ocr import ingest, parallel, pdf, stacks
from ocr.errors import PageNotFoundError
from ocr.models import Document, Letter, OcrConfig, Page
from ocr.text import normalise_text

DEFAULT_CONFIG = OcrConfig()
_A4_LONG_SIDE_INCHES = 11.69


def read(path: Path | str, config: OcrConfig = DEFAULT_CONFIG) -> Letter:
    """Read every page of a scan as one letter."""
    document = read_document(path, config)
    return Letter(pages=document.pages, first_page=1)


def read_document(path: Path | str, config: OcrConfig = DEFAULT_CONFIG) -> Document:
    """Read every page of a scan and split a stack into its letters."""
    path = Path(path)
    kind = ingest.sniff_kind(path)
    if kind == "pdf":
        pages = _read_pdf(path, config)
    else:
        count = ingest.frame_count(path, config)
        pages = parallel.read_pages(path, kind, list(range(count)), config)
    letters = stacks.split_letters(pages) if config.split_stacks else (Letter(pages=pages),)
    return Document(kind=kind, pages=pages, letters=letters)


def _read_pdf(path: Path, config: OcrConfig) -> tuple[Page, ...]:
    layer = pdf.read_text_layer(path, config)
    scanned = [i for i, text in enumerate(layer) if text is None]
    read = dict(zip(scanned, parallel.read_pages(path, "pdf", scanned, config), strict=True))
    return tuple(
        read[index] if text is None else
        Page(number=index + 1, text=normalise_text(text), confidence=100.0, source="text_layer")
        for index, text in enumerate(layer)
    )


def render_page(path: Path | str, number: int, config: OcrConfig = DEFAULT_CONFIG, *,
                dpi: int = 150) -> bytes:
    """Page `number` (1-based) of a scan as PNG bytes, for showing to a reviewer."""
    path = Path(path)
    kind = ingest.sniff_kind(path)
    count = pdf.page_count(path, config) if kind == "pdf" else ingest.frame_count(path, config)
    if not 1 <= number <= count:
        raise PageNotFoundError(f"{path}: there is no page {number}; the file has {count}")
    if kind == "pdf":
        image = Image.fromarray(pdf.render_page(path, number - 1, config, dpi=dpi))
    else:
        image = Image.fromarray(ingest.read_frame(path, number - 1, config))
        # An image has no page size: shrink it to what an A4 page would be at `dpi`.
        longest = round(_A4_LONG_SIDE_INCHES * dpi)
        image.thumbnail((longest, longest), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=False)
    return buffer.getvalue()
