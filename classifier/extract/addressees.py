"""The bodies a letter is addressed to ("Kính gửi: ..."), often several, often not the
competent one."""

from __future__ import annotations

import re

from classifier.extract.text import FoldedText, compile_folded

_KINH_GUI = compile_folded(r"\bkinh gui\b[ \t]*:?[ \t]*")
_BULLET = re.compile(r"^[ \t]*[-–•+*][ \t]*")
# A line after the addressees that starts the letter's body.
_BODY_START = compile_folded(
    r"^[ \t]*(?:toi|chung toi|em|chau|ho (?:va )?ten|nguoi|don|ten|dong kinh gui|v/v|ve viec"
    r"|cong hoa|doc lap|noi dung|can cu|(?:\d+|[ivx]+)[.)]|i\.|ngay|sau|nay|xin|kinh|qua)\b"
)
_NOTE = re.compile(r"\s*\((?:để|de|đồng|dong|thay)[^)]*\)\s*$", re.IGNORECASE)
MAX_LINES = 8


def _clean(item: str) -> str:
    item = _NOTE.sub("", item.strip(" \t-–•+*;,."))
    return item.strip(" \t;,.")


def find_addressees(letter: FoldedText) -> list[str]:
    """Every addressee, as written, without bullets or "(để biết)" notes."""
    match = letter.search(_KINH_GUI)
    if not match:
        return []
    lines = letter.original[match.end():].split("\n")
    folded_lines = letter.folded[match.end():].split("\n")
    found: list[str] = []
    for number, (line, folded) in enumerate(zip(lines, folded_lines, strict=True)):
        if number >= MAX_LINES:
            break
        if not line.strip():
            if found:
                break
            continue
        if number > 0 and _BODY_START.match(folded):
            break
        if number > 0 and found and not _BULLET.match(line) and line.rstrip().endswith("."):
            break
        for part in re.split(r";", _BULLET.sub("", line)):
            cleaned = _clean(part)
            if cleaned:
                found.append(cleaned)
    return found
