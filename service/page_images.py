"""Page images for the review screen: rendered once from the original, cached as PNG files."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ocr import OcrConfig, OcrError, render_page
from service.errors import NotFoundError
from service.settings import Settings

PREVIEW_DPI = 150


def page_png(original: Path, kind: str, source_page: int, settings: Settings) -> bytes:
    """PNG bytes of one page (1-based, within the file) of an original scan."""
    cache = settings.pages_dir() / original.stem / f"{source_page}.png"
    if cache.exists():
        return cache.read_bytes()
    try:
        data = _render(original, kind, source_page, settings)
    except (OcrError, OSError, IndexError) as e:
        raise NotFoundError(f"Không tạo được ảnh trang {source_page} từ tệp gốc") from e
    cache.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=cache.parent, suffix=".tmp")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(temporary, cache)
    return data


def _render(original: Path, kind: str, source_page: int, settings: Settings) -> bytes:
    # ocr.render_page sniffs the kind itself (PDF page or image frame).
    config = OcrConfig(max_pages=settings.max_pages)
    return render_page(original, source_page, config, dpi=PREVIEW_DPI)
