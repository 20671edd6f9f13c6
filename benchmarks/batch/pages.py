"""Seeded generator of benchmark pages: invented letters of the training corpus, one A4 page each.

The pages are rendered as an office scanner would give them (200 dpi, 12-pt serif, black on
white, a slight tilt and speckle), so they exercise the whole OCR clean-up, not a best case.
Images are written to a folder of the caller's choosing and are never committed.
"""

from __future__ import annotations

import json
import random
import textwrap
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "training_data" / "corpus.jsonl"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
DPI = 200


def letter_texts(count: int, seed: int) -> list[str]:
    """`count` letters of the corpus, drawn with a fixed seed."""
    with CORPUS.open(encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle if line.strip()]
    return random.Random(seed).sample(texts, count)


def render_page(text: str, rng: random.Random) -> Image.Image:
    width, height = int(8.27 * DPI), int(11.69 * DPI)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, int(12 * DPI / 72))
    margin, line_height = int(0.9 * DPI), int(12 * DPI / 72 * 1.45)
    lines = [wrapped for line in text.splitlines()
             for wrapped in (textwrap.wrap(line, 80) or [""])]
    y = margin
    for line in lines:
        if y > height - margin:
            break  # one page per letter: the rest would be a second page
        draw.text((margin, y), line, font=font, fill=0)
        y += line_height
    for _ in range(400):  # scanner dust
        x, y = rng.randrange(width), rng.randrange(height)
        draw.point((x, y), fill=rng.randrange(0, 120))
    return page.rotate(rng.uniform(-1.5, 1.5), fillcolor=255, resample=Image.Resampling.BICUBIC)


def generate(folder: Path, *, pages: int, seed: int = 20260601) -> list[Path]:
    """Write `pages` one-page PNG scans into `folder`; the same seed gives the same files."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for number, text in enumerate(letter_texts(pages, seed), 1):
        path = folder / f"scan-{number:04d}.png"
        render_page(text, rng).save(path, optimize=True)
        paths.append(path)
    return paths
