"""Batch throughput: pages per minute for 1 and 2 local workers and for the Celery path, peak
memory per worker, beside plain `tesseract` over the same pages in the same run.

    .venv/bin/python benchmarks/batch/bench.py --pages 16 --repeat 2

Writes benchmarks/batch/RESULTS.md. The machine must be quiet: the load average is recorded
before and after; figures taken under someone else's load say nothing about the code.
The Celery path needs `redis-server` (a private one is started on a free port) and uses a
SQLite database in a temporary folder; it is compared with the local pool writing the same
database (`--into-db`), since both then do the same work per letter.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

import classifier  # noqa: E402
from benchmarks.batch.pages import generate  # noqa: E402
from service.batch import enqueue_batch, run_batch  # noqa: E402
from service.db import session_scope  # noqa: E402
from service.models import PENDING, Letter  # noqa: E402
from service.settings import Settings  # noqa: E402
from tests.batch.processes import wait_until  # noqa: E402
from tests.batch.services import PrivateRedis  # noqa: E402

Peaks = dict[str, dict[str, float]]


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


class MemorySampler:
    """Peak RSS/PSS of this process's descendants, sampled by a separate process (rss.py)."""

    def __enter__(self) -> MemorySampler:
        self._proc = subprocess.Popen([sys.executable, str(HERE / "rss.py"), str(os.getpid())],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.peaks: Peaks = {}
        return self

    def __exit__(self, *exc: object) -> None:
        out, _ = self._proc.communicate("", timeout=30)
        self.peaks = json.loads(out)


def named(peaks: Peaks, prefix: str, *, min_mb: float = 0.0) -> list[dict[str, float]]:
    return [p for p in peaks.values()
            if str(p["name"]).startswith(prefix) and p["rss_mb"] >= min_mb]


def plain_tesseract(pages: list[Path], processes: int) -> tuple[float, list[dict[str, float]]]:
    """`tesseract PAGE - -l vie` (one thread each), `processes` at a time."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def one(page: Path) -> None:
        subprocess.run(["tesseract", str(page), "-", "-l", "vie", "--psm", "3", "--oem", "1"],
                       env=env, check=True, capture_output=True)

    with MemorySampler() as memory:
        started = time.perf_counter()
        with ThreadPoolExecutor(processes) as pool:
            list(pool.map(one, pages))
        seconds = time.perf_counter() - started
    return seconds, named(memory.peaks, "tesseract")


def local_pool(folder: Path, workers: int, settings: Settings, *, into_db: bool
               ) -> tuple[float, list[dict[str, float]]]:
    with tempfile.TemporaryDirectory() as scratch, MemorySampler() as memory:
        run_settings = settings.model_copy(update={"data_dir": Path(scratch)})
        summary = run_batch(folder, None if into_db else Path(scratch) / "out.jsonl",
                            run_settings, workers=workers, into_db=into_db)
    if summary.failed or summary.processed != len(list(folder.iterdir())):
        raise SystemExit(f"the local run failed: {summary}")
    return summary.seconds, named(memory.peaks, "python", min_mb=100)


def celery_path(folder: Path, workers: int, settings: Settings, redis_url: str
                ) -> tuple[float, list[dict[str, float]]]:
    """A `donthu worker` (prefork, `workers` processes) already waiting; the clock runs from
    `batch --celery` storing the first scan to the last letter suggested."""
    with tempfile.TemporaryDirectory() as scratch:
        env = {"DONTHU_DATA_DIR": scratch, "DONTHU_REDIS_URL": redis_url,
               "DONTHU_CELERY_QUEUE": f"bench-{secrets.token_hex(4)}", "DONTHU_DATABASE_URL": ""}
        run_settings = settings.model_copy(update={
            "data_dir": Path(scratch), "redis_url": redis_url,
            "celery_queue": env["DONTHU_CELERY_QUEUE"]})
        log = Path(scratch) / "worker.log"
        with MemorySampler() as memory:
            worker = subprocess.Popen(
                [sys.executable, "-m", "service.cli", "worker", "--concurrency", str(workers),
                 "--sweep-seconds", "30"], cwd=ROOT, env={**os.environ, **env},
                stdout=log.open("wb"), stderr=subprocess.STDOUT)
            try:
                wait_until(lambda: "ready." in log.read_text(errors="replace"), 120,
                           "the Celery worker", lambda: log.read_text(errors="replace"))
                started = time.perf_counter()
                enqueue_batch(folder, run_settings)
                wait_until(lambda: _all_done(run_settings, len(list(folder.iterdir()))), 1800,
                           "the Celery path",
                           lambda: log.read_text(errors="replace"))
                seconds = time.perf_counter() - started
            finally:
                worker.terminate()
                worker.wait(timeout=60)
    return seconds, named(memory.peaks, "python", min_mb=100)


def _all_done(settings: Settings, letters: int) -> bool:
    """Every letter stored and out of the pending states (polled gently: SQLite)."""
    time.sleep(0.3)
    with session_scope(settings) as session:
        states = list(session.scalars(select(Letter.status)))
    return len(states) >= letters and not any(s in PENDING for s in states)


def cpu_seconds() -> float:
    """CPU time of this process and of every descendant reaped so far (workers are reaped when
    their pool closes, and they reaped their Tesseract children): what a run cost, whatever
    else the machine was doing meanwhile."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=16)
    parser.add_argument("--seed", type=int, default=20260601)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--no-celery", action="store_true")
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()

    settings = Settings(database_url="")
    classifier.load_model(settings.model_path)  # the parent holds it, as `donthu batch` does
    before = load_average()
    rates: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    memory: dict[str, list[dict[str, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        pages = generate(Path(tmp) / "scans", pages=args.pages, seed=args.seed)
        folder = pages[0].parent
        redis = None if args.no_celery else PrivateRedis(Path(tmp))
        if redis is not None:
            redis.start()
        runs: dict[str, Callable[[], tuple[float, list[dict[str, float]]]]] = {
            "plain tesseract, 1 process": lambda: plain_tesseract(pages, 1),
            "plain tesseract, 2 processes": lambda: plain_tesseract(pages, 2),
            "donthu batch --workers 1": lambda: local_pool(folder, 1, settings, into_db=False),
            "donthu batch --workers 2": lambda: local_pool(folder, 2, settings, into_db=False),
            "donthu batch --into-db --workers 2":
                lambda: local_pool(folder, 2, settings, into_db=True),
        }
        if redis is not None:
            runs["donthu batch --celery, 1 worker × 2 processes"] = (
                lambda: celery_path(folder, 2, settings, redis.url))
        try:
            for _ in range(args.repeat):  # interleaved: a burst of load hits every variant
                for name, run in runs.items():
                    cpu_before = cpu_seconds()
                    seconds, peaks = run()
                    rates.setdefault(name, []).append(len(pages) / seconds * 60)
                    cpu.setdefault(name, []).append((cpu_seconds() - cpu_before) / len(pages))
                    memory[name] = peaks
                    print(f"{name}: {rates[name][-1]:.1f} pages/min", flush=True)
        finally:
            if redis is not None:
                redis.stop()
    write_results(args, rates, cpu, memory, before, load_average())


def _per_process(peaks: list[dict[str, float]], key: str) -> str:
    """Each long-lived worker's figure; for many short-lived processes (one Tesseract per
    page) their largest and their count."""
    values = [p[key] for p in peaks]
    if len(values) <= 4:
        return ", ".join(f"{v:.0f}" for v in values)
    return f"max {max(values):.0f} over {len(values)} processes"


def write_results(args: argparse.Namespace, rates: dict[str, list[float]],
                  cpu: dict[str, list[float]], memory: dict[str, list[dict[str, float]]],
                  before: str, after: str) -> None:
    median = {name: statistics.median(values) for name, values in rates.items()}
    baseline = median["plain tesseract, 1 process"]
    command = "benchmarks/batch/bench.py " + " ".join(sys.argv[1:])
    lines = [
        "# Batch throughput", "",
        f"`.venv/bin/python {command.strip()}` on {os.cpu_count()} cores; load average "
        f"before {before}, after {after}. {args.pages} pages: invented letters of the corpus "
        f"rendered as A4 scans at 200 dpi (seed {args.seed}), one page each.", "",
        "| run | pages/min (median) | every run | × plain tesseract | CPU s per page | peak "
        "RSS (MB) per process | peak PSS (MB) per process |", "|---|---|---|---|---|---|---|",
    ]
    for name, values in rates.items():
        mem = memory.get(name, [])
        every = ", ".join(f"{v:.1f}" for v in values)
        rss, pss = _per_process(mem, "rss_mb"), _per_process(mem, "pss_mb")
        lines.append(f"| {name} | {median[name]:.1f} | {every} | "
                     f"{median[name] / baseline:.2f} | {statistics.median(cpu[name]):.2f} | "
                     f"{rss} | {pss} |")
    two = median["donthu batch --workers 2"] / median["donthu batch --workers 1"]
    lines += ["", f"- 2 workers / 1 worker: **{two:.2f}×** (target ≥ 1.8×)."]
    celery = "donthu batch --celery, 1 worker × 2 processes"
    if celery in median:
        vs_db = median[celery] / median["donthu batch --into-db --workers 2"]
        vs_file = median[celery] / median["donthu batch --workers 2"]
        lines.append(f"- Celery / local pool into the database: **{vs_db:.2f}×**; Celery / "
                     f"local pool into a file: {vs_file:.2f}× (target: within 15%).")
    lines.append("")
    args.results.write_text("\n".join(lines), encoding="utf-8")
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
