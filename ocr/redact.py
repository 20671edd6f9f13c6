"""Blacking out a denouncer's identity on a page image (LTC Điều 47): the name, address, ID and
phone numbers wherever Tesseract reads them, and the handwritten signature above the signed name.
"""

from __future__ import annotations

import difflib
import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PIL import Image

from ocr import preprocess
from ocr.engine import WordBox, detect_rotation, word_boxes
from ocr.models import OcrConfig
from ocr.reader import OSD_MAX_SIDE, OSD_MIN_CONFIDENCE  # orientation as the reader finds it

# Preview images are ~150 dpi: Tesseract finds small words better on a page twice that size.
_READ_SCALE = 2.0
_PAD = 3  # pixels around a word: anti-aliased edges and accents above the box stay legible
_FUZZY = 0.85  # a multi-word phrase read with a letter or two wrong still matches
_FUZZY_DIGITS = 0.9  # one digit of an ID or phone number misread (11 of 12 right: 0.92)
REDACTION_VERSION = 2  # part of cached images' names: a better redaction replaces them
_SIGNATURE_LINES = 5  # a signature is at most this many text lines tall above the signed name
_MAX_PHRASE_WORDS = 40


@dataclass(frozen=True)
class RedactedPage:
    png: bytes
    regions: int  # rectangles blacked out
    missing: tuple[str, ...]  # phrases not found on this page (a later page, or unreadable)
    # Of those, the ones the page's own reading (expected_text) holds: the image still shows
    # them somewhere redaction could not find them, so it must not be shown.
    unsafe: tuple[str, ...] = ()


def phrase_key(text: str) -> str:
    """Letters and digits only, accent-free and lower case: "Trần Thị," ≈ "Tran Thi"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if c.isalnum() and unicodedata.category(c) != "Mn"
                   ).lower()


def _exact_runs(keys: list[str], target: str) -> list[tuple[int, int]]:
    """(first, last) word indices whose keys joined equal the target: a phrase Tesseract split
    into several words ("0908 123 456") or across lines."""
    runs = []
    for first in range(len(keys)):
        joined = ""
        for last in range(first, min(first + _MAX_PHRASE_WORDS, len(keys))):
            joined += keys[last]
            if joined == target:
                runs.append((first, last))
                break
            if not target.startswith(joined):
                break
    return runs


def _fuzzy_runs(keys: list[str], target: str, sizes: Sequence[int],
                threshold: float) -> list[tuple[int, int]]:
    """Windows of a few words that read nearly as the phrase: a letter or digit misread."""
    runs: list[tuple[int, int]] = []
    for size in sizes:
        for first in range(len(keys) - size + 1):
            joined = "".join(keys[first:first + size])
            if difflib.SequenceMatcher(None, joined, target).ratio() >= threshold:
                runs.append((first, first + size - 1))
    return runs


def _digits(key: str) -> str:
    return "".join(c for c in key if c.isdigit())


def find_phrase(boxes: Sequence[WordBox], phrase: str) -> list[tuple[int, int]]:
    """Where a phrase stands among the page's words, as (first, last) word indices. Misreadings
    are tolerated: hiding a neighbouring word too costs less than leaving a name legible."""
    target = phrase_key(phrase)
    if len(target) < 3:
        return []
    keys = [phrase_key(box.text) for box in boxes]
    exact = set(_exact_runs(keys, target))
    if target.isdigit():  # an ID or phone number: in digit groups, or glued to "CCCD:", "SĐT:"
        fuzzy = set(_fuzzy_runs([_digits(k) for k in keys], target, range(1, 5),
                                _FUZZY_DIGITS))
    else:
        words = len(phrase.split())
        fuzzy = (set(_fuzzy_runs(keys, target, range(max(words - 1, 1), words + 2), _FUZZY))
                 if words >= 2 else set())
    # Every exact run is kept; a misread window is dropped only when it is an exact run plus a
    # neighbouring word ("là Trần Thị Mai Hương"). What remains is blacked out as a union.
    kept = exact | {run for run in fuzzy if not _holds_another(run, exact)}
    if target.isdigit():  # wordless neighbours add no digit: keep the tightest windows only
        kept = {run for run in kept if not _holds_another(run, kept)}
    return sorted(kept)


def _holds_another(run: tuple[int, int], others: set[tuple[int, int]]) -> bool:
    return any(run != other and run[0] <= other[0] and other[1] <= run[1] for other in others)


def _signature_band(boxes: Sequence[WordBox], first: int, last: int) -> tuple[int, ...]:
    """The space above a signed name, up to the line of text above it: where the signature is.
    With no room there, a line and a half above the name (a signature squeezed in)."""
    name = boxes[first:last + 1]
    left, right = min(b.left for b in name), max(b.right for b in name)
    top = min(b.top for b in name)
    height = max(max(b.bottom for b in name) - top, 1)
    width = right - left
    span = (left - width // 2, right + width // 2)
    # Only confident words of real letters bound it: a scribble read as "Ư" or "~" does not.
    above = [b.bottom for b in boxes if b.bottom < top - height // 3
             and b.right > span[0] and b.left < span[1] and b.confidence >= 60
             and sum(c.isalpha() for c in b.text) >= 2]
    ceiling = max([top - _SIGNATURE_LINES * height, *above])
    if top - ceiling < height:
        ceiling = top - 3 * height // 2
    return span[0], max(ceiling, 0), span[1], top


def _read_words(gray: np.ndarray, config: OcrConfig) -> list[WordBox]:
    """The page's words with boxes in the page's own pixels (read enlarged)."""
    enlarged = preprocess.enlarge(gray, _READ_SCALE)
    read = word_boxes(enlarged, lang=config.lang, timeout=config.timeout_seconds, psm=config.psm)
    return [WordBox(b.text, int(b.left / _READ_SCALE), int(b.top / _READ_SCALE),
                    int(np.ceil(b.right / _READ_SCALE)), int(np.ceil(b.bottom / _READ_SCALE)),
                    b.line, b.confidence) for b in read]


Runs = dict[str, list[tuple[int, int]]]


def _locate(boxes: Sequence[WordBox], phrases: Sequence[str]) -> Runs:
    """Each phrase's runs among the page's words (empty: not found)."""
    return {phrase: find_phrase(boxes, phrase) for phrase in phrases}


def _unfound(located: Runs) -> int:
    return sum(1 for runs in located.values() if not runs)


def _upright(image: np.ndarray, gray: np.ndarray, phrases: Sequence[str],
             config: OcrConfig) -> tuple[np.ndarray, list[WordBox], Runs]:
    """The page as scanned, or turned upright when it was scanned sideways or upside down and
    the identity is found only that way (the redacted image is then shown upright)."""
    boxes = _read_words(gray, config)
    located = _locate(boxes, phrases)
    if not _unfound(located):
        return image, boxes, located
    small = preprocess.shrink(gray, max_side=OSD_MAX_SIDE)
    rotation, confidence = detect_rotation(small, timeout=config.timeout_seconds)
    if rotation == 0 or confidence < OSD_MIN_CONFIDENCE:
        return image, boxes, located
    turned = _read_words(preprocess.quarter_turn(gray, rotation), config)
    turned_located = _locate(turned, phrases)
    if _unfound(turned_located) < _unfound(located):
        return preprocess.quarter_turn(image, rotation), turned, turned_located
    return image, boxes, located


def redact_page(png: bytes, phrases: Sequence[str], *, signers: Sequence[str] = (),
                expected_text: str = "", config: OcrConfig | None = None) -> RedactedPage:
    """The page with every phrase blacked out where it is read, and the signature above the
    lowest place each signer's name stands on the page. `expected_text`, the page's text as the
    letter was read, tells which missing phrases are on the page all the same (`unsafe`)."""
    config = config or OcrConfig()
    phrases = list(dict.fromkeys(p for p in phrases if p))
    image = np.array(Image.open(io.BytesIO(png)).convert("RGB"))
    image, boxes, located = _upright(image, preprocess.to_gray(image), phrases, config)
    image = np.ascontiguousarray(image)
    rectangles: list[tuple[int, ...]] = [
        (b.left, b.top, b.right, b.bottom)
        for runs in located.values() for first, last in runs for b in boxes[first:last + 1]]
    missing = [phrase for phrase, runs in located.items() if not runs]
    for signer in dict.fromkeys(s for s in signers if s):
        runs = located[signer] if signer in located else find_phrase(boxes, signer)
        if runs:
            rectangles.append(_signature_band(boxes, *max(runs, key=lambda r: boxes[r[0]].top)))
    for left, top, right, bottom in rectangles:
        image[max(top - _PAD, 0):bottom + _PAD + 1, max(left - _PAD, 0):right + _PAD + 1] = 0
    out = io.BytesIO()
    Image.fromarray(image).save(out, "PNG")
    expected = phrase_key(expected_text)
    unsafe = tuple(phrase for phrase in missing if phrase_key(phrase) in expected)
    return RedactedPage(out.getvalue(), len(rectangles), tuple(missing), unsafe)
