"""Page images for the review screen: rendered once from the original, cached as PNG files; a
denouncer's identity blacked out for the roles that may not see it (LTC Điều 47)."""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ocr import OcrConfig, OcrError, redact_page, render_page
from ocr.redact import REDACTION_VERSION
from service.errors import ForbiddenError, NotFoundError
from service.settings import Settings

PREVIEW_DPI = 150


@dataclass(frozen=True)
class Redaction:
    """What to black out on a page: the identity's phrases, and whose signature."""

    phrases: tuple[str, ...]
    signers: tuple[str, ...]
    page_text: str = ""  # what OCR read on the page: says whether the identity is on it

    @classmethod
    def of(cls, identity: dict[str, object], page_text: str = "") -> Redaction:
        def values(key: str) -> list[str]:
            value = identity.get(key)
            items = value if isinstance(value, list) else [value]
            return [str(item) for item in items if item]
        signers = (*values("nguoi_viet"), *values("nguoi_dai_dien"))
        return cls((*signers, *values("dia_chi"), *values("cccd"), *values("dien_thoai")),
                   signers, page_text)

    def digest(self) -> str:
        """Names the cached image without writing the identity into a file name."""
        joined = "\x1f".join((str(REDACTION_VERSION), *self.phrases, "\x1e", *self.signers))
        return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


def page_png(original: Path, kind: str, source_page: int, settings: Settings, *,
             redaction: Redaction | None = None) -> bytes:
    """PNG bytes of one page (1-based, within the file) of an original scan; with a redaction,
    the identity blacked out (an image that cannot be redacted is refused, never shown)."""
    if redaction is not None:
        if not redaction.phrases:  # nothing extracted to look for: the page may still show it
            raise ForbiddenError(f"Chưa xác định được danh tính người tố cáo để che trên ảnh "
                                 f"trang {source_page}; vai trò của bạn không được xem ảnh gốc")
        return _redacted(original, kind, source_page, settings, redaction)
    cache = settings.pages_dir() / original.stem / f"{source_page}.png"
    if cache.exists():
        return cache.read_bytes()
    try:
        data = _render(original, kind, source_page, settings)
    except (OcrError, OSError, IndexError) as e:
        raise NotFoundError(f"Không tạo được ảnh trang {source_page} từ tệp gốc") from e
    _write(cache, data)
    return data


def _redacted(original: Path, kind: str, source_page: int, settings: Settings,
              redaction: Redaction) -> bytes:
    cache = (settings.pages_dir() / original.stem
             / f"{source_page}.redacted-{redaction.digest()}.png")
    if cache.exists():
        return cache.read_bytes()
    page = page_png(original, kind, source_page, settings)
    refusal = ForbiddenError("Không che được danh tính người tố cáo trên ảnh trang "
                             f"{source_page}; vai trò của bạn không được xem ảnh gốc")
    try:
        redacted = redact_page(page, redaction.phrases, signers=redaction.signers,
                               expected_text=redaction.page_text, config=_config(settings))
    except (OcrError, OSError) as e:
        raise refusal from e
    if redacted.unsafe:  # the letter's reading shows a phrase the image redaction did not find
        raise refusal
    _write(cache, redacted.png)
    return redacted.png


def _write(cache: Path, data: bytes) -> None:
    cache.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=cache.parent, suffix=".tmp")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(temporary, cache)


def _config(settings: Settings) -> OcrConfig:
    return OcrConfig(max_pages=settings.max_pages)


def _render(original: Path, kind: str, source_page: int, settings: Settings) -> bytes:
    # ocr.render_page sniffs the kind itself (PDF page or image frame).
    return render_page(original, source_page, _config(settings), dpi=PREVIEW_DPI)
