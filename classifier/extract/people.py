"""Who wrote the letter: the writer, a collective letter's representatives and signatories,
and whether the letter is named, anonymous or written in someone else's name."""

from __future__ import annotations

import re
from dataclasses import dataclass

from classifier.extract.names import is_name_line, name_at
from classifier.extract.text import FoldedText, compile_folded

_HONORIFIC = r"(?:(?:ong|ba|anh|chi|co|chu|bac|em|cu|luat su|thay|di) )?"
# Words that introduce the writer (or a collective letter's first representative).
_INTRO = compile_folded(
    r"(?:\btoi(?: ten)?(?: la)?|\bem(?: ten)? la|\bchau(?: ten)? la|\bho (?:va )?ten"
    r"(?: nguoi (?:khieu nai|to cao|to giac|kien nghi|phan anh|de nghi|viet don|lam don))?"
    r"|\bnguoi (?:khieu nai|to cao|to giac|kien nghi|phan anh|de nghi|viet don|lam don"
    r"|dung ten don|dung don|gui don|yeu cau|lien he|dai dien(?: theo phap luat| theo uy quyen"
    r"| lien he| hop phap)?)"
    r"|\bdai dien(?: theo phap luat| theo uy quyen| lien he| cac ho| phu huynh| hop phap)?"
    r"(?: la)?|\bcu (?:\d+ )?(?:nguoi )?dai dien(?: la)?|\bchung toi (?:la|gom)"
    r"|\b(?:gom|cua) cac ho|\bgiam doc|\bchu nhiem)"
    r"[ \t]*:?[ \t]*(?:\n[ \t]*)?(?:[-–•+]|\d{1,2}[.)])?[ \t]*" + _HONORIFIC.replace(" ", r"\s+")
)
# The heading of a signature list ("DANH SÁCH CÁC HỘ KÝ TÊN", "Các hộ ký tên:", "Ký tên: ...").
_SIGNATURE_HEADING = compile_folded(
    r"(?:^|\n)[ \t]*(?:[^\n]{0,60}\bky ten\b[^\n]{0,30}|danh sach (?:cac |nhung )?"
    r"(?:ho|nguoi|cong dan|cu tri|hoc sinh|phu huynh|ngu dan|tieu thuong|cong nhan)[^\n]{0,60}"
    r"|cac (?:ho|nguoi)[^\n]{0,30}(?:ky|dong ky)[^\n]{0,20})[ \t]*:?[ \t]*"
)
_LIST_ITEM = re.compile(r"^[ \t]*(?:\d{1,3}[.)/]|[-–•+])[ \t]*", re.MULTILINE)
_ANONYMOUS = compile_folded(
    r"\b(?:xin (?:phep )?(?:giau|dau|khong ghi|khong de|khong neu) ten|khong (?:dam )?ghi ten"
    r"|giau ten|nac danh|(?:mot|nhom) (?:nguoi dan|cong dan|nguoi|ho kinh doanh|dang vien"
    r"|giao vien|cong nhan|phu huynh|nhan vien|can bo|cu tri|hoc sinh)[ a-z]{0,20}$)"
)
_IMPERSONATED = compile_folded(
    r"\b(?:mao danh|gia danh|muon ten|(?:de|ghi|lay|dung) ten (?:ong|ba|anh|chi|nguoi khac)"
    r"|khong (?:biet|he biet|he hay biet) (?:viec|ve) (?:nay|don nay)"
    r"|khong (?:phai|he) (?:la )?(?:toi|ong|ba) (?:viet|ky|lam)"
    r"|khong (?:biet|ky) (?:don|ten)|chu ky trong don do)"
)


@dataclass(frozen=True)
class People:
    writer: str | None
    danh_tinh: str  # co_ten | nac_danh | mao_danh
    representatives: tuple[str, ...]
    signatories: int
    intro_at: int = 0  # where the writer introduces themself (the address follows)


def _intro_names(letter: FoldedText) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for match in letter.finditer(_INTRO):
        name = name_at(letter.original, match.end())
        if name:
            found.append((match.start(), name))
    return found


def _signature_list(letter: FoldedText) -> list[str]:
    """Names of the signature list (the last one in the letter), in order."""
    headings = list(letter.finditer(_SIGNATURE_HEADING))
    for heading in reversed(headings):
        names = _names_after(letter.original, heading.end())
        if len(names) >= 2:
            return names
    return []


def _names_after(text: str, position: int) -> list[str]:
    """A list of names that starts at position: one per line (numbered or not), or separated
    by commas on one line."""
    names: list[str] = []
    line_end = text.find("\n", position)
    first_line = text[position: len(text) if line_end < 0 else line_end]
    if first_line.strip():
        for part in re.split(r"[,;]| và ", first_line):
            name = name_at(part.strip(" \t.-–"), 0)
            if name:
                names.append(name)
        if len(names) >= 2 or line_end < 0:
            return names
        names = []
    blank_run = 0
    for line in text[position:].splitlines()[1:] if first_line.strip() else \
            text[position:].splitlines():
        if not line.strip():
            blank_run += 1
            if names and blank_run > 1:
                break
            continue
        blank_run = 0
        item = _LIST_ITEM.sub("", line, count=1).strip()
        name = name_at(item, 0)
        if not name:
            if names:
                break
            continue
        names.append(name)
    return names


def _signature_name(letter: FoldedText) -> str | None:
    """The writer's name standing alone on one of the last lines (the signature)."""
    lines = letter.original.rstrip().splitlines()[-8:]
    for line in reversed(lines):
        if is_name_line(line):
            return line.strip(" \t.-–•*")
    return None


def find_people(letter: FoldedText) -> People:
    """Writer, identity status, representatives and the number of signatories."""
    intros = _intro_names(letter)
    signed = _signature_list(letter)
    writer = intros[0][1] if intros else (signed[0] if signed else _signature_name(letter))
    tail = letter.folded[-300:]
    intro_at = intros[0][0] if intros else 0
    if letter.search(_IMPERSONATED) and writer:
        return People(writer, "mao_danh", (), max(1, len(signed)), intro_at)
    if writer is None or (letter.search(_ANONYMOUS) and not intros and not signed):
        if writer is None or _ANONYMOUS.search(tail):
            return People(None, "nac_danh", (), 0)
    representatives = _representatives(letter) if len(signed) > 1 else ()
    return People(writer, "co_ten", representatives, max(1, len(signed)), intro_at)


_REPRESENTATIVE_CUE = compile_folded(
    r"\b(?:nguoi )?dai dien(?! theo phap luat)(?: lien he| cac ho| la)?[^\n.:]{0,40}?:?"
)
_HONORIFIC_BEFORE = compile_folded(r"(?:^|[\s(,;:])(?:ong|ba|anh|chi|co|chu|bac) $")


def _segment_end(text: str, start: int) -> int:
    """Where the passage starting at `start` ends: a blank line, or a full stop outside
    brackets followed by a new sentence."""
    depth = 0
    for i in range(start, len(text)):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == "\n" and text[i + 1: i + 2] == "\n":
            return i
        elif ch == "." and depth == 0 and text[i + 1: i + 2] in ("\n", " ", ""):
            following = text[i + 1:].lstrip()
            if not following or not following[0].isdigit():
                return i
    return len(text)


def _representatives(letter: FoldedText) -> tuple[str, ...]:
    """Names after "đại diện": each introduced by ông/bà/anh/chị or by a list marker."""
    for cue in letter.finditer(_REPRESENTATIVE_CUE):
        end = _segment_end(letter.original, cue.end())
        names: list[str] = []
        for position in range(cue.end(), end):
            if position > cue.end() and letter.original[position - 1].isalnum():
                continue
            before = letter.folded[max(cue.end(), position - 12): position]
            starts_item = (before.strip(" \t:") == "" or before.rstrip().endswith(("\n", ":"))
                           or re.search(r"(?:^|\n)[ \t]*(?:\d{1,2}[.)]|[-–•+])[ \t]*$", before))
            if not (_HONORIFIC_BEFORE.search(before) or starts_item):
                continue
            name = name_at(letter.original, position)
            if name and name not in names:
                names.append(name)
        if names:
            return tuple(names)
    return ()
