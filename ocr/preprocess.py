"""OpenCV clean-up of a page image before Tesseract reads it; the one home of cv2.

Each step is a small pure function (image in, new image out). `clean_page` chains them; the
benchmark (benchmarks/ocr/steps.py) switches each one off in turn to measure what it is worth.
Pages are grey uint8 arrays, ink dark on light paper.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

# The 75th percentile of the heights of ink blobs (letters with ascenders, capitals) on a
# 12-13-pt page at 300 dpi is 31-39 px; Tesseract's LSTM reads best around this size.
TEXT_HEIGHT_TARGET = 36.0
# Fewer letter-sized blobs than this: a blank separator sheet (dust and noise do not count).
BLANK_MAX_BLOBS = 15
STEPS = ("colour", "page", "upscale", "flatten", "denoise", "binarise", "borders", "specks", "deskew")


@dataclass(frozen=True)
class CleanPage:
    image: np.ndarray  # cleaned, not yet turned upright nor deskewed
    blank: bool  # no letter-sized ink at all: a separator sheet
    ink_blobs: int  # letter-sized ink blobs: how much there is to read


def drop_coloured_ink(image: np.ndarray) -> np.ndarray:
    """RGB → grey in which red and blue ink (stamps, signatures) turns pale.

    A coloured pixel takes its brightest channel: red ink is bright in the red channel, blue
    ink in the blue one, while black text under the stamp stays dark in all three.
    """
    if image.ndim == 2:
        return image
    gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    hsv = cv2.cvtColor(image, cv2.COLOR_RGB2HSV)
    coloured = (hsv[:, :, 1] > 70) & (hsv[:, :, 2] > 60)
    if not coloured.any():
        return gray
    brightest = image.max(axis=2)
    # Lift what is left of the ink to paper: the brightest channel is pale, not white.
    lifted = np.clip(brightest.astype(np.int16) + 60, 0, 255).astype(np.uint8)
    return np.where(coloured, lifted, gray)


def to_gray(image: np.ndarray) -> np.ndarray:
    return image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)


def ink_mask(gray: np.ndarray) -> np.ndarray:
    """Ink as 255 on 0, by Otsu, but never calling paper noise ink on an empty sheet."""
    threshold, _ = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    limit = min(threshold, 160.0) if np.percentile(gray, 2) > 150 else threshold
    return np.where(gray <= limit, 255, 0).astype(np.uint8)


def text_heights(gray: np.ndarray) -> np.ndarray:
    """Heights of the ink blobs that could be letters (or parts of letters)."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink_mask(gray), connectivity=8)
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    widths = stats[1:, cv2.CC_STAT_WIDTH]
    areas = stats[1:, cv2.CC_STAT_AREA]
    keep = (heights >= 4) & (heights <= gray.shape[0] // 20) & (widths <= 4 * heights) & (
        areas >= 8)
    return heights[keep]


def upscale_small_text(gray: np.ndarray) -> np.ndarray:
    """Fax, 100-150 dpi scans and distant photos: enlarge until letters are ~300-dpi sized."""
    heights = text_heights(gray)
    if len(heights) < 30:
        return gray
    # The upper quartile: dots, commas and diacritics (the lower half) do not say the size.
    factor = min(TEXT_HEIGHT_TARGET / float(np.percentile(heights, 75)), 3.0)
    if factor < 1.3:
        return gray
    return cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)


def _order_corners(points: np.ndarray) -> np.ndarray:
    """Top-left, top-right, bottom-right, bottom-left."""
    sums, diffs = points.sum(axis=1), np.diff(points, axis=1).ravel()
    return np.float32([points[np.argmin(sums)], points[np.argmin(diffs)],
                       points[np.argmax(sums)], points[np.argmax(diffs)]])


def crop_to_page(gray: np.ndarray) -> np.ndarray:
    """A photo of a sheet on a desk: find the sheet's four corners and flatten it to a
    rectangle (perspective removed, desk gone). Scans, where the sheet fills the frame, pass."""
    small = shrink(gray, max_side=1000)
    scale = gray.shape[0] / small.shape[0]
    # The sheet's outline is a strong edge even where a shadow darkens paper and desk alike.
    edges = cv2.Canny(cv2.GaussianBlur(small, (5, 5), 0), 30, 90)
    edges = cv2.dilate(edges, np.ones((3, 3), np.uint8), iterations=2)
    contours, _ = cv2.findContours(edges, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return gray
    sheet = cv2.convexHull(max(contours, key=cv2.contourArea))
    share = cv2.contourArea(sheet) / (small.shape[0] * small.shape[1])
    corners = cv2.approxPolyDP(sheet, 0.02 * cv2.arcLength(sheet, True), True)
    if len(corners) != 4 or not 0.25 <= share <= 0.92:
        return gray
    # A sheet lies on something darker; a block of text on a scanned page does not.
    inside = np.zeros(small.shape, np.uint8)
    cv2.fillConvexPoly(inside, corners.reshape(4, 2), 1)
    if np.median(small[inside == 0]) > np.median(small[inside == 1]) - 30:
        return gray
    source = _order_corners(corners.reshape(4, 2).astype(np.float32) * scale)
    width = int(max(np.linalg.norm(source[1] - source[0]), np.linalg.norm(source[2] - source[3])))
    height = int(max(np.linalg.norm(source[3] - source[0]), np.linalg.norm(source[2] - source[1])))
    target = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
    matrix = cv2.getPerspectiveTransform(source, target)
    return cv2.warpPerspective(gray, matrix, (width, height), flags=cv2.INTER_CUBIC,
                               borderValue=255)


def flatten_illumination(gray: np.ndarray) -> np.ndarray:
    """Divide by the paper's own brightness: shadows, yellowed or grey paper and faded toner
    all become dark ink on white."""
    small = cv2.resize(gray, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (15, 15))
    paper = cv2.medianBlur(cv2.dilate(small, kernel), 21)
    paper = cv2.resize(paper, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_LINEAR)
    flat = gray.astype(np.float32) / np.maximum(paper.astype(np.float32), 1.0) * 255.0
    return np.clip(flat, 0, 255).astype(np.uint8)


def noise_level(gray: np.ndarray) -> float:
    """Standard deviation of the sensor noise, from the median absolute Laplacian."""
    laplacian = cv2.Laplacian(gray, cv2.CV_32F, ksize=1)
    return float(np.median(np.abs(laplacian)) * 1.4826 / 2.0)


def denoise(gray: np.ndarray) -> np.ndarray:
    """A 3×3 median on noisy pages only: it takes salt-and-pepper out but rounds thin strokes."""
    return cv2.medianBlur(gray, 3) if noise_level(gray) > 3.0 else gray


def binarise(gray: np.ndarray) -> np.ndarray:
    """Paper to pure white, ink to black, keeping a grey rim on strokes so that the small
    diacritics (dots below, hooks, tildes) survive as the shapes Tesseract was trained on."""
    threshold, _ = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    low, high = threshold * 0.55, min(threshold * 1.25, 250.0)
    ramp = (gray.astype(np.float32) - low) / max(high - low, 1.0)
    return (np.clip(ramp, 0, 1) * 255).astype(np.uint8)


def clear_borders(gray: np.ndarray) -> np.ndarray:
    """Paint white the dark frames that touch the edge (scanner lid, desk, punched holes)."""
    ink = ink_mask(gray)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    height, width = gray.shape
    x, y = stats[:, cv2.CC_STAT_LEFT], stats[:, cv2.CC_STAT_TOP]
    right, bottom = x + stats[:, cv2.CC_STAT_WIDTH], y + stats[:, cv2.CC_STAT_HEIGHT]
    touching = (x == 0) | (y == 0) | (right >= width) | (bottom >= height)
    touching[0] = False
    if not touching.any():
        return gray
    cleaned = gray.copy()
    cleaned[touching[labels]] = 255
    return cleaned


def remove_specks(gray: np.ndarray) -> np.ndarray:
    """Dust and toner dots far from any letter go; diacritics sit next to their letter."""
    ink = ink_mask(gray)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    areas = stats[:, cv2.CC_STAT_AREA]
    small = areas < 120
    small[0] = False
    if not small.any():
        return gray
    letters = np.where(~small[labels] & (labels > 0), 255, 0).astype(np.uint8)
    near_letters = cv2.dilate(letters, cv2.getStructuringElement(cv2.MORPH_RECT, (41, 41)))
    isolated = small[labels] & (near_letters == 0)
    cleaned = gray.copy()
    cleaned[isolated] = 255
    return cleaned


def estimate_skew(gray: np.ndarray, *, limit: float = 10.0) -> float:
    """Degrees (counter-clockwise) of the text lines, by the sharpest horizontal projection."""
    small = cv2.resize(gray, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    ink = ink_mask(small)
    if cv2.countNonZero(ink) < 200:
        return 0.0
    centre = (ink.shape[1] / 2, ink.shape[0] / 2)

    def sharpness(angle: float) -> float:
        matrix = cv2.getRotationMatrix2D(centre, angle, 1.0)
        rotated = cv2.warpAffine(ink, matrix, (ink.shape[1], ink.shape[0]))
        return float(np.var(rotated.sum(axis=1, dtype=np.float64)))

    best = max(np.arange(-limit, limit + 0.01, 1.0), key=sharpness)
    best = max(np.arange(best - 1.0, best + 1.01, 0.1), key=sharpness)
    return float(best)


def rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    """Rotate around the centre (counter-clockwise degrees), filling the corners white."""
    if abs(angle) < 0.15:
        return gray
    height, width = gray.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(gray, matrix, (width, height), flags=cv2.INTER_CUBIC,
                          borderValue=255)


def quarter_turn(gray: np.ndarray, degrees: int) -> np.ndarray:
    """Turn clockwise by 0/90/180/270 degrees."""
    return np.ascontiguousarray(np.rot90(gray, k=-(degrees // 90)))


def deskew(gray: np.ndarray, *, skip: frozenset[str] = frozenset()) -> tuple[np.ndarray, float]:
    """The page with its text lines horizontal, and the angle it was turned by."""
    if "deskew" in skip:
        return gray, 0.0
    angle = estimate_skew(gray)
    return rotate(gray, angle), angle


def clean_page(image: np.ndarray, *, skip: frozenset[str] = frozenset()) -> CleanPage:
    """The clean-up chain, in order; `skip` names steps to leave out (for measurement)."""
    gray = to_gray(image) if "colour" in skip else drop_coloured_ink(image)
    if "page" not in skip:
        gray = crop_to_page(gray)
    if "flatten" not in skip:
        gray = flatten_illumination(gray)
    if "upscale" not in skip:
        gray = upscale_small_text(gray)
    if "denoise" not in skip:
        gray = denoise(gray)
    if "binarise" not in skip:
        gray = binarise(gray)
    if "borders" not in skip:
        gray = clear_borders(gray)
    if "specks" not in skip:
        gray = remove_specks(gray)
    blobs = len(text_heights(gray))
    return CleanPage(image=gray, blank=blobs < BLANK_MAX_BLOBS, ink_blobs=blobs)


def shrink(gray: np.ndarray, *, max_side: int) -> np.ndarray:
    """A smaller copy for quick whole-page decisions (orientation)."""
    factor = max_side / max(gray.shape[:2])
    if factor >= 1.0:
        return gray
    return cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
