"""The bodies a letter is addressed to ("Kính gửi: ...", "Đồng gửi: ..."), often several, often
not the competent one."""

from __future__ import annotations

import re

from classifier.extract.text import FoldedText, compile_folded

_KINH_GUI = compile_folded(r"\bkinh gui\b[ \t]*:?[ \t]*")
_COPY_TO = compile_folded(r"(?:^|\n)[ \t]*(?:[-–•+][ \t]*)?dong (?:kinh )?gui[ \t]*:?[ \t]*")
_BULLET = re.compile(r"^[ \t]*(?:[-–•+*]|\d{1,2}[/.)]|[a-z][/)])[ \t]*")
# A line after the addressees that starts the letter's body.
_BODY_START = compile_folded(
    r"^[ \t]*(?:toi|chung toi|em|chau|ho (?:va )?ten|nguoi|don|ten|v/v|ve viec|cong hoa"
    r"|doc lap|noi dung|can cu|(?:\d+|[ivx]+)[.)][ \t]+[a-z]|ngay|sau|nay|xin|kinh|qua)\b"
)
_LEADING = compile_folded(r"^(?:va|dong gui|dong kinh gui)\b[ \t:]*")
_LOWER_HONORIFIC = re.compile(r"^(?:ông|bà|ong|ba)[ \t]+(?=[A-ZĐÀ-Ỹ])")
_NOTE = re.compile(r"\s*\((?:để|de|đồng|dong|thay)[^)]*\)\s*$", re.IGNORECASE)
MAX_LINES = 8
COPY_LINES = 40


def _clean(item: str) -> str:
    item = _BULLET.sub("", item.strip(" \t;,."))
    leading = _LEADING.match(FoldedText(item).folded)
    if leading:
        item = item[leading.end():]
    item = _LOWER_HONORIFIC.sub("", _NOTE.sub("", item.strip(" \t-–•+*;,.")))
    return item.strip(" \t;,.")


def _split(line: str) -> list[str]:
    """One line may hold several addressees: "UBND tỉnh X; Báo Y" or "UBND tỉnh X, Sở Y"
    (a comma separates two bodies only when each part starts with a capital)."""
    parts: list[str] = []
    for chunk in line.split(";"):
        pieces = [p.strip() for p in chunk.split(",")]
        if len(pieces) > 1 and all(p[:1].isupper() for p in pieces if p):
            parts.extend(pieces)
        else:
            parts.append(chunk)
    return [cleaned for p in parts if (cleaned := _clean(p))]


def _block(letter: FoldedText, start: int) -> list[str]:
    lines = letter.original[start:].split("\n")
    folded_lines = letter.folded[start:].split("\n")
    found: list[str] = []
    for number, (line, folded) in enumerate(zip(lines, folded_lines, strict=True)):
        if number >= MAX_LINES:
            break
        if not line.strip():
            if found:
                break
            continue
        if number > 0 and (_BODY_START.match(folded) or (letter.search(_COPY_TO) and
                           _COPY_TO.match("\n" + folded))):
            break
        if number > 0 and found and not _BULLET.match(line) and line.rstrip().endswith("."):
            break
        found.extend(_split(line))
    return found


def find_addressees(letter: FoldedText) -> list[str]:
    """Every addressee, as written, without bullets, honorifics or "(để biết)" notes."""
    match = letter.search(_KINH_GUI)
    found = _block(letter, match.end()) if match else []
    head_end = sum(len(line) + 1 for line in letter.original.split("\n")[:COPY_LINES])
    for copy in letter.finditer(_COPY_TO, 0, head_end):
        found.extend(a for a in _block(letter, copy.end()) if a not in found)
    return found
