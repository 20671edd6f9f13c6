"""Pages of a document are read in parallel processes, one Tesseract thread each.

A worker gets (file, page index), not pixels: it decodes or rasterises its own page, so no
page image is copied between processes and a 200-page stack is never in memory at once.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.context
import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from ocr import ingest, pdf, preprocess
from ocr.models import OcrConfig, Page
from ocr.reader import read_page


def _one_thread_per_process() -> None:
    # Tesseract's OpenMP threads would multiply with our processes and oversubscribe the
    # cores (and OpenMP spinning under contention is slower than one thread).
    os.environ.update(OMP_THREAD_LIMIT="1")
    preprocess.single_threaded()


def become_page_worker() -> None:
    """Make this process a worker of someone else's pool (a batch or Celery worker): it reads
    a document's pages itself, one after the other, with one Tesseract and one OpenCV thread,
    so that the pool's processes alone decide how many cores are busy."""
    _one_thread_per_process()
    multiprocessing.current_process().daemon = True


def _context() -> multiprocessing.context.BaseContext:
    """Workers come from a fork server, a clean process that has the ocr modules loaded:
    a plain fork of a program whose OpenCV or BLAS threads are running can deadlock, and a
    fresh interpreter per document would spend a second importing."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["ocr.parallel"])
    return context


def worker_count(pages: int, config: OcrConfig) -> int:
    """Processes for `pages` pages: never more than the cores (or the configured number)."""
    cores = os.cpu_count() or 1
    return max(1, min(pages, config.workers or cores, cores))


def read_file_page(path: Path, kind: str, index: int, config: OcrConfig) -> Page:
    """Load page `index` (0-based) of a scan and read it."""
    if kind == "pdf":
        image = pdf.render_page(path, index, config)
    else:
        image = ingest.read_frame(path, index, config)
    return read_page(image, index + 1, config)


def read_pages(path: Path, kind: str, indices: list[int], config: OcrConfig
               ) -> tuple[Page, ...]:
    """Read the pages `indices` (0-based) of a scan, in order, in as many processes as pays."""
    if not indices:
        return ()
    # A daemonic process (a Celery or multiprocessing.Pool worker) may not start children:
    # there the pages are read one after the other (become_page_worker set its threads).
    if multiprocessing.current_process().daemon:
        return tuple(read_file_page(path, kind, index, config) for index in indices)
    # Even one page goes to a child process: only there may OMP_THREAD_LIMIT be set without
    # touching the environment of the program that uses this library.
    workers = worker_count(len(indices), config)
    results: list[Page] = []
    pending: deque[Future[Page]] = deque()
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context(),
                             initializer=_one_thread_per_process) as pool:
        for index in indices:
            pending.append(pool.submit(read_file_page, path, kind, index, config))
            if len(pending) >= 2 * workers:  # results stay in page order
                results.append(pending.popleft().result())
        results.extend(future.result() for future in pending)
    return tuple(results)
