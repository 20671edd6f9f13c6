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
from sklearn.model_selection import StratifiedGroupKFold
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


@dataclass(frozen=True)
class TrainingMatrix:
    """The training letters with their augmented variants, vectorised once."""

    features: FeatureUnion
    matrix: spmatrix
    rows: list[Record]
    groups: np.ndarray  # index of the original letter of each row: variants travel together
    original: np.ndarray  # True for the letter as written, False for an augmented variant
    writers: np.ndarray  # the source file each row was written in (one writer, one sitting)


def vectorise_training(train: list[Record], *, seed: int = 13,
                       augment_copies: bool = True) -> TrainingMatrix:
    """Fit the features on the training letters plus their augmented variants."""
    rng = random.Random(seed)
    texts: list[str] = []
    rows: list[Record] = []
    groups: list[int] = []
    original: list[bool] = []
    writers: list[str] = []
    for index, record in enumerate(train):
        variants = augment(record.text, rng) if augment_copies else []
        for position, text in enumerate([record.text, *variants]):
            texts.append(text)
            rows.append(record)
            groups.append(index)
            original.append(position == 0)
            writers.append(str(record.labels.get("source") or record.id))
    features = build_features()
    matrix = features.fit_transform(texts)
    for _, vectorizer in features.transformer_list:
        vectorizer.stop_words_ = None  # large and not needed to transform: keeps loading fast
    return TrainingMatrix(features, matrix, rows, np.array(groups), np.array(original),
                          np.array(writers))


def _calibrated(labels: np.ndarray, groups: np.ndarray, seed: int) -> CalibratedClassifierCV:
    """A linear SVM calibrated on folds that keep a letter and its variants together: a
    calibrator that sees a near-copy of a training letter learns to be overconfident. One SVM
    fitted on every letter is kept (ensemble=False), not one per fold: five times smaller, as
    accurate in writer-grouped CV, and the model file loads in a fraction of the time."""
    letters_per_class = Counter(label for label, _ in set(zip(labels.tolist(), groups.tolist(),
                                                               strict=True)))
    folds = max(2, min(5, min(letters_per_class.values())))
    splitter = StratifiedGroupKFold(folds, shuffle=True, random_state=seed)
    splits = list(splitter.split(np.zeros(len(labels)), labels, groups))
    base = LinearSVC(C=0.5, class_weight="balanced", random_state=seed)
    return CalibratedClassifierCV(base, method="sigmoid", cv=splits, ensemble=False)


def _trainable(labels: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Classes written by fewer than two letters cannot be calibrated: leave those rows out."""
    letters = Counter(label for label, _ in set(zip(labels.tolist(), groups.tolist(),
                                                     strict=True)))
    return np.array([letters[label] >= 2 for label in labels.tolist()])


def fit_heads(data: TrainingMatrix, *, seed: int = 13) -> LetterModel:
    """Every single-label head and the multi-label contents heads on one training matrix."""
    heads: dict[str, Any] = {}
    for name in HEADS:
        labels = np.array([str(r[name]) for r in data.rows])
        keep = _trainable(labels, data.groups)
        head: Any = (_calibrated(labels[keep], data.groups[keep], seed)
                     if len(set(labels[keep].tolist())) > 1
                     else DummyClassifier(strategy="most_frequent"))
        head.fit(data.matrix[keep], labels[keep])
        heads[name] = head
    contents: dict[str, CalibratedClassifierCV] = {}
    for label in sorted({c for r in data.rows for c in r["cac_noi_dung"]}):
        target = np.array([str(label in r["cac_noi_dung"]) for r in data.rows])
        if len(set(target.tolist())) < 2 or not _trainable(target, data.groups).all():
            continue
        head = _calibrated(target, data.groups, seed)
        head.fit(data.matrix, target == "True")
        contents[label] = head
    return LetterModel(features=data.features, heads=heads, contents=contents)


def fit(train: list[Record], *, seed: int = 13, augment_copies: bool = True) -> LetterModel:
    """Fit features on the training letters (plus augmented variants) and every head."""
    return fit_heads(vectorise_training(train, seed=seed, augment_copies=augment_copies),
                     seed=seed)


def out_of_fold_loai_don(data: TrainingMatrix, *, seed: int = 13
                         ) -> tuple[list[str], np.ndarray]:
    """Out-of-fold confidences on the training letters as written, from heads trained (with
    augmentation) as the shipped one is, to set the abstain threshold without touching the
    held-out split. Folds hold out whole source files: letters by a writer the model has not
    read, as in service, are less predictable than a sibling of letters it has (the threshold
    chosen with letter-level folds reached only 98.3 % on the held-out split). The vocabulary
    is shared across folds: cheap, and unsupervised."""
    labels = np.array([str(r["loai_don"]) for r in data.rows])
    classes = sorted(set(labels.tolist()))
    letters = int(data.groups.max()) + 1
    probabilities = np.zeros((letters, len(classes)))
    truth = np.empty(letters, dtype=object)
    outer = StratifiedGroupKFold(5, shuffle=True, random_state=seed)
    for train_rows, test_rows in outer.split(np.zeros(len(labels)), labels, data.writers):
        head = _calibrated(labels[train_rows], data.groups[train_rows], seed)
        head.fit(data.matrix[train_rows], labels[train_rows])
        written = test_rows[data.original[test_rows]]
        predicted = head.predict_proba(data.matrix[written])
        columns = [classes.index(str(c)) for c in head.classes_]
        probabilities[np.ix_(data.groups[written], columns)] = predicted
        truth[data.groups[written]] = labels[written]
    predicted_labels = [classes[i] for i in probabilities.argmax(axis=1)]
    correct = np.array(predicted_labels) == truth
    return predicted_labels, np.column_stack([probabilities.max(axis=1), correct])


def choose_threshold(confidence_and_correct: np.ndarray, target_accuracy: float = 0.99,
                     z: float = 1.645) -> float:
    """The lowest confidence threshold whose decided letters reach the target accuracy with 95%
    confidence (one-sided Wilson lower bound): out-of-fold estimates on a corpus written by few
    hands are optimistic, and an officer is better served by an abstention than a wrong label."""
    order = np.argsort(-confidence_and_correct[:, 0])
    confidences = confidence_and_correct[order, 0]
    correct = confidence_and_correct[order, 1]
    decided = np.arange(1, len(correct) + 1)
    accuracy = np.cumsum(correct) / decided
    lower = ((accuracy + z * z / (2 * decided)
              - z * np.sqrt(accuracy * (1 - accuracy) / decided + z * z / (4 * decided ** 2)))
             / (1 + z * z / decided))
    ok = np.where(lower >= target_accuracy)[0]
    if len(ok) == 0:
        return float(confidences[0]) if len(confidences) else 1.0
    return float(confidences[ok[-1]])
