"""Page images for the review screen: rendered once from the original, cached as PNG files."""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

from PIL import Image

from ocr import OcrConfig, OcrError
from ocr.ingest import iter_image_pages
from ocr.pdf import render_pages
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
    config = OcrConfig(dpi=PREVIEW_DPI, max_pages=settings.max_pages)
    if kind == "pdf":
        array = next(iter(render_pages(original, [source_page - 1], config)))
    else:
        for number, frame in enumerate(iter_image_pages(original, config), 1):
            if number == source_page:
                array = frame
                break
        else:
            raise IndexError(source_page)
    buffer = io.BytesIO()
    Image.fromarray(array).save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()
