"""`donthu batch`: a backlog of scans read by a pool of worker processes into a JSON-lines file.

One process per core, each with a single Tesseract thread and no page-level pool of its own, so
processes × threads never exceed the cores. The output file is the journal: a rerun skips every
scan whose sha256 is already there. Ctrl-C (or SIGTERM) stops between scans: the workers and
their Tesseract processes are killed, lines of the scans in flight are never written.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import resource
import signal
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path

import classifier
import ocr
from service.journal import Journal, read_state
from service.processing import process_file
from service.scans import Scan, Skipped, find_scans
from service.settings import Settings


@dataclass(frozen=True)
class ScanResult:
    """What a worker made of one scan: its JSON lines, or the error that stopped it."""

    scan: Scan
    lines: tuple[str, ...] = ()
    pages: int = 0
    error: str | None = None
    worker: int = 0  # pid, to report the peak memory per worker
    peak_rss_mb: float = 0.0  # the worker process (Tesseract runs in a child of its own)


@dataclass
class BatchSummary:
    found: int = 0
    done_before: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    processed: int = 0
    letters: int = 0
    pages: int = 0
    failed: dict[str, str] = field(default_factory=dict)  # file → error, this run
    failed_before: dict[str, str] = field(default_factory=dict)  # sha256 → file, earlier runs
    peak_rss_mb: dict[int, float] = field(default_factory=dict)  # worker pid → MB
    seconds: float = 0.0
    interrupted: bool = False

    @property
    def ok(self) -> bool:
        return not self.failed and not self.failed_before and not self.interrupted


class BatchObserver:
    """Told about the run as it goes (the command line draws a progress bar); silent here."""

    def started(self, files: int) -> None:
        """`files` scans are about to be read."""

    def finished(self, result: ScanResult) -> None:
        """One scan is written to the output."""

    def tick(self) -> None:
        """A few times a second while scans are in flight (to redraw a clock)."""


def run_batch(root: Path, out: Path, settings: Settings, *, workers: int = 0,
              retry_failed: bool = False, observer: BatchObserver | None = None) -> BatchSummary:
    """Read every scan under `root` not yet in `out`; append one line per letter to `out`."""
    observer = observer or BatchObserver()
    started = time.monotonic()
    summary = BatchSummary()
    scans, summary.skipped = find_scans(root)
    summary.found = len(scans) + len(summary.skipped)
    state = read_state(out)
    todo: list[Scan] = []
    for scan in scans:
        if scan.sha256 in state.done:
            summary.done_before += 1
        elif scan.sha256 in state.failed and not retry_failed:
            summary.failed_before[scan.sha256] = scan.name
        else:
            todo.append(scan)
    observer.started(len(todo))
    page_settings = settings.model_copy(update={"ocr_workers": 1})
    with Journal(out) as journal, _StopOnSignal() as stop:
        def record(result: ScanResult) -> None:
            journal.append(list(result.lines))
            summary.processed += 1
            summary.pages += result.pages
            summary.letters += len(result.lines) if result.error is None else 0
            if result.error is not None:
                summary.failed[result.scan.name] = result.error
            if result.worker:
                summary.peak_rss_mb[result.worker] = max(
                    result.peak_rss_mb, summary.peak_rss_mb.get(result.worker, 0.0))
            observer.finished(result)

        if todo:
            _run_pool(todo, page_settings, workers or os.cpu_count() or 1, record=record,
                      tick=observer.tick, stop=stop)
        summary.interrupted = stop.requested
    summary.seconds = time.monotonic() - started
    return summary


def _run_pool(todo: list[Scan], settings: Settings, workers: int, *,
              record: Callable[[ScanResult], None], tick: Callable[[], None],
              stop: _StopOnSignal) -> None:
    """Keep exactly `workers` scans in flight, so a crashed worker takes only those with it."""
    pending = list(reversed(todo))
    in_flight: dict[Future[ScanResult], Scan] = {}
    pool = _new_pool(workers, settings)
    try:
        while (pending or in_flight) and not stop.requested:
            while pending and len(in_flight) < workers:
                scan = pending.pop()
                in_flight[pool.submit(read_scan, scan, settings)] = scan
            done, _ = wait(in_flight, timeout=0.2, return_when=FIRST_COMPLETED)
            tick()
            broken = False
            for future in done:
                scan = in_flight.pop(future)
                try:
                    record(future.result())
                except BrokenProcessPool:
                    broken = True
                    record(_failed(scan, _CRASHED))
            if broken and not in_flight:  # every scan of the dead pool is accounted for
                pool.shutdown(wait=True)
                pool = _new_pool(workers, settings)
    finally:
        if in_flight:
            _kill_workers()
        pool.shutdown(wait=True, cancel_futures=True)


_CRASHED = ("the worker process stopped while reading this file (out of memory, or a crash); "
            "rerun with --retry-failed")


def _new_pool(workers: int, settings: Settings) -> ProcessPoolExecutor:
    """Fork the workers now, from a parent holding the model: they start at once and share it.

    Forking is safe here because the parent runs no other thread at this point (the progress
    bar is redrawn by the main loop, not by a thread of its own) and the executor forks all its
    workers before it starts its own manager thread.
    """
    classifier.load_model(settings.model_path)
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                               mp_context=multiprocessing.get_context("fork"))
    pool.submit(os.getpid).result()
    return pool


def _init_worker() -> None:
    # Its own process group: Ctrl-C at the terminal reaches only the parent, which then stops
    # each worker together with its Tesseract child by signalling the group.
    os.setpgid(0, 0)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's stop-between-scans handler
    os.environ["OMP_THREAD_LIMIT"] = "1"


def _kill_workers() -> None:
    children = multiprocessing.active_children()
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for child in children:
            if child.pid is not None and child.is_alive():
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(child.pid, sig)
        for child in children:
            child.join(timeout=3)
        children = [c for c in children if c.is_alive()]
        if not children:
            return


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
    return _measured(ScanResult(scan=scan, lines=tuple(lines), pages=pages))


def _failed(scan: Scan, error: str) -> ScanResult:
    line = json.dumps({"file": scan.name, "sha256": scan.sha256, "error": error},
                      ensure_ascii=False)
    return ScanResult(scan=scan, lines=(line,), error=error)


def _measured(result: ScanResult) -> ScanResult:
    # RUSAGE_CHILDREN would not do for Tesseract: a child forked from this process starts
    # with its parent's resident set, so its peak says more about us than about Tesseract.
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kB on Linux
    return replace(result, worker=os.getpid(), peak_rss_mb=round(peak_kb / 1024, 1))


class _StopOnSignal:
    """The first Ctrl-C / SIGTERM asks the loop to stop between scans; a second one forces it."""

    def __init__(self) -> None:
        self.requested = False
        self._previous: dict[int, object] = {}

    def _handle(self, signum: int, frame: object) -> None:
        if self.requested and signum == signal.SIGINT:
            raise KeyboardInterrupt
        self.requested = True

    def __enter__(self) -> _StopOnSignal:
        for sig in (signal.SIGINT, signal.SIGTERM):
            self._previous[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)  # type: ignore[arg-type]
