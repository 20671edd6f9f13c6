"""`donthu batch`: a backlog of scans read by local worker processes.

Into a JSON-lines file (one line per letter; the file is the journal: a rerun skips every scan
whose sha256 is already there), or with `into_db` into the review queue, where the database
is the journal (a scan is stored once by content; a letter is processed once).
"""

from __future__ import annotations

import json
import os
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import classifier
import ocr
from service import intake
from service.batch_pool import CRASHED, StopOnSignal, peak_rss_mb, run_pool
from service.db import migrate
from service.errors import UnsupportedUploadError
from service.journal import Journal, read_state
from service.models import FAILED, PENDING, SUGGESTED
from service.processing import process_file
from service.scans import Scan, Skipped, find_scans
from service.settings import Settings


@dataclass(frozen=True)
class ScanResult:
    """What a worker made of one scan: its JSON lines (or letter ids), or the error."""

    scan: Scan
    lines: tuple[str, ...] = ()
    letters: int = 0
    pages: int = 0
    error: str | None = None
    pending: int = 0  # into_db: letters another worker still holds
    done_before: bool = False  # into_db: the database had it finished already
    worker: int = 0  # pid, to report the peak memory per worker
    peak_rss_mb: float = 0.0


@dataclass
class BatchSummary:
    mode: str = "file"  # "file" (JSON lines), "db" (review queue) or "celery" (queued)
    found: int = 0
    done_before: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    processed: int = 0
    letters: int = 0
    pages: int = 0
    pending: int = 0
    failed: dict[str, str] = field(default_factory=dict)  # file → error, this run
    failed_before: dict[str, str] = field(default_factory=dict)  # sha256 → file, earlier runs
    peak_rss_mb: dict[int, float] = field(default_factory=dict)  # worker pid → MB
    seconds: float = 0.0
    interrupted: bool = False

    @property
    def ok(self) -> bool:
        return not self.failed and not self.failed_before and not self.interrupted

    def add(self, result: ScanResult) -> None:
        if result.done_before:
            self.done_before += 1
            return
        self.processed += 1
        self.pages += result.pages
        self.letters += result.letters
        self.pending += result.pending
        if result.error is not None:
            self.failed[result.scan.name] = result.error
        if result.worker:
            self.peak_rss_mb[result.worker] = max(result.peak_rss_mb,
                                                  self.peak_rss_mb.get(result.worker, 0.0))


class BatchObserver:
    """Told about the run as it goes (the command line draws a progress bar); silent here."""

    def started(self, files: int) -> None:
        """`files` scans are about to be read."""

    def finished(self, result: ScanResult) -> None:
        """One scan is recorded."""

    def tick(self) -> None:
        """A few times a second while scans are in flight (to redraw a clock)."""


def run_batch(root: Path, out: Path | None, settings: Settings, *, workers: int = 0,
              retry_failed: bool = False, into_db: bool = False,
              observer: BatchObserver | None = None) -> BatchSummary:
    """Read every scan under `root` not done yet: into `out`, or with `into_db` the database."""
    observer = observer or BatchObserver()
    started = time.monotonic()
    summary = BatchSummary(mode="db" if into_db else "file")
    scans, summary.skipped = find_scans(root)
    summary.found = len(scans) + len(summary.skipped)
    if into_db:
        migrate(settings.effective_database_url(), schema=settings.database_schema)
    todo = scans if into_db or out is None else _not_done(scans, out, retry_failed, summary)
    observer.started(len(todo))
    with StopOnSignal() as stop, Journal.optional(None if into_db else out) as journal:
        def record(result: ScanResult) -> None:
            journal.append(list(result.lines))
            summary.add(result)
            observer.finished(result)

        pids: set[int] = set()
        if todo:
            pids = run_pool(todo, store_and_process if into_db else read_scan, settings,
                            workers=workers or os.cpu_count() or 1, record=record,
                            crashed=lambda scan: _failed(scan, CRASHED), tick=observer.tick,
                            stop=stop)
        summary.interrupted = stop.requested
    if into_db and summary.interrupted:  # the killed workers' letters: claimable again now
        intake.release_leases([worker_name(pid) for pid in pids], settings)
    summary.seconds = time.monotonic() - started
    return summary


def enqueue_batch(root: Path, settings: Settings, *, observer: BatchObserver | None = None
                  ) -> BatchSummary:
    """Store every scan under `root`, then put its pending letters on the Celery queue.

    Stored first: a letter that could not be queued (Redis away) is still in the database,
    and a worker's sweeper queues it once the queue runs dry.
    """
    from service import celery_app  # Celery is needed only on this path

    observer = observer or BatchObserver()
    started = time.monotonic()
    summary = BatchSummary(mode="celery")
    scans, summary.skipped = find_scans(root)
    summary.found = len(scans) + len(summary.skipped)
    migrate(settings.effective_database_url(), schema=settings.database_schema)
    app = celery_app.make_app(settings)
    broker_up = True

    def send(letter_ids: list[int]) -> int:
        nonlocal broker_up  # once Redis is found away, stop trying: each try waits a timeout
        sent = celery_app.enqueue(app, letter_ids) if broker_up else 0
        broker_up = broker_up and sent == len(letter_ids)
        return sent

    observer.started(len(scans))
    with StopOnSignal() as stop:
        for scan in scans:
            if stop.requested:
                break
            result = _store_and_queue(scan, settings, send)
            summary.add(result)
            observer.finished(result)
        summary.interrupted = stop.requested
    summary.seconds = time.monotonic() - started
    return summary


def _store_and_queue(scan: Scan, settings: Settings, send: Callable[[list[int]], int]
                     ) -> ScanResult:
    try:
        ids, known = intake.store_scan(scan.path, scan.name, settings)
        waiting = [letter.id for letter in intake.letters_of_files(ids, settings)
                   if letter.status in PENDING]
    except (UnsupportedUploadError, OSError) as e:
        return _failed(scan, str(e))
    except Exception as e:  # the database unreachable: a rerun stores it
        return _failed(scan, f"{type(e).__name__}: {e}")
    if known and not waiting:
        return ScanResult(scan=scan, done_before=True)
    sent = send(waiting)
    return ScanResult(scan=scan, letters=sent, pending=len(waiting) - sent)


def _not_done(scans: list[Scan], out: Path, retry_failed: bool, summary: BatchSummary
              ) -> list[Scan]:
    state = read_state(out)
    todo = []
    for scan in scans:
        if scan.sha256 in state.done:
            summary.done_before += 1
        elif scan.sha256 in state.failed and not retry_failed:
            summary.failed_before[scan.sha256] = scan.name
        else:
            todo.append(scan)
    return todo


def read_scan(scan: Scan, settings: Settings) -> ScanResult:
    """In a worker: OCR and classify one scan; any failure is this scan's error, not the run's."""
    try:
        letters = process_file(scan.path, settings)
        if not letters:
            raise ocr.EmptyFileError(f"{scan.name}: no page found in the file; scan it again")
    except (ocr.OcrError, classifier.ClassifierError, OSError, ValueError) as e:
        return _measured(_failed(scan, str(e)))
    except Exception as e:  # a bug met on one odd scan must not stop a backlog of thousands
        return _measured(_failed(scan, f"{type(e).__name__}: {e}"))
    lines = []
    for index, letter in enumerate(letters, 1):
        data = {"file": scan.name, "sha256": scan.sha256, **letter.to_dict(),
                "letter": index, "letters": len(letters)}
        lines.append(json.dumps(data, ensure_ascii=False))
    pages = max(letter.letter.last_page for letter in letters)
    return _measured(ScanResult(scan=scan, lines=tuple(lines), letters=len(lines), pages=pages))


def store_and_process(scan: Scan, settings: Settings) -> ScanResult:
    """In a worker: store the scan (once, by content), then run the task function on it."""
    try:
        ids, known = intake.store_scan(scan.path, scan.name, settings)
        if known and not any(letter.status in PENDING
                             for letter in intake.letters_of_files(ids, settings)):
            return _measured(ScanResult(scan=scan, done_before=True))
        letters = intake.process_stored(ids, settings, worker=worker_name(os.getpid()))
    except (UnsupportedUploadError, OSError) as e:
        return _measured(_failed(scan, str(e)))
    except Exception as e:  # the database unreachable: this scan fails, a rerun retries it
        return _measured(_failed(scan, f"{type(e).__name__}: {e}"))
    errors = [letter.error or "failed" for letter in letters if letter.status == FAILED]
    return _measured(ScanResult(
        scan=scan, letters=sum(letter.status == SUGGESTED for letter in letters),
        pages=max((letter.last_page or 0 for letter in letters), default=0),
        pending=sum(letter.status in PENDING for letter in letters),
        error="; ".join(errors) if errors else None))


def worker_name(pid: int) -> str:
    """The lease owner a batch worker writes (host and pid: unique while it lives)."""
    return f"batch:{socket.gethostname()}:{pid}"


def _failed(scan: Scan, error: str) -> ScanResult:
    line = json.dumps({"file": scan.name, "sha256": scan.sha256, "error": error},
                      ensure_ascii=False)
    return ScanResult(scan=scan, lines=(line,), error=error)


def _measured(result: ScanResult) -> ScanResult:
    return replace(result, worker=os.getpid(), peak_rss_mb=peak_rss_mb())
