"""Degradations the main benchmark set does not draw, to check clean-up choices generalise:
a page curled near the binding, bleed-through of the back page on yellowed paper, and a thin
light typeface (worn ribbon, draft-mode printer)."""

from __future__ import annotations

import random

import cv2
import numpy as np

from benchmarks.ocr import degrade


def curled(page: np.ndarray, rng: random.Random) -> np.ndarray:
    """Lines bend near one edge, as a page photocopied from a bound file."""
    height, width = page.shape
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    depth = rng.uniform(15, 30)
    edge = np.clip((xs / width - 0.6) / 0.4, 0, 1) ** 2
    map_y = ys + depth * edge * np.sin(ys / height * np.pi)
    return cv2.remap(page, xs, map_y, cv2.INTER_LINEAR, borderValue=255)


def bleed_through(page: np.ndarray, rng: random.Random) -> np.ndarray:
    """The back page's text shows through, mirrored and faint, on yellowed paper (RGB)."""
    back = cv2.GaussianBlur(np.ascontiguousarray(page[:, ::-1]), (0, 0), 2.0)
    back = np.roll(back, rng.randint(-40, 40), axis=0).astype(np.float32)
    grey = page.astype(np.float32) * (1 - 0.25 * (1 - back / 255.0))
    paper = np.array([rng.uniform(235, 250), rng.uniform(220, 235), rng.uniform(180, 205)])
    return np.clip(grey[..., None] / 255.0 * paper, 0, 255).astype(np.uint8)


def thin_light(page: np.ndarray, rng: random.Random) -> np.ndarray:
    """Strokes eroded to hairlines and printed grey."""
    thin = cv2.dilate(page, np.ones((3, 3), np.uint8))  # dark strokes shrink
    light = 255 - (255 - thin.astype(np.float32)) * rng.uniform(0.5, 0.65)
    return degrade.jpeg(light.astype(np.uint8), rng, quality=60)


UNSEEN = {"curled": curled, "bleed_through": bleed_through, "thin_light": thin_light}
