"""Training-side augmentation: what OCR, hurried typing and misleading titles do to a letter."""

from __future__ import annotations

import random
import re
import unicodedata

from classifier.normalize import strip_diacritics

_TITLE_LINE = re.compile(
    r"^[ \t]*(?:Đ|D)(?:ƠN|ON|ơn|on)\b[^\n]{0,80}$", re.MULTILINE
)
TITLES = (
    "ĐƠN KHIẾU NẠI", "ĐƠN TỐ CÁO", "ĐƠN KIẾN NGHỊ", "ĐƠN PHẢN ÁNH", "ĐƠN ĐỀ NGHỊ",
    "ĐƠN KHIẾU NẠI, TỐ CÁO", "ĐƠN KÊU CỨU", "ĐƠN TRÌNH BÀY", "ĐƠN XIN", "ĐƠN THƯ", "",
)
_OCR_CONFUSIONS = (("rn", "m"), ("m", "rn"), ("l", "1"), ("I", "l"), ("O", "0"), ("ii", "u"),
                   ("cl", "d"), ("nh", "iih"), (",", "."), ("ă", "a"), ("ơ", "o"), ("ư", "u"))
_TONE_MARKS = ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323")


def swap_title(text: str, rng: random.Random) -> str:
    """Replace the letter's title line (if any) with another title or none at all."""
    match = _TITLE_LINE.search(text[:1500])
    title = rng.choice(TITLES)
    if match:
        return text[: match.start()] + title + text[match.end():]
    return title + "\n" + text if title else text


def ocr_noise(text: str, rng: random.Random, rate: float = 0.03) -> str:
    """Drop or swap diacritics, confuse glyphs, break lines — roughly as a poor scan would."""
    words = text.split(" ")
    for i, word in enumerate(words):
        roll = rng.random()
        if roll < rate:
            decomposed = unicodedata.normalize("NFD", word)
            decomposed = "".join(c for c in decomposed if c not in _TONE_MARKS)
            words[i] = unicodedata.normalize("NFC", decomposed)
        elif roll < 2 * rate:
            wrong, right = rng.choice(_OCR_CONFUSIONS)
            words[i] = word.replace(wrong, right, 1)
        elif roll < 2.5 * rate and len(word) > 3:
            cut = rng.randrange(1, len(word) - 1)
            words[i] = word[:cut] + "\n" + word[cut:]
    return " ".join(words)


def augment(text: str, rng: random.Random) -> list[str]:
    """Variants of one training letter (the original is not included)."""
    variants = [swap_title(text, rng), ocr_noise(text, rng)]
    if rng.random() < 0.5:
        variants.append(strip_diacritics(swap_title(text, rng)))
    return variants
