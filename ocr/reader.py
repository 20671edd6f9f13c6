"""One page image → a Page: clean-up, orientation, Tesseract, and a verdict on the result."""

from __future__ import annotations

import numpy as np

from ocr import engine, preprocess
from ocr.models import OcrConfig, Page
from ocr.text import normalise_text
from ocr.vietnamese import syllable_share

# OSD reads a page shrunk to this many pixels on its long side: as sure, four times quicker.
_OSD_MAX_SIDE = 1800
# OSD's own confidence below which its verdict is not trusted (a wrong turn costs a page).
_OSD_MIN_CONFIDENCE = 1.5
# A page with this many letter-sized blobs but almost no text read is unread, not empty.
_MIN_LETTERS = 15
# Words needed before the share of Vietnamese syllables says anything.
_MIN_WORDS_FOR_SHARE = 8


def orient(gray: np.ndarray, config: OcrConfig) -> tuple[np.ndarray, int]:
    """Turn the page upright by Tesseract's orientation detection (90/180/270)."""
    small = preprocess.shrink(gray, max_side=_OSD_MAX_SIDE)
    rotation, confidence = engine.detect_rotation(small, timeout=config.timeout_seconds)
    if rotation == 0 or confidence < _OSD_MIN_CONFIDENCE:
        return gray, 0
    return preprocess.quarter_turn(gray, rotation), rotation


def verdict(text: str, confidence: float, config: OcrConfig) -> tuple[bool, tuple[str, ...]]:
    """(needs transcription, why): too little read, low confidence, or not Vietnamese."""
    reasons: list[str] = []
    if sum(ch.isalpha() for ch in text) < _MIN_LETTERS:
        reasons.append("nothing_read")
    elif confidence < config.low_confidence:
        reasons.append("low_confidence")
    share, words = syllable_share(text)
    if words >= _MIN_WORDS_FOR_SHARE and share < config.min_syllable_share:
        reasons.append("not_vietnamese")
    return bool(reasons), tuple(reasons)


def read_page(image: np.ndarray, number: int, config: OcrConfig) -> Page:
    """Read one page image (RGB or grey) as the page `number` of its file."""
    if config.preprocess:
        cleaned = preprocess.clean_page(image, skip=config.skip_steps)
    else:
        gray = preprocess.to_gray(image)
        cleaned = preprocess.CleanPage(gray, blank=False, ink_blobs=0)
    if cleaned.blank:
        return Page(number=number, text="", confidence=0.0, source="ocr", blank=True)
    gray, rotation = orient(cleaned.image, config)
    if config.preprocess:
        gray, _ = preprocess.deskew(gray, skip=config.skip_steps)
    result = engine.recognise(gray, lang=config.lang, timeout=config.timeout_seconds,
                              psm=config.psm)
    text = normalise_text(result.text)
    needs, reasons = verdict(text, result.confidence, config)
    return Page(
        number=number, text="" if needs else text, confidence=round(result.confidence, 1),
        source="ocr", needs_transcription=needs, rotation=rotation, warnings=reasons,
        rejected_text=text if needs else "",
    )
