"""Naming the competent body as precisely as the letter allows: "Chủ tịch UBND phường Tân An",
"Chủ tịch UBND thành phố Cần Thơ", "Giám đốc Sở Y tế tỉnh Nghệ An"."""

from __future__ import annotations

import re

from classifier.extract.places import official_commune
from classifier.extract.text import FoldedText, compile_vi
from classifier.suggestion import Fields

# Provinces styled "thành phố" (centrally run cities).
CITIES = frozenset({"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"})
_COMMUNE = re.compile(
    r"\b(xã|phường|thị trấn|đặc khu|Xã|Phường|Thị trấn|Đặc khu|xa|phuong|thi tran|dac khu)"
    r"[ \t]+((?:[A-ZĐÀ-Ỹ0-9][\w'’\-]*)(?:[ \t]+[A-ZĐÀ-Ỹ0-9][\w'’\-]*){0,4})"
)
_DEPARTMENT = re.compile(
    r"\b(Sở[ \t]+[^\n,.;()]{2,60}?)(?=[ \t]+(?:tỉnh|thành phố|TP)\b|[,.;()]|$)"
)
_SECTOR_DEPARTMENTS = {
    "dat_dai": "Sở Nông nghiệp và Môi trường", "moi_truong": "Sở Nông nghiệp và Môi trường",
    "xay_dung": "Sở Xây dựng", "giao_duc_y_te": "Sở Y tế",
    "chinh_sach_xa_hoi": "Sở Nội vụ", "tu_phap_dan_su": "Sở Tư pháp",
}
_EDUCATION = compile_vi(r"giáo dục|trường học|học sinh|giáo viên|học phí|sách giáo khoa")
_TYPES = {"xa": "xã", "phuong": "phường", "thi tran": "thị trấn", "dac khu": "đặc khu"}


def province_style(province: str | None) -> str | None:
    """"tỉnh Nghệ An", "thành phố Cần Thơ", "Thành phố Hồ Chí Minh"."""
    if not province:
        return None
    if province == "Hồ Chí Minh":
        return "Thành phố Hồ Chí Minh"
    return f"{'thành phố' if province in CITIES else 'tỉnh'} {province}"


def commune_in(text: str | None, province: str | None = None) -> str | None:
    """The commune a text names ("UBND xã Tiên Lãng" → "xã Tiên Lãng"); typed without accents,
    its official spelling when the offline data knows it ("xa Nghi Loc" → "xã Nghi Lộc")."""
    if not text:
        return None
    match = _COMMUNE.search(text)
    if not match:
        return None
    kind = match.group(1).lower()
    kind = _TYPES.get(FoldedText(kind).folded, kind)
    name = match.group(2)
    if FoldedText(name).folded == name.lower():
        return official_commune(kind, name, province) or f"{kind} {name}"
    return f"{kind} {name}"


def department_in(text: str | None) -> str | None:
    if not text:
        return None
    match = _DEPARTMENT.search(text)
    return match.group(1).strip() if match else None


def fill(template: str, *, fields: Fields, issuer: str | None, linh_vuc: str | None,
         text: str, requested: str | None = None) -> str | None:
    """The template with its places filled from the letter, or None when one cannot be."""
    values: dict[str, str | None] = {
        "{tinh}": province_style(fields.tinh),
        "{co_quan_ban_hanh}": issuer,
        "{co_quan_de_nghi}": requested,
        "{xa}": commune_in(issuer, fields.tinh) or commune_in(fields.dia_chi, fields.tinh),
        "{so}": department_in(issuer) or department_in(" ; ".join(fields.kinh_gui))
        or department_in(text) or _department_for(linh_vuc, text),
    }
    result = template
    for placeholder, value in values.items():
        if placeholder in result:
            if not value:
                return None
            result = result.replace(placeholder, value)
    return result or None


def _department_for(linh_vuc: str | None, text: str) -> str | None:
    if linh_vuc == "giao_duc_y_te" and FoldedText(text).search_vi(_EDUCATION):
        return "Sở Giáo dục và Đào tạo"
    return _SECTOR_DEPARTMENTS.get(linh_vuc or "")
