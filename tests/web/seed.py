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
                needs_transcription: bool = False) -> list[int]:
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
                    ngay_nhan=ngay_nhan, needs_transcription=needs_transcription))
                if len(ids) == count:
                    break
        if len(ids) < count:
            raise RuntimeError(f"the corpus ran out: {len(ids)} of {count} letters seeded")
        return ids

    def _store(self, session: Session, record: Record, text: str,
               suggestion: dict[str, object], clerk: User | None, *, ngay_nhan: date,
               needs_transcription: bool) -> int:
        image = io.BytesIO()
        lines = [wrapped for line in text.splitlines()
                 for wrapped in (textwrap.wrap(line, LINE_CHARS) or [""])]
        render("\n".join(lines), dpi=PREVIEW_DPI).save(image, format="PNG")
        ids, _ = store_upload(session, image.getvalue(), f"{record.id}.png",
                              ngay_nhan, clerk, settings=self.settings)
        letter = session.get(Letter, ids[0])
        letter.file.pages_count = 1
        letter.first_page = letter.last_page = 1
        letter.ocr_confidence = 0.4 if needs_transcription else 0.95
        session.add(Page(letter_id=letter.id, number=1, source_page=1,
                         text="" if needs_transcription else text,
                         confidence=letter.ocr_confidence,
                         needs_transcription=needs_transcription))
        save_suggestion(session, letter.id, suggestion)
        letter.status = SUGGESTED
        return int(letter.id)
