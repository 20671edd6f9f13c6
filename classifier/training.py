"""Build the model file from the corpus (plus confirmed corrections); skip when unchanged."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from classifier import artifact
from classifier.corpus import corpus_hash, load_jsonl, split
from classifier.model import choose_threshold, fit_heads, out_of_fold_loai_don, vectorise_training

TARGET_ACCURACY = 0.99


@dataclass(frozen=True)
class TrainResult:
    trained: bool
    model_path: Path
    version: str
    train_letters: int
    seconds: float
    message: str


def train(corpus_files: list[Path], model_path: Path, *, force: bool = False) -> TrainResult:
    """Train on every non-test letter of the given JSONL files. The held-out split of each file
    (classifier.corpus.is_test) is never trained on."""
    started = time.perf_counter()
    data_hash = corpus_hash(corpus_files)
    existing = artifact.read_metadata(model_path)
    if (not force and existing and existing.get("data_hash") == data_hash
            and existing.get("libraries") == artifact.library_versions()
            and existing.get("format_version") == artifact.FORMAT_VERSION
            and model_path.exists()):
        return TrainResult(False, model_path, str(existing.get("version")),
                           int(existing.get("train_letters", 0)), 0.0,
                           "training data unchanged: model kept")
    records = [r for path in corpus_files for r in load_jsonl(path)]
    train_records, _ = split(records)
    data = vectorise_training(train_records)
    model = fit_heads(data)
    _, oof = out_of_fold_loai_don(data)
    threshold = choose_threshold(oof, TARGET_ACCURACY)
    now = datetime.now(UTC)
    version = f"{now:%Y%m%d.%H%M%S}-{data_hash[:8]}"
    model.metadata.update(
        version=version,
        trained_at=now.isoformat(timespec="seconds"),
        data_hash=data_hash,
        train_letters=len(train_records),
        abstain_threshold=round(threshold, 4),
        out_of_fold_accuracy=round(float(oof[:, 1].mean()), 4),
        corpus_files=[p.name for p in corpus_files],
    )
    artifact.save(model, model_path)
    return TrainResult(True, model_path, version, len(train_records),
                       time.perf_counter() - started, "model trained")
