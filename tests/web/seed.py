"""Letters for the browser tests, put in through the service's own data layer and classified
by the live server's own workers.

Each seeded letter is real: a scan rendered from an invented letter of the corpus is stored as
the original (so the page images come from the service), its pages hold the corpus text as if
Tesseract had read it, and the letter enters the queue in state `read`; the server's worker pool
then classifies it like any other. Skipping only the OCR step makes ten letters ready in a
second or two, where reading ten scans would take most of the suite's time budget.
"""

from __future__ import annotations

import io
import textwrap
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from classifier.corpus import Record, load_jsonl
from service.db import session_scope
from service.identity import IDENTITY_KEYS, identity_dict, store_identity
from service.letters import store_upload
from service.models import READ, SUGGESTED, Identity, Letter, Page, User
from service.settings import Settings
from tests.fixtures.make_fixtures import render

ROOT = Path(__file__).resolve().parents[2]
PREVIEW_DPI = 72  # small pages: enough to see the letter, quick to render and to serve
LINE_CHARS = 80  # an A4 line of 12-pt type; longer corpus lines would run off the page
# The server's first classification loads the model; the machine may be busy.
READY_TIMEOUT_SECONDS = 180.0

Suggestion = dict[str, Any]  # the DESIGN.md JSON, identity included (as an entitled role sees)


def not_a_denunciation(_record: Record, suggestion: Suggestion) -> bool:
    """Officers see the scan of these at once (a denunciation's scan is veiled for them)."""
    return suggestion["loai_don"] != "to_cao"


def _wrapped(text: str) -> str:
    return "\n".join(wrapped for line in text.splitlines()
                     for wrapped in (textwrap.wrap(line, LINE_CHARS) or [""]))


class SeedError(RuntimeError):
    """The corpus ran out, or the server did not classify in time."""


class Seeder:
    """Hands out corpus letters in order, so no two seeded letters share a file hash."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.records = iter(load_jsonl(ROOT / "training_data" / "corpus.jsonl"))

    def _next(self, wanted: Callable[[Record], bool], count: int) -> list[Record]:
        chosen: list[Record] = []
        for record in self.records:
            if wanted(record):
                chosen.append(record)
                if len(chosen) == count:
                    break
        return chosen

    def letters(self, count: int, *, ngay_nhan: date,
                wanted: Callable[[Record], bool] = lambda record: True,
                accept: Callable[[Record, Suggestion], bool] | None = None,
                needs_transcription: bool = False, pages: int = 1,
                known_writer: bool = False) -> list[int]:
        """`count` suggested letters made from corpus records `wanted`, keeping those whose
        suggestion we `accept` (the others stay in the queue: drain_queue clears them).

        known_writer: the identity the service holds apart is the record's true one, not
        what extraction found (which may be nothing), so that a test knows what must be masked.
        """
        ids: list[int] = []
        spare = 0 if accept is None else 2  # a filter rejects some: seed a few more at once
        while len(ids) < count:
            records = self._next(wanted, count - len(ids) + spare)
            if not records:
                raise SeedError(f"the corpus ran out: {len(ids)} of {count} letters seeded")
            with session_scope(self.settings) as session:
                clerk = session.scalar(select(User).where(User.role == "clerk"))
                batch = [(self._store(session, record, clerk, ngay_nhan=ngay_nhan,
                                      needs_transcription=needs_transcription, pages=pages),
                          record) for record in records]
            classified = self._classified([letter_id for letter_id, _ in batch])
            for (letter_id, suggestion), (_, record) in zip(classified, batch, strict=True):
                if (accept is None or accept(record, suggestion)) and len(ids) < count:
                    ids.append(letter_id)
                    if known_writer:
                        self._record_identity(letter_id, record)
        return ids

    def _classified(self, batch: list[int]) -> list[tuple[int, Suggestion]]:
        deadline = time.monotonic() + READY_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            with session_scope(self.settings) as session:
                letters = list(session.scalars(select(Letter).where(Letter.id.in_(batch))
                                               .order_by(Letter.id)))
                if all(letter.status == SUGGESTED for letter in letters):
                    return [(letter.id, self._suggestion(letter)) for letter in letters]
                failed = [f"{letter.id}: {letter.error}" for letter in letters
                          if letter.status not in (READ, SUGGESTED)]
                if failed:
                    raise SeedError(f"seeded letters did not reach 'suggested': {failed}")
            time.sleep(0.1)
        raise SeedError(f"the server did not classify {batch} in {READY_TIMEOUT_SECONDS} s")

    @staticmethod
    def _suggestion(letter: Letter) -> Suggestion:
        assert letter.suggestion is not None
        data = dict(letter.suggestion.data)
        data["fields"] = {**data["fields"], **identity_dict(letter.identity)}
        return data

    def _record_identity(self, letter_id: int, record: Record) -> None:
        with session_scope(self.settings) as session:
            identity = session.get(Identity, letter_id)
            assert identity is not None
            store_identity(identity, {key: record[key] for key in IDENTITY_KEYS})

    def _store(self, session: Session, record: Record, clerk: User | None, *,
               ngay_nhan: date, needs_transcription: bool, pages: int) -> int:
        lines = record.text.splitlines()
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
        letter.status = READ  # read, as if by Tesseract: the server's workers classify it
        return int(letter.id)
