"""Vietnamese text hygiene shared by every text the ocr library returns."""

from __future__ import annotations

import re
import unicodedata

from ocr.vietnamese import is_syllable

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
_HYPHEN_BREAK = re.compile(r"([^\W\d_]+)-\n([^\W\d_]+)")
# A line that ends a sentence, a heading or a list item is not continued by the next one.
_LINE_END = re.compile(r"[.:;!?)\]»”\"]\s*$")


def _join_hyphenated(match: re.Match[str]) -> str:
    """"quyết-\\nđịnh": two whole syllables are two words; "nghi-\\nêng" is one."""
    left, right = match.group(1), match.group(2)
    if left.isupper() and right.isupper():
        return f"{left}-{right}"  # a document number such as 1234/QĐ-UBND keeps its hyphen
    if is_syllable(left + right) or not (is_syllable(left) and is_syllable(right)):
        return f"{left}{right}"
    return f"{left} {right}"


def _join_broken_lines(text: str) -> str:
    """A line that stops mid-sentence and a next line that starts in lower case are one."""
    out: list[str] = []
    for line in text.split("\n"):
        previous = out[-1] if out else ""
        if (previous.strip() and line[:1].islower() and not _LINE_END.search(previous)
                and not previous.isupper()):
            out[-1] = f"{previous.rstrip()} {line.lstrip()}"
        else:
            out.append(line)
    return "\n".join(out)


def normalise_text(text: str) -> str:
    """NFC, one tone-mark convention, Đ not Ð, words joined across hyphenated line breaks,
    sentences joined across broken lines."""
    text = unicodedata.normalize("NFC", text).translate(_LOOKALIKES)
    text = _TONE_RE.sub(lambda m: _TONE_FIXES[m.group(0)], text)
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = _HYPHEN_BREAK.sub(_join_hyphenated, text)
    text = _join_broken_lines(text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()
