"""The worker processes of `donthu batch`: one per core, forked from a parent holding the model.

Each worker runs one Tesseract thread and no page-level pool of its own, so processes ×
threads never exceed the cores. Each leads its own process group: Ctrl-C at the terminal
reaches only the parent, which stops between scans and kills every worker together with its
Tesseract child; the scans in flight are simply not recorded.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import resource
import signal
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

import classifier
import ocr
from service.scans import Scan
from service.settings import Settings

CRASHED = ("the worker process stopped while reading this file (out of memory, or a crash); "
           "rerun to try it again")

R = TypeVar("R")


def run_pool(todo: list[Scan], job: Callable[[Scan, Settings], R], settings: Settings, *,
             workers: int, record: Callable[[R], None], crashed: Callable[[Scan], R],
             tick: Callable[[], None], stop: StopOnSignal) -> set[int]:
    """Run `job` on every scan, `workers` at a time; the pids of the workers used.

    Exactly `workers` scans are in flight, so a worker that dies (the out-of-memory killer)
    takes only those scans with it: they are recorded as `crashed(scan)` and the rest go on.
    """
    settings = settings.model_copy(update={"ocr_workers": 1})
    pending = list(reversed(todo))
    in_flight: dict[Future[R], Scan] = {}
    pool, pids = _new_pool(workers, settings)
    try:
        while (pending or in_flight) and not stop.requested:
            while pending and len(in_flight) < workers:
                scan = pending.pop()
                in_flight[pool.submit(job, scan, settings)] = scan
            done, _ = wait(in_flight, timeout=0.2, return_when=FIRST_COMPLETED)
            tick()
            broken = False
            for future in done:
                scan = in_flight.pop(future)
                try:
                    result = future.result()
                except BrokenProcessPool:
                    broken = True
                    result = crashed(scan)
                record(result)
            if broken and not in_flight:  # every scan of the dead pool is accounted for
                pool.shutdown(wait=True)
                pool, more = _new_pool(workers, settings)
                pids |= more
    finally:
        if in_flight:
            _kill(pids)
        pool.shutdown(wait=True, cancel_futures=True)
    return pids


def _new_pool(workers: int, settings: Settings) -> tuple[ProcessPoolExecutor, set[int]]:
    """Fork the workers now, from a parent holding the model: they start at once and share it.

    Forking is safe here because the parent runs no other thread at this point (the progress
    bar is redrawn by the main loop, not by a thread of its own) and the executor forks all its
    workers before it starts its own manager thread.
    """
    classifier.load_model(settings.model_path)
    before = {child.pid for child in multiprocessing.active_children()}
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                               mp_context=multiprocessing.get_context("fork"))
    pool.submit(os.getpid).result()
    pids = {c.pid for c in multiprocessing.active_children() if c.pid is not None} - before
    return pool, {pid for pid in pids if pid is not None}


def _init_worker() -> None:
    os.setpgid(0, 0)  # see the module docstring
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's stop-between-scans handler
    become_pool_worker()


def become_pool_worker() -> None:
    """One Tesseract thread, one OpenCV thread, and pages read here, one after the other.

    The ocr library reads the pages of a document in child processes of its own unless told
    that it runs in a pool worker; these workers (and Celery's) are pool workers. A pool per
    document inside each worker would only add processes: the workers already fill the cores
    (and a fork server started in a forked worker is slow and fragile). OpenCV's own threads
    would do the same: with them one worker used 1.1 cores and two workers oversubscribed two.
    """
    ocr.become_page_worker()


def _kill(pids: set[int]) -> None:
    """Each worker's whole process group (its Tesseract too): SIGTERM, then SIGKILL."""
    children = [c for c in multiprocessing.active_children() if c.pid in pids]
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


def peak_rss_mb() -> float:
    """This process's peak resident memory.

    Not RUSAGE_CHILDREN for Tesseract: a child forked from this process starts with its
    parent's resident set, so its peak says more about us than about Tesseract.
    """
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # kB on Linux


class StopOnSignal:
    """The first Ctrl-C / SIGTERM asks the loop to stop between scans; a second one forces it."""

    def __init__(self) -> None:
        self.requested = False
        self._previous: dict[int, object] = {}

    def _handle(self, signum: int, frame: object) -> None:
        if self.requested and signum == signal.SIGINT:
            raise KeyboardInterrupt
        self.requested = True

    def __enter__(self) -> StopOnSignal:
        for sig in (signal.SIGINT, signal.SIGTERM):
            self._previous[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)  # type: ignore[arg-type]
