"""The labelled corpus: parse the hand-written sources, load records, the fixed split."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from classifier.errors import CorpusError
from classifier.labels import DANH_TINH, LINH_VUC, LOAI_DON, THAM_QUYEN, XU_LY

_HEADER = re.compile(r"^### (\{.*\})\s*$", re.MULTILINE)
TEST_SHARE_PERCENT = 20

REQUIRED_KEYS = (
    "id", "loai_don", "cac_noi_dung", "tham_quyen", "xu_ly", "linh_vuc", "to_giac_toi_pham",
    "tranh_chap", "danh_tinh", "nguoi_viet", "so_nguoi_ky", "nguoi_dai_dien", "ngay_viet",
    "dia_chi", "tinh", "cccd", "dien_thoai", "kinh_gui", "quyet_dinh", "lan_khieu_nai",
)
_ALLOWED: dict[str, tuple[str, ...]] = {
    "loai_don": LOAI_DON, "tham_quyen": THAM_QUYEN, "xu_ly": XU_LY,
    "linh_vuc": LINH_VUC, "danh_tinh": DANH_TINH,
}


@dataclass(frozen=True)
class Record:
    """One labelled letter: its text and the label dictionary of FORMAT.md."""

    id: str
    text: str
    labels: dict[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.labels[key]


def parse_source(text: str, origin: str) -> Iterator[dict[str, Any]]:
    """Yield the records of one hand-written source file (`### {json}` then the letter)."""
    text = unicodedata.normalize("NFC", text)
    matches = list(_HEADER.finditer(text))
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        try:
            header = json.loads(match.group(1))
        except json.JSONDecodeError as e:
            raise CorpusError(f"{origin}: bad JSON header near offset {match.start()}: {e}") from e
        header["text"] = text[match.end():end].strip()
        header["source"] = origin
        yield header


def validate(record: dict[str, Any]) -> list[str]:
    """Problems with one record (empty when it follows LABELS.md)."""
    problems = [f"missing {key}" for key in REQUIRED_KEYS if key not in record]
    for key, allowed in _ALLOWED.items():
        if key in record and record[key] not in allowed:
            problems.append(f"{key}={record[key]!r} is not a label")
    for value in record.get("cac_noi_dung") or []:
        if value not in LOAI_DON:
            problems.append(f"cac_noi_dung has {value!r}")
    if record.get("loai_don") not in (record.get("cac_noi_dung") or []):
        problems.append("cac_noi_dung lacks loai_don")
    if record.get("danh_tinh") == "nac_danh" and record.get("so_nguoi_ky") != 0:
        problems.append("an anonymous letter has so_nguoi_ky 0")
    if len(str(record.get("text", "")).split()) < 20:
        problems.append("text shorter than 20 words")
    return problems


def is_test(record_id: str) -> bool:
    """The fixed held-out split: a stable hash of the id, so adding letters never moves one."""
    digest = hashlib.sha256(record_id.encode("utf-8")).hexdigest()
    return int(digest[:8], 16) % 100 < TEST_SHARE_PERCENT


def load_jsonl(path: Path) -> list[Record]:
    """Load a corpus file written by training_data/build.py (or confirmed reviews)."""
    records: list[Record] = []
    with path.open(encoding="utf-8") as handle:
        for line_number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as e:
                raise CorpusError(f"{path}:{line_number}: not JSON: {e}") from e
            text = unicodedata.normalize("NFC", data.pop("text"))
            records.append(Record(id=str(data["id"]), text=text, labels=data))
    return records


def split(records: Iterable[Record]) -> tuple[list[Record], list[Record]]:
    """(train, test) by the fixed rule of is_test()."""
    train: list[Record] = []
    test: list[Record] = []
    for record in records:
        (test if is_test(record.id) else train).append(record)
    return train, test


def corpus_hash(paths: Iterable[Path]) -> str:
    """A digest of the training inputs: retraining is skipped when it has not changed."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
