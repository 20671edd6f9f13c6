"""What `donthu batch` shows: a rich progress bar while it runs, a summary when it ends."""

from __future__ import annotations

import time

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from service.batch import BatchObserver, BatchSummary, ScanResult


class _PagesColumn(ProgressColumn):
    """Pages read so far and pages per minute since the start (scans vary in length)."""

    def render(self, task: Task) -> Text:
        pages = int(task.fields.get("pages", 0))
        elapsed = task.elapsed or 0.0
        rate = pages / elapsed * 60 if elapsed > 0 else 0.0
        return Text(f"{pages} pages  {rate:.1f} pages/min", style="cyan", no_wrap=True)


class ProgressBar(BatchObserver):
    """Files done / total, pages, rate, elapsed and time left, on stderr."""

    def __init__(self, console: Console) -> None:
        self._progress = Progress(
            TextColumn("[bold]{task.description}"), BarColumn(bar_width=10),
            MofNCompleteColumn(), TextColumn("files"), _PagesColumn(), TimeElapsedColumn(),
            TimeRemainingColumn(), TextColumn("left"), console=console, transient=False,
            auto_refresh=False,  # no drawing thread: the batch forks its workers from this process
        )
        self._drawn = 0.0
        self._task = self._progress.add_task("batch", total=0, pages=0)
        self._pages = 0

    def started(self, files: int) -> None:
        self._progress.update(self._task, total=files)
        self._progress.start()

    def finished(self, result: ScanResult) -> None:
        self._pages += result.pages
        self._progress.update(self._task, advance=1, pages=self._pages)
        self.tick()
        if result.error is not None:
            self._progress.console.print(f"[red]failed[/red] {result.scan.name}: {result.error}",
                                         highlight=False)

    def tick(self) -> None:
        if time.monotonic() - self._drawn >= 0.5:
            self._progress.refresh()
            self._drawn = time.monotonic()

    def stop(self) -> None:
        self._progress.stop()


def summary_lines(summary: BatchSummary, *, out: str | None) -> list[str]:
    """The plain-text summary printed at the end (one fact per line)."""
    minutes = summary.seconds / 60
    rate = summary.pages / minutes if minutes > 0 else 0.0
    found = f"files found: {summary.found}  (skipped: {len(summary.skipped)}"
    where = out or "the database"
    lines = [found + f", already in {where}: {summary.done_before})"]
    if summary.mode == "celery":
        lines.append(f"stored (or found stored): {summary.processed} files; queued: "
                     f"{summary.letters} letters in {_duration(summary.seconds)}")
        if summary.pending:
            lines.append(f"not queued (Redis unreachable): {summary.pending} letters, stored; "
                         "a worker's sweeper queues them")
    else:
        lines.append(f"read now: {summary.processed} files, {summary.pages} pages, "
                     f"{summary.letters} letters in {_duration(summary.seconds)} "
                     f"({rate:.1f} pages/min)")
    if summary.mode == "db" and summary.pending:
        lines.append(f"held by another worker: {summary.pending} letters (they finish there)")
    if summary.peak_rss_mb:
        peaks = ", ".join(f"{mb:.0f} MB" for mb in summary.peak_rss_mb.values())
        lines.append(f"peak memory per worker: {peaks}")
    lines += [f"skipped {s.name}: {s.reason}" for s in summary.skipped]
    if summary.failed_before:
        lines.append(f"failed in an earlier run (not retried; add --retry-failed): "
                     f"{len(summary.failed_before)}")
    if summary.interrupted:
        lines.append("interrupted: run the same command again to continue where it stopped")
    return lines


def failure_lines(summary: BatchSummary) -> list[str]:
    """One line per failed file, for stderr."""
    return ([f"failed: {name}: {error}" for name, error in summary.failed.items()]
            + [f"failed earlier: {name}" for name in summary.failed_before.values()])


def _duration(seconds: float) -> str:
    return time.strftime("%H:%M:%S", time.gmtime(seconds))
