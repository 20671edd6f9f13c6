"""Honest figures on the held-out split: the model beside a title-keyword baseline."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.metrics import (
    accuracy_score,
    confusion_matrix,
    f1_score,
    precision_recall_fscore_support,
)

from classifier.augment import ocr_noise
from classifier.corpus import Record
from classifier.labels import LOAI_DON
from classifier.model import LetterModel
from classifier.normalize import folded, strip_diacritics

_BASELINE_RULES = (
    ("to_cao", re.compile(r"\bto (cao|giac)\b")),
    ("khieu_nai", re.compile(r"\bkhieu nai\b")),
    ("kien_nghi_phan_anh", re.compile(r"\b(kien nghi|phan anh|de nghi)\b")),
)


def keyword_baseline(text: str) -> str:
    """What a clerk skimming the heading would say: the first title word found decides."""
    head = folded("\n".join(text.splitlines()[:15]))
    hits = [(m.start(), label) for label, rx in _BASELINE_RULES if (m := rx.search(head))]
    return min(hits)[1] if hits else "kien_nghi_phan_anh"


@dataclass(frozen=True)
class Scores:
    name: str
    letters: int
    accuracy: float
    macro_f1: float
    per_class: dict[str, dict[str, float]]
    confusion: list[list[int]]


def score(name: str, truth: list[str], predicted: list[str]) -> Scores:
    precision, recall, f1, support = precision_recall_fscore_support(
        truth, predicted, labels=list(LOAI_DON), zero_division=0
    )
    per_class = {
        label: {"precision": round(float(p), 3), "recall": round(float(r), 3),
                "f1": round(float(f), 3), "support": int(s)}
        for label, p, r, f, s in zip(LOAI_DON, precision, recall, f1, support, strict=True)
    }
    return Scores(
        name=name, letters=len(truth), accuracy=round(float(accuracy_score(truth, predicted)), 4),
        macro_f1=round(float(f1_score(truth, predicted, labels=list(LOAI_DON), average="macro",
                                      zero_division=0)), 4),
        per_class=per_class,
        confusion=confusion_matrix(truth, predicted, labels=list(LOAI_DON)).tolist(),
    )


def _variants(seed: int) -> dict[str, Callable[[str], str]]:
    rng = random.Random(seed)
    return {
        "held-out": lambda t: t,
        "held-out, OCR noise": lambda t: ocr_noise(t, rng, rate=0.05),
        "held-out, no diacritics": strip_diacritics,
    }


def evaluate(model: LetterModel, test: list[Record], *, seed: int = 7) -> dict[str, Any]:
    """Scores of the model on the held-out letters and their variants, the baseline, the hard
    cases, the other heads, and the coverage-accuracy curve of the abstain threshold."""
    truth = [r["loai_don"] for r in test]
    report: dict[str, Any] = {"scores": [], "heads": {}, "coverage": []}
    clean_predictions: list[dict[str, Any]] = []
    for name, transform in _variants(seed).items():
        texts = [transform(r.text) for r in test]
        outputs = [model.predict(t) for t in texts]
        if name == "held-out":
            clean_predictions = [{k: v for k, v in o.items()} for o in outputs]
        report["scores"].append(score(name, truth, [o["loai_don"].label for o in outputs]))
        report["scores"].append(score(f"keyword baseline ({name})", truth,
                                      [keyword_baseline(t) for t in texts]))
    hard = [i for i, r in enumerate(test) if r.labels.get("hard")]
    if hard:
        hard_truth = [truth[i] for i in hard]
        report["scores"].append(score("hard cases", hard_truth,
                                      [clean_predictions[i]["loai_don"].label for i in hard]))
        report["scores"].append(score("keyword baseline (hard cases)", hard_truth,
                                      [keyword_baseline(test[i].text) for i in hard]))
    for head in ("tham_quyen", "xu_ly", "linh_vuc"):
        predicted = [p[head].label for p in clean_predictions]
        report["heads"][head] = round(float(accuracy_score([r[head] for r in test], predicted)), 4)
    confidences = np.array([p["loai_don"].confidence for p in clean_predictions])
    correct = np.array([p["loai_don"].label == t for p, t in zip(clean_predictions, truth,
                                                                   strict=True)])
    for threshold in (0.0, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.97, 0.99):
        decided = confidences >= threshold
        coverage = float(decided.mean()) if len(decided) else 0.0
        accuracy = float(correct[decided].mean()) if decided.any() else 1.0
        report["coverage"].append({"threshold": threshold, "coverage": round(coverage, 4),
                                   "accuracy": round(accuracy, 4)})
    report["coverage_at_99"] = coverage_at(confidences, correct, 0.99)
    stored = float(model.metadata.get("abstain_threshold", 0.0))
    decided = confidences >= stored
    report["abstain"] = {
        "threshold": stored,
        "coverage": round(float(decided.mean()), 4) if len(decided) else 0.0,
        "accuracy": round(float(correct[decided].mean()), 4) if decided.any() else 1.0,
    }
    return report


def coverage_at(confidences: np.ndarray, correct: np.ndarray, accuracy: float) -> dict[str, float]:
    """The largest share of letters that can be decided at the given accuracy, and the
    threshold that does it: the best point of the held-out coverage curve."""
    order = np.argsort(-confidences)
    running = np.cumsum(correct[order]) / np.arange(1, len(order) + 1)
    reached = np.where(running >= accuracy)[0]
    if len(reached) == 0:
        return {"threshold": 1.0, "coverage": 0.0, "accuracy": accuracy}
    last = int(reached[-1])
    return {"threshold": round(float(confidences[order][last]), 4),
            "coverage": round((last + 1) / len(order), 4),
            "accuracy": round(float(running[last]), 4)}
