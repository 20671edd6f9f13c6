"""Result and configuration types of the ocr library."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class OcrConfig:
    """How pages are read. The service builds one from its settings; tests build their own."""

    lang: str = "vie"
    dpi: int = 300
    timeout_seconds: float = 120.0
    max_pages: int = 200
    max_pixels: int = 120_000_000
    workers: int = 0  # 0: one process per core
    preprocess: bool = True
    low_confidence: float = 55.0  # below this mean word confidence a page needs transcription
    min_syllable_share: float = 0.6  # below this share of Vietnamese syllables: garbage
    split_stacks: bool = True
    # Tesseract's page segmentation mode: 4, "one column of text of varying sizes", chosen by
    # measurement (benchmarks/ocr/psm.py; the table is in benchmarks/ocr/README.md).
    psm: int = 4
    skip_steps: frozenset[str] = frozenset()  # clean-up steps to leave out (benchmarks only)


@dataclass(frozen=True)
class Page:
    """One page as read: its text, mean word confidence (0-100) and where the text came from."""

    number: int
    text: str  # empty when the page needs transcription: garbage is never passed on as text
    confidence: float
    source: str  # "ocr" or "text_layer"
    needs_transcription: bool = False
    rotation: int = 0  # degrees the page was turned clockwise to be upright
    warnings: tuple[str, ...] = ()
    blank: bool = False  # no letter-sized ink: a separator sheet
    rejected_text: str = ""  # what Tesseract made of a page that needs transcription


@dataclass(frozen=True)
class Letter:
    """A letter: one or more consecutive pages of a scan."""

    pages: tuple[Page, ...]
    first_page: int = 1
    boundary_confidence: float = 1.0

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.pages if p.text)

    @property
    def confidence(self) -> float:
        """Mean confidence of the pages that were read (an unreadable page counts with its
        low confidence), weighted by text length."""
        weighted = [(p.confidence, max(len(p.text or p.rejected_text), 1)) for p in self.pages
                    if p.text.strip() or p.needs_transcription]
        if not weighted:
            return 0.0
        total = sum(w for _, w in weighted)
        return sum(c * w for c, w in weighted) / total

    @property
    def last_page(self) -> int:
        return self.first_page + len(self.pages) - 1

    @property
    def needs_transcription(self) -> bool:
        return any(p.needs_transcription for p in self.pages)


@dataclass(frozen=True)
class Document:
    """A whole scan file: all its pages, and the letters it was split into."""

    kind: str  # "pdf", "tiff", "jpeg", "png"
    pages: tuple[Page, ...]
    letters: tuple[Letter, ...] = field(default=())
