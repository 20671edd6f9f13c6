"""One page image → a Page: clean-up, orientation, Tesseract, and a verdict on the result."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ocr import engine, preprocess
from ocr.models import OcrConfig, Page
from ocr.text import normalise_text
from ocr.vietnamese import syllable_share

# OSD reads a page shrunk to this many pixels on its long side: as sure, four times quicker.
OSD_MAX_SIDE = 1800
# OSD's own confidence below which its verdict is not trusted.
OSD_MIN_CONFIDENCE = 1.0
# A first reading this good needs no orientation check: upside-down or sideways text never
# reads as confident, well-formed Vietnamese.
_UPRIGHT_CONFIDENCE = 70.0
_UPRIGHT_SYLLABLES = 0.8
# Fewer letters than this read from a page with ink: unread, not empty.
_MIN_LETTERS = 15
# Words needed before the share of Vietnamese syllables says anything.
_MIN_WORDS_FOR_SHARE = 8


@dataclass(frozen=True)
class Reading:
    text: str
    confidence: float
    syllables: float  # share of words that are Vietnamese syllables
    rotation: int

    @property
    def quality(self) -> float:
        return self.confidence * self.syllables

    @property
    def looks_upright(self) -> bool:
        return (self.confidence >= _UPRIGHT_CONFIDENCE and self.syllables >= _UPRIGHT_SYLLABLES
                and sum(ch.isalpha() for ch in self.text) >= _MIN_LETTERS)


def recognise(gray: np.ndarray, rotation: int, config: OcrConfig) -> Reading:
    """Deskew (when cleaning up) and read; rotation is recorded, not applied here."""
    if config.preprocess:
        gray, _ = preprocess.deskew(gray, skip=config.skip_steps)
    result = engine.recognise(gray, lang=config.lang, timeout=config.timeout_seconds,
                              psm=config.psm)
    text = normalise_text(result.text)
    return Reading(text, result.confidence, syllable_share(text)[0], rotation)


def read_upright(gray: np.ndarray, config: OcrConfig) -> Reading:
    """Read the page as it is; only when that reads badly, ask Tesseract's orientation
    detection (OSD) and read the turned page too, keeping the better reading."""
    first = recognise(gray, 0, config)
    if first.looks_upright:
        return first
    small = preprocess.shrink(gray, max_side=OSD_MAX_SIDE)
    rotation, confidence = engine.detect_rotation(small, timeout=config.timeout_seconds)
    if rotation == 0 or confidence < OSD_MIN_CONFIDENCE:
        return first
    turned = recognise(preprocess.quarter_turn(gray, rotation), rotation, config)
    return turned if turned.quality > first.quality else first


def verdict(reading: Reading, config: OcrConfig) -> tuple[str, ...]:
    """Why the page needs transcription (empty: it does not): too little read, low
    confidence, or words that are not Vietnamese."""
    reasons: list[str] = []
    if sum(ch.isalpha() for ch in reading.text) < _MIN_LETTERS:
        reasons.append("nothing_read")
    elif reading.confidence < config.low_confidence:
        reasons.append("low_confidence")
    share, words = syllable_share(reading.text)
    if words >= _MIN_WORDS_FOR_SHARE and share < config.min_syllable_share:
        reasons.append("not_vietnamese")
    return tuple(reasons)


def read_page(image: np.ndarray, number: int, config: OcrConfig) -> Page:
    """Read one page image (RGB or grey) as the page `number` of its file."""
    if config.preprocess:
        cleaned = preprocess.clean_page(image, skip=config.skip_steps)
    else:
        cleaned = preprocess.CleanPage(preprocess.to_gray(image), blank=False, ink_blobs=0)
    if cleaned.blank:
        return Page(number=number, text="", confidence=0.0, source="ocr", blank=True)
    reading = read_upright(cleaned.image, config)
    reasons = verdict(reading, config)
    return Page(
        number=number, text="" if reasons else reading.text,
        confidence=round(reading.confidence, 1), source="ocr",
        needs_transcription=bool(reasons), rotation=reading.rotation, warnings=reasons,
        rejected_text=reading.text if reasons else "",
    )
