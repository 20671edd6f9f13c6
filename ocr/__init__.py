"""Scans (PDF, TIFF, JPEG, PNG) → pages → Vietnamese text. Knows nothing of the service."""

from ocr.errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedPdfError,
    EngineError,
    OcrError,
    PageNotFoundError,
    TooLargeError,
    UnsupportedFileError,
)
from ocr.models import Document, Letter, OcrConfig, Page
from ocr.parallel import become_page_worker
from ocr.pipeline import read, read_document, render_page
from ocr.redact import RedactedPage, redact_page
from ocr.text import normalise_text

__all__ = [
    "CorruptFileError",
    "Document",
    "EmptyFileError",
    "EncryptedPdfError",
    "EngineError",
    "Letter",
    "OcrConfig",
    "OcrError",
    "Page",
    "PageNotFoundError",
    "RedactedPage",
    "TooLargeError",
    "UnsupportedFileError",
    "become_page_worker",
    "normalise_text",
    "read",
    "read_document",
    "redact_page",
    "render_page",
]
