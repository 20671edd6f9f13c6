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

from classifier.extract.text import fold

PROVINCES_2025 = (
    "Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa",
    "Nghệ An", "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ",
    "Bắc Ninh", "Hưng Yên", "Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng", "Quảng Ngãi",
    "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "Hồ Chí Minh", "Đồng Nai", "Tây Ninh",
    "Cần Thơ", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
)
_BY_FOLDED = {fold(p): p for p in PROVINCES_2025}

def _no_geocoding(address: str) -> None:
    """Stands in for the library's online geocoder: addresses never leave the machine."""
    return None


converter_2025.get_geo_location = _no_geocoding


@dataclass(frozen=True)
class Place:
    province: str | None  # after the 2025 merger, one of PROVINCES_2025
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
    for alias in ("tp hcm", "tphcm", "tp.hcm", "tp. hcm", "hcm", "sai gon", "ho chi minh",
                  "tp ho chi minh", "tp. ho chi minh", "thanh pho ho chi minh"):
        found[alias] = "Hồ Chí Minh"
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


_PROVINCE_CUE = re.compile(r"\b(?:tinh|thanh pho|tp\.?)[ \t]+([a-z][a-z' \-]{2,24})")


def is_province_name(text: str) -> bool:
    """A province's name, old or new ("Sóc Trăng", "Ha Noi", "TP.HCM")."""
    return fold(text).strip(" .") in _legacy_province_keywords()


def provinces_named(text: str) -> list[str]:
    """The 2025 provinces of every province a passage names after "tỉnh", "thành phố" or
    "TP" (old names mapped: "tỉnh Sóc Trăng" → Cần Thơ), in order."""
    found: list[str] = []
    for match in _PROVINCE_CUE.finditer(fold(text)):
        words = re.split(r"[ \t]+", match.group(1).strip())
        for size in range(min(4, len(words)), 0, -1):
            candidate = _legacy_province_keywords().get(" ".join(words[:size]))
            if candidate:
                found.append(candidate)
                break
    return found


def place_of(address: str) -> Place:
    """The 2025 province and ward of an address as written: the province it names last (old
    names mapped; a bare "..., Hà Nội" counts), else the one its units imply; the ward from the
    offline conversion."""
    province, ward = _ward_after_merger(address)
    last_part = re.split(r"[,;(]", fold(address))[-1].strip(" .")
    named = _legacy_province_keywords().get(last_part) or next(
        iter(reversed(provinces_named(address))), None)
    if named and named != province:
        ward = None  # the conversion went astray; keep the named province only
    return Place(province=named or province, ward=ward)


def official_commune(kind: str, name: str, province: str | None) -> str | None:
    """The commune's official spelling after the merger ("xa", "Nghi Loc", "Nghệ An" →
    "xã Nghi Lộc"), or None when the offline data does not know it in that province."""
    if not province:
        return None
    try:
        unit = vietnamadminunits.parse_address(f"{kind} {name}, {province}", mode="FROM_2025",
                                               keep_street=False)
    except (ValueError, KeyError, IndexError, AttributeError, TypeError):
        return None
    if not unit.short_ward or fold(unit.short_ward) != fold(name):
        return None
    return f"{(unit.ward_type or kind).lower()} {unit.short_ward}"
