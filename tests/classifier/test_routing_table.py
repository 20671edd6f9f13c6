"""Table-driven routing: each row of routing_cases.csv is a letter, the office that receives it,
and the expected competent body, handling and the law cited. The real trained model runs; the
cases are written so that the law's rules, not the model's mood, decide them."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pytest

import classifier
from classifier.labels import THAM_QUYEN, XU_LY
from classifier.model import LetterModel

CASES = Path(__file__).with_name("routing_cases.csv")
MIN_CASES = 40
NO_BODY = "-"  # the letter does not allow naming the competent body


@dataclass(frozen=True)
class Case:
    code: str
    text: str
    office: classifier.OfficeConfig
    tham_quyen: str
    co_quan: str | None
    xu_ly: str
    citation: str


def _office(spec: str) -> classifier.OfficeConfig:
    """"tinh", "tinh:Nghệ An", "xa:UBND xã Nghi Lộc", "so:Sở Xây dựng"."""
    level, _, name = spec.partition(":")
    if level == "tinh":
        return classifier.OfficeConfig(province=name or None)
    return classifier.OfficeConfig(level=level, name=name)


def load_cases() -> list[Case]:
    with CASES.open(encoding="utf-8", newline="") as handle:
        return [Case(code=row["ma"], text=row["van_ban"].replace("\\n", "\n"),
                     office=_office(row["co_quan_nhan"]), tham_quyen=row["tham_quyen"],
                     co_quan=None if row["co_quan"] == NO_BODY else row["co_quan"],
                     xu_ly=row["xu_ly"],
                     citation=row["can_cu"])
                for row in csv.DictReader(handle)]


def test_there_are_enough_cases_each_fully_pinned() -> None:
    cases = load_cases()
    assert len(cases) >= MIN_CASES
    assert len({c.code for c in cases}) == len(cases)
    with CASES.open(encoding="utf-8", newline="") as handle:
        assert all(row["can_cu"] and row["co_quan"] for row in csv.DictReader(handle))
    assert {c.tham_quyen for c in cases} == set(THAM_QUYEN)
    assert {c.xu_ly for c in cases} == set(XU_LY)
    assert {c.office.level for c in cases} == {"tinh", "xa", "so"}


@pytest.mark.parametrize("case", load_cases(), ids=lambda c: c.code)
def test_routing(case: Case, letter_model: LetterModel) -> None:
    suggestion = classifier.suggest(case.text, model=letter_model,
                                    config=classifier.ClassifierConfig(office=case.office))
    assert (suggestion.tham_quyen, suggestion.co_quan, suggestion.xu_ly) == \
        (case.tham_quyen, case.co_quan, case.xu_ly)
    assert any(case.citation in reason for reason in suggestion.reasons), suggestion.reasons
