"""The writer's address as written, and the province AFTER the 1 July 2025 merger.

The one home of `vietnamadminunits` (MIT, pinned): old addresses ("xã Hòa Tú, huyện Mỹ Xuyên,
tỉnh Sóc Trăng") are converted to the 34-province map at ward level where the address allows;
new ones are parsed as they are.

Never send an address anywhere: a denouncer's address is a state secret. The library's converter
asks an online geocoder (ArcGIS) where an old ward was split and a street is given, so only the
ward, district and province are ever handed to it, and its geocoder is replaced by one that
refuses (it then falls back to the split ward's default successor, offline).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import vietnamadminunits
from vietnamadminunits.converter import converter_2025

from classifier.extract.text import FoldedText, fold

PROVINCES_2025 = (
    "Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa",
    "Nghệ An", "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ",
    "Bắc Ninh", "Hưng Yên", "Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng", "Quảng Ngãi",
    "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "Hồ Chí Minh", "Đồng Nai", "Tây Ninh",
    "Cần Thơ", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
)
_BY_FOLDED = {fold(p): p for p in PROVINCES_2025}

# A unit of an address: keyword then its name ("thôn Đông Hải", "số 12 đường Nguyễn Trãi").
_UNIT = (
    r"(?:so nha|nha so|can ho|chung cu|kiot|ki ot|to dan pho|khu pho|khu dan cu|khu|khoi|to"
    r"|thon|xom|ap|ban|buon|lang|plei|soc|doi|cum|khom|so|duong|pho|ngo|ngach|hem|kiet|toa"
    r"|xa|phuong|thi tran|dac khu|huyen|quan|thi xa|thanh pho|tp\.?|tinh)"
)
_UNIT_SEGMENT = re.compile(
    _UNIT + r"\b[ \t.]*[^\s,;()\n][^,;()\n.]*?(?=[ \t]*(?:[,;()\n]|\.(?:\s|$)| - |$))"
)
_ADMIN_LEVEL = re.compile(
    r"^(?:xa|phuong|thi tran|dac khu|huyen|quan|thi xa|thanh pho|tp\.?|tinh)\b"
)
_SEPARATOR = re.compile(r"[ \t]*,[ \t]*")
_CUE = re.compile(
    r"(?:tru tai|dia chi|noi o|noi cu tru|thuong tru|tam tru|cu tru tai|o tai|song tai|nha o"
    r"|sinh song|\bo|\btai|que quan)[ \t:]*$"
)


def _no_geocoding(address: str) -> None:
    """Stands in for the library's online geocoder: addresses never leave the machine."""
    return None


converter_2025.get_geo_location = _no_geocoding


@dataclass(frozen=True)
class Address:
    text: str  # as written
    start: int
    province: str | None  # after the 2025 merger
    ward: str | None  # the commune/ward after the merger, e.g. "Xã Quảng Ngọc"


@lru_cache(maxsize=1)
def _legacy_province_keywords() -> dict[str, str]:
    """Folded province names, old and new, with and without 'tỉnh'/'thành phố' → the 2025
    province."""
    found: dict[str, str] = {}
    data = resources.files(vietnamadminunits).joinpath("data")
    for name in ("parser_legacy.json", "parser_from_2025.json"):
        provinces = json.loads(data.joinpath(name).read_text(encoding="utf-8"))["DICT_PROVINCE"]
        for entry in provinces.values():
            short = entry["provinceShort"]
            new = province_after_merger(short)
            if new:
                found[fold(short)] = new
    found["thua thien hue"] = "Huế"
    found["tp hcm"] = found["tphcm"] = found["sai gon"] = found["ho chi minh"] = "Hồ Chí Minh"
    found["ba ria vung tau"] = "Hồ Chí Minh"
    return found


@lru_cache(maxsize=256)
def province_after_merger(name_or_address: str) -> str | None:
    """The 2025 province of an old or new province name or address, or None."""
    folded = fold(name_or_address).strip()
    if folded in _BY_FOLDED:
        return _BY_FOLDED[folded]
    province, _ = _convert(name_or_address, legacy=True)
    if province is None:
        province, _ = _convert(name_or_address, legacy=False)
    return province


def _convert(address: str, *, legacy: bool) -> tuple[str | None, str | None]:
    """(province, ward) after the merger. A legacy address is reduced to its administrative
    units before conversion, so no street (the part a geocoder would need) is ever passed on."""
    try:
        if not legacy:
            unit = vietnamadminunits.parse_address(address, mode="FROM_2025", keep_street=False)
        else:
            old = vietnamadminunits.parse_address(address, mode="LEGACY", keep_street=False)
            units = ", ".join(part for part in (old.ward, old.district, old.province) if part)
            if not old.province:
                return None, None
            unit = vietnamadminunits.convert_address(units)
    except (ValueError, KeyError, IndexError, AttributeError, TypeError):
        return None, None
    province = _BY_FOLDED.get(fold(unit.short_province)) if unit.short_province else None
    return province, (unit.ward or None) if province else None


def _ward_after_merger(address: str) -> tuple[str | None, str | None]:
    """(province, ward) of a full address after the merger; old addresses are converted."""
    legacy = re.search(r"\b(?:huyen|quan|thi xa)\b", fold(address)) is not None
    province, ward = _convert(address, legacy=legacy)
    if province is None:
        province, ward = _convert(address, legacy=not legacy)
    return province, ward


def _chains(letter: FoldedText) -> list[tuple[int, int]]:
    """Spans of comma-separated address units containing a commune or higher level."""
    spans: list[tuple[int, int]] = []
    folded = letter.folded
    position = 0
    while True:
        first = _UNIT_SEGMENT.search(folded, position)
        if not first:
            return spans
        start, end = first.start(), first.end()
        has_level = bool(_ADMIN_LEVEL.match(first.group(0)))
        while True:
            separator = _SEPARATOR.match(folded, end)
            if not separator:
                break
            following = _UNIT_SEGMENT.match(folded, separator.end())
            if following:
                end = following.end()
                has_level = has_level or bool(_ADMIN_LEVEL.match(following.group(0)))
                continue
            bare = re.match(r"[a-z .\-]{2,25}?(?=[ \t]*(?:[,;()\n]|\.(?:\s|$)|$))",
                            folded[separator.end():])
            if bare and bare.group(0).strip() in _legacy_province_keywords():
                end = separator.end() + bare.end()
                has_level = True
            break
        if has_level and (start == 0 or not folded[start - 1].isalnum()):
            spans.append((start, end))
        position = end


def find_address(letter: FoldedText, *, after: int = 0) -> Address | None:
    """The writer's address: the first address after `after` (the writer's introduction),
    preferring one introduced by "trú tại", "địa chỉ", "ở"..."""
    chains = [c for c in _chains(letter) if c[0] >= after] or _chains(letter)
    if not chains:
        return None
    cued = [c for c in chains[:4] if _CUE.search(letter.folded[max(0, c[0] - 20): c[0]])]
    start, end = (cued or chains)[0]
    text = letter.original[start:end].strip(" .,")
    province, ward = _ward_after_merger(text)
    return Address(text=text, start=start, province=province or _province_in(text),
                   ward=ward)


_PROVINCE_CUE = re.compile(r"\b(?:tinh|thanh pho|tp\.?)[ \t]+([a-z][a-z' \-]{2,24})")


def _province_in(text: str) -> str | None:
    for match in _PROVINCE_CUE.finditer(fold(text)):
        words = match.group(1).split()
        for size in range(min(4, len(words)), 0, -1):
            found = _legacy_province_keywords().get(" ".join(words[:size]))
            if found:
                return found
    return None


def find_province(letter: FoldedText, address: Address | None) -> str | None:
    """The writer's province after the merger: from the address, else the first province the
    letter names ("tỉnh Sóc Trăng" → Cần Thơ)."""
    if address and address.province:
        return address.province
    return _province_in(letter.original)
