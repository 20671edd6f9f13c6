"""Re-sent letters are found among those already known and linked, not handled twice."""

from __future__ import annotations

import random

import classifier
from classifier.augment import ocr_noise
from classifier.duplicates import LetterIndex, find_duplicate
from classifier.model import LetterModel

FIRST = """Kính gửi: Ban Tiếp công dân tỉnh Nghệ An

Tôi là Trần Văn Bình, trú tại xóm 3, xã Nghi Lộc, tỉnh Nghệ An, ĐT 0912 345 678.

Ngày 05/01/2026 Chủ tịch UBND xã Nghi Lộc ban hành Quyết định số 45/QĐ-UBND phê duyệt phương
án bồi thường khi thu hồi 300 m2 đất của gia đình tôi. Tôi không đồng ý vì giá bồi thường thấp
hơn giá chuyển nhượng thực tế, cây trồng trên đất kiểm đếm thiếu. Tôi khiếu nại quyết định trên,
đề nghị xem xét lại và bồi thường đúng quy định.

Nghi Lộc, ngày 10 tháng 3 năm 2026
Trần Văn Bình
"""
OTHER = """Kính gửi: UBND xã Nghi Lộc

Đường liên xóm từ xóm 3 ra quốc lộ dài 1,5 km là đường đất, mùa mưa lầy lội, học sinh đi học
rất khó khăn. Tôi kiến nghị xã đưa tuyến đường này vào kế hoạch bê tông hóa năm 2026.

Nghi Lộc, ngày 12 tháng 3 năm 2026
Lê Thị Mai
"""


def _resent() -> str:
    """The same letter re-typed with a new date and the mistakes of a poor scan."""
    text = FIRST.replace("ngày 10 tháng 3 năm 2026", "ngày 02 tháng 4 năm 2026")
    return ocr_noise(text, random.Random(3), rate=0.05)


def test_a_resent_letter_is_found_and_an_unrelated_one_is_not() -> None:
    index = LetterIndex()
    index.add_all({"D-2026-0001": FIRST, "D-2026-0002": OTHER})
    assert len(index) == 2 and "D-2026-0001" in index
    match = find_duplicate(_resent(), index)
    assert match is not None and match.letter_id == "D-2026-0001"
    assert match.similarity >= index.threshold
    unrelated = "Tôi tố cáo ông Hồ Văn Tư đã chặt phá rừng phòng hộ ở khe Lim, đề nghị xử lý."
    assert find_duplicate(unrelated, index) is None
    assert find_duplicate(FIRST, index, exclude="D-2026-0001") is None


def test_a_plain_mapping_of_known_letters_works_too() -> None:
    assert find_duplicate(_resent(), {"cu-1": FIRST}) is not None
    assert find_duplicate(_resent(), {}) is None


def test_the_suggestion_links_and_archives_a_duplicate(letter_model: LetterModel) -> None:
    suggestion = classifier.suggest(_resent(), model=letter_model,
                                    known_letters={"D-2026-0001": FIRST})
    assert suggestion.flags.duplicate_of == "D-2026-0001"
    assert suggestion.xu_ly == "luu_don"
    assert any("D-2026-0001" in reason for reason in suggestion.reasons)
    fresh = classifier.suggest(FIRST, model=letter_model, known_letters={"D-2": OTHER})
    assert fresh.flags.duplicate_of is None and fresh.xu_ly != "luu_don"
