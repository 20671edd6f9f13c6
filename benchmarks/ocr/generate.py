"""The seeded benchmark set: degraded pages of our own letters, with their ground truth.

Texts are letters of the project's own invented corpus (training_data/corpus.jsonl); layouts,
fonts and degradations are drawn from a seeded generator, so the same seed gives the same set.
Images are written under benchmarks/ocr/generated/ (not committed).
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import pypdfium2
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from benchmarks.ocr import degrade
from benchmarks.ocr.render import Font, Layout, find_fonts, random_layout, render_pages

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "training_data" / "corpus.jsonl"
OUT = Path(__file__).resolve().parent / "generated"

# Single-page conditions: name → degradation of a clean 300-dpi grey page.
Degrade = Callable[[np.ndarray, random.Random], np.ndarray]
SINGLE: dict[str, Degrade] = {
    "clean": lambda p, r: p,
    "skew": degrade.skew,
    "rotated_90": lambda p, r: degrade.quarter_turn(p, 90),
    "rotated_180": lambda p, r: degrade.quarter_turn(p, 180),
    "rotated_270": lambda p, r: degrade.quarter_turn(p, 270),
    "noise": degrade.noise,
    "faded": degrade.faded,
    "jpeg": degrade.jpeg,
    "fax": degrade.binarise_fax,  # rendered at 150-200 dpi, see _fax_dpi
    "low_res": lambda p, r: degrade.downscale(p, r.uniform(100, 150) / 300),
    "phone_photo": degrade.phone_photo,
    "stamps": degrade.stamps,
}


@dataclass
class Sample:
    id: str
    condition: str
    path: str  # relative to the generated folder
    truth: list[str]  # ground-truth text per page ("" for a blank separator)
    plain_inputs: list[str] = field(default_factory=list)  # what plain Tesseract reads
    letter_starts: list[int] = field(default_factory=list)  # stacks: 1-based first pages
    needs_transcription: bool = False
    scanned_twin: str = ""  # text-layer PDFs: the same pages as an image-only PDF


def load_letters(seed: int) -> list[str]:
    """The corpus letters written with diacritics, in a seeded order."""
    # split("\n"), not splitlines(): letters may hold U+2028 and friends inside their strings.
    lines = CORPUS.read_text(encoding="utf-8").split("\n")
    rows = [json.loads(line) for line in lines if line.strip()]
    texts = [row["text"] for row in rows if not row.get("khong_dau")]
    random.Random(seed).shuffle(texts)
    return texts


def _save_png(image: np.ndarray, path: Path, *, dpi: int = 300) -> None:
    Image.fromarray(image).save(path, dpi=(dpi, dpi))


def _page_of(text: str, layout: Layout) -> tuple[np.ndarray, str]:
    image, truth = render_pages(text, layout)[0]
    return np.asarray(image), truth


class Generator:
    def __init__(self, seed: int, out: Path, fonts: list[Font]) -> None:
        self.rng = random.Random(seed)
        self.out = out
        self.fonts = fonts
        letters = load_letters(seed)
        self.short = iter([t for t in letters if 400 <= len(t) <= 1800])
        self.long = iter([t for t in letters if len(t) >= 2600])
        self.any = iter(letters)
        self.samples: list[Sample] = []

    def single(self, condition: str, index: int) -> None:
        rng = self.rng
        dpi = rng.randint(150, 200) if condition == "fax" else 300
        page, truth = _page_of(next(self.short), random_layout(rng, self.fonts, dpi=dpi))
        image = SINGLE[condition](page, rng)
        sample_id = f"{condition}-{index:02d}"
        suffix = ".jpg" if condition in ("jpeg", "phone_photo") else ".png"
        path = self.out / f"{sample_id}{suffix}"
        if suffix == ".jpg" and condition == "jpeg":
            Image.fromarray(image).save(path, quality=95)  # already degraded by degrade.jpeg
        elif suffix == ".jpg":
            Image.fromarray(image).save(path, quality=92)
        elif condition == "fax":
            Image.fromarray(image).convert("1").save(path, dpi=(dpi, dpi))
        else:
            _save_png(image, path, dpi=dpi if condition != "low_res" else 120)
        self.samples.append(Sample(sample_id, condition, path.name, [truth], [path.name]))

    def unreadable(self, condition: str, index: int) -> None:
        rng = self.rng
        if condition == "handwriting":
            image = degrade.scribble_page((3508, 2480), rng)
        else:
            page, _ = _page_of(next(self.short), random_layout(rng, self.fonts))
            image = degrade.photo_of_photo(page, rng)
        sample_id = f"{condition}-{index:02d}"
        path = self.out / f"{sample_id}.png"
        _save_png(image, path)
        self.samples.append(Sample(sample_id, condition, path.name, [""], [path.name],
                                   needs_transcription=True))

    def _letter_pages(self, text: str, degrade_page: Degrade) -> list[tuple[np.ndarray, str]]:
        layout = random_layout(self.rng, self.fonts)
        return [(degrade_page(np.asarray(img), self.rng), truth)
                for img, truth in render_pages(text, layout)]

    def _write_plain_pngs(self, sample_id: str, images: list[np.ndarray]) -> list[str]:
        names = []
        for number, image in enumerate(images, 1):
            name = f"{sample_id}-p{number}.png"
            _save_png(image, self.out / name)
            names.append(name)
        return names

    def multipage(self, condition: str, index: int) -> None:
        pages = self._letter_pages(next(self.long), degrade.light_scan)[:3]
        sample_id = f"{condition}-{index:02d}"
        images = [Image.fromarray(image) for image, _ in pages]
        if condition == "pdf":
            path = self.out / f"{sample_id}.pdf"
            images[0].save(path, save_all=True, append_images=images[1:], resolution=300)
            plain = self._write_plain_pngs(sample_id, [image for image, _ in pages])
        else:
            path = self.out / f"{sample_id}.tif"
            images[0].save(path, save_all=True, append_images=images[1:], dpi=(300, 300),
                           compression="tiff_lzw")
            plain = [path.name]  # Tesseract reads multi-page TIFFs itself
        self.samples.append(Sample(sample_id, condition, path.name, [t for _, t in pages],
                                   plain))

    def text_layer(self, index: int) -> None:
        text = next(self.long)
        sample_id = f"text_layer-{index:02d}"
        path = self.out / f"{sample_id}.pdf"
        truth = write_text_pdf(text, path, self.rng.choice(self.fonts))
        twin = self.out / f"{sample_id}-scan.pdf"
        images = rasterise(path)
        images[0].save(twin, save_all=True, append_images=images[1:], resolution=300)
        plain = self._write_plain_pngs(sample_id, [np.asarray(i) for i in images])
        self.samples.append(Sample(sample_id, "text_layer", path.name, truth, plain,
                                   scanned_twin=twin.name))

    def stack(self, index: int, letters: int = 10) -> None:
        rng = self.rng
        pages: list[tuple[np.ndarray, str]] = []
        starts: list[int] = []
        for number in range(letters):
            text = next(self.long) if rng.random() < 0.4 else next(self.any)
            starts.append(len(pages) + 1)
            pages.extend(self._letter_pages(text, degrade.light_scan)[:3])
            if number < letters - 1 and rng.random() < 0.3:
                pages.append((degrade.blank_sheet(pages[-1][0].shape, rng), ""))
        sample_id = f"stack-{index:02d}"
        images = [Image.fromarray(image) for image, _ in pages]
        if index % 2 == 0:
            path = self.out / f"{sample_id}.pdf"
            images[0].save(path, save_all=True, append_images=images[1:], resolution=300)
            plain = self._write_plain_pngs(sample_id, [image for image, _ in pages])
        else:
            path = self.out / f"{sample_id}.tif"
            binary = [image.convert("1") for image in images]
            binary[0].save(path, save_all=True, append_images=binary[1:], dpi=(300, 300),
                           compression="group4")
            plain = [path.name]
        self.samples.append(Sample(sample_id, "stack", path.name, [t for _, t in pages], plain,
                                   letter_starts=starts))


def write_text_pdf(text: str, path: Path, font: Font) -> list[str]:
    """A born-digital letter (reportlab, embedded TrueType font); returns each page's text."""
    pdfmetrics.registerFont(TTFont(font.name, str(font.regular)))
    pdf = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    size, leading, left = 12.5, 18.0, 80.0
    y = height - 60
    truth: list[str] = []
    current: list[str] = []
    for paragraph in text.splitlines():
        words = paragraph.split()
        line = ""
        wrapped: list[str] = []
        for word in words:
            trial = f"{line} {word}".strip()
            if line and pdfmetrics.stringWidth(trial, font.name, size) > width - left - 60:
                wrapped.append(line)
                line = word
            else:
                line = trial
        wrapped.append(line)
        for piece in wrapped:
            if y < 60:
                pdf.showPage()
                truth.append("\n".join(current))
                current, y = [], height - 60
            pdf.setFont(font.name, size)
            pdf.drawString(left, y, piece)
            if piece:
                current.append(piece)
            y -= leading
    pdf.showPage()
    truth.append("\n".join(current))
    pdf.save()
    return truth


def rasterise(path: Path, dpi: int = 300) -> list[Image.Image]:
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return [pdf[i].render(scale=dpi / 72).to_pil().convert("L") for i in range(len(pdf))]
    finally:
        pdf.close()


def generate(seed: int, *, quick: bool) -> tuple[Path, list[Sample]]:
    """Build (or reuse) the set for this seed and size; returns its folder and samples."""
    out = OUT / f"seed{seed}-{'quick' if quick else 'full'}"
    manifest = out / "manifest.json"
    if manifest.exists():
        return out, [Sample(**item) for item in json.loads(manifest.read_text("utf-8"))]
    out.mkdir(parents=True, exist_ok=True)
    per_condition = 2 if quick else 6
    gen = Generator(seed, out, find_fonts())
    for index in range(per_condition):
        for condition in SINGLE:
            gen.single(condition, index)
    for index in range(max(per_condition // 2, 1)):
        gen.multipage("pdf", index)
        gen.multipage("tiff", index)
        gen.text_layer(index)
        gen.unreadable("handwriting", index)
        gen.unreadable("photo_of_photo", index)
    for index in range(1 if quick else 4):
        gen.stack(index)
    manifest.write_text(json.dumps([asdict(s) for s in gen.samples], ensure_ascii=False,
                                   indent=1), "utf-8")
    return out, gen.samples
