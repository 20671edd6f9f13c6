"""Letter text → A4 page images (Pillow), with the text each page carries as ground truth."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from reportlab.pdfbase.ttfonts import TTFontFile

FONT_DIRS = (Path("/usr/share/fonts/truetype"), Path("/usr/share/fonts"))
# (regular, bold) file names; whichever are installed are used (setup.sh installs the rest).
FONT_FAMILIES = (
    ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"),
    ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf"),
    ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    ("NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf"),
    ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
)
A4_INCHES = (8.27, 11.69)
VIETNAMESE = "ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđĐơưƠƯ"


@dataclass(frozen=True)
class Font:
    name: str
    regular: Path
    bold: Path


@dataclass(frozen=True)
class Layout:
    font: Font
    points: float  # font size
    spacing: float  # line height / font size
    dpi: int = 300


def find_fonts() -> list[Font]:
    """The installed font families among FONT_FAMILIES (at least DejaVu is required)."""
    found: dict[str, Path] = {}
    for root in FONT_DIRS:
        if root.exists():
            for path in sorted(root.rglob("*.ttf")):
                if path.name not in found and _covers_vietnamese(path):
                    found[path.name] = path
    fonts = [
        Font(regular.removesuffix(".ttf"), found[regular], found.get(bold, found[regular]))
        for regular, bold in FONT_FAMILIES if regular in found
    ]
    if not fonts:
        raise SystemExit("no DejaVu/Liberation/Noto fonts: run benchmarks/ocr/setup.sh")
    return fonts


def _covers_vietnamese(path: Path) -> bool:
    """Old font releases (Liberation 1.x) lack the Vietnamese letters: skip them."""
    try:
        mapping = TTFontFile(str(path)).charToGlyph
    except Exception:
        return False
    return all(ord(ch) in mapping for ch in VIETNAMESE)


def random_layout(rng: random.Random, fonts: list[Font], *, dpi: int = 300) -> Layout:
    return Layout(font=rng.choice(fonts), points=rng.choice((12.0, 12.5, 13.0, 14.0)),
                  spacing=rng.uniform(1.3, 1.6), dpi=dpi)


def _is_heading(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(line) < 70


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont,
          width: int) -> list[str]:
    words, lines, current = text.split(), [], ""
    for word in words:
        trial = f"{current} {word}".strip()
        if current and draw.textlength(trial, font=font) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines


def render_pages(text: str, layout: Layout) -> list[tuple[Image.Image, str]]:
    """Lay the text out on as many A4 pages as it needs: [(grey image, the page's text)]."""
    dpi = layout.dpi
    width, height = int(A4_INCHES[0] * dpi), int(A4_INCHES[1] * dpi)
    size = round(layout.points * dpi / 72)
    regular = ImageFont.truetype(str(layout.font.regular), size)
    bold = ImageFont.truetype(str(layout.font.bold), size)
    left, right, top, bottom = (int(m * dpi) for m in (1.1, 0.8, 0.8, 0.8))
    line_height = round(size * layout.spacing)
    scratch = ImageDraw.Draw(Image.new("L", (1, 1)))
    placed: list[tuple[str, ImageFont.FreeTypeFont, bool]] = []  # (line, font, centred)
    for paragraph in text.splitlines():
        if not paragraph.strip():
            placed.append(("", regular, False))
            continue
        heading = _is_heading(paragraph)
        font = bold if heading else regular
        for line in _wrap(scratch, paragraph, font, width - left - right):
            placed.append((line, font, heading))
    pages: list[tuple[Image.Image, str]] = []
    per_page = (height - top - bottom) // line_height
    for start in range(0, len(placed), per_page):
        chunk = placed[start:start + per_page]
        while chunk and not chunk[0][0]:
            chunk = chunk[1:]
        if not chunk:
            continue
        image = Image.new("L", (width, height), 255)
        draw = ImageDraw.Draw(image)
        y = top
        for line, font, centred in chunk:
            x = (width - draw.textlength(line, font=font)) / 2 if centred else left
            draw.text((x, y), line, font=font, fill=0)
            y += line_height
        pages.append((image, "\n".join(line for line, _, _ in chunk if line)))
    return pages
