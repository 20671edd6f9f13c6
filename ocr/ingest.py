"""Recognise a scan's type from its bytes and turn it into page images (or text-layer pages)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

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
        raise UnsupportedFileError(f"{path}: file not found; check the path") from e
    except IsADirectoryError as e:
        raise UnsupportedFileError(f"{path}: a folder, not a scan; give one file") from e
    if not head:
        raise EmptyFileError(f"{path}: the file is empty; scan the letter again")
    for magic, kind in _MAGIC:
        # Some producers put a few bytes of junk before %PDF; the spec allows 1024.
        if head.startswith(magic) or (kind == "pdf" and magic in head):
            return kind
    raise UnsupportedFileError(
        f"{path}: not a PDF, TIFF, JPEG or PNG file; save the scan in one of these formats"
    )


@contextmanager
def _open_image(path: Path, config: OcrConfig) -> Iterator[Image.Image]:
    """Open an image file, turning Pillow's failures into our errors."""
    # Pillow refuses (DecompressionBombError) images over twice this many pixels on open.
    Image.MAX_IMAGE_PIXELS = config.max_pixels
    try:
        with Image.open(path) as image:
            yield image
    except Image.DecompressionBombError as e:
        raise TooLargeError(
            f"{path}: the image is too large to open safely; rescan at 300 dpi"
        ) from e
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as e:
        raise CorruptFileError(f"{path}: the image cannot be decoded ({e}); scan it again") from e


def frame_count(path: Path, config: OcrConfig) -> int:
    """Pages in a TIFF (1 for JPEG/PNG), refusing more than the configured limit."""
    with _open_image(path, config) as image:
        frames = int(getattr(image, "n_frames", 1))
    if frames > config.max_pages:
        raise TooLargeError(
            f"{path}: {frames} pages, more than the limit of {config.max_pages}; "
            "split the stack into smaller files"
        )
    return frames


def _frame_rgb(path: Path, image: Image.Image, index: int, config: OcrConfig) -> np.ndarray:
    image.seek(index)
    if image.width * image.height > config.max_pixels:
        raise TooLargeError(
            f"{path}: page {index + 1} has {image.width}x{image.height} pixels, "
            f"more than the limit of {config.max_pixels}; rescan at 300 dpi"
        )
    # Phones store the camera's orientation in EXIF instead of turning the pixels.
    upright = ImageOps.exif_transpose(image) if index == 0 else image
    return np.asarray(upright.convert("RGB"))


def read_frame(path: Path, index: int, config: OcrConfig) -> np.ndarray:
    """One page (0-based) of an image file as an RGB array."""
    with _open_image(path, config) as image:
        return _frame_rgb(path, image, index, config)
