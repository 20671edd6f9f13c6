"""Pages of a document are read in parallel processes, one Tesseract thread each."""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor

import numpy as np

from ocr import preprocess
from ocr.models import OcrConfig, Page
from ocr.reader import read_page


def _one_thread_per_process() -> None:
    # Tesseract's OpenMP threads would multiply with our processes and oversubscribe the
    # cores (and OpenMP spinning under contention is slower than one thread).
    os.environ.update(OMP_THREAD_LIMIT="1")
    preprocess.single_threaded()


def _context() -> multiprocessing.context.BaseContext:
    """Workers come from a fork server, a clean process that has the ocr modules loaded:
    a plain fork of a program whose OpenCV or BLAS threads are running can deadlock, and a
    fresh interpreter per document would spend a second importing."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["ocr.reader"])
    return context


def worker_count(pages: int, config: OcrConfig) -> int:
    """Processes for `pages` pages: never more than the cores (or the configured number)."""
    cores = os.cpu_count() or 1
    return max(1, min(pages, config.workers or cores, cores))


def read_pages(pages: Iterable[tuple[int, np.ndarray]], count: int, config: OcrConfig
               ) -> tuple[Page, ...]:
    """Read `count` (page number, image) pairs, in order, in as many processes as pays.

    Images are produced lazily and at most two per process wait in memory: a 200-page
    stack is never rasterised all at once.
    """
    if count == 0:
        return ()
    # A daemonic process (a Celery or multiprocessing.Pool worker) may not start children:
    # there the pages are read one after the other, with Tesseract's default threads.
    if multiprocessing.current_process().daemon:
        return tuple(read_page(image, number, config) for number, image in pages)
    # Even one page goes to a child process: only there may OMP_THREAD_LIMIT be set without
    # touching the environment of the program that uses this library.
    workers = worker_count(count, config)
    results: list[Page] = []
    pending: deque[Future[Page]] = deque()
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context(),
                             initializer=_one_thread_per_process) as pool:
        for number, image in pages:
            pending.append(pool.submit(read_page, image, number, config))
            if len(pending) >= 2 * workers:
                results.append(pending.popleft().result())
        results.extend(future.result() for future in pending)
    return tuple(results)
