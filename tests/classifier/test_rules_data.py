"""Rules are data: an officer edits a copy of classifier/rules/ and routing follows it, without
touching code; a malformed table is refused with a message in Vietnamese saying where."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

import classifier
from classifier.model import LetterModel
from classifier.rulebook import load_rules

LETTER = """Kính gửi: Ban Tiếp công dân tỉnh Nghệ An

Tôi là Trần Văn Bình, trú tại xóm 3, xã Nghi Lộc, tỉnh Nghệ An, ĐT 0912 345 678.

Ngày 05/01/2026 Chủ tịch UBND xã Nghi Lộc ban hành Quyết định số 45/QĐ-UBND phê duyệt phương
án bồi thường khi thu hồi 300 m2 đất của gia đình tôi. Tôi không đồng ý vì giá bồi thường thấp.
Tôi khiếu nại quyết định trên, đề nghị xem xét lại.

Nghi Lộc, ngày 10 tháng 3 năm 2026
Trần Văn Bình
"""


def _copy_rules(tmp_path: Path) -> Path:
    copy = tmp_path / "quy_tac"
    shutil.copytree(classifier.DEFAULT_RULES_DIR, copy)
    return copy


def _edit(path: Path, code: str, **changes: str) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    fieldnames = list(rows[0])
    for row in rows:
        if row["ma"] == code:
            row.update(changes)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fieldnames, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_editing_a_copy_of_the_rules_changes_the_routing(tmp_path: Path,
                                                         letter_model: LetterModel) -> None:
    shipped = classifier.suggest(LETTER, model=letter_model)
    assert (shipped.tham_quyen, shipped.co_quan) == ("ubnd_xa", "Chủ tịch UBND xã Nghi Lộc")
    rules = _copy_rules(tmp_path)
    # A (hypothetical) decree moves first complaints against commune decisions to the province.
    _edit(rules / "tham_quyen.csv", "TQ14", tham_quyen="ubnd_tinh",
          co_quan="Chủ tịch UBND {tinh}", can_cu="Nghị định 999/2026/NĐ-CP (giả định)")
    config = classifier.ClassifierConfig(rules_dir=rules)
    edited = classifier.suggest(LETTER, model=letter_model, config=config)
    assert (edited.tham_quyen, edited.co_quan) == ("ubnd_tinh", "Chủ tịch UBND tỉnh Nghệ An")
    assert any("Nghị định 999/2026/NĐ-CP" in reason for reason in edited.reasons)
    assert edited.xu_ly == "thu_ly"  # the provincial board now proposes acceptance
    # The shipped tables are untouched.
    assert classifier.suggest(LETTER, model=letter_model).tham_quyen == "ubnd_xa"


def test_an_edited_deadline_changes_the_date(tmp_path: Path, letter_model: LetterModel) -> None:
    from datetime import date

    rules = _copy_rules(tmp_path)
    with (rules / "deadlines.csv").open(encoding="utf-8") as handle:
        text = handle.read()
    (rules / "deadlines.csv").write_text(
        text.replace("HN01,xu_ly_don,*,10,lam_viec", "HN01,xu_ly_don,*,15,lam_viec"),
        encoding="utf-8")
    received = date(2026, 3, 2)  # a Monday
    shipped = classifier.suggest(LETTER, model=letter_model, ngay_nhan=received)
    edited = classifier.suggest(LETTER, model=letter_model, ngay_nhan=received,
                                config=classifier.ClassifierConfig(rules_dir=rules))
    assert shipped.deadlines["xu_ly_don"] == "2026-03-16"
    assert edited.deadlines["xu_ly_don"] == "2026-03-23"


@pytest.mark.parametrize(("file", "code", "column", "value", "message"), [
    ("tham_quyen.csv", "TQ14", "dieu_kien", "qd_cua_xaa", "điều kiện 'qd_cua_xaa'"),
    ("tham_quyen.csv", "TQ14", "tham_quyen", "ubnd_huyen", "tham_quyen 'ubnd_huyen'"),
    ("tham_quyen.csv", "TQ14", "co_quan", "Chủ tịch UBND {huyen}", "co_quan chỉ dùng được"),
    ("tham_quyen.csv", "TQ14", "ap_dung", "luon_luon", "ap_dung phải là"),
    ("xu_ly.csv", "XL01", "xu_ly", "tra_don", "xu_ly 'tra_don'"),
    ("deadlines.csv", "HN01", "so_ngay", "mười", "so_ngay phải là số nguyên dương"),
])
def test_malformed_tables_are_refused_with_the_line(tmp_path: Path, file: str, code: str,
                                                    column: str, value: str,
                                                    message: str) -> None:
    rules = _copy_rules(tmp_path)
    _edit(rules / file, code, **{column: value})
    with pytest.raises(classifier.RulesError) as error:
        load_rules(rules)
    assert message in str(error.value)
    assert f"{file} dòng" in str(error.value)


def test_a_missing_table_is_refused(tmp_path: Path) -> None:
    rules = _copy_rules(tmp_path)
    (rules / "xu_ly.csv").unlink()
    with pytest.raises(classifier.RulesError, match="thiếu bảng quy tắc"):
        load_rules(rules)


def test_shipped_rules_load_and_cite_the_law() -> None:
    book = load_rules(classifier.DEFAULT_RULES_DIR)
    assert len(book.jurisdiction) >= 30 and len(book.handling) >= 10
    assert all(rule.citation for rule in (*book.jurisdiction, *book.handling))
    assert set(book.bodies) == {"ubnd_xa", "ubnd_tinh", "so_nganh", "nganh_doc", "cong_an",
                                "toa_an", "dang_doan_the", "don_vi_su_nghiep"}


def test_the_service_setting_points_the_classifier_at_a_copy(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    from service.settings import Settings

    monkeypatch.setenv("DONTHU_RULES_DIR", str(tmp_path))
    assert Settings().classifier_config().rules_dir == tmp_path
