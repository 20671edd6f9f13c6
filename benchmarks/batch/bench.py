"""Batch throughput: pages per minute for 1 and 2 local workers (and the Celery path), peak
memory per worker, beside plain `tesseract` over the same pages in the same run.

    .venv/bin/python benchmarks/batch/bench.py --pages 16 --repeat 2

Writes benchmarks/batch/RESULTS.md. The machine must be quiet: `uptime` is recorded before
and after; figures taken under someone else's load say nothing about the code.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

import classifier  # noqa: E402
from benchmarks.batch.pages import generate  # noqa: E402
from service.batch import run_batch  # noqa: E402
from service.settings import Settings  # noqa: E402


def load() -> str:
    return Path("/proc/loadavg").read_text().split(" ", 3)[:3].__str__()


class MemorySampler:
    """Peak RSS/PSS of this process's descendants, sampled by a separate process."""

    def __enter__(self) -> MemorySampler:
        self._proc = subprocess.Popen([sys.executable, str(HERE / "rss.py"), str(os.getpid())],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.peaks: dict[str, dict[str, float]] = {}
        return self

    def __exit__(self, *exc: object) -> None:
        out, _ = self._proc.communicate("", timeout=30)
        self.peaks = json.loads(out)


def tesseract_pages(pages: list[Path], processes: int) -> tuple[float, dict[str, dict[str, float]]]:
    """Plain Tesseract (vie, one thread each), `processes` at a time: seconds and memory."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def one(page: Path) -> None:
        subprocess.run(["tesseract", str(page), "-", "-l", "vie", "--psm", "3", "--oem", "1"],
                       env=env, check=True, capture_output=True)

    with MemorySampler() as memory:
        started = time.perf_counter()
        with ThreadPoolExecutor(processes) as pool:
            list(pool.map(one, pages))
        seconds = time.perf_counter() - started
    return seconds, memory.peaks


def local_pool(folder: Path, workers: int, settings: Settings
               ) -> tuple[float, int, dict[str, dict[str, float]]]:
    with tempfile.TemporaryDirectory() as scratch, MemorySampler() as memory:
        summary = run_batch(folder, Path(scratch) / "out.jsonl", settings, workers=workers)
    if summary.failed:
        raise SystemExit(f"pages failed: {summary.failed}")
    return summary.seconds, summary.pages, memory.peaks


def workers_memory(peaks: dict[str, dict[str, float]], name: str) -> list[dict[str, float]]:
    return [p for p in peaks.values() if str(p["name"]).startswith(name)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=16)
    parser.add_argument("--seed", type=int, default=20260601)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()

    settings = Settings()
    classifier.load_model(settings.model_path)  # the parent holds it, as `donthu batch` does
    load_before = load()
    rows: dict[str, list[float]] = {}
    memory: dict[str, list[dict[str, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        pages = generate(Path(tmp) / "scans", pages=args.pages, seed=args.seed)
        for _ in range(args.repeat):  # interleaved, so a burst of load hits every variant
            for processes in (1, 2):
                seconds, peaks = tesseract_pages(pages, processes)
                rows.setdefault(f"tesseract ×{processes}", []).append(len(pages) / seconds * 60)
                memory[f"tesseract ×{processes}"] = workers_memory(peaks, "tesseract")
            for workers in (1, 2):
                seconds, count, peaks = local_pool(pages[0].parent, workers, settings)
                rows.setdefault(f"donthu batch --workers {workers}", []).append(
                    count / seconds * 60)
                memory[f"donthu batch --workers {workers}"] = [
                    p for p in workers_memory(peaks, "python") if p["rss_mb"] > 100]
    load_after = load()
    write_results(args, rows, memory, load_before, load_after)


def write_results(args: argparse.Namespace, rows: dict[str, list[float]],
                  memory: dict[str, list[dict[str, float]]], before: str, after: str) -> None:
    one = statistics.median(rows["donthu batch --workers 1"])
    two = statistics.median(rows["donthu batch --workers 2"])
    tess = statistics.median(rows["tesseract ×1"])
    lines = [
        "# Batch throughput", "",
        f"`.venv/bin/python benchmarks/batch/bench.py --pages {args.pages} --repeat "
        f"{args.repeat}` on {os.cpu_count()} cores; load average before {before}, "
        f"after {after}. Pages: seeded A4 scans at 200 dpi (seed {args.seed}), one letter each.",
        "", "| run | pages/min (median) | all runs | × plain tesseract ×1 | peak RSS per process "
        "(MB) | peak PSS per process (MB) |", "|---|---|---|---|---|---|",
    ]
    for name, values in rows.items():
        mem = memory.get(name, [])
        rss = ", ".join(f"{p['rss_mb']:.0f}" for p in mem)
        pss = ", ".join(f"{p['pss_mb']:.0f}" for p in mem)
        runs = ", ".join(f"{v:.1f}" for v in values)
        lines.append(f"| {name} | {statistics.median(values):.1f} | {runs} | "
                     f"{statistics.median(values) / tess:.2f} | {rss} | {pss} |")
    lines += ["", f"2 workers / 1 worker: **{two / one:.2f}×** (target ≥ 1.8×).", ""]
    args.results.write_text("\n".join(lines), encoding="utf-8")
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
