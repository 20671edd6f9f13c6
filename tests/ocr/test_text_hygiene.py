"""Vietnamese text hygiene: NFC, one tone-mark convention, Đ, hyphenation, broken lines."""

import unicodedata

from ocr import normalise_text
from ocr.vietnamese import is_syllable, syllable_share


def test_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Khiếu nại")
    assert normalise_text(decomposed) == "Khiếu nại"
    assert unicodedata.is_normalized("NFC", normalise_text(decomposed))


def test_one_tone_mark_convention() -> None:
    assert normalise_text("Cộng hoà xã hội") == "Cộng hòa xã hội"
    assert normalise_text("HOÀ BÌNH, thuỷ lợi, Khoẻ") == "HÒA BÌNH, thủy lợi, Khỏe"
    assert normalise_text("hoàn thành, quý, thuyền") == "hoàn thành, quý, thuyền"


def test_eth_becomes_vietnamese_d() -> None:
    assert normalise_text("ÐƠN đề nghị, ðường") == "ĐƠN đề nghị, đường"


def test_hyphenated_words_are_joined() -> None:
    assert normalise_text("Ủy ban nhân dân thành phố Cần Thơ ra quyết-\nđịnh") == (
        "Ủy ban nhân dân thành phố Cần Thơ ra quyết định")
    assert normalise_text("theo nghi-\nêng") == "theo nghiêng"
    assert normalise_text("Quyết định số 1234/QĐ-\nUBND") == "Quyết định số 1234/QĐ-UBND"


def test_broken_lines_inside_a_sentence_are_joined() -> None:
    text = "Tôi khiếu nại quyết định thu hồi\nđất của gia đình tôi.\nĐỀ NGHỊ\nXem xét lại."
    assert normalise_text(text) == (
        "Tôi khiếu nại quyết định thu hồi đất của gia đình tôi.\nĐỀ NGHỊ\nXem xét lại.")


def test_vietnamese_syllables_and_mojibake() -> None:
    assert is_syllable("nghiêng") and is_syllable("UBND") and is_syllable("Đắk")
    assert not is_syllable("nghÜa") and not is_syllable("ẵồ")
    good, _ = syllable_share("Cộng hòa xã hội chủ nghĩa Việt Nam, độc lập tự do hạnh phúc")
    legacy, _ = syllable_share("Céng hoµ x· héi chñ nghÜa ViÖt Nam §éc lËp Tù do H¹nh phóc")
    assert good == 1.0 and legacy < 0.6
