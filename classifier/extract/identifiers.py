"""12-digit citizen ID numbers (CCCD / số định danh cá nhân) and phone numbers.

Numbers are written in groups ("038 066 104 729", "0912.447.093", "+84 912 447 093") and are
sometimes run together with the next number on the line, so each run of digit groups is cut into
the longest pieces that are a valid ID (12 digits) or phone (10 digits), both starting with 0.
"""

from __future__ import annotations

import re

# Digit groups joined by one space, dot or dash; "+84"/"(+84)" is the country prefix.
_RUN = re.compile(r"(?<![\d/,])(?:\(?\+84\)?[ .\-]?)?\d+(?:[ .\-]\d+)*(?![\d/])")
_GROUP = re.compile(r"\+?\d+")
ID_DIGITS = 12
PHONE_DIGITS = 10


def _groups(run: str) -> list[str]:
    groups = _GROUP.findall(run)
    if groups and groups[0] in ("+84", "84") and len(groups) > 1:
        groups = ["0" + groups[1], *groups[2:]]
    elif groups and groups[0].startswith("+84"):
        groups[0] = "0" + groups[0][3:]
    return groups


def _pieces(groups: list[str]) -> list[str]:
    """Cut consecutive groups into 12- or 10-digit numbers starting with 0, longest first."""
    found: list[str] = []
    i = 0
    while i < len(groups):
        taken = 0
        for j in range(len(groups), i, -1):
            digits = "".join(groups[i:j])
            if digits.startswith("0") and len(digits) in (ID_DIGITS, PHONE_DIGITS):
                found.append(digits)
                taken = j - i
                break
        i += taken or 1
    return found


def _numbers(text: str) -> list[str]:
    numbers: list[str] = []
    for match in _RUN.finditer(text):
        numbers.extend(_pieces(_groups(match.group(0))))
    return numbers


def find_citizen_ids(text: str) -> list[str]:
    """Every 12-digit citizen ID, digits only, in order of appearance, without repeats."""
    return list(dict.fromkeys(n for n in _numbers(text) if len(n) == ID_DIGITS))


def find_phones(text: str) -> list[str]:
    """Every 10-digit phone number, digits only, in order of appearance, without repeats."""
    return list(dict.fromkeys(n for n in _numbers(text) if len(n) == PHONE_DIGITS))
