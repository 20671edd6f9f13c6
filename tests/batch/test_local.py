"""`donthu batch` on one machine: real scans, real Tesseract, real worker processes."""

from __future__ import annotations

import json
import os
import shutil
import signal
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from service.batch import run_batch
from service.db import session_scope
from service.models import Letter, Suggestion
from service.scans import file_sha256
from service.settings import Settings
from tests.batch.conftest import donthu_batch, start_donthu
from tests.batch.processes import alive, descendants, worker_pids
from tests.test_cli import assert_suggestion_shape

pytestmark = pytest.mark.slow


def command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""  # ended meanwhile


def read_lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_batch_reads_every_scan_reports_failures_and_resumes(
        backlog: Path, tmp_path: Path, model_path: Path) -> None:
    (backlog / "notes.txt").write_text("danh sách đơn", encoding="utf-8")
    (backlog / "2024" / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    shutil.copy(backlog / "a.png", backlog / "z-copy.png")  # after a.png in path order
    out = tmp_path / "out" / "letters.jsonl"

    first = donthu_batch(backlog, "--out", out, "--workers", "2")

    assert first.returncode == 1, first.stderr  # one file failed, and it is named
    assert "broken.png" in first.stderr
    lines = read_lines(out)
    letters = [line for line in lines if "error" not in line]
    errors = [line for line in lines if "error" in line]
    assert sorted(str(line["file"]) for line in letters) == ["2024/b.tif", "2025/c.dat", "a.png"]
    for line in letters:
        assert_suggestion_shape(line)
        assert line["pages"] == {"first": 1, "last": 1}
        assert line["sha256"] == file_sha256(backlog / str(line["file"]))
        assert line["loai_don"] == "kien_nghi_phan_anh"
        assert line["confidence"]["ocr"] > 0.6  # type: ignore[index]  # the JPEG named .dat too
    assert [e["file"] for e in errors] == ["2024/broken.png"]
    assert errors[0].keys() == {"file", "sha256", "error"}
    assert "skipped notes.txt" in first.stdout
    assert "skipped z-copy.png: same content as a.png" in first.stdout

    again = donthu_batch(backlog, "--out", out, "--workers", "2")

    assert again.returncode == 1  # the broken file is still broken, and still named
    assert f"already in {out}: 3)" in again.stdout
    assert "read now: 0 files" in again.stdout
    assert "broken.png" in again.stderr
    assert read_lines(out) == lines



def test_ctrl_c_stops_the_workers_and_a_rerun_continues(
        backlog: Path, tmp_path: Path, model_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    run = start_donthu("batch", backlog, "--out", out, "--workers", "1")
    deadline = time.monotonic() + 90
    while not (out.exists() and out.read_text().count("\n") >= 1):
        assert run.poll() is None, run.communicate()
        assert time.monotonic() < deadline, "no scan finished in 90 s"
        time.sleep(0.1)
    below = descendants(run.pid)
    assert below, "the batch runs no worker process"
    workers = worker_pids(run.pid)
    helpers = {command(pid) for worker in workers for pid in descendants(worker)}
    assert helpers <= {"tesseract", ""}, f"a worker runs a pool of its own: {helpers}"

    run.send_signal(signal.SIGINT)
    stdout, stderr = run.communicate(timeout=30)

    assert run.returncode == 130, stderr
    assert "interrupted" in stdout
    assert "Traceback" not in stderr
    time.sleep(0.5)
    assert not [pid for pid in below if alive(pid)], "a worker or Tesseract outlived Ctrl-C"
    partial = read_lines(out)  # every line whole: json.loads would fail on a torn one
    assert 1 <= len(partial) < 3

    rerun = donthu_batch(backlog, "--out", out, "--workers", "2")

    assert rerun.returncode == 0, rerun.stderr
    final = read_lines(out)
    assert final[:len(partial)] == partial
    assert sorted(str(line["sha256"]) for line in final) == sorted(
        file_sha256(p) for p in backlog.rglob("*") if p.is_file())


def test_a_killed_worker_fails_only_its_file(backlog: Path, tmp_path: Path,
                                             model_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    run = start_donthu("batch", backlog, "--out", out, "--workers", "1")
    deadline = time.monotonic() + 60
    while not (workers := worker_pids(run.pid)):
        assert time.monotonic() < deadline and run.poll() is None, run.communicate()
        time.sleep(0.05)
    worker = workers.pop()
    while not descendants(worker):  # Tesseract running: the worker is mid-scan
        assert time.monotonic() < deadline and run.poll() is None, run.communicate()
        time.sleep(0.02)

    os.kill(worker, signal.SIGKILL)  # as the out-of-memory killer would
    _, stderr = run.communicate(timeout=120)

    assert run.returncode == 1, stderr
    lines = read_lines(out)
    errors = [line for line in lines if "error" in line]
    assert len(errors) == 1 and "worker process stopped" in str(errors[0]["error"])
    assert len(lines) == 3

    retry = donthu_batch(backlog, "--out", out, "--retry-failed")
    assert retry.returncode == 0, retry.stderr
    assert "read now: 1 files" in retry.stdout


def test_into_db_fills_the_review_queue_once(backlog: Path, tmp_path: Path,
                                             model_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "var", database_url="", database_schema="",
                        model_path=model_path)

    first = run_batch(backlog, None, settings, workers=2, into_db=True)
    again = run_batch(backlog, None, settings, workers=2, into_db=True)

    assert (first.processed, first.letters, first.pages, first.failed) == (3, 3, 3, {})
    assert (again.done_before, again.processed) == (3, 0)
    with session_scope(settings) as session:
        letters = session.execute(select(Letter.status, Letter.lease_owner)).all()
        suggestions = session.scalar(select(func.count()).select_from(Suggestion))
    assert [tuple(row) for row in letters] == [("suggested", None)] * 3
    assert suggestions == 3
