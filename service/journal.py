"""The batch output file (JSON lines): what is already done, and appending whole files safely.

Each scan's lines are written in one piece and flushed to disk before the next scan's, so a
crash loses at most the scans in flight; a torn last line (power cut mid-write) is cut off when
the file is opened again. A scan is done when all its letter lines, or its error line, are there.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class JournalState:
    """What an existing output file says, keyed by the scans' sha256."""

    done: set[str] = field(default_factory=set)  # every letter line present
    failed: dict[str, str] = field(default_factory=dict)  # sha256 → file, latest line an error
    letters: int = 0


def read_state(path: Path) -> JournalState:
    """Scan the output file once; a missing file is an empty journal."""
    state = JournalState()
    seen: dict[str, set[int]] = {}
    expected: dict[str, int] = {}
    if not path.exists():
        return state
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            item = _parse(line)
            if item is None:
                continue
            sha = str(item.get("sha256", ""))
            if "error" in item:
                state.failed[sha] = str(item.get("file", ""))
                continue
            seen.setdefault(sha, set()).add(int(item.get("letter", 1)))
            expected[sha] = int(item.get("letters", 1))
            state.letters += 1
    for sha, indices in seen.items():
        if indices >= set(range(1, expected[sha] + 1)):
            state.done.add(sha)
            state.failed.pop(sha, None)  # retried with success after an earlier failure
    return state


def _parse(line: str) -> dict[str, Any] | None:
    try:
        item = json.loads(line)
    except json.JSONDecodeError:
        return None  # a torn line is not evidence of anything: the scan is read again
    return item if isinstance(item, dict) and item.get("sha256") else None


class Journal:
    """Append-only writer: one call per scan, durable before it returns."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        _cut_torn_tail(path)
        self._handle = path.open("a", encoding="utf-8")

    def append(self, lines: list[str]) -> None:
        if not lines:
            return
        self._handle.write("".join(line + "\n" for line in lines))
        self._handle.flush()
        os.fsync(self._handle.fileno())

    def close(self) -> None:
        self._handle.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @staticmethod
    def optional(path: Path | None) -> Journal | NoJournal:
        return Journal(path) if path is not None else NoJournal()


class NoJournal:
    """When the database is the journal: lines go nowhere."""

    def append(self, lines: list[str]) -> None:
        pass

    def __enter__(self) -> NoJournal:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


def _cut_torn_tail(path: Path, block: int = 65536) -> None:
    """Drop an unterminated last line so the next line does not glue onto it."""
    if not path.exists():
        return
    with path.open("rb+") as handle:
        end = handle.seek(0, os.SEEK_END)
        if end == 0:
            return
        handle.seek(end - 1)
        if handle.read(1) == b"\n":
            return
        position = end
        while position > 0:  # walk back block by block: the file may hold millions of lines
            start = max(0, position - block)
            handle.seek(start)
            newline = handle.read(position - start).rfind(b"\n")
            if newline >= 0:
                handle.truncate(start + newline + 1)
                return
            position = start
        handle.truncate(0)
