"""Vietnamese text hygiene shared by every text the ocr library returns."""

from __future__ import annotations

import re
import unicodedata

# Old-style tone placement ("hoà") → the modern convention used by officials ("hòa").
_TONE_FIXES: dict[str, str] = {}
for _old, _new in (
    ("oà", "òa"), ("oá", "óa"), ("oả", "ỏa"), ("oã", "õa"), ("oạ", "ọa"),
    ("oè", "òe"), ("oé", "óe"), ("oẻ", "ỏe"), ("oẽ", "õe"), ("oẹ", "ọe"),
    ("uỳ", "ùy"), ("uý", "úy"), ("uỷ", "ủy"), ("uỹ", "ũy"), ("uỵ", "ụy"),
):
    _TONE_FIXES[_old] = _new
    _TONE_FIXES[_old.capitalize()] = _new.capitalize()
    _TONE_FIXES[_old.upper()] = _new.upper()

_TONE_RE = re.compile(
    "(?<![qQ])(?:" + "|".join(map(re.escape, _TONE_FIXES)) + r")(?![^\W\d_])"
)
# Icelandic eth (Ð, U+00D0) and similar look-alikes are Vietnamese Đ (U+0110).
_LOOKALIKES = str.maketrans({"Ð": "Đ", "ð": "đ", "\u00ad": "", "\ufeff": ""})
_HYPHEN_BREAK = re.compile(r"(\w)-\n(\w)")


def normalise_text(text: str) -> str:
    """NFC, one tone-mark convention, Đ not Ð, words joined across hyphenated line breaks."""
    text = unicodedata.normalize("NFC", text).translate(_LOOKALIKES)
    text = _TONE_RE.sub(lambda m: _TONE_FIXES[m.group(0)], text)
    text = _HYPHEN_BREAK.sub(r"\1\2", text)
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()
