"""Field extraction on invented letters written the many ways citizens write them."""

from __future__ import annotations

import pytest

from classifier.extract.addressees import find_addressees
from classifier.extract.dates import find_date_written, parse_date
from classifier.extract.decisions import complaint_round, find_references
from classifier.extract.fields import extract_fields
from classifier.extract.identifiers import find_citizen_ids, find_phones
from classifier.extract.names import name_at
from classifier.extract.people import find_people
from classifier.extract.text import FoldedText, compile_vi, fold

UNACCENTED = """Kinh gui: Ban tiep cong dan tinh Quang Ngai

Toi ten Pham Van Hung, CCCD 051066 004 271, o thon Phu Tho, xa Tu Nghia, tinh Quang Ngai
(truoc la huyen Tu Nghia). Sdt 0832.176.054.

Ngay 17/4/2026 Chu tich UBND xa Tu Nghia ra quyet dinh so 96/QD-XPHC phat toi 4 trieu dong.
Toi khieu nai quyet dinh nay, de nghi xem xet huy quyet dinh phat.

Tu Nghia ngay 5 thang 9 nam 2025
Pham Van Hung
"""


def test_fold_keeps_positions() -> None:
    text = "Đơn KHIẾU NẠI của Nguyễn Văn Ất"
    assert fold(text) == "don khieu nai cua nguyen van at"
    assert len(fold(text)) == len(text)


def test_accent_exact_patterns_do_not_confuse_words() -> None:
    pattern = compile_vi(r"giả danh")
    assert FoldedText("bị giả danh công an gọi điện").search_vi(pattern)
    assert not FoldedText("tôi không tham gia đánh bạc").search_vi(pattern)
    assert FoldedText("bi gia danh cong an goi dien").search_vi(pattern)


@pytest.mark.parametrize(("text", "expected"), [
    ("Nghi Lộc, ngày 5 tháng 9 năm 2025", "2025-09-05"),
    ("Tu Nghia ngay 5 thang 9 nam 2025", "2025-09-05"),
    ("Phù Cát, 05/9/2025", "2025-09-05"),
    ("Hà Nội, ngày 05-09-2025", "2025-09-05"),
    ("ngày 05 tháng 09 năm 2025", "2025-09-05"),
    ("5.9.25", "2025-09-05"),
])
def test_dates_in_every_form(text: str, expected: str) -> None:
    found = find_date_written(FoldedText(f"Kính gửi: UBND xã\n\nNội dung.\n\n{text}\nLê Văn A"))
    assert found is not None and found.isoformat() == expected


def test_event_dates_are_not_the_letter_date() -> None:
    letter = FoldedText("Ngày 12/6/2026, UBND xã ra quyết định thu hồi đất.\nCCCD cấp ngày "
                        "10/8/2021\nTôi đề nghị xem xét.\nLê Văn A")
    assert find_date_written(letter) is None
    # Place names that look like event words ("Kỳ Anh", "Măng Đen") are still places.
    assert find_date_written(FoldedText("Nội dung.\nMăng Đen, ngày 05/6/2026\nA")) is not None
    assert parse_date("ngày 31 tháng 2 năm 2026") is None


def test_ids_and_phones_as_people_write_them() -> None:
    text = ("CCCD số 038066104729, cấp ngày 10/8/2021; CCCD 038 066 104 728; ĐT 0912 447 093, "
            "0915.338.740 hoặc +84 983 402 716; 1.350.000.000 đồng; năm 2025 0345 678 901")
    assert find_citizen_ids(text) == ["038066104729", "038066104728"]
    assert find_phones(text) == ["0912447093", "0915338740", "0983402716", "0345678901"]


@pytest.mark.parametrize(("text", "name"), [
    ("Nguyễn Văn Bé Tư, sinh năm 1960", "Nguyễn Văn Bé Tư"),
    ("H' Lina Êban, điều dưỡng", "H' Lina Êban"),
    ("K'Brông, thôn 6", "K'Brông"),
    ("Y Khu Niê, sinh năm 1972", "Y Khu Niê"),
    ("Đặng Văn Quang Trú tại", "Đặng Văn Quang"),
    ("Hoàng Văn Sinh, trưởng thôn", "Hoàng Văn Sinh"),
    ("Lê Văn Thắng Sinh năm 1966", "Lê Văn Thắng"),
    ("Dang Van Kieu, o xom 4", "Dang Van Kieu"),
    ("Đảng ủy xã Yên Thành", None),
    ("Ban Tiếp công dân tỉnh", None),
])
def test_names(text: str, name: str | None) -> None:
    assert name_at(text, 0) == name


def test_a_collective_letter_with_its_signature_list() -> None:
    letter = FoldedText(
        "Kính gửi: Chủ tịch UBND tỉnh Điện Biên\n\nChúng tôi là 5 hộ ở bản Pa Pốm, xã Mường "
        "Ảng, tỉnh Điện Biên. Chúng tôi cử 2 người đại diện:\n\n1. Ông Lường Văn Hặc, sinh năm "
        "1964, điện thoại 0393 520 687\n2. Bà Quàng Thị Ủi, sinh năm 1972\n\nChúng tôi khiếu "
        "nại quyết định bồi thường.\n\nMường Ảng, ngày 20 tháng 7 năm 2026\n\nDANH SÁCH CÁC HỘ "
        "KÝ TÊN\n1. Lường Văn Hặc\n2. Quàng Thị Ủi\n3. Lò Văn Sương\n4. Cà Thị Nhất\n"
        "5. Lường Văn Thiêm\n")
    people = find_people(letter)
    assert people.writer == "Lường Văn Hặc"
    assert people.signatories == 5
    assert people.representatives == ("Lường Văn Hặc", "Quàng Thị Ủi")
    assert people.danh_tinh == "co_ten"


@pytest.mark.parametrize(("ending", "count"), [
    ("Ký tên: Nguyễn Văn Mười, Trần Văn Hai, Lê Văn Bé", 3),
    ("Người tố cáo\nCầm Thị Thảo      Lò Thị Nhung      Quàng Văn Điện", 3),
    ("STT | Họ tên | Địa chỉ | Ký\n1 | Ngô Văn Tới | tổ 2 | (đã ký)\n2 | Trần Thị Hoa | tổ 2 |"
     " (đã ký)", 2),
    ("Người khiếu nại                Người viết đơn thay\n(điểm chỉ)                      (ký)\n"
     "Đỗ Thị Hòa                      Nguyễn Văn Tiến", 1),
    ("Người viết đơn\nBé Ba\nTrần Thị Bé Ba", 1),
])
def test_signature_counts(ending: str, count: int) -> None:
    letter = FoldedText("Kính gửi: UBND xã An Bình\n\nChúng tôi đề nghị sửa đường.\n\n"
                        "An Bình, ngày 2 tháng 3 năm 2026\n" + ending)
    assert find_people(letter).signatories == count


def test_anonymous_and_impersonated_letters() -> None:
    anonymous = FoldedText("kinh gui lanh dao tinh\n\ncan bo xa an tien het, de nghi tinh ve "
                           "kiem tra.\n\nmot nguoi dan")
    assert find_people(anonymous) .danh_tinh == "nac_danh"
    assert find_people(anonymous).signatories == 0
    impersonated = FoldedText(
        "Người đứng tên đơn: Trương Văn Út, thôn Chánh Hội.\n(Nói trước là đơn này tôi để tên "
        "ông Út cho có tên có tuổi, ông Út không biết việc này.)\nTôi tố cáo cán bộ xã.")
    people = find_people(impersonated)
    assert (people.writer, people.danh_tinh) == ("Trương Văn Út", "mao_danh")


def test_a_lawyer_who_signs_is_the_writer() -> None:
    letter = FoldedText(
        "Kính gửi: Chủ tịch UBND tỉnh Quảng Ninh\n\nNgười khiếu nại: Công ty TNHH Hải Hà, người "
        "đại diện theo pháp luật: bà Trịnh Thu Hà, Giám đốc.\n\nNgười đại diện theo ủy quyền: "
        "Luật sư Vương Đình Khải, Văn phòng Luật sư Đình Khải.\n\nNội dung khiếu nại ...\n\n"
        "NGƯỜI ĐẠI DIỆN THEO ỦY QUYỀN\nLuật sư Vương Đình Khải")
    assert find_people(letter).writer == "Vương Đình Khải"


def test_addressees() -> None:
    letter = FoldedText("Kính gửi: - Chủ tịch UBND tỉnh Nghệ An\n- Sở Nông nghiệp và Môi trường "
                        "tỉnh Nghệ An (để biết)\n- Báo Nghệ An; Đài Phát thanh - Truyền hình Nghệ "
                        "An\n\nChúng tôi là các hộ dân.\nĐồng gửi: Ban Tiếp công dân tỉnh Nghệ An")
    assert find_addressees(letter) == [
        "Chủ tịch UBND tỉnh Nghệ An", "Sở Nông nghiệp và Môi trường tỉnh Nghệ An",
        "Báo Nghệ An", "Đài Phát thanh - Truyền hình Nghệ An",
        "Ban Tiếp công dân tỉnh Nghệ An"]


def test_referenced_decisions_and_the_complaint_round() -> None:
    letter = FoldedText(
        "Số: 29/2026/CV-TT\n\nTôi khiếu nại Quyết định giải quyết khiếu nại lần đầu số "
        "702/QĐ-SNNMT ngày 24/9/2026 của Giám đốc Sở Nông nghiệp và Môi trường tỉnh Lạng Sơn. "
        "Trước đó, ngày 27/3/2026 Chủ tịch UBND xã Diễn Châu ban hành Quyết định số 905/QĐ-UBND "
        "phê duyệt phương án bồi thường. Theo hợp đồng số 15/2023/HĐXD ...")
    found = {r.so: r for r in find_references(letter)}
    assert set(found) == {"702/QĐ-SNNMT", "905/QĐ-UBND"}
    assert found["702/QĐ-SNNMT"].ngay == "2026-09-24"
    assert found["702/QĐ-SNNMT"].co_quan == "Giám đốc Sở Nông nghiệp và Môi trường tỉnh Lạng Sơn"
    assert found["702/QĐ-SNNMT"].is_settlement
    assert (found["905/QĐ-UBND"].ngay, found["905/QĐ-UBND"].co_quan) == \
        ("2026-03-27", "Chủ tịch UBND xã Diễn Châu")
    assert complaint_round(letter) == 2
    assert complaint_round(FoldedText("Tôi khiếu nại quyết định thu hồi đất.")) == 1


def test_a_letter_typed_without_accents() -> None:
    fields = extract_fields(UNACCENTED)
    assert fields.nguoi_viet == "Pham Van Hung"
    assert fields.ngay_viet == "2025-09-05"
    assert fields.tinh == "Quảng Ngãi"
    assert fields.dia_chi == "thon Phu Tho, xa Tu Nghia, tinh Quang Ngai"
    assert fields.cccd == ("051066004271",)
    assert fields.dien_thoai == ("0832176054",)
    assert fields.kinh_gui == ("Ban tiep cong dan tinh Quang Ngai",)
    assert [d.so for d in fields.quyet_dinh] == ["96/QD-XPHC"]
    assert fields.quyet_dinh[0].ngay == "2026-04-17"
    assert (fields.danh_tinh, fields.so_nguoi_ky, fields.lan_khieu_nai) == ("co_ten", 1, 1)
