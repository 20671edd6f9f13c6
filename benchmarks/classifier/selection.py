"""Model selection without the held-out split: loai_don in 5-fold cross-validation on the training
letters, folds holding out whole source files (letters by a writer the model has not read).

Compares the shipped configuration with the ones it replaced, in the same run:
- `2026-12-07 morning`: no request view, every n-gram of two rows kept, one SVM per fold;
- `+ request view`: the request sentences as their own features;
- `shipped`: + n-grams must occur in about two letters, one SVM fitted on all (ensemble=False).

    .venv/bin/python benchmarks/classifier/selection.py [--seeds 13 7]
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedGroupKFold
from sklearn.pipeline import FeatureUnion

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from classifier.augment import augment  # noqa: E402
from classifier.corpus import Record, load_jsonl, split  # noqa: E402
from classifier.features import build_features  # noqa: E402
from classifier.model import _calibrated  # noqa: E402

Head = Callable[[np.ndarray, np.ndarray], CalibratedClassifierCV]


def morning_features() -> FeatureUnion:
    features = build_features()
    features.transformer_list = [(name, vectoriser) for name, vectoriser
                                 in features.transformer_list if name != "syllables_request"]
    for name, vectoriser in features.transformer_list:
        vectoriser.set_params(min_df=3 if name.startswith("chars") else 2)
    return features


def request_features() -> FeatureUnion:
    features = build_features()
    for name, vectoriser in features.transformer_list:
        vectoriser.set_params(min_df=3 if name.startswith("chars") else 2)
    return features


def per_fold_svms(labels: np.ndarray, groups: np.ndarray) -> CalibratedClassifierCV:
    head = _calibrated(labels, groups, 13)
    head.set_params(ensemble=True)
    return head


CONFIGS: tuple[tuple[str, Callable[[], FeatureUnion], Head], ...] = (
    ("2026-12-07 morning", morning_features, per_fold_svms),
    ("+ request view", request_features, per_fold_svms),
    ("shipped", build_features, lambda labels, groups: _calibrated(labels, groups, 13)),
)


def coverage_at(confidence: np.ndarray, correct: np.ndarray, target: float = 0.99) -> float:
    """The largest share of letters, most confident first, decided at the target accuracy."""
    ordered = correct[np.argsort(-confidence)]
    accuracy = np.cumsum(ordered) / np.arange(1, len(ordered) + 1)
    reached = np.flatnonzero(accuracy >= target)
    return float(reached[-1] + 1) / len(ordered) if len(reached) else 0.0


def cross_validate(train: list[Record], features: FeatureUnion, head: Head,
                   seeds: list[int]) -> list[tuple[float, float, float]]:
    """(macro-F1, macro-F1 on hard cases, coverage at 99 %) of out-of-fold predictions, one
    triple per seed of the fold assignment."""
    rng = random.Random(13)
    texts, letter_of, written = [], [], []
    for index, record in enumerate(train):
        for position, text in enumerate([record.text, *augment(record.text, rng)]):
            texts.append(text)
            letter_of.append(index)
            written.append(position == 0)
    # The vocabulary is fitted once on every training row: unsupervised, and the same for every
    # configuration, so the comparison is fair.
    matrix = features.fit_transform(texts).tocsr()
    rows_of, is_written = np.array(letter_of), np.array(written)
    truth = np.array([str(r["loai_don"]) for r in train])
    writers = np.array([str(r.labels.get("source") or r.id) for r in train])
    classes = sorted(set(truth.tolist()))
    hard = np.array([bool(r.labels.get("hard")) for r in train])
    results = []
    for seed in seeds:
        probabilities = np.zeros((len(train), len(classes)))
        folds = StratifiedGroupKFold(5, shuffle=True, random_state=seed)
        for fit_letters, test_letters in folds.split(np.zeros(len(train)), truth, writers):
            fit_rows = np.flatnonzero(np.isin(rows_of, fit_letters))
            test_rows = np.flatnonzero(np.isin(rows_of, test_letters) & is_written)
            model = head(truth[rows_of[fit_rows]], rows_of[fit_rows])
            model.fit(matrix[fit_rows], truth[rows_of[fit_rows]])
            columns = [classes.index(str(c)) for c in model.classes_]
            probabilities[np.ix_(rows_of[test_rows], columns)] = model.predict_proba(
                matrix[test_rows])
        predicted = np.array(classes)[probabilities.argmax(axis=1)]
        results.append((float(f1_score(truth, predicted, average="macro")),
                        float(f1_score(truth[hard], predicted[hard], average="macro")),
                        coverage_at(probabilities.max(axis=1), predicted == truth)))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[13, 7])
    args = parser.parse_args()
    train, _ = split(load_jsonl(ROOT / "training_data" / "corpus.jsonl"))
    print(f"{len(train)} training letters, {len({r.labels.get('source') for r in train})} "
          "source files; held-out letters are not read")
    print("| configuration | seed | macro-F1 | hard cases | decided at 99 % |")
    print("|---|---:|---:|---:|---:|")
    for name, features, head in CONFIGS:
        results = cross_validate(train, features(), head, args.seeds)
        for seed, (f1, hard, coverage) in zip(args.seeds, results, strict=True):
            print(f"| {name} | {seed} | {f1:.4f} | {hard:.4f} | {coverage:.1%} |", flush=True)


if __name__ == "__main__":
    main()
