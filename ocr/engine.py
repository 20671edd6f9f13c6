"""The one home of pytesseract: run Tesseract on a page image with a timeout."""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np
import pytesseract

from ocr.errors import EngineError

# One Tesseract thread per process: pages run in parallel processes instead.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


@dataclass(frozen=True)
class EngineResult:
    text: str
    confidence: float  # mean word confidence, 0-100
    words: int


def recognise(image: np.ndarray, *, lang: str, timeout: float, psm: int = 3) -> EngineResult:
    """Read one page: text with line breaks, and the mean confidence of its words."""
    config = f"--psm {psm} --oem 1"
    try:
        data = pytesseract.image_to_data(
            image, lang=lang, config=config, timeout=timeout, output_type=pytesseract.Output.DICT
        )
    except RuntimeError as e:  # pytesseract raises RuntimeError on timeout
        raise EngineError(f"Tesseract took more than {timeout:.0f} s on a page; rescan it") from e
    except pytesseract.TesseractNotFoundError as e:
        raise EngineError(
            "Tesseract is not installed: apt-get install tesseract-ocr tesseract-ocr-vie"
        ) from e
    except pytesseract.TesseractError as e:
        raise EngineError(f"Tesseract failed: {e.message}") from e
    return _assemble(data)


def _assemble(data: dict[str, list[object]]) -> EngineResult:
    """Rebuild lines from image_to_data's word table and average the word confidences."""
    lines: dict[tuple[int, int, int], list[str]] = {}
    order: list[tuple[int, int, int]] = []
    confidences: list[float] = []
    for i, word in enumerate(data["text"]):
        token = str(word).strip()
        conf = float(str(data["conf"][i]))
        if not token or conf < 0:
            continue
        key = (int(str(data["block_num"][i])), int(str(data["par_num"][i])),
               int(str(data["line_num"][i])))
        if key not in lines:
            lines[key] = []
            order.append(key)
        lines[key].append(token)
        confidences.append(conf)
    text_lines: list[str] = []
    previous_block: tuple[int, int] | None = None
    for key in order:
        if previous_block is not None and key[:2] != previous_block:
            text_lines.append("")
        text_lines.append(" ".join(lines[key]))
        previous_block = key[:2]
    mean = sum(confidences) / len(confidences) if confidences else 0.0
    return EngineResult(text="\n".join(text_lines), confidence=mean, words=len(confidences))


def detect_rotation(image: np.ndarray, *, timeout: float) -> int:
    """Degrees (0/90/180/270) the page must be turned clockwise to be upright, by Tesseract OSD."""
    try:
        osd = pytesseract.image_to_osd(
            image, config="--psm 0", timeout=timeout, output_type=pytesseract.Output.DICT
        )
    except (pytesseract.TesseractError, RuntimeError):
        return 0  # too little text to tell: leave the page as it is
    if float(osd.get("orientation_conf", 0.0)) < 2.0:
        return 0
    return int(osd.get("rotate", 0)) % 360
