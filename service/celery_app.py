"""Celery across machines: Redis carries letter ids, the database decides what is done.

The task is a thin wrapper around `service.tasks.process_letter`, the task function of the
local pool: idempotent, guarded by a lease in the database. Messages are acknowledged late and
given back when a worker process dies; whatever the broker still loses (a worker killed
outright, Redis restarted without persistence) is found again by the sweeper every worker runs:
letters whose lease expired, and — when the queue has run dry — every pending letter no live
worker holds, go back on the queue. A message too many costs a claim that fails, nothing more.
"""

from __future__ import annotations

import logging
import os
from typing import Any, ClassVar

from celery import Celery, bootsteps, signals
from kombu.exceptions import OperationalError as BrokerError

import classifier
from service import intake
from service.batch_pool import become_pool_worker
from service.db import session_scope
from service.models import PENDING
from service.settings import Settings, get_settings
from service.tasks import process_letter, requeue_stale

log = logging.getLogger(__name__)

TASK = "donthu.process_letter"


def make_app(settings: Settings) -> Celery:
    app = Celery("donthu", broker=settings.redis_url, backend=settings.redis_url,
                 set_as_current=False)
    app.conf.update(
        task_default_queue=settings.celery_queue,
        task_acks_late=True,  # acknowledged when done: a worker dying mid-letter loses nothing
        task_reject_on_worker_lost=True,  # a killed pool process gives its message back
        worker_prefetch_multiplier=1,  # a slow letter holds up no others on the same worker
        task_ignore_result=True,  # results live in the database
        task_serializer="json", accept_content=["json"],
        broker_connection_retry_on_startup=True,
        broker_connection_max_retries=None,  # Redis restarted: wait for it, do not exit
        worker_send_task_events=False,
        donthu_sweep_seconds=60.0,
    )
    app.task(name=TASK, bind=True, autoretry_for=(Exception,), retry_backoff=2,
             retry_backoff_max=60, max_retries=50)(_process_letter_task)
    app.steps["worker"].add(Sweeper)
    return app


def _process_letter_task(task: Any, letter_id: int) -> bool:
    """Any exception here is the database or disk being away (process_letter records a bad
    scan as a failed letter itself): retried with backoff, and the sweeper is behind that."""
    settings = worker_settings()
    worker = f"celery:{task.request.hostname}:{os.getpid()}"
    if not process_letter(letter_id, settings, worker=worker):
        return False
    # a stack: the further letters were made while reading this one and need a message each
    more = [letter.id for letter in intake.letters_of_files([letter_id], settings)
            if letter.status in PENDING and letter.id != letter_id]
    enqueue(task.app, more)
    return True


def worker_settings() -> Settings:
    # One Tesseract thread and no page pool per task: Celery's own processes are the pool.
    return get_settings().model_copy(update={"ocr_workers": 1})


def enqueue(app: Celery, letter_ids: list[int]) -> int:
    """Put the letters on the queue; how many could be sent (the rest wait for a sweeper)."""
    sent = 0
    try:
        for letter_id in letter_ids:
            app.send_task(TASK, args=(letter_id,), ignore_result=True)  # results: in the database
            sent += 1
    except BrokerError as e:
        log.warning("Redis unreachable (%s): %d letters wait for the sweeper",
                    e, len(letter_ids) - sent)
    return sent


def queue_length(app: Celery) -> int:
    """Messages waiting in the queue (not those a worker has taken); 0 when it is gone."""
    with app.connection_for_read() as connection:
        try:
            return int(connection.default_channel.queue_declare(
                queue=app.conf.task_default_queue, passive=True).message_count)
        except connection.channel_errors:
            return 0  # never declared, or lost with a Redis restart


def sweep(app: Celery, settings: Settings) -> list[int]:
    """Re-queue what the broker may have lost; the letter ids sent."""
    with session_scope(settings) as session:
        lost = set(requeue_stale(session))
    if queue_length(app) == 0:
        lost |= set(intake.unclaimed_pending(settings))
    ids = sorted(lost)
    enqueue(app, ids)
    if ids:
        log.info("sweeper: re-queued %d letters", len(ids))
    return ids


class Sweeper(bootsteps.StartStopStep):  # type: ignore[misc]
    """A periodic sweep inside every worker (no Celery beat to run separately)."""

    requires: ClassVar[set[str]] = {"celery.worker.components:Timer"}

    def __init__(self, parent: Any, **kwargs: Any) -> None:
        super().__init__(parent, **kwargs)
        self.timer_entry: Any = None

    def start(self, parent: Any) -> None:
        interval = float(parent.app.conf.donthu_sweep_seconds)
        if interval > 0:
            self.timer_entry = parent.timer.call_repeatedly(
                interval, _sweep_logged, (parent.app,), priority=10)

    def stop(self, parent: Any) -> None:
        if self.timer_entry is not None:
            self.timer_entry.cancel()
            self.timer_entry = None


def _sweep_logged(app: Celery) -> None:
    try:
        sweep(app, get_settings())
    except Exception:  # Redis or the database away: the next sweep tries again
        log.warning("sweeper: could not sweep", exc_info=True)


@signals.worker_process_init.connect  # type: ignore[untyped-decorator]
def _read_pages_inline(**_: Any) -> None:
    """In each prefork child: one Tesseract thread, no page pool of its own (see there)."""
    become_pool_worker()


@signals.worker_init.connect  # type: ignore[untyped-decorator]
def _load_model_before_fork(**_: Any) -> None:
    """Load the model in the parent: prefork children then start at once and share it."""
    try:
        classifier.load_model(get_settings().model_path)
    except classifier.ClassifierError:
        log.exception("no usable model: letters will fail until `donthu train` is run")


def run_worker(settings: Settings, *, concurrency: int, pool: str, sweep_seconds: float,
               loglevel: str = "INFO") -> None:
    """`donthu worker`: consume letters until stopped (Ctrl-C: finish the current letters)."""
    if pool == "solo":  # the letters are read in this very process
        become_pool_worker()
    else:
        os.environ["OMP_THREAD_LIMIT"] = "1"
    app = make_app(settings)
    app.conf.donthu_sweep_seconds = sweep_seconds
    app.worker_main(["worker", f"--pool={pool}",
                     f"--concurrency={concurrency or settings.worker_count()}",
                     f"--loglevel={loglevel}", f"--hostname=donthu-{os.getpid()}@%h",
                     "--without-gossip", "--without-mingle"])


app = make_app(get_settings())  # for `celery -A service.celery_app worker` too
