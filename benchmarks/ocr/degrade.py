"""Seeded degradations of a clean page: what scanners, fax machines and phones do to a letter.

Every function takes a grey (H, W) uint8 page and a random generator and returns a new image
(grey, or RGB where colour matters).
"""

from __future__ import annotations

import io
import math
import random

import cv2
import numpy as np
from PIL import Image

RED = (200, 35, 45)
BLUE = (30, 60, 180)


def _np_rng(rng: random.Random) -> np.random.Generator:
    return np.random.default_rng(rng.randrange(2**32))


def rotate_small(page: np.ndarray, degrees: float) -> np.ndarray:
    height, width = page.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    fill = (255, 255, 255) if page.ndim == 3 else 255
    return cv2.warpAffine(page, matrix, (width, height), flags=cv2.INTER_LINEAR,
                          borderValue=fill)


def skew(page: np.ndarray, rng: random.Random) -> np.ndarray:
    return rotate_small(page, rng.choice((-1, 1)) * rng.uniform(1.0, 5.0))


def quarter_turn(page: np.ndarray, degrees: int) -> np.ndarray:
    """The page scanned turned by 90/180/270 degrees (counter-clockwise)."""
    return np.ascontiguousarray(np.rot90(page, k=degrees // 90))


def noise(page: np.ndarray, rng: random.Random) -> np.ndarray:
    """Sensor noise plus speckle (dust, toner dots) and a few larger specks."""
    gen = _np_rng(rng)
    out = page.astype(np.float32) + gen.normal(0, rng.uniform(10, 20), page.shape)
    speckle = gen.random(page.shape)
    rate = rng.uniform(0.002, 0.005)
    out[speckle < rate / 2] = 0
    out[speckle > 1 - rate / 2] = 255
    image = np.clip(out, 0, 255).astype(np.uint8)
    for _ in range(rng.randint(20, 60)):
        centre = (rng.randrange(page.shape[1]), rng.randrange(page.shape[0]))
        cv2.circle(image, centre, rng.randint(2, 5), 0, -1)
    return image


def faded(page: np.ndarray, rng: random.Random) -> np.ndarray:
    """Low toner: ink only 35-55 % as dark, slightly blurred, on a greyish sheet."""
    strength = rng.uniform(0.35, 0.55)
    paper = rng.uniform(225, 245)
    out = paper - (255 - page.astype(np.float32)) * strength * paper / 255
    out = cv2.GaussianBlur(out, (0, 0), rng.uniform(0.6, 1.0))
    return np.clip(out, 0, 255).astype(np.uint8)


def jpeg(page: np.ndarray, rng: random.Random, quality: int | None = None) -> np.ndarray:
    buffer = io.BytesIO()
    Image.fromarray(page).save(buffer, "JPEG", quality=quality or rng.randint(12, 30))
    return np.asarray(Image.open(buffer))


def binarise_fax(page: np.ndarray, rng: random.Random) -> np.ndarray:
    """A fax: thresholded to pure black and white, with a little dropout and streaking."""
    gen = _np_rng(rng)
    blurred = cv2.GaussianBlur(page, (0, 0), 0.7).astype(np.float32)
    blurred += gen.normal(0, 18, page.shape)
    out = np.where(blurred < rng.uniform(120, 150), 0, 255).astype(np.uint8)
    for _ in range(rng.randint(1, 4)):  # scanner streaks
        y = rng.randrange(page.shape[0] - 2)
        out[y:y + rng.randint(1, 2), :] = rng.choice((0, 255))
    return out


def downscale(page: np.ndarray, factor: float) -> np.ndarray:
    return cv2.resize(page, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)


def phone_photo(page: np.ndarray, rng: random.Random) -> np.ndarray:
    """A phone photo: the sheet in perspective on a desk, a shadow, soft focus, JPEG."""
    gen = _np_rng(rng)
    height, width = page.shape
    paper = np.array([rng.uniform(230, 250), rng.uniform(225, 245), rng.uniform(210, 235)])
    colour = (page.astype(np.float32)[..., None] / 255.0) * paper[None, None, :]
    margin = int(0.06 * width)
    canvas_w, canvas_h = width + 2 * margin, height + 2 * margin
    source = np.float32([[0, 0], [width, 0], [width, height], [0, height]])

    def jitter(x: float, y: float) -> list[float]:
        spread = 0.035 * width
        return [x + margin + rng.uniform(-spread, spread),
                y + margin + rng.uniform(-spread, spread)]

    target = np.float32([jitter(0, 0), jitter(width, 0), jitter(width, height), jitter(0, height)])
    matrix = cv2.getPerspectiveTransform(source, target)
    desk = np.array([rng.uniform(60, 120), rng.uniform(50, 100), rng.uniform(40, 80)])
    warped = cv2.warpPerspective(colour, matrix, (canvas_w, canvas_h), flags=cv2.INTER_LINEAR,
                                 borderMode=cv2.BORDER_CONSTANT, borderValue=tuple(desk))
    # A soft shadow (a hand or the phone) falling across one side of the sheet.
    ys, xs = np.mgrid[0:canvas_h, 0:canvas_w].astype(np.float32)
    angle = rng.uniform(0, 2 * math.pi)
    ramp = (xs * math.cos(angle) + ys * math.sin(angle))
    ramp = (ramp - ramp.min()) / (ramp.max() - ramp.min())
    shadow = 1.0 - rng.uniform(0.35, 0.55) * np.clip((ramp - 0.45) * 3, 0, 1)
    lit = warped * shadow[..., None]
    lit = cv2.GaussianBlur(lit, (0, 0), rng.uniform(0.8, 1.3))
    lit += gen.normal(0, 4, lit.shape)
    rgb = np.clip(lit, 0, 255).astype(np.uint8)
    return jpeg(rgb, rng, quality=rng.randint(70, 88))


def _multiply(page_rgb: np.ndarray, mask: np.ndarray, colour: tuple[int, int, int]) -> None:
    """Ink laid over the page: darkens, never lightens (black text stays black)."""
    ink = np.array(colour, dtype=np.float32) / 255.0
    alpha = (mask.astype(np.float32) / 255.0)[..., None]
    page_rgb[:] = (page_rgb * (1 - alpha + alpha * ink)).astype(np.uint8)


def _stamp_mask(shape: tuple[int, int], centre: tuple[int, int], radius: int,
                rng: random.Random) -> np.ndarray:
    mask = np.zeros(shape, np.uint8)
    thickness = max(radius // 30, 4)
    cv2.circle(mask, centre, radius, 255, thickness)
    cv2.circle(mask, centre, int(radius * 0.8), 255, max(thickness // 2, 2))
    star = [(centre[0] + int(radius * 0.25 * math.cos(a)), centre[1] + int(radius * 0.25 *
             math.sin(a))) for a in np.linspace(-math.pi / 2, 3.5 * math.pi, 6)]
    cv2.fillPoly(mask, [np.array(star[::2] + star[1::2], np.int32)], 255)
    for k in range(22):  # the ring of lettering, as short bars
        a = 2 * math.pi * k / 22
        inner = (centre[0] + int(radius * 0.85 * math.cos(a)), centre[1] + int(radius * 0.85 *
                 math.sin(a)))
        outer = (centre[0] + int(radius * 0.95 * math.cos(a)), centre[1] + int(radius * 0.95 *
                 math.sin(a)))
        cv2.line(mask, inner, outer, 255, thickness)
    return cv2.GaussianBlur(mask, (0, 0), 1.2)


def _signature_mask(shape: tuple[int, int], origin: tuple[int, int], span: int,
                    rng: random.Random) -> np.ndarray:
    mask = np.zeros(shape, np.uint8)
    points = []
    for i in range(120):
        t = i / 119
        x = origin[0] + t * span + 0.08 * span * math.sin(t * rng.uniform(15, 25))
        y = origin[1] + 0.15 * span * math.sin(t * rng.uniform(6, 12) + rng.uniform(0, 3))
        points.append((int(x), int(y)))
    cv2.polylines(mask, [np.array(points, np.int32)], False, 255, rng.randint(4, 7),
                  lineType=cv2.LINE_AA)
    return mask


def stamps(page: np.ndarray, rng: random.Random) -> np.ndarray:
    """A red seal and blue signatures laid over the text (RGB)."""
    rgb = np.repeat(page[..., None], 3, axis=2).astype(np.uint8)
    height, width = page.shape
    for _ in range(rng.randint(1, 2)):
        radius = int(width * rng.uniform(0.09, 0.13))
        centre = (rng.randint(radius, width - radius), rng.randint(radius, height - radius))
        colour = RED if rng.random() < 0.75 else BLUE
        _multiply(rgb, _stamp_mask((height, width), centre, radius, rng), colour)
    for _ in range(rng.randint(1, 3)):
        span = int(width * rng.uniform(0.15, 0.3))
        origin = (rng.randint(0, width - span), rng.randint(span, height - span))
        colour = BLUE if rng.random() < 0.7 else RED
        _multiply(rgb, _signature_mask((height, width), origin, span, rng), colour)
    return rgb


def scribble_page(shape: tuple[int, int], rng: random.Random) -> np.ndarray:
    """A handwritten page: joined cursive-like strokes in lines (no printed text)."""
    height, width = shape
    page = np.full(shape, 250, np.uint8)
    y = int(0.08 * height)
    while y < 0.9 * height:
        x = int(0.1 * width)
        while x < 0.85 * width:
            span = rng.randint(int(0.04 * width), int(0.12 * width))
            points = []
            loops = rng.uniform(3, 7)
            for i in range(40):
                t = i / 39
                px = x + t * span + 0.02 * width * math.cos(2 * math.pi * loops * t)
                py = y + 0.012 * height * math.sin(2 * math.pi * loops * t + rng.uniform(0, 1))
                points.append((int(px), int(py)))
            cv2.polylines(page, [np.array(points, np.int32)], False, rng.randint(20, 60),
                          rng.randint(3, 5), lineType=cv2.LINE_AA)
            x += span + rng.randint(int(0.015 * width), int(0.03 * width))
        y += int(rng.uniform(0.035, 0.05) * height)
    return page


def photo_of_photo(page: np.ndarray, rng: random.Random) -> np.ndarray:
    """A photo of a screen or print: small, very blurred, moiré, low contrast."""
    gen = _np_rng(rng)
    small = downscale(page, rng.uniform(0.25, 0.35)).astype(np.float32)
    small = cv2.GaussianBlur(small, (0, 0), rng.uniform(2.2, 3.0))
    ys, xs = np.mgrid[0:small.shape[0], 0:small.shape[1]].astype(np.float32)
    moire = 25 * np.sin(xs * rng.uniform(0.6, 0.9) + ys * rng.uniform(0.2, 0.5))
    out = 128 + (small - 128) * 0.45 + moire + gen.normal(0, 10, small.shape)
    return np.clip(out, 0, 255).astype(np.uint8)


def light_scan(page: np.ndarray, rng: random.Random) -> np.ndarray:
    """An ordinary office scan: a little skew and noise (for stacks and multi-page files)."""
    gen = _np_rng(rng)
    out = rotate_small(page, rng.uniform(-1.5, 1.5)).astype(np.float32)
    out += gen.normal(0, 6, out.shape)
    return np.clip(out, 0, 255).astype(np.uint8)


def blank_sheet(shape: tuple[int, int], rng: random.Random) -> np.ndarray:
    """A separator sheet: paper tone, sensor noise, a few dust specks."""
    gen = _np_rng(rng)
    out = np.clip(gen.normal(rng.uniform(235, 250), 4, shape), 0, 255).astype(np.uint8)
    for _ in range(rng.randint(3, 15)):
        cv2.circle(out, (rng.randrange(shape[1]), rng.randrange(shape[0])), rng.randint(1, 3),
                   0, -1)
    return out
