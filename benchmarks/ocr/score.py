"""Error rates of OCR output against ground truth: CER, WER and errors on diacritic letters."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein


def canonical(text: str) -> str:
    """What is compared: NFC text with every run of white space as one space.

    Line breaks and layout are not the reader's job here; letters, words and marks are.
    """
    return " ".join(unicodedata.normalize("NFC", text).split())


def has_diacritic(ch: str) -> bool:
    return ch in "đĐ" or len(unicodedata.normalize("NFD", ch)) > 1


@dataclass
class Tally:
    """Summed edit counts, so rates are micro-averaged over every page of a condition."""

    char_errors: int = 0
    chars: int = 0
    word_errors: int = 0
    words: int = 0
    diacritic_errors: int = 0
    diacritics: int = 0

    def add(self, truth: str, read: str) -> None:
        truth, read = canonical(truth), canonical(read)
        self.char_errors += Levenshtein.distance(truth, read)
        self.chars += len(truth)
        self.word_errors += Levenshtein.distance(truth.split(), read.split())
        self.words += len(truth.split())
        marked = [i for i, ch in enumerate(truth) if has_diacritic(ch)]
        self.diacritics += len(marked)
        wrong = {op.src_pos for op in Levenshtein.editops(truth, read)
                 if op.tag in ("replace", "delete")}
        self.diacritic_errors += sum(1 for i in marked if i in wrong)

    def merge(self, other: Tally) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def cer(self) -> float:
        return self.char_errors / self.chars if self.chars else 0.0

    @property
    def wer(self) -> float:
        return self.word_errors / self.words if self.words else 0.0

    @property
    def diacritic_rate(self) -> float:
        return self.diacritic_errors / self.diacritics if self.diacritics else 0.0
