"""Exact-match figures for extracted fields and accuracy of routing on labelled letters."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from dataclasses import replace as _replace
from typing import Any

from classifier.config import ClassifierConfig
from classifier.corpus import Record
from classifier.model import LetterModel
from classifier.suggest import suggest
from classifier.suggestion import Suggestion

Getter = Callable[[dict[str, Any]], Any]  # reads one field from a label-shaped dict


def _as_set(values: Iterable[str] | None) -> frozenset[str]:
    return frozenset(values or ())


def _decision_numbers(values: Iterable[dict[str, Any]] | None) -> frozenset[str]:
    return frozenset(str(v["so"]) for v in values or ())


def _complaint_round(data: dict[str, Any]) -> Any:
    return data["lan_khieu_nai"] if data.get("loai_don") == "khieu_nai" else None


# field → (target, how to read it from a label or a flattened suggestion)
CHECKS: dict[str, tuple[float | None, Getter]] = {
    "nguoi_viet": (0.95, lambda d: d["nguoi_viet"]),
    "ngay_viet": (0.95, lambda d: d["ngay_viet"]),
    "tinh": (0.95, lambda d: d["tinh"]),
    "cccd": (0.95, lambda d: _as_set(d["cccd"])),
    "dien_thoai": (0.95, lambda d: _as_set(d["dien_thoai"])),
    "so_nguoi_ky": (0.90, lambda d: d["so_nguoi_ky"]),
    "danh_tinh": (None, lambda d: d["danh_tinh"]),
    "nguoi_dai_dien": (None, lambda d: tuple(d["nguoi_dai_dien"])),
    "dia_chi": (None, lambda d: d["dia_chi"]),
    "kinh_gui": (None, lambda d: tuple(d["kinh_gui"])),
    "quyet_dinh.so": (None, lambda d: _decision_numbers(d["quyet_dinh"])),
    "lan_khieu_nai": (None, _complaint_round),
    "to_giac_toi_pham": (None, lambda d: bool(d["to_giac_toi_pham"])),
    "tranh_chap": (None, lambda d: bool(d["tranh_chap"])),
    "tham_quyen": (0.85, lambda d: d["tham_quyen"]),
    "xu_ly": (0.85, lambda d: d["xu_ly"]),
}


def flatten(suggestion: Suggestion) -> dict[str, Any]:
    """The suggestion in the flat shape of a corpus label."""
    data = suggestion.to_dict()
    flat: dict[str, Any] = dict(data["fields"])
    flat.update(loai_don=data["loai_don"], tham_quyen=data["tham_quyen"], xu_ly=data["xu_ly"],
                co_quan=data["co_quan"], **{k: data["flags"][k] for k in
                                            ("to_giac_toi_pham", "tranh_chap")})
    return flat


@dataclass
class FieldScore:
    name: str
    target: float | None
    correct: int = 0
    total: int = 0
    misses: list[tuple[str, Any, Any]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return round(self.correct / self.total, 4) if self.total else 1.0

    @property
    def met(self) -> bool | None:
        return None if self.target is None else self.accuracy >= self.target


def evaluate_fields(records: list[Record], predict: Callable[[Record], dict[str, Any]],
                    *, checks: Iterable[str] | None = None) -> list[FieldScore]:
    """Compare predict(record) (a flat label-shaped dict) with each record's labels."""
    names = list(checks or CHECKS)
    scores = {name: FieldScore(name, CHECKS[name][0]) for name in names}
    for record in records:
        predicted = predict(record)
        for name in names:
            getter = CHECKS[name][1]
            try:
                want, got = getter(record.labels), getter(predicted)
            except KeyError:
                continue
            score = scores[name]
            score.total += 1
            if want == got:
                score.correct += 1
            else:
                score.misses.append((record.id, want, got))
    return list(scores.values())


def suggest_as_labelled(model: LetterModel, config: ClassifierConfig
                        ) -> Callable[[Record], dict[str, Any]]:
    """A predictor for evaluate_fields: the full suggestion, for the office that received the
    letter (the corpus labels xu_ly for the Ban Tiếp công dân of province `noi_nhan`)."""
    def predict(record: Record) -> dict[str, Any]:
        office = _replace(config.office, province=record.labels.get("noi_nhan"))
        return flatten(suggest(record.text, model=model,
                               config=_replace(config, office=office)))
    return predict


def evaluate_suggestions(model: LetterModel, records: list[Record], config: ClassifierConfig
                         ) -> list[FieldScore]:
    """Every check of CHECKS on the given (held-out) letters."""
    return evaluate_fields(records, suggest_as_labelled(model, config))
