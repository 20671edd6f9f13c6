"""Documents the letter refers to — decisions, notices, official letters, judgments — with
number/symbol, date and issuer; and whether a complaint is the first or the second."""

from __future__ import annotations

import re
from dataclasses import dataclass

from classifier.extract.dates import find_dates
from classifier.extract.text import FoldedText, compile_folded, compile_vi

# "1234/QĐ-UBND", "45/2025/QĐ-UBND", "08-QĐ/ĐU", "28/2024/DS-PT", "415/UBND", "96/QD-XPHC".
_SYMBOL = re.compile(
    r"(?<![\w/.\-])\d{1,7}(?:/\d{4})?[/\-](?:[A-ZĐ][A-ZĐa-z0-9]*)(?:[\-/][A-ZĐ0-9][A-ZĐa-z0-9]*)*"
    r"(?![\w/])"
)
_DATE_AFTER = re.compile(r"^[ \t,]*(?:\(?\s*)?(?:ngay|ky ngay|ban hanh ngay)\s*$")
# Where an issuer phrase ends: punctuation or the verb/object that follows it.
_ISSUER_END = compile_folded(
    r"(?:[,;.()\n:]| (?:ve|ve viec|phe duyet|xu phat|phat|giai quyet|thu hoi|bac|voi|doi voi"
    r"|cho|khong|la|ma|theo|nhung|giu|cong nhan|huy|tu choi|tra loi|an dinh|chi|cuong che"
    r"|ban hanh|ra|ky|co|da|cham dut|khai tru|giao|loai|dieu chinh|xac dinh|quyet dinh"
    r"|thong bao|van ban|chap nhan|yeu cau|buoc|tai|nam|ngay)\b)"
)
_ISSUER_START = compile_folded(
    r"\b(?:chu tich|pho chu tich|ubnd|uy ban|giam doc|pho giam doc|so|truong|chi cuc|cuc"
    r"|thanh tra|cong an|toa an|tand|vien kiem sat|thi hanh an|bao hiem|bhxh|thue|hai quan"
    r"|kho bac|ngan hang|hoi dong|dang uy|ban thuong vu|benh vien|hiet truong|hieu truong"
    r"|hat kiem lam|kiem lam|phong|doi|bo|tong cuc|xa|phuong|tinh|thanh pho|huyen|tong giam doc"
    r"|cong ty|uy ban kiem tra)\b"
)
_OF = compile_folded(r"^[ \t]*(?:ngay[^,;\n]{0,25}?)?(?:cua|do) ")
_SUBJECT_BEFORE = compile_folded(r"(?:ngay \S+|nam \d{4}|thang \S+)[ \t,]+([^,.;\n]{3,90}?) $")
_VERB_BEFORE = compile_folded(
    r"(?:ban hanh|ra|ky|co|gui|lap)(?: (?:quyet dinh|thong bao|van ban|cong van|ban an"
    r"|giay phep|quyet dinh giai quyet khieu nai(?: lan dau| lan hai)?|quyet dinh xu phat"
    r"|quyet dinh cuong che))?(?: so)? ?$"
)
_SETTLEMENT = compile_folded(
    r"quyet dinh giai quyet khieu nai|giai quyet khieu nai lan (?:dau|1|thu nhat)"
    r"|khieu nai lan (?:hai|2|thu hai)|da giai quyet lan dau|giai quyet lan dau"
)


# A referenced document is named as one ("Quyết định số", "Công văn", "Bản án"...); the letter's
# own number ("Số: 29/2026/CV-TT" in its heading) and contracts are not decisions.
_DOCUMENT_BEFORE = compile_vi(
    r"(?:quyết định|qđ|thông báo|văn bản|công văn|bản án|giấy phép|kết luận|giấy chứng nhận"
    r"|quyết định xử phạt|tờ trình|kế hoạch)[^.\n;]{0,40}$"
)
_NOT_A_DECISION = compile_vi(r"(?:hợp đồng|giấy ủy quyền|ủy quyền|đơn|phiếu)[^.\n;,]{0,20}$")
_OWN_NUMBER = re.compile(r"(?:^|\n)[ \t]*(?:số|so|Số|So|SỐ)[ \t]*:[ \t]*$")


@dataclass(frozen=True)
class Reference:
    so: str
    ngay: str | None
    co_quan: str | None
    start: int
    is_settlement: bool  # a decision settling a complaint (the first time)


def _issuer_after(letter: FoldedText, end: int) -> str | None:
    of = _OF.match(letter.folded[end:end + 60])
    if not of:
        return None
    start = end + of.end()
    stop = _ISSUER_END.search(letter.folded, start)
    issuer = letter.original[start: stop.start() if stop else start + 80].strip()
    return issuer if _ISSUER_START.match(fold_prefix(issuer)) else None


def fold_prefix(text: str) -> str:
    return FoldedText(text).folded


def _issuer_before(letter: FoldedText, start: int) -> str | None:
    window_start = max(0, start - 160)
    window = letter.folded[window_start:start]
    verb = _VERB_BEFORE.search(window.rstrip() + " ")
    if not verb:
        return None
    before = window[: verb.start()]
    subject = _SUBJECT_BEFORE.search(before + " ") if before else None
    if not subject:
        sentence = re.split(r"[.;\n]|, ", before)[-1].strip()
        if not sentence or not _ISSUER_START.match(sentence):
            return None
        offset = window_start + before.rfind(sentence)
        return letter.original[offset: offset + len(sentence)].strip()
    text_start = window_start + subject.start(1)
    issuer = letter.original[text_start: window_start + subject.end(1)].strip()
    return issuer if _ISSUER_START.match(fold_prefix(issuer)) else None


def _date_near(letter: FoldedText, start: int, end: int) -> str | None:
    after = find_dates(letter.folded, end, min(len(letter.folded), end + 40))
    if after and _DATE_AFTER.match(letter.folded[end: after[0].start]):
        return after[0].value.isoformat()
    # The sentence may wrap over lines; it starts after a full stop or a blank line.
    sentence_start = max(letter.folded.rfind(". ", 0, start),
                         letter.folded.rfind("\n\n", 0, start))
    before = find_dates(letter.folded, max(sentence_start + 1, start - 120), start)
    return before[-1].value.isoformat() if before else None


def find_references(letter: FoldedText) -> list[Reference]:
    """Referenced documents in order of first mention, one entry per number."""
    found: dict[str, Reference] = {}
    for match in _SYMBOL.finditer(letter.original):
        number = match.group(0)
        if number in found or not re.search(r"[A-ZĐ]", number):
            continue
        start, end = match.span()
        before = letter.lower[max(0, start - 60): start]
        view_before = before if letter.accented else letter.folded[max(0, start - 60): start]
        pattern = _DOCUMENT_BEFORE.exact if letter.accented else _DOCUMENT_BEFORE.folded
        refusal = _NOT_A_DECISION.exact if letter.accented else _NOT_A_DECISION.folded
        if (_OWN_NUMBER.search(letter.original[max(0, start - 12): start])
                or not pattern.search(view_before) or refusal.search(view_before)):
            continue
        sentence_start = max(letter.folded.rfind(". ", 0, start),
                             letter.folded.rfind("\n", 0, start))
        context = letter.folded[max(sentence_start, start - 90): end + 60]
        found[number] = Reference(
            so=number,
            ngay=_date_near(letter, start, end),
            co_quan=_issuer_after(letter, end) or _issuer_before(letter, start),
            start=start,
            is_settlement=bool(_SETTLEMENT.search(context)),
        )
    return list(found.values())


_SECOND = compile_folded(
    r"khieu nai lan (?:hai|2|thu hai)|quyet dinh giai quyet khieu nai(?: lan dau)?"
    r"|giai quyet (?:khieu nai )?lan dau|(?:da|duoc) giai quyet lan (?:dau|1)"
    r"|khieu nai tiep|tiep tuc khieu nai"
)


def complaint_round(letter: FoldedText) -> int:
    """2 when the letter shows a first settlement already exists, else 1."""
    return 2 if letter.search(_SECOND) else 1
