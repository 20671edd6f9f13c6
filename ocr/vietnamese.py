"""Does a text read as Vietnamese? The share of its words that are well-formed syllables.

Garbage from an unreadable page (handwriting, a photo of a photo) and text layers written in
legacy 8-bit font encodings (TCVN3/VNI: "Céng hoµ x· héi") are mostly not Vietnamese
syllables, whatever confidence the producer claims.
"""

from __future__ import annotations

import re
import unicodedata

# Tone marks are dropped before matching; the vowel letters ă â ê ô ơ ư keep their shape.
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_ONSET = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvxfjwz]"
_NUCLEUS = (
    "uyê|uya|uyu|oai|oay|oeo|uây|uôi|ươi|ươu|iêu|yêu|"
    "ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|oo|ôi|ơi|ua|uâ|uê|ui|uô|uơ|ưa|ưi|ươ|ưu|uy|yê|"
    "uye|uoi|uou|ieu|yeu|ie|uo|ye|"  # the same written without diacritics
    "[aăâeêioôơuưy]"
)
_CODA = "ch|ng|nh|[cmnptk]"
_SYLLABLE = re.compile(f"(?:{_ONSET})?(?:{_NUCLEUS})(?:{_CODA})?")
_WORD = re.compile(r"[^\W\d_]+")


def _strip_tone(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.lower())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))


def is_syllable(word: str) -> bool:
    """A Vietnamese syllable, or an upper-case abbreviation such as UBND or QĐ."""
    bare = _strip_tone(word)
    if word.isupper() and len(word) <= 6 and bare.replace("đ", "d").isascii():
        return True
    return _SYLLABLE.fullmatch(bare) is not None


def syllable_share(text: str) -> tuple[float, int]:
    """(share of words of two or more letters that are Vietnamese syllables, how many words)."""
    words = [w for w in _WORD.findall(unicodedata.normalize("NFC", text)) if len(w) >= 2]
    if not words:
        return 0.0, 0
    return sum(is_syllable(w) for w in words) / len(words), len(words)
