"""The rule tables of classifier/rules/ (or an officer's copy): jurisdiction, handling,
deadlines and the default competent bodies. Read as data, checked on load, cached by file
modification time so an edited table takes effect without a restart."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from classifier.errors import RulesError
from classifier.facts import KNOWN_FACTS
from classifier.labels import LOAI_DON, THAM_QUYEN, XU_LY

DECISIVE = "bat_buoc"  # the rule decides, whatever the model says
SUGGESTIVE = "goi_y"  # the rule tips the model's balance and explains it
PLACEHOLDERS = ("{tinh}", "{xa}", "{so}", "{co_quan_ban_hanh}", "{co_quan_de_nghi}")
FILES = ("tham_quyen.csv", "xu_ly.csv", "deadlines.csv", "co_quan.csv")


@dataclass(frozen=True)
class Condition:
    """Facts joined by "&"; "!fact" means the fact must be absent."""

    terms: tuple[tuple[str, bool], ...]

    def holds(self, facts: frozenset[str]) -> bool:
        return all((name in facts) == wanted for name, wanted in self.terms)

    def __str__(self) -> str:
        return " & ".join(("" if wanted else "!") + name for name, wanted in self.terms)


@dataclass(frozen=True)
class JurisdictionRule:
    code: str
    letter_types: frozenset[str]  # empty: every type
    condition: Condition
    tham_quyen: str
    body: str  # template of the competent body, e.g. "Chủ tịch UBND {tinh}"
    citation: str
    reason: str
    decisive: bool

    def applies(self, loai_don: str, facts: frozenset[str]) -> bool:
        return (not self.letter_types or loai_don in self.letter_types) and \
            self.condition.holds(facts)


@dataclass(frozen=True)
class HandlingRule:
    code: str
    condition: Condition
    xu_ly: str
    citation: str
    reason: str
    decisive: bool


@dataclass(frozen=True)
class DeadlineRule:
    code: str
    step: str
    applies_to: str  # a loai_don, "khieu_nai_lan_hai" or "*"
    days: int
    working_days: bool
    start: str  # "ngay_nhan" or "ngay_quyet_dinh"
    citation: str


@dataclass(frozen=True)
class RuleBook:
    jurisdiction: tuple[JurisdictionRule, ...]
    handling: tuple[HandlingRule, ...]
    deadlines: tuple[DeadlineRule, ...]
    bodies: dict[str, str]  # tham_quyen → default template of the competent body


def _rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    if not path.exists():
        raise RulesError(f"thiếu bảng quy tắc {path}")
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in columns if c not in (reader.fieldnames or [])]
            if missing:
                raise RulesError(f"{path.name}: thiếu cột {', '.join(missing)}")
            rows = []
            for number, row in enumerate(reader, start=2):
                if None in row or any(row.get(c) is None for c in columns):
                    raise RulesError(f"{path.name} dòng {number}: số cột không đúng "
                                     "(ô có dấu phẩy phải đặt trong ngoặc kép)")
                if any(v.strip() for v in row.values() if isinstance(v, str)):
                    rows.append((number, {k: (v or "").strip() for k, v in row.items()}))
            return rows
    except (UnicodeDecodeError, csv.Error) as e:
        raise RulesError(f"{path.name}: không đọc được tệp CSV UTF-8 ({e})") from e


def _condition(text: str, where: str) -> Condition:
    terms: list[tuple[str, bool]] = []
    for raw in text.split("&"):
        term = raw.strip()
        if not term:
            continue
        wanted = not term.startswith("!")
        name = term.lstrip("!").strip()
        if name not in KNOWN_FACTS:
            raise RulesError(f"{where}: điều kiện '{name}' không có trong danh sách dữ kiện "
                             f"(xem classifier/rules/README.md)")
        terms.append((name, wanted))
    return Condition(tuple(terms))


def _decisive(value: str, where: str) -> bool:
    if value not in (DECISIVE, SUGGESTIVE):
        raise RulesError(f"{where}: ap_dung phải là '{DECISIVE}' hoặc '{SUGGESTIVE}'")
    return value == DECISIVE


def _check_template(template: str, where: str) -> None:
    stripped = template
    for placeholder in PLACEHOLDERS:
        stripped = stripped.replace(placeholder, "")
    if "{" in stripped or "}" in stripped:
        raise RulesError(f"{where}: co_quan chỉ dùng được {', '.join(PLACEHOLDERS)}")


def _jurisdiction(directory: Path) -> tuple[JurisdictionRule, ...]:
    path = directory / "tham_quyen.csv"
    rules = []
    for number, row in _rows(path, ("ma", "loai_don", "dieu_kien", "tham_quyen", "co_quan",
                                    "can_cu", "ly_do", "ap_dung")):
        where = f"tham_quyen.csv dòng {number}"
        types = frozenset(t.strip() for t in row["loai_don"].split("|")
                          if t.strip() and t.strip() != "*")
        if types - set(LOAI_DON):
            raise RulesError(f"{where}: loai_don không hợp lệ {sorted(types - set(LOAI_DON))}")
        if row["tham_quyen"] not in THAM_QUYEN:
            raise RulesError(f"{where}: tham_quyen '{row['tham_quyen']}' không hợp lệ")
        _check_template(row["co_quan"], where)
        rules.append(JurisdictionRule(
            code=row["ma"], letter_types=types, condition=_condition(row["dieu_kien"], where),
            tham_quyen=row["tham_quyen"], body=row["co_quan"], citation=row["can_cu"],
            reason=row["ly_do"], decisive=_decisive(row["ap_dung"], where)))
    return tuple(rules)


def _handling(directory: Path) -> tuple[HandlingRule, ...]:
    rules = []
    for number, row in _rows(directory / "xu_ly.csv",
                             ("ma", "dieu_kien", "xu_ly", "can_cu", "ly_do", "ap_dung")):
        where = f"xu_ly.csv dòng {number}"
        if row["xu_ly"] not in XU_LY:
            raise RulesError(f"{where}: xu_ly '{row['xu_ly']}' không hợp lệ")
        rules.append(HandlingRule(
            code=row["ma"], condition=_condition(row["dieu_kien"], where), xu_ly=row["xu_ly"],
            citation=row["can_cu"], reason=row["ly_do"], decisive=_decisive(row["ap_dung"], where)))
    return tuple(rules)


def _deadlines(directory: Path) -> tuple[DeadlineRule, ...]:
    rules = []
    for number, row in _rows(directory / "deadlines.csv",
                             ("ma", "buoc", "ap_dung_cho", "so_ngay", "loai_ngay", "moc",
                              "can_cu")):
        where = f"deadlines.csv dòng {number}"
        if not row["so_ngay"].isdigit():
            raise RulesError(f"{where}: so_ngay phải là số nguyên dương")
        if row["loai_ngay"] not in ("lam_viec", "lich"):
            raise RulesError(f"{where}: loai_ngay phải là 'lam_viec' hoặc 'lich'")
        if row["moc"] not in ("ngay_nhan", "ngay_quyet_dinh"):
            raise RulesError(f"{where}: moc phải là 'ngay_nhan' hoặc 'ngay_quyet_dinh'")
        rules.append(DeadlineRule(
            code=row["ma"], step=row["buoc"], applies_to=row["ap_dung_cho"],
            days=int(row["so_ngay"]), working_days=row["loai_ngay"] == "lam_viec",
            start=row["moc"], citation=row["can_cu"]))
    return tuple(rules)


def _bodies(directory: Path) -> dict[str, str]:
    bodies: dict[str, str] = {}
    for number, row in _rows(directory / "co_quan.csv", ("tham_quyen", "co_quan")):
        where = f"co_quan.csv dòng {number}"
        if row["tham_quyen"] not in THAM_QUYEN:
            raise RulesError(f"{where}: tham_quyen '{row['tham_quyen']}' không hợp lệ")
        _check_template(row["co_quan"], where)
        bodies[row["tham_quyen"]] = row["co_quan"]
    return bodies


@lru_cache(maxsize=8)
def _load(directory: Path, stamps: tuple[float, ...]) -> RuleBook:
    return RuleBook(jurisdiction=_jurisdiction(directory), handling=_handling(directory),
                    deadlines=_deadlines(directory), bodies=_bodies(directory))


def load_rules(directory: Path) -> RuleBook:
    """The rule book in `directory`; re-read whenever one of its files changes."""
    directory = directory.resolve()
    stamps = tuple((directory / name).stat().st_mtime_ns if (directory / name).exists()
                   else -1.0 for name in FILES)
    return _load(directory, stamps)
