"""The one home of pytesseract: run Tesseract on a page image, always with a timeout."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytesseract
from PIL import Image

from ocr.errors import EngineError


@dataclass(frozen=True)
class EngineResult:
    text: str
    confidence: float  # mean word confidence, 0-100
    words: int


def _call(function: str, *, timeout: float) -> EngineError:
    return EngineError(f"Tesseract took more than {timeout:g} s on a page ({function}); "
                       "rescan the page or raise the OCR timeout")


def _uncompressed(image: np.ndarray) -> Image.Image:
    """pytesseract hands Tesseract a temporary file in the image's own format, PNG by default:
    compressing a 300-dpi page costs ~0.1 s, a tenth of reading it. PNM is written as is."""
    pil = Image.fromarray(image)
    pil.format = "PPM"  # Pillow writes PGM for grey pages, PPM for colour
    return pil


def recognise(image: np.ndarray, *, lang: str, timeout: float, psm: int) -> EngineResult:
    """Read one page: text with line breaks, and the mean confidence of its words."""
    config = f"--psm {psm} --oem 1 -c preserve_interword_spaces=0"
    try:
        data = pytesseract.image_to_data(
            _uncompressed(image), lang=lang, config=config, timeout=timeout,
            output_type=pytesseract.Output.DICT,
        )
    except pytesseract.TesseractNotFoundError as e:
        raise EngineError(
            "Tesseract is not installed: apt-get install tesseract-ocr tesseract-ocr-vie"
        ) from e
    except pytesseract.TesseractError as e:  # a RuntimeError too: caught first
        raise EngineError(f"Tesseract failed: {e.message}; check the '{lang}' language data"
                          ) from e
    except RuntimeError as e:  # pytesseract's timeout
        raise _call("recognition", timeout=timeout) from e
    return assemble(data)


def assemble(data: dict[str, list[object]]) -> EngineResult:
    """Rebuild lines from image_to_data's word table and average the word confidences."""
    lines: dict[tuple[int, int, int], list[str]] = {}
    confidences: list[float] = []
    for i, word in enumerate(data["text"]):
        token = str(word).strip()
        conf = float(str(data["conf"][i]))
        if not token or conf < 0:
            continue
        key = (int(str(data["block_num"][i])), int(str(data["par_num"][i])),
               int(str(data["line_num"][i])))
        lines.setdefault(key, []).append(token)
        confidences.append(conf)
    text_lines: list[str] = []
    previous: tuple[int, int] | None = None
    for key, words in lines.items():  # dicts keep Tesseract's reading order
        if previous is not None and key[:2] != previous:
            text_lines.append("")
        text_lines.append(" ".join(words))
        previous = key[:2]
    mean = sum(confidences) / len(confidences) if confidences else 0.0
    return EngineResult(text="\n".join(text_lines), confidence=mean, words=len(confidences))


def detect_rotation(image: np.ndarray, *, timeout: float) -> tuple[int, float]:
    """(degrees to turn the page clockwise to make it upright, OSD's confidence in that)."""
    try:
        osd = pytesseract.image_to_osd(
            _uncompressed(image), config="--psm 0 -c min_characters_to_try=50", timeout=timeout,
            output_type=pytesseract.Output.DICT,
        )
    except pytesseract.TesseractError:  # a RuntimeError too: caught first
        return 0, 0.0  # too few letters to tell: leave the page as it is
    except RuntimeError as e:  # pytesseract's timeout
        raise _call("orientation", timeout=timeout) from e
    return int(osd.get("rotate", 0)) % 360, float(osd.get("orientation_conf", 0.0))
