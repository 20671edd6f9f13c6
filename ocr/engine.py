"""The one home of pytesseract: run Tesseract on a page image, always with a timeout."""

from __future__ import annotations

import re
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


def _word_table(image: np.ndarray, *, lang: str, timeout: float,
                psm: int) -> dict[str, list[object]]:
    config = f"--psm {psm} --oem 1 -c preserve_interword_spaces=0"
    try:
        data: dict[str, list[object]] = pytesseract.image_to_data(
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
    return data


def recognise(image: np.ndarray, *, lang: str, timeout: float, psm: int) -> EngineResult:
    """Read one page: text with line breaks, and the mean confidence of its words."""
    return assemble(_word_table(image, lang=lang, timeout=timeout, psm=psm))


@dataclass(frozen=True)
class WordBox:
    """One word Tesseract read, where it stands on the page (pixels), in reading order."""

    text: str
    left: int
    top: int
    right: int
    bottom: int
    line: tuple[int, int, int]  # (block, paragraph, line)
    confidence: float


def word_boxes(image: np.ndarray, *, lang: str, timeout: float, psm: int) -> list[WordBox]:
    """Every word of a page with its box: what redaction needs to find a name on the image."""
    return _words(_word_table(image, lang=lang, timeout=timeout, psm=psm))


def _words(data: dict[str, list[object]]) -> list[WordBox]:
    """image_to_data's table as words, in Tesseract's reading order (empty cells dropped)."""
    boxes: list[WordBox] = []
    for i, word in enumerate(data["text"]):
        token = str(word).strip()
        conf = float(str(data["conf"][i]))
        if not token or conf < 0:
            continue
        left, top = int(str(data["left"][i])), int(str(data["top"][i]))
        line = tuple(int(str(data[k][i])) for k in ("block_num", "par_num", "line_num"))
        boxes.append(WordBox(token, left, top, left + int(str(data["width"][i])),
                             top + int(str(data["height"][i])),
                             (line[0], line[1], line[2]), conf))
    return boxes


# A list item's marker: "21.", "3)", "a)", "IV.", "-", "•". Tesseract often reads a numbered
# list (a signature list, attachments, numbered points) as two blocks, the column of markers and
# then the column of items; the markers are put back at the start of their lines.
_MARKER = re.compile(r"^(\(?\d{1,3}[.)/:]?|\(?[a-zđ][.)]|[IVXLivxl]{1,5}[.)]|[-–—•*+])$")


@dataclass
class _Line:
    block: tuple[int, int]  # (block, paragraph): a blank line is written between paragraphs
    words: list[str]
    left: int
    right: int
    top: int
    bottom: int

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> int:
        return max(self.bottom - self.top, 1)


def assemble(data: dict[str, list[object]]) -> EngineResult:
    """Rebuild lines from image_to_data's word table and average the word confidences."""
    lines: dict[tuple[int, int, int], _Line] = {}
    confidences: list[float] = []
    for word in _words(data):
        found = lines.get(word.line)
        if found is None:
            lines[word.line] = _Line(word.line[:2], [word.text], word.left, word.right, word.top,
                                     word.bottom)
        else:
            found.words.append(word.text)
            found.left, found.right = min(found.left, word.left), max(found.right, word.right)
            found.top, found.bottom = min(found.top, word.top), max(found.bottom, word.bottom)
        confidences.append(word.confidence)
    ordered = _rejoin_list_markers(list(lines.values()))  # dicts keep Tesseract's order
    text_lines: list[str] = []
    previous: tuple[int, int] | None = None
    for item in ordered:
        if previous is not None and item.block != previous:
            text_lines.append("")
        text_lines.append(" ".join(item.words))
        previous = item.block
    mean = sum(confidences) / len(confidences) if confidences else 0.0
    return EngineResult(text="\n".join(text_lines), confidence=mean, words=len(confidences))


def _rejoin_list_markers(lines: list[_Line]) -> list[_Line]:
    """Lines whose paragraph holds nothing but list markers are joined to the line at their
    height just to their right; a marker with no such line stays where it was."""
    by_block: dict[tuple[int, int], list[_Line]] = {}
    for line in lines:
        by_block.setdefault(line.block, []).append(line)
    markers = {block for block, members in by_block.items()
               if all(len(m.words) == 1 and _MARKER.match(m.words[0]) for m in members)}
    if not markers:
        return lines
    joined: set[int] = set()
    # Right to left: with two columns of numbers, the inner one joins its item first.
    for marker in sorted((m for m in lines if m.block in markers), key=lambda m: -m.left):
        beside = [line for line in lines
                  if line.block not in markers and line.left >= marker.right
                  and line.left - marker.right <= 8 * max(marker.height, line.height)
                  and abs(line.middle - marker.middle) <= 0.5 * max(marker.height, line.height)]
        if beside:
            item = min(beside, key=lambda line: line.left)
            item.words.insert(0, marker.words[0])
            item.left = marker.left
            joined.add(id(marker))
    return [line for line in lines if id(line) not in joined]


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
