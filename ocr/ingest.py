"""Recognise a scan's type from its bytes and turn it into page images (or text-layer pages)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
from PIL import Image, UnidentifiedImageError

from ocr.errors import CorruptFileError, EmptyFileError, TooLargeError, UnsupportedFileError
from ocr.models import OcrConfig

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "pdf"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"II+\x00", "tiff"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
)


def sniff_kind(path: Path) -> str:
    """Return "pdf", "tiff", "jpeg" or "png" from the file's first bytes, whatever its name."""
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except FileNotFoundError as e:
        raise UnsupportedFileError(f"{path}: không tìm thấy tệp (file not found)") from e
    if not head:
        raise EmptyFileError(f"{path}: the file is empty; scan the letter again")
    for magic, kind in _MAGIC:
        # Some producers put a few bytes of junk before %PDF; the spec allows 1024.
        if head.startswith(magic) or (kind == "pdf" and magic in head):
            return kind
    raise UnsupportedFileError(
        f"{path}: not a PDF, TIFF, JPEG or PNG file; save the scan in one of these formats"
    )


def iter_image_pages(path: Path, config: OcrConfig) -> Iterator[np.ndarray]:
    """Yield every frame of a TIFF/JPEG/PNG as an RGB array, refusing decompression bombs."""
    Image.MAX_IMAGE_PIXELS = config.max_pixels
    try:
        with Image.open(path) as image:
            frames = getattr(image, "n_frames", 1)
            if frames > config.max_pages:
                raise TooLargeError(
                    f"{path}: {frames} pages, more than the limit of {config.max_pages}; "
                    "split the stack into smaller files"
                )
            for index in range(frames):
                image.seek(index)
                if image.width * image.height > config.max_pixels:
                    raise TooLargeError(
                        f"{path}: page {index + 1} has {image.width}x{image.height} pixels, "
                        f"more than the limit of {config.max_pixels}; rescan at 300 dpi"
                    )
                yield np.asarray(image.convert("RGB"))
    except Image.DecompressionBombError as e:
        raise TooLargeError(
            f"{path}: the image is too large to open safely; rescan at 300 dpi"
        ) from e
    except (UnidentifiedImageError, OSError, SyntaxError) as e:
        raise CorruptFileError(f"{path}: the image cannot be decoded ({e}); scan it again") from e
