"""An accent-free, lower-case twin of a letter that keeps every character's position.

Letters arrive with and without diacritics ("ngày 5 tháng 9" / "ngay 5 thang 9"), in capitals
and in OCR's inconsistent case. Patterns are written once, in plain ASCII, against the folded
twin; because folding maps each character to exactly one character, a match's span is also the
span of the original wording, which is what fields must report ("exactly as written").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0].lower()
    return base if len(base) == 1 else ch


def fold(text: str) -> str:
    """Lower case without diacritics, one output character per input character."""
    return "".join(_fold_char(ch) for ch in text)


ACCENTED_SHARE = 0.05  # letters typed "without accents" still carry a few stray marks


def _typed_with_accents(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    marked = sum(1 for ch in letters if _fold_char(ch) != ch.lower())
    return bool(letters) and marked / len(letters) > ACCENTED_SHARE


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str  # the original wording


class FoldedText:
    """The letter (NFC) and its folded twin, searched with ASCII patterns."""

    def __init__(self, text: str) -> None:
        self.original = unicodedata.normalize("NFC", text)
        self.folded = fold(self.original)
        lower = self.original.lower()
        self.lower = lower if len(lower) == len(self.original) else "".join(
            ch.lower()[:1] or ch for ch in self.original)

        self.accented = _typed_with_accents(self.original)

    def search_vi(self, pattern: ViPattern, start: int = 0) -> re.Match[str] | None:
        """Search with a compile_vi() pattern (positions are those of the original)."""
        if self.accented:
            return pattern.exact.search(self.lower, start)
        return pattern.folded.search(self.folded, start)

    def finditer_vi(self, pattern: ViPattern) -> Iterator[re.Match[str]]:
        if self.accented:
            return pattern.exact.finditer(self.lower)
        return pattern.folded.finditer(self.folded)

    def view(self, pattern: ViPattern) -> tuple[str, re.Pattern[str]]:
        """The text and the pattern to use for this letter."""
        return (self.lower, pattern.exact) if self.accented else (self.folded, pattern.folded)

    def finditer(self, pattern: re.Pattern[str], start: int = 0, end: int | None = None
                 ) -> Iterator[re.Match[str]]:
        return pattern.finditer(self.folded, start, len(self.folded) if end is None else end)

    def search(self, pattern: re.Pattern[str], start: int = 0) -> re.Match[str] | None:
        return pattern.search(self.folded, start)

    def line_at(self, position: int) -> Span:
        start = self.original.rfind("\n", 0, position) + 1
        end = self.original.find("\n", position)
        stop = len(self.original) if end < 0 else end
        return Span(start, stop, self.original[start:stop])


def compile_folded(pattern: str) -> re.Pattern[str]:
    """A pattern over folded text (ASCII, lower case); a space in it (outside a character
    class) matches any whitespace run, line breaks included, since OCR and hurried typing break
    lines anywhere."""
    out: list[str] = []
    in_class = escaped = False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "[" and not in_class:
            in_class = True
        elif ch == "]" and in_class:
            in_class = False
        elif ch == " " and not in_class:
            out.append(r"\s+")
            continue
        out.append(ch)
    return re.compile("".join(out))


@dataclass(frozen=True)
class ViPattern:
    """An accented pattern and its accent-free twin (see compile_vi)."""

    exact: re.Pattern[str]
    folded: re.Pattern[str]


def compile_vi(pattern: str) -> ViPattern:
    """A pattern written in accented, lower-case Vietnamese. A letter typed with accents is
    matched exactly on its lower-cased text ("giả danh" never matches "tham gia đánh", "đến"
    never "Măng Đen"); a letter typed without accents is matched on its folded text. Spaces
    outside character classes match any whitespace run."""
    return ViPattern(exact=compile_folded(pattern), folded=compile_folded(fold(pattern)))
