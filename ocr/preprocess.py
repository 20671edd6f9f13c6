"""OpenCV clean-up of a page image before Tesseract reads it; the one home of cv2.

Each step is a small pure function (image in, new image out). `clean_page` chains them; the
benchmark (benchmarks/ocr/steps.py) switches each one off in turn to measure what it is worth.
Pages are grey uint8 arrays, ink dark on light paper.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np

# The 75th percentile of the heights of ink blobs (letters with ascenders, capitals) on a
# 12-13-pt page at 300 dpi is 31-39 px; Tesseract's LSTM reads best around this size.
TEXT_HEIGHT_TARGET = 36.0
# Fewer letter-sized blobs than this: a blank separator sheet (dust and noise do not count).
BLANK_MAX_BLOBS = 15
# A stroke cut by a line is bridged across at most this many pixels (lines up to ~4 px).
_BRIDGE = 7
# A run of ink at least this long (px) is a rule, not a letter stroke (at ~300-dpi size).
_RULE_RUN = 61
# A dropout is at most this many rows (scanned at 150-300 dpi).
_DROPOUT_MAX = 3
# Share of the ink beside a gap that continues across it: a cut stroke, not a natural gap.
_DROPOUT_OVERLAP = 0.15
# A page is black and white when its grey pixels are fewer than this share of its dark ones
# (anti-aliased ink has a grey rim about as large as its core).
_BILEVEL_GREY_SHARE = 0.02


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
    preview = cv2.resize(image, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    if not cv2.countNonZero(cv2.inRange(cv2.cvtColor(preview, cv2.COLOR_RGB2HSV),
                                        (0, 71, 61), (180, 255, 255))):
        return gray  # a grey scan saved in colour: nothing to take out
    hsv = cv2.cvtColor(image, cv2.COLOR_RGB2HSV)
    coloured = cv2.inRange(hsv, (0, 71, 61), (180, 255, 255))
    if cv2.countNonZero(coloured) < 0.0005 * coloured.size:
        return gray  # a grey scan saved in colour: nothing to take out
    red, green, blue = cv2.split(image)
    brightest = cv2.max(cv2.max(red, green), blue)
    # Lift what is left of the ink towards paper: the brightest channel is pale, not white.
    lifted = cv2.add(brightest, 60)
    np.copyto(gray, lifted, where=coloured > 0)
    return gray


def single_threaded() -> None:
    """One OpenCV thread: pages already run one per process, one process per core."""
    cv2.setNumThreads(1)


def to_gray(image: np.ndarray) -> np.ndarray:
    return image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)


def ink_mask(gray: np.ndarray) -> np.ndarray:
    """Ink as 255 on 0, by Otsu, but never calling paper noise ink on an empty sheet."""
    threshold, mask = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    histogram = cv2.calcHist([gray], [0], None, [256], [0, 256]).ravel()
    darkest_2_percent = int(np.searchsorted(np.cumsum(histogram), 0.02 * gray.size))
    if darkest_2_percent > 150 and threshold > 160:  # hardly any ink: Otsu split the paper
        _, mask = cv2.threshold(gray, 160, 255, cv2.THRESH_BINARY_INV)
    return mask


def text_heights(gray: np.ndarray, *, letters_only: bool = True) -> np.ndarray:
    """Heights (in full-size pixels) of the ink blobs that could be letters or their parts;
    measured at half size on large pages, where it costs a quarter and says the same."""
    factor = 2 if gray.shape[0] > 2000 else 1
    small = gray if factor == 1 else cv2.resize(gray, None, fx=0.5, fy=0.5,
                                                interpolation=cv2.INTER_AREA)
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink_mask(small), connectivity=8)
    heights = stats[1:, cv2.CC_STAT_HEIGHT] * factor
    widths = stats[1:, cv2.CC_STAT_WIDTH] * factor
    areas = stats[1:, cv2.CC_STAT_AREA] * factor * factor
    keep = (heights >= 4) & (heights <= max(gray.shape) // 15) & (areas >= 8)
    if letters_only:  # not joined handwriting nor rules: they do not say the type size
        keep &= widths <= 4 * heights
    return np.asarray(heights[keep])


def upscale_small_text(gray: np.ndarray) -> np.ndarray:
    """Fax, 100-150 dpi scans and distant photos: enlarge until letters are ~300-dpi sized."""
    heights = text_heights(gray)
    if len(heights) < 30:
        return gray
    # The upper quartile: dots, commas and diacritics (the lower half) do not say the size.
    factor = min(TEXT_HEIGHT_TARGET / float(np.percentile(heights, 75)), 3.0)
    if factor < 1.3:
        return gray
    return enlarge(gray, factor)


def enlarge(gray: np.ndarray, factor: float) -> np.ndarray:
    """The page `factor` times larger (bicubic): small print reads better enlarged."""
    return cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)


def is_bilevel(gray: np.ndarray) -> bool:
    """Black and white only, as a fax or a 1-bit TIFF: hardly a grey pixel beside the ink."""
    histogram = cv2.calcHist([gray], [0], None, [256], [0, 256]).ravel()
    dark, grey = float(histogram[:128].sum()), float(histogram[16:240].sum())
    return dark > 0 and grey <= _BILEVEL_GREY_SHARE * dark


def native_size(gray: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """A page enlarged for clean-up, shrunk back to `shape` by averaging: a black-and-white
    page's stair-stepped edges become the grey rims Tesseract was trained on, which it reads
    better than the same page enlarged (its line recogniser rescales text lines anyway)."""
    if gray.shape[:2] == shape[:2]:
        return gray
    return cv2.resize(gray, (shape[1], shape[0]), interpolation=cv2.INTER_AREA)


def _order_corners(points: np.ndarray) -> np.ndarray:
    """Top-left, top-right, bottom-right, bottom-left."""
    sums, diffs = points.sum(axis=1), np.diff(points, axis=1).ravel()
    order = [np.argmin(sums), np.argmin(diffs), np.argmax(sums), np.argmax(diffs)]
    return np.asarray(points[order], dtype=np.float32)


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
    target = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
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
    return cv2.divide(gray, paper, scale=255)


def noise_level(gray: np.ndarray) -> float:
    """Standard deviation of the sensor noise, from the median absolute Laplacian of a
    central patch (the whole page says no more and costs more)."""
    height, width = gray.shape
    patch = gray[height // 4: 3 * height // 4, width // 4: 3 * width // 4]
    laplacian = cv2.convertScaleAbs(cv2.Laplacian(patch, cv2.CV_16S, ksize=1))
    histogram = cv2.calcHist([laplacian], [0], None, [256], [0, 256]).ravel()
    median = int(np.searchsorted(np.cumsum(histogram), 0.5 * laplacian.size))
    return median * 1.4826 / 2.0


def denoise(gray: np.ndarray) -> np.ndarray:
    """A 3×3 median on noisy pages only: it takes salt-and-pepper out but rounds thin strokes."""
    return cv2.medianBlur(gray, 3) if noise_level(gray) > 3.0 else gray


def binarise(gray: np.ndarray) -> np.ndarray:
    """Paper to pure white, ink to black, keeping a grey rim on strokes so that the small
    diacritics (dots below, hooks, tildes) survive as the shapes Tesseract was trained on."""
    threshold, _ = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    low, high = threshold * 0.55, min(threshold * 1.25, 250.0)
    ramp = (np.arange(256, dtype=np.float32) - low) / max(high - low, 1.0)
    table = (np.clip(ramp, 0, 1) * 255).astype(np.uint8)
    return cv2.LUT(gray, table)


def clear_borders(gray: np.ndarray) -> np.ndarray:
    """Paint white the dark frames along the edge (scanner lid, desk, punched holes): ink
    that touches the edge and lies mostly in the outer margin."""
    ink = ink_mask(gray)
    height, width = gray.shape
    mx, my = int(width * 0.06), int(height * 0.06)
    if not (ink[0].any() or ink[-1].any() or ink[:, 0].any() or ink[:, -1].any()):
        return gray
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    x, y = stats[:, cv2.CC_STAT_LEFT], stats[:, cv2.CC_STAT_TOP]
    right, bottom = x + stats[:, cv2.CC_STAT_WIDTH], y + stats[:, cv2.CC_STAT_HEIGHT]
    touching = (x == 0) | (y == 0) | (right >= width) | (bottom >= height)
    touching[0] = False
    inner = labels[my:height - my, mx:width - mx]
    in_middle = np.bincount(inner.ravel(), minlength=count)
    frame = touching & (in_middle <= 0.5 * stats[:, cv2.CC_STAT_AREA])
    if not frame.any():
        return gray
    cleaned = gray.copy()
    cleaned[(frame.astype(np.uint8) * 255)[labels] > 0] = 255
    return cleaned


def remove_lines(gray: np.ndarray) -> np.ndarray:
    """Long thin straight strokes (fax and scanner streaks, rules, underlines) go, and only
    their own pixels: lines are found at quarter size, where it is 16 times cheaper, then
    traced at full size as long runs of ink near them (so a rule on a slightly tilted page goes
    too). Letters cut by a line are bridged again: where a line was, a pixel stays ink if ink
    continues on both sides of it (a stroke crossing the line)."""
    ink = ink_mask(gray)
    horizontal = _line_band(ink)
    vertical = np.ascontiguousarray(_line_band(np.ascontiguousarray(ink.T)).T)
    lines = cv2.bitwise_or(horizontal, vertical)
    if not cv2.countNonZero(lines):
        return gray
    rest = cv2.bitwise_and(ink, cv2.bitwise_not(lines))  # where two rules cross, no stroke
    cleaned = gray.copy()
    for band, across in ((horizontal, (_BRIDGE, 1)), (vertical, (1, _BRIDGE))):
        if cv2.countNonZero(band):
            bridged = cv2.morphologyEx(rest, cv2.MORPH_CLOSE, np.ones(across, np.uint8))
            cleaned[(band > 0) & (bridged == 0)] = 255
    return cleaned


def _is_rule(row: np.ndarray) -> bool:
    """A row of the ink mask that holds a long unbroken run of ink: an underline or a rule."""
    dark = np.concatenate(([0], (row > 0).astype(np.int8), [0]))
    edges = np.flatnonzero(np.diff(dark))
    return bool(len(edges)) and int(np.max(edges[1::2] - edges[::2])) >= _RULE_RUN


def _line_band(ink: np.ndarray) -> np.ndarray:
    """The ink of horizontal lines longer than a quarter of the page: pixels on a run of ink
    longer than any letter stroke, within a few pixels of a line seen at quarter size."""
    small = cv2.resize(ink, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    small = cv2.threshold(small, 40, 255, cv2.THRESH_BINARY)[1]
    lines = cv2.morphologyEx(small, cv2.MORPH_OPEN, np.ones((1, small.shape[1] // 4), np.uint8))
    band = np.zeros_like(ink)
    if not cv2.countNonZero(lines):
        return band
    near = cv2.resize(cv2.dilate(lines, np.ones((3, 3), np.uint8)), (ink.shape[1], ink.shape[0]),
                      interpolation=cv2.INTER_NEAREST)
    runs = cv2.morphologyEx(cv2.bitwise_and(ink, near), cv2.MORPH_OPEN,
                            np.ones((1, _RULE_RUN), np.uint8))
    return cv2.bitwise_and(runs, near, dst=band)


def _cut_strokes(above: np.ndarray, below: np.ndarray) -> bool:
    """Rows of the ink mask on either side of an empty gap are one set of strokes cut in two:
    their ink lies in the same columns. Across a natural gap (between lines, or between an
    accent and its capital) it hardly does (overlap at most ~5 % on fax pages, cuts 20-65 %)."""
    shared = cv2.countNonZero(cv2.bitwise_and(above, below))
    return shared >= _DROPOUT_OVERLAP * cv2.countNonZero(cv2.bitwise_or(above, below))


def fill_dropouts(gray: np.ndarray) -> np.ndarray:
    """A fax or scanner dropout: a row or two with no ink at all right through a text line,
    which splits every letter in two halves Tesseract cannot read. Across such rows a pixel is
    made as dark as the lighter of its neighbours just above and just below the gap, which
    joins the strokes that cross it and nothing else."""
    ink = ink_mask(gray)
    rows = cv2.reduce(ink, 1, cv2.REDUCE_SUM, dtype=cv2.CV_32S).ravel() // 255
    inked = rows[rows > 0]
    if len(inked) < 50:
        return gray
    dense = 0.25 * float(np.percentile(inked, 90))
    empty = rows <= 0.05 * dense
    filled = gray
    # Only where an empty row follows an inked one can a gap start: no loop over every row.
    for y in np.flatnonzero(empty[1:] & (rows[:-1] >= 0.1 * dense)) + 1:
        end = y
        while end + 1 < len(rows) and empty[end + 1] and end - y + 1 < _DROPOUT_MAX:
            end += 1
        if (end + 1 < len(rows) and rows[end + 1] >= 0.1 * dense
                and _cut_strokes(ink[y - 1], ink[end + 1])
                and not _is_rule(ink[y - 1]) and not _is_rule(ink[end + 1])):
            if filled is gray:
                filled = gray.copy()
            filled[y:end + 1] = np.maximum(gray[y - 1], gray[end + 1])
    return filled


def remove_specks(gray: np.ndarray) -> np.ndarray:
    """Dust and toner dots far from any letter go. Diacritics and full stops sit next to
    their letter; hyphens and dashes are long, not round, and stay."""
    ink = ink_mask(gray)
    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    width, height = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    small = (stats[:, cv2.CC_STAT_AREA] < 120) & (width < 2 * height)
    small[0] = False
    if not small.any():
        return gray
    is_letter = (~small).astype(np.uint8) * 255
    is_letter[0] = 0
    letters = is_letter[labels]
    # "Near a letter": within ~60 px (a word space is 15-25), measured at quarter size.
    near = cv2.dilate(cv2.resize(letters, None, fx=0.25, fy=0.25,
                                 interpolation=cv2.INTER_AREA), np.ones((31, 31), np.uint8))
    near = cv2.resize(near, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_NEAREST)
    isolated = (small.astype(np.uint8) * 255)[labels]
    isolated[near > 0] = 0
    cleaned = gray.copy()
    cleaned[isolated > 0] = 255
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


# The chain after colour removal, in order (colour must come first: it makes the page grey).
_CHAIN: tuple[tuple[str, Callable[[np.ndarray], np.ndarray]], ...] = (
    ("page", crop_to_page),
    ("flatten", flatten_illumination),
    ("dropouts", fill_dropouts),
    ("upscale", upscale_small_text),
    ("denoise", denoise),
    ("binarise", binarise),
    ("lines", remove_lines),
    ("borders", clear_borders),
    ("specks", remove_specks),
)
# Every step, by the name the benchmark uses to leave it out (deskew runs after orientation;
# "native" shrinks an enlarged black-and-white page back once it is clean).
STEPS = ("colour", *(name for name, _ in _CHAIN), "native", "deskew")


def clean_page(image: np.ndarray, *, skip: frozenset[str] = frozenset()) -> CleanPage:
    """The clean-up chain, in order; `skip` names steps to leave out (for measurement)."""
    gray = to_gray(image) if "colour" in skip else drop_coloured_ink(image)
    bilevel = is_bilevel(gray)
    shape = gray.shape
    for name, step in _CHAIN:
        if name not in skip:
            if name == "upscale":
                shape = gray.shape  # after cropping, before enlarging
            gray = step(gray)
    blobs = len(text_heights(gray, letters_only=False))
    if bilevel and "native" not in skip:
        # The clean-up's sizes are for ~300-dpi letters; Tesseract reads a fax better small.
        gray = native_size(gray, shape)
    return CleanPage(image=gray, blank=blobs < BLANK_MAX_BLOBS, ink_blobs=blobs)


def shrink(gray: np.ndarray, *, max_side: int) -> np.ndarray:
    """A smaller copy for quick whole-page decisions (orientation)."""
    factor = max_side / max(gray.shape[:2])
    if factor >= 1.0:
        return gray
    return cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
