"""The local worker pool `donthu serve` starts: threads that claim letters from the database.

No broker: the database is the queue. Stopping lets each thread finish (or abandon) its
letter; an abandoned letter's lease expires and the next start resumes it.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time

from service.db import session_scope
from service.settings import Settings
from service.tasks import claim_next, process_letter, requeue_stale

log = logging.getLogger(__name__)


class LocalPool:
    def __init__(self, settings: Settings, *, workers: int | None = None) -> None:
        self.settings = settings
        self.workers = workers or settings.worker_count()
        self._stop = threading.Event()
        self._wake = threading.Condition()
        self._threads: list[threading.Thread] = []
        self._prefix = f"{socket.gethostname()}:{os.getpid()}"

    def start(self) -> None:
        if self._threads:
            return
        self._stop.clear()
        for index in range(self.workers):
            thread = threading.Thread(target=self._run, args=(f"{self._prefix}:{index}", index),
                                      name=f"donthu-worker-{index}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def wake(self) -> None:
        """New work arrived: poll now instead of at the next interval."""
        with self._wake:
            self._wake.notify_all()

    def stop(self, timeout: float | None = 10.0) -> None:
        self._stop.set()
        self.wake()
        deadline = None if timeout is None else time.monotonic() + timeout
        for thread in self._threads:
            thread.join(None if deadline is None else max(deadline - time.monotonic(), 0))
        self._threads = [t for t in self._threads if t.is_alive()]

    @property
    def running(self) -> bool:
        return any(t.is_alive() for t in self._threads)

    def _run(self, worker: str, index: int) -> None:
        last_sweep = 0.0
        while not self._stop.is_set():
            try:
                if index == 0 and time.monotonic() - last_sweep > self.settings.lease_seconds:
                    last_sweep = time.monotonic()
                    with session_scope(self.settings) as session:
                        requeue_stale(session)
                with session_scope(self.settings) as session:
                    letter_id = claim_next(session, worker, self.settings.lease_seconds)
                if letter_id is not None:
                    process_letter(letter_id, self.settings, worker=worker)
                    continue
            except Exception:  # the database may be briefly unreachable: wait and poll again
                log.exception("worker %s: polling failed", worker)
            with self._wake:
                if not self._stop.is_set():
                    self._wake.wait(self.settings.poll_seconds)
