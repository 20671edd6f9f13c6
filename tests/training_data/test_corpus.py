"""The shipped corpus: valid labels, in sync with its sources, a fixed held-out split."""

from __future__ import annotations

import importlib.util
import unicodedata
from collections import Counter
from pathlib import Path

from classifier.corpus import is_test, load_jsonl, split, validate

ROOT = Path(__file__).resolve().parent.parent.parent
CORPUS = ROOT / "training_data" / "corpus.jsonl"


def _build_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("build", ROOT / "training_data" / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_corpus_is_in_sync_with_its_sources() -> None:
    build = _build_module()
    records, problems = build.build_records()
    assert problems == []
    assert CORPUS.read_text(encoding="utf-8") == build.render(records), (
        "run `python training_data/build.py`")


def test_every_record_is_valid_nfc_and_invented() -> None:
    records = load_jsonl(CORPUS)
    assert len(records) >= 50
    for record in records:
        assert validate({**record.labels, "text": record.text}) == [], record.id
        assert unicodedata.is_normalized("NFC", record.text)


def test_held_out_split_is_fixed_and_stratified() -> None:
    records = load_jsonl(CORPUS)
    train, test = split(records)
    assert {r.id for r in train}.isdisjoint({r.id for r in test})
    assert all(r.labels["split"] == ("test" if is_test(r.id) else "train") for r in records)
    share = len(test) / len(records)
    assert 0.12 < share < 0.28
    by_class = Counter(r["loai_don"] for r in test)
    assert set(by_class) == {"khieu_nai", "to_cao", "kien_nghi_phan_anh"}
