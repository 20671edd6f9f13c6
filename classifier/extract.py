"""Facts from a letter's text: IDs, phones, dates, addressees, decisions, the writer."""

from __future__ import annotations

import re
from datetime import date

from classifier.normalize import nfc
from classifier.suggestion import Decision, Fields

_CCCD = re.compile(r"(?<!\d)(\d{3}[ .]?\d{3}[ .]?\d{3}[ .]?\d{3})(?!\d)")
_PHONE = re.compile(r"(?<![\d])(0\d{2,3}[ .\-]?\d{3}[ .\-]?\d{3,4})(?![\d])")
_DATE_WORDS = re.compile(
    r"ng[aà]y\s+(\d{1,2})\s+th[aá]ng\s+(\d{1,2})\s+n[aă]m\s+(\d{4})", re.IGNORECASE
)
_DATE_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})(?!\d)")
_KINH_GUI = re.compile(r"k[ií]nh\s+g[uử]i\s*:?\s*(.*)", re.IGNORECASE)
_DECISION = re.compile(
    r"(?:quy[eế]t\s+đ[iị]nh|qđ)\s*(?:s[oố])?\s*:?\s*(\d+[\w/\-.Đđ]*?/(?:QĐ|QD)[\w\-Đđ]*)"
    r"(?:\s+ng[aà]y\s+(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}))?",
    re.IGNORECASE,
)
_NAME_INTRO = re.compile(
    r"(?:t[oô]i\s+t[eê]n\s+l[aà]|t[oô]i\s+l[aà]|h[oọ]\s+v[aà]\s+t[eê]n\s*:?|"
    r"ng[uư][oờ]i\s+(?:vi[eế]t|l[aà]m)\s+đ[oơ]n\s*:)\s*(?:ông|bà|anh|chị)?\s*"
    r"([A-ZÀ-Ỹ][\wÀ-ỹ]+(?:\s+[A-ZÀ-Ỹ][\wÀ-ỹ]+){1,4})"
)
_ADDRESS = re.compile(
    r"(?:tr[uú]\s+t[aạ]i|đ[iị]a\s+ch[iỉ]|th[uư][oờ]ng\s+tr[uú]|n[oơ]i\s+[oở])\s*:?\s*([^\n;]{8,160})",
    re.IGNORECASE,
)


def _valid_date(day: str, month: str, year: str) -> str | None:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def find_cccd(text: str) -> list[str]:
    found = [re.sub(r"\D", "", m) for m in _CCCD.findall(text)]
    return list(dict.fromkeys(n for n in found if len(n) == 12 and n[0] == "0"))


def find_phones(text: str) -> list[str]:
    found = [re.sub(r"\D", "", m) for m in _PHONE.findall(text)]
    return list(dict.fromkeys(n for n in found if len(n) == 10))


def find_date_written(text: str) -> str | None:
    """The letter's own date: "ngày 5 tháng 9 năm 2025" first, else the last dd/mm/yyyy
    near the top or bottom of the letter."""
    for match in _DATE_WORDS.finditer(text):
        found = _valid_date(*match.groups())
        if found:
            return found
    lines = text.splitlines()
    edge = "\n".join(lines[:8] + lines[-12:])
    for match in _DATE_NUMERIC.finditer(edge):
        found = _valid_date(*match.groups())
        if found:
            return found
    return None


def find_addressees(text: str) -> list[str]:
    match = _KINH_GUI.search(text)
    if not match:
        return []
    found: list[str] = []
    first = match.group(1).strip(" -–•:")
    if first:
        found.append(first)
    for line in text[match.end():].splitlines()[1:8]:
        stripped = line.strip()
        if not stripped.startswith(("-", "–", "+", "•")):
            if found:
                break
            continue
        found.append(stripped.strip(" -–+•;.,"))
    return [nfc(a.rstrip(";.,")) for a in found if a]


def find_decisions(text: str) -> list[Decision]:
    decisions: list[Decision] = []
    for match in _DECISION.finditer(text):
        number = match.group(1).rstrip(".,;")
        day, month, year = match.group(2), match.group(3), match.group(4)
        when = _valid_date(day, month, year) if day and month and year else None
        if all(d.so != number for d in decisions):
            decisions.append(Decision(so=number, ngay=when))
    return decisions


def find_writer(text: str) -> str | None:
    match = _NAME_INTRO.search(text)
    return match.group(1).strip() if match else None


def find_address(text: str) -> str | None:
    match = _ADDRESS.search(text)
    return match.group(1).strip(" .,") if match else None


def extract_fields(text: str, *, ngay_nhan: date | None = None) -> Fields:
    """All fields of LABELS.md that the text itself shows."""
    writer = find_writer(text)
    decisions = tuple(find_decisions(text))
    return Fields(
        nguoi_viet=writer,
        danh_tinh="co_ten" if writer else "nac_danh",
        ngay_viet=find_date_written(text),
        ngay_nhan=ngay_nhan.isoformat() if ngay_nhan else None,
        dia_chi=find_address(text),
        cccd=tuple(find_cccd(text)),
        dien_thoai=tuple(find_phones(text)),
        kinh_gui=tuple(find_addressees(text)),
        quyet_dinh=decisions,
    )
