"""OpenCV clean-up of a page image before Tesseract reads it. Each step is a pure function."""

from __future__ import annotations

import cv2
import numpy as np


def to_gray(image: np.ndarray) -> np.ndarray:
    """RGB (or already grey) → 8-bit grey."""
    if image.ndim == 2:
        return image
    return cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)


def drop_coloured_ink(image: np.ndarray) -> np.ndarray:
    """Paint saturated red and blue strokes (stamps, signatures) white; black text stays."""
    if image.ndim == 2:
        return image
    hsv = cv2.cvtColor(image, cv2.COLOR_RGB2HSV)
    saturation = hsv[:, :, 1]
    value = hsv[:, :, 2]
    coloured = (saturation > 80) & (value > 60)
    cleaned = image.copy()
    cleaned[coloured] = 255
    return cleaned


def upscale_small(gray: np.ndarray, *, min_height: int = 2400) -> np.ndarray:
    """Low-resolution scans (fax, 150 dpi) are enlarged: Tesseract reads best at ~300 dpi."""
    height = gray.shape[0]
    if height >= min_height * 0.7:
        return gray
    factor = min(min_height / height, 3.0)
    return cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)


def estimate_skew(gray: np.ndarray) -> float:
    """Angle in degrees of the text lines, from the minimum-area rectangle of the ink."""
    small = cv2.resize(gray, None, fx=0.5, fy=0.5) if gray.shape[0] > 2000 else gray
    ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]
    points = cv2.findNonZero(ink)
    if points is None or len(points) < 100:
        return 0.0
    angle = cv2.minAreaRect(points)[-1]
    if angle > 45:
        angle -= 90
    return float(angle) if abs(angle) < 15 else 0.0


def rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    """Rotate around the centre, filling the corners white."""
    if abs(angle) < 0.1:
        return gray
    height, width = gray.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(
        gray, matrix, (width, height), flags=cv2.INTER_CUBIC, borderValue=(255, 255, 255)
    )


def clean_page(image: np.ndarray) -> np.ndarray:
    """The default chain: coloured ink out, grey, upscale, deskew."""
    gray = to_gray(drop_coloured_ink(image))
    gray = upscale_small(gray)
    return rotate(gray, estimate_skew(gray))
