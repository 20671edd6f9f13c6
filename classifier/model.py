"""The trained letter model: shared features, one calibrated linear head per label."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix, spmatrix
from sklearn.calibration import CalibratedClassifierCV
from sklearn.dummy import DummyClassifier
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import FeatureUnion
from sklearn.svm import LinearSVC

from classifier.augment import augment
from classifier.corpus import Record
from classifier.features import build_features

HEADS = ("loai_don", "linh_vuc", "tham_quyen", "xu_ly")
MULTI_LABEL_THRESHOLD = 0.35  # a second content is listed from this probability on


@dataclass(frozen=True)
class HeadResult:
    label: str
    confidence: float
    probabilities: dict[str, float]
    drivers: tuple[str, ...] = ()


@dataclass
class LetterModel:
    """Fitted features and heads; what the artifact file holds."""

    features: FeatureUnion
    heads: dict[str, Any]  # calibrated linear heads; a constant one where a label never varies
    contents: dict[str, CalibratedClassifierCV]  # one binary head per loai_don value
    abstain_threshold: float = 0.0
    metadata: dict[str, Any] = field(default_factory=dict)
    _names: np.ndarray | None = field(default=None, repr=False)

    def vectorise(self, texts: list[str]) -> spmatrix:
        return self.features.transform(texts)

    def predict(self, text: str) -> dict[str, HeadResult]:
        """Every head's label, calibrated confidence and the phrases that drove it."""
        matrix = self.vectorise([text])
        results = {name: self._predict_head(name, head, matrix) for name, head in
                   self.heads.items()}
        return results

    def contents_of(self, text: str) -> dict[str, float]:
        """Probability that the letter contains each type (multi-label)."""
        matrix = self.vectorise([text])
        return {label: float(head.predict_proba(matrix)[0, 1])
                for label, head in self.contents.items()}

    def _predict_head(self, name: str, head: Any,
                      matrix: spmatrix) -> HeadResult:
        probabilities = head.predict_proba(matrix)[0]
        classes = [str(c) for c in head.classes_]
        best = int(np.argmax(probabilities))
        drivers = (self._drivers(head, matrix, best)
                   if name == "loai_don" and isinstance(head, CalibratedClassifierCV) else ())
        return HeadResult(
            label=classes[best], confidence=float(probabilities[best]),
            probabilities={c: round(float(p), 4) for c, p in zip(classes, probabilities,
                                                                 strict=True)},
            drivers=drivers,
        )

    def _drivers(self, head: CalibratedClassifierCV, matrix: spmatrix, best: int,
                 top: int = 6) -> tuple[str, ...]:
        """The word n-grams that pushed the letter towards the chosen class the most."""
        coef = np.mean([_coef_row(c.estimator, best, len(head.classes_))
                        for c in head.calibrated_classifiers_], axis=0)
        row = csr_matrix(matrix)
        contributions = row.multiply(coef).tocsr()
        if self._names is None:
            self._names = self.features.get_feature_names_out()
        order = np.argsort(contributions.data)[::-1]
        candidates: list[str] = []
        for position in order[: top * 8]:
            if contributions.data[position] <= 0:
                break
            name = str(self._names[contributions.indices[position]])
            if name.startswith("syllables_accented__"):
                candidates.append(name.split("__", 1)[1])
        # Officers read phrases better than lone syllables: longer n-grams first.
        candidates.sort(key=lambda phrase: -len(phrase.split()))
        phrases: list[str] = []
        for phrase in candidates:
            if not any(phrase in kept for kept in phrases):
                phrases.append(phrase)
            if len(phrases) == top:
                break
        return tuple(phrases)


def _coef_row(estimator: Any, best: int, n_classes: int) -> np.ndarray:
    coef: np.ndarray = np.asarray(estimator.coef_)
    if n_classes == 2:
        row: np.ndarray = coef[0] if best == 1 else -coef[0]
        return row
    chosen: np.ndarray = coef[best]
    return chosen


def _calibrated(labels: list[str], seed: int) -> CalibratedClassifierCV:
    smallest = min(Counter(labels).values())
    folds = max(2, min(5, smallest))
    base = LinearSVC(C=0.5, class_weight="balanced", random_state=seed)
    return CalibratedClassifierCV(base, method="sigmoid",
                                  cv=StratifiedKFold(folds, shuffle=True, random_state=seed))


def _trainable(labels: list[str]) -> list[bool]:
    """Classes with fewer than two letters cannot be calibrated: leave those letters out."""
    counts = Counter(labels)
    return [counts[label] >= 2 for label in labels]


def fit(train: list[Record], *, seed: int = 13, augment_copies: bool = True) -> LetterModel:
    """Fit features on the training letters (plus augmented variants) and every head."""
    rng = random.Random(seed)
    texts: list[str] = []
    rows: list[Record] = []
    for record in train:
        texts.append(record.text)
        rows.append(record)
        if augment_copies:
            for variant in augment(record.text, rng):
                texts.append(variant)
                rows.append(record)
    features = build_features()
    matrix = features.fit_transform(texts)
    for _, vectorizer in features.transformer_list:
        vectorizer.stop_words_ = None  # large and not needed to transform: keeps loading fast
    heads: dict[str, Any] = {}
    for name in HEADS:
        labels = [str(r[name]) for r in rows]
        keep = np.array(_trainable(labels))
        kept = [lab for lab, k in zip(labels, keep, strict=True) if k]
        head: Any = (_calibrated(kept, seed) if len(set(kept)) > 1
                     else DummyClassifier(strategy="most_frequent"))
        head.fit(matrix[keep], np.array(labels)[keep])
        heads[name] = head
    contents: dict[str, CalibratedClassifierCV] = {}
    for label in sorted({c for r in rows for c in r["cac_noi_dung"]}):
        target = [str(label in r["cac_noi_dung"]) for r in rows]
        if min(Counter(target).values()) < 2:
            continue
        head = _calibrated(target, seed)
        head.fit(matrix, np.array([t == "True" for t in target]))
        contents[label] = head
    return LetterModel(features=features, heads=heads, contents=contents)


def out_of_fold_loai_don(train: list[Record], *, seed: int = 13) -> tuple[list[str], np.ndarray]:
    """Out-of-fold predictions and confidences on the training letters, to set the abstain
    threshold without touching the held-out split."""
    texts = [r.text for r in train]
    labels = np.array([r["loai_don"] for r in train])
    features = build_features()
    matrix = features.fit_transform(texts)
    smallest = min(Counter(labels.tolist()).values())
    outer = max(2, min(5, smallest))
    folds = StratifiedKFold(outer, shuffle=True, random_state=seed)
    # The inner calibration sees (outer-1)/outer of each class.
    inner_labels = [str(x) for x in labels[: max(2, smallest * (outer - 1) // outer)]]
    inner = _calibrated(inner_labels if len(set(inner_labels)) > 1 else list(labels), seed)
    if smallest * (outer - 1) // outer < 5:
        inner.cv = StratifiedKFold(max(2, smallest * (outer - 1) // outer), shuffle=True,
                                   random_state=seed)
    probabilities = cross_val_predict(inner, matrix, labels, cv=folds, method="predict_proba")
    classes = sorted(set(labels))
    predicted = [classes[i] for i in probabilities.argmax(axis=1)]
    correct = np.array(predicted) == labels
    return predicted, np.column_stack([probabilities.max(axis=1), correct])


def choose_threshold(confidence_and_correct: np.ndarray, target_accuracy: float = 0.99) -> float:
    """The lowest confidence threshold whose decided letters reach the target accuracy."""
    order = np.argsort(-confidence_and_correct[:, 0])
    confidences = confidence_and_correct[order, 0]
    correct = confidence_and_correct[order, 1]
    running = np.cumsum(correct) / np.arange(1, len(correct) + 1)
    ok = np.where(running >= target_accuracy)[0]
    if len(ok) == 0:
        return float(confidences[0]) if len(confidences) else 1.0
    return float(confidences[ok[-1]])
