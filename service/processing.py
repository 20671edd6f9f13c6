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
    document = ocr.read_document(path, settings.ocr_config())
    config = settings.classifier_config()
    received = ngay_nhan or date.today()
    results = []
    for letter in document.letters:
        suggestion = classifier.suggest(
            letter.text, config=config, ngay_nhan=received,
            ocr_confidence=round(letter.confidence / 100.0, 3),
            needs_transcription=letter.needs_transcription or not letter.text.strip(),
        )
        results.append(ProcessedLetter(letter=letter, suggestion=suggestion))
    return results
