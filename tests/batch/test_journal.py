"""The batch output file as a journal: what counts as done, and torn lines after a crash."""

from __future__ import annotations

import json
from pathlib import Path

from service.journal import Journal, read_state


def line(sha: str, **extra: object) -> str:
    return json.dumps({"file": f"{sha}.png", "sha256": sha, **extra})


def test_a_scan_is_done_only_when_all_its_letters_are_written(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with Journal(out) as journal:
        journal.append([line("a", letter=1, letters=1)])
        journal.append([line("b", letter=1, letters=2)])  # a stack cut short
        journal.append([line("c", error="the image cannot be decoded")])
    state = read_state(out)
    assert state.done == {"a"}
    assert state.failed == {"c": "c.png"}
    assert state.letters == 2


def test_a_failure_followed_by_success_is_done(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with Journal(out) as journal:
        journal.append([line("a", error="Tesseract took more than 120 s")])
        journal.append([line("a", letter=1, letters=2), line("a", letter=2, letters=2)])
    state = read_state(out)
    assert state.done == {"a"} and state.failed == {}


def test_a_torn_last_line_is_cut_before_appending(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    whole = line("a", letter=1, letters=1) + "\n"
    out.write_text(whole + line("b", letter=1, letters=1)[:25], encoding="utf-8")
    assert read_state(out).done == {"a"}
    with Journal(out) as journal:
        journal.append([line("c", letter=1, letters=1)])
    assert out.read_text(encoding="utf-8") == whole + line("c", letter=1, letters=1) + "\n"


def test_a_torn_only_line_longer_than_a_block_is_cut(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("x" * 200_000, encoding="utf-8")
    Journal(out).close()
    assert out.read_bytes() == b""
    assert read_state(tmp_path / "missing.jsonl").done == set()
