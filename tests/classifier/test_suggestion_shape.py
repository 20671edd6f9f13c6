"""One suggestion JSON, the DESIGN.md shape, with fields, routing, deadlines and reasons."""

from __future__ import annotations

import json
from datetime import date

import classifier
from classifier.model import LetterModel

LETTER = """Kính gửi: Chủ tịch UBND tỉnh Sóc Trăng

Tôi là Lý Văn Tám, CCCD 094069318527, ở ấp Hòa Phuông, xã Hòa Tú, huyện Mỹ Xuyên, tỉnh Sóc
Trăng, ĐT 0915 338 740.

Tôi đã khiếu nại việc bồi thường đất. Ngày 05/01/2026 Chủ tịch UBND xã Hòa Tú ban hành Quyết
định số 1234/QĐ-UBND giải quyết khiếu nại lần đầu, không chấp nhận. Tôi không đồng ý, nay khiếu
nại lần hai.

Hòa Tú, ngày 20 tháng 01 năm 2026
Lý Văn Tám
"""


def test_the_suggestion_json(letter_model: LetterModel) -> None:
    suggestion = classifier.suggest(LETTER, model=letter_model, ngay_nhan=date(2026, 1, 23))
    data = json.loads(json.dumps(suggestion.to_dict(), ensure_ascii=False))
    assert list(data) == ["loai_don", "cac_noi_dung", "tham_quyen", "co_quan", "xu_ly",
                          "linh_vuc", "flags", "confidence", "abstain", "fields", "deadlines",
                          "reasons", "model_version"]
    assert (data["loai_don"], data["tham_quyen"], data["xu_ly"]) == \
        ("khieu_nai", "ubnd_tinh", "thu_ly")
    assert data["co_quan"] == "Chủ tịch UBND thành phố Cần Thơ"  # Sóc Trăng merged into it
    fields = data["fields"]
    assert fields["tinh"] == "Cần Thơ"
    assert fields["quyet_dinh"] == [{"so": "1234/QĐ-UBND", "ngay": "2026-01-05",
                                     "co_quan": "Chủ tịch UBND xã Hòa Tú"}]
    assert fields["lan_khieu_nai"] == 2
    assert (fields["ngay_viet"], fields["ngay_nhan"]) == ("2026-01-20", "2026-01-23")
    assert data["deadlines"]["xu_ly_don"] == "2026-02-06"
    assert data["deadlines"]["thoi_hieu_khieu_nai"] == "ok"
    assert any("Khiếu nại lần hai" in r and "Luật Khiếu nại" in r for r in data["reasons"])
    assert data["flags"]["duplicate_of"] is None
    assert 0 < data["confidence"]["tham_quyen"] <= 1


def test_other_letter_types_carry_no_complaint_round(letter_model: LetterModel) -> None:
    text = ("Kính gửi: UBND xã Nghi Lộc\n\nĐường liên xóm lầy lội, tôi kiến nghị xã sửa đường."
            "\n\nNghi Lộc, 12/3/2026\nLê Thị Mai")
    assert classifier.suggest(text, model=letter_model).fields.lan_khieu_nai is None
