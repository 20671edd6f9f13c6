"""Personal names as written: capitalised syllables ("Nguyễn Văn Bé Tư", "H'Hen Niê",
"Y Jôn Mlô", "PHAM VAN HUNG"), found at a position of the original text."""

from __future__ import annotations

import re
import unicodedata

from classifier.extract.text import fold


def _letters(upper: bool) -> str:
    chars = [chr(c) for c in range(0x41, 0x1EFA)
             if chr(c).isalpha() and chr(c).isupper() == upper and chr(c).islower() != upper
             and fold(chr(c)) in "abcdefghijklmnopqrstuvwxyz"]
    return "".join(sorted(set(chars)))


UPPER = _letters(True)
LOWER = _letters(False)
_WORD = f"[{UPPER}](?:[{LOWER}]+|[{UPPER}]+)?(?:'[{UPPER}{LOWER}][{LOWER}{UPPER}]*)?"
NAME = re.compile(f"{_WORD}(?:[ \\t]+{_WORD}){{1,5}}")
# Capitalised words that start a title or a body, never a person's name.
_NOT_SURNAMES = frozenset(fold(w) for w in (
    "Ban", "Sở", "UBND", "Ủy", "Uỷ", "Chủ", "Phó", "Giám", "Trưởng", "Bí", "Công", "Thôn", "Xã",
    "Phường", "Tổ", "Ấp", "Bản", "Hội", "Đảng", "Cán", "Cựu", "Bệnh", "Tỉnh", "Thành", "Huyện",
    "Quận", "Đội", "Hợp", "Chi", "Tổng", "Nhà", "Trường", "Viện", "Tòa", "Cục", "Bộ", "Ngân",
    "Trung", "Đơn", "Kính", "Người", "Đại", "Chúng", "Tôi", "Các", "Xin", "Đề", "Ngày", "Số",
    "Khu", "Xóm", "Ký", "Danh", "Thanh", "Văn", "Mặt", "Liên", "Điện", "Địa", "Nơi", "Năm",
    "Cộng", "Độc", "Đồng", "Hộ", "Gia", "Dân", "Sinh", "Chỗ", "Tại", "Đường", "Phố",
    "Cảnh", "Kiểm", "Thư", "Hiệu", "Bác", "Kế", "Luật", "Doanh", "Tập", "Trạm", "Đài", "Báo",
    "Trú", "Hiện", "Ở", "Quê", "Nghề", "ĐT", "SĐT", "CCCD", "CMND", "Email", "Mã",
))
# Words that end a name when they follow it on the same line ("Lê Văn Thắng Trú tại ...");
# deliberately short: "Công", "Thanh", "Trung", "Gia" are middle names too.
_NAME_ENDS = frozenset(fold(w) for w in (
    "Trú", "Sinh", "Hiện", "Ở", "Quê", "Nghề", "ĐT", "SĐT", "CCCD", "CMND", "Email", "Giám",
    "Chủ", "Trưởng", "Phó", "Địa", "Số", "Tại", "Xã", "Phường", "Thôn", "Ấp", "Tổ", "Khu",
    "Xóm", "Bản", "Điện", "Nơi", "Ngày", "Năm", "Đại", "Người", "Kính", "Tỉnh", "Huyện",
))


def name_at(text: str, position: int) -> str | None:
    """The personal name that starts exactly at `position`, or None."""
    match = NAME.match(text, position)
    if not match:
        return None
    words = match.group(0).split()
    # A name ends where a capitalised non-name word begins ("... Trú tại", "... Giám đốc").
    kept: list[str] = []
    for i, word in enumerate(words):
        if i > 0 and fold(word) in _NAME_ENDS:
            break
        kept.append(word)
    if len(kept) < 2 or fold(kept[0]) in _NOT_SURNAMES:
        return None
    name = " ".join(kept)
    return unicodedata.normalize("NFC", name)


def is_name_line(line: str) -> bool:
    """A line holding only a personal name (a signature)."""
    stripped = line.strip(" \t.-–•*")
    name = name_at(stripped, 0)
    return name is not None and len(name) == len(stripped)
