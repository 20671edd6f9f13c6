"""One Vietnamese text normalisation shared by training and inference."""

from __future__ import annotations

import re
import unicodedata

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền sắc ngã hỏi nặng
# "hoà, thuỷ, khoẻ" → "hòa, thủy, khỏe": the placement of official documents (Cộng hòa).
_TONE_ON_SECOND = re.compile(
    r"(?i)(?<![q])([ou])([aey])([\u0300\u0301\u0303\u0309\u0323])(?![a-z\u0300-\u036f])"
)
_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w\s/]", re.UNICODE)


def nfc(text: str) -> str:
    """Unicode NFC, with the look-alike Ð (eth) mapped to Đ."""
    return unicodedata.normalize("NFC", text).replace("Ð", "Đ").replace("ð", "đ")


def unify_tone_placement(text: str) -> str:
    """"hoà/thuỷ" and "hòa/thủy" become one spelling ("hòa/thủy"), so they are one feature."""
    decomposed = unicodedata.normalize("NFD", text)

    def move(match: re.Match[str]) -> str:
        return match.group(1) + match.group(3) + match.group(2)

    return unicodedata.normalize("NFC", _TONE_ON_SECOND.sub(move, decomposed))


def strip_diacritics(text: str) -> str:
    """The accent-free twin: "Đơn khiếu nại" → "Don khieu nai"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def canonical(text: str) -> str:
    """NFC, modern tone placement, lower case, punctuation folded to spaces."""
    text = unify_tone_placement(nfc(text)).lower()
    text = _NON_WORD.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def folded(text: str) -> str:
    """canonical() without diacritics: what a letter typed without accents looks like."""
    return strip_diacritics(canonical(text))


def has_diacritics(text: str) -> bool:
    """True when the text is typed with Vietnamese accents (a few stray ones do not count)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    marked = sum(1 for ch in letters if strip_diacritics(ch) != ch)
    return marked / len(letters) > 0.05
