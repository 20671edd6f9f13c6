"""The letters already known, for spotting a re-sent letter (classifier.LetterIndex).

One index per process and database, brought up to date from the database before each
classification, so every worker (local pool or Celery) sees the letters the others finished.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from classifier import LetterIndex
from service.models import CONFIRMED, SUGGESTED, Letter, Page

KNOWN = (SUGGESTED, CONFIRMED)


class KnownLetters:
    def __init__(self) -> None:
        self._index = LetterIndex()
        self._ids: set[tuple[int, datetime]] = set()  # (id, created_at): ids may be reused
        self._lock = threading.Lock()

    def refresh(self, session: Session) -> None:
        """Add the letters finished since the last call (a read of their ids, then of the new
        ones' texts)."""
        with self._lock:
            self._add_new(session)

    @contextmanager
    def locked(self) -> Iterator[LetterIndex]:
        """The index for the caller alone: it is not safe to read while another thread adds."""
        with self._lock:
            yield self._index

    def replace(self, letter_id: int, text: str) -> None:
        """A known letter's text changed (an officer transcribed a page)."""
        with self._lock:
            if str(letter_id) in self._index:
                self._index.add(str(letter_id), text)

    def _add_new(self, session: Session) -> None:
        known = {(i, at) for i, at in session.execute(
            select(Letter.id, Letter.created_at).where(Letter.status.in_(KNOWN)))}
        if not self._ids <= known:  # letters went away (tests empty the tables): start over
            self._index, self._ids = LetterIndex(), set()
        missing = sorted(known - self._ids)
        for start in range(0, len(missing), 500):
            keys = missing[start:start + 500]
            chunk = [letter_id for letter_id, _ in keys]
            texts: dict[int, list[str]] = {}
            for letter_id, text in session.execute(
                    select(Page.letter_id, Page.text).where(Page.letter_id.in_(chunk))
                    .order_by(Page.letter_id, Page.number)):
                texts.setdefault(letter_id, []).append(text)
            for letter_id, created_at in keys:
                self._index.add(str(letter_id), "\n\n".join(texts.get(letter_id, [])))
                self._ids.add((letter_id, created_at))


@lru_cache(maxsize=8)
def known_letters(database: str) -> KnownLetters:
    """The process's index for one database (its URL and schema)."""
    return KnownLetters()
