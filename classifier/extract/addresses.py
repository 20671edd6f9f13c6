"""The writer's address exactly as written: a run of administrative units ("thôn Đông Hải,
xã Quảng Ngọc, huyện Quảng Xương, tỉnh Thanh Hóa"), each a unit word followed by a proper name
or a number, joined by commas."""

from __future__ import annotations

import re
from dataclasses import dataclass

from classifier.extract.places import is_province_name, provinces_named
from classifier.extract.text import FoldedText, compile_vi

_UNIT_WORDS = (
    "số nhà", "căn hộ", "chung cư", "ki ốt", "kiốt", "kiot", "tổ dân phố", "khu phố",
    "khu dân cư", "khu vực", "tiểu khu", "khu trọ", "phòng trọ", "khu công nghiệp",
    "cụm công nghiệp", "khu tái định cư", "khu đô thị", "khu kinh tế", "khu chế xuất",
    "khu tập thể", "nông trường", "lâm trường", "đại lộ", "km", "lô", "phòng", "p.", "chợ",
    "khu", "khối", "tổ", "thôn",
    "xóm", "ấp", "bản", "bon", "buôn", "làng", "plei", "sóc", "đội", "cụm", "khóm", "số",
    "đường", "phố", "ngõ", "ngách", "hẻm", "kiệt", "tòa", "tầng", "xã", "phường", "thị trấn",
    "đặc khu", "huyện", "quận", "thị xã", "thành phố", "tp.", "tp", "tỉnh",
)
_ADMIN_WORDS = ("xã", "phường", "thị trấn", "đặc khu", "huyện", "quận", "thị xã",
                "thành phố", "tp.", "tp", "tỉnh")
_UNIT = compile_vi(r"(?<![\w])(?:" + "|".join(
    re.escape(w).replace(r"\ ", " ") for w in sorted(_UNIT_WORDS, key=len, reverse=True))
    + r")(?![\w])")
_ADMIN = compile_vi(r"^(?:" + "|".join(
    re.escape(w).replace(r"\ ", " ") for w in _ADMIN_WORDS) + r")(?![\w])")
_TOKEN = re.compile(r"[^\W_][\w'’./\-]*")
_GAP = re.compile(r"[ \t]*(?:\.[ \t]*)?")
_JOIN = re.compile(r"[ \t]+-[ \t]+|[ \t]+")
_COMMA = re.compile(r"[ \t]*,[ \t]*")
_CUE = compile_vi(
    r"(?:trú tại|địa chỉ|nơi ở|nơi cư trú|thường trú|tạm trú|cư trú tại|ở tại|sống tại|nhà ở"
    r"|sinh sống(?: tại)?|\bở|\btại|quê quán)[ \t:]*$"
)
_CUE_WORD = compile_vi(
    r"(?:trú tại|địa chỉ|nơi ở|cư trú tại|ở tại|sống tại|nhà ở|\bở|\btại)[ \t:]*"
)
MAX_TOKENS = 8
MAX_HOUSE_DIGITS = 6
# An address right after an institution's name is where the institution sits, not the writer.
_INSTITUTION_BEFORE = compile_vi(
    r"(?:ubnd|ủy ban nhân dân|ban tiếp(?: công)? dân|sở [^\n,]{0,40}|công an|chủ tịch|giám đốc"
    r"|thanh tra|tòa án|viện kiểm sát|kính gửi|lãnh đạo|hđnd|đảng ủy|tỉnh ủy|thành ủy"
    r"|mặt trận[^\n,]{0,30}|bảo hiểm xã hội|chi cục[^\n,]{0,30}|\bcục[^\n,]{0,30}"
    r"|trường (?:thcs|thpt|tiểu học|mầm non|đại học|cao đẳng)[^\n,]{0,40}"
    r"|bệnh viện[^\n,]{0,40}|công ty[^\n,]{0,60}|đoàn luật sư)[ \t:\-]*$"
)


@dataclass(frozen=True)
class AddressSpan:
    start: int
    end: int
    text: str


def _is_name_token(token: str) -> bool:
    """A proper-name or number token: "Đông", "12", "9/2", "B2-1508"; not a lower-case word and
    not a word in capitals ("XÃ HỘI CHỦ NGHĨA")."""
    first = token[0]
    if first.isdigit():
        return sum(c.isdigit() for c in token) <= MAX_HOUSE_DIGITS  # not an ID or a phone
    letters = [c for c in token if c.isalpha()]
    return first.isupper() and not (len(letters) > 1 and all(c.isupper() for c in letters))


_NUMBER_WORD = re.compile(r"(?:số|so)[ \t]+\d")


def _name_end(text: str, position: int) -> int | None:
    """End of the proper name starting at position, or None when there is none ("Đông Hải",
    "12", "số 17" as in "đường số 17")."""
    end = None
    cursor = position
    for _ in range(MAX_TOKENS):
        token = _TOKEN.match(text, cursor)
        if token and _NUMBER_WORD.match(text, cursor):
            token = _TOKEN.match(text, text.index(" ", cursor) + 1) or token
            token = re.compile(r"[ \t]*\d[\w'’./\-]*").match(text, token.start()) or token
        if not token or not _is_name_token(token.group(0)):
            break
        end = token.end()
        if text[end - 1] in ".-/":
            end -= 1
            break
        joiner = _JOIN.match(text, end)
        if not joiner:
            break
        cursor = joiner.end()
    return end


def _unit_at(letter: FoldedText, view: str, unit: re.Pattern[str], position: int
             ) -> tuple[int, bool] | None:
    """(end, is an administrative level) of the unit starting at position, including units
    nested without a comma ("số 12 đường Nguyễn Trãi")."""
    match = unit.match(view, position)
    if not match:
        return None
    gap = _GAP.match(letter.original, match.end())
    end = _name_end(letter.original, gap.end() if gap else match.end())
    if end is None:
        return None
    admin = bool(_ADMIN.exact.match(letter.lower[match.start():]) if letter.accented
                 else _ADMIN.folded.match(letter.folded[match.start():]))
    nested = re.match(r"[ \t]+", letter.original[end:])
    if nested:
        inner = _unit_at(letter, view, unit, end + nested.end())
        if inner:
            return inner[0], admin or inner[1]
    return end, admin


_CHUNK = re.compile(r"[^,;()\n]+?(?=[ \t]*(?:[,;()\n]|\.(?:\s|$)|$))")


def _province_after(text: str, position: int) -> int | None:
    """End of a bare province name at position ("Hà Nội", "TP.HCM"), or None."""
    chunk = _CHUNK.match(text, position)
    if chunk and is_province_name(chunk.group(0)):
        return chunk.end()
    return None


def find_addresses(letter: FoldedText) -> list[AddressSpan]:
    """Every address in the letter: comma-joined units, at least one administrative."""
    view, unit = letter.view(_UNIT)
    spans: list[AddressSpan] = []
    position = 0
    while True:
        first = unit.search(view, position)
        if not first:
            return spans
        found = _unit_at(letter, view, unit, first.start())
        if not found:
            position = first.end()
            continue
        start, (end, admin) = first.start(), found
        while True:
            comma = _COMMA.match(letter.original, end)
            if not comma:
                break
            following = _unit_at(letter, view, unit, comma.end())
            if following:
                end, admin = following[0], admin or following[1]
                continue
            bare = _province_after(letter.original, comma.end())
            if bare:
                end, admin = bare, True
            break
        if admin:
            spans.append(AddressSpan(start, end, letter.original[start:end]))
        position = end


def _bare_place_after_cue(letter: FoldedText, start: int) -> AddressSpan | None:
    """"... ở Kiến An, Hải Phòng": a place without unit words, then a province."""
    view, cue = letter.view(_CUE_WORD)
    for match in cue.finditer(view, start, min(len(view), start + 400)):
        gap = _GAP.match(letter.original, match.end())
        position = gap.end() if gap else match.end()
        name_end = _name_end(letter.original, position)
        comma = _COMMA.match(letter.original, name_end) if name_end else None
        province_end = _province_after(letter.original, comma.end()) if comma else None
        if province_end:
            return AddressSpan(position, province_end, letter.original[position:province_end])
    return None


def find_writer_address(letter: FoldedText, *, after: int = 0) -> AddressSpan | None:
    """The writer's address: among the first addresses of the paragraph where the writer
    introduces themself (or later), one introduced by "trú tại", "địa chỉ", "ở"... if any,
    else the first."""
    paragraph = letter.original.rfind("\n", 0, after) + 1
    paragraph_end = letter.original.find("\n\n", after)
    paragraph_end = len(letter.original) if paragraph_end < 0 else paragraph_end
    view, institution = letter.view(_INSTITUTION_BEFORE)
    addresses = [a for a in find_addresses(letter)
                 if not institution.search(view[max(0, a.start - 60): a.start])]
    following = [a for a in addresses if a.start >= paragraph] or addresses
    nearby = [a for a in following if a.start < paragraph_end] or following[:3]
    several_units = [a for a in nearby if "," in a.text]
    nearby = several_units or nearby
    view, cue = letter.view(_CUE)
    cued = [a for a in nearby if cue.search(view[max(0, a.start - 20): a.start])]
    naming = [a for a in nearby if provinces_named(a.text) or is_province_name(
        a.text.rsplit(",", 1)[-1])]
    if cued or naming:
        return (cued or naming)[0]
    bare = _bare_place_after_cue(letter, paragraph)
    if bare and (not nearby or bare.start < nearby[0].start):
        return bare
    return nearby[0] if nearby else None
