"""Scan → letters → suggestions: the one function the CLI, the API workers and batch share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import classifier
import ocr
from service.settings import Settings


@dataclass(frozen=True)
class ProcessedLetter:
    letter: ocr.Letter
    suggestion: classifier.Suggestion

    def to_dict(self) -> dict[str, Any]:
        """Suggestion JSON plus where the letter sits in the scan."""
        data = self.suggestion.to_dict()
        data["pages"] = {"first": self.letter.first_page, "last": self.letter.last_page}
        data["boundary_confidence"] = round(self.letter.boundary_confidence, 3)
        return data


def process_file(path: Path, settings: Settings, *, ngay_nhan: date | None = None
                 ) -> list[ProcessedLetter]:
    """OCR a scan, split it into letters and classify each one."""
    document = read_file(path, settings)
    received = ngay_nhan or date.today()
    return [ProcessedLetter(letter=letter, suggestion=classify_letter(
        letter.text, settings, ngay_nhan=received,
        ocr_confidence=letter.confidence / 100.0,
        needs_transcription=letter.needs_transcription or not letter.text.strip(),
    )) for letter in document.letters]


def read_file(path: Path, settings: Settings) -> ocr.Document:
    """Every page of a scan, split into letters."""
    return ocr.read_document(path, settings.ocr_config())


def classify_letter(text: str, settings: Settings, *, ngay_nhan: date,
                    ocr_confidence: float | None, needs_transcription: bool
                    ) -> classifier.Suggestion:
    """The suggestion for one letter's text (ocr_confidence 0..1)."""
    return classifier.suggest(
        text, config=settings.classifier_config(), ngay_nhan=ngay_nhan,
        ocr_confidence=None if ocr_confidence is None else round(ocr_confidence, 3),
        needs_transcription=needs_transcription,
    )
