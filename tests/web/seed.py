"""Letters for the browser tests, seeded through the service's own data layer.

Each seeded letter is real: a PNG rendered from an invented letter of the corpus is stored as the
original (so the page image comes from the service), the corpus text stands in for the OCR text,
and the real classifier makes the suggestion. Rows are written in one transaction that ends in
`suggested`, so the server's worker pool never claims them: seeding ten letters takes a second,
where reading ten scans with Tesseract would take most of the suite's time budget.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

import classifier
from classifier.corpus import Record, load_jsonl
from service.db import session_scope
from service.letters import store_upload
from service.models import SUGGESTED, Letter, Page, User
from service.settings import Settings
from service.tasks import save_suggestion
from tests.fixtures.make_fixtures import render

ROOT = Path(__file__).resolve().parents[2]
PREVIEW_DPI = 72  # small pages: enough to see the letter, quick to render and to serve
LINE_CHARS = 80  # an A4 line of 12-pt type; longer corpus lines would run off the page


def _wrapped(text: str) -> str:
    return "\n".join(wrapped for line in text.splitlines()
                     for wrapped in (textwrap.wrap(line, LINE_CHARS) or [""]))


def not_a_denunciation(suggestion: classifier.Suggestion) -> bool:
    """Officers see the scan of these at once (a denunciation's scan is veiled for them)."""
    return suggestion.loai_don != "to_cao"


class Seeder:
    """Hands out corpus letters in order, so no two seeded letters share a file hash."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.model = classifier.load_model(settings.model_path)
        self.records = iter(load_jsonl(ROOT / "training_data" / "corpus.jsonl"))

    def _records(self, wanted: Callable[[Record], bool]) -> Iterator[Record]:
        for record in self.records:
            if wanted(record):
                yield record

    def letters(self, count: int, *, ngay_nhan: date,
                wanted: Callable[[Record], bool] = lambda record: True,
                accept: Callable[[classifier.Suggestion], bool] = lambda suggestion: True,
                needs_transcription: bool = False, pages: int = 1) -> list[int]:
        """`count` suggested letters of corpus records `wanted` whose suggestion we `accept`."""
        config = self.settings.classifier_config()
        ids: list[int] = []
        with session_scope(self.settings) as session:
            clerk = session.scalar(select(User).where(User.role == "clerk"))
            for record in self._records(wanted):
                text = record.text
                suggestion = classifier.suggest(
                    text, config=config, model=self.model, ngay_nhan=ngay_nhan,
                    ocr_confidence=0.4 if needs_transcription else 0.95,
                    needs_transcription=needs_transcription)
                if not accept(suggestion):
                    continue
                ids.append(self._store(
                    session, record, text, suggestion.to_dict(), clerk,
                    ngay_nhan=ngay_nhan, needs_transcription=needs_transcription, pages=pages))
                if len(ids) == count:
                    break
        if len(ids) < count:
            raise RuntimeError(f"the corpus ran out: {len(ids)} of {count} letters seeded")
        return ids

    def _store(self, session: Session, record: Record, text: str,
               suggestion: dict[str, object], clerk: User | None, *, ngay_nhan: date,
               needs_transcription: bool, pages: int) -> int:
        lines = text.splitlines()
        size = -(-len(lines) // pages)
        texts = ["\n".join(lines[i:i + size]) for i in range(0, len(lines), size)]
        images = [render(_wrapped(page_text), dpi=PREVIEW_DPI) for page_text in texts]
        scan = io.BytesIO()
        kind = "tif" if len(images) > 1 else "png"  # several pages: a multi-page TIFF
        images[0].save(scan, format="TIFF" if kind == "tif" else "PNG", save_all=True,
                       append_images=images[1:])
        ids, _ = store_upload(session, scan.getvalue(), f"{record.id}.{kind}",
                              ngay_nhan, clerk, settings=self.settings)
        letter = session.get(Letter, ids[0])
        assert letter is not None
        letter.file.pages_count = len(texts)
        letter.first_page, letter.last_page = 1, len(texts)
        letter.ocr_confidence = 0.4 if needs_transcription else 0.95
        for number, page_text in enumerate(texts, 1):
            session.add(Page(letter_id=letter.id, number=number, source_page=number,
                             text="" if needs_transcription else page_text,
                             confidence=letter.ocr_confidence,
                             needs_transcription=needs_transcription))
        save_suggestion(session, letter.id, suggestion)
        letter.status = SUGGESTED
        return int(letter.id)
