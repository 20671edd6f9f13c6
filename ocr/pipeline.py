"""File → pages → text, read top to bottom."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

from ocr import engine, ingest, pdf, preprocess, stacks
from ocr.models import Document, Letter, OcrConfig, Page
from ocr.text import normalise_text

DEFAULT_CONFIG = OcrConfig()


def read(path: Path | str, config: OcrConfig = DEFAULT_CONFIG) -> Letter:
    """Read every page of a scan as one letter."""
    document = read_document(path, config)
    return Letter(pages=document.pages, first_page=1)


def read_document(path: Path | str, config: OcrConfig = DEFAULT_CONFIG) -> Document:
    """Read every page of a scan and split a stack into its letters."""
    path = Path(path)
    kind = ingest.sniff_kind(path)
    if kind == "pdf":
        pages = _read_pdf(path, config)
    else:
        pages = _ocr_images(list(ingest.iter_image_pages(path, config)), config, start=1)
    letters = stacks.split_letters(pages) if config.split_stacks else (Letter(pages=pages),)
    return Document(kind=kind, pages=pages, letters=letters)


def _read_pdf(path: Path, config: OcrConfig) -> tuple[Page, ...]:
    layer = pdf.read_text_layer(path, config)
    scanned = [i for i, text in enumerate(layer) if text is None]
    ocr_pages: dict[int, Page] = {}
    if scanned:
        images = list(pdf.render_pages(path, scanned, config))
        for index, page in zip(scanned, _ocr_images(images, config, start=1), strict=True):
            ocr_pages[index] = Page(
                number=index + 1, text=page.text, confidence=page.confidence, source="ocr",
                needs_transcription=page.needs_transcription, rotation=page.rotation,
            )
    result: list[Page] = []
    for index, text in enumerate(layer):
        if text is not None:
            result.append(Page(number=index + 1, text=normalise_text(text), confidence=100.0,
                               source="text_layer"))
        else:
            result.append(ocr_pages[index])
    return tuple(result)


def _ocr_images(images: list[np.ndarray], config: OcrConfig, *, start: int) -> tuple[Page, ...]:
    jobs = [(start + i, image, config) for i, image in enumerate(images)]
    workers = min(len(jobs), config.workers or os.cpu_count() or 1)
    if workers <= 1:
        return tuple(_ocr_page(job) for job in jobs)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return tuple(pool.map(_ocr_page, jobs))


def _ocr_page(job: tuple[int, np.ndarray, OcrConfig]) -> Page:
    number, image, config = job
    gray = preprocess.clean_page(image) if config.preprocess else preprocess.to_gray(image)
    rotation = engine.detect_rotation(gray, timeout=config.timeout_seconds)
    if rotation:
        gray = np.ascontiguousarray(np.rot90(gray, k=-rotation // 90))
    result = engine.recognise(gray, lang=config.lang, timeout=config.timeout_seconds)
    text = normalise_text(result.text)
    has_text = sum(ch.isalpha() for ch in text) >= 15
    needs = has_text and result.confidence < config.low_confidence
    warnings = ("low_confidence",) if needs else ()
    return Page(number=number, text=text, confidence=round(result.confidence, 1), source="ocr",
                needs_transcription=needs, rotation=rotation, warnings=warnings)
