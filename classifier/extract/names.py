"""Personal names as written: capitalised syllables ("Nguyễn Văn Bé Tư", "H'Hen Niê",
"Y Jôn Mlô", "PHAM VAN HUNG"), found at a position of the original text.

Accents matter: "Đặng" is a surname and "Đảng" (the Party) is not, "Trương" is and "Trường" is
not. Words typed without accents are ambiguous, so for them only words that are never part of a
name count as non-names.
"""

from __future__ import annotations

import re
import unicodedata

from classifier.extract.text import fold


def _letters(upper: bool) -> str:
    chars = {chr(c) for c in range(0x41, 0x1EFA)
             if chr(c).isalpha() and chr(c).isupper() == upper and chr(c).islower() != upper
             and fold(chr(c)) in "abcdefghijklmnopqrstuvwxyz"}
    return "".join(sorted(chars))


UPPER = _letters(True)
LOWER = _letters(False)
# "K'Brông", "H' Lina": Central Highlands names carry an apostrophe, within a word or after
# its first letter.
_WORD = (f"[{UPPER}]['’](?= )"
         f"|[{UPPER}](?:[{LOWER}]+|[{UPPER}]+)?(?:['’][{UPPER}{LOWER}][{LOWER}{UPPER}]*)?")
# One space between the words of a name: two or a tab separate signatures set side by side.
NAME = re.compile(f"(?:{_WORD})(?: (?:{_WORD})){{0,5}}")
_NEXT_WORD = re.compile(r"[ \t]+(\S+)")

# Capitalised words that begin a title, a body or a place, never a person's name.
_NOT_FIRST = frozenset(w.lower() for w in (
    "Ban", "Sở", "UBND", "Ủy", "Uỷ", "Chủ", "Giám", "Trưởng", "Bí", "Công", "Thôn", "Xã",
    "Phường", "Tổ", "Ấp", "Bản", "Hội", "Đảng", "Cán", "Cựu", "Bệnh", "Tỉnh", "Thành", "Huyện",
    "Quận", "Đội", "Hợp", "Chi", "Tổng", "Nhà", "Trường", "Viện", "Tòa", "Cục", "Bộ", "Ngân",
    "Trung", "Đơn", "Kính", "Người", "Đại", "Chúng", "Tôi", "Các", "Xin", "Đề", "Ngày", "Số",
    "Khu", "Xóm", "Ký", "Mặt", "Liên", "Điện", "Địa", "Nơi", "Năm", "Cộng", "Độc",
    "Hộ", "Dân", "Sinh", "Chỗ", "Tại", "Đường", "Phố", "Cảnh", "Kiểm", "Thư", "Hiệu", "Bác",
    "Kế", "Luật", "Doanh", "Tập", "Trạm", "Đài", "Báo", "Trú", "Hiện", "Quê", "Nghề", "ĐT",
    "SĐT", "CCCD", "CMND", "Email", "Thuế", "Hải", "Kho", "Phòng", "Thanh", "Lãnh", "Nhân",
    "Căn", "Quyết", "Thông", "Giấy", "Biên", "Đồng", "Gia", "Tiểu", "Trẻ", "Ông", "Bà", "Anh",
    "Chị", "Cô", "Chú",
))
# A few of those are also surnames or given names when typed without accents.
_AMBIGUOUS_UNACCENTED = frozenset({
    "dang", "duong", "truong", "to", "quan", "danh", "ban", "chu", "trung", "thanh", "gia",
    "dong", "hai", "van", "kim", "ha", "ho", "tai", "hien", "sinh", "cong", "mai", "dao",
})
_NOT_FIRST_FOLDED = frozenset(fold(w) for w in _NOT_FIRST) - _AMBIGUOUS_UNACCENTED
# Words that may end a name when the phrase they start follows it ("... Thắng Trú tại",
# "... Thắng Sinh năm 1966"); compared with accents, since "Phượng" is a name and "Phường" not.
_ENDING_WORDS = frozenset(w.lower() for w in (
    "Sinh", "Trú", "Thường", "Hiện", "Địa", "Số", "Điện", "Nơi", "Quê", "Nghề", "Ngày", "Năm",
    "Dân", "Căn", "Giám", "Chủ", "Trưởng", "Phó",
))
_ENDING_PHRASES = re.compile(
    r"^(?:sinh (?:nam|ngay|\d)|tru (?:tai|o)|thuong tru|hien (?:tru|o|cu|dang|la|nay)"
    r"|dia chi|so (?:dien|cccd|can|dinh|nha|\d)|dien thoai|noi (?:o|cu)|que (?:quan|o)"
    r"|nghe nghiep|ngay sinh|nam sinh|dan toc|can cuoc|giam doc|chu tich|truong (?:thon|ban|phong)"
    r"|pho (?:chu|giam|truong))\b"
)


def _never_first(word: str, accented: bool) -> bool:
    if accented:
        return word.lower() in _NOT_FIRST
    return fold(word) in _NOT_FIRST_FOLDED


def _ends_name(word: str, phrase: str, accented: bool) -> bool:
    if accented and word.lower() not in _ENDING_WORDS:
        return False
    return bool(_ENDING_PHRASES.match(phrase))


def _accented_around(text: str, position: int) -> bool:
    """Whether the writer types accents (judged around the name, as letters mix)."""
    window = text[max(0, position - 300): position + 300]
    letters = [ch for ch in window if ch.isalpha()]
    marked = sum(1 for ch in letters if fold(ch) != ch.lower())
    return bool(letters) and marked / len(letters) > 0.05


def _is_acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper() and word.lower() in _NOT_FIRST


def name_at(text: str, position: int) -> str | None:
    """The personal name that starts exactly at `position`, or None."""
    match = NAME.match(text, position)
    if not match:
        return None
    accented = _accented_around(text, position)
    words: list[str] = []
    cursor = position
    for word in match.group(0).split():
        cursor = text.index(word, cursor)
        after = cursor + len(word)
        following = _NEXT_WORD.match(text, after)
        phrase = fold(word + " " + following.group(1)) if following else ""
        if words and (_is_acronym(word) or _ends_name(word, phrase, accented)):
            break
        words.append(word)
        cursor = after
    if not words or _never_first(words[0], accented):
        return None
    if (len(words) < 2 and not ("'" in words[0] or "’" in words[0])) or \
            words[-1].endswith(("'", "’")):
        return None
    return unicodedata.normalize("NFC", " ".join(words))


def is_name_line(line: str) -> bool:
    """A line holding only a personal name (a signature)."""
    stripped = line.strip(" \t.-–•*")
    name = name_at(stripped, 0)
    return name is not None and len(name) == len(stripped)
