"""The scans of a backlog folder: supported files found by their content, with their sha256."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import ocr
from ocr.ingest import sniff_kind


@dataclass(frozen=True)
class Scan:
    path: Path
    name: str  # relative to the backlog folder: what the output calls the file
    sha256: str


@dataclass(frozen=True)
class Skipped:
    name: str
    reason: str


def find_scans(root: Path) -> tuple[list[Scan], list[Skipped]]:
    """Every PDF/TIFF/JPEG/PNG under `root` (any name), in path order; the rest with a reason.

    A file whose content repeats an earlier one is skipped: the output keys scans by content.
    """
    if not root.is_dir():
        raise NotADirectoryError(f"{root}: not a folder; give the folder that holds the scans")
    scans: list[Scan] = []
    skipped: list[Skipped] = []
    first_by_hash: dict[str, str] = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        name = path.relative_to(root).as_posix()
        try:
            sniff_kind(path)
        except ocr.OcrError as e:
            skipped.append(Skipped(name, _short(str(e), path)))
            continue
        sha = file_sha256(path)
        if sha in first_by_hash:
            skipped.append(Skipped(name, f"same content as {first_by_hash[sha]}"))
            continue
        first_by_hash[sha] = name
        scans.append(Scan(path=path, name=name, sha256=sha))
    return scans, skipped


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _short(message: str, path: Path) -> str:
    """The ocr message without the path it starts with (the note names the file already)."""
    prefix = f"{path}: "
    return message[len(prefix):] if message.startswith(prefix) else message
